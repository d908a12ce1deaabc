"""RDAP (RFC 9083) answers of the endpoint's ``open/rdap/...`` routes into WHOIS records.

The endpoint answers ``{registry, registrar}``: the registry's object (domain, IP network or autnum), and for thin
registries the registrar's answer the registry links to, or null. Contacts come from the entities' jCards (RFC
7095) by role, the registrar's answer first. Redaction (RFC 9537 ``redacted``, "REDACTED FOR PRIVACY" values and
remarks, an empty ``fn``) is shown, not hidden: such a field holds ``[redacted]`` and its name is listed in
``redacted``. A rule-for-rule port of the investigation page's mapper (packages/core/src/providers/open/rdap/
mapper.ts); the tests compare with its golden files. The contacts are read in rdap_contacts, the jCards in jcard.
"""

import re
from typing import Any, List, Optional, Tuple

from .jsonread import JsonObject, as_array, as_number, as_object, as_text, defined, distinct, parse_api_date
from .open_common import UpstreamReport, normal_host, status_report
from .pt_mappers import Malformed
from .rdap_contacts import contacts_of, read_body


_EXPECTED = "a JSON object {registry, registrar} with RDAP (RFC 9083) answers, as the app endpoint sends"


def _event_date(o: Optional[JsonObject], action: str) -> Optional[str]:
    for e in as_array((o or {}).get("events")):
        x = as_object(e) or {}
        if (as_text(x.get("eventAction")) or "").lower() == action:
            return parse_api_date(x.get("eventDate"))
    return None


def _statuses(o: Optional[JsonObject]) -> List[str]:
    return [t for t in (as_text(s) for s in as_array((o or {}).get("status"))) if t is not None]


def _name_servers(o: Optional[JsonObject]) -> List[str]:
    servers: List[str] = []
    for n in as_array((o or {}).get("nameservers")):
        x = as_object(n) or {}
        t = as_text(x.get("ldhName")) or as_text(x.get("unicodeName"))
        if t is not None:
            servers.append(normal_host(t))
    return servers


_RIRS = [("arin", "ARIN"), ("ripe", "RIPE NCC"), ("apnic", "APNIC"), ("lacnic", "LACNIC"), ("afrinic", "AFRINIC")]


def _rir_of(o: JsonObject) -> Optional[str]:
    selves = [
        as_text(x.get("href")) or ""
        for x in (as_object(link) or {} for link in as_array(o.get("links")))
        if as_text(x.get("rel")) == "self"
    ]
    hints = [as_text(o.get("port43")) or "", re.sub(r"^.*-", "", as_text(o.get("handle")) or "")] + selves
    for hint in hints:
        for word, name in _RIRS:
            if word in hint.lower():
                return name
    return None


def _cidrs(o: JsonObject) -> List[str]:
    blocks: List[str] = []
    for c in as_array(o.get("cidr0_cidrs")):
        x = as_object(c) or {}
        prefix = as_text(x.get("v4prefix")) or as_text(x.get("v6prefix"))
        length = as_number(x.get("length"))
        if prefix is not None and length is not None:
            blocks.append("%s/%s" % (prefix, as_text(length)))
    return blocks


def _address(value: Any) -> Optional[str]:
    t = as_text(value)
    return re.sub(r"/[0-9]+$", "", t) if t is not None else None


def _raw_lines(lines: List[Tuple[str, Optional[str]]]) -> Optional[str]:
    text = "\n".join("%s: %s" % (k, v) for k, v in lines if v is not None and v != "")
    return text or None


