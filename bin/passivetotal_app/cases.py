"""The team's cases: investigations saved so that a colleague can take them over.

Routes (all need ``passivetotal_query``, checked by the caller): ``GET cases`` lists the team's cases, most recently
changed first, without their saved intelligence; ``POST cases`` saves a new one; ``GET cases/<id>`` answers one case
with everything saved; ``POST cases/<id>`` changes it (verdict, pins, a note added, the assignee, open or closed, a
new snapshot of the intelligence).

Kept in the KV store collection ``passivetotal_cases`` (collections.conf) and written with the system token, so every
member of the app's roles sees the team's cases and nobody needs write access to the collection. Who created or
changed a case, who pinned a finding and who wrote a note, and when, come from the Splunk session and the clock,
never from the request. A document holds scalar fields (``title``, ``indicator``, ``type``, ``verdict``,
``state``, ``assignee``, ``earliest``, ``latest``, ``created_by``, ``created_at``, ``updated_by``,
``updated_at``, ``snapshot_at``; times in epoch seconds) and four JSON texts: ``pins``, ``trail``, ``notes`` and
``snapshot`` (the intelligence as the tabs showed it when the case was saved).

The request is a form with one field ``case`` holding a JSON object, or that JSON object as the body. Input is
validated field by field with limits on every list and text, and the whole snapshot is at most
``MAX_SNAPSHOT_BYTES``; invalid input is 400 ``invalid_input``, an unknown case 404 ``not_found``, a KV store that
cannot be read or written 503 ``history_unavailable``.
"""

import datetime
import json
import logging
import re
import urllib.parse
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .errors import HISTORY_UNAVAILABLE, INVALID_INPUT, NOT_FOUND, ProxyError
from .investigations import TYPES
from .replies import json_reply
from .kvstore import Collection
from .splunkd import Splunkd

LOG = logging.getLogger("passivetotal.cases")

COLLECTION = "passivetotal_cases"
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
DEFAULT_LIMIT = 50
MAX_LIMIT = 200

