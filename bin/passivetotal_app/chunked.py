"""Splunk's custom search command protocol, version 2 ("chunked"), in the standard library.

splunkd starts a command declared with ``chunked = true`` in commands.conf and talks to it over stdin and stdout
in chunks. Each chunk, in either direction, is one header line, a JSON metadata object and a body::

    chunked 1.0,<metadata length>,<body length>\\n<metadata><body>

The lengths count bytes (UTF-8). The conversation:

1. splunkd sends ``{"action": "getinfo", "searchinfo": {...}}`` with no body. ``searchinfo`` carries the
   command's arguments (``args``), the search's ``session_key``, ``splunkd_uri``, ``username``, ``app``,
   ``earliest_time`` and ``latest_time`` (epoch seconds as text, ``"0"`` when unbounded), ``maxresultrows``
   and more. The command answers with its configuration: ``type`` (``streaming``, ``events``, ``reporting``),
   ``generating``, ``distributed`` ..., and may add ``inspector.messages`` (not of level ERROR: a command that
   cannot run says so in the ``error`` member, and
   splunkd fails the search with ``Error in '<command>' command: <error>``).
2. splunkd sends ``{"action": "execute", "finished": <bool>}`` chunks whose body is CSV (records in, for a
   streaming command; only a header, or nothing, for a generating one). The command answers every execute chunk
   with exactly one chunk: ``{"finished": <bool>}`` and its records as CSV. A streaming command says
   ``finished: true`` when splunkd did; a generating command says it when it has no more records, and splunkd
   keeps asking until then. An ``error`` member in a reply fails the search with its text.

The CSV body has one header row. A multivalue field ``f`` has a second column ``__mv_f``, where the values are
written ``$one$;$two$`` with ``$`` doubled inside a value; the plain column then holds the values joined by new
lines. Messages for the search (shown in Splunk Web and the job inspector) travel in the metadata as
``"inspector": {"messages": [["WARN", "text"], ...]}`` with the levels ``DEBUG``, ``INFO``, ``WARN`` and
``ERROR``.

This module only reads and writes that wire format; it knows nothing about what a command does.
The CSV bodies are read and written in chunked_csv.
"""

import json
import re
from typing import IO, Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from .chunked_csv import (
    OutValue,
    ProtocolError,
    Record,
    Value,
    decode_multivalue,
    encode_multivalue,
    read_records,
    write_records,
)

__all__ = [
    "OutValue",
    "ProtocolError",
    "Record",
    "Value",
    "decode_multivalue",
    "encode_multivalue",
    "read_records",
    "write_records",
]

MESSAGE_LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")

_HEADER = re.compile(rb"^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$")
_MAX_HEADER_BYTES = 256


class Chunk(NamedTuple):
    """One chunk as read: the metadata object and the raw body."""

    metadata: Dict[str, Any]
    body: bytes


