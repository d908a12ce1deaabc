"""The enrichment (``| ptenrich``): of one value (``query=``, a generating command) or of every event's values by a
field (``field=``, streaming: each chunk is answered as soon as its new values are looked up, each distinct value
once per search, in batches), with the reputation, resolutions and WHOIS fields of each."""

from typing import Any, Dict, List, Sequence, Tuple

from .. import chunked
from ..chunked import SearchInfo
from . import records as out
from .arguments import UsageError
from .generating import Generating, host_of
from .indicators import TYPE_LABELS, Indicator, NotAnIndicator, never_on_the_internet, parse_indicator
from .intel import Problem
from .lookups import Lookup, Result
from .search_context import Context

# The enrichment's datasets and the names each may be given by.
ENRICH_DATASETS = ("reputation", "resolutions", "whois")
DATASET_ALIASES = {
    "reputation": "reputation",
    "enrichment": "reputation",
    "classification": "reputation",
    "resolutions": "resolutions",
    "pdns": "resolutions",
    "dns": "resolutions",
    "whois": "whois",
}
ENRICHABLE = ("ipv4", "ipv6", "domain", "url")


class EnrichOne(Generating):
    """``| ptenrich query=<host> [datasets=...]``: one result with the enrichment of one value."""

    accepted = ("query", "field", "datasets", "prefix", "earliest", "latest")

    def __init__(self, name: str, options: Dict[str, str], info: SearchInfo, now: float) -> None:
        super().__init__(name, options, info, now)
        self.datasets = _datasets(options)
        if "prefix" in options:
            raise UsageError("prefix= goes with field= (the enrichment of events), not with query=")
        wanted = self.query
        if wanted.type not in ENRICHABLE:
            raise UsageError("The enrichment looks up IP addresses, domains and URLs; %s is %s %s"
                             % (wanted.value, _article(wanted.type), TYPE_LABELS[wanted.type]))

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        host = host_of(self.query)
        enricher = Enricher(ctx, self.datasets, "")
        fields = enricher.lookup([host])[host.intel_query]
        record: out.OutRecord = {"queryValue": host.intel_query}
        record.update(fields)
        for old, new in out.ENRICH_1_0_4.items():
            record[old] = fields.get(new)
        return [out.compact(record)]


def _article(indicator_type: str) -> str:
    return "an" if TYPE_LABELS[indicator_type][:1].lower() in "aeiou" else "a"


def _datasets(options: Dict[str, str]) -> Tuple[str, ...]:
    given = options.get("datasets")
    if given is None:
        return ENRICH_DATASETS
    chosen: List[str] = []
    for word in given.split(","):
        w = word.strip().lower()
        if not w:
            continue
        dataset = DATASET_ALIASES.get(w)
        if dataset is None:
            raise UsageError("datasets=%s names an unknown dataset %s (datasets: reputation, resolutions, whois)"
                             % (given, word.strip()))
        if dataset not in chosen:
            chosen.append(dataset)
    if not chosen:
        raise UsageError("datasets= names no dataset (datasets: reputation, resolutions, whois)")
    return tuple(chosen)


class Enricher:
    """Looks values up (each distinct one once per search) and gives each its fields."""

    def __init__(self, ctx: Context, datasets: Sequence[str], prefix: str) -> None:
        self.ctx = ctx
        self.datasets = tuple(datasets)
        self.prefix = prefix
        self.known: Dict[str, out.OutRecord] = {}

    def lookup(self, hosts: Sequence[Indicator]) -> Dict[str, out.OutRecord]:
        """The fields of each host (by ``intel_query``), looking up the ones not known yet, all in one run."""
        new = [h for h in dict((h.intel_query, h) for h in hosts).values() if h.intel_query not in self.known]
        if new:
            sources = self.ctx.sources
            lookups = {(h.intel_query, d): Lookup(d, h, sources) for h in new for d in self.datasets}
            self.ctx.run(list(lookups.values()))
            for h in new:
                results = {d: lookups[(h.intel_query, d)].result() for d in self.datasets}
                self.known[h.intel_query] = self._fields(h, results)
        return {h.intel_query: self.known[h.intel_query] for h in hosts}

    def _fields(self, host: Indicator, results: Dict[str, Result]) -> out.OutRecord:
        fields: out.OutRecord = {"indicator": host.intel_query, "type": host.type}
        problems: List[Problem] = []
        providers: List[str] = []
        for dataset, result in results.items():
            merged = result.merged
            problems.extend(merged.problems)
            for p in merged.providers:
                if p not in providers:
                    providers.append(p)
            if dataset == "reputation":
                fields.update(out.reputation_fields(merged.value, result.enrichment))
            elif dataset == "resolutions":
                fields.update(out.pdns_fields(merged.value))
            elif dataset == "whois":
                fields.update(out.whois_fields(merged.value))
        fields["source"] = providers
        fields["errors"] = self.ctx.report(problems)
        return out.compact(fields)


