"""The open providers' answers (the ``data`` of the endpoint's ``open/<provider>/<operation>`` routes) into the
intelligence model: certificates (crt.sh, Cert Spotter), resolutions (mnemonic, OTX, CIRCL) and reputation (OTX,
URLhaus, ThreatFox). RDAP has its own module.

A rule-for-rule port of the investigation page's mappers (packages/core/src/providers/open/*/mapper.ts and
common.ts); the tests compare with the page's golden files. Each provider can also report an error inside a
successful answer (mnemonic's ``responseCode``, URLhaus's ``query_status`` ...): the ``*_reported_error``
functions read it as an ``UpstreamReport`` with the kind of failure.
"""

import json as jsonlib
import re
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Union
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
    parse_api_date,
)
from .pt_mappers import Malformed


class UpstreamReport(NamedTuple):
    """An error a provider reported inside a 200 answer: the kind (``quota``, ``bad-request``, ``upstream`` ...)."""

    kind: str
    reason: str
    status: Optional[int] = None


# ---------------------------------------------------------------------------------------------------------------
# Shared helpers

_IPV4 = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$")


def looks_like_ip(value: str) -> bool:
    """True for an IPv4 or IPv6 address as the sources write them."""
    return bool(_IPV4.match(value)) or (":" in value and re.match(r"^[0-9a-fA-F:.]+$", value) is not None)


def resolve_type_of(resolve: str) -> str:
    """``ip``, ``email`` (an SOA rname written with ``@``), ``domain``, or ``unknown`` (TXT data and the like)."""
    if looks_like_ip(resolve):
        return "ip"
    if re.match(r"^[^\s@]+@[^\s@]+$", resolve):
        return "email"
    return "domain" if re.match(r"^[a-z0-9_*-]+(?:\.[a-z0-9_-]+)*$", resolve, re.IGNORECASE) else "unknown"


def normal_host(value: str) -> str:
    """Trimmed, lower case, no trailing dot."""
    v = value.strip().lower()
    return v[:-1] if v.endswith(".") else v


def observed_resolution(
    name: str,
    answer: str,
    record_type: str,
    first_seen: Optional[str],
    last_seen: Optional[str],
    query: str,
    provider: str,
) -> JsonObject:
    """A passive DNS observation from the query's side, as PassiveTotal answers: for an address query the address is
    ``value`` and the name ``resolve``; for a name, the name is ``value``."""
    n = normal_host(name)
    a = normal_host(answer)
    q = normal_host(query)
    reverse = looks_like_ip(q) and a == q and n != q
    value = a if reverse else n
    resolve = n if reverse else a
    return defined(
        value=value,
        resolve=resolve,
        resolveType=resolve_type_of(resolve),
        recordType=record_type.strip().upper(),
        firstSeen=first_seen,
        lastSeen=last_seen,
        sources=[provider],
        provider=provider,
    )


def resolutions_page(query: str, records: List[JsonObject], reported: Optional[Any] = None) -> JsonObject:
    """A passive DNS page: the rows, the total (at least the row count), the query and the date range."""
    dates: List[Optional[str]] = []
    for r in records:
        dates.extend([r.get("firstSeen"), r.get("lastSeen")])
    page: JsonObject = {
        "records": records,
        "total": max(len(records), reported if reported is not None else 0),
        "queryValue": normal_host(query),
    }
    page.update(date_range(dates))
    return page


_DN_KEYS = {
    "cn": "commonName",
    "o": "organizationName",
    "ou": "organizationUnitName",
    "c": "country",
    "st": "stateOrProvinceName",
    "l": "localityName",
    "street": "streetAddress",
    "emailaddress": "emailAddress",
    "e": "emailAddress",
    "givenname": "givenName",
    "sn": "surname",
    "serialnumber": "serialNumber",
}


def parse_distinguished_name(dn: str) -> JsonObject:
    """A distinguished name as crt.sh and Cert Spotter write it (``C=US, O="Example, Inc.", CN=Example CA R1``)."""
    parts: List[str] = []
    current = ""
    quoted = False
    i = 0
    while i < len(dn):
        ch = dn[i]
        if ch == "\\" and i + 1 < len(dn):
            current += dn[i + 1]
            i += 1
        elif ch == '"':
            quoted = not quoted
        elif ch in ",/" and not quoted and re.match(r"^\s*[A-Za-z][\w.]*=", dn[i + 1:]):
            parts.append(current)
            current = ""
        else:
            current += ch
        i += 1
    parts.append(current)
    entity: JsonObject = {}
    for part in parts:
        eq = part.find("=")
        if eq <= 0:
            continue
        key = _DN_KEYS.get(part[:eq].strip().lower())
        value = part[eq + 1:].strip()
        if key is not None and value != "" and key not in entity:
            entity[key] = value
    return entity


