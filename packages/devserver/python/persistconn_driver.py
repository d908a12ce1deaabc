"""A persistent REST handler driver speaking splunkd's persistconn protocol on stdin/stdout.

The stand-in for splunkd (packages/devserver/src/handler) starts this file once as a long-lived
process and sends it requests, as splunkd does with its own driver. Written from the protocol as
described below, which is what splunkd sends and expects; Splunk's persistconn files are not
copied. Standard library only, Python 3.9 to 3.13.

Packets from splunkd (stdin):

- newlines before a packet are skipped; then one opcode byte of bit flags:
  ``0x01`` INIT (a request starts), ``0x02`` BLOCK (carries data), ``0x04`` END (the request ends),
  ``0x08`` ALLOW_STREAM (ignored here: this driver never streams);
- INIT: a decimal line ``N\\n``, N length-prefixed strings (argv; argv[0] is the script path, the
  rest ``script.arg.*``), then one length-prefixed string, the ``command_arg`` (``script.param``;
  empty means none);
- BLOCK: one length-prefixed string, the request JSON;
- a length-prefixed string is ``<decimal byte length>\\n<bytes>``.

Replies (stdout), each length-prefixed: after INIT an error string (empty means success, otherwise
``Can't load script "<path>": <reason>``); after BLOCK the handler's reply (a dict as compact
JSON, ``str`` as UTF-8, ``bytes`` as is, ``None`` as the empty string). A BLOCK always gets a
reply, also after a failed INIT, so every packet is answered by one string per INIT or BLOCK flag.

Loader: the script is loaded by path under a munged module name and cached per file for the
process lifetime (a failed import is not cached). Its folder is NOT put on ``sys.path``: a handler
that imports sibling modules must add ``os.path.dirname(__file__)`` itself, as inside Splunk. The
module must hold exactly one class whose MRO contains a class named
``PersistentServerConnectionApplication``. Each request gets a new instance, created at INIT as
``cls(argv, command_arg)``; BLOCK calls ``handle(request_bytes)``; END calls ``done()``.

Faults: an exception raised by the handler (``SystemExit`` included) never ends the driver. Its
traceback goes to stderr (splunkd writes a driver's stderr to splunkd.log) and the reply is a
splunkd-style 500 without the traceback::

    {"status": 500, "payload": {"messages": [{"type": "ERROR", "text":
     "Unexpected error \\"<class 'ValueError'>\\" from python handler: \\"boom\\".
      See splunkd.log/python.log for more details."}]}}

(the text splunkd shows for an exception escaping a Python REST handler). The protocol streams are
private duplicates of file descriptors 0 and 1: fd 0 becomes /dev/null and fd 1 goes to stderr, so
a handler (or a child process) writing to stdout cannot corrupt the protocol. Inside Splunk such
output would corrupt it, so a request during which the handler printed to ``sys.stdout`` fails
with a 500 that says so.

Run: ``python3 -I -B persistconn_driver.py``. The folder of this file, which holds the test-only
``splunk`` shim, is appended to ``sys.path`` (where Splunk's own ``site-packages`` would be), so
``-I`` (ignore ``PYTHON*`` variables and user site-packages) is safe.
"""

import importlib.util
import inspect
import io
import json
import os
import re
import sys
import traceback
from types import ModuleType
from typing import Any, BinaryIO, Dict, List, NamedTuple, Optional, TextIO, Tuple

OPCODE_INIT = 0x01
OPCODE_BLOCK = 0x02
OPCODE_END = 0x04
OPCODE_ALLOW_STREAM = 0x08
KNOWN_OPCODE_BITS = OPCODE_INIT | OPCODE_BLOCK | OPCODE_END | OPCODE_ALLOW_STREAM

BASE_CLASS_NAME = "PersistentServerConnectionApplication"

# Longest decimal length line accepted, and the largest string (splunkd's own request limits are far lower).
MAX_LENGTH_DIGITS = 12
MAX_STRING_BYTES = 1 << 30
MAX_ARGV = 1024


class ProtocolError(Exception):
    """The input is not a well-formed persistconn packet; the driver cannot continue."""


class Packet(NamedTuple):
    """One packet from splunkd."""

    opcode: int
    argv: List[str]
    command_arg: Optional[str]
    block: Optional[bytes]


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    chunks = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            raise ProtocolError("input ended inside a string (%d of %d bytes missing)" % (remaining, size))
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _read_decimal_line(stream: BinaryIO, what: str) -> int:
    line = stream.readline(MAX_LENGTH_DIGITS + 1)
    if not line.endswith(b"\n"):
        raise ProtocolError("expected a decimal %s line, got %r" % (what, line[:20]))
    digits = line[:-1]
    if not digits.isdigit():
        raise ProtocolError("expected a decimal %s, got %r" % (what, digits[:20]))
    return int(digits)


