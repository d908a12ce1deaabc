"""A case's fields as a request gives them and the KV store keeps them: the request's JSON object (a form field
``case``, or the body), each field validated with limits on every list and text (400 ``invalid_input`` naming the
field), the pins with who pinned them and when, the notes, and the stored JSON texts read back."""

import datetime
import json
import re
import urllib.parse
from typing import Any, Dict, List, Optional, Tuple

from .errors import INVALID_INPUT, ProxyError
from .investigations import TYPES

VERDICTS = ("malicious", "suspicious", "benign", "unknown")
STATES = ("open", "closed")
MAX_BODY_BYTES = 6 * 1024 * 1024
MAX_SNAPSHOT_BYTES = 4 * 1024 * 1024
MAX_TITLE_CHARS = 200
MAX_VALUE_CHARS = 2048
MAX_TEXT_CHARS = 500
MAX_NOTE_CHARS = 10000
MAX_NOTES = 500
MAX_PINS = 200
MAX_TRAIL_STEPS = 100
MAX_TIME_CHARS = 100

_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")
_USER = re.compile(r"^[A-Za-z0-9_.@+-]{1,100}$")
_RELATION = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Fields of the request, for the create and the change.
_FIELDS = (
    "title", "indicator", "type", "verdict", "assignee", "state", "pins", "trail", "note", "snapshot", "timeRange"
)


def invalid(text: str) -> ProxyError:
    """The 400 answer for a case that is not saved, with the reason."""
    return ProxyError(400, INVALID_INPUT, "The case was not saved: %s." % text)


