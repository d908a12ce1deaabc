"""How the app connects to an upstream: one verifying TLS context per process, the configured ``https_proxy`` (a
CONNECT tunnel) or none, and for a request whose URL an upstream chose, a connection pinned to the addresses of its
host that hosts.py allows (resolved once, so a second, different answer of DNS cannot redirect it). transport.py
makes the exchange over these connections.
"""

import http.client
import socket
import ssl
import threading
import urllib.parse
from typing import Any, Callable, List, NamedTuple, Optional, Tuple

from . import hosts


class Network(NamedTuple):
    """How a checked request finds its host: the resolver, which addresses are allowed, and the TLS context (None:
    the verifying one). Tests replace them to stand a local server in for a public one."""

    resolve: hosts.Resolver = hosts.system_resolve
    allowed: Callable[[hosts.Address], bool] = hosts.is_public
    context: Optional[ssl.SSLContext] = None


NETWORK = Network()


_context_lock = threading.Lock()
_contexts: List[ssl.SSLContext] = []


def verifying_context() -> ssl.SSLContext:
    """One verifying SSL context per process: making one reads the system's CA certificates (about 40 ms), which
    every request would otherwise pay. An SSLContext may be shared by threads and connections."""
    with _context_lock:
        if not _contexts:
            _contexts.append(ssl.create_default_context())
        return _contexts[0]


def connection(parts: urllib.parse.SplitResult, proxy: str, timeout: float) -> http.client.HTTPConnection:
    host = parts.hostname or ""
    port = parts.port
    if parts.scheme == "http":
        return http.client.HTTPConnection(host, port or 80, timeout=timeout)
    if not proxy:
        return http.client.HTTPSConnection(host, port or 443, timeout=timeout, context=verifying_context())
    via = urllib.parse.urlsplit(proxy)
    tunnelled = http.client.HTTPSConnection(
        via.hostname or "", via.port or (80 if via.scheme == "http" else 443), timeout=timeout,
        context=verifying_context(),
    )
    tunnelled.set_tunnel(host, port or 443)
    return tunnelled


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to addresses that were checked, never to what the host name resolves to later: TCP to
    the first checked address that answers (through the proxy: ``CONNECT <address>:<port>``), TLS with the host
    name as SNI and its certificate verified for that name, and the name in the Host header."""

    def __init__(self, name: str, port: int, addresses: List[str], proxy: str, timeout: float,
                 context: ssl.SSLContext) -> None:
        self._name = name
        self._addresses = addresses
        if proxy:
            via = urllib.parse.urlsplit(proxy)
            super().__init__(via.hostname or "", via.port or (80 if via.scheme == "http" else 443), timeout=timeout,
                             context=context)
            self.set_tunnel(addresses[0], port)
        else:
            super().__init__(name, port, timeout=timeout, context=context)
            self._create_connection = self._to_checked

    def _to_checked(self, address: Tuple[str, int], timeout: Any = None, source: Any = None) -> socket.socket:
        failure: Optional[OSError] = None
        for checked in self._addresses:
            try:
                return socket.create_connection((checked, address[1]), timeout, source)
            except OSError as error:
                failure = error
        assert failure is not None
        raise failure

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self._name)  # type: ignore[attr-defined]


def checked_connection(parts: urllib.parse.SplitResult, proxy: str, timeout: float,
                       network: Network) -> Optional[http.client.HTTPConnection]:
    """The connection of a checked request (see :class:`_PinnedHTTPS`); None when its host is not one the app
    connects to, whatever the reason (one answer, so that nothing tells what lies behind it)."""
    host = parts.hostname or ""
    port = parts.port or 443
    if parts.scheme != "https":
        return None
    try:
        addresses = hosts.checked_addresses(host, port, network.resolve, network.allowed)
    except (ValueError, OSError):
        return None
    return _PinnedHTTPS(host, port, addresses, proxy, timeout, network.context or verifying_context())
