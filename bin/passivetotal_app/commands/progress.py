"""One provider's ask in progress against the endpoint's answers: the next call, and the outcome (the mapped value
or the problem) once an answer is not empty or the last call is answered."""

from typing import NamedTuple, Optional

from . import open_mappers, pt_mappers
from .asks import Ask
from .endpoint import Answer
from .jsonread import JsonObject, as_object
from .problems import Problem, classify
from .sources import PASSIVETOTAL


class Outcome(NamedTuple):
    """One provider's result: the mapped value, or the problem."""

    provider: str
    value: Optional[JsonObject]
    problem: Optional[Problem]
    cached: bool = False


def _empty(dataset: str, value: str) -> JsonObject:
    if dataset == "resolutions":
        return open_mappers.resolutions_page(value, [])
    return {"records": [], "total": 0}


def _is_empty_page(value: JsonObject) -> bool:
    records = value.get("records")
    return isinstance(records, list) and len(records) == 0


class Progress:
    """One provider's ask in progress: which call comes next, and the outcome once known."""

    def __init__(self, ask: Ask, dataset: str) -> None:
        self.ask = ask
        self.dataset = dataset
        self._step = 0
        self.outcome: Optional[Outcome] = None

    def next_call(self) -> Optional[str]:
        """The call to send, or None when the outcome is known."""
        return None if self.outcome is not None else self.ask.calls[self._step][0]

    def feed(self, answer: Answer) -> None:
        """Takes the answer to ``next_call()``: maps it, or moves on to the next value when it was empty."""
        provider = self.ask.provider
        value = self.ask.calls[self._step][1]
        if not answer.ok:
            if provider != PASSIVETOTAL and answer.code == "not_found":
                mapped: JsonObject = _empty(self.dataset, value)  # the upstream's "no record"
                cached = False
            else:
                self.outcome = Outcome(provider, None, Problem(
                    provider, self.dataset, classify(answer, provider), answer.code,
                    answer.text or "the app's endpoint answered with status %d" % answer.status, answer.reset_at))
                return
        else:
            body = as_object(answer.body)
            if body is None or "data" not in body:
                self.outcome = Outcome(provider, None, Problem(
                    provider, self.dataset, "malformed", None, 'the answer has no "data" member'))
                return
            data = body["data"]
            report = self.ask.reported_error(data) if self.ask.reported_error else None
            if report is not None:
                self.outcome = Outcome(provider, None, Problem(
                    provider, self.dataset, report.kind, None, report.reason))
                return
            try:
                mapped = self.ask.map(data, value)
            except pt_mappers.Malformed as error:
                self.outcome = Outcome(provider, None, Problem(provider, self.dataset, "malformed", None, error.reason))
                return
            cached = body.get("cached") is True
        if _is_empty_page(mapped) and self._step + 1 < len(self.ask.calls):
            self._step += 1
            return
        self.outcome = Outcome(provider, mapped, None, cached)