def parse_body(form: Any, payload: Any) -> Dict[str, Any]:
    """The request's JSON object: the form field ``case``, else the body itself."""
    text: Optional[str] = None
    if isinstance(form, list) and form:
        for item in form:
            if isinstance(item, (list, tuple)) and len(item) == 2 and item[0] == "case" and isinstance(item[1], str):
                if text is not None:
                    raise invalid("the field case is given more than once")
                text = item[1]
    if text is None and isinstance(payload, str) and payload.strip():
        text = payload
        if not text.lstrip().startswith("{"):
            pairs = urllib.parse.parse_qsl(text, keep_blank_values=True)
            text = next((v for k, v in pairs if k == "case"), None)
    if text is None:
        raise invalid("the request holds no case (a form field case with a JSON object)")
    if len(text.encode("utf-8")) > MAX_BODY_BYTES:
        raise invalid("the case is larger than %d MB" % (MAX_BODY_BYTES // (1024 * 1024)))
    try:
        data = json.loads(text)
    except RecursionError:
        raise invalid("the case is nested too deeply")
    except ValueError:
        raise invalid("the case is not JSON")
    if not isinstance(data, dict):
        raise invalid("the case is not a JSON object")
    unknown = sorted(str(k) for k in data if k not in _FIELDS)
    if unknown:
        raise invalid("unknown field %s" % unknown[0][:40])
    return data


def _text(value: Any, name: str, limit: int, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise invalid("%s is missing" % name)
        return ""
    if not isinstance(value, str):
        raise invalid("%s must be text" % name)
    if len(value) > limit:
        raise invalid("%s is longer than %d characters" % (name, limit))
    if _CONTROL.search(value):
        raise invalid("%s holds control characters" % name)
    return value


def checked_indicator(value: Any, name: str) -> str:
    """An indicator in its normalised form: printable ASCII without spaces."""
    text = _text(value, name, MAX_VALUE_CHARS, required=True)
    if not _PRINTABLE.match(text):
        raise invalid("%s must be printable ASCII without spaces (its normalised form)" % name)
    return text


def checked_type(value: Any, name: str) -> str:
    """One of the indicator types."""
    if value not in TYPES:
        raise invalid("%s must be one of %s" % (name, ", ".join(TYPES)))
    return str(value)


def _count(value: Any, name: str) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10 ** 12:
        raise invalid("%s must be a whole number of events or null" % name)
    return value


def _sighting(value: Any, name: str) -> Dict[str, Any]:
    if value is None:
        return {"count": None}
    if not isinstance(value, dict):
        raise invalid("%s must be an object" % name)
    out: Dict[str, Any] = {"count": _count(value.get("count"), name + ".count")}
    for key in ("firstSeen", "lastSeen"):
        if value.get(key) is not None:
            out[key] = _text(value.get(key), "%s.%s" % (name, key), MAX_TIME_CHARS)
    if value.get("notCounted") is not None:
        out["notCounted"] = _text(value.get("notCounted"), name + ".notCounted", MAX_TEXT_CHARS)
    return out


def _pins(value: Any, user: str, now: float, before: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The pinned findings; who pinned one and when is kept from before, or is this user now."""
    if not isinstance(value, list):
        raise invalid("pins must be a list")
    if len(value) > MAX_PINS:
        raise invalid("a case holds at most %d pinned findings" % MAX_PINS)
    known = {(p.get("type"), p.get("value")): p for p in before if isinstance(p, dict)}
    pins: List[Dict[str, Any]] = []
    seen = set()
    for i, item in enumerate(value):
        name = "pins[%d]" % i
        if not isinstance(item, dict):
            raise invalid("%s must be an object" % name)
        kind = checked_type(item.get("type"), name + ".type")
        indicator = checked_indicator(item.get("value"), name + ".value")
        if (kind, indicator) in seen:
            continue
        seen.add((kind, indicator))
        pin: Dict[str, Any] = {
            "type": kind,
            "value": indicator,
            "why": _text(item.get("why"), name + ".why", MAX_TEXT_CHARS),
            "internalSightings": _sighting(item.get("internalSightings"), name + ".internalSightings"),
        }
        relation = item.get("relation")
        if relation is not None:
            if not isinstance(relation, str) or not _RELATION.match(relation):
                raise invalid("%s.relation is not a relation name" % name)
            pin["relation"] = relation
        if item.get("from") is not None:
            pin["from"] = _text(item.get("from"), name + ".from", 100)
        earlier = known.get((kind, indicator))
        if earlier and earlier.get("pinnedBy"):
            pin["pinnedBy"], pin["pinnedAt"] = earlier.get("pinnedBy"), earlier.get("pinnedAt")
        else:
            pin["pinnedBy"], pin["pinnedAt"] = user, _iso(now)
        pins.append(pin)
    return pins


def _trail(value: Any) -> List[Dict[str, Any]]:
    if not isinstance(value, list):
        raise invalid("trail must be a list")
    if len(value) > MAX_TRAIL_STEPS:
        raise invalid("a trail holds at most %d steps" % MAX_TRAIL_STEPS)
    steps: List[Dict[str, Any]] = []
    for i, item in enumerate(value):
        name = "trail[%d]" % i
        if not isinstance(item, dict):
            raise invalid("%s must be an object" % name)
        step: Dict[str, Any] = {
            "type": checked_type(item.get("type"), name + ".type"),
            "value": checked_indicator(item.get("value"), name + ".value"),
        }
        via = item.get("via")
        if via is not None:
            relation = via.get("relation") if isinstance(via, dict) else None
            if not isinstance(relation, str) or not _RELATION.match(relation):
                raise invalid("%s.via must name where it came from and the relation" % name)
            step["via"] = {"from": checked_indicator(via.get("from"), name + ".via.from"), "relation": relation}
        steps.append(step)
    return steps


def _time_range(value: Any) -> Tuple[str, str]:
    if not isinstance(value, dict):
        raise invalid("timeRange must be an object with earliest and latest")
    return (
        _text(value.get("earliest"), "timeRange.earliest", MAX_TIME_CHARS),
        _text(value.get("latest"), "timeRange.latest", MAX_TIME_CHARS),
    )


def _snapshot(value: Any) -> str:
    if not isinstance(value, dict):
        raise invalid("snapshot must be an object")
    text = json.dumps(value, separators=(",", ":"))
    if len(text.encode("utf-8")) > MAX_SNAPSHOT_BYTES:
        raise invalid(
            "the saved intelligence is larger than %d MB; pin the findings that matter and save it without the "
            "largest tabs" % (MAX_SNAPSHOT_BYTES // (1024 * 1024))
        )
    return text


def _assignee(value: Any) -> str:
    text = _text(value, "assignee", 100)
    if text and not _USER.match(text):
        raise invalid("assignee must be a Splunk user name")
    return text


def _iso(epoch: float) -> str:
    moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def loads_or(text: Any, default: Any) -> Any:
    """A stored JSON text read back, or ``default`` when there is none or it is not JSON."""
    if not isinstance(text, str) or not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def time_text(value: Any) -> Optional[str]:
    """Epoch seconds as an ISO 8601 UTC time with milliseconds, or None."""
    return _iso(float(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def apply_fields(doc: Dict[str, Any], data: Dict[str, Any], user: str, now: float) -> None:
    """Writes the request's fields into the stored document."""
    if "title" in data:
        doc["title"] = _text(data["title"], "title", MAX_TITLE_CHARS) or doc.get("title") or doc.get("indicator")
    if "verdict" in data:
        if data["verdict"] not in VERDICTS:
            raise invalid("verdict must be one of %s" % ", ".join(VERDICTS))
        doc["verdict"] = data["verdict"]
    if "assignee" in data:
        # An empty assignee keeps the one before (the creator, for a new case).
        doc["assignee"] = _assignee(data["assignee"]) or doc.get("assignee", "")
    if "state" in data:
        if data["state"] not in STATES:
            raise invalid("state must be open or closed")
        doc["state"] = data["state"]
    if "pins" in data:
        before = loads_or(doc.get("pins"), [])
        doc["pins"] = json.dumps(_pins(data["pins"], user, now, before if isinstance(before, list) else []))
    if "trail" in data:
        doc["trail"] = json.dumps(_trail(data["trail"]))
    if "timeRange" in data:
        doc["earliest"], doc["latest"] = _time_range(data["timeRange"])
    if "snapshot" in data and data["snapshot"] is not None:
        doc["snapshot"] = _snapshot(data["snapshot"])
        doc["snapshot_at"] = round(now, 3)
    note = _text(data.get("note"), "note", MAX_NOTE_CHARS).strip()
    if note:
        notes = loads_or(doc.get("notes"), [])
        notes = notes if isinstance(notes, list) else []
        if len(notes) >= MAX_NOTES:
            raise invalid("a case holds at most %d notes" % MAX_NOTES)
        notes.append({"user": user, "time": _iso(now), "text": note})
        doc["notes"] = json.dumps(notes)
    doc["updated_by"] = user
    doc["updated_at"] = round(now, 3)
