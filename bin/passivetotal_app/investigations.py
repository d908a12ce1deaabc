"""The team's recent investigations: ``GET investigations`` (newest first) and ``POST investigations`` (record one).

Kept in the KV store collection ``passivetotal_investigations`` (collections.conf), written and read with the
system token, so every user of the app sees the team's list without write access to the collection. A document
holds ``user``, ``indicator``, ``type``, ``time`` (epoch seconds) and ``internal_sightings`` (local events that
mentioned the indicator, or absent when unknown). Every record written also deletes the investigations older than
``[history] max_age_days`` (90 by default) and the oldest beyond ``max_records`` (10,000), so the collection stays
bounded. The user and the time are taken from the Splunk session and the
clock, never from the request. Both routes need ``passivetotal_query`` (checked by the caller).

``POST`` takes a form body (``indicator``, ``type``, ``internal_sightings``) or a JSON object with the same keys
(``internalSightings`` accepted too). Input is validated: the indicator is printable ASCII without spaces (the
page sends the normalised form: punycode, compressed IPv6), at most 2048 characters; the type is one of the
indicator types; the count is a non-negative integer. Invalid input is 400 ``invalid_input``; a KV store that
cannot be read or written is 503 ``history_unavailable``.
"""

import json
import logging
import re
from typing import Any, Dict, Optional, Sequence, Tuple

from . import calllog
from .errors import HISTORY_UNAVAILABLE, INVALID_INPUT, ProxyError
from .form_fields import form_fields, payload_object
from .kvstore import Collection
from .replies import json_reply
from .settings import load as load_settings
from .splunkd import Splunkd

LOG = logging.getLogger("passivetotal.investigations")

COLLECTION = "passivetotal_investigations"
TYPES = ("ipv4", "ipv6", "domain", "url", "email", "sha1", "tracker")
MAX_INDICATOR_CHARS = 2048
MAX_COUNT = 10 ** 12
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
DAY_SECONDS = 86400

_INDICATOR = re.compile(r"^[\x21-\x7e]+$")
_COUNT = re.compile(r"^\d{1,13}$")
_LIMIT = re.compile(r"^\d{1,4}$")

Pairs = Sequence[Tuple[str, str]]


def _invalid(text: str) -> ProxyError:
    return ProxyError(400, INVALID_INPUT, "The investigation was not recorded: %s." % text)


def _unavailable() -> ProxyError:
    return ProxyError(
        503,
        HISTORY_UNAVAILABLE,
        "The KV store is unavailable, so the team's recent investigations cannot be read or saved; try again later.",
    )


_KV = Collection(COLLECTION, LOG, _unavailable)


def parse_body(form: Any, payload: Any) -> Dict[str, str]:
    """The POSTed fields as text: from splunkd's ``form`` pairs, else from a JSON ``payload`` object."""
    found = form_fields(form, _invalid)
    if found is not None:
        return found
    fields: Dict[str, str] = {}
    if isinstance(payload, str) and payload.strip():
        data = payload_object(payload, _invalid)
        for key, value in data.items():
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, (str, int)):
                fields["internal_sightings" if key == "internalSightings" else str(key)] = str(value)
    return fields


def validate(fields: Dict[str, str]) -> Dict[str, Any]:
    """The validated ``indicator``, ``type`` and optional ``internal_sightings``; 400 ``invalid_input`` otherwise."""
    allowed = {"indicator", "type", "internal_sightings", "output_mode"}
    unknown = sorted(k for k in fields if k not in allowed)
    if unknown:
        raise _invalid("unknown field %s" % unknown[0][:40])
    indicator = fields.get("indicator", "")
    if not indicator:
        raise _invalid("the indicator is missing")
    if len(indicator) > MAX_INDICATOR_CHARS:
        raise _invalid("the indicator is longer than %d characters" % MAX_INDICATOR_CHARS)
    if not _INDICATOR.match(indicator):
        raise _invalid("the indicator must be printable ASCII without spaces (its normalised form)")
    kind = fields.get("type", "")
    if kind not in TYPES:
        raise _invalid("the type must be one of %s" % ", ".join(TYPES))
    doc: Dict[str, Any] = {"indicator": indicator, "type": kind}
    count = fields.get("internal_sightings")
    if count is not None and count != "":
        if not _COUNT.match(count) or int(count) > MAX_COUNT:
            raise _invalid("internal_sightings must be a whole number of events")
        doc["internal_sightings"] = int(count)
    return doc


