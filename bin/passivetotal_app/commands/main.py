"""The search commands: what each asks the endpoint and the results it gives, and the chunked conversation with
splunkd around them.

Generating commands (``| ptpdns query=...``, ``| ptenrich query=...``, ``| pthistory``) look their value up when
splunkd first asks for results and answer with one result per record, in chunks of at most ``maxresultrows``.
The streaming enrichment (``... | ptenrich field=<f>``) answers every chunk of events splunkd sends as soon as the
chunk's new values are looked up, so results flow while the search runs; each distinct value is looked up once
per search, in batches. Failures of a provider become messages of the search, beside the data of the others;
arguments it cannot run with, and a user without the app's role, end the search with an error. Nothing here
writes a traceback, the session key or any secret to the search, its log or stderr.
"""

import sys
import time
from typing import IO, Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from .. import chunked
from ..chunked import Channel, Message, ProtocolError, SearchInfo
from . import records as out
from .arguments import TimeRange, UsageError, parse_args, time_range
from .endpoint import Endpoint, EndpointUnreachable, Transport
from .indicators import TYPE_LABELS, Indicator, NotAnIndicator, never_on_the_internet, parse_indicator
from .intel import Problem, Sources, problem_words, sources_from_status
from .lookups import Lookup, Result, Runner

COMMANDS = ("ptpdns", "ptupdns", "ptwhois", "ptssl", "pttrackers", "ptenrich", "pthistory")
GENERATING = {"type": "reporting", "generating": True}
STREAMING = {"type": "streaming", "generating": False, "distributed": False}

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
HISTORY_LIMIT = 100
MAX_MESSAGES = 20


class Fatal(Exception):
    """The search cannot go on: the text is the error it shows."""


def _need_capability() -> Fatal:
    return Fatal(
        "You may not ask PassiveTotal from a search: your Splunk role lacks the capability passivetotal_query. "
        "Ask a Splunk administrator for the role passivetotal_user."
    )


# ---------------------------------------------------------------------------------------------------------------
# What every command shares


class Context:
    """One search's connection to the endpoint: the providers from ``status``, the lookups runner, the messages."""

    def __init__(self, info: SearchInfo, transport: Optional[Transport], clock: Callable[[], float]) -> None:
        self.info = info
        self.clock = clock
        self.endpoint = Endpoint(info.splunkd_uri, info.session_key, info.owner or info.username, transport)
        self.runner = Runner(self.endpoint)
        self._sources: Optional[Sources] = None
        self._said: Set[Tuple[str, str, str, str]] = set()
        self._messages: List[Message] = []

    @property
    def sources(self) -> Sources:
        """The providers, from ``status`` (read once); Fatal for a user without the app's capability."""
        if self._sources is None:
            try:
                answer = self.endpoint.status()
            except EndpointUnreachable:
                raise Fatal("splunkd could not be reached at %s to ask the PassiveTotal app's endpoint"
                            % self.info.splunkd_uri)
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.status == 401:
                raise Fatal("splunkd did not accept the search's session for the PassiveTotal app's endpoint (HTTP "
                            "401); run the search again")
            if not answer.ok:
                raise Fatal("The PassiveTotal app's endpoint failed (HTTP %d): %s"
                            % (answer.status, answer.text or "no reason given"))
            capabilities = body.get("capabilities")
            if not isinstance(capabilities, dict) or capabilities.get("query") is not True:
                raise _need_capability()
            self._sources = sources_from_status(body)
        return self._sources

    def run(self, lookups: Sequence[Lookup]) -> None:
        self.runner.run(lookups)

    def report(self, problems: Sequence[Problem]) -> List[str]:
        """Each problem in words; a kind of problem becomes one message of the search the first time it occurs.
        A refusal of the user ends the search."""
        words: List[str] = []
        for p in problems:
            if p.kind == "not-permitted":
                raise _need_capability()
            text = problem_words(p)
            words.append(text)
            key = (p.provider, p.dataset, p.kind, p.code or "")
            if key in self._said or len(self._said) >= MAX_MESSAGES:
                continue
            self._said.add(key)
            self._messages.append(Message("WARN", text))
        return words

    def note(self, level: str, text: str) -> None:
        self._messages.append(Message(level, text))

    def take_messages(self) -> List[Message]:
        taken, self._messages = self._messages, []
        return taken


def _indicator(text: str) -> Indicator:
    parsed = parse_indicator(text)
    if isinstance(parsed, NotAnIndicator):
        raise UsageError('query="%s" is not an indicator: %s. Expected %s.'
                         % (text[:100], parsed.reason, parsed.expected))
    return parsed


def _host(indicator: Indicator) -> Indicator:
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


# ---------------------------------------------------------------------------------------------------------------
# Generating commands


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
        host = _host(self.query)
        result = _lookup(ctx, "resolutions", host, self.window)
        page = result.merged.value
        return out.resolution_records(host.intel_query, page, self.window) if page else []


class UniqueResolutions(Generating):
    """``| ptupdns query=<host>``: PassiveTotal's unique resolutions, or the open providers' distinct answers."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        host = _host(self.query)
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
        target = _host(self.query)
        dataset = "whois-by-email" if target.type == "email" else "whois"
        result = _lookup(ctx, dataset, target)
        page = result.merged.value or {}
        return [out.whois_record(target.intel_query, w) for w in page.get("records") or []]


class Certificates(Generating):
    """``| ptssl query=<domain, IPv4 or SHA-1>``: certificates naming a domain, or where a certificate was seen."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        target = _host(self.query)
        if target.type == "domain":
            result = _lookup(ctx, "certificates-for-name", target, self.window)
            page = result.merged.value
            return out.certificate_records(target.intel_query, page, self.window) if page else []
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
        return out.history_records(target.intel_query, page, details, self.window)


