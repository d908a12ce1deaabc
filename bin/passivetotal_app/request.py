"""One request of the endpoint, parsed: its method, route, parameters, the user's grants and splunkd clients.

The user's session token is required (403 ``forbidden`` without one) and is used only to read what the user may
do (authz.py); settings, credentials and the KV store are read and written with the system token
(``passSystemAuth``). The settings and the providers' context are made once per request and shared by the calls
of a batch.
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
        try:
            self.grants = authz.grants_for(self.user, user_token, deps.clock)
        except authz.AuthzError as error:
            LOG.error("could not read the user's capabilities: %s", error)
            raise ProxyError(
                500,
                INTERNAL,
                "Splunk did not say which capabilities your account has; try again or see passivetotal.log.",
            )
        self._lock = threading.Lock()
        self._context: Optional[Context] = None

    def query(self) -> List[Tuple[str, str]]:
        """The URL parameters."""
        return query_pairs(self.raw)

    def context(self) -> Context:
        """The providers' context of this request (settings read once, credentials read once each)."""
        with self._lock:
            if self._context is None:
                self._context = Context(self.system, read_settings(self.system), self.deps)
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
