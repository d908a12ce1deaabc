"""PassiveTotal v2 answers (the ``data`` of the endpoint's ``pt/...`` routes) into the intelligence model.

A rule-for-rule port of the investigation page's mappers (packages/core/src/providers/passivetotal/mappers.ts) for
the datasets the search commands use; tests/python/test_commands_mapping.py maps the page's fixtures and compares
with the page's golden files, so the two cannot drift apart silently. Each mapper takes the parsed body and returns
the model value; a body that is not even the kind of JSON value the endpoint answers with raises ``Malformed``.
Missing fields, odd date formats and old key spellings are tolerated.

The WHOIS mappers live in pt_whois, the certificates' in pt_certificates, what they share in pt_common; this module
maps passive DNS, the enrichment and host attributes, and gathers them all.
"""

import re
from typing import Any, Dict, List

from .jsonread import (
    JsonObject,
    as_array,
    as_boolean,
    as_host,
    as_number,
    as_text,
    as_text_list,
    defined,
    parse_api_date,
)
from .pt_certificates import map_certificate_history, map_certificates, map_certificates_for_name
from .pt_common import EXPECTED_OBJECT, Malformed, body, dates, page_of, results
from .pt_whois import CONTACT_FIELDS, ROLES, map_whois, map_whois_search

__all__ = [
    "CONTACT_FIELDS",
    "EXPECTED_OBJECT",
    "ROLES",
    "Malformed",
    "classification",
    "map_certificate_history",
    "map_certificates",
    "map_certificates_for_name",
    "map_enrichment",
    "map_passive_dns",
    "map_tracker_search",
    "map_trackers",
    "map_unique_resolutions",
    "map_whois",
    "map_whois_search",
    "reputation_from_enrichment",
]

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
    o = body(json, "passive DNS")
    records: List[JsonObject] = []
    for x in results(o):
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
                **dates(x)
            )
        )
    page = page_of(records, o.get("totalRecords"))
    page["queryValue"] = as_text(o.get("queryValue")) or ""
    page.update(dates(o))
    return page


def map_unique_resolutions(json: Any) -> JsonObject:
    """``GET /dns/passive/unique``: distinct answers with ``[value, count]`` frequencies."""
    o = body(json, "unique resolutions")
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
    page = page_of(records, reported)
    page["queryValue"] = as_text(o.get("queryValue")) or ""
    return page


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
    return _enrichment(body(json, "enrichment"))


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
    o = body(json, "trackers")
    records: List[JsonObject] = []
    for x in results(o):
        value = as_text(x.get("attributeValue"))
        if value is None:
            continue
        record = {"host": _host_of(x), "trackerType": as_text(x.get("attributeType")) or "unknown", "value": value}
        record.update(dates(x))
        records.append(record)
    return page_of(records, o.get("totalRecords"))


def map_tracker_search(json: Any) -> JsonObject:
    """``GET /trackers/search`` (``entity``, or ``hostname`` in the 2016 shape)."""
    o = body(json, "tracker search")
    records: List[JsonObject] = []
    for x in results(o):
        entity = as_host(x.get("entity")) or as_host(x.get("hostname")) or as_host(x.get("address"))
        if entity is None:
            continue
        record: JsonObject = {"entity": entity}
        record.update(dates(x))
        records.append(record)
    return page_of(records, o.get("totalRecords"))
