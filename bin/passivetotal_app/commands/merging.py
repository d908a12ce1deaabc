"""How the providers' outcomes for a dataset merge, as on the investigation page: resolutions by value, answer and
record type (sources united, earliest first seen, latest last seen); other lists in order with duplicates dropped;
rows keep the provider that gave them; failures of some providers are problems beside the data of the others."""

import json
from typing import Any, Dict, List, NamedTuple, Optional

from .jsonread import JsonObject, date_range
from .problems import Problem
from .progress import Outcome


class Merged(NamedTuple):
    """A dataset's answer over its providers: the value (None when every provider failed), the providers that
    answered, and the problems."""

    value: Optional[JsonObject]
    providers: List[str]
    problems: List[Problem]


def _lower(*parts: Any) -> str:
    return "\u0000".join("" if p is None else str(p).lower() for p in parts)


def _certificate_keys(c: JsonObject) -> List[str]:
    keys: List[str] = []
    if c.get("sha1"):
        keys.append("sha1:" + c["sha1"])
    if c.get("fingerprint") is not None:
        keys.append("fp:" + c["fingerprint"].lower())
    if c.get("serialNumber") is not None:
        keys.append("serial:" + _lower((c.get("issuer") or {}).get("commonName"), c["serialNumber"]))
    if not keys:
        keys.append(_lower(c.get("provider"), c.get("issued"), c.get("expires"),
                           (c.get("subject") or {}).get("commonName"),
                           ",".join(c.get("subjectAlternativeNames") or [])))
    return keys


def _record_keys(dataset: str, r: JsonObject) -> List[str]:
    if dataset == "whois":
        return [_lower(r.get("provider"), r.get("domain"), r.get("registered"), r.get("lastLoaded"))]
    if dataset in ("certificates-for-name", "certificate-details"):
        return _certificate_keys(r)
    if dataset == "reputation":
        return [_lower(r.get("provider"), r.get("verdict"), r.get("threat"), r.get("malware"), r.get("reference"),
                       r.get("firstSeen"), ",".join(r.get("tags") or []))]
    return [json.dumps(r, sort_keys=True)]


def _stamp(records: List[JsonObject], provider: str) -> List[JsonObject]:
    return [r if r.get("provider") is not None else dict(r, provider=provider) for r in records]


def _merge_resolutions(answers: List[Outcome]) -> JsonObject:
    by_key: Dict[str, JsonObject] = {}
    providers_of: Dict[str, List[str]] = {}
    for a in answers:
        for r in _stamp(list((a.value or {}).get("records") or []), a.provider):
            k = _lower(r.get("value"), r.get("resolve"), r.get("recordType"))
            seen = by_key.get(k)
            if seen is None:
                by_key[k] = r
                providers_of[k] = [a.provider]
                continue
            merged = dict(seen)
            merged["sources"] = list(dict.fromkeys(list(seen.get("sources") or []) + list(r.get("sources") or [])))
            first = date_range([seen.get("firstSeen"), r.get("firstSeen")]).get("firstSeen")
            last = date_range([seen.get("lastSeen"), r.get("lastSeen")]).get("lastSeen")
            if first is not None:
                merged["firstSeen"] = first
            if last is not None:
                merged["lastSeen"] = last
            by_key[k] = merged
            if a.provider not in providers_of[k]:
                providers_of[k].append(a.provider)
    records = []
    for k, r in by_key.items():
        records.append(dict(r, providers=providers_of[k]))
    pages = [a.value or {} for a in answers]
    beyond = sum(max(0, (p.get("total") or 0) - len(p.get("records") or [])) for p in pages)
    return {"records": records, "total": len(records) + beyond}


def merge(dataset: str, outcomes: List[Outcome]) -> Merged:
    """The page's merge of several providers' outcomes for one dataset."""
    answers = [o for o in outcomes if o.value is not None]
    problems = [o.problem for o in outcomes if o.problem is not None]
    relevant = [p for p in problems if p.kind != "unsupported"]
    if not answers:
        return Merged(None, [], relevant or problems)
    providers = [a.provider for a in answers]
    first = answers[0].value or {}
    if len(answers) == 1 and isinstance(first.get("records"), list):
        # One answer is kept as it is, its rows given the provider's id.
        records: List[JsonObject] = _stamp(list(first["records"]), providers[0])
        if dataset == "resolutions":
            records = [dict(r, providers=providers) for r in records]
        return Merged(dict(first, records=records), providers, relevant)
    if dataset == "resolutions":
        return Merged(_merge_resolutions(answers), providers, relevant)
    if not isinstance(first.get("records"), list):
        return Merged(first, providers, relevant)  # a single value (enrichment): the first provider's
    seen = set()
    records = []
    beyond = 0
    for a in answers:
        page = a.value or {}
        rows = list(page.get("records") or [])
        beyond += max(0, (page.get("total") or 0) - len(rows))
        for r in _stamp(rows, a.provider) if isinstance(rows, list) else []:
            keys = _record_keys(dataset, r)
            if any(k in seen for k in keys):
                continue
            seen.update(keys)
            records.append(r)
    merged: JsonObject = {"records": records, "total": len(records) + beyond}
    if any((a.value or {}).get("truncated") for a in answers):
        merged["truncated"] = True
    return Merged(merged, providers, relevant)
