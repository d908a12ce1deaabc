"""Watched indicators: ``GET watches``, ``POST watches`` (watch one), ``POST watches/<id>`` (change the note or the
end date, or record what the check found), ``DELETE watches/<id>``.

Kept in the KV store collection ``passivetotal_watches`` (collections.conf), read and written with the system
token. A document holds ``indicator`` (normalised: a domain, an IPv4 or IPv6 address; a URL is watched by its
host), ``type``, ``related`` (also watch its certificates and WHOIS), ``owner``, ``note``, ``end`` (epoch seconds;
the check skips a watch after it), ``created``, and what the check found last: ``state`` (JSON text,
``watch_state.py``), ``version`` and ``checked``.

Every route needs ``passivetotal_query`` (checked by the caller). Anyone with it sees the team's watches and may
watch an indicator (owned by themselves; an app admin may name another owner). The note and the end date are
changed, and a watch deleted, by its owner or an app admin. Recording a state needs ``passivetotal_admin`` (the
scheduled check runs as splunk-system-user) and the version it read: a check that finds the watch changed since
(another check ran meanwhile) gets 409 ``watch_conflict`` and records nothing, so overlapping checks report each
change once. The fields of a request are read and checked in watch_fields.
"""

import json
import logging
import re
from typing import Any, Dict, Optional

from . import watch_state
from .errors import FORBIDDEN, NOT_FOUND, WATCHES_UNAVAILABLE, WATCH_CONFLICT, ProxyError
from .kvstore import Collection
from .replies import json_reply
from .splunkd import Splunkd
from .watch_fields import WATCHABLE, end_of, flag_of, invalid, note_of, parse_fields, refuse_unknown, watched_indicator

LOG = logging.getLogger("passivetotal.watches")

COLLECTION = "passivetotal_watches"
MAX_WATCHES = 1000
MAX_OWNER_CHARS = 100
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _unavailable() -> ProxyError:
    return ProxyError(
        503, WATCHES_UNAVAILABLE,
        "The KV store is unavailable, so the watched indicators cannot be read or saved; try again later.",
    )


def _not_found(key: str) -> ProxyError:
    return ProxyError(404, NOT_FOUND, "There is no watch %s." % key[:64])


_KV = Collection(COLLECTION, LOG, _unavailable)


def _call(system: Splunkd, method: str, path: str = "", query: Any = None, json_body: Any = None) -> Any:
    return _KV.call(system, method, path, query, json_body, read_answer=method != "DELETE")


def public(doc: Dict[str, Any], now: float) -> Optional[Dict[str, Any]]:
    """A stored watch as the page and the check read it; None when it is not well-formed."""
    key, indicator, kind = doc.get("_key"), doc.get("indicator"), doc.get("type")
    if not isinstance(key, str) or not isinstance(indicator, str) or kind not in WATCHABLE:
        return None
    end = doc.get("end")
    end_value = end if isinstance(end, (int, float)) and not isinstance(end, bool) and end > 0 else None
    state_text = doc.get("state")
    state: Optional[Dict[str, Any]] = None
    if isinstance(state_text, str) and state_text:
        try:
            loaded = json.loads(state_text)
            state = loaded if isinstance(loaded, dict) else None
        except ValueError:
            state = None
    version = doc.get("version")
    return {
        "id": key,
        "indicator": indicator,
        "type": kind,
        "related": bool(doc.get("related")),
        "owner": str(doc.get("owner") or ""),
        "note": str(doc.get("note") or ""),
        "end": end_value,
        "created": doc.get("created"),
        "checked": doc.get("checked"),
        "active": end_value is None or end_value > now,
        "version": int(version) if isinstance(version, (int, float)) and not isinstance(version, bool) else 0,
        "state": state,
    }


def list_watches(system: Splunkd, now: float) -> Dict[str, Any]:
    docs = _call(system, "GET", query=[("sort", "created:-1"), ("limit", str(MAX_WATCHES))])
    items = [public(d, now) for d in docs if isinstance(d, dict)] if isinstance(docs, list) else []
    return json_reply({"watches": [i for i in items if i is not None]})


def create(system: Splunkd, user: str, admin: bool, fields: Dict[str, str], now: float) -> Dict[str, Any]:
    refuse_unknown(fields, {"indicator", "type", "related", "owner", "note", "end", "output_mode"})
    indicator = watched_indicator(fields.get("indicator", ""), fields.get("type", ""))
    owner = fields.get("owner", "") or user
    if owner != user and not admin:
        raise ProxyError(403, FORBIDDEN, "Only an app admin (passivetotal_admin) may watch for another owner.")
    if len(owner) > MAX_OWNER_CHARS:
        raise invalid("the owner is longer than %d characters" % MAX_OWNER_CHARS)
    existing = _call(system, "GET", query=[("limit", str(MAX_WATCHES)), ("fields", "indicator,owner")])
    if isinstance(existing, list):
        if len(existing) >= MAX_WATCHES:
            raise invalid("the app watches %d indicators already; end or delete some first" % MAX_WATCHES)
        for other in existing:
            if (isinstance(other, dict) and other.get("indicator") == indicator.intel_query
                    and other.get("owner") == owner):
                raise invalid("%s is watched by %s already" % (indicator.intel_query, owner[:MAX_OWNER_CHARS]))
    host_type = indicator.host_type if indicator.type == "url" else indicator.type
    doc: Dict[str, Any] = {
        "indicator": indicator.intel_query,
        "type": host_type,
        "related": flag_of(fields.get("related", "0"), "related"),
        "owner": owner,
        "note": note_of(fields.get("note", "")),
        "created": round(now, 3),
        "version": 0,
        "state": "",
        "checked": 0,
    }
    end = end_of(fields.get("end", ""), now)
    doc["end"] = end if end is not None else 0
    answer = _call(system, "POST", json_body=doc)
    doc["_key"] = answer.get("_key") if isinstance(answer, dict) else None
    LOG.info("watch created: user=%s type=%s", user[:100], host_type)
    return json_reply({"watch": public(doc, now)}, status=201)


