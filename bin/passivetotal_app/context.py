"""What the calls to providers of one request share, and the parts a test or the stand-in may replace.

:class:`Deps` is replaceable: how splunkd is reached (a transport per ``rest_uri``), how one upstream exchange is
made (transport.py's :func:`~passivetotal_app.transport.exchange` by default), the clock, sleep, and the jitter
of the retries' backoff. :class:`Context` is one request's view for the provider pipeline: splunkd with the
system token, the settings, the credentials read so far (keys.py), and each provider's HTTP client with its time
budget (the larger of ``[api] deadline_seconds`` and the provider's ``timeout_seconds``), the Splunk user the
lookups are counted for (allowance.py, ratelimit.py) and ``confirm``, which checks again, just before a lookup
spends an upstream call, that the user still may query (request.py).
"""

import random
import time
from typing import Callable, Optional

from .http_client import HttpClient
from . import keys
from .credentials import Credential
from .keys import KeyRing
from .profiles import Profile
from .settings import ProviderSettings, Settings
from .splunkd import Splunkd, Transport, default_transport
from .transport import Transport as UpstreamTransport
from .transport import exchange


class Deps:
    """The replaceable parts (see the module docstring)."""

    def __init__(
        self,
        transport_factory: Callable[[str], Transport] = default_transport,
        upstream: Optional[UpstreamTransport] = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.transport_factory = transport_factory
        self.upstream: UpstreamTransport = upstream or exchange
        self.clock = clock
        self.sleep = sleep
        self.jitter = jitter


class Context:
    """One request's splunkd (system token), settings, credentials and HTTP clients."""

    def __init__(
        self,
        system: Splunkd,
        settings: Settings,
        deps: Deps,
        user: str = "",
        confirm: Optional[Callable[[], None]] = None,
    ) -> None:
        self.system = system
        self.settings = settings
        self.deps = deps
        self.keys = KeyRing(system, deps.clock)
        self.user = user
        self._confirm = confirm

    def confirm(self) -> None:
        """Raises 403 ``forbidden`` when the user may no longer query (read fresh from splunkd once a request)."""
        if self._confirm is not None:
            self._confirm()

    def clock(self) -> float:
        return self.deps.clock()

    def provider(self, profile: Profile) -> ProviderSettings:
        """The provider's settings."""
        return self.settings.providers[profile.id]

    def credential(self, profile: Profile) -> Optional[Credential]:
        """The provider's stored credential (keys.py), refused when it was entered for another host."""
        found = self.keys.credential(profile)
        if found is not None:
            keys.bound(profile, self.provider(profile))
        return found

    def budget(self, profile: Profile) -> float:
        """Seconds one lookup of the provider may take, retries and follow-up requests included."""
        return max(self.settings.deadline_seconds, self.provider(profile).timeout_seconds)

    def http(self, profile: Profile, budget: Optional[float] = None, retries: Optional[int] = None) -> HttpClient:
        """A client for one lookup of the provider, its budget starting now."""
        return HttpClient(
            self.deps.upstream,
            self.settings.https_proxy,
            self.budget(profile) if budget is None else budget,
            self.settings.retries if retries is None else retries,
            self.deps.clock,
            self.deps.sleep,
            self.deps.jitter,
        )
