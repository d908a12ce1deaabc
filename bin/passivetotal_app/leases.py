"""Leases: of identical requests in several handler processes and search-head members, one fetches an item while
the others wait for its cache entry (cache.py).

A lease is the document ``lease:<cache key>`` in the cache collection, holding ``expires_at`` and ``holder`` (a
random id of the request that holds it). Claiming a free lease inserts it; the KV store refuses a second insert of
the same ``_key`` with 409, so exactly one claimant gets it. A lease whose holder died expires, and taking it over
is one insert too: of the marker ``<lease key>:after:<holder>``, named after the holder it replaces. Every
claimant that saw the same expired lease inserts the same marker and only one insert succeeds; that one then
writes the lease with its own holder and expiry, and the others wait as for any held lease. A marker expires like
a lease, and the cache's maintenance deletes both.

A waiter looks for the entry with backoff (:func:`delays`): first after FIRST_POLL_SECONDS, then each time twice as
late, at most MAX_POLL_SECONDS apart, so a wait of 25 seconds costs about 30 looks instead of 500.
"""

from typing import Any, Dict, Iterator, Optional, Protocol

LEASE_PREFIX = "lease:"
FIRST_POLL_SECONDS = 0.05
MAX_POLL_SECONDS = 1.0


class LeaseStore(Protocol):
    """What leases need of the cache collection (cache.py's CacheStore)."""

    def read(self, key: str) -> Optional[Dict[str, Any]]:
        ...

    def claim(self, key: str, expires_at: float, holder: str = "") -> bool:
        ...

    def write(self, doc: Dict[str, Any]) -> None:
        ...

    def remove(self, key: str) -> None:
        ...


def expired(held: Optional[Dict[str, Any]], now: float) -> bool:
    """Whether a lease document is gone or past its ``expires_at``."""
    if held is None:
        return True
    expires_at = held.get("expires_at")
    return isinstance(expires_at, (int, float)) and expires_at <= now


def take(store: LeaseStore, lease_key: str, holder: str, now: float, seconds: float) -> bool:
    """True when ``holder`` now holds the lease: it was free, or expired and this call's takeover won."""
    if store.claim(lease_key, now + seconds, holder):
        return True
    held = store.read(lease_key)
    if held is None:  # the holder finished a moment ago
        return store.claim(lease_key, now + seconds, holder)
    if not expired(held, now):
        return False
    previous = str(held.get("holder") or held.get("expires_at"))
    if not store.claim(lease_key + ":after:" + previous, now + seconds, holder):
        return False  # another claimant took it over
    store.write({"_key": lease_key, "lease": True, "expires_at": now + seconds, "holder": holder})
    return True


def release(store: LeaseStore, lease_key: str, holder: str) -> None:
    """Deletes the lease if ``holder`` still holds it (one taken over by another request stays theirs)."""
    held = store.read(lease_key)
    if held is not None and held.get("holder") in (holder, None):
        store.remove(lease_key)


def delays(first: float = FIRST_POLL_SECONDS, cap: float = MAX_POLL_SECONDS) -> Iterator[float]:
    """The waits between looks: ``first``, twice that, ... at most ``cap``."""
    wait = first
    while True:
        yield wait
        wait = min(wait * 2, cap)