def hex_serial_to_decimal(hex_text: str) -> Optional[str]:
    """A hex certificate serial (with or without colons) as the decimal text PassiveTotal used."""
    digits = re.sub(r"[:\s]", "", hex_text)
    if not re.match(r"^[0-9a-fA-F]+$", digits):
        return None
    return str(int(digits, 16))


def certificate_names(certificate: JsonObject, host: str) -> bool:
    """True when the subject CN or a SAN is ``host`` or a name below it."""
    h = normal_host(host)
    names = [(certificate.get("subject") or {}).get("commonName")] + list(
        certificate.get("subjectAlternativeNames") or []
    )
    for n in names:
        if n is None:
            continue
        name = normal_host(n)
        if name == h or name.endswith("." + h):
            return True
    return False


def _objects(values: Any) -> List[JsonObject]:
    return [o for o in (as_object(v) for v in as_array(values)) if o is not None]


# ---------------------------------------------------------------------------------------------------------------
# crt.sh

CRTSH_RESULT_LIMIT = 10000


def _crtsh_certificate(row: JsonObject) -> JsonObject:
    serial_hex = as_text(row.get("serial_number"))
    names = [n.strip().lower() for n in re.split(r"\r?\n", as_text(row.get("name_value")) or "")]
    common_name = as_text(row.get("common_name"))
    return defined(
        sha1="",
        serialNumber=hex_serial_to_decimal(serial_hex) if serial_hex is not None else None,
        issued=parse_api_date(row.get("not_before")),
        expires=parse_api_date(row.get("not_after")),
        subject=defined(commonName=common_name.lower() if common_name is not None else None),
        issuer=parse_distinguished_name(as_text(row.get("issuer_name")) or ""),
        subjectAlternativeNames=distinct([n for n in names if n != ""]),
        provider="crtsh",
    )


def map_crtsh(json: Any, name: str) -> JsonObject:
    """crt.sh rows as the certificates naming ``name``; rows of one certificate (issuer and serial) are one record."""
    if not isinstance(json, list):
        raise Malformed("the crt.sh answer is not a JSON array", "a JSON array of certificate rows, as crt.sh answers")
    by_key: Dict[str, JsonObject] = {}
    identities: Union[int, float] = 0
    for row in _objects(json):
        count = as_number(row.get("result_count"))
        identities += max(1, 1 if count is None else count)
        c = _crtsh_certificate(row)
        if c.get("serialNumber") is None:
            key = "id:" + (as_text(row.get("id")) or jsonlib.dumps(row, separators=(",", ":")))
        else:
            issuer = as_text(row.get("issuer_ca_id")) or c["issuer"].get("commonName") or ""
            key = "%s|%s" % (issuer, c["serialNumber"])
        seen = by_key.get(key)
        if seen is None:
            by_key[key] = c
        else:
            merged = dict(seen)
            merged["subjectAlternativeNames"] = distinct(
                list(seen["subjectAlternativeNames"]) + list(c["subjectAlternativeNames"])
            )
            by_key[key] = merged
    host = normal_host(name)
    records = [c for c in by_key.values() if certificate_names(c, host)]
    page: JsonObject = {"records": records, "total": len(records)}
    if identities >= CRTSH_RESULT_LIMIT or len(json) >= CRTSH_RESULT_LIMIT:
        page["truncated"] = True
    return page


# ---------------------------------------------------------------------------------------------------------------
# Cert Spotter


def _fingerprint(value: Any) -> Optional[str]:
    text = as_text(value)
    hex_text = text.lower() if text is not None else None
    if hex_text is None or not re.match(r"^[0-9a-f]+$", hex_text) or len(hex_text) % 2 != 0:
        return None
    return ":".join(hex_text[i:i + 2] for i in range(0, len(hex_text), 2))


