"""The one HTTP client of every provider: the requests of one lookup inside one time budget, over transport.py.

- Retries only where another attempt can help: a failed connection and the catalogue's ``retryStatuses``
  (502, 503, 504) up to ``[api] retries`` times, a timeout at most ``timeoutRetries`` times, never a 4xx, a TLS
  failure or an answer cut off by the budget. The wait before a retry is exponential backoff with jitter (half
  the step plus a random part of the other half, from ``backoffFirstSeconds`` up to ``backoffMaxSeconds``), or
  longer when the upstream's ``Retry-After`` (seconds or an HTTP date) asks for it; a ``Retry-After`` beyond
  ``maxRetryAfterSeconds`` ends the retries. No attempt starts when the wait would end past the budget.
- Redirects are returned as answers, unless the caller passes ``follow`` (only for operations whose catalogue
  entry says ``followRedirects``, and never for a request that carries a key): then each target that ``follow``
  admits is fetched (a checked request, addresses.py), at most ``maxRedirects`` of them; one that gets no answer
  leaves the redirect as the answer, like a refused one.
- A failure without an answer becomes a ProxyError through classify.py (timeout, unreachable, too large).
"""

import email.utils
import math
import random
import time
import urllib.parse
from typing import Callable, Dict, NamedTuple, Optional

from . import catalogue, memory
from .addresses import CHECKED
from .classify import Source, malformed_error, timeout_error, unreachable_error
from .errors import ProxyError
from .transport import Limits, Request, Response, Transport, TransportFailure

CONNECT_SECONDS = float(catalogue.HTTP["connectTimeoutSeconds"])
RETRY_STATUSES = frozenset(catalogue.HTTP["retryStatuses"])
TIMEOUT_RETRIES = int(catalogue.HTTP["timeoutRetries"])
BACKOFF_FIRST_SECONDS = float(catalogue.HTTP["backoffFirstSeconds"])
BACKOFF_MAX_SECONDS = float(catalogue.HTTP["backoffMaxSeconds"])
MAX_RETRY_AFTER_SECONDS = int(catalogue.HTTP["maxRetryAfterSeconds"])
MAX_REDIRECTS = int(catalogue.HTTP["maxRedirects"])
REDIRECT_STATUSES = frozenset([301, 302, 303, 307, 308])
# An attempt needs at least this much of the budget left to start.
MIN_ATTEMPT_SECONDS = 0.05


class Fetched(NamedTuple):
    """An HTTP answer of any status, from the URL that gave it (after followed redirects)."""

    status: int
    body: bytes
    headers: Dict[str, str]
    url: str
    attempts: int