class EnrichEvents:
    """``... | ptenrich field=<f> [datasets=...] [prefix=pt_]``: the enrichment of every event by a field."""

    accepted = ("field", "query", "datasets", "prefix", "earliest", "latest")

    def __init__(self, name: str, options: Dict[str, str]) -> None:
        self.name = name
        self.field = options["field"]
        self.datasets = _datasets(options)
        self.prefix = options.get("prefix", "pt_")
        if not all(ch.isalnum() or ch == "_" for ch in self.prefix):
            raise UsageError("prefix=%s may hold only letters, digits and _" % self.prefix)
        self._parsed: Dict[str, Any] = {}

    def _value(self, text: str) -> Any:
        """A value as an indicator to look up, or the reason it is not looked up."""
        found = self._parsed.get(text)
        if found is not None:
            return found
        parsed = parse_indicator(text)
        if isinstance(parsed, NotAnIndicator):
            found = "not an indicator: %s" % parsed.reason
        elif parsed.type not in ENRICHABLE:
            found = "%s %s: the enrichment looks up IP addresses, domains and URLs" % (
                _article(parsed.type), TYPE_LABELS[parsed.type])
        else:
            host = host_of(parsed)
            special = never_on_the_internet(host)
            found = host if special is None else "%s, %s: not looked up" % (special.label, special.range)
        if len(self._parsed) < 100000:
            self._parsed[text] = found
        return found

    def process(self, enricher: Enricher, events: Sequence[chunked.Record]) -> List[out.OutRecord]:
        """The events of one chunk, each with its fields added."""
        values_of: List[List[Any]] = []
        hosts: List[Indicator] = []
        for event in events:
            raw = event.get(self.field)
            texts = raw if isinstance(raw, list) else ([raw] if raw else [])
            values = [self._value(t) for t in texts]
            values_of.append(values)
            hosts.extend(v for v in values if isinstance(v, Indicator))
        fields_of = enricher.lookup(hosts) if hosts else {}
        results: List[out.OutRecord] = []
        for event, values in zip(events, values_of):
            record: out.OutRecord = dict(event)
            if not values:
                record[self.prefix + "skipped"] = "no value in %s" % self.field
            else:
                per_value = [
                    fields_of[v.intel_query] if isinstance(v, Indicator) else {"skipped": v} for v in values
                ]
                for name, value in _aligned(per_value).items():
                    record[self.prefix + name] = value
            results.append(record)
        return results


def _aligned(per_value: Sequence[out.OutRecord]) -> out.OutRecord:
    """The fields of one value, or of several (a multivalue field): one entry per value for single fields (empty
    where a value lacks it), the union for list fields."""
    if len(per_value) == 1:
        return dict(per_value[0])
    names: List[str] = []
    for fields in per_value:
        for name in fields:
            if name not in names:
                names.append(name)
    merged: out.OutRecord = {}
    for name in names:
        if name in out.LIST_FIELDS:
            union: List[str] = []
            for fields in per_value:
                for v in fields.get(name) or []:
                    if v not in union:
                        union.append(v)
            merged[name] = union
        else:
            merged[name] = [fields.get(name, "") for fields in per_value]
    return merged
