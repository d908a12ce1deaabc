"""Passive DNS answers of the open providers (mnemonic, AlienVault OTX, CIRCL's Common Output Format) as the
resolutions of the query, in PassiveTotal's shape (a rule-for-rule port of the investigation page's mappers)."""

import json as jsonlib
import re
from typing import Any, List, NamedTuple, Optional

from .jsonread import JsonObject, as_array, as_number, as_object, as_text, objects_in, parse_api_date
from .open_common import UpstreamReport, looks_like_ip, observed_resolution, resolutions_page, status_report
from .pt_mappers import Malformed


# ---------------------------------------------------------------------------------------------------------------
# mnemonic PassiveDNS

class _Fields(NamedTuple):
    """Where a provider's passive DNS row keeps the name, the answer, the record type and the two dates."""

    name: str
    answer: str
    record_type: str
    first_seen: str
    last_seen: str


_MNEMONIC_FIELDS = _Fields("query", "answer", "rrtype", "firstSeenTimestamp", "lastSeenTimestamp")
_OTX_FIELDS = _Fields("hostname", "address", "record_type", "first", "last")


def _observed_rows(rows: List[JsonObject], fields: _Fields, query: str, provider: str) -> List[JsonObject]:
    """The rows that have a name and an answer, as resolutions from the query's side."""
    records: List[JsonObject] = []
    for x in rows:
        name = as_text(x.get(fields.name))
        answer = as_text(x.get(fields.answer))
        if name is None or answer is None:
            continue
        records.append(
            observed_resolution(
                name,
                answer,
                as_text(x.get(fields.record_type)) or "",
                parse_api_date(x.get(fields.first_seen)),
                parse_api_date(x.get(fields.last_seen)),
                query,
                provider,
            )
        )
    return records


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
    records = _observed_rows(objects_in(data), _MNEMONIC_FIELDS, query, "mnemonic")
    return resolutions_page(query, records, as_number(o.get("count")))


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
    return status_report(int(code), reason, (402, 429))


# ---------------------------------------------------------------------------------------------------------------
# AlienVault OTX


def map_otx_passive_dns(json: Any, query: str) -> JsonObject:
    """An OTX ``passive_dns`` answer as the resolutions of ``query`` (``NXDOMAIN`` rows are not resolutions)."""
    o = as_object(json)
    if o is None:
        raise Malformed("the OTX passive DNS answer is not a JSON object", "a JSON object {passive_dns: [...]}")
    rows = [x for x in objects_in(o.get("passive_dns")) if (as_text(x.get("address")) or "").lower() != "nxdomain"]
    records = _observed_rows(rows, _OTX_FIELDS, query, "otx")
    return resolutions_page(query, records, as_number(o.get("count")))


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
