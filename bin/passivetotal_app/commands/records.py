"""The intelligence model as search results: one result per record, the field names of README.md ("Search
commands").

Conventions: version 1.0.4's field names are kept with their 1.0.4 meaning (``firstSeen``/``lastSeen`` as
``YYYY-MM-DD HH:MM:SS`` UTC text, ``resolve``, ``recordType``, ``key``/``value`` of WHOIS ...); the fields added
since are snake_case. Times of the new fields (``first_seen``, ``last_seen``, ``registered``, ``expires`` ...) are
epoch seconds, so searches compare and convert them (``| where last_seen > relative_time(now(), "-7d")``,
``| convert ctime(first_seen)``); ``_time`` is set where a record has a time of its own. Lists are multivalue
fields. ``source`` names the provider(s) a record came from.
"""

from typing import Any, Callable, Dict, List, Optional, Sequence

from .arguments import TimeRange
from .jsonread import JsonObject, epoch_of

OutRecord = Dict[str, Any]

VERDICT_ORDER = ("unknown", "non_malicious", "suspicious", "malicious")
# Version 1.0.4's numeric classification (its dashboards colour it with rangemap): 0 unknown, 1 non-malicious,
# 2 suspicious, 3 malicious.
CLASSIFICATION_CODES = {"unknown": 0, "non_malicious": 1, "suspicious": 2, "malicious": 3}


def readable(iso: Optional[str]) -> Optional[str]:
    """``2024-01-30T09:15:00.000Z`` as ``2024-01-30 09:15:00`` (version 1.0.4's form)."""
    return None if not iso else iso[:10] + " " + iso[11:19]


def compact(record: OutRecord) -> OutRecord:
    """The record without empty fields."""
    return {k: v for k, v in record.items() if v is not None and v != "" and v != []}


def _seen(r: JsonObject) -> OutRecord:
    first = epoch_of(r.get("firstSeen"))
    last = epoch_of(r.get("lastSeen"))
    return {
        "firstSeen": readable(r.get("firstSeen")),
        "lastSeen": readable(r.get("lastSeen")),
        "first_seen": first,
        "last_seen": last,
    }


def _time(*moments: Optional[int]) -> Optional[int]:
    for m in moments:
        if m is not None:
            return m
    return None


def newest_first(records: List[OutRecord]) -> List[OutRecord]:
    """Records by ``_time``, newest first; records without a time keep their order after the others."""
    timed = [r for r in records if r.get("_time") is not None]
    untimed = [r for r in records if r.get("_time") is None]
    return sorted(timed, key=lambda r: -float(r["_time"])) + untimed


# ---------------------------------------------------------------------------------------------------------------
# Passive DNS


def resolution_records(query: str, page: JsonObject, window: TimeRange) -> List[OutRecord]:
    """``| ptpdns``: one result per resolution in the range."""
    records = list(page.get("records") or [])
    beyond = max(0, (page.get("total") or 0) - len(records))
    out: List[OutRecord] = []
    for r in records:
        seen = _seen(r)
        if not window.overlaps(seen["first_seen"], seen["last_seen"]):
            continue
        out.append(dict(
            seen,
            _time=_time(seen["last_seen"], seen["first_seen"]),
            query=query,
            value=r.get("value"),
            resolve=r.get("resolve"),
            resolveType=r.get("resolveType"),
            recordType=r.get("recordType"),
            sources=list(r.get("sources") or []),
            source=list(r.get("providers") or ([r["provider"]] if r.get("provider") else [])),
        ))
    count = len(out) + beyond
    return [compact(dict(r, count=count)) for r in newest_first(out)]


def unique_records(query: str, page: JsonObject, providers: Sequence[str]) -> List[OutRecord]:
    """``| ptupdns`` from PassiveTotal's unique resolutions: one result per distinct answer with its count."""
    return [
        compact({"query": query, "resolve": r.get("resolve"), "count": r.get("count"), "source": list(providers)})
        for r in page.get("records") or []
    ]