_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")
_USER = re.compile(r"^[A-Za-z0-9_.@+-]{1,100}$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LIMIT = re.compile(r"^\d{1,4}$")
_RELATION = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Fields of the request, for the create and the change.
_FIELDS = (
    "title", "indicator", "type", "verdict", "assignee", "state", "pins", "trail", "note", "snapshot", "timeRange"
)
_SUMMARY_FIELDS = (
    "title,indicator,type,verdict,state,assignee,created_by,created_at,updated_by,updated_at,snapshot_at,pins,notes"
)

Pairs = Sequence[Tuple[str, str]]


def _invalid(text: str) -> ProxyError:
    return ProxyError(400, INVALID_INPUT, "The case was not saved: %s." % text)


def _unavailable() -> ProxyError:
    return ProxyError(
        503,
        HISTORY_UNAVAILABLE,
        "The KV store is unavailable, so the team's cases cannot be read or saved; try again later.",
    )


def _not_found(case_id: str) -> ProxyError:
    return ProxyError(404, NOT_FOUND, "There is no case %s (it may have been removed)." % case_id[:64])


_KV = Collection(COLLECTION, LOG, _unavailable, " of cases")


def parse_body(form: Any, payload: Any) -> Dict[str, Any]:
    """The request's JSON object: the form field ``case``, else the body itself."""
    text: Optional[str] = None
    if isinstance(form, list) and form:
        for item in form:
            if isinstance(item, (list, tuple)) and len(item) == 2 and item[0] == "case" and isinstance(item[1], str):
                if text is not None:
                    raise _invalid("the field case is given more than once")
                text = item[1]
    if text is None and isinstance(payload, str) and payload.strip():
        text = payload
        if not text.lstrip().startswith("{"):
            pairs = urllib.parse.parse_qsl(text, keep_blank_values=True)
            text = next((v for k, v in pairs if k == "case"), None)
    if text is None:
        raise _invalid("the request holds no case (a form field case with a JSON object)")
    if len(text.encode("utf-8")) > MAX_BODY_BYTES:
        raise _invalid("the case is larger than %d MB" % (MAX_BODY_BYTES // (1024 * 1024)))
    try:
        data = json.loads(text)
    except RecursionError:
        raise _invalid("the case is nested too deeply")
    except ValueError:
        raise _invalid("the case is not JSON")
    if not isinstance(data, dict):
        raise _invalid("the case is not a JSON object")
    unknown = sorted(str(k) for k in data if k not in _FIELDS)
    if unknown:
        raise _invalid("unknown field %s" % unknown[0][:40])
    return data


def _text(value: Any, name: str, limit: int, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise _invalid("%s is missing" % name)
        return ""
    if not isinstance(value, str):
        raise _invalid("%s must be text" % name)
    if len(value) > limit:
        raise _invalid("%s is longer than %d characters" % (name, limit))
    if _CONTROL.search(value):
        raise _invalid("%s holds control characters" % name)
    return value


def _indicator(value: Any, name: str) -> str:
    text = _text(value, name, MAX_VALUE_CHARS, required=True)
    if not _PRINTABLE.match(text):
        raise _invalid("%s must be printable ASCII without spaces (its normalised form)" % name)
    return text


def _type(value: Any, name: str) -> str:
    if value not in TYPES:
        raise _invalid("%s must be one of %s" % (name, ", ".join(TYPES)))
    return str(value)


def _count(value: Any, name: str) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10 ** 12:
        raise _invalid("%s must be a whole number of events or null" % name)
    return value


def _sighting(value: Any, name: str) -> Dict[str, Any]:
    if value is None:
        return {"count": None}
    if not isinstance(value, dict):
        raise _invalid("%s must be an object" % name)
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
        raise _invalid("pins must be a list")
    if len(value) > MAX_PINS:
        raise _invalid("a case holds at most %d pinned findings" % MAX_PINS)
    known = {(p.get("type"), p.get("value")): p for p in before if isinstance(p, dict)}
    pins: List[Dict[str, Any]] = []
    seen = set()
    for i, item in enumerate(value):
        name = "pins[%d]" % i
        if not isinstance(item, dict):
            raise _invalid("%s must be an object" % name)
        kind = _type(item.get("type"), name + ".type")
        indicator = _indicator(item.get("value"), name + ".value")
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
                raise _invalid("%s.relation is not a relation name" % name)
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
        raise _invalid("trail must be a list")
    if len(value) > MAX_TRAIL_STEPS:
        raise _invalid("a trail holds at most %d steps" % MAX_TRAIL_STEPS)
    steps: List[Dict[str, Any]] = []
    for i, item in enumerate(value):
        name = "trail[%d]" % i
        if not isinstance(item, dict):
            raise _invalid("%s must be an object" % name)
        step: Dict[str, Any] = {
            "type": _type(item.get("type"), name + ".type"),
            "value": _indicator(item.get("value"), name + ".value"),
        }
        via = item.get("via")
        if via is not None:
            relation = via.get("relation") if isinstance(via, dict) else None
            if not isinstance(relation, str) or not _RELATION.match(relation):
                raise _invalid("%s.via must name where it came from and the relation" % name)
            step["via"] = {"from": _indicator(via.get("from"), name + ".via.from"), "relation": relation}
        steps.append(step)
    return steps


def _time_range(value: Any) -> Tuple[str, str]:
    if not isinstance(value, dict):
        raise _invalid("timeRange must be an object with earliest and latest")
    return (
        _text(value.get("earliest"), "timeRange.earliest", MAX_TIME_CHARS),
        _text(value.get("latest"), "timeRange.latest", MAX_TIME_CHARS),
    )


def _snapshot(value: Any) -> str:
    if not isinstance(value, dict):
        raise _invalid("snapshot must be an object")
    text = json.dumps(value, separators=(",", ":"))
    if len(text.encode("utf-8")) > MAX_SNAPSHOT_BYTES:
        raise _invalid(
            "the saved intelligence is larger than %d MB; pin the findings that matter and save it without the "
            "largest tabs" % (MAX_SNAPSHOT_BYTES // (1024 * 1024))
        )
    return text


def _assignee(value: Any) -> str:
    text = _text(value, "assignee", 100)
    if text and not _USER.match(text):
        raise _invalid("assignee must be a Splunk user name")
    return text


def _iso(epoch: float) -> str:
    moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def _loads(text: Any, default: Any) -> Any:
    if not isinstance(text, str) or not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _time(value: Any) -> Optional[str]:
    return _iso(float(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def public(doc: Dict[str, Any], full: bool) -> Optional[Dict[str, Any]]:
    """A stored case as the page reads it; None when it is not well-formed. ``full`` adds the trail and snapshot."""
    key, indicator, kind = doc.get("_key"), doc.get("indicator"), doc.get("type")
    if not isinstance(key, str) or not isinstance(indicator, str) or kind not in TYPES:
        return None
    pins = _loads(doc.get("pins"), [])
    notes = _loads(doc.get("notes"), [])
    item: Dict[str, Any] = {
        "id": key,
        "title": str(doc.get("title") or indicator),
        "indicator": indicator,
        "type": kind,
        "verdict": doc.get("verdict") if doc.get("verdict") in VERDICTS else "unknown",
        "state": doc.get("state") if doc.get("state") in STATES else "open",
        "assignee": str(doc.get("assignee") or ""),
        "createdBy": str(doc.get("created_by") or ""),
        "createdAt": _time(doc.get("created_at")),
        "updatedBy": str(doc.get("updated_by") or ""),
        "updatedAt": _time(doc.get("updated_at")),
        "snapshotAt": _time(doc.get("snapshot_at")),
        "pins": pins if isinstance(pins, list) else [],
        "notes": notes if isinstance(notes, list) else [],
    }
    if full:
        trail = _loads(doc.get("trail"), [])
        item["trail"] = trail if isinstance(trail, list) else []
        item["timeRange"] = {"earliest": str(doc.get("earliest") or ""), "latest": str(doc.get("latest") or "")}
        item["snapshot"] = _loads(doc.get("snapshot"), None)
    return item


def _call(system: Splunkd, method: str, path: str = "", query: Optional[Pairs] = None, json_body: Any = None) -> Any:
    return _KV.call(system, method, path, query, json_body)


def _doc_path(case_id: str) -> str:
    if not _ID.match(case_id):
        raise _not_found(case_id)
    return "/" + urllib.parse.quote(case_id, safe="")


def list_cases(system: Splunkd, query: Pairs) -> Dict[str, Any]:
    """``GET cases[?limit=N&state=open|closed]``: ``{"cases": [...]}``, most recently changed first."""
    limit = DEFAULT_LIMIT
    state = ""
    for name, value in query:
        if name == "limit":
            if not _LIMIT.match(value) or not 1 <= int(value) <= MAX_LIMIT:
                raise ProxyError(400, INVALID_INPUT, "limit must be a whole number from 1 to %d." % MAX_LIMIT)
            limit = int(value)
        elif name == "state":
            if value not in STATES:
                raise ProxyError(400, INVALID_INPUT, "state must be open or closed.")
            state = value
    pairs: List[Tuple[str, str]] = [("sort", "updated_at:-1"), ("limit", str(limit)), ("fields", "snapshot:0,trail:0")]
    if state:
        pairs.append(("query", json.dumps({"state": state})))
    docs = _call(system, "GET", query=pairs)
    items = [public(d, full=False) for d in docs if isinstance(d, dict)] if isinstance(docs, list) else []
    return json_reply({"cases": [i for i in items if i is not None]})


def get_case(system: Splunkd, case_id: str) -> Dict[str, Any]:
    """``GET cases/<id>``: the case with its trail and saved intelligence."""
    doc = _call(system, "GET", _doc_path(case_id))
    item = public(doc, full=True) if isinstance(doc, dict) else None
    if item is None:
        raise _not_found(case_id)
    return json_reply(item)


def _apply(doc: Dict[str, Any], data: Dict[str, Any], user: str, now: float) -> None:
    """Writes the request's fields into the stored document."""
    if "title" in data:
        doc["title"] = _text(data["title"], "title", MAX_TITLE_CHARS) or doc.get("title") or doc.get("indicator")
    if "verdict" in data:
        if data["verdict"] not in VERDICTS:
            raise _invalid("verdict must be one of %s" % ", ".join(VERDICTS))
        doc["verdict"] = data["verdict"]
    if "assignee" in data:
        # An empty assignee keeps the one before (the creator, for a new case).
        doc["assignee"] = _assignee(data["assignee"]) or doc.get("assignee", "")
    if "state" in data:
        if data["state"] not in STATES:
            raise _invalid("state must be open or closed")
        doc["state"] = data["state"]
    if "pins" in data:
        before = _loads(doc.get("pins"), [])
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
        notes = _loads(doc.get("notes"), [])
        notes = notes if isinstance(notes, list) else []
        if len(notes) >= MAX_NOTES:
            raise _invalid("a case holds at most %d notes" % MAX_NOTES)
        notes.append({"user": user, "time": _iso(now), "text": note})
        doc["notes"] = json.dumps(notes)
    doc["updated_by"] = user
    doc["updated_at"] = round(now, 3)


def create(system: Splunkd, user: str, data: Dict[str, Any], now: float) -> Dict[str, Any]:
    """``POST cases``: saves a new open case created by ``user``; answers it (201)."""
    indicator = _indicator(data.get("indicator"), "indicator")
    doc: Dict[str, Any] = {
        "indicator": indicator,
        "type": _type(data.get("type"), "type"),
        "title": indicator,
        "verdict": "unknown",
        "state": "open",
        "assignee": user,
        "pins": "[]",
        "notes": "[]",
        "trail": json.dumps([{"type": data.get("type"), "value": indicator}]),
        "created_by": user,
        "created_at": round(now, 3),
    }
    _apply(doc, data, user, now)
    answer = _call(system, "POST", json_body=doc)
    key = answer.get("_key") if isinstance(answer, dict) else None
    if not isinstance(key, str):
        raise _unavailable()
    doc["_key"] = key
    LOG.info("case created: user=%s case=%s type=%s", user[:100], key[:64], doc["type"])
    return json_reply(public(doc, full=True), status=201)


def change(system: Splunkd, user: str, case_id: str, data: Dict[str, Any], now: float) -> Dict[str, Any]:
    """``POST cases/<id>``: changes the case; the indicator it is about stays."""
    path = _doc_path(case_id)
    doc = _call(system, "GET", path)
    if not isinstance(doc, dict) or public(doc, full=False) is None:
        raise _not_found(case_id)
    for fixed in ("indicator", "type"):
        if fixed in data and data[fixed] != doc.get(fixed):
            raise _invalid("a case stays about its indicator (%s cannot change)" % fixed)
    stored = {k: v for k, v in doc.items() if k not in ("_key", "_user")}
    _apply(stored, data, user, now)
    if _call(system, "POST", path, json_body=stored) is None:
        raise _not_found(case_id)
    stored["_key"] = case_id
    LOG.info("case changed: user=%s case=%s fields=%s", user[:100], case_id, ",".join(sorted(data))[:200])
    return json_reply(public(stored, full=True))


def handle(
    method: str, system: Splunkd, user: str, raw: Dict[str, Any], rest: str, query: Pairs, now: float
) -> Dict[str, Any]:
    """The ``cases`` route (the caller has checked the route, the method and ``passivetotal_query``)."""
    case_id = rest.strip("/")
    if "/" in case_id:
        raise _not_found(case_id)
    if method == "POST":
        data = parse_body(raw.get("form"), raw.get("payload"))
        if case_id:
            return change(system, user, case_id, data, now)
        return create(system, user, data, now)
    if case_id:
        return get_case(system, case_id)
    return list_cases(system, query)
