"""The HTTP client for PassiveTotal v2 (or a compatible endpoint such as the replay server).

- HTTPS with an explicit, verifying SSL context (``ssl.create_default_context()``); plain http only when settings.py
  accepted a loopback base URL.
- HTTP basic authentication from username and API key, in the ``Authorization`` header only (never in a URL).
- The proxy is the configured ``https_proxy`` or none: proxy variables of splunkd's environment are not used.
- Redirects are not followed (the Authorization header must not travel to another host).
- Bounded retries with exponential backoff, only where another attempt can help: a failed connection and HTTP
  502/503/504 up to ``retries`` times, a timeout at most once, never a 4xx; no attempt starts after
  ``deadline_seconds``.
- Every failure becomes a :class:`~passivetotal_app.errors.ProxyError` (errors.py decides which).
"""

import base64
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, NamedTuple, Optional

from . import APP_VERSION
from .credentials import Credential
from .errors import (
    RETRYABLE_STATUSES,
    ProxyError,
    classify_upstream,
    is_error_only_body,
    malformed_error,
    timeout_error,
    unreachable_error,
)
from .model import Answer, Query
from .settings import Settings

USER_AGENT = "PassiveTotal-for-Splunk/%s" % APP_VERSION
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 4.0
MAX_RETRY_AFTER_SECONDS = 5


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Turns every redirect into an HTTPError carrying the 3xx status."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Outcome(NamedTuple):
    """One attempt: an HTTP answer (status, body, headers) or a transport failure kind."""

    status: int
    body: bytes
    headers: Dict[str, str]
    failure: str  # "" for an HTTP answer, else "timeout", "connection" or "tls"
    reason: str


def open_request(opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float) -> "_Outcome":
    """One HTTP exchange through ``opener``: the answer of any status (a redirect included, when the opener does not
    follow redirects), or the kind of transport failure. Shared by this client and open_upstream.py."""
    try:
        with opener.open(request, timeout=timeout) as answer:
            body = answer.read(MAX_RESPONSE_BYTES + 1)
            return _Outcome(answer.status, body, {k.lower(): v for k, v in answer.headers.items()}, "", "")
    except urllib.error.HTTPError as error:
        try:
            body = error.read(MAX_RESPONSE_BYTES + 1) if error.fp is not None else b""
        except (OSError, http.client.HTTPException):
            body = b""
        finally:
            error.close()
        headers = {k.lower(): v for k, v in (error.headers or {}).items()}
        return _Outcome(error.code, body, headers, "", "")
    except urllib.error.URLError as error:
        return failure_outcome(error.reason)
    except (socket.timeout, TimeoutError) as error:
        return failure_outcome(error)
    except (http.client.HTTPException, OSError) as error:
        return failure_outcome(error)


def failure_outcome(reason: Any) -> "_Outcome":
    """The transport failure kind and words for an exception (never its text: it may quote a URL or header)."""
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return _Outcome(0, b"", {}, "timeout", "timed out")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return _Outcome(0, b"", {}, "tls", "its TLS certificate could not be verified")
    if isinstance(reason, ssl.SSLError):
        return _Outcome(0, b"", {}, "tls", "the TLS handshake failed")
    if isinstance(reason, ConnectionRefusedError):
        return _Outcome(0, b"", {}, "connection", "connection refused")
    if isinstance(reason, socket.gaierror):
        return _Outcome(0, b"", {}, "connection", "the host name could not be resolved")
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected)):
        return _Outcome(0, b"", {}, "connection", "the connection was closed")
    if isinstance(reason, http.client.HTTPException):
        return _Outcome(0, b"", {}, "connection", "the answer was not valid HTTP")
    return _Outcome(0, b"", {}, "connection", "the connection failed (%s)" % type(reason).__name__)


def basic_authorization(credential: Credential) -> str:
    """The Authorization header value for PassiveTotal's HTTP basic authentication."""
    raw = ("%s:%s" % (credential.username, credential.api_key.reveal())).encode("utf-8")
    return "Basic " + base64.b64encode(raw).decode("ascii")


def _retry_after(headers: Dict[str, str]) -> Optional[int]:
    value = headers.get("retry-after", "").strip()
    return int(value) if value.isdigit() else None


_context_lock = threading.Lock()
_contexts: List[ssl.SSLContext] = []


def verifying_context() -> ssl.SSLContext:
    """One verifying SSL context per process: making one reads the system's CA certificates (about 40 ms), which
    every request would otherwise pay. An SSLContext may be shared by threads and connections."""
    with _context_lock:
        if not _contexts:
            _contexts.append(ssl.create_default_context())
        return _contexts[0]


