"""The HTTP client of the open providers (open_providers.py, rdap.py).

Like the PassiveTotal client (upstream.py): an explicit verifying TLS context, the configured ``https_proxy`` or
none, bounded retries with backoff (a failed connection and 502/503/504 up to ``retries`` times, a timeout at
most once, never a 4xx) inside one time budget, and every transport failure turned into a ProxyError that names
the provider. Redirects are never followed by urllib; the caller may follow them one by one, after checking
each target itself (only RDAP does, see rdap.py), and a key never travels to a redirect target.

A request's key headers hold :class:`~passivetotal_app.credentials.Secret` values, so a request can be printed or
logged without showing a key; they are revealed only in :meth:`OpenHttp.fetch`, right before the request leaves.
The transport (one HTTP exchange) is replaceable, so tests can see exactly what would be sent.
"""

import threading
import time
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from .credentials import Secret
from .errors import RETRYABLE_STATUSES, ProxyError, open_timeout_error, open_unreachable_error
from .upstream import USER_AGENT, _NoRedirect, _Outcome, open_request, verifying_context

BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 4.0
MAX_RETRY_AFTER_SECONDS = 5
MAX_REDIRECTS = 3
REDIRECT_STATUSES = frozenset([301, 302, 303, 307, 308])

# (method, url, headers, body, timeout) -> outcome
Transport = Callable[[str, str, List[Tuple[str, str]], Optional[bytes], float], _Outcome]


class OpenRequest(NamedTuple):
    """One fixed upstream request: built from the allow-list table, never from the browser's words.

    ``headers`` values are text, or a Secret for a key.
    """

    method: str
    url: str
    headers: Tuple[Tuple[str, Any], ...]
    body: Optional[bytes] = None

    def shown_headers(self) -> Dict[str, str]:
        """The headers with every key masked (for messages, logs and test output)."""
        return {name: str(value) for name, value in self.headers}

    def revealed_headers(self) -> List[Tuple[str, str]]:
        """The headers as they are sent. Call it only where the request leaves."""
        return [(name, value.reveal() if isinstance(value, Secret) else value) for name, value in self.headers]


class Fetched(NamedTuple):
    """An HTTP answer of any status, from the URL that gave it (after followed redirects)."""

    status: int
    body: bytes
    headers: Dict[str, str]
    url: str
    attempts: int


_transports_lock = threading.Lock()
_transports: Dict[str, Transport] = {}


def urllib_transport(https_proxy: str) -> Transport:
    """One exchange with urllib: verifying TLS, the given proxy (or none), no redirects followed. Made once per
    proxy setting in this process (building the TLS context reads the CA bundle)."""
    with _transports_lock:
        made = _transports.get(https_proxy)
        if made is None:
            made = _transports[https_proxy] = _make_transport(https_proxy)
        return made


def _make_transport(https_proxy: str) -> Transport:
    proxies = {"https": https_proxy} if https_proxy else {}
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler(proxies),
        urllib.request.HTTPSHandler(context=verifying_context()),
        _NoRedirect(),
    )

    def send(method: str, url: str, headers: List[Tuple[str, str]], body: Optional[bytes], timeout: float) -> _Outcome:
        request = urllib.request.Request(url, data=body, method=method)
        for name, value in headers:
            request.add_unredirected_header(name, value)
        return open_request(opener, request, timeout)

    return send


def retry_after(headers: Dict[str, str]) -> Optional[int]:
    """A Retry-After header in seconds, or None."""
    value = headers.get("retry-after", "").strip()
    return int(value) if value.isdigit() else None


class OpenHttp:
    """Sends the requests of one lookup of one provider, inside one time budget (``deadline_at``)."""

    def __init__(
        self,
        provider: str,
        label: str,
        transport: Transport,
        timeout_seconds: float,
        retries: int,
        deadline_at: float,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provider = provider
        self.label = label
        self._transport = transport
        self.timeout_seconds = timeout_seconds
        self._retries = retries
        self.deadline_at = deadline_at
        self._clock = clock
        self._sleep = sleep
        self.sent: List[OpenRequest] = []

    def remaining(self) -> float:
        """Seconds left of the budget."""
        return self.deadline_at - self._clock()

    def fetch(
        self,
        request: OpenRequest,
        follow: Optional[Callable[[str], bool]] = None,
        timeout: Optional[float] = None,
        retries: Optional[int] = None,
    ) -> Fetched:
        """The answer to ``request`` (any HTTP status); ProxyError when no answer came.

        ``follow`` decides, per absolute target URL, whether a redirect is followed (GET, no body, the same
        headers: only keyless requests are ever given a ``follow``); without it a redirect is returned as is.
        """
        hops = 0
        current = request
        while True:
            fetched = self._fetch_once(current, timeout, self._retries if retries is None else retries)
            location = fetched.headers.get("location", "")
            if follow is None or fetched.status not in REDIRECT_STATUSES or not location or hops >= MAX_REDIRECTS:
                return fetched
            target = urllib.parse.urljoin(current.url, location.strip())
            if not follow(target):
                return fetched
            hops += 1
            current = OpenRequest("GET", target, current.headers, None)

    def _fetch_once(self, request: OpenRequest, timeout: Optional[float], retries: int) -> Fetched:
        per_attempt = min(self.timeout_seconds, timeout) if timeout is not None else self.timeout_seconds
        tries = 0
        timeouts = 0
        while True:
            left = self.remaining()
            if left <= 0.05:
                raise open_timeout_error(self.label, self.provider, self.timeout_seconds, max(tries, 1))
            attempt_timeout = max(0.05, min(per_attempt, left))
            self.sent.append(request)
            tries += 1
            outcome = self._transport(
                request.method,
                request.url,
                request.revealed_headers() + [("User-Agent", USER_AGENT)],
                request.body,
                attempt_timeout,
            )
            timeouts += outcome.failure == "timeout"
            if tries <= retries and self._retryable(outcome, timeouts):
                delay = self._delay(tries - 1, outcome)
                if self.remaining() > delay + 0.05:
                    self._sleep(delay)
                    continue
            if outcome.failure == "timeout":
                raise open_timeout_error(self.label, self.provider, attempt_timeout, tries)
            if outcome.failure:
                host = urllib.parse.urlsplit(request.url).hostname or "?"
                raise open_unreachable_error(self.label, host, outcome.reason, tries)
            return Fetched(outcome.status, outcome.body, outcome.headers, request.url, tries)

    @staticmethod
    def _retryable(outcome: _Outcome, timeouts: int) -> bool:
        if outcome.failure == "timeout":
            return timeouts <= 1
        if outcome.failure:
            return True
        return outcome.status in RETRYABLE_STATUSES

    @staticmethod
    def _delay(retry: int, outcome: _Outcome) -> float:
        delay = min(BACKOFF_FIRST_SECONDS * (2 ** retry), BACKOFF_MAX_SECONDS)
        after = retry_after(outcome.headers)
        if after is not None and after <= MAX_RETRY_AFTER_SECONDS:
            delay = max(delay, float(after))
        return delay


def origin(url: str) -> Tuple[str, str, Optional[int]]:
    """``(scheme, host, port)`` of a URL, the port made explicit; ``("", "", None)`` when it cannot be read."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return ("", "", None)
    scheme = parts.scheme.lower()
    if port is None:
        port = {"https": 443, "http": 80}.get(scheme)
    return (scheme, (parts.hostname or "").lower(), port)


def raise_for(error: ProxyError, provider: str) -> ProxyError:
    """``error`` with the provider's id in its extra fields (so every open-route error names its provider)."""
    error.extra.setdefault("provider", provider)
    return error
