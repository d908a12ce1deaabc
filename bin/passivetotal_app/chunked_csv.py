"""The CSV bodies of the chunked search command protocol: one header row, and for a multivalue field ``f`` a second
column ``__mv_f`` where the values are written ``$one$;$two$`` with ``$`` doubled inside a value, the plain column
holding the values joined by new lines."""

import csv
import io
import math
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

# A field's value as the commands see it: one text, or several (a multivalue field).
Value = Union[str, List[str]]
Record = Dict[str, Value]
# What a command may put in an output record; numbers and booleans are written as text, None and [] leave the
# field out.
OutValue = Union[None, str, int, float, bool, Sequence[Any]]


class ProtocolError(Exception):
    """The other side broke the framing (a header that is not ``chunked 1.0,<n>,<n>``, a short read, bad JSON) or
    sent a CSV body that cannot be read."""


_MV_PREFIX = "__mv_"
# CSV fields as long as the records splunkd sends (a _raw of several megabytes), not csv's 128 KB default.
csv.field_size_limit(64 * 1024 * 1024)


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