def unique_from_resolutions(query: str, page: JsonObject, window: TimeRange) -> List[OutRecord]:
    """``| ptupdns`` without PassiveTotal: the distinct answers of the open providers' resolutions, each counted by
    the records naming it, with its first and last seen."""
    by_resolve: Dict[str, OutRecord] = {}
    for r in resolution_records(query, page, window):
        resolve = r.get("resolve")
        if resolve is None:
            continue
        found = by_resolve.get(resolve)
        if found is None:
            by_resolve[resolve] = {
                "query": query,
                "resolve": resolve,
                "count": 1,
                "first_seen": r.get("first_seen"),
                "last_seen": r.get("last_seen"),
                "source": list(r.get("source") or []),
            }
            continue
        found["count"] += 1
        firsts = [t for t in (found["first_seen"], r.get("first_seen")) if t is not None]
        lasts = [t for t in (found["last_seen"], r.get("last_seen")) if t is not None]
        found["first_seen"] = min(firsts) if firsts else None
        found["last_seen"] = max(lasts) if lasts else None
        for p in r.get("source") or []:
            if p not in found["source"]:
                found["source"].append(p)
    ranked = sorted(by_resolve.values(), key=lambda r: -float(r["count"]))
    return [compact(r) for r in ranked]


# ---------------------------------------------------------------------------------------------------------------
# WHOIS

CONTACT_FIELDS = [
    ("name", "name", "Name"),
    ("organization", "organization", "Organization"),
    ("email", "email", "Email"),
    ("telephone", "telephone", "Telephone"),
    ("fax", "fax", "Fax"),
    ("street", "street", "Street"),
    ("city", "city", "City"),
    ("state", "state", "State"),
    ("postalCode", "postal_code", "Postal Code"),
    ("country", "country", "Country"),
]
ROLE_LABELS = [("registrant", "Registrant"), ("admin", "Admin"), ("tech", "Tech"), ("billing", "Billing"),
               ("zone", "Zone")]


def whois_record(query: str, w: JsonObject) -> OutRecord:
    """One WHOIS record: dates as epoch seconds, contacts as ``<role>_<field>``, version 1.0.4's key/value pairs."""
    contacts = w.get("contacts") or {}
    record: OutRecord = {
        "query": query,
        "domain": w.get("domain"),
        "registrar": w.get("registrar"),
        "whois_server": w.get("whoisServer"),
        "registered": epoch_of(w.get("registered")),
        "updated": epoch_of(w.get("updated")),
        "expires": epoch_of(w.get("expires")),
        "last_loaded": epoch_of(w.get("lastLoaded")),
        "contact_email": w.get("contactEmail"),
        "name_servers": list(w.get("nameServers") or []),
        "domain_status": list(w.get("domainStatus") or []),
        "redacted": list(w.get("redacted") or []),
        "source": [w["provider"]] if w.get("provider") else [],
    }
    record["_time"] = _time(record["last_loaded"], record["updated"], record["registered"])
    pairs = [
        ("Contact Email", w.get("contactEmail")),
        ("Name Servers", ", ".join(w.get("nameServers") or [])),
        ("Registered", readable(w.get("registered"))),
        ("Registry Updated At", readable(w.get("updated"))),
        ("Expires At", readable(w.get("expires"))),
        ("Registrar", w.get("registrar")),
    ]
    for role, role_label in ROLE_LABELS:
        contact = contacts.get(role) or {}
        for model_name, field_name, field_label in CONTACT_FIELDS:
            value = contact.get(model_name)
            record["%s_%s" % (role, field_name)] = value
            pairs.append(("%s %s" % (role_label, field_label), value))
    kept = [(k, v) for k, v in pairs if v]
    record["key"] = [k for k, _ in kept]
    record["value"] = [v for _, v in kept]
    return compact(record)


# ---------------------------------------------------------------------------------------------------------------
# Certificates