def retry_after(headers: Dict[str, str], now: Optional[float] = None) -> Optional[int]:
    """A Retry-After header in whole seconds (from a number or an HTTP date), or None."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return int(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(0, int(math.ceil(moment.timestamp() - (time.time() if now is None else now))))


class HttpClient:
    """Sends the requests of one lookup of one provider inside one time budget."""

    def __init__(
        self,
        transport: Transport,
        https_proxy: str,
        budget_seconds: float,
        retries: int,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._transport = transport
        self._proxy = https_proxy
        self.budget_seconds = budget_seconds
        self._retries = retries
        self._clock = clock
        self._sleep = sleep
        self._jitter = jitter
        self.deadline_at = clock() + budget_seconds

    def remaining(self) -> float:
        """Seconds left of the budget."""
        return self.deadline_at - self._clock()

    def backoff(self, retry: int) -> float:
        """The wait before retry number ``retry`` (from 0): jittered exponential backoff."""
        step = min(BACKOFF_FIRST_SECONDS * 2.0 ** retry, BACKOFF_MAX_SECONDS)
        return step / 2.0 + step / 2.0 * self._jitter()

    def fetch(
        self,
        request: Request,
        src: Source,
        timeout: float,
        max_bytes: int,
        follow: Optional[Callable[[str], Optional[str]]] = None,
        retries: Optional[int] = None,
    ) -> Fetched:
        """The answer to ``request`` (any HTTP status); ProxyError when no answer came. ``follow`` decides, per
        absolute target URL, whether a redirect is followed (a GET without body, the same headers): it answers
        addresses.py's admission (``checked``: an upstream's choice, connected to only at a checked address) or
        None. A followed redirect that gets no answer, for whatever reason, gives the redirect itself as the answer,
        exactly as one the app refuses to follow: no reply tells whether something listens where it pointed."""
        if follow is not None and request.has_secret():
            raise ValueError("a request with a key never follows redirects")
        hops = 0
        current = request
        redirect: Optional[Fetched] = None
        while True:
            try:
                fetched = self._fetch_once(current, src, timeout, max_bytes,
                                           self._retries if retries is None else retries)
            except ProxyError:
                if redirect is None:
                    raise
                return redirect
            location = fetched.headers.get("location", "")
            if follow is None or fetched.status not in REDIRECT_STATUSES or not location or hops >= MAX_REDIRECTS:
                return fetched
            target = urllib.parse.urljoin(current.url, location.strip())
            verdict = follow(target)
            if verdict is None:
                return fetched
            hops += 1
            redirect = fetched
            current = Request("GET", target, current.headers, None, checked=verdict == CHECKED)

    def _fetch_once(self, request: Request, src: Source, timeout: float, max_bytes: int, retries: int) -> Fetched:
        tries = 0
        timeouts = 0
        while True:
            left = self.remaining()
            if left <= MIN_ATTEMPT_SECONDS:
                raise timeout_error(src, self.budget_seconds, max(tries, 1), budget=True)
            limits = Limits(CONNECT_SECONDS, min(timeout, left), left, max_bytes)
            tries += 1
            response: Optional[Response] = None
            failure: Optional[TransportFailure] = None
            try:
                response = self._transport(request, limits, self._proxy)
            except TransportFailure as caught:
                # Without its traceback: the frames in it hold the answer's bytes read so far.
                failure = caught.with_traceback(None)
            if failure is not None and failure.kind == "too_large":
                raise malformed_error(src, "more than %s of data" % memory.megabytes(max_bytes))
            if failure is not None and failure.kind == "batch_full":
                raise malformed_error(src, memory.OVER_BATCH)
            timeouts += failure is not None and failure.kind == "timeout"
            delay = self._retry_delay(response, failure, timeouts, tries - 1) if tries <= retries else None
            if delay is not None and self.remaining() > delay + MIN_ATTEMPT_SECONDS:
                self._sleep(delay)
                continue
            if failure is not None:
                raise self._failure(failure, request, src, timeout, tries)
            assert response is not None
            return Fetched(response.status, response.body, response.headers, request.url, tries)

    def _retry_delay(
        self, response: Optional[Response], failure: Optional[TransportFailure], timeouts: int, retry: int
    ) -> Optional[float]:
        """The wait before another attempt, or None when another attempt cannot help."""
        if failure is not None:
            if failure.kind == "connection" or (failure.kind == "timeout" and timeouts <= TIMEOUT_RETRIES):
                return self.backoff(retry)
            return None
        assert response is not None
        if response.status not in RETRY_STATUSES:
            return None
        after = retry_after(response.headers)
        if after is not None and after > MAX_RETRY_AFTER_SECONDS:
            return None
        return max(self.backoff(retry), float(after or 0))

    def _failure(
        self, failure: TransportFailure, request: Request, src: Source, timeout: float, tries: int
    ) -> ProxyError:
        if failure.kind == "deadline":
            return timeout_error(src, self.budget_seconds, tries, budget=True)
        if failure.kind == "timeout":
            return timeout_error(src, timeout, tries)
        host = urllib.parse.urlsplit(request.url).hostname or "?"
        return unreachable_error(src, host, failure.reason, tries)