def map_certspotter(json: Any, name: str) -> JsonObject:
    """Cert Spotter issuances as the certificates naming ``name``, one per certificate (its TBS hash)."""
    if not isinstance(json, list):
        raise Malformed("the Cert Spotter answer is not a JSON array",
                        "a JSON array of issuances, as Cert Spotter answers")
    seen = set()
    host = normal_host(name)
    records: List[JsonObject] = []
    for o in _objects(json):
        key = (
            as_text(o.get("tbs_sha256"))
            or as_text(o.get("cert_sha256"))
            or as_text(o.get("id"))
            or jsonlib.dumps(o, separators=(",", ":"))
        )
        if key in seen:
            continue
        seen.add(key)
        issuer = as_object(o.get("issuer"))
        entity = parse_distinguished_name(as_text((issuer or {}).get("name")) or "")
        friendly = as_text((issuer or {}).get("friendly_name"))
        if entity.get("organizationName") is None and friendly is not None:
            entity = dict(entity, organizationName=friendly)
        c = defined(
            sha1="",
            fingerprint=_fingerprint(o.get("cert_sha256")),
            issued=parse_api_date(o.get("not_before")),
            expires=parse_api_date(o.get("not_after")),
            subject={},
            issuer=entity,
            subjectAlternativeNames=distinct([n.lower() for n in as_text_list(o.get("dns_names"))]),
            provider="certspotter",
        )
        if certificate_names(c, host):
            records.append(c)
    return {"records": records, "total": len(records)}


def certspotter_reported_error(json: Any) -> Optional[UpstreamReport]:
    """``{"code": "rate_limited", "message": ...}``: ``rate_limited`` is ``quota``, any other code ``upstream``."""
    o = as_object(json)
    code = as_text((o or {}).get("code"))
    if code is None:
        return None
    reason = "Cert Spotter: %s" % (as_text((o or {}).get("message")) or code)
    return UpstreamReport("quota" if code == "rate_limited" else "upstream", reason)


# ---------------------------------------------------------------------------------------------------------------
# mnemonic PassiveDNS

_MNEMONIC_EXPECTED = "a JSON object {responseCode, count, data: [...]}, as mnemonic PassiveDNS answers"


def map_mnemonic(json: Any, query: str) -> JsonObject:
    """A mnemonic answer as the resolutions of ``query``; ``total`` is mnemonic's ``count``; 404 is empty."""
    o = as_object(json)
    if o is None:
        raise Malformed("the mnemonic answer is not a JSON object", _MNEMONIC_EXPECTED)
    if as_number(o.get("responseCode")) == 404:
        return resolutions_page(query, [])
    data = o.get("data")
    if data is not None and not isinstance(data, list):
        raise Malformed('the mnemonic answer\'s "data" is not a list', _MNEMONIC_EXPECTED)
    records: List[JsonObject] = []
    for x in _objects(data):
        name = as_text(x.get("query"))
        answer = as_text(x.get("answer"))
        if name is None or answer is None:
            continue
        records.append(
            observed_resolution(
                name,
                answer,
                as_text(x.get("rrtype")) or "",
                parse_api_date(x.get("firstSeenTimestamp")),
                parse_api_date(x.get("lastSeenTimestamp")),
                query,
                "mnemonic",
            )
        )
    return resolutions_page(query, records, as_number(o.get("count")))


def _status_report(code: int, reason: str, quota_codes: Sequence[int]) -> UpstreamReport:
    if code in quota_codes:
        return UpstreamReport("quota", reason, code)
    if code == 401:
        return UpstreamReport("unauthorized", reason, code)
    if code == 403:
        return UpstreamReport("forbidden", reason, code)
    if 400 <= code < 500:
        return UpstreamReport("bad-request", reason, code)
    return UpstreamReport("upstream", reason, code)


def mnemonic_reported_error(json: Any) -> Optional[UpstreamReport]:
    """A ``responseCode`` other than 200 and 404: 402 (resource limit) and 429 are ``quota``."""
    o = as_object(json)
    code = as_number((o or {}).get("responseCode"))
    if code is None or code in (200, 404):
        return None
    texts: List[str] = []
    for m in as_array((o or {}).get("messages")):
        t = as_text((as_object(m) or {}).get("message")) or as_text(m)
        if t is not None:
            texts.append(t)
    message = "; ".join(texts)
    reason = "mnemonic: %s (%s)" % (message or "error", as_text(code))
    return _status_report(int(code), reason, (402, 429))


# ---------------------------------------------------------------------------------------------------------------
# AlienVault OTX