def _summary(o: JsonObject, kind: str) -> Tuple[str, Optional[str]]:
    handle = as_text(o.get("handle"))
    country = as_text(o.get("country"))
    common: List[Tuple[str, Optional[str]]] = [
        ("Handle", handle),
        ("Name", as_text(o.get("name"))),
        ("Type", as_text(o.get("type"))),
        ("Country", country.upper() if country is not None else None),
        ("Status", ", ".join(_statuses(o))),
    ]
    if kind == "autnum":
        start = as_number(o.get("startAutnum"))
        end = as_number(o.get("endAutnum"))
        if start is None:
            span: Optional[str] = None
        elif end is None or end == start:
            span = "AS%s" % as_text(start)
        else:
            span = "AS%s - AS%s" % (as_text(start), as_text(end))
        return span or handle or "", _raw_lines([("Range", span)] + common)
    first = _address(o.get("startAddress"))
    last = _address(o.get("endAddress"))
    span = "%s - %s" % (first, last) if first is not None and last is not None else first
    blocks = _cidrs(o)
    origins = [
        "AS%s" % as_text(a)
        for a in (as_number(n) for n in as_array(o.get("arin_originas0_originautnums")))
        if a is not None
    ]
    lines = [("Range", span), ("CIDR", ", ".join(blocks))] + common
    lines += [("Parent", as_text(o.get("parentHandle"))), ("Origin AS", ", ".join(origins))]
    return (", ".join(blocks) if blocks else (span or handle or "")), _raw_lines(lines)


def _is_rdap_error(o: Optional[JsonObject]) -> bool:
    return o is not None and as_number(o.get("errorCode")) is not None and "objectClassName" not in o


def _record(registry: JsonObject, registrar: Optional[JsonObject]) -> JsonObject:
    kind = (as_text(registry.get("objectClassName")) or "domain").lower()
    own = read_body(registry)
    theirs = read_body(registrar) if registrar is not None else None
    contacts, redacted = contacts_of(own, theirs)
    is_network = kind in ("ip network", "autnum")
    summary = _summary(registry, kind) if is_network else None

    def date(action: str) -> Optional[str]:
        return _event_date(registry, action) or _event_date(registrar, action)

    servers = _name_servers(registry)
    domain = (
        summary[0]
        if summary is not None
        else normal_host(
            as_text(registry.get("ldhName")) or as_text(registry.get("unicodeName"))
            or as_text(registry.get("handle")) or ""
        )
    )
    return defined(
        domain=domain,
        registrar=_rir_of(registry) if is_network else (own.registrar or (theirs.registrar if theirs else None)),
        whoisServer=as_text(registry.get("port43")) or as_text((registrar or {}).get("port43")),
        registered=date("registration"),
        updated=date("last changed"),
        expires=date("expiration"),
        lastLoaded=date("last update of rdap database"),
        contactEmail=(theirs.abuse_email if theirs else None) or own.abuse_email,
        nameServers=servers if servers else _name_servers(registrar),
        contacts=contacts,
        domainStatus=distinct(_statuses(registry) + _statuses(registrar)),
        rawText=summary[1] if summary is not None else None,
        redacted=redacted if redacted else None,
        provider="rdap",
    )


def map_rdap(json: Any) -> JsonObject:
    """The endpoint's RDAP answer as a page of at most one WHOIS record (a domain, an IP network or an AS number).
    An RDAP 404 error body and a null registry are an empty page; a registrar answer that is an error is ignored."""
    o = as_object(json)
    if o is None:
        raise Malformed("the RDAP answer is not a JSON object", _EXPECTED)
    bare = "objectClassName" in o or "errorCode" in o
    registry = o if bare else as_object(o.get("registry"))
    if not bare and "registry" not in o:
        raise Malformed('the RDAP answer has no "registry" member', _EXPECTED)
    if registry is None or _is_rdap_error(registry):
        return {"records": [], "total": 0}
    registrar_body = None if bare else as_object(o.get("registrar"))
    registrar = None if _is_rdap_error(registrar_body) else registrar_body
    return {"records": [_record(registry, registrar)], "total": 1}


def rdap_reported_error(json: Any) -> Optional[UpstreamReport]:
    """An error the registry reported (RFC 9083 ``errorCode``) other than 404: 429 is ``quota``."""
    o = as_object(json)
    registry = (o if "errorCode" in o else as_object(o.get("registry"))) if o is not None else None
    if registry is None or not _is_rdap_error(registry):
        return None
    code = as_number(registry.get("errorCode")) or 0
    if code == 404:
        return None
    description = [t for t in (as_text(d) for d in as_array(registry.get("description"))) if t is not None]
    title = as_text(registry.get("title")) or (description[0] if description else "error")
    reason = "RDAP: %s (%s)" % (title, as_text(code))
    status = int(code)
    if code == 501:
        return UpstreamReport("unsupported", reason, status)
    return status_report(status, reason, (429,))
