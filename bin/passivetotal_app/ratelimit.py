"""The app's own request limit per open provider (``[provider:<id>] rate_limit_per_minute``).

Counted per handler process (splunkd may run several): a sliding window of the last minute's upstream lookups of
each provider. Only lookups that reach the provider count (a cache hit does not). No background thread: old
entries are dropped when the provider is next asked.
"""

import collections
import threading
from typing import Deque, Dict, Optional

WINDOW_SECONDS = 60.0


class RateLimiter:
    """Sliding one-minute windows, one per key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent: Dict[str, Deque[float]] = {}

    def acquire(self, key: str, per_minute: int, now: float) -> Optional[float]:
        """Counts one request and returns None when ``key`` has had fewer than ``per_minute`` in the last minute;
        else counts nothing and returns the seconds until the oldest one leaves the window. 0 means no limit."""
        if per_minute <= 0:
            return None
        with self._lock:
            sent = self._sent.setdefault(key, collections.deque())
            while sent and sent[0] <= now - WINDOW_SECONDS:
                sent.popleft()
            if len(sent) >= per_minute:
                return max(sent[0] + WINDOW_SECONDS - now, 0.0)
            sent.append(now)
            return None

    def reset(self) -> None:
        """Forgets every count (tests, and a changed limit does not need it)."""
        with self._lock:
            self._sent.clear()


LIMITER = RateLimiter()
