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
cannot be read or written 503 ``history_unavailable``. The fields and their validation are in case_fields.
"""

import json
import logging
import re
import urllib.parse
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .case_fields import (
    STATES,
    VERDICTS,
    apply_fields,
    checked_indicator,
    checked_type,
    invalid,
    loads_or,
    parse_body,
    time_text,
)
from .errors import HISTORY_UNAVAILABLE, INVALID_INPUT, NOT_FOUND, ProxyError
from .investigations import TYPES
from .kvstore import Collection
from .replies import json_reply
from .splunkd import Splunkd

LOG = logging.getLogger("passivetotal.cases")

COLLECTION = "passivetotal_cases"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200

_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LIMIT = re.compile(r"^\d{1,4}$")

Pairs = Sequence[Tuple[str, str]]


def _unavailable() -> ProxyError:
    return ProxyError(
        503,
        HISTORY_UNAVAILABLE,
        "The KV store is unavailable, so the team's cases cannot be read or saved; try again later.",
    )


def _not_found(case_id: str) -> ProxyError:
    return ProxyError(404, NOT_FOUND, "There is no case %s (it may have been removed)." % case_id[:64])


_KV = Collection(COLLECTION, LOG, _unavailable, " of cases")


def public(doc: Dict[str, Any], full: bool) -> Optional[Dict[str, Any]]:
    """A stored case as the page reads it; None when it is not well-formed. ``full`` adds the trail and snapshot."""
    key, indicator, kind = doc.get("_key"), doc.get("indicator"), doc.get("type")
    if not isinstance(key, str) or not isinstance(indicator, str) or kind not in TYPES:
        return None
    pins = loads_or(doc.get("pins"), [])
    notes = loads_or(doc.get("notes"), [])
    item: Dict[str, Any] = {
        "id": key,
        "title": str(doc.get("title") or indicator),
        "indicator": indicator,
        "type": kind,
        "verdict": doc.get("verdict") if doc.get("verdict") in VERDICTS else "unknown",
        "state": doc.get("state") if doc.get("state") in STATES else "open",
        "assignee": str(doc.get("assignee") or ""),
        "createdBy": str(doc.get("created_by") or ""),
        "createdAt": time_text(doc.get("created_at")),
        "updatedBy": str(doc.get("updated_by") or ""),
        "updatedAt": time_text(doc.get("updated_at")),
        "snapshotAt": time_text(doc.get("snapshot_at")),
        "pins": pins if isinstance(pins, list) else [],
        "notes": notes if isinstance(notes, list) else [],
    }
    if full:
        trail = loads_or(doc.get("trail"), [])
        item["trail"] = trail if isinstance(trail, list) else []
        item["timeRange"] = {"earliest": str(doc.get("earliest") or ""), "latest": str(doc.get("latest") or "")}
        item["snapshot"] = loads_or(doc.get("snapshot"), None)
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


def create(system: Splunkd, user: str, data: Dict[str, Any], now: float) -> Dict[str, Any]:
    """``POST cases``: saves a new open case created by ``user``; answers it (201)."""
    indicator = checked_indicator(data.get("indicator"), "indicator")
    doc: Dict[str, Any] = {
        "indicator": indicator,
        "type": checked_type(data.get("type"), "type"),
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
    apply_fields(doc, data, user, now)
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
            raise invalid("a case stays about its indicator (%s cannot change)" % fixed)
    stored = {k: v for k, v in doc.items() if k not in ("_key", "_user")}
    apply_fields(stored, data, user, now)
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
