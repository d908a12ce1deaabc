"""The app's own request limit per open provider (``[provider:<id>] rate_limit_per_minute``), shared fairly.

Counted per handler process (splunkd may run several): a sliding window of the last minute's upstream lookups of
each provider, each marked with the Splunk user it was made for. Only lookups that reach the provider count (a
cache hit does not). One user may hold at most half of a provider's window, rounded up (:func:`user_share`), so
one analyst's burst leaves the rest of the minute to everyone else. A lookup that would be admitted within
QUEUE_SECONDS waits for its turn (lookup.py) instead of being refused. No background thread: old entries are
dropped when the provider is next asked.
"""

import collections
import threading
from typing import Deque, Dict, Optional, Tuple

WINDOW_SECONDS = 60.0
# How long a lookup waits for a turn in the window before it is refused (within its own time budget).
QUEUE_SECONDS = 3.0


def user_share(per_minute: int) -> int:
    """The most lookups a minute one user may make of a provider limited to ``per_minute``: half, rounded up."""
    return max(1, (per_minute + 1) // 2)


class RateLimiter:
    """Sliding one-minute windows, one per key, with each user's part of them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent: Dict[str, Deque[Tuple[float, str]]] = {}

    def acquire(self, key: str, per_minute: int, now: float, user: str = "") -> Optional[float]:
        """Counts one request of ``user`` and returns None when ``key`` has had fewer than ``per_minute`` in the
        last minute and ``user`` fewer than :func:`user_share` of them; else counts nothing and returns the
        seconds until both hold again. 0 means no limit."""
        if per_minute <= 0:
            return None
        share = user_share(per_minute)
        with self._lock:
            sent = self._sent.setdefault(key, collections.deque())
            while sent and sent[0][0] <= now - WINDOW_SECONDS:
                sent.popleft()
            mine = [at for at, who in sent if who == user]
            wait = 0.0
            if len(sent) >= per_minute:
                wait = sent[len(sent) - per_minute][0] + WINDOW_SECONDS - now
            if len(mine) >= share:
                wait = max(wait, mine[len(mine) - share] + WINDOW_SECONDS - now)
            if len(sent) >= per_minute or len(mine) >= share:
                return max(wait, 0.0)
            sent.append((now, user))
            return None

    def reset(self) -> None:
        """Forgets every count (tests, and a changed limit does not need it)."""
        with self._lock:
            self._sent.clear()


LIMITER = RateLimiter()
