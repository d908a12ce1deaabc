"""The generating search commands (``| ptpdns``, ``| ptupdns``, ``| ptwhois``, ``| ptssl``, ``| pttrackers``,
``| pthistory``): their arguments, what each asks the endpoint, and the results it gives, one per record."""

import time
from typing import Any, Dict, List, Optional, Tuple

from ..chunked import SearchInfo
from . import records as out
from . import ssl_records
from .arguments import TimeRange, UsageError, time_range
from .indicators import Indicator, NotAnIndicator, parse_indicator
from .lookups import Lookup, Result
from .endpoint import EndpointUnreachable
from .search_context import Context, Fatal, need_capability

HISTORY_LIMIT = 100


def _indicator(text: str) -> Indicator:
    parsed = parse_indicator(text)
    if isinstance(parsed, NotAnIndicator):
        raise UsageError('query="%s" is not an indicator: %s. Expected %s.'
                         % (text[:100], parsed.reason, parsed.expected))
    return parsed


def host_of(indicator: Indicator) -> Indicator:
    """A URL's host as an indicator of its own (providers are asked about the host)."""
    if indicator.type != "url":
        return indicator
    return Indicator(indicator.host_type, indicator.intel_query, indicator.intel_query, indicator.host_type,
                     special=indicator.special)


def _lookup(ctx: Context, dataset: str, indicator: Indicator, window: Optional[TimeRange] = None) -> Result:
    params = window.api_params() if window is not None else ()
    lookup = Lookup(dataset, indicator, ctx.sources, params)
    ctx.run([lookup])
    result = lookup.result()
    ctx.report(result.merged.problems)
    return result


class Generating:
    """A command that produces results from its arguments."""

    accepted: Tuple[str, ...] = ("query", "earliest", "latest")

    def __init__(self, name: str, options: Dict[str, str], info: SearchInfo, now: float) -> None:
        self.name = name
        self.options = options
        self.window = time_range(options, info.earliest_time, info.latest_time, now)
        query = options.get("query")
        if query is None and self.needs_query:
            raise UsageError('A value to look up is needed: query=<indicator>, for example | %s query="evil.example"'
                             % name)
        self.indicator = _indicator(query) if query is not None else None

    needs_query = True

    @property
    def query(self) -> Indicator:
        """The indicator of ``query=``, which the constructor required of every command that needs one."""
        if self.indicator is None:
            raise UsageError("query=<indicator> is needed")
        return self.indicator

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        raise NotImplementedError


class PassiveDns(Generating):
    """``| ptpdns query=<host>``: one result per resolution."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        host = host_of(self.query)
        result = _lookup(ctx, "resolutions", host, self.window)
        page = result.merged.value
        return out.resolution_records(host.intel_query, page, self.window) if page else []


class UniqueResolutions(Generating):
    """``| ptupdns query=<host>``: PassiveTotal's unique resolutions, or the open providers' distinct answers."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        host = host_of(self.query)
        if ctx.sources.passivetotal:
            result = _lookup(ctx, "unique-resolutions", host, self.window)
            page = result.merged.value
            return out.unique_records(host.intel_query, page, result.merged.providers) if page else []
        result = _lookup(ctx, "resolutions", host, self.window)
        page = result.merged.value
        return out.unique_from_resolutions(host.intel_query, page, self.window) if page else []


class Whois(Generating):
    """``| ptwhois query=<host or email>``: one result per WHOIS record (a WHOIS search for an email address)."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        target = host_of(self.query)
        dataset = "whois-by-email" if target.type == "email" else "whois"
        result = _lookup(ctx, dataset, target)
        page = result.merged.value or {}
        return [out.whois_record(target.intel_query, w) for w in page.get("records") or []]


class Certificates(Generating):
    """``| ptssl query=<domain, IPv4 or SHA-1>``: certificates naming a domain, or where a certificate was seen."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        target = host_of(self.query)
        if target.type == "domain":
            result = _lookup(ctx, "certificates-for-name", target, self.window)
            page = result.merged.value
            return ssl_records.certificate_records(target.intel_query, page, self.window) if page else []
        lookups = [Lookup("certificate-history", target, ctx.sources, ())]
        if target.type == "sha1":
            lookups.append(Lookup("certificate-details", target, ctx.sources, ()))
        ctx.run(lookups)
        history = lookups[0].result()
        ctx.report(history.merged.problems)
        details: Optional[Dict[str, Any]] = None
        if len(lookups) > 1:
            found = lookups[1].result()
            ctx.report([p for p in found.merged.problems if p.kind != "unsupported"])
            listed = (found.merged.value or {}).get("records") or []
            details = listed[0] if listed else None
        page = history.merged.value or {"records": [], "total": 0}
        return ssl_records.history_records(target.intel_query, page, details, self.window)


class Trackers(Generating):
    """``| pttrackers query=<host or tracker id>``: trackers seen on a host, or the hosts sharing a tracker."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        target = host_of(self.query)
        if target.type == "tracker":
            result = _lookup(ctx, "tracker-hosts", target, self.window)
            page = result.merged.value
            return out.tracker_host_records(target.value, target.tracker_type, page, self.window) if page else []
        result = _lookup(ctx, "trackers", target, self.window)
        page = result.merged.value
        return out.tracker_records(target.intel_query, page, self.window) if page else []


class History(Generating):
    """``| pthistory``: the team's recent investigations in the app, newest first."""

    accepted = ("query", "limit", "earliest", "latest")
    needs_query = False

    def __init__(self, name: str, options: Dict[str, str], info: SearchInfo, now: float) -> None:
        super().__init__(name, options, info, now)
        limit = options.get("limit", str(HISTORY_LIMIT))
        if not limit.isdigit() or not 1 <= int(limit) <= HISTORY_LIMIT:
            raise UsageError("limit=%s must be a whole number from 1 to %d" % (limit, HISTORY_LIMIT))
        self.limit = int(limit)

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        _ = ctx.sources  # read first: a user without the app's capability gets the error, not an empty history
        try:
            answer = ctx.endpoint.investigations(self.limit)
        except EndpointUnreachable:
            raise Fatal("splunkd could not be reached to read the investigation history")
        if answer.code == "forbidden":
            raise need_capability()
        if not answer.ok:
            ctx.note("WARN", "The investigation history could not be read: %s"
                     % (answer.text or "the app's endpoint answered with status %d" % answer.status))
            return []
        items = (answer.body or {}).get("investigations") if isinstance(answer.body, dict) else None
        wanted = self.indicator
        results: List[out.OutRecord] = []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            indicator = str(item.get("indicator") or "")
            if wanted is not None:
                parsed = parse_indicator(indicator)
                same = isinstance(parsed, Indicator) and (
                    parsed.value == wanted.value or parsed.intel_query == wanted.intel_query)
                if not same:
                    continue
            when = item.get("time")
            moment = int(when) if isinstance(when, (int, float)) and not isinstance(when, bool) else None
            if not self.window.contains(moment):
                continue
            iso = None
            if moment is not None:
                iso = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(moment))
            results.append(out.compact({
                "_time": moment,
                "dt": out.readable(iso),
                "username": item.get("user"),
                "focus": indicator,
                "type": "search",
                "indicator_type": item.get("type"),
                "internal_sightings": item.get("internalSightings"),
                "source": "splunk",
            }))
        return results
