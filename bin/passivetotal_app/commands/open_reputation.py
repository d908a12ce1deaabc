"""Reputation answers of the open providers (AlienVault OTX ``general``, URLhaus, ThreatFox) as reputation
entries, and the errors they report inside a successful answer (a rule-for-rule port of the page's mappers)."""

import re
from typing import Any, List, Optional, Sequence
from urllib.parse import quote

from .jsonread import (
    JsonObject,
    as_array,
    as_number,
    as_object,
    as_text,
    as_text_list,
    date_range,
    defined,
    distinct,
    objects_in,
    parse_api_date,
)
from .open_common import UpstreamReport, looks_like_ip
from .pt_mappers import Malformed


def _names(value: Any) -> List[str]:
    out: List[str] = []
    for x in as_array(value):
        o = as_object(x)
        if o is not None:
            t = as_text(o.get("display_name")) or as_text(o.get("name")) or as_text(o.get("id"))
        else:
            t = as_text(x)
        if t is not None:
            out.append(t)
    return out


def _related(o: JsonObject, key: str) -> List[str]:
    rel = as_object((as_object(o.get("pulse_info")) or {}).get("related")) or {}
    found: List[str] = []
    for group in rel.values():
        found.extend(_names((as_object(group) or {}).get(key)))
    return distinct(found)


_OTX_SECTIONS = {"ipv4": "ip", "ipv6": "ip", "domain": "domain", "hostname": "hostname"}


def map_otx_general(json: Any, query: str) -> JsonObject:
    """An OTX ``general`` answer as at most one reputation entry (pulses, adversaries, malware, tags)."""
    o = as_object(json)
    if o is None:
        raise Malformed("the OTX general answer is not a JSON object", "a JSON object {pulse_info, validation, ...}")
    info = as_object(o.get("pulse_info")) or {}
    pulses = objects_in(info.get("pulses"))
    reported = as_number(info.get("count"))
    count = len(pulses) if reported is None else reported
    whitelisted = len(as_array(o.get("validation"))) > 0 or len(as_array(o.get("false_positive"))) > 0
    if count == 0 and not whitelisted:
        return {"records": [], "total": 0}
    verdict = "non_malicious" if whitelisted else ("suspicious" if count > 0 else "unknown")
    adversaries = distinct(_related(o, "adversary") + [n for p in pulses for n in _names(p.get("adversary"))])
    malware = distinct(
        _related(o, "malware_families") + [n for p in pulses for n in _names(p.get("malware_families"))]
    )
    tags = distinct([n for p in pulses for n in _names(p.get("tags"))])
    dates: List[Optional[str]] = []
    for p in pulses:
        dates.extend([parse_api_date(p.get("created")), parse_api_date(p.get("modified"))])
    if adversaries:
        threat: Optional[str] = ", ".join(adversaries)
    elif count > 0:
        threat = "%s OTX pulse%s" % (as_text(count), "" if count == 1 else "s")
    else:
        threat = None
    section = _OTX_SECTIONS.get((as_text(o.get("type")) or "").lower()) or ("ip" if looks_like_ip(query) else "domain")
    value = as_text(o.get("indicator")) or query
    entry = defined(
        provider="otx",
        verdict=verdict,
        threat=threat,
        malware=", ".join(malware) if malware else None,
        tags=tags,
        reference="https://otx.alienvault.com/indicator/%s/%s" % (section, quote(value, safe="-_.!~*'()")),
    )
    entry.update(date_range(dates))
    return {"records": [entry], "total": 1}


def otx_reported_error(json: Any) -> Optional[UpstreamReport]:
    """A body with only ``detail`` (OTX's error shape) sent as a successful answer."""
    o = as_object(json)
    detail = as_text((o or {}).get("detail"))
    if o is None or detail is None or "pulse_info" in o or "passive_dns" in o:
        return None
    return UpstreamReport("upstream", "OTX: %s" % detail)


# ---------------------------------------------------------------------------------------------------------------


