"""One HTTP exchange with an upstream, over the standard library's http.client (connections.py makes the
connection).

- HTTPS with one verifying SSL context per process; plain http only to the loopback addresses settings.py accepts
  (a local replay server). The configured ``https_proxy`` (a CONNECT tunnel) or none: proxy variables of
  splunkd's environment are not read.
- A request whose URL an upstream chose (``checked``) connects only to addresses of its host that hosts.py
  allows, resolved once and pinned: TLS and the Host header still name the host.
- Three limits, all enforced while the answer arrives: the connect timeout, the per-read timeout (each wait for
  more bytes), and the exchange's whole time budget, checked before every read of the socket, so an upstream that
  sends one byte a second is cut off when the budget ends; and the operation's size cap, checked against
  Content-Length and while reading, so no more than the cap is ever held. In a batch the answer's bytes are
  counted against the batch's memory as they arrive (memory.py).
- Redirects are answers like any other: http_client.py decides whether to follow one.

A failure is a :class:`TransportFailure` naming its kind (``timeout``, ``deadline``, ``connection``, ``tls``,
``too_large``, ``batch_full``: the answer does not fit its batch's memory; ``refused``: a checked request's host
is not one the app connects to) and words that never quote a URL, a header or the exception's own text. Tests
replace :func:`exchange` with any callable of the same shape (Deps.transport).
"""

import http.client
import io
import socket
import ssl
import time
import urllib.parse
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from . import connections, memory
from .connections import NETWORK, Network
from .credentials import Secret

READ_CHUNK = 64 * 1024


class Request(NamedTuple):
    """One upstream request. ``headers`` values are text, or a Secret for a key (shown masked everywhere but where
    the request leaves)."""

    method: str
    url: str
    headers: Tuple[Tuple[str, Any], ...]
    body: Optional[bytes] = None
    # An upstream, not an administrator, chose this URL: its host is checked and the connection pinned (hosts.py).
    checked: bool = False

    def shown_headers(self) -> Dict[str, str]:
        """The headers with every key masked (for messages, logs and test output)."""
        return {name: str(value) for name, value in self.headers}

    def revealed_headers(self) -> List[Tuple[str, str]]:
        """The headers as they are sent. Call it only where the request leaves."""
        return [(name, value.reveal() if isinstance(value, Secret) else value) for name, value in self.headers]

    def has_secret(self) -> bool:
        return any(isinstance(value, Secret) for _, value in self.headers)


class Limits(NamedTuple):
    """The limits of one exchange: seconds to connect, seconds per read, seconds for the whole exchange, and the
    largest body read."""

    connect_seconds: float
    read_seconds: float
    budget_seconds: float
    max_bytes: int


class Response(NamedTuple):
    """An HTTP answer of any status; header names lower-cased. ``body`` may be the bytearray it was read into."""

    status: int
    body: bytes
    headers: Dict[str, str]