def read_string(stream: BinaryIO) -> bytes:
    """Reads one length-prefixed string (``<len>\\n<bytes>``)."""
    size = _read_decimal_line(stream, "length")
    if size > MAX_STRING_BYTES:
        raise ProtocolError("string of %d bytes is too long" % size)
    return _read_exact(stream, size)


def write_string(stream: BinaryIO, data: bytes) -> None:
    """Writes one length-prefixed string and flushes it."""
    stream.write(b"%d\n" % len(data))
    stream.write(data)
    stream.flush()


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def read_packet(stream: BinaryIO) -> Optional[Packet]:
    """Reads the next packet; ``None`` at the end of the input (between packets)."""
    opcode_byte = stream.read(1)
    while opcode_byte in (b"\n", b"\r"):
        opcode_byte = stream.read(1)
    if not opcode_byte:
        return None
    opcode = opcode_byte[0]
    if opcode == 0 or opcode & ~KNOWN_OPCODE_BITS:
        raise ProtocolError("unknown opcode 0x%02x" % opcode)
    argv: List[str] = []
    command_arg: Optional[str] = None
    block: Optional[bytes] = None
    if opcode & OPCODE_INIT:
        count = _read_decimal_line(stream, "argument count")
        if count > MAX_ARGV:
            raise ProtocolError("too many arguments (%d)" % count)
        argv = [_decode(read_string(stream)) for _ in range(count)]
        command_arg = _decode(read_string(stream)) or None
    if opcode & OPCODE_BLOCK:
        block = read_string(stream)
    return Packet(opcode, argv, command_arg, block)


def encode_packet(
    argv: Optional[List[str]] = None, command_arg: Optional[str] = None, block: Optional[bytes] = None, end: bool = True
) -> bytes:
    """Builds the bytes splunkd sends for one packet (used by tests; the stand-in builds them in TypeScript)."""
    opcode = (OPCODE_INIT if argv is not None else 0) | (OPCODE_BLOCK if block is not None else 0)
    opcode |= OPCODE_END if end else 0
    parts = [bytes([opcode])]

    def string(data: bytes) -> bytes:
        return b"%d\n" % len(data) + data

    if argv is not None:
        parts.append(b"%d\n" % len(argv))
        parts.extend(string(arg.encode("utf-8")) for arg in argv)
        parts.append(string((command_arg or "").encode("utf-8")))
    if block is not None:
        parts.append(string(block))
    return b"".join(parts)


def log(level: str, message: str) -> None:
    """One line on stderr, which splunkd would write to splunkd.log."""
    sys.stderr.write("%s persistconn_driver pid=%d: %s\n" % (level, os.getpid(), message))
    sys.stderr.flush()


class LoadError(Exception):
    """The script could not be loaded or holds no single handler class."""


def _module_name(path: str) -> str:
    return "_persistconn_" + re.sub(r"[^0-9A-Za-z_]", "_", path)


def _is_handler_class(value: Any) -> bool:
    return inspect.isclass(value) and any(base.__name__ == BASE_CLASS_NAME for base in value.__mro__[1:])


class ScriptLoader:
    """Loads handler scripts by path, each module once per process."""

    def __init__(self) -> None:
        self._modules: Dict[str, ModuleType] = {}

    def load_module(self, path: str) -> ModuleType:
        """The module of ``path``, imported on first use."""
        key = os.path.abspath(path)
        cached = self._modules.get(key)
        if cached is not None:
            return cached
        if not os.path.isfile(key):
            raise LoadError("no such file")
        name = _module_name(key)
        spec = importlib.util.spec_from_file_location(name, key)
        if spec is None or spec.loader is None:
            raise LoadError("not a Python source file")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
        self._modules[key] = module
        return module

    def handler_class(self, path: str) -> type:
        """The one class in the script whose MRO holds a class named PersistentServerConnectionApplication."""
        module = self.load_module(path)
        found: List[type] = []
        for value in vars(module).values():
            if _is_handler_class(value) and value not in found:
                found.append(value)
        if len(found) != 1:
            names = ", ".join(sorted(cls.__name__ for cls in found)) or "none"
            raise LoadError("expected exactly one class derived from %s, found %s" % (BASE_CLASS_NAME, names))
        return found[0]


def unexpected_error_reply(error: BaseException) -> Dict[str, Any]:
    """The 500 reply splunkd gives when an exception escapes a Python REST handler (no traceback)."""
    text = 'Unexpected error "%s" from python handler: "%s". See splunkd.log/python.log for more details.' % (
        type(error),
        error,
    )
    return error_reply(text)


