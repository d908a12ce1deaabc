"""PassiveTotal v2 answers (the ``data`` of the endpoint's ``pt/...`` routes) into the intelligence model.

A rule-for-rule port of the investigation page's mappers (packages/core/src/providers/passivetotal/mappers.ts) for
the datasets the search commands use; tests/python/test_commands_mapping.py maps the page's fixtures and compares
with the page's golden files, so the two cannot drift apart silently. Each mapper takes the parsed body and returns
the model value; a body that is not even the kind of JSON value the endpoint answers with raises ``Malformed``.
Missing fields, odd date formats and old key spellings are tolerated.
"""

import re
from typing import Any, Dict, List, Optional

from .jsonread import (
    JsonObject,
    as_array,
    as_boolean,
    as_host,
    as_number,
    as_object,
    as_text,
    as_text_list,
    defined,
    parse_api_date,
    pick,
)

EXPECTED_OBJECT = "a JSON object, as PassiveTotal answers"


class Malformed(Exception):
    """A provider answer that is not the kind of JSON value its endpoint answers with."""

    def __init__(self, reason: str, expected: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.expected = expected


def _body(json: Any, endpoint: str) -> JsonObject:
    o = as_object(json)
    if o is None:
        raise Malformed("the %s response is not a JSON object" % endpoint, EXPECTED_OBJECT)
    return o


def _page(records: List[Any], reported: Any) -> JsonObject:
    total = as_number(reported)
    return {"records": records, "total": len(records) if total is None else total}


def _dates(o: JsonObject) -> JsonObject:
    return defined(firstSeen=parse_api_date(o.get("firstSeen")), lastSeen=parse_api_date(o.get("lastSeen")))


# ---------------------------------------------------------------------------------------------------------------
# Passive DNS


def _resolve_type(value: Any, resolve: str) -> str:
    t = (as_text(value) or "").lower()
    if t in ("ip", "domain", "email"):
        return t
    if re.match(r"^[0-9.]+$", resolve) or ":" in resolve:
        return "ip"
    if "@" in resolve:
        return "email"
    return "unknown" if resolve == "" else "domain"


def map_passive_dns(json: Any) -> JsonObject:
    """``GET /dns/passive``: resolutions with the query's first and last seen."""
    o = _body(json, "passive DNS")
    records: List[JsonObject] = []
    for r in as_array(o.get("results")):
        x = as_object(r)
        if x is None:
            continue
        resolve = as_host(x.get("resolve")) or ""
        records.append(
            defined(
                value=as_host(x.get("value")) or as_host(o.get("queryValue")) or "",
                resolve=resolve,
                resolveType=_resolve_type(x.get("resolveType"), resolve),
                recordType=as_text(x.get("recordType")) or "",
                collected=parse_api_date(x.get("collected")),
                sources=as_text_list(x.get("source")),
                recordHash=as_text(x.get("recordHash")),
                **_dates(x)
            )
        )
    page = _page(records, o.get("totalRecords"))
    page["queryValue"] = as_text(o.get("queryValue")) or ""
    page.update(_dates(o))
    return page


def map_unique_resolutions(json: Any) -> JsonObject:
    """``GET /dns/passive/unique``: distinct answers with ``[value, count]`` frequencies."""
    o = _body(json, "unique resolutions")
    counts: Dict[str, Any] = {}
    for pair in as_array(o.get("frequency")):
        items = as_array(pair)
        value = as_host(items[0]) if items else None
        if value is not None:
            count = as_number(items[1]) if len(items) > 1 else None
            counts[value] = 0 if count is None else count
    values = [v.lower()[:-1] if v.lower().endswith(".") else v.lower() for v in as_text_list(o.get("results"))]
    every = values if values else list(counts)
    records = [{"resolve": r, "count": counts.get(r, 0)} for r in every]
    reported = o.get("total") if o.get("total") is not None else o.get("totalRecords")
    page = _page(records, reported)
    page["queryValue"] = as_text(o.get("queryValue")) or ""
    return page


# ---------------------------------------------------------------------------------------------------------------
# WHOIS

CONTACT_FIELDS = ("name", "organization", "email", "telephone", "fax", "street", "city", "state", "postalCode",
                  "country")
ROLES = ("registrant", "admin", "tech", "billing", "zone")


def _contact(value: Any) -> Optional[JsonObject]:
    o = as_object(value)
    if o is None:
        return None
    c: JsonObject = {}
    for f in CONTACT_FIELDS:
        t = as_text(o.get(f))
        if t is not None:
            c[f] = t.lower() if f == "email" else t
    return c or None


def _raw_text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value.strip() != "" else None


def _whois_record(o: JsonObject) -> JsonObject:
    contacts: JsonObject = {}
    for role in ROLES:
        # Graph TI calls the technical contact `technical`.
        given = o.get(role)
        if given is None and role == "tech":
            given = o.get("technical")
        c = _contact(given)
        if c:
            contacts[role] = c
    email = as_text(o.get("contactEmail"))
    return defined(
        domain=as_host(o.get("domain")) or "",
        registrar=as_text(o.get("registrar")),
        whoisServer=as_text(o.get("whoisServer")),
        registered=parse_api_date(o.get("registered")),
        updated=parse_api_date(o.get("registryUpdatedAt")),
        expires=parse_api_date(o.get("expiresAt")),
        lastLoaded=parse_api_date(o.get("lastLoadedAt")),
        contactEmail=email.lower() if email is not None else None,
        nameServers=[
            n.lower()[:-1] if n.lower().endswith(".") else n.lower() for n in as_text_list(o.get("nameServers"))
        ],
        contacts=contacts,
        domainStatus=[s.strip() for s in (as_text(o.get("domainStatus")) or "").split(",") if s.strip() != ""],
        rawText=_raw_text(o.get("rawText")) or _raw_text(o.get("text")),
    )


def map_whois(json: Any) -> JsonObject:
    """``GET /whois``: one record, or with ``history=true`` a page of them. An empty ``{}`` is no record."""
    o = _body(json, "WHOIS")
    if isinstance(o.get("results"), list):
        return map_whois_search(o)
    if as_text(o.get("domain")) is None and len(o) == 0:
        return _page([], 0)
    return _page([_whois_record(o)], None)


def map_whois_search(json: Any) -> JsonObject:
    """``GET /whois/search`` (``totalrecords`` in lower case on newer answers)."""
    o = _body(json, "WHOIS search")
    records = [_whois_record(x) for x in (as_object(r) for r in as_array(o.get("results"))) if x is not None]
    reported = o.get("totalRecords") if o.get("totalRecords") is not None else o.get("totalrecords")
    return _page(records, reported)


# ---------------------------------------------------------------------------------------------------------------
# SSL certificates

_ENTITY_FIELDS = [
    ("commonName", "CommonName"),
    ("organizationName", "OrganizationName"),
    ("organizationUnitName", "OrganizationUnitName"),
    ("country", "Country"),
    ("stateOrProvinceName", "StateOrProvinceName"),
    ("localityName", "LocalityName"),
    ("streetAddress", "StreetAddress"),
    ("emailAddress", "EmailAddress"),
    ("givenName", "GivenName"),
    ("surname", "Surname"),
    ("serialNumber", "SerialNumber"),
]


def _entity(o: JsonObject, prefix: str) -> JsonObject:
    e: JsonObject = {}
    for key, suffix in _ENTITY_FIELDS:
        given = pick(o, prefix + suffix)
        if given is None and key == "stateOrProvinceName":
            given = pick(o, prefix + "Province")
        t = as_text(given)
        if t is not None:
            e[key] = t
    return e


def _certificate(o: JsonObject) -> JsonObject:
    fingerprint = as_text(o.get("fingerprint"))
    return defined(
        sha1=(as_text(o.get("sha1")) or "").lower(),
        fingerprint=fingerprint.lower() if fingerprint is not None else None,
        serialNumber=as_text(pick(o, "serialNumber")),
        sslVersion=as_text(o.get("sslVersion")),
        issued=parse_api_date(o.get("issueDate")),
        expires=parse_api_date(o.get("expirationDate")),
        subject=_entity(o, "subject"),
        issuer=_entity(o, "issuer"),
        subjectAlternativeNames=[n.lower() for n in as_text_list(pick(o, "subjectAlternativeNames"))],
        **_dates(o)
    )


def map_certificates(json: Any) -> JsonObject:
    """``GET /ssl-certificate`` and ``GET /ssl-certificate/search`` (a bare certificate in the 2016 format too)."""
    o = _body(json, "SSL certificate")
    if not isinstance(o.get("results"), list):
        return _page([], 0) if as_text(o.get("sha1")) is None else _page([_certificate(o)], None)
    records = [_certificate(x) for x in (as_object(r) for r in as_array(o.get("results"))) if x is not None]
    reported = o.get("overallTotalRecords") if o.get("overallTotalRecords") is not None else o.get("totalRecords")
    return _page(records, reported)


def map_certificates_for_name(json: Any, name: str) -> JsonObject:
    """``GET /ssl-certificate/search?field=name``, keeping the certificates whose subject CN or a SAN is ``name`` or
    a name below it (PassiveTotal matches substrings, so ``notevil.example`` is dropped and not counted)."""
    mapped = map_certificates(json)
    host = name.lower()

    def names_it(c: JsonObject) -> bool:
        names = [(c.get("subject") or {}).get("commonName")] + list(c.get("subjectAlternativeNames") or [])
        return any(n is not None and (n.lower() == host or n.lower().endswith("." + host)) for n in names)

    records = [c for c in mapped["records"] if names_it(c)]
    dropped = len(mapped["records"]) - len(records)
    return {"records": records, "total": max(len(records), mapped["total"] - dropped)}


def map_certificate_history(json: Any) -> JsonObject:
    """``GET /ssl-certificate/history`` (by SHA-1 or IP; ``ipAddresses`` may be the text ``N/A``)."""
    o = _body(json, "SSL certificate history")
    records: List[JsonObject] = []
    for r in as_array(o.get("results")):
        x = as_object(r)
        if x is None:
            continue
        records.append(
            defined(
                sha1=(as_text(x.get("sha1")) or "").lower(),
                ipAddresses=as_text_list(x.get("ipAddresses")),
                domains=[d.lower() for d in as_text_list(x.get("domains"))],
                **_dates(x)
            )
        )
    return _page(records, o.get("totalRecords"))


# ---------------------------------------------------------------------------------------------------------------
# Enrichment


def classification(value: Any) -> str:
    """A classification as the model names it: ``malicious``, ``suspicious``, ``non_malicious`` or ``unknown``."""
    t = (as_text(value) or "").lower().replace("-", "_", 1)
    return t if t in ("malicious", "suspicious", "non_malicious") else "unknown"


def _enrichment(o: JsonObject) -> JsonObject:
    query_type = (as_text(o.get("queryType")) or "").lower()
    tags: List[str] = []
    for t in as_text_list(o.get("tags")) + as_text_list(o.get("global_tags")) + as_text_list(o.get("system_tags")):
        if t not in tags:
            tags.append(t)
    country = as_text(o.get("country"))
    tld = as_text(o.get("tld"))
    return defined(
        queryValue=as_text(o.get("queryValue")) or "",
        queryType=query_type if query_type in ("domain", "ip") else "unknown",
        classification=classification(o.get("classification")),
        tags=tags,
        everCompromised=as_boolean(o.get("everCompromised")),
        sinkhole=as_boolean(o.get("sinkhole")),
        dynamicDns=as_boolean(o.get("dynamicDns")),
        asn=as_number(o.get("autonomousSystemNumber")),
        asName=as_text(o.get("autonomousSystemName")),
        network=as_text(o.get("network")),
        country=country.upper() if country is not None else None,
        primaryDomain=as_host(o.get("primaryDomain")),
        tld=tld.lower() if tld is not None else None,
        subdomains=[s.lower() for s in as_text_list(o.get("subdomains"))],
    )


def map_enrichment(json: Any) -> JsonObject:
    """``GET /enrichment``."""
    return _enrichment(_body(json, "enrichment"))


def reputation_from_enrichment(e: JsonObject, provider: str = "passivetotal") -> List[JsonObject]:
    """PassiveTotal's enrichment as a reputation entry: the classification as the verdict, its tags, and the
    ever-compromised, sinkhole and dynamic DNS flags as tags. Nothing known is no entry."""
    tags = list(e.get("tags") or [])
    if e.get("everCompromised") is True:
        tags.append("ever compromised")
    if e.get("sinkhole") is True:
        tags.append("sinkhole")
    if e.get("dynamicDns") is True:
        tags.append("dynamic DNS")
    verdict = e.get("classification") or "unknown"
    if verdict == "unknown" and not tags:
        return []
    return [{"provider": provider, "verdict": verdict, "tags": tags}]


# ---------------------------------------------------------------------------------------------------------------
# Host attributes


def _host_of(x: JsonObject) -> str:
    return as_host(x.get("hostname")) or as_host(x.get("address")) or as_host(x.get("host")) or ""


def map_trackers(json: Any) -> JsonObject:
    """``GET /host-attributes/trackers``."""
    o = _body(json, "trackers")
    records: List[JsonObject] = []
    for r in as_array(o.get("results")):
        x = as_object(r)
        value = as_text(x.get("attributeValue")) if x is not None else None
        if x is None or value is None:
            continue
        record = {"host": _host_of(x), "trackerType": as_text(x.get("attributeType")) or "unknown", "value": value}
        record.update(_dates(x))
        records.append(record)
    return _page(records, o.get("totalRecords"))


def map_tracker_search(json: Any) -> JsonObject:
    """``GET /trackers/search`` (``entity``, or ``hostname`` in the 2016 shape)."""
    o = _body(json, "tracker search")
    records: List[JsonObject] = []
    for r in as_array(o.get("results")):
        x = as_object(r)
        if x is None:
            continue
        entity = as_host(x.get("entity")) or as_host(x.get("hostname")) or as_host(x.get("address"))
        if entity is None:
            continue
        record: JsonObject = {"entity": entity}
        record.update(_dates(x))
        records.append(record)
    return _page(records, o.get("totalRecords"))
