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
"""

import csv
import io
import json
import math
import re
from typing import IO, Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

# A field's value as the commands see it: one text, or several (a multivalue field).
Value = Union[str, List[str]]
Record = Dict[str, Value]
# What a command may put in an output record; numbers and booleans are written as text, None and [] leave the
# field out.
OutValue = Union[None, str, int, float, bool, Sequence[Any]]

MESSAGE_LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")

_HEADER = re.compile(rb"^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$")
_MV_PREFIX = "__mv_"
_MAX_HEADER_BYTES = 256
# CSV fields as long as the records splunkd sends (a _raw of several megabytes), not csv's 128 KB default.
csv.field_size_limit(64 * 1024 * 1024)


class ProtocolError(Exception):
    """The other side broke the framing: a header that is not ``chunked 1.0,<n>,<n>``, a short read, bad JSON."""


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
# Multivalue encoding

_ENCODED_VALUE = re.compile(r"\$((?:\$\$|[^$])*)\$(?:;|$)")


def decode_multivalue(text: str) -> List[str]:
    """``$a$;$b$`` as ``["a", "b"]`` (``$$`` inside a value is one ``$``).

    >>> decode_multivalue("$one$;$t$$o$")
    ['one', 't$o']
    """
    return [m.group(1).replace("$$", "$") for m in _ENCODED_VALUE.finditer(text)]


def encode_multivalue(values: Sequence[str]) -> str:
    """``["a", "b"]`` as ``$a$;$b$``, doubling ``$`` inside values.

    >>> encode_multivalue(["one", "t$o"])
    '$one$;$t$$o$'
    """
    return ";".join("$" + v.replace("$", "$$") + "$" for v in values)


# ---------------------------------------------------------------------------------------------------------------
# CSV bodies


def read_records(body: bytes) -> List[Record]:
    """The records of a CSV body, multivalue fields as lists. Empty values are left out of a record, as splunkd
    writes a field a record lacks as an empty cell."""
    if not body.strip():
        return []
    reader = csv.reader(io.StringIO(body.decode("utf-8", errors="replace"), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as error:
        raise ProtocolError("the CSV body could not be read: %s" % error)
    columns = [(name, name.startswith(_MV_PREFIX)) for name in header]
    records: List[Record] = []
    try:
        for row in reader:
            record: Record = {}
            multi: Dict[str, List[str]] = {}
            for (name, is_mv), cell in zip(columns, row):
                if cell == "":
                    continue
                if is_mv:
                    multi[name[len(_MV_PREFIX):]] = decode_multivalue(cell)
                else:
                    record[name] = cell
            for name, values in multi.items():
                if len(values) > 1:
                    record[name] = values
                elif len(values) == 1 and name not in record:
                    record[name] = values[0]
            records.append(record)
    except csv.Error as error:
        raise ProtocolError("the CSV body could not be read: %s" % error)
    return records


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _values(value: OutValue) -> List[str]:
    if isinstance(value, (list, tuple)):
        texts = [_text(v) for v in value]
        return [t for t in texts if t is not None]
    text = _text(value)
    return [] if text is None else [text]


def write_records(records: Iterable[Mapping[str, OutValue]]) -> bytes:
    """A CSV body of records: one column per field in order of first appearance, then a ``__mv_`` column for each
    field that has several values in some record. Empty when there are no records."""
    rows = [{name: _values(value) for name, value in record.items()} for record in records]
    if not rows:
        return b""
    fields: List[str] = []
    seen = set()
    multi = set()
    for row in rows:
        for name, values in row.items():
            if not values:
                continue
            if name not in seen:
                seen.add(name)
                fields.append(name)
            if len(values) > 1:
                multi.add(name)
    mv_fields = [name for name in fields if name in multi]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(fields + [_MV_PREFIX + name for name in mv_fields])
    for row in rows:
        cells = ["\n".join(row.get(name) or []) for name in fields]
        for name in mv_fields:
            values = row.get(name) or []
            cells.append(encode_multivalue(values) if len(values) > 1 else "")
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


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