def error_reply(text: str) -> Dict[str, Any]:
    """A 500 reply in splunkd's message envelope."""
    return {"status": 500, "payload": {"messages": [{"type": "ERROR", "text": text}]}}


def encode_reply(reply: Any) -> bytes:
    """A handler's return value as the bytes sent back to splunkd."""
    if reply is None:
        return b""
    if isinstance(reply, bytes):
        return reply
    if isinstance(reply, str):
        return reply.encode("utf-8")
    if isinstance(reply, dict):
        return json.dumps(reply, separators=(",", ":")).encode("utf-8")
    raise TypeError("a handler must return a dict, str, bytes or None, not %s" % type(reply).__name__)


class StdoutGuard(io.TextIOBase):
    """Stands in for ``sys.stdout``: passes text to stderr and remembers that the handler printed."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target
        self.used = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self.used = True
            self._target.write(text)
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def take(self) -> bool:
        """Whether anything was printed since the last call."""
        used, self.used = self.used, False
        return used


PRINTED_TO_STDOUT = (
    "The handler wrote to stdout, which would corrupt splunkd's persistconn protocol; "
    "log to a file or stderr instead."
)


class Driver:
    """The request state machine: INIT creates the handler instance, BLOCK runs it, END finishes it."""

    def __init__(self, loader: ScriptLoader, guard: Optional[StdoutGuard] = None) -> None:
        self.loader = loader
        self.guard = guard
        self.app: Any = None
        self.init_error = ""

    def _printed(self) -> bool:
        return self.guard is not None and self.guard.take()

    def init(self, argv: List[str], command_arg: Optional[str]) -> str:
        """Starts a request; returns the error string (empty on success)."""
        self.app = None
        self.init_error = ""
        script = argv[0] if argv else ""
        try:
            if not script:
                raise LoadError("no script path given")
            cls = self.loader.handler_class(script)
            app = cls(list(argv), command_arg)
            if self._printed():
                raise LoadError(PRINTED_TO_STDOUT)
            self.app = app
        except LoadError as error:
            self.init_error = 'Can\'t load script "%s": %s' % (script, error)
            log("ERROR", self.init_error)
        except BaseException as error:  # the script's import or __init__ failed
            if isinstance(error, KeyboardInterrupt):
                raise
            self.init_error = 'Can\'t load script "%s": %s: %s' % (script, type(error).__name__, error)
            log("ERROR", "%s\n%s" % (self.init_error, traceback.format_exc().rstrip()))
        return self.init_error

    def block(self, data: bytes) -> bytes:
        """Runs ``handle(data)`` on the current instance; returns the encoded reply (a 500 on any failure)."""
        if self.app is None:
            text = self.init_error or "No request was started (BLOCK without INIT)."
            return encode_reply(error_reply(text))
        try:
            reply = encode_reply(self.app.handle(data))
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            log("ERROR", "Exception in handle():\n%s" % traceback.format_exc().rstrip())
            self._printed()
            return encode_reply(unexpected_error_reply(error))
        if self._printed():
            log("ERROR", PRINTED_TO_STDOUT)
            return encode_reply(error_reply(PRINTED_TO_STDOUT))
        return reply

    def end(self) -> None:
        """Ends the request: calls ``done()`` and drops the instance."""
        app, self.app, self.init_error = self.app, None, ""
        done = getattr(app, "done", None)
        if done is None:
            return
        try:
            done()
        except BaseException:
            log("ERROR", "Exception in done():\n%s" % traceback.format_exc().rstrip())
        self._printed()


def serve(reader: BinaryIO, writer: BinaryIO, driver: Driver) -> None:
    """Answers packets until the input ends."""
    while True:
        packet = read_packet(reader)
        if packet is None:
            return
        if packet.opcode & OPCODE_INIT:
            write_string(writer, driver.init(packet.argv, packet.command_arg).encode("utf-8"))
        if packet.block is not None:
            write_string(writer, driver.block(packet.block))
        if packet.opcode & OPCODE_END:
            driver.end()


def _private_streams() -> Tuple[BinaryIO, BinaryIO]:
    """Moves the protocol to private descriptors; fd 0 becomes /dev/null and fd 1 goes to stderr."""
    reader = os.fdopen(os.dup(0), "rb")
    writer = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, "r")
    return reader, writer


def main() -> int:
    """Entry point: serves stdin/stdout until splunkd (the stand-in) closes stdin."""
    shim_dir = os.path.dirname(os.path.abspath(__file__))
    if shim_dir not in sys.path:
        sys.path.append(shim_dir)
    reader, writer = _private_streams()
    guard = StdoutGuard(sys.stderr)
    sys.stdout = guard
    try:
        serve(reader, writer, Driver(ScriptLoader(), guard))
    except ProtocolError as error:
        log("ERROR", "protocol error, exiting: %s" % error)
        return 2
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