class UpstreamClient:
    """Answers a validated :class:`Query` from the upstream, or raises ProxyError."""

    def __init__(
        self,
        settings: Settings,
        credential: Credential,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._settings = settings
        self._authorization = basic_authorization(credential)
        self._sleep = sleep
        self._clock = clock
        proxies = {"https": settings.https_proxy} if settings.https_proxy else {}
        self._opener = urllib.request.build_opener(
            urllib.request.ProxyHandler(proxies),
            urllib.request.HTTPSHandler(context=verifying_context()),
            _NoRedirect(),
        )
        self.attempts = 0

    def __repr__(self) -> str:
        return "UpstreamClient(%r)" % self._settings.base_url

    def url(self, query: Query) -> str:
        """The upstream URL: base URL, the allow-listed path, the validated parameters."""
        suffix = "?" + urllib.parse.urlencode(list(query.params)) if query.params else ""
        return "%s/%s%s" % (self._settings.base_url, query.path, suffix)

    def _attempt(self, url: str, timeout: float) -> _Outcome:
        request = urllib.request.Request(url, method="GET")
        request.add_unredirected_header("Authorization", self._authorization)
        request.add_header("Accept", "application/json")
        request.add_header("User-Agent", USER_AGENT)
        self.attempts += 1
        return open_request(self._opener, request, timeout)

    @staticmethod
    def _failure(reason: Any) -> _Outcome:
        return failure_outcome(reason)

    def _retryable(self, outcome: _Outcome, timeouts: int) -> bool:
        if outcome.failure == "timeout":
            return timeouts <= 1
        if outcome.failure == "connection":
            return True
        return outcome.failure == "" and outcome.status in RETRYABLE_STATUSES

    def _delay(self, retry: int, outcome: _Outcome) -> float:
        delay = min(BACKOFF_FIRST_SECONDS * (2 ** retry), BACKOFF_MAX_SECONDS)
        after = _retry_after(outcome.headers)
        if after is not None and after <= MAX_RETRY_AFTER_SECONDS:
            delay = max(delay, float(after))
        return delay

    def _error(self, outcome: _Outcome, query: Query, attempts: int, timeout: float) -> ProxyError:
        host = urllib.parse.urlsplit(self._settings.base_url).hostname or "?"
        if outcome.failure == "timeout":
            return timeout_error(timeout, attempts)
        if outcome.failure:
            return unreachable_error(host, outcome.reason, attempts)
        return classify_upstream(outcome.status, outcome.body, query.label, _retry_after(outcome.headers), attempts)

    def get(self, query: Query) -> Answer:
        """The upstream's JSON answer for ``query``; ProxyError for every kind of failure."""
        url = self.url(query)
        settings = self._settings
        deadline = self._clock() + settings.deadline_seconds
        retries = 0
        timeouts = 0
        while True:
            timeout = max(0.05, min(settings.timeout_seconds, deadline - self._clock()))
            outcome = self._attempt(url, timeout)
            timeouts += outcome.failure == "timeout"
            if outcome.failure == "" and 200 <= outcome.status < 300:
                return self._answer(outcome, query)
            if retries < settings.retries and self._retryable(outcome, timeouts):
                delay = self._delay(retries, outcome)
                if self._clock() + delay + 0.05 < deadline:
                    self._sleep(delay)
                    retries += 1
                    continue
            raise self._error(outcome, query, retries + 1, settings.timeout_seconds)

    def _answer(self, outcome: _Outcome, query: Query) -> Answer:
        if len(outcome.body) > MAX_RESPONSE_BYTES:
            raise malformed_error(query.label, "more than %d MB of data" % (MAX_RESPONSE_BYTES // (1024 * 1024)))
        if outcome.status == 204 or not outcome.body.strip():
            return Answer(None if outcome.status == 204 else {}, False, self._clock())
        try:
            data = json.loads(outcome.body.decode("utf-8"))
        except UnicodeDecodeError:
            raise malformed_error(query.label, "text that is not UTF-8")
        except ValueError:
            looks_html = outcome.body.lstrip()[:1] == b"<"
            what = "an HTML page instead of JSON" if looks_html else "a body that is not valid JSON"
            raise malformed_error(query.label, what)
        if not isinstance(data, (dict, list)):
            raise malformed_error(query.label, "a bare JSON value instead of an object")
        if is_error_only_body(data):
            raise classify_upstream(outcome.status, outcome.body, query.label)
        return Answer(data, False, self._clock())

