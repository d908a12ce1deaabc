"""One request of the endpoint, parsed: its method, route, parameters, the user's grants and splunkd clients.

The user's session token is required (403 ``forbidden`` without one) and is used only to read what the user may
do (authz.py); settings, credentials and the KV store are read and written with the system token
(``passSystemAuth``). The settings and the providers' context are made once per request and shared by the calls
of a batch. Before the request spends an upstream lookup, or when it changes the configuration (routes.py), the
user's capabilities are read afresh from splunkd, once per request (:meth:`Request.confirm`).
"""

import logging
import threading
from typing import Any, Dict, List, Optional, Tuple

from . import authz, logs
from .context import Context, Deps
from .errors import FORBIDDEN, INTERNAL, NOT_CONFIGURED, ProxyError
from .settings import Settings, SettingsError
from .settings import load as load_settings
from .splunkd import Splunkd
from .validation import query_pairs

LOG = logging.getLogger("passivetotal.request")

DEFAULT_REST_URI = "https://127.0.0.1:8089"
# The log level of the last settings read, so the next request logs at it before it reads them again.
last_level = ["INFO"]


class Request:
    """One parsed request with its splunkd clients and the user's grants."""

    def __init__(self, raw: Dict[str, Any], method: str, deps: Deps) -> None:
        self.raw = raw
        self.method = method
        self.deps = deps
        session: Dict[str, Any] = raw["session"] if isinstance(raw.get("session"), dict) else {}
        user_token = session.get("authtoken")
        system_token = raw.get("system_authtoken")
        if not isinstance(user_token, str) or not user_token:
            raise ProxyError(403, FORBIDDEN, "No Splunk session came with the request; log in to Splunk again.")
        if not isinstance(system_token, str) or not system_token:
            raise ProxyError(
                500, INTERNAL, "The endpoint is misconfigured: restmap.conf must set passSystemAuth = true."
            )
        server: Dict[str, Any] = raw["server"] if isinstance(raw.get("server"), dict) else {}
        transport = deps.transport_factory(str(server.get("rest_uri") or DEFAULT_REST_URI))
        self.user = Splunkd(user_token, transport)
        self.system = Splunkd(system_token, transport)
        self._token = user_token
        # Grants read from splunkd by this request need not be read again before it spends a lookup.
        self.grants, self._confirmed = self._grants(fresh=False)
        self._lock = threading.Lock()
        self._context: Optional[Context] = None

    def _grants(self, fresh: bool) -> Tuple[authz.Grants, bool]:
        try:
            return authz.read(self.user, self._token, self.deps.clock, fresh)
        except authz.AuthzError as error:
            LOG.error("could not read the user's capabilities: %s", error)
            raise ProxyError(
                500,
                INTERNAL,
                "Splunk did not say which capabilities your account has; try again or see passivetotal.log.",
            )

    def refresh(self) -> authz.Grants:
        """The user's grants read afresh from splunkd (once a request; later calls return the same)."""
        with self._lock:
            if not self._confirmed:
                self.grants, self._confirmed = self._grants(fresh=True)
            return self.grants

    def confirm(self) -> None:
        """403 ``forbidden`` unless the user, read afresh, still has ``passivetotal_query`` (before a lookup)."""
        if not self.refresh().can_query:
            raise self.forbidden(authz.CAP_QUERY, "query PassiveTotal or the open providers")

    def query(self) -> List[Tuple[str, str]]:
        """The URL parameters."""
        return query_pairs(self.raw)

    def context(self) -> Context:
        """The providers' context of this request (settings read once, credentials read once each)."""
        with self._lock:
            if self._context is None:
                self._context = Context(
                    self.system, read_settings(self.system), self.deps, self.grants.user, self.confirm
                )
            return self._context

    def forbidden(self, capability: str, doing: str) -> ProxyError:
        """The 403 for a user without ``capability``."""
        return ProxyError(
            403,
            FORBIDDEN,
            "Your Splunk account (%s) may not %s: it needs the capability %s (role passivetotal_%s). Ask a Splunk "
            "administrator."
            % (self.grants.user or "unknown", doing, capability, "admin" if "admin" in capability else "user"),
        )


def read_settings(system: Splunkd) -> Settings:
    """The settings through splunkd; 503 ``not_configured`` when they must not be used (an unsafe https_proxy)."""
    try:
        settings = load_settings(system)
    except SettingsError as error:
        raise ProxyError(
            503, NOT_CONFIGURED, "The app's settings are invalid: %s. An administrator can correct them." % error,
            {"reason": "invalid_settings"},
        )
    last_level[0] = settings.log_level
    logs.configure(settings.log_level)
    return settings
