"""One search's connection to the app's endpoint, shared by every search command: the providers the endpoint
offers (read once from ``status``), the lookups runner, and the search's messages (each kind of problem said once).
A user without the app's capability, or an endpoint that cannot answer, ends the search with ``Fatal``."""

from typing import Callable, List, Optional, Sequence, Set, Tuple

from ..chunked import Message, SearchInfo
from .endpoint import Endpoint, EndpointUnreachable, Transport
from .intel import Problem, Sources, problem_words, sources_from_status
from .lookups import Lookup, Runner

MAX_MESSAGES = 20


class Fatal(Exception):
    """The search cannot go on: the text is the error it shows."""


def need_capability() -> Fatal:
    """The error for a user whose Splunk role lacks the app's query capability."""
    return Fatal(
        "You may not ask PassiveTotal from a search: your Splunk role lacks the capability passivetotal_query. "
        "Ask a Splunk administrator for the role passivetotal_user."
    )


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
                raise need_capability()
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
                raise need_capability()
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
