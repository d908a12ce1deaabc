"""The app's own REST endpoint on splunkd, called the way the investigation page calls it.

Requests go to ``<splunkd_uri>/servicesNS/<user>/passivetotal/passivetotal/<route>`` with the search's session
key (``Authorization: Splunk <key>``), so the endpoint applies the user's capabilities, the cache, the rate and
quota limits and the provider settings exactly as for the page. Inside Splunk the call goes through
``splunk.rest.simpleRequest``, which reaches the local splunkd and handles its certificate as Splunk itself does;
where that module does not exist, ``urllib`` with Python's default, verifying TLS context is used. The session
key travels only in the header, never in a URL, a message or a log line.
"""

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple

APP = "passivetotal"
BATCH_MAX_CALLS = 40

# (url, session key, timeout seconds) -> (status, body)
Transport = Callable[[str, str, float], Tuple[int, bytes]]


class EndpointUnreachable(Exception):
    """splunkd could not be reached (or answered with a body that is not JSON)."""


class Answer(NamedTuple):
    """One answer of the endpoint: the HTTP status and the parsed JSON body (None when there was none)."""

    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def code(self) -> Optional[str]:
        """The stable ``code`` of the first message of an error envelope."""
        first = _first_message(self.body)
        code = first.get("code") if first else None
        return code if isinstance(code, str) and code else None

    @property
    def text(self) -> Optional[str]:
        """The text of the first message of an error envelope."""
        first = _first_message(self.body)
        text = first.get("text") if first else None
        return text if isinstance(text, str) and text.strip() else None

    @property
    def reset_at(self) -> Optional[str]:
        """When a spent quota resets (``resetAt`` of a quota error), if the endpoint knew."""
        first = _first_message(self.body)
        value = first.get("resetAt") if first else None
        return value if isinstance(value, str) and value else None


def _first_message(body: Any) -> Optional[dict]:
    if not isinstance(body, dict):
        return None
    messages = body.get("messages")
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        return messages[0]
    return None


def simple_request_transport(url: str, session_key: str, timeout: float) -> Tuple[int, bytes]:
    """``splunk.rest.simpleRequest`` (inside Splunk); ``rawResult`` keeps every status an answer."""
    import splunk.rest  # pylint: disable=import-outside-toplevel  # only importable inside Splunk

    try:
        response, content = splunk.rest.simpleRequest(
            url, sessionKey=session_key, method="GET", raiseAllErrors=False, rawResult=True, timeout=timeout
        )
    except Exception as error:  # splunk.* exceptions share no importable base class
        status = getattr(error, "statusCode", None)
        if isinstance(status, int):
            return status, b""
        raise EndpointUnreachable("splunkd could not be reached (%s)" % type(error).__name__)
    status = getattr(response, "status", None)
    if not isinstance(status, int):
        try:
            status = int(response.get("status", 0))
        except (AttributeError, TypeError, ValueError):
            status = 0
    body = content if isinstance(content, bytes) else str(content or "").encode("utf-8")
    return status, body


def urllib_transport(url: str, session_key: str, timeout: float) -> Tuple[int, bytes]:
    """``urllib`` with the default, verifying TLS context (outside Splunk)."""
    request = urllib.request.Request(url, headers={"Authorization": "Splunk " + session_key}, method="GET")
    return urllib_exchange(request, timeout)


def urllib_exchange(request: urllib.request.Request, timeout: float) -> Tuple[int, bytes]:
    """splunkd's status and body for a request through ``urllib``; an error status is an answer too, a splunkd that
    cannot be reached is ``EndpointUnreachable``."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        try:
            return error.code, error.read()
        finally:
            error.close()
    except (urllib.error.URLError, socket.timeout, OSError) as error:
        raise EndpointUnreachable("splunkd could not be reached (%s)" % type(error).__name__)


def default_transport() -> Transport:
    """simpleRequest inside Splunk, urllib elsewhere."""
    try:
        # Only asks whether Splunk's own module is there (it is only inside Splunk or with a test fake).
        import splunk.rest  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError:
        return urllib_transport
    return simple_request_transport


def call_path(route: str, params: Sequence[Tuple[str, str]]) -> str:
    """One ``pt/...`` or ``open/...`` call as a batch carries it: ``pt/dns/passive?query=evil.example``."""
    return route + ("?" + urllib.parse.urlencode(list(params)) if params else "")


class Endpoint:
    """The app's endpoint as one Splunk user (the search's session key)."""

    def __init__(
        self,
        splunkd_uri: str,
        session_key: str,
        user: str,
        transport: Optional[Transport] = None,
        timeout: float = 120.0,
    ) -> None:
        self._base = "%s/servicesNS/%s/%s/%s" % (
            splunkd_uri.rstrip("/"),
            urllib.parse.quote(user or "nobody", safe=""),
            APP,
            APP,
        )
        self._key = session_key
        self._send = transport or default_transport()
        self._timeout = timeout

    def __repr__(self) -> str:
        return "Endpoint(%r, <session key hidden>)" % self._base

    def get(self, route: str, params: Sequence[Tuple[str, str]] = ()) -> Answer:
        """``GET <route>?<params>&output_mode=json``."""
        query = urllib.parse.urlencode(list(params) + [("output_mode", "json")])
        status, raw = self._send("%s/%s?%s" % (self._base, route, query), self._key, self._timeout)
        if not raw.strip():
            return Answer(status, None)
        try:
            return Answer(status, json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError):
            if 200 <= status < 300:
                raise EndpointUnreachable("the app's endpoint answered with something that is not JSON")
            return Answer(status, None)

    def status(self) -> Answer:
        """``status``: configured providers, the dataset order, the user's capabilities."""
        return self.get("status")

    def batch(self, calls: Sequence[str]) -> List[Answer]:
        """Up to 40 ``pt/`` and ``open/`` calls in one request, each answered as its own GET would be. A refusal of
        the whole batch (a user without the app's capability) is every call's answer."""
        if not calls:
            return []
        if len(calls) > BATCH_MAX_CALLS:
            raise ValueError("a batch carries at most %d calls" % BATCH_MAX_CALLS)
        answer = self.get("batch", [("r", c) for c in calls])
        responses = answer.body.get("responses") if answer.ok and isinstance(answer.body, dict) else None
        if not answer.ok or not isinstance(responses, list) or len(responses) != len(calls):
            failed = answer if not answer.ok else Answer(502, _malformed_envelope())
            return [failed for _ in calls]
        out: List[Answer] = []
        for item in responses:
            if isinstance(item, dict) and isinstance(item.get("status"), int):
                out.append(Answer(item["status"], item.get("body")))
            else:
                out.append(Answer(502, _malformed_envelope()))
        return out

    def investigations(self, limit: int) -> Answer:
        """``investigations?limit=N``: the team's recent investigations, newest first."""
        return self.get("investigations", [("limit", str(limit))])


def _malformed_envelope() -> dict:
    return {
        "messages": [
            {
                "type": "ERROR",
                "text": "The app's endpoint answered a batch with something the command cannot read.",
                "code": "upstream_malformed",
            }
        ]
    }
