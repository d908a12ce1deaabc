"""The enrichment's fields (``| ptenrich``): the reputation (the worst verdict of the providers, tags, threats,
malware, 1.0.4's numeric classification), the passive DNS summary and the WHOIS summary of a value, and 1.0.4's
names of those fields kept beside the new ones."""

from typing import Any, Dict, List, Optional, Sequence

from .jsonread import JsonObject, epoch_of

OutRecord = Dict[str, Any]

VERDICT_ORDER = ("unknown", "non_malicious", "suspicious", "malicious")
# Version 1.0.4's numeric classification (its dashboards colour it with rangemap): 0 unknown, 1 non-malicious,
# 2 suspicious, 3 malicious.
CLASSIFICATION_CODES = {"unknown": 0, "non_malicious": 1, "suspicious": 2, "malicious": 3}

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
