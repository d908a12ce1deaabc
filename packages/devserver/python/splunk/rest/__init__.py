"""Test-only stand-in for ``splunk.rest``: ``simpleRequest`` over ``urllib`` against the stand-in.

Behaviour kept from Splunk's ``simpleRequest`` (as documented and widely relied on):

- A relative path goes to the local splunkd (here ``$SPLUNKD_URI``); a path that does not start
  with ``/services`` gets ``/services/`` put in front; an ``http(s)://`` URI is used as given.
- ``getargs`` become the query string (``None`` values dropped, lists repeated); ``postargs`` a
  form-encoded body, ``jsonargs`` (a JSON string) a JSON body; either turns a ``GET`` into a ``POST``.
- ``Authorization: Splunk <sessionKey>`` (``Bearer`` with ``token=True``).
- Returns ``(response, content)``: ``response`` is a dict of lower-case response headers (plus
  ``"status"`` as a string, like httplib2's) with ``.status``, ``.reason`` and ``.messages``;
  ``content`` is the body as ``bytes``.
- Always raises for 401 ``splunk.AuthenticationFailed``, 402 ``splunk.LicenseRestriction``,
  403 ``splunk.AuthorizationFailed`` and 404 ``splunk.ResourceNotFound``. Other non-2xx answers
  are returned (their splunkd messages parsed into ``response.messages``) unless
  ``raiseAllErrors=True``, which raises ``splunk.BadRequest`` (400), ``splunk.InternalServerError``
  (500) or ``splunk.RESTException`` (any other status >= 400). ``rawResult=True`` never raises on a
  status. Connection failures raise ``splunk.SplunkdConnectionException``.

Not modelled: Splunk's own session-key cache (without ``sessionKey`` no Authorization header is
sent), ``proxyMode``, ``file://`` paths and client certificates. Splunk skips TLS verification for
its local splunkd; this shim keeps Python's default verification (the stand-in speaks plain HTTP).
"""

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import splunk

REST_ROOT_PATH = "/services"
SPLUNKD_CONNECTION_TIMEOUT = 30


class SplunkdResponse(Dict[str, str]):
    """The response half of ``simpleRequest``'s answer: lower-case headers plus status fields."""

    def __init__(self, status: int, reason: str, headers: Mapping[str, str]) -> None:
        super().__init__((name.lower(), value) for name, value in headers.items())
        self["status"] = str(status)
        self.status = status
        self.reason = reason
        self.messages: List[Dict[str, Any]] = []


def makeSplunkdUri() -> str:
    """The local splunkd's base URI with a trailing slash."""
    return splunk.getLocalServerInfo() + "/"


def _resolve_uri(path: str) -> str:
    if path.startswith("http://") or path.startswith("https://"):
        return path
    if not path.startswith(REST_ROOT_PATH):
        path = REST_ROOT_PATH + "/" + path.strip("/")
    return makeSplunkdUri() + path.strip("/")


def _urlencode(args: Mapping[str, Any]) -> str:
    return urllib.parse.urlencode([(k, v) for k, v in args.items() if v is not None], doseq=True)


def _encode_body(postargs: Optional[Mapping[str, Any]], jsonargs: Union[str, bytes, None]) -> Optional[bytes]:
    if jsonargs:
        return jsonargs.encode("utf-8") if isinstance(jsonargs, str) else jsonargs
    if postargs:
        return _urlencode(postargs).encode("utf-8")
    return None


def extractMessages(content: bytes) -> List[Dict[str, Any]]:
    """splunkd's messages from a JSON (``{"messages": [...]}``) or XML (``<messages><msg>``) body."""
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("messages"), list):
        return [
            {"type": m.get("type"), "code": m.get("code"), "text": m.get("text")}
            for m in body["messages"]
            if isinstance(m, dict)
        ]
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        return []
    messages = root.find("messages")
    if messages is None:
        messages = root.find("{http://dev.splunk.com/ns/rest}messages")
    if messages is None:
        return []
    return [{"type": m.get("type"), "code": m.get("code"), "text": m.text} for m in messages]


def _send(request: urllib.request.Request, timeout: float) -> Tuple[SplunkdResponse, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return SplunkdResponse(answer.status, answer.reason, answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        try:
            content = error.read()
        finally:
            error.close()
        return SplunkdResponse(error.code, str(error.reason), error.headers), content
    except (urllib.error.URLError, socket.timeout, OSError) as error:
        raise splunk.SplunkdConnectionException("Error connecting to %s: %s" % (request.full_url, error))


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
    jsonargs: Union[str, bytes, None] = None,
    token: bool = False,
) -> Tuple[SplunkdResponse, bytes]:
    """Calls splunkd; returns ``(response, content)`` and raises as described in the module docstring."""
    uri = _resolve_uri(path)
    if getargs:
        uri += "?" + _urlencode(getargs)
    body = _encode_body(postargs, jsonargs)
    if body is not None and method.upper() == "GET":
        method = "POST"
    headers = {"Content-Type": "application/json" if jsonargs else "application/x-www-form-urlencoded"}
    if sessionKey:
        headers["Authorization"] = ("Bearer " if token else "Splunk ") + sessionKey
    request = urllib.request.Request(uri, data=body, headers=headers, method=method.upper())
    response, content = _send(request, SPLUNKD_CONNECTION_TIMEOUT if timeout is None else timeout)
    if rawResult:
        return response, content

    status = response.status
    if status == 401:
        raise splunk.AuthenticationFailed()
    if status == 402:
        raise splunk.LicenseRestriction()
    if status == 403:
        raise splunk.AuthorizationFailed(extendedMessages=uri)
    if status == 404:
        raise splunk.ResourceNotFound(uri, extendedMessages=extractMessages(content) or None)
    if status == 201 or not 200 <= status <= 299:
        response.messages = extractMessages(content)
    if raiseAllErrors and status > 399:
        if status == 400:
            raise splunk.BadRequest(None, response.messages)
        if status == 500:
            raise splunk.InternalServerError(None, response.messages)
        raise splunk.RESTException(status, response.messages)
    return response, content
