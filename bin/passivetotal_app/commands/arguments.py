"""The commands' arguments (``query="evil.example" earliest=-7d@d``) and time modifiers.

splunkd hands a chunked command its arguments in getinfo's ``searchinfo.args``, one ``name=value`` text each, with
the quotes of the search string already removed. Every command takes named options only; an unknown, repeated or
empty option is refused with a message that names what the command accepts. Times follow Splunk's time modifiers
(times.conf and the "time modifiers" documentation), evaluated in UTC: epoch seconds, ``now``, relative times such as
``-7d``, ``-24h@h``, ``@d`` or ``-1mon@mon+8h``, ``%m/%d/%Y:%H:%M:%S`` and ISO 8601 dates.
"""

import calendar
import re
from datetime import datetime, timedelta
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple


class UsageError(Exception):
    """Arguments the command cannot run with; the text says what it needs."""


def parse_args(args: Sequence[str], accepted: Sequence[str]) -> Dict[str, str]:
    """``name=value`` arguments as a dict; UsageError for anything else."""
    options: Dict[str, str] = {}
    listed = ", ".join("%s=" % a for a in accepted)
    for arg in args:
        name, sep, value = arg.partition("=")
        name = name.strip()
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise UsageError("%s is not an option: the command takes only named options (%s)" % (_shown(arg), listed))
        if name not in accepted:
            raise UsageError("There is no option %s (options: %s)" % (_shown(name), listed))
        if name in options:
            raise UsageError("The option %s is given more than once" % name)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('\\"', '"').replace('""', '"')
        if value == "":
            raise UsageError("The option %s is empty" % name)
        options[name] = value
    return options


def _shown(text: str, limit: int = 60) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in text)
    return '"%s"' % (printable if len(printable) <= limit else printable[:limit] + "...")


# ---------------------------------------------------------------------------------------------------------------
# Time modifiers

_UNITS = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "d": "d", "day": "d", "days": "d",
    "w": "w", "week": "w", "weeks": "w",
    "mon": "mon", "month": "mon", "months": "mon",
    "q": "q", "qtr": "q", "qtrs": "q", "quarter": "q", "quarters": "q",
    "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_OFFSET = re.compile(r"([+-])([0-9]*)([a-z]+)")
_SNAP = re.compile(r"@([a-z]+)([0-7])?")


def _add_months(moment: datetime, months: int) -> datetime:
    total = moment.year * 12 + (moment.month - 1) + months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _offset(moment: datetime, sign: str, amount: str, unit: str) -> datetime:
    n = int(amount) if amount else 1
    n = -n if sign == "-" else n
    if unit in _SECONDS:
        return moment + timedelta(seconds=n * _SECONDS[unit])
    months = {"mon": 1, "q": 3, "y": 12}[unit]
    return _add_months(moment, n * months)


def _snap(moment: datetime, unit: str, weekday: Optional[str]) -> datetime:
    if unit == "s":
        return moment.replace(microsecond=0)
    if unit == "m":
        return moment.replace(second=0, microsecond=0)
    if unit == "h":
        return moment.replace(minute=0, second=0, microsecond=0)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "d":
        return day
    if unit == "w":
        target = int(weekday or "0") % 7  # 0 and 7: Sunday
        back = (day.isoweekday() % 7 - target) % 7
        return day - timedelta(days=back)
    if unit == "mon":
        return day.replace(day=1)
    if unit == "q":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def _relative(text: str, now: float) -> Optional[float]:
    moment = datetime(1970, 1, 1) + timedelta(seconds=now)
    rest = text
    snapped = False
    while rest:
        m = _OFFSET.match(rest)
        if m and _UNITS.get(m.group(3)):
            moment = _offset(moment, m.group(1), m.group(2), _UNITS[m.group(3)])
            rest = rest[m.end():]
            continue
        m = re.match(r"[+-]0+(?![0-9a-z])", rest)
        if m:
            rest = rest[m.end():]
            continue
        s = _SNAP.match(rest)
        if s and not snapped and _UNITS.get(s.group(1)) and (s.group(2) is None or _UNITS[s.group(1)] == "w"):
            moment = _snap(moment, _UNITS[s.group(1)], s.group(2))
            rest = rest[s.end():]
            snapped = True
            continue
        return None
    return calendar.timegm(moment.timetuple()) + moment.microsecond / 1e6