def map_urlhaus(json: Any) -> JsonObject:
    """A URLhaus host answer as at most one reputation entry."""
    o = as_object(json)
    if o is None:
        raise Malformed("the URLhaus answer is not a JSON object", "a JSON object {query_status, urls: [...]}")
    if as_text(o.get("query_status")) != "ok":
        return {"records": [], "total": 0}
    urls = objects_in(o.get("urls"))
    listed: List[str] = []
    for name, status in (as_object(o.get("blacklists")) or {}).items():
        s = as_text(status)
        if s is not None and not re.match(r"^not[ _]listed$", s, re.IGNORECASE):
            listed.append("%s:%s" % (name, s))
    if not urls and not listed:
        return {"records": [], "total": 0}
    online = any(as_text(u.get("url_status")) == "online" for u in urls)
    threats = distinct([t for u in urls for t in as_text_list(u.get("threat"))])
    newest = date_range([parse_api_date(u.get("date_added")) for u in urls]).get("lastSeen")
    entry = defined(
        provider="urlhaus",
        verdict="malicious" if online or listed else "suspicious",
        threat=", ".join(threats) if threats else None,
        tags=distinct([t for u in urls for t in as_text_list(u.get("tags"))] + listed),
        firstSeen=parse_api_date(o.get("firstseen")),
        lastSeen=newest,
        reference=as_text(o.get("urlhaus_reference")),
    )
    return {"records": [entry], "total": 1}


def _abuse_ch_report(label: str, status: Optional[str], empty: Sequence[str]) -> Optional[UpstreamReport]:
    if status is None or status == "ok" or status in empty:
        return None
    reason = "%s: %s" % (label, status)
    if status.startswith("invalid_") or status.startswith("illegal_"):
        return UpstreamReport("bad-request", reason)
    if "auth" in status:
        return UpstreamReport("unauthorized", reason)
    return UpstreamReport("upstream", reason)


def urlhaus_reported_error(json: Any) -> Optional[UpstreamReport]:
    """A ``query_status`` other than ``ok`` and ``no_results``."""
    return _abuse_ch_report("URLhaus", as_text((as_object(json) or {}).get("query_status")), ("no_results",))


# ---------------------------------------------------------------------------------------------------------------
# ThreatFox

THREATFOX_MALICIOUS_CONFIDENCE = 50


def map_threatfox(json: Any) -> JsonObject:
    """A ThreatFox answer as one reputation entry per IOC."""
    o = as_object(json)
    if o is None:
        raise Malformed("the ThreatFox answer is not a JSON object", "a JSON object {query_status, data: [...]}")
    if as_text(o.get("query_status")) != "ok":
        return {"records": [], "total": 0}
    records: List[JsonObject] = []
    for ioc in objects_in(o.get("data")):
        confidence = as_number(ioc.get("confidence_level"))
        ioc_id = as_text(ioc.get("id"))
        records.append(
            defined(
                provider="threatfox",
                verdict="malicious"
                if confidence is None or confidence >= THREATFOX_MALICIOUS_CONFIDENCE
                else "suspicious",
                threat=as_text(ioc.get("threat_type")) or as_text(ioc.get("threat_type_desc")),
                malware=as_text(ioc.get("malware_printable")) or as_text(ioc.get("malware")),
                tags=distinct(as_text_list(ioc.get("tags"))),
                firstSeen=parse_api_date(ioc.get("first_seen")),
                lastSeen=parse_api_date(ioc.get("last_seen")),
                reference=as_text(ioc.get("reference"))
                if ioc_id is None
                else "https://threatfox.abuse.ch/ioc/%s/" % quote(ioc_id, safe="-_.!~*'()"),
            )
        )
    return {"records": records, "total": len(records)}


def threatfox_reported_error(json: Any) -> Optional[UpstreamReport]:
    """A ``query_status`` other than ``ok``, ``no_result`` and ``no_results``."""
    return _abuse_ch_report(
        "ThreatFox", as_text((as_object(json) or {}).get("query_status")), ("no_result", "no_results")
    )