class Trackers(Generating):
    """``| pttrackers query=<host or tracker id>``: trackers seen on a host, or the hosts sharing a tracker."""

    def generate(self, ctx: Context) -> List[out.OutRecord]:
        target = _host(self.query)
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
            raise _need_capability()
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
        host = _host(self.query)
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


# ---------------------------------------------------------------------------------------------------------------
# The enrichment of values (one value, or every event's)


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
            host = _host(parsed)
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


# ---------------------------------------------------------------------------------------------------------------
# The conversation


class Setup(NamedTuple):
    """A command ready to run: generating (``command``) or streaming (``stream``)."""

    command: Optional[Generating]
    stream: Optional[EnrichEvents]


_GENERATING = {
    "ptpdns": PassiveDns,
    "ptupdns": UniqueResolutions,
    "ptwhois": Whois,
    "ptssl": Certificates,
    "pttrackers": Trackers,
    "pthistory": History,
}


def setup(name: str, info: SearchInfo, now: float) -> Setup:
    """Parses the arguments of a command into what it will do; UsageError when it cannot run."""
    if name == "ptenrich":
        options = parse_args(info.args, EnrichEvents.accepted)
        if "field" in options and "query" in options:
            raise UsageError("query=<indicator> (one lookup) and field=<field> (every event) do not go together")
        if "field" in options:
            if "earliest" in options or "latest" in options:
                raise UsageError("field= enriches the events of the search; earliest= and latest= go with the search "
                                 "itself")
            return Setup(None, EnrichEvents(name, options))
        if "query" not in options:
            raise UsageError('A value or a field is needed: query=<indicator> (one lookup, | ptenrich '
                             'query="evil.example") or field=<field> (every event, ... | ptenrich field=dest_ip)')
        return Setup(EnrichOne(name, options, info, now), None)
    kind = _GENERATING[name]
    options = parse_args(info.args, kind.accepted)
    return Setup(kind(name, options, info, now), None)


def _config_of(name: str, info: SearchInfo) -> Dict[str, Any]:
    streaming = name == "ptenrich" and any(a.partition("=")[0].strip() == "field" for a in info.args)
    return dict(STREAMING if streaming else GENERATING)


def _log(stderr: IO[str], text: str) -> None:
    try:
        stderr.write("passivetotal %s\n" % text)
        stderr.flush()
    except (OSError, ValueError):
        pass


def _unexpected(error: BaseException) -> str:
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = ""
    if tb is not None:
        where = " at %s:%d" % (tb.tb_frame.f_code.co_filename.rsplit("/", 1)[-1], tb.tb_lineno)
    return "%s%s" % (type(error).__name__, where)


def _generate(channel: Channel, ctx: Context, command: Generating, info: SearchInfo) -> int:
    pending: Optional[List[out.OutRecord]] = None
    while True:
        request = channel.read_execute()
        if request is None:
            return 0
        if pending is None:
            pending = command.generate(ctx)
        piece, pending = pending[: info.maxresultrows], pending[info.maxresultrows:]
        done = not pending
        channel.reply(piece, done, ctx.take_messages())
        if done:
            return 0


def _stream(channel: Channel, ctx: Context, stream: EnrichEvents) -> int:
    enricher = Enricher(ctx, stream.datasets, stream.prefix)
    while True:
        request = channel.read_execute()
        if request is None:
            return 0
        results = stream.process(enricher, request.records) if request.records else []
        channel.reply(results, request.finished, ctx.take_messages())
        if request.finished:
            return 0


def run(
    name: str,
    instream: IO[bytes],
    outstream: IO[bytes],
    stderr: IO[str],
    transport: Optional[Transport] = None,
    clock: Callable[[], float] = time.time,
) -> int:
    """One command process: getinfo, then execute chunks until splunkd is done. Returns the exit status."""
    channel = Channel(instream, outstream)
    try:
        info = channel.read_getinfo()
    except ProtocolError as error:
        _log(stderr, "%s: %s" % (name, error))
        return 1
    try:
        prepared = setup(name, info, clock())
    except UsageError as error:
        channel.reply_getinfo(_config_of(name, info), error=str(error))
        return 1
    channel.reply_getinfo(GENERATING if prepared.command is not None else STREAMING)
    ctx = Context(info, transport, clock)
    try:
        if prepared.command is not None:
            return _generate(channel, ctx, prepared.command, info)
        assert prepared.stream is not None
        return _stream(channel, ctx, prepared.stream)
    except Fatal as error:
        channel.reply([], True, ctx.take_messages(), error=str(error))
        return 1
    except ProtocolError as error:
        _log(stderr, "%s: %s" % (name, error))
        return 1
    # The last guard: a message for the search, never a traceback.
    except Exception as error:  # pylint: disable=broad-exception-caught
        _log(stderr, "%s: unexpected %s" % (name, _unexpected(error)))
        try:
            channel.reply([], True, ctx.take_messages(), error="Internal error in the PassiveTotal command (%s); the "
                          "search's log has the details." % type(error).__name__)
        except (OSError, ValueError):
            pass
        return 1


def main(name: str) -> None:
    """The entry scripts' ``main``: runs the command on the process's stdin and stdout, exits with its status."""
    sys.exit(run(name, sys.stdin.buffer, sys.stdout.buffer, sys.stderr))