def _call(system: Splunkd, method: str, query: Optional[Pairs] = None, json_body: Any = None) -> Any:
    return _KV.call(system, method, query=query, json_body=json_body)


def _public(doc: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """A stored document as the page reads it (no ``_key``, ``_user``); None when it is not well-formed."""
    indicator, kind, when = doc.get("indicator"), doc.get("type"), doc.get("time")
    if not isinstance(indicator, str) or kind not in TYPES or not isinstance(when, (int, float)):
        return None
    item: Dict[str, Any] = {
        "user": str(doc.get("user") or ""),
        "indicator": indicator,
        "type": kind,
        "time": when,
    }
    count = doc.get("internal_sightings")
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        item["internalSightings"] = int(count)
    return item


def list_recent(system: Splunkd, query: Pairs) -> Dict[str, Any]:
    """``GET investigations[?limit=N]``: ``{"investigations": [...]}``, newest first."""
    limit = DEFAULT_LIMIT
    for name, value in query:
        if name == "limit":
            if not _LIMIT.match(value) or not 1 <= int(value) <= MAX_LIMIT:
                raise ProxyError(400, INVALID_INPUT, "limit must be a whole number from 1 to %d." % MAX_LIMIT)
            limit = int(value)
    docs = _call(system, "GET", query=[("sort", "time:-1"), ("limit", str(limit))])
    items = [_public(d) for d in docs if isinstance(d, dict)] if isinstance(docs, list) else []
    return json_reply({"investigations": [i for i in items if i is not None]})


def record(system: Splunkd, user: str, fields: Dict[str, str], now: float) -> Dict[str, Any]:
    """``POST investigations``: stores one investigation by ``user`` at ``now``, then trims the collection to
    ``[history]`` ``max_age_days`` and ``max_records``; answers the stored item (201)."""
    doc = validate(fields)
    doc["user"] = user
    doc["time"] = round(now, 3)
    _call(system, "POST", json_body=doc)
    calllog.log_investigation(user, doc["type"])
    settings = load_settings(system)
    trim(system, settings.history_max_age_days, settings.history_max_records, now)
    return json_reply(_public(doc), status=201)


def trim(system: Splunkd, max_age_days: int, max_records: int, now: float) -> None:
    """Deletes the investigations older than ``max_age_days`` and the oldest beyond ``max_records``. A KV store
    that refuses is logged and tried again at the next record; the record itself stands."""
    try:
        _call(system, "DELETE", query=[("query", json.dumps({"time": {"$lt": now - max_age_days * DAY_SECONDS}}))])
        beyond = _call(
            system, "GET", query=[("sort", "time:-1"), ("skip", str(max_records)), ("limit", "1"), ("fields", "time")]
        )
        first = beyond[0] if isinstance(beyond, list) and beyond and isinstance(beyond[0], dict) else {}
        if isinstance(first.get("time"), (int, float)):
            _call(system, "DELETE", query=[("query", json.dumps({"time": {"$lte": first["time"]}}))])
    except ProxyError:
        LOG.warning("the team's history was not trimmed; the next record tries again")


def handle(method: str, system: Splunkd, user: str, raw: Dict[str, Any], query: Pairs, now: float) -> Dict[str, Any]:
    """The ``investigations`` route (the caller has checked the route, the method and ``passivetotal_query``)."""
    if method == "POST":
        return record(system, user, parse_body(raw.get("form"), raw.get("payload")), now)
    return list_recent(system, query)
