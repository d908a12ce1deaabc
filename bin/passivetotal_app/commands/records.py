"""The intelligence model as search results: one result per record, the field names of README.md ("Search
commands").

Conventions: version 1.0.4's field names are kept with their 1.0.4 meaning (``firstSeen``/``lastSeen`` as
``YYYY-MM-DD HH:MM:SS`` UTC text, ``resolve``, ``recordType``, ``key``/``value`` of WHOIS ...); the fields added
since are snake_case. Times of the new fields (``first_seen``, ``last_seen``, ``registered``, ``expires`` ...) are
epoch seconds, so searches compare and convert them (``| where last_seen > relative_time(now(), "-7d")``,
``| convert ctime(first_seen)``); ``_time`` is set where a record has a time of its own. Lists are multivalue
fields. ``source`` names the provider(s) a record came from.

Certificates are in ssl_records, the enrichment's fields in enrichment_fields.
"""

from typing import Any, Callable, Dict, List, Optional, Sequence

from .arguments import TimeRange
from .enrichment_fields import (
    CLASSIFICATION_CODES,
    ENRICH_1_0_4,
    LIST_FIELDS,
    VERDICT_ORDER,
    pdns_fields,
    reputation_fields,
    whois_fields,
    worst_verdict,
)
from .jsonread import JsonObject, epoch_of

__all__ = [
    "CLASSIFICATION_CODES",
    "ENRICH_1_0_4",
    "LIST_FIELDS",
    "VERDICT_ORDER",
    "pdns_fields",
    "reputation_fields",
    "whois_fields",
    "worst_verdict",
]

OutRecord = Dict[str, Any]


def readable(iso: Optional[str]) -> Optional[str]:
    """``2024-01-30T09:15:00.000Z`` as ``2024-01-30 09:15:00`` (version 1.0.4's form)."""
    return None if not iso else iso[:10] + " " + iso[11:19]


def compact(record: OutRecord) -> OutRecord:
    """The record without empty fields."""
    return {k: v for k, v in record.items() if v is not None and v != "" and v != []}


def seen_fields(r: JsonObject) -> OutRecord:
    """1.0.4's ``firstSeen`` and ``lastSeen`` text and the epoch seconds ``first_seen`` and ``last_seen``."""
    first = epoch_of(r.get("firstSeen"))
    last = epoch_of(r.get("lastSeen"))
    return {
        "firstSeen": readable(r.get("firstSeen")),
        "lastSeen": readable(r.get("lastSeen")),
        "first_seen": first,
        "last_seen": last,
    }


def first_time(*moments: Optional[int]) -> Optional[int]:
    """The first of the moments that is known."""
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
        seen = seen_fields(r)
        if not window.overlaps(seen["first_seen"], seen["last_seen"]):
            continue
        out.append(dict(
            seen,
            _time=first_time(seen["last_seen"], seen["first_seen"]),
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
    record["_time"] = first_time(record["last_loaded"], record["updated"], record["registered"])
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
        seen = seen_fields(item)
        if not window.overlaps(seen["first_seen"], seen["last_seen"]):
            continue
        out.append(compact(dict(
            seen,
            _time=first_time(seen["last_seen"], seen["first_seen"]),
            query=query,
            **fields(item),
            source=["passivetotal"],
        )))
    return newest_first(out)