def parse_time(text: str, now: float) -> Optional[float]:
    """A time modifier as epoch seconds; None when it is not one. ``0`` is the epoch (unbounded)."""
    t = text.strip().lower()
    if re.match(r"^[0-9]+(?:\.[0-9]+)?$", t):
        return float(t)
    if t == "now":
        return now
    m = re.match(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?::([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}))?$", t)
    if m:
        try:
            moment = datetime(int(m.group(3)), int(m.group(1)), int(m.group(2)), int(m.group(4) or 0),
                              int(m.group(5) or 0), int(m.group(6) or 0))
        except ValueError:
            return None
        return float(calendar.timegm(moment.timetuple()))
    m = re.match(
        r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[t ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)?"
        r"(z|[+-][0-9]{2}:?[0-9]{2})?$",
        t,
    )
    if m:
        try:
            moment = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4) or 0),
                              int(m.group(5) or 0), int(m.group(6) or 0))
        except ValueError:
            return None
        offset = 0
        zone = m.group(7)
        if zone and zone != "z":
            digits = zone.replace(":", "")
            offset = (-1 if digits[0] == "-" else 1) * (int(digits[1:3]) * 3600 + int(digits[3:5]) * 60)
        return float(calendar.timegm(moment.timetuple()) - offset)
    if re.match(r"^[+-@]", t):
        return _relative(t, now)
    return None


class TimeRange(NamedTuple):
    """A time range in epoch seconds; None on a side means unbounded."""

    earliest: Optional[float]
    latest: Optional[float]

    def overlaps(self, first: Optional[int], last: Optional[int]) -> bool:
        """True when a record seen from ``first`` to ``last`` was seen within the range (records without dates are
        always kept)."""
        if self.earliest is not None and last is not None and last < self.earliest:
            return False
        if self.latest is not None and first is not None and first >= self.latest:
            return False
        return True

    def contains(self, moment: Optional[int]) -> bool:
        """True when a moment lies in ``[earliest, latest)``."""
        if moment is None:
            return True
        if self.earliest is not None and moment < self.earliest:
            return False
        return self.latest is None or moment < self.latest

    @property
    def bounded(self) -> bool:
        return self.earliest is not None or self.latest is not None

    def api_params(self) -> Tuple[Tuple[str, str], ...]:
        """PassiveTotal's ``start``/``end`` (``YYYY-MM-DD``, UTC days that cover the range)."""
        params = []
        if self.earliest is not None:
            params.append(("start", _day(self.earliest)))
        if self.latest is not None:
            params.append(("end", _day(self.latest)))
        return tuple(params)


def _day(epoch: float) -> str:
    return (datetime(1970, 1, 1) + timedelta(seconds=int(epoch))).strftime("%Y-%m-%d")


def time_range(
    options: Dict[str, str],
    search_earliest: Optional[float],
    search_latest: Optional[float],
    now: float,
) -> TimeRange:
    """The range a command honours: ``earliest=``/``latest=`` when either is given (they replace the search's range,
    both of them, as in a search), else the search's own time range. ``0`` on either side is unbounded."""
    if "earliest" not in options and "latest" not in options:
        return TimeRange(search_earliest, search_latest)
    bounds: List[Optional[float]] = []
    for name in ("earliest", "latest"):
        if name not in options:
            bounds.append(None)
            continue
        value = parse_time(options[name], now)
        if value is None:
            raise UsageError(
                "%s=%s is not a time (epoch seconds, now, a relative time such as -7d@d, or a date such as "
                "2026-11-30)" % (name, _shown(options[name]))
            )
        bounds.append(value if value > 0 else None)
    if bounds[0] is not None and bounds[1] is not None and bounds[0] >= bounds[1]:
        raise UsageError("earliest=%s is not before latest=%s" % (options["earliest"], options["latest"]))
    return TimeRange(bounds[0], bounds[1])
