"""A watch's fields as a request gives them: the form pairs or the JSON (or form-encoded) body, the indicator
(a domain or an address; a URL is watched by its host), the note, the end date and the switches, each checked with
a 400 ``invalid_input`` that names what is wrong."""

import calendar
import json
import re
import time
from typing import AbstractSet, Any, Dict, Optional

from . import watch_state
from .commands.indicators import Indicator, parse_indicator
from .errors import INVALID_INPUT, ProxyError
from .form_fields import form_fields, payload_object

WATCHABLE = ("domain", "ipv4", "ipv6")
MAX_NOTE_CHARS = 1000
MAX_BODY_CHARS = 2 * watch_state.MAX_STATE_CHARS
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EPOCH = re.compile(r"^\d{1,11}(?:\.\d{1,3})?$")
_TRUE = ("1", "true", "yes")
_FALSE = ("0", "false", "no", "")


def invalid(text: str) -> ProxyError:
    """The 400 answer for a watch that is not saved, with the reason."""
    return ProxyError(400, INVALID_INPUT, "The watch was not saved: %s." % text)


def refuse_unknown(fields: Dict[str, str], allowed: AbstractSet[str], hint: str = "") -> None:
    """Refuses a request with a field that is not ``allowed`` (the first unknown one named, with ``hint``)."""
    unknown = sorted(k for k in fields if k not in allowed)
    if unknown:
        raise invalid("unknown field %s%s" % (unknown[0][:40], hint))


def parse_fields(form: Any, payload: Any) -> Dict[str, str]:
    """The POSTed fields as text, from splunkd's ``form`` pairs or a JSON (or form-encoded) ``payload``."""
    found = form_fields(form, invalid)
    if found is not None:
        return found
    fields: Dict[str, str] = {}
    if isinstance(payload, str) and payload.strip():
        if len(payload) > MAX_BODY_CHARS:
            raise invalid("the body is too large")
        data = payload_object(payload, invalid)
        for key, value in data.items():
            if isinstance(value, bool):
                fields[str(key)] = "1" if value else "0"
            elif isinstance(value, (str, int, float)):
                fields[str(key)] = str(value)
            elif isinstance(value, dict) and key == "state":
                fields["state"] = json.dumps(value)
    return fields


def end_of(text: str, now: float) -> Optional[float]:
    """An end date: epoch seconds or YYYY-MM-DD (the end of that day, UTC); empty for none."""
    if text == "":
        return None
    date = _DATE.match(text)
    if date:
        try:
            day = time.strptime(text, "%Y-%m-%d")
        except ValueError:
            raise invalid("end %s is not a date" % text[:20])
        value = float(calendar.timegm(day) + 86399)
    elif _EPOCH.match(text):
        value = float(text)
    else:
        raise invalid("end must be a date (YYYY-MM-DD) or epoch seconds")
    if value <= now:
        raise invalid("end must be in the future")
    return value


def note_of(text: str) -> str:
    """A note: at most ``MAX_NOTE_CHARS``, no control characters but new lines and tabs."""
    if len(text) > MAX_NOTE_CHARS:
        raise invalid("the note is longer than %d characters" % MAX_NOTE_CHARS)
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise invalid("the note holds control characters")
    return text


def flag_of(text: str, name: str) -> bool:
    """A switch given as 1/0, true/false or yes/no (empty is false)."""
    lower = text.strip().lower()
    if lower in _TRUE:
        return True
    if lower in _FALSE:
        return False
    raise invalid("%s must be true or false" % name)


def watched_indicator(text: str, kind: str) -> Indicator:
    """The indicator to watch: a domain or an address, or a URL (watched by its host), of ``kind`` when given."""
    parsed = parse_indicator(text)
    if not isinstance(parsed, Indicator):
        raise invalid("%s is not an indicator: %s" % (text[:100], parsed.reason))
    host_type = parsed.host_type if parsed.type == "url" else parsed.type
    if host_type not in WATCHABLE:
        raise invalid("domains and IP addresses are watched (their resolutions, certificates, WHOIS and reputation)")
    if kind and kind not in (parsed.type, host_type):
        raise invalid("%s is not of type %s" % (text[:100], kind[:20]))
    return parsed
