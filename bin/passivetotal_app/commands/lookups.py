"""Running lookups through the endpoint's ``batch`` route: every call of a round goes out in requests of at most
40 calls, a few requests side by side, and an identical call is sent once per search (its answer is kept for the
rest of the search, so each distinct value costs its calls once however many events hold it).

A ``Lookup`` is one dataset about one indicator: the providers asked in order (``intel.asks``) and their merged
answer once every provider has answered. Providers that need a second call (RDAP asks a parent name when a host
name is not registered) take part in the next round.
"""

from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from .endpoint import BATCH_MAX_CALLS, Answer, Endpoint, EndpointUnreachable
from .indicators import Indicator
from .intel import PASSIVETOTAL, Merged, Outcome, Progress, Sources, asks, merge, unsupported
from .jsonread import JsonObject
from .pt_mappers import reputation_from_enrichment

# Answers after which a provider is not asked again in the same search.
STOPPING_CODES = ("quota_exceeded", "bad_credentials")

# Batch requests in flight at once. The endpoint runs the calls of one batch side by side itself.
PARALLEL_BATCHES = 4


class Result(NamedTuple):
    """A lookup's answer: the merged dataset and, for reputation, PassiveTotal's enrichment (AS, country, flags)."""

    merged: Merged
    enrichment: Optional[JsonObject] = None


class Lookup:
    """One dataset about one indicator, asked of its providers in order."""

    def __init__(
        self, dataset: str, indicator: Indicator, sources: Sources, times: Sequence[Tuple[str, str]] = ()
    ) -> None:
        self.dataset = dataset
        self.indicator = indicator
        self._sources = sources
        self.progress = [Progress(a, dataset) for a in asks(sources, dataset, indicator, times)]

    def pending(self) -> List[Tuple[Progress, str]]:
        """The calls this lookup still waits for."""
        out: List[Tuple[Progress, str]] = []
        for p in self.progress:
            call = p.next_call()
            if call is not None:
                out.append((p, call))
        return out

    def result(self) -> Result:
        """The merged answer once nothing is pending."""
        if not self.progress:
            return Result(Merged(None, [], [unsupported(self.dataset, self.indicator, self._sources)]))
        outcomes = [p.outcome for p in self.progress if p.outcome is not None]
        enrichment: Optional[JsonObject] = None
        if self.dataset == "reputation":
            converted: List[Outcome] = []
            for o in outcomes:
                if o.provider == PASSIVETOTAL and o.value is not None:
                    enrichment = o.value
                    entries = reputation_from_enrichment(o.value)
                    o = Outcome(o.provider, {"records": entries, "total": len(entries)}, None, o.cached)
                converted.append(o)
            outcomes = converted
        return Result(merge(self.dataset, outcomes), enrichment)


def _unreachable(error: EndpointUnreachable) -> Answer:
    return Answer(503, {"messages": [{"type": "ERROR", "text": str(error), "code": "splunkd_unreachable"}]})


class Runner:
    """Sends the calls of lookups in batches and remembers every answer for the rest of the search."""

    def __init__(self, endpoint: Endpoint, parallel: int = PARALLEL_BATCHES) -> None:
        self._endpoint = endpoint
        self._parallel = max(1, parallel)
        self._answers: Dict[str, Answer] = {}
        # Providers whose quota is spent or whose credentials were refused: their later calls in this search get
        # the same answer without asking again (a quota does not come back within a search).
        self._stopped: Dict[str, Answer] = {}
        self.calls_sent = 0
        self.requests_sent = 0

    def _send(self, calls: List[str]) -> List[Answer]:
        try:
            return self._endpoint.batch(calls)
        except EndpointUnreachable as error:
            return [_unreachable(error) for _ in calls]

    def run(self, lookups: Sequence[Lookup]) -> None:
        """Runs rounds until every lookup has its answer."""
        while True:
            pending = [item for lookup in lookups for item in lookup.pending()]
            if not pending:
                return
            for progress, call in pending:
                stopped = self._stopped.get(progress.ask.provider)
                if stopped is not None and call not in self._answers:
                    self._answers[call] = stopped
            missing = list(dict.fromkeys(call for _, call in pending if call not in self._answers))
            batches = [missing[i:i + BATCH_MAX_CALLS] for i in range(0, len(missing), BATCH_MAX_CALLS)]
            if len(batches) == 1 or self._parallel == 1:
                results = [self._send(b) for b in batches]
            elif batches:
                with ThreadPoolExecutor(max_workers=min(self._parallel, len(batches))) as pool:
                    results = list(pool.map(self._send, batches))
            else:
                results = []
            for batch, answers in zip(batches, results):
                self.requests_sent += 1
                self.calls_sent += len(batch)
                for call, answer in zip(batch, answers):
                    self._answers[call] = answer
            for progress, call in pending:
                answer = self._answers[call]
                if answer.code in STOPPING_CODES:
                    self._stopped.setdefault(progress.ask.provider, answer)
                progress.feed(answer)
