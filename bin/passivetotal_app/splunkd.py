"""A tiny adapter for calls to the local splunkd (settings, credentials, capabilities, KV store).

Inside Splunk it uses ``splunk.rest.simpleRequest``, which reaches the local splunkd and handles its
self-signed certificate the way Splunk itself does. Where that module does not exist (tests, tools) it falls back
to ``urllib`` against the request's ``server.rest_uri`` with Python's default, verifying TLS context; certificate
verification is never turned off here. The token is sent only in the ``Authorization`` header.
"""

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple

Pairs = Sequence[Tuple[str, str]]


class SplunkdError(Exception):
    """splunkd could not be reached, or answered with something that is not JSON."""


class SplunkdAnswer(NamedTuple):
    """Status and raw body of a splunkd answer."""

    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON; SplunkdError when it is not."""
        try:
            return json.loads(self.body.decode("utf-8")) if self.body else None
        except (UnicodeDecodeError, ValueError):
            raise SplunkdError("splunkd answered with something that is not JSON (status %d)" % self.status)


# (method, path, token, query, form, json_body, timeout) -> answer
Transport = Callable[[str, str, str, List[Tuple[str, str]], Optional[Pairs], Optional[str], float], SplunkdAnswer]


def _with_json_mode(query: Optional[Pairs]) -> List[Tuple[str, str]]:
    pairs = [(k, v) for k, v in (query or []) if k != "output_mode"]
    pairs.append(("output_mode", "json"))
    return pairs


def simple_request_transport(
    method: str,
    path: str,
    token: str,
    query: List[Tuple[str, str]],
    form: Optional[Pairs],
    json_body: Optional[str],
    timeout: float,
) -> SplunkdAnswer:
    """``splunk.rest.simpleRequest`` (inside Splunk). ``rawResult`` keeps every status an answer, not an exception."""
    import splunk.rest  # pylint: disable=import-outside-toplevel  # only importable inside Splunk (or a test fake)

    try:
        response, content = splunk.rest.simpleRequest(
            path,
            sessionKey=token,
            getargs=dict(query),
            postargs=dict(form) if form else None,
            jsonargs=json_body,
            method=method,
            raiseAllErrors=False,
            rawResult=True,
            timeout=timeout,
        )
    except Exception as error:  # splunk.* exceptions share no base class that could be imported here
        status = getattr(error, "statusCode", None)
        if isinstance(status, int):
            return SplunkdAnswer(status, b"")
        raise SplunkdError("splunkd request failed: %s" % type(error).__name__)
    status = getattr(response, "status", None)
    if not isinstance(status, int):
        status = int(response.get("status", 0)) if hasattr(response, "get") else 0
    body = content if isinstance(content, bytes) else str(content or "").encode("utf-8")
    return SplunkdAnswer(status, body)


def urllib_transport(rest_uri: str) -> Transport:
    """``urllib`` against ``rest_uri`` (outside Splunk), with the default verifying TLS context."""
    base = rest_uri.rstrip("/")

    def send(
        method: str,
        path: str,
        token: str,
        query: List[Tuple[str, str]],
        form: Optional[Pairs],
        json_body: Optional[str],
        timeout: float,
    ) -> SplunkdAnswer:
        url = base + path + "?" + urllib.parse.urlencode(query)
        data: Optional[bytes] = None
        headers = {"Authorization": "Splunk " + token}
        if json_body is not None:
            data = json_body.encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif form:
            data = urllib.parse.urlencode(list(form)).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return SplunkdAnswer(answer.status, answer.read())
        except urllib.error.HTTPError as error:
            try:
                return SplunkdAnswer(error.code, error.read())
            finally:
                error.close()
        except (urllib.error.URLError, socket.timeout, OSError) as error:
            raise SplunkdError("splunkd at %s could not be reached: %s" % (base, type(error).__name__))

    return send


def default_transport(rest_uri: str) -> Transport:
    """simpleRequest when running inside Splunk, urllib otherwise."""
    try:
        # Only asks whether Splunk's own module is there (it is only inside Splunk or with a test fake).
        import splunk.rest  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError:
        return urllib_transport(rest_uri)
    return simple_request_transport


class Splunkd:
    """Calls to the local splunkd as one identity (the user's session token or the system token)."""

    def __init__(self, token: str, transport: Transport, timeout: float = 15.0) -> None:
        self._token = token
        self._transport = transport
        self._timeout = timeout

    def __repr__(self) -> str:
        return "Splunkd(<token hidden>)"

    def call(
        self,
        method: str,
        path: str,
        query: Optional[Pairs] = None,
        form: Optional[Pairs] = None,
        json_body: Any = None,
    ) -> SplunkdAnswer:
        """One request; ``path`` starts with ``/services`` or ``/servicesNS``; ``output_mode=json`` is added."""
        body = None if json_body is None else json.dumps(json_body, separators=(",", ":"))
        return self._transport(method, path, self._token, _with_json_mode(query), form, body, self._timeout)
