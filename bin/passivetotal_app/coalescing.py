"""In-flight coalescing: identical requests at the same time in this process reach the inner client once.

:class:`CoalescingClient` lets the first of identical concurrent requests (same provider and base URL, operation
and normalised parameters: cache.py's key) ask the inner client; the others wait for its answer or failure.
"""

import logging
import threading
from typing import Dict, Optional

from .cache import IntelClient, cache_key
from .model import Answer, Query

LOG = logging.getLogger("passivetotal.cache")


class _Flight:
    """One request in flight: its waiters block on ``done`` and then read ``answer`` or ``error``."""

    __slots__ = ("done", "answer", "error", "followers")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: Optional[Answer] = None
        self.error: Optional[BaseException] = None
        self.followers = 0


_flights_lock = threading.Lock()
_flights: Dict[str, _Flight] = {}


def followers_waiting(key: str) -> int:
    """How many requests wait for the one in flight under ``key`` (tests)."""
    with _flights_lock:
        flight = _flights.get(key)
        return flight.followers if flight else 0


class CoalescingClient:
    """The first of identical concurrent requests asks ``inner``; the others share its answer or failure.

    A follower waits at most ``wait_seconds`` (the upstream's own time budget plus a margin), then asks on its own.
    """

    def __init__(self, inner: IntelClient, provider: str, wait_seconds: float) -> None:
        self._inner = inner
        self._provider = provider
        self._wait_seconds = wait_seconds

    def get(self, query: Query) -> Answer:
        key = cache_key(self._provider, query)
        with _flights_lock:
            flight = _flights.get(key)
            leader = flight is None
            if flight is None:
                flight = _flights[key] = _Flight()
            else:
                flight.followers += 1
        if leader:
            return self._lead(key, flight, query)
        if not flight.done.wait(self._wait_seconds):
            LOG.warning("identical request still in flight after %gs; asking again", self._wait_seconds)
            return self._inner.get(query)
        if flight.error is not None:
            raise flight.error
        assert flight.answer is not None
        return flight.answer._replace(coalesced=True)

    def _lead(self, key: str, flight: _Flight, query: Query) -> Answer:
        try:
            flight.answer = self._inner.get(query)
            return flight.answer
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with _flights_lock:
                del _flights[key]
            flight.done.set()
