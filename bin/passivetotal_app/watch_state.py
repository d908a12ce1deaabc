"""What is known about a watched indicator, and what changed since the last check.

A state is a JSON object the check command builds from the providers' answers and the endpoint keeps with the
watch (``watches.py``):

- ``resolutions``: ``{value: last seen (epoch seconds or null)}``, every address or name the indicator resolved to;
- ``certificates``: the SHA-1s of the certificates naming it (or seen on an address);
- ``whois``: ``registrar``, ``registrant_email``, ``registrant_organization``, ``name_servers`` (sorted),
  ``registered`` and ``expires``;
- ``tags``: the tags every source gave (sorted); ``classification``: the most severe verdict;
- ``sources``: per part (``resolutions``, ``certificates``, ``whois``, ``reputation``) the providers that answered.

A part the providers could not answer (an outage, a spent quota) is absent, and an absent part is never compared,
so a failure is not mistaken for everything having ended. The first state of a watch is its baseline: it brings no
change.
"""

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence

# A resolution counts as current while it was last seen within this many seconds of the newest one of the
# indicator; one that stops being current has ended.
CURRENT_SECONDS = 3 * 86400
WHOIS_KEYS = ("registrar", "registrant_email", "registrant_organization", "name_servers", "registered", "expires")
PARTS = ("resolutions", "certificates", "whois", "reputation")
MAX_STATE_CHARS = 1000000
MAX_VALUES = 5000

Change = Dict[str, Any]


class InvalidState(ValueError):
    """A state that is not what the check command sends."""


def _texts(value: Any, limit: int = MAX_VALUES) -> List[str]:
    if not isinstance(value, list):
        raise InvalidState("a list of texts was expected")
    if len(value) > limit:
        raise InvalidState("more than %d values" % limit)
    out = []
    for item in value:
        if not isinstance(item, str) or not item or len(item) > 2048:
            raise InvalidState("a value is not a short text")
        out.append(item)
    return sorted(set(out))


def _number(value: Any) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidState("a time is not a number")
    return float(value)


def _resolutions(resolutions: Any) -> Dict[str, Optional[float]]:
    if not isinstance(resolutions, dict) or len(resolutions) > MAX_VALUES:
        raise InvalidState("resolutions is not an object of at most %d values" % MAX_VALUES)
    kept: Dict[str, Optional[float]] = {}
    for value, seen in resolutions.items():
        if not isinstance(value, str) or not value or len(value) > 2048:
            raise InvalidState("a resolution is not a short text")
        kept[value] = _number(seen)
    return kept


def _whois(whois: Any) -> Dict[str, Any]:
    if not isinstance(whois, dict):
        raise InvalidState("whois is not an object")
    kept: Dict[str, Any] = {}
    for key in WHOIS_KEYS:
        value = whois.get(key)
        if key == "name_servers":
            kept[key] = _texts(value or [], 100)
        elif key in ("registered", "expires"):
            kept[key] = _number(value)
        elif value is None or (isinstance(value, str) and len(value) <= 1024):
            kept[key] = value
        else:
            raise InvalidState("whois %s is not a short text" % key)
    return kept


def normalize(raw: Any) -> Dict[str, Any]:
    """The state as the endpoint keeps it; InvalidState when it is not one."""
    if not isinstance(raw, dict):
        raise InvalidState("the state is not an object")
    state: Dict[str, Any] = {}
    if "resolutions" in raw:
        state["resolutions"] = _resolutions(raw["resolutions"])
    if "certificates" in raw:
        state["certificates"] = _texts(raw["certificates"])
    if "whois" in raw:
        state["whois"] = _whois(raw["whois"])
    if "tags" in raw:
        state["tags"] = _texts(raw["tags"], 500)
    if "classification" in raw:
        value = raw["classification"]
        if value is not None and (not isinstance(value, str) or len(value) > 40):
            raise InvalidState("classification is not a short text")
        state["classification"] = value
    sources = raw.get("sources") or {}
    if not isinstance(sources, dict):
        raise InvalidState("sources is not an object")
    state["sources"] = {part: _texts(sources.get(part) or [], 20) for part in PARTS if part in sources}
    if len(json.dumps(state)) > MAX_STATE_CHARS:
        raise InvalidState("the state is larger than %d characters" % MAX_STATE_CHARS)
    return state


def current(resolutions: Mapping[str, Optional[float]]) -> List[str]:
    """The resolutions seen within CURRENT_SECONDS of the newest (all of them when none has a date)."""
    dated = [seen for seen in resolutions.values() if seen is not None]
    if not dated:
        return sorted(resolutions)
    newest = max(dated)
    return sorted(v for v, seen in resolutions.items() if seen is None or seen >= newest - CURRENT_SECONDS)


def _source(state: Mapping[str, Any], part: str) -> List[str]:
    return list((state.get("sources") or {}).get(part) or [])


def _change(kind: str, value: Optional[str], before: Any, after: Any, source: Sequence[str]) -> Change:
    def text(v: Any) -> Optional[str]:
        if v is None:
            return None
        if isinstance(v, list):
            return ", ".join(str(x) for x in v)
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    return {"change_type": kind, "value": value, "before": text(before), "after": text(after),
            "intel_source": list(source)}


def diff(before: Optional[Mapping[str, Any]], after: Mapping[str, Any]) -> List[Change]:
    """The changes from ``before`` to ``after``, in a stable order; none when ``before`` is None (the baseline) and
    none for a part either state lacks."""
    if before is None:
        return []
    changes: List[Change] = []
    if "resolutions" in before and "resolutions" in after:
        old, new = before["resolutions"], after["resolutions"]
        source = _source(after, "resolutions")
        for value in sorted(set(new) - set(old)):
            changes.append(_change("new_resolution", value, None, value, source))
        was, now = set(current(old)), set(current(new))
        for value in sorted(was - now):
            if value in new:
                changes.append(_change("ended_resolution", value, value, None, source))
    if "certificates" in before and "certificates" in after:
        source = _source(after, "certificates")
        for sha1 in sorted(set(after["certificates"]) - set(before["certificates"])):
            changes.append(_change("new_certificate", sha1, None, sha1, source))
    if "whois" in before and "whois" in after:
        source = _source(after, "whois")
        for key in WHOIS_KEYS:
            old_value, new_value = before["whois"].get(key), after["whois"].get(key)
            if old_value != new_value:
                change = _change("whois_change", None, old_value, new_value, source)
                change["whois_field"] = key
                changes.append(change)
    if "tags" in before and "tags" in after:
        source = _source(after, "reputation")
        for tag in sorted(set(after["tags"]) - set(before["tags"])):
            changes.append(_change("new_tag", tag, None, tag, source))
    if "classification" in before and "classification" in after:
        if before["classification"] != after["classification"]:
            changes.append(_change("classification_change", after["classification"], before["classification"],
                                   after["classification"], _source(after, "reputation")))
    return changes
