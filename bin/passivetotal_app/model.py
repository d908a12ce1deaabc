"""The two values that travel between the modules: a validated upstream query and its answer."""

import datetime
from typing import Any, NamedTuple, Optional, Tuple

PROVIDER = "passivetotal"


class Query(NamedTuple):
    """A request to the upstream that passed the allow-list (routes.py): nothing in it is user-shaped any more.

    ``path`` is one of the allow-listed API paths (without ``/v2/``), ``params`` the validated and normalised
    parameters sorted by name, ``dataset`` the cache dataset whose TTL applies (``account`` is never cached) and
    ``label`` the words used in messages ("passive DNS").
    """

    path: str
    params: Tuple[Tuple[str, str], ...]
    dataset: str
    label: str


class Answer(NamedTuple):
    """A successful answer: the upstream JSON body and where it came from.

    ``fetched_at`` and ``expires_at`` are epoch seconds; ``expires_at`` is None when the answer was not stored.
    ``coalesced`` is true when another identical request in flight fetched it. ``size`` is the length of the body
    it was read from (0 when unknown).
    """

    data: Any
    cached: bool
    fetched_at: float
    expires_at: Optional[float] = None
    coalesced: bool = False
    size: int = 0


def iso_utc(epoch_seconds: float) -> str:
    """ISO 8601 UTC with a ``Z``, to the second: ``2024-02-01T00:00:00Z``."""
    moment = datetime.datetime.fromtimestamp(epoch_seconds, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