def _entity_fields(prefix: str, e: JsonObject) -> OutRecord:
    return {
        prefix + "_common_name": e.get("commonName"),
        prefix + "_organization": e.get("organizationName"),
        prefix + "_organization_unit": e.get("organizationUnitName"),
        prefix + "_country": e.get("country"),
        prefix + "_state": e.get("stateOrProvinceName"),
        prefix + "_locality": e.get("localityName"),
        prefix + "_email": e.get("emailAddress"),
    }


def certificate_fields(c: JsonObject) -> OutRecord:
    """The fields of a certificate's details."""
    issued = epoch_of(c.get("issued"))
    expires = epoch_of(c.get("expires"))
    record: OutRecord = dict(
        _seen(c),
        sha1=c.get("sha1") or None,
        fingerprint=c.get("fingerprint"),
        serial_number=c.get("serialNumber"),
        ssl_version=c.get("sslVersion"),
        issued=issued,
        expires=expires,
        subject_alternative_names=list(c.get("subjectAlternativeNames") or []),
    )
    record.update(_entity_fields("subject", c.get("subject") or {}))
    record.update(_entity_fields("issuer", c.get("issuer") or {}))
    return record


def certificate_records(query: str, page: JsonObject, window: TimeRange) -> List[OutRecord]:
    """``| ptssl`` for a name: one result per certificate naming it, seen (or valid) within the range."""
    out: List[OutRecord] = []
    for c in page.get("records") or []:
        record = certificate_fields(c)
        first = record["first_seen"] if record["first_seen"] is not None else record["issued"]
        last = record["last_seen"] if record["last_seen"] is not None else record["expires"]
        if not window.overlaps(first, last):
            continue
        record.update(query=query, source=[c["provider"]] if c.get("provider") else [],
                      _time=_time(record["last_seen"], record["issued"]))
        out.append(compact(record))
    return newest_first(out)


def history_records(query: str, page: JsonObject, details: Optional[JsonObject], window: TimeRange) -> List[OutRecord]:
    """``| ptssl`` for an address or SHA-1: one result per certificate sighting (its addresses as ``resolve``, as
    version 1.0.4 named them), with the certificate's details when they are known."""
    out: List[OutRecord] = []
    for h in page.get("records") or []:
        record: OutRecord = {}
        if details is not None and details.get("sha1") == h.get("sha1"):
            record.update(certificate_fields(details))
        seen = _seen(h)
        record.update({k: v for k, v in seen.items() if v is not None})
        for k in ("firstSeen", "lastSeen", "first_seen", "last_seen"):
            record.setdefault(k, None)
        if not window.overlaps(record["first_seen"], record["last_seen"]):
            continue
        addresses = list(h.get("ipAddresses") or [])
        record.update(
            query=query,
            sha1=h.get("sha1") or record.get("sha1"),
            resolve=addresses,
            ip_addresses=addresses,
            domains=list(h.get("domains") or []),
            source=["passivetotal"],
            _time=_time(record["last_seen"], record["first_seen"]),
        )
        out.append(compact(record))
    if not out and details is not None and not (page.get("records") or []):
        record = certificate_fields(details)
        record.update(query=query, source=["passivetotal"], _time=_time(record["last_seen"], record["issued"]))
        out.append(compact(record))
    return newest_first(out)


# ---------------------------------------------------------------------------------------------------------------
# Trackers


def tracker_records(query: str, page: JsonObject, window: TimeRange) -> List[OutRecord]:
    """``| pttrackers`` for a host: one result per tracker seen on it (1.0.4's names ``hostname``,
    ``attributeType``, ``attributeValue``)."""
    return _tracker_rows(query, page, window, lambda t: {
        "hostname": t.get("host"), "attributeType": t.get("trackerType"), "attributeValue": t.get("value"),
    })


def tracker_host_records(query: str, tracker_type: str, page: JsonObject, window: TimeRange) -> List[OutRecord]:
    """``| pttrackers`` for a tracker id: one result per host or address that carried it."""
    return _tracker_rows(query, page, window, lambda s: {
        "hostname": s.get("entity"), "attributeType": tracker_type, "attributeValue": query,
    })