# ---------------------------------------------------------------------------------------------------------------
# Framing


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    parts: List[bytes] = []
    missing = size
    while missing > 0:
        part = stream.read(missing)
        if not part:
            raise ProtocolError("the stream ended %d bytes before the end of a chunk" % missing)
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def read_chunk(stream: IO[bytes]) -> Optional[Chunk]:
    """The next chunk, or None at the end of the stream. Blank lines between chunks are skipped."""
    while True:
        line = stream.readline(_MAX_HEADER_BYTES)
        if not line:
            return None
        if line.strip():
            break
    match = _HEADER.match(line.rstrip(b"\r\n"))
    if match is None or not line.endswith(b"\n"):
        raise ProtocolError("expected a chunk header 'chunked 1.0,<metadata length>,<body length>', got %r" % line[:60])
    metadata_length, body_length = int(match.group(1)), int(match.group(2))
    raw_metadata = _read_exactly(stream, metadata_length)
    body = _read_exactly(stream, body_length)
    if not raw_metadata:
        return Chunk({}, body)
    try:
        metadata = json.loads(raw_metadata.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ProtocolError("the metadata of a chunk is not JSON")
    if not isinstance(metadata, dict):
        raise ProtocolError("the metadata of a chunk is not a JSON object")
    return Chunk(metadata, body)


def encode_chunk(metadata: Mapping[str, Any], body: bytes = b"") -> bytes:
    """The bytes of one chunk: header, compact JSON metadata, body."""
    raw = json.dumps(dict(metadata), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return b"chunked 1.0,%d,%d\n" % (len(raw), len(body)) + raw + body


def write_chunk(stream: IO[bytes], metadata: Mapping[str, Any], body: bytes = b"") -> None:
    """Writes one chunk and flushes, so splunkd sees it at once."""
    stream.write(encode_chunk(metadata, body))
    stream.flush()


# ---------------------------------------------------------------------------------------------------------------
# Messages


class Message(NamedTuple):
    """A message for the search: ``level`` is DEBUG, INFO, WARN or ERROR."""

    level: str
    text: str


def inspector(messages: Sequence[Message]) -> Optional[Dict[str, Any]]:
    """The ``inspector`` metadata member carrying messages, or None when there are none."""
    if not messages:
        return None
    return {"messages": [[m.level if m.level in MESSAGE_LEVELS else "INFO", m.text] for m in messages]}


# ---------------------------------------------------------------------------------------------------------------
# The conversation


class SearchInfo(NamedTuple):
    """What getinfo's ``searchinfo`` says about the search (the parts the commands use)."""

    command: str
    args: Tuple[str, ...]
    session_key: str
    splunkd_uri: str
    username: str
    owner: str
    app: str
    sid: str
    earliest_time: Optional[float]  # None: unbounded
    latest_time: Optional[float]  # None: unbounded
    maxresultrows: int

    def __repr__(self) -> str:  # the session key never reaches a log line
        return "SearchInfo(command=%r, args=%r, username=%r, sid=%r)" % (
            self.command, self.args, self.username, self.sid)


def _epoch(value: Any) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def search_info(metadata: Mapping[str, Any]) -> SearchInfo:
    """``searchinfo`` of a getinfo chunk; ProtocolError when the chunk is not a getinfo."""
    if metadata.get("action") != "getinfo":
        raise ProtocolError("expected the getinfo action first, got %r" % metadata.get("action"))
    info = metadata.get("searchinfo")
    if not isinstance(info, dict):
        raise ProtocolError("the getinfo chunk has no searchinfo")
    args = info.get("args")
    try:
        maxresultrows = int(info.get("maxresultrows") or 50000)
    except (TypeError, ValueError):
        maxresultrows = 50000
    return SearchInfo(
        command=str(info.get("command") or ""),
        args=tuple(str(a) for a in args) if isinstance(args, list) else (),
        session_key=str(info.get("session_key") or ""),
        splunkd_uri=str(info.get("splunkd_uri") or ""),
        username=str(info.get("username") or ""),
        owner=str(info.get("owner") or info.get("username") or ""),
        app=str(info.get("app") or ""),
        sid=str(info.get("sid") or ""),
        earliest_time=_epoch(info.get("earliest_time")),
        latest_time=_epoch(info.get("latest_time")),
        maxresultrows=max(1, maxresultrows),
    )


class Execute(NamedTuple):
    """One execute chunk from splunkd: its records and whether it is the last."""

    records: List[Record]
    finished: bool


class Channel:
    """A command's side of the conversation over binary stdin and stdout."""

    def __init__(self, instream: IO[bytes], outstream: IO[bytes]) -> None:
        self._in = instream
        self._out = outstream

    def read_getinfo(self) -> SearchInfo:
        """The first chunk, which must be getinfo."""
        chunk = read_chunk(self._in)
        if chunk is None:
            raise ProtocolError("the stream ended before getinfo")
        if chunk.body.strip():
            raise ProtocolError("the getinfo chunk carries a body")
        return search_info(chunk.metadata)

    def reply_getinfo(
        self, configuration: Mapping[str, Any], messages: Sequence[Message] = (), error: Optional[str] = None
    ) -> None:
        """The command's configuration (``type``, ``generating``, ...) with any messages. With ``error`` the command
        refuses to run: splunkd fails the search with ``Error in '<command>' command: <error>`` (splunkd does not
        take ERROR messages in the getinfo reply; the error goes in the metadata's ``error`` member)."""
        metadata = dict(configuration)
        found = inspector(messages)
        if found is not None:
            metadata["inspector"] = found
        if error is not None:
            metadata["finished"] = True
            metadata["error"] = error
        write_chunk(self._out, metadata)

    def read_execute(self) -> Optional[Execute]:
        """The next execute chunk, or None when splunkd closed the stream."""
        chunk = read_chunk(self._in)
        if chunk is None:
            return None
        action = chunk.metadata.get("action")
        if action != "execute":
            raise ProtocolError("expected the execute action, got %r" % action)
        return Execute(read_records(chunk.body), bool(chunk.metadata.get("finished")))

    def reply(
        self,
        records: Sequence[Mapping[str, OutValue]],
        finished: bool,
        messages: Sequence[Message] = (),
        error: Optional[str] = None,
    ) -> None:
        """The answer to one execute chunk. With ``error`` the search fails with it (and the command is finished)."""
        metadata: Dict[str, Any] = {"finished": bool(finished) or error is not None}
        found = inspector(messages)
        if found is not None:
            metadata["inspector"] = found
        if error is not None:
            metadata["error"] = error
        write_chunk(self._out, metadata, write_records(records))
