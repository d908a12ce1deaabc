"""Test-only fake of ``splunk.rest``: ``simpleRequest`` forwards to the fake splunkd installed by a test."""

from typing import Any, Callable, Dict, Mapping, Optional, Tuple

import splunk

# Set by the tests: (method, path, token, getargs, postargs, jsonargs) -> (status, body bytes)
backend: Optional[Callable[..., Tuple[int, bytes]]] = None
calls = []


class Response(Dict[str, str]):
    """Like httplib2's response: a dict of headers with ``status``."""

    def __init__(self, status: int) -> None:
        super().__init__(status=str(status))
        self.status = status


def simpleRequest(
    path: str,
    sessionKey: Optional[str] = None,
    getargs: Optional[Mapping[str, Any]] = None,
    postargs: Optional[Mapping[str, Any]] = None,
    method: str = "GET",
    raiseAllErrors: bool = False,
    proxyMode: bool = False,
    rawResult: bool = False,
    timeout: Optional[float] = None,
    jsonargs: Optional[str] = None,
    token: bool = False,
) -> Tuple[Response, bytes]:
    calls.append({"path": path, "method": method, "rawResult": rawResult})
    if backend is None:
        raise splunk.SplunkdConnectionException("no fake splunkd installed")
    status, body = backend(method, path, sessionKey, dict(getargs or {}), dict(postargs or {}), jsonargs)
    if not rawResult and status in (401, 402, 403, 404):
        raise splunk.RESTException(status)
    return Response(status), body
