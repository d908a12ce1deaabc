"""Helpers of the open providers' tests: a scripted HTTP exchange (no network), keys, and a handler test base.

:class:`FakeTransport` stands in for transport.py's exchange: it records every request exactly as it would leave
(method, URL, headers, body, per-read timeout) and answers from scripted replies by URL, or fails like an
unreachable host; requests to ``passthrough`` (the scripted PassiveTotal server) go out for real. The recorded
key headers are compared with the keys below, never printed (see :func:`masked`).
"""

import json
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union

import pt_support
from pt_support import HandlerTest, no_sleep

from passivetotal_app import profiles, service
from passivetotal_app.transport import Limits, Request, Response, TransportFailure, exchange

OTX_KEY = "demo-OTXKEY-5f0c2b7e9a1d4c3b8e6f5a4d3c2b1a09"
URLHAUS_KEY = "demo-ABUSECH-URLHAUS-7d6c5b4a3f2e1d0c9b8a"
THREATFOX_KEY = "demo-ABUSECH-TFOX-1a2b3c4d5e6f7a8b9c0d1e2f"
CERTSPOTTER_KEY = "demo-SSLMATE-k3y-0f1e2d3c4b5a69788796a5b4"
MNEMONIC_KEY = "demo-ARGUS-0123456789abcdef0123456789abcdef"
CIRCL_USER = "circl-user@example.org"
CIRCL_PASSWORD = "demo-CIRCLPASS-99887766554433221100"
KEYS = {
    "otx": ("key", OTX_KEY),
    "urlhaus": ("key", URLHAUS_KEY),
    "threatfox": ("key", THREATFOX_KEY),
    "certspotter": ("key", CERTSPOTTER_KEY),
    "mnemonic": ("key", MNEMONIC_KEY),
    "circl": (CIRCL_USER, CIRCL_PASSWORD),
}
ALL_SECRETS = [OTX_KEY, URLHAUS_KEY, THREATFOX_KEY, CERTSPOTTER_KEY, MNEMONIC_KEY, CIRCL_PASSWORD]


class Sent(NamedTuple):
    """One request as it left."""

    method: str
    url: str
    headers: Dict[str, str]
    body: Optional[bytes]
    timeout: float


class NetReply(NamedTuple):
    """A scripted answer: an HTTP status, body and headers, or a transport ``failure`` (timeout, connection)."""

    status: int = 200
    body: bytes = b"{}"
    headers: Tuple[Tuple[str, str], ...] = ()
    failure: str = ""


def net(status: int = 200, body: Any = None, headers: Optional[Dict[str, str]] = None) -> NetReply:
    """A NetReply whose body is JSON (a dict or list), or bytes as given."""
    raw = body if isinstance(body, bytes) else json.dumps({} if body is None else body).encode("utf-8")
    return NetReply(status, raw, tuple((headers or {}).items()))


Script = Union[NetReply, List[NetReply], Callable[[Sent], NetReply]]


class FakeTransport:
    """The upstream exchange, scripted by exact URL; an unscripted URL fails like an unknown host."""

    def __init__(self) -> None:
        self.replies: Dict[str, Script] = {}
        self.sent: List[Sent] = []
        self.passthrough = ""

    def __call__(self, request: Request, limits: Limits, proxy: str = "") -> Response:
        if self.passthrough and request.url.startswith(self.passthrough):
            return exchange(request, limits, proxy)
        sent = Sent(request.method, request.url, dict(request.revealed_headers()), request.body, limits.read_seconds)
        self.sent.append(sent)
        script = self.replies.get(request.url)
        if script is None:
            raise TransportFailure("connection", "the host name could not be resolved")
        if isinstance(script, list):
            reply = script.pop(0) if len(script) > 1 else script[0]
        elif callable(script):
            reply = script(sent)
        else:
            reply = script
        if reply.failure:
            raise TransportFailure(reply.failure, "timed out" if reply.failure == "timeout" else "refused")
        if len(reply.body) > limits.max_bytes:
            raise TransportFailure("too_large", "its answer is larger than the app reads")
        return Response(reply.status, reply.body, {k.lower(): v for k, v in reply.headers})

    def urls(self) -> List[str]:
        return [s.url for s in self.sent]


def masked(headers: Dict[str, str]) -> Dict[str, str]:
    """Headers with every test key (and a basic-auth value) replaced by a marker, safe to compare and print."""
    shown = {}
    for name, value in headers.items():
        for secret in ALL_SECRETS:
            value = value.replace(secret, "<%s>" % _key_name(secret))
        if name.lower() == "authorization" and value.startswith("Basic "):
            value = "Basic <circl>"
        shown[name] = value
    return shown


def _key_name(secret: str) -> str:
    for provider, (_, key) in KEYS.items():
        if key == secret:
            return provider
    return "?"


class OpenHandlerTest(HandlerTest):
    """HandlerTest plus a FakeTransport for the open providers, every key stored, and a fake clock."""

    def setUp(self) -> None:
        super().setUp()
        self.net = FakeTransport()
        self.net.passthrough = self.pt.base_url
        self.now = 1_700_000_000.0
        for provider, (username, key) in KEYS.items():
            self.store_key(provider, username, key)

    def store_key(self, provider: str, username: str, key: str) -> None:
        self.splunkd.passwords.append(
            {
                "username": username,
                "key": key,
                "updated": "2024-01-01T00:00:00+00:00",
                "app": "passivetotal",
                "realm": profiles.PROFILES[provider].realm,
            }
        )

    def drop_key(self, provider: str) -> None:
        realm = profiles.PROFILES[provider].realm
        self.splunkd.passwords = [p for p in self.splunkd.passwords if p.get("realm") != realm]

    def clock(self) -> float:
        return self.now

    def deps(self) -> service.Deps:
        return service.Deps(sleep=no_sleep, clock=self.clock, upstream=self.net)

    def call(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        reply = service.handle_request(pt_support.request(*args, **kwargs), self.deps())
        json.dumps(reply)
        return reply

    def open(self, provider: str, operation: str, q: Optional[str] = "example.com", **kwargs: Any) -> Dict[str, Any]:
        """``GET open/<provider>/<operation>?q=<q>``."""
        return self.call(path="open/%s/%s" % (provider, operation), query=[] if q is None else [("q", q)], **kwargs)

    def assert_no_secret(self, *texts: str) -> None:
        for text in texts:
            for secret in ALL_SECRETS + [pt_support.API_KEY]:
                self.assertFalse(secret in text, "a key appears in the output")
