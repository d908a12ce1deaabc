"""The chunked search command protocol, written out by hand for the stand-in's test commands.

A chunk is ``chunked 1.0,<metadata bytes>,<body bytes>\\n`` followed by the metadata (one JSON object)
and the body (CSV). Every field ``f`` of the body has a companion column ``__mv_f`` holding
``$a$;$b$`` for a multivalue field. Standard library only; Python 3.9 and later.
"""

import csv
import io
import json
import re
import sys
from typing import Any, BinaryIO, Dict, List, Optional, Tuple, Union

HEADER = re.compile(rb"^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$")

Record = Dict[str, Union[str, List[str]]]


def read_chunk(stream: BinaryIO) -> Optional[Tuple[Dict[str, Any], str]]:
    """The next chunk, or None at the end of the input."""
    line = stream.readline()
    while line and not line.strip():
        line = stream.readline()
    if not line:
        return None
    match = HEADER.match(line.strip())
    if match is None:
        raise ValueError("bad transport header: %r" % line)
    metadata_length, body_length = int(match.group(1)), int(match.group(2))
    metadata = json.loads(stream.read(metadata_length).decode("utf-8")) if metadata_length else {}
    body = stream.read(body_length).decode("utf-8")
    return metadata, body


def write_chunk(stream: BinaryIO, metadata: Dict[str, Any], body: str = "") -> None:
    meta = json.dumps(metadata).encode("utf-8")
    data = body.encode("utf-8")
    stream.write(b"chunked 1.0,%d,%d\n" % (len(meta), len(data)))
    stream.write(meta)
    stream.write(data)
    stream.flush()


def decode_multivalue(text: str) -> List[str]:
    return [m.replace("$$", "$") for m in re.findall(r"\$((?:\$\$|[^$])*)\$(?:;|$)", text)]


def read_records(body: str) -> List[Record]:
    if not body:
        return []
    rows = list(csv.reader(io.StringIO(body)))
    if not rows:
        return []
    header = rows[0]
    records = []
    for cells in rows[1:]:
        record: Record = {}
        for name, value in zip(header, cells):
            if name.startswith("__mv_"):
                if value:
                    record[name[len("__mv_"):]] = decode_multivalue(value)
            elif value and name not in record:
                record[name] = value
        records.append(record)
    return records


def write_records(records: List[Record]) -> str:
    fields: List[str] = []
    for record in records:
        for name in record:
            if name not in fields:
                fields.append(name)
    if not fields:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column for name in fields for column in (name, "__mv_" + name)])
    for record in records:
        cells: List[str] = []
        for name in fields:
            value = record.get(name)
            if isinstance(value, list):
                if len(value) == 1:
                    cells += [value[0], ""]
                else:
                    cells += ["\n".join(value), ";".join("$%s$" % v.replace("$", "$$") for v in value)]
            else:
                cells += ["" if value is None else str(value), ""]
        writer.writerow(cells)
    return out.getvalue()


def options(args: List[str]) -> Dict[str, str]:
    """``name=value`` arguments as a dictionary."""
    found = {}
    for arg in args:
        name, sep, value = arg.partition("=")
        if sep:
            found[name] = value
    return found


def streams() -> Tuple[BinaryIO, BinaryIO]:
    return sys.stdin.buffer, sys.stdout.buffer
