"""Total readers for untyped JSON and the lenient date parser of the intelligence model.

They follow the investigation page's readers (packages/core/src/providers/passivetotal/json-reader.ts and
packages/core/src/model/dates.ts) rule for rule, so the commands and the page read every provider answer alike: a
reader returns a value or None, never raises. Dates come out as ISO 8601 UTC with milliseconds
(``2024-01-30T09:15:00.000Z``), the model's form.
"""

import calendar
import math
import re
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional, Sequence, Union

Number = Union[int, float]
JsonObject = Dict[str, Any]


def as_object(value: Any) -> Optional[JsonObject]:
    """The value as an object (not a list), or None."""
    return value if isinstance(value, dict) else None


def as_array(value: Any) -> List[Any]:
    """The value as a list (an empty one for anything else)."""
    return value if isinstance(value, list) else []


def objects_in(values: Any) -> List[JsonObject]:
    """The JSON objects of a list (anything else in it, or a value that is no list, is left out)."""
    return [o for o in (as_object(v) for v in as_array(values)) if o is not None]


def _number_text(value: Number) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def as_text(value: Any) -> Optional[str]:
    """A non-empty trimmed text (numbers as text), or None; ``""`` and ``N/A`` count as absent."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _number_text(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    s = value.strip()
    return None if s == "" or s.lower() == "n/a" else s


_NUMERIC = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def as_number(value: Any) -> Optional[Number]:
    """A finite number (numeric text accepted), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    if isinstance(value, str) and _NUMERIC.match(value.strip()):
        text = value.strip()
        return float(text) if "." in text else int(text)
    return None


def as_boolean(value: Any) -> Optional[bool]:
    """A boolean (``"true"``/``"false"`` accepted), or None."""
    if isinstance(value, bool):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    return None


def as_text_list(value: Any) -> List[str]:
    """A list of non-empty texts; a single text becomes a one-item list, ``N/A`` an empty one."""
    if isinstance(value, str):
        t = as_text(value)
        return [] if t is None else [t]
    out: List[str] = []
    for item in as_array(value):
        t = as_text(item)
        if t is not None:
            out.append(t)
    return out


def pick(obj: Optional[JsonObject], key: str) -> Any:
    """A member by exact key, else by a case-insensitive match (2016 answers spell ``subjectCommonname``)."""
    if obj is None:
        return None
    if key in obj:
        return obj[key]
    lower = key.lower()
    for k in obj:
        if k.lower() == lower:
            return obj[k]
    return None


def as_host(value: Any) -> Optional[str]:
    """A host name as the model keeps it: lower case, no trailing dot."""
    t = as_text(value)
    if t is None:
        return None
    t = t.lower()
    return t[:-1] if t.endswith(".") else t


def defined(**members: Any) -> JsonObject:
    """An object of the members that are not None (optional model fields stay absent)."""
    return {k: v for k, v in members.items() if v is not None}


def distinct(values: Sequence[str]) -> List[str]:
    """Distinct texts in first-seen order, compared without case (the first spelling kept)."""
    seen = set()
    out: List[str] = []
    for v in values:
        k = v.lower()
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Dates

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "VET": -240,
    "CET": 60,
    "CEST": 120,
}
_EPOCH = datetime(1970, 1, 1)
_ISO = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?)?\s*"
    r"(Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})?$",
    re.IGNORECASE,
)
_TEXTUAL = re.compile(
    r"^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+([0-9]{1,2})\s+([0-9]{2}):([0-9]{2}):([0-9]{2})\s+"
    r"(?:([0-9]{4})\s+([A-Za-z]{1,5})|([A-Za-z]{1,5})\s+([0-9]{4}))$"
)


def iso_from_millis(ms: Number) -> Optional[str]:
    """Epoch milliseconds as ``YYYY-MM-DDTHH:MM:SS.mmmZ``, or None out of range."""
    try:
        moment = _EPOCH + timedelta(milliseconds=int(ms))
    except (OverflowError, ValueError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def _iso(
    year: int, month: int, day: int, h: int = 0, m: int = 0, s: int = 0, ms: int = 0, offset: int = 0
) -> Optional[str]:
    if month < 1 or month > 12 or day < 1 or day > 31 or h > 23 or m > 59 or s > 60:
        return None
    try:
        moment = datetime(year, month, 1) + timedelta(
            days=day - 1, hours=h, minutes=m - offset, seconds=s, milliseconds=ms
        )
    except (OverflowError, ValueError):
        return None
    if offset == 0 and moment.day != day:
        return None  # February 31st and the like
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def parse_api_date(value: Any) -> Optional[str]:
    """A date from an API answer as ISO 8601 UTC, or None: epoch milliseconds or seconds, ``YYYY-MM-DD``,
    ``YYYY-MM-DD HH:MM:SS`` (UTC), ISO 8601 with or without a zone, OpenSSL and Java date texts.

    >>> parse_api_date("2014-04-14T13:00:56.000-0700")
    '2014-04-14T20:00:56.000Z'
    >>> parse_api_date(1383116400000)
    '2013-10-30T07:00:00.000Z'
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value <= 0:
            return None
        return iso_from_millis(value if value > 1e11 else value * 1000)
    if not isinstance(value, str):
        return None
    s = value.strip()
    if re.match(r"^[0-9]{9,13}$", s):
        return parse_api_date(int(s))
    m = _ISO.match(s)
    if m:
        y, mo, d, h, mi, se, frac, zone = m.groups()
        offset = 0
        if zone and zone[0] in "+-":
            digits = zone.replace(":", "")
            offset = (-1 if digits[0] == "-" else 1) * (int(digits[1:3]) * 60 + int(digits[3:5]))
        ms = int(frac[:3].ljust(3, "0")) if frac else 0
        return _iso(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(se or 0), ms, offset)
    m = _TEXTUAL.match(s)
    if m:
        mon, d, h, mi, se, y1, z1, z2, y2 = m.groups()
        month = _MONTHS.index(mon.lower()) + 1 if mon.lower() in _MONTHS else 0
        zone = _ZONES.get((z1 or z2 or "").upper())
        if month == 0 or zone is None:
            return None
        return _iso(int(y1 or y2), month, int(d), int(h), int(mi), int(se), 0, zone)
    return None


def epoch_of(iso: Optional[str]) -> Optional[int]:
    """An ISO date of the model as whole epoch seconds, or None."""
    if not iso:
        return None
    try:
        moment = datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    return calendar.timegm(moment.timetuple())


def date_range(dates: Sequence[Optional[str]]) -> JsonObject:
    """``firstSeen`` and ``lastSeen``: the earliest and latest of some ISO dates (absent when none is known)."""
    known = sorted(d for d in dates if d is not None)
    if not known:
        return {}
    return {"firstSeen": known[0], "lastSeen": known[-1]}