def _load(system: Splunkd, key: str) -> Dict[str, Any]:
    if not _KEY.match(key):
        raise _not_found(key)
    doc = _call(system, "GET", "/" + key)
    if not isinstance(doc, dict):
        raise _not_found(key)
    return doc


def update(system: Splunkd, user: str, admin: bool, key: str, fields: Dict[str, str], now: float) -> Dict[str, Any]:
    doc = _load(system, key)
    if "state" in fields:
        return record_state(system, admin, key, doc, fields, now)
    refuse_unknown(fields, {"note", "end", "output_mode"}, " (the note and the end date can be changed)")
    if doc.get("owner") != user and not admin:
        raise ProxyError(403, FORBIDDEN, "Only the owner of a watch or an app admin may change it.")
    if "note" in fields:
        doc["note"] = note_of(fields["note"])
    if "end" in fields:
        # Ending a watch now is allowed: an end in the past is refused only when the watch is created.
        text = fields["end"]
        if text == "now":
            doc["end"] = float(int(now))  # whole seconds, never after now: the watch has ended
        else:
            end = end_of(text, now)
            doc["end"] = end if end is not None else 0
    stored = {k: v for k, v in doc.items() if not k.startswith("_") or k == "_key"}
    _call(system, "POST", "/" + key, json_body=stored)
    return json_reply({"watch": public(doc, now)})


def record_state(system: Splunkd, admin: bool, key: str, doc: Dict[str, Any], fields: Dict[str, str],
                 now: float) -> Dict[str, Any]:
    """Records what a check found and answers the changes since the last state (none for the first one)."""
    if not admin:
        raise ProxyError(403, FORBIDDEN, "Only the scheduled check (an app admin) records what a watch found.")
    refuse_unknown(fields, {"state", "version", "output_mode"})
    version_text = fields.get("version", "")
    if not version_text.isdigit():
        raise invalid("version must be the watch's version that the check read")
    current = doc.get("version") if isinstance(doc.get("version"), (int, float)) else 0
    if int(version_text) != int(current or 0):
        raise ProxyError(409, WATCH_CONFLICT,
                         "The watch was checked by another run since this one read it; its changes are reported there.")
    try:
        after = watch_state.normalize(json.loads(fields["state"]))
    except (ValueError, RecursionError) as error:
        raise invalid("the state is not valid (%s)" % str(error)[:200])
    before = public(doc, now)
    previous = before.get("state") if before else None
    base = watch_state.normalize(previous) if isinstance(previous, dict) else None
    # Parts the providers could not answer this time keep what was known.
    merged: Dict[str, Any] = dict(base or {})
    merged.update({k: v for k, v in after.items() if k != "sources"})
    merged["sources"] = dict((base or {}).get("sources") or {}, **after.get("sources", {}))
    changes = watch_state.diff(base, after)
    doc["state"] = json.dumps(merged, separators=(",", ":"), sort_keys=True)
    doc["version"] = int(current or 0) + 1
    doc["checked"] = round(now, 3)
    stored = {k: v for k, v in doc.items() if not k.startswith("_") or k == "_key"}
    _call(system, "POST", "/" + key, json_body=stored)
    return json_reply({"changes": changes, "version": doc["version"], "baseline": base is None})


def delete(system: Splunkd, user: str, admin: bool, key: str) -> Dict[str, Any]:
    doc = _load(system, key)
    if doc.get("owner") != user and not admin:
        raise ProxyError(403, FORBIDDEN, "Only the owner of a watch or an app admin may delete it.")
    _call(system, "DELETE", "/" + key)
    return json_reply({"deleted": key})


def handle(method: str, system: Splunkd, user: str, admin: bool, rest: str, raw: Dict[str, Any],
           now: float) -> Dict[str, Any]:
    """The ``watches`` route (the caller has checked the route, the method and ``passivetotal_query``)."""
    key = rest.strip("/")
    if method == "GET":
        if key:
            found = public(_load(system, key), now)
            if found is None:
                raise _not_found(key)
            return json_reply({"watch": found})
        return list_watches(system, now)
    if method == "DELETE":
        if not key:
            raise invalid("name the watch to delete: DELETE watches/<id>")
        return delete(system, user, admin, key)
    fields = parse_fields(raw.get("form"), raw.get("payload"))
    if key:
        return update(system, user, admin, key, fields, now)
    return create(system, user, admin, fields, now)