def _tracker_rows(
    query: str, page: JsonObject, window: TimeRange, fields: Callable[[JsonObject], Dict[str, Any]]
) -> List[OutRecord]:
    """One result per record of ``page`` seen within ``window``, newest first, with the ``fields`` of each."""
    out: List[OutRecord] = []
    for item in page.get("records") or []:
        seen = _seen(item)
        if not window.overlaps(seen["first_seen"], seen["last_seen"]):
            continue
        out.append(compact(dict(
            seen,
            _time=_time(seen["last_seen"], seen["first_seen"]),
            query=query,
            **fields(item),
            source=["passivetotal"],
        )))
    return newest_first(out)


# ---------------------------------------------------------------------------------------------------------------
# Enrichment

LIST_FIELDS = frozenset(["tags", "threat", "malware", "subdomains", "source", "errors"])


def worst_verdict(verdicts: Sequence[str]) -> str:
    """The most severe of some verdicts (malicious > suspicious > non_malicious > unknown)."""
    best = "unknown"
    for v in verdicts:
        if v in VERDICT_ORDER and VERDICT_ORDER.index(v) > VERDICT_ORDER.index(best):
            best = v
    return best


def _distinct(values: Sequence[Any]) -> List[str]:
    out: List[str] = []
    for v in values:
        if v is not None and v != "" and v not in out:
            out.append(v)
    return out


def reputation_fields(page: Optional[JsonObject], enrichment: Optional[JsonObject]) -> OutRecord:
    """Verdict, classification code, tags, threats and malware over every reputation entry, and PassiveTotal's
    enrichment (flags, network, AS)."""
    entries = list((page or {}).get("records") or [])
    verdict = worst_verdict([e.get("verdict") for e in entries])
    e = enrichment or {}
    return {
        "verdict": verdict,
        "classification": CLASSIFICATION_CODES[verdict],
        "tags": _distinct([t for x in entries for t in x.get("tags") or []] + list(e.get("tags") or [])),
        "threat": _distinct([x.get("threat") for x in entries]),
        "malware": _distinct([x.get("malware") for x in entries]),
        "ever_compromised": e.get("everCompromised"),
        "sinkhole": e.get("sinkhole"),
        "dynamic_dns": e.get("dynamicDns"),
        "as_number": e.get("asn"),
        "as_name": e.get("asName"),
        "network": e.get("network"),
        "country": e.get("country"),
        "primary_domain": e.get("primaryDomain"),
        "tld": e.get("tld"),
        "subdomains": list(e.get("subdomains") or []),
    }


def pdns_fields(page: Optional[JsonObject]) -> OutRecord:
    """Passive DNS in numbers: how many resolutions, first and last seen over all of them."""
    if page is None:
        return {}
    firsts = [t for t in (epoch_of(r.get("firstSeen")) for r in page.get("records") or []) if t is not None]
    lasts = [t for t in (epoch_of(r.get("lastSeen")) for r in page.get("records") or []) if t is not None]
    return {
        "pdns_count": page.get("total") or 0,
        "pdns_first_seen": min(firsts) if firsts else None,
        "pdns_last_seen": max(lasts) if lasts else None,
    }


def whois_fields(page: Optional[JsonObject]) -> OutRecord:
    """The registrar and registrant of the first WHOIS record, with its registration and expiry."""
    records = (page or {}).get("records") or []
    if not records:
        return {}
    w = records[0]
    registrant = (w.get("contacts") or {}).get("registrant") or {}
    return {
        "registrar": w.get("registrar"),
        "registrant_name": registrant.get("name"),
        "registrant_organization": registrant.get("organization"),
        "registrant_email": registrant.get("email"),
        "registered": epoch_of(w.get("registered")),
        "expires": epoch_of(w.get("expires")),
    }


# Version 1.0.4's names of ptenrich's fields, kept beside the new ones.
ENRICH_1_0_4 = {
    "everCompromised": "ever_compromised",
    "dynamicDns": "dynamic_dns",
    "primaryDomain": "primary_domain",
    "autonomousSystemName": "as_name",
    "autonomousSystemNumber": "as_number",
}
