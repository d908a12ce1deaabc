"""What the open providers' mappers share: the error a provider reports inside a successful answer
(``UpstreamReport``) and its kind by status code, and the passive DNS rows and page in PassiveTotal's shape
(a rule-for-rule port of the investigation page's packages/core/src/providers/open/common.ts)."""

import re
from typing import Any, List, NamedTuple, Optional, Sequence

from .jsonread import JsonObject, date_range, defined


class UpstreamReport(NamedTuple):
    """An error a provider reported inside a 200 answer: the kind (``quota``, ``bad-request``, ``upstream`` ...)."""

    kind: str
    reason: str
    status: Optional[int] = None


def status_report(code: int, reason: str, quota_codes: Sequence[int]) -> UpstreamReport:
    """The kind of an error status a provider reported: ``quota_codes`` are ``quota``, then 401, 403, other 4xx
    (``bad-request``) and the rest (``upstream``)."""
    if code in quota_codes:
        return UpstreamReport("quota", reason, code)
    if code == 401:
        return UpstreamReport("unauthorized", reason, code)
    if code == 403:
        return UpstreamReport("forbidden", reason, code)
    if 400 <= code < 500:
        return UpstreamReport("bad-request", reason, code)
    return UpstreamReport("upstream", reason, code)


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
