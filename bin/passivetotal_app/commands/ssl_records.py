"""Certificates as search results (``| ptssl``): one result per certificate naming a host, or per sighting of a
certificate at an address or by SHA-1, with the certificate's subject, issuer, validity and names."""

from typing import List, Optional

from .arguments import TimeRange
from .jsonread import JsonObject, epoch_of
from .records import OutRecord, compact, first_time, newest_first, seen_fields


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
        seen_fields(c),
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
                      _time=first_time(record["last_seen"], record["issued"]))
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
        seen = seen_fields(h)
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
            _time=first_time(record["last_seen"], record["first_seen"]),
        )
        out.append(compact(record))
    if not out and details is not None and not (page.get("records") or []):
        record = certificate_fields(details)
        record.update(query=query, source=["passivetotal"], _time=first_time(record["last_seen"], record["issued"]))
        out.append(compact(record))
    return newest_first(out)