class TransportFailure(Exception):
    """No complete answer: ``kind`` is timeout, deadline, connection, tls, too_large, batch_full or refused;
    ``reason`` is words."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


Transport = Callable[[Request, Limits, str], Response]


class _DeadlineSocket:
    """A connected socket whose every read and write waits at most the per-read timeout and never past the
    exchange's deadline (time.monotonic). http.client reads headers and body through :meth:`makefile`."""

    def __init__(self, sock: socket.socket, deadline: float, read_seconds: float) -> None:
        self._sock = sock
        self._deadline = deadline
        self._read_seconds = read_seconds
        self.deadline_passed = False
        # Like a socket's: closed for real once closed and no reader made by makefile() is open any more (http.client
        # closes the connection while the answer's reader is still reading).
        self._readers = 0
        self._closed = False

    def _arm(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            self.deadline_passed = True
            raise socket.timeout("the time budget is used up")
        self._sock.settimeout(min(self._read_seconds, left))

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        self._arm()
        try:
            return self._sock.recv_into(buffer, nbytes, flags)
        except socket.timeout:
            self.deadline_passed = time.monotonic() >= self._deadline
            raise

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self._arm()
        self._sock.sendall(data, flags)

    # The signature is socket.makefile's, which http.client calls; every reader here reads bytes, unbuffered by it.
    def makefile(  # pylint: disable=keyword-arg-before-vararg,unused-argument
        self, mode: str = "rb", *args: Any, **kwargs: Any
    ) -> io.BufferedReader:
        self._readers += 1
        return io.BufferedReader(socket.SocketIO(self, "rb"))  # type: ignore[arg-type]

    def _decref_socketios(self) -> None:
        self._readers -= 1
        if self._closed and self._readers <= 0:
            self._sock.close()

    def fileno(self) -> int:
        return self._sock.fileno()

    def close(self) -> None:
        self._closed = True
        if self._readers <= 0:
            self._sock.close()

    def release(self) -> None:
        """Closes the socket whatever still refers to it (the exchange is over)."""
        self._closed = True
        self._sock.close()


def failure_words(error: BaseException) -> TransportFailure:
    """The kind and words of an exchange's exception (never its text: it may quote a URL or header)."""
    if isinstance(error, (socket.timeout, TimeoutError)):
        return TransportFailure("timeout", "timed out")
    if isinstance(error, ssl.SSLCertVerificationError):
        return TransportFailure("tls", "its TLS certificate could not be verified")
    if isinstance(error, ssl.SSLError):
        return TransportFailure("tls", "the TLS handshake failed")
    if isinstance(error, ConnectionRefusedError):
        return TransportFailure("connection", "connection refused")
    if isinstance(error, socket.gaierror):
        return TransportFailure("connection", "the host name could not be resolved")
    if isinstance(error, (ConnectionResetError, http.client.RemoteDisconnected)):
        return TransportFailure("connection", "the connection was closed")
    if isinstance(error, http.client.HTTPException):
        return TransportFailure("connection", "the answer was not valid HTTP")
    return TransportFailure("connection", "the connection failed (%s)" % type(error).__name__)


def _read_body(answer: http.client.HTTPResponse, limits: Limits, deadline: float) -> bytes:
    """The body, no more than the size cap. A declared length is read into a buffer of that size. In a batch the
    body is counted against the batch's memory before it is held (memory.py): a declared length at once, else the
    first part, then up to the cap; a large one may wait within the time budget."""
    length = answer.getheader("Content-Length")
    declared = int(length) if length and length.strip().isdigit() else None
    if declared is not None and declared > limits.max_bytes:
        raise TransportFailure("too_large", "its answer is larger than the app reads")
    tab = memory.current()
    counted = 0

    def count(size: int) -> None:
        nonlocal counted
        if tab is not None and size > counted:
            step = size - counted if declared is not None or counted else max(size, memory.SMALL_ANSWER_BYTES)
            if counted and declared is None:
                step = max(step, limits.max_bytes - counted)
            if not tab.reserve(step, deadline):
                raise TransportFailure("batch_full", "its answer does not fit in what is left of the batch")
            counted += step

    try:
        if declared is not None:
            count(declared)
            return _read_declared(answer, declared)
        body = bytearray()
        while True:
            chunk = answer.read1(READ_CHUNK)
            if not chunk:
                break
            if len(body) + len(chunk) > limits.max_bytes:
                raise TransportFailure("too_large", "its answer is larger than the app reads")
            count(len(body) + len(chunk))
            body += chunk
    except BaseException:
        if tab is not None:
            tab.give(counted)
        raise
    if tab is not None and counted > len(body):
        tab.give(counted - len(body))
    return body  # not copied into bytes: a copy would hold the answer twice


def _read_declared(answer: http.client.HTTPResponse, declared: int) -> bytes:
    """A body of a declared length, read into one buffer of that size (growing one by pieces would leave the
    allocator holding more than the body)."""
    body = bytearray(declared)
    with memoryview(body) as view:
        filled = 0
        while filled < declared:
            got = answer.readinto(view[filled:filled + READ_CHUNK])
            if not got:
                raise http.client.IncompleteRead(bytes(), declared - filled)
            filled += got
    return body


def exchange(request: Request, limits: Limits, https_proxy: str = "", network: Network = NETWORK) -> Response:
    """Sends ``request`` and reads the whole answer within ``limits``; TransportFailure otherwise. A checked
    request goes only to a checked address of its host (``network``)."""
    deadline = time.monotonic() + limits.budget_seconds
    parts = urllib.parse.urlsplit(request.url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    connect = max(0.05, min(limits.connect_seconds, limits.read_seconds, limits.budget_seconds))
    if request.checked:
        pinned = connections.checked_connection(parts, https_proxy, connect, network)
        if pinned is None:
            raise TransportFailure("refused", "the app does not connect to that address")
        connection: http.client.HTTPConnection = pinned
    else:
        connection = connections.connection(parts, https_proxy, connect)
    sock: Optional[_DeadlineSocket] = None
    try:
        connection.connect()
        sock = _DeadlineSocket(connection.sock, deadline, limits.read_seconds)
        connection.sock = sock
        headers = dict(request.revealed_headers())
        if request.checked:
            headers["Host"] = parts.netloc.rpartition("@")[2]
        connection.request(request.method, path, body=request.body, headers=headers)
        answer = connection.getresponse()
        body = _read_body(answer, limits, deadline)
        return Response(answer.status, body, {k.lower(): v for k, v in answer.getheaders()})
    except (OSError, http.client.HTTPException, ValueError) as error:
        failure = failure_words(error)
        passed = sock is not None and sock.deadline_passed or time.monotonic() >= deadline
    finally:
        connection.close()
        if sock is not None:
            sock.release()
    # Raised here, not in the except block, so that the caught exception and its frames (which hold the answer read
    # so far) are gone at once.
    if failure.kind == "timeout" and passed:
        raise TransportFailure("deadline", "its answer did not end within the time budget")
    raise failure