def map_otx_passive_dns(json: Any, query: str) -> JsonObject:
    """An OTX ``passive_dns`` answer as the resolutions of ``query`` (``NXDOMAIN`` rows are not resolutions)."""
    o = as_object(json)
    if o is None:
        raise Malformed("the OTX passive DNS answer is not a JSON object", "a JSON object {passive_dns: [...]}")
    records: List[JsonObject] = []
    for x in _objects(o.get("passive_dns")):
        name = as_text(x.get("hostname"))
        answer = as_text(x.get("address"))
        if name is None or answer is None or answer.lower() == "nxdomain":
            continue
        records.append(
            observed_resolution(
                name,
                answer,
                as_text(x.get("record_type")) or "",
                parse_api_date(x.get("first")),
                parse_api_date(x.get("last")),
                query,
                "otx",
            )
        )
    return resolutions_page(query, records, as_number(o.get("count")))


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
    pulses = _objects(info.get("pulses"))
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
# CIRCL Passive DNS (Common Output Format, NDJSON)

_RRTYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA", 33: "SRV",
            64: "SVCB", 65: "HTTPS", 257: "CAA"}


def _rrtype(value: Any) -> Optional[str]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _RRTYPES.get(int(value)) if int(value) == value and int(value) in _RRTYPES else "TYPE%s" % as_text(value)
    t = as_text(value)
    return t.upper() if t is not None else None


def _cof_time(o: JsonObject, key: str) -> Optional[str]:
    ms = as_number(o.get("time_%s_ms" % key))
    return (
        parse_api_date(as_number(o.get("time_%s" % key)))
        or (parse_api_date(ms) if ms is not None else None)
        or parse_api_date(o.get("time_%s_rfc3339" % key))
        or parse_api_date(as_number(o.get("zone_time_%s" % key)))
    )


def _cof_rows(o: JsonObject, query: str) -> Optional[List[JsonObject]]:
    rrname = as_text(o.get("rrname"))
    kind = _rrtype(o.get("rrtype"))
    rdata = [o["rdata"]] if isinstance(o.get("rdata"), str) else as_array(o.get("rdata"))
    if rrname is None or kind is None or len(rdata) == 0:
        return None
    first_seen = _cof_time(o, "first")
    last_seen = _cof_time(o, "last")
    rows: List[JsonObject] = []
    for d in rdata:
        answer = as_text(d)
        if answer is None:
            continue
        # CIRCL's own documentation shows an address record with the address as `rrname` and the name as `rdata`.
        swapped = kind in ("A", "AAAA") and looks_like_ip(rrname) and not looks_like_ip(answer)
        rows.append(
            observed_resolution(
                answer if swapped else rrname,
                rrname if swapped else answer,
                kind,
                first_seen,
                last_seen,
                query,
                "circl",
            )
        )
    return rows


def parse_cof(text: str, query: str) -> JsonObject:
    """COF NDJSON as ``{"resolutions": <page>, "skippedLines": n}`` (lines that are not COF records skipped)."""
    skipped = 0
    records: List[JsonObject] = []
    for line in re.split(r"\r?\n", text):
        if line.strip() == "":
            continue
        try:
            parsed = jsonlib.loads(line)
        except ValueError:
            parsed = None
        o = as_object(parsed)
        rows = _cof_rows(o, query) if o is not None else None
        if rows is None:
            skipped += 1
        else:
            records.extend(rows)
    return {"resolutions": resolutions_page(query, records), "skippedLines": skipped}


def map_circl(json: Any, query: str) -> JsonObject:
    """The endpoint's CIRCL answer (``{"ndjson": "<text>"}``, or the text itself)."""
    text = json if isinstance(json, str) else (as_object(json) or {}).get("ndjson")
    if not isinstance(text, str):
        raise Malformed('the CIRCL answer has no "ndjson" text', 'a JSON object {"ndjson": "<COF lines>"}')
    return parse_cof(text, query)


# ---------------------------------------------------------------------------------------------------------------
# URLhaus


def map_urlhaus(json: Any) -> JsonObject:
    """A URLhaus host answer as at most one reputation entry."""
    o = as_object(json)
    if o is None:
        raise Malformed("the URLhaus answer is not a JSON object", "a JSON object {query_status, urls: [...]}")
    if as_text(o.get("query_status")) != "ok":
        return {"records": [], "total": 0}
    urls = _objects(o.get("urls"))
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
    for ioc in _objects(o.get("data")):
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
