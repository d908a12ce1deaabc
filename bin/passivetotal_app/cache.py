"""The intelligence cache, a decorator around an :class:`IntelClient` (pipeline.py puts it around a lookup).

- :class:`CachingClient` keeps successful answers in the KV store collection ``passivetotal_cache``
  (collections.conf), shared by all users and search heads. ``_key`` = SHA-256 of provider (with the base URL),
  operation and the normalised parameters, after the provider's prefix (``open:<id>:`` for the open providers,
  none for PassiveTotal). A document holds ``provider``, ``endpoint``, ``params``, ``dataset``, ``fetched_at``,
  ``expires_at`` (epoch seconds) and ``body`` (the upstream JSON as a string). The lifetime comes from the
  caller (the provider's, or PassiveTotal's per dataset); a lifetime of 0 stores nothing, and failures are never
  stored. A KV store that cannot be read or written never fails a request: the answer goes out uncached and
  a warning is logged. Size stays bounded: entries larger than ``max_entry_kb`` are not stored, and at most every
  MAINTENANCE_SECONDS a write also deletes expired entries and the oldest beyond ``max_entries`` (no background
  thread).
- On a miss, the request first claims the item's lease (leases.py), so across handler processes and search heads
  one request fetches the item and the others wait for its entry, looking with backoff. A lease whose holder died
  expires and exactly one waiter takes it over; a KV store that cannot take leases never blocks a request.

Identical requests in flight at the same time in one process are joined before they get here (coalescing.py).
"""

import hashlib
import json
import logging
import threading
import time
import urllib.parse
import uuid
from typing import Any, Callable, Dict, Optional, Protocol

from . import json_limits, leases, memory
from .errors import UPSTREAM_MALFORMED, ProxyError
from .leases import LEASE_PREFIX
from .model import Answer, Query
from .splunkd import Splunkd, SplunkdError


LOG = logging.getLogger("passivetotal.cache")

COLLECTION = "passivetotal_cache"
DATA_PATH = "/servicesNS/nobody/passivetotal/storage/collections/data/" + COLLECTION
MAINTENANCE_SECONDS = 600.0


class IntelClient(Protocol):
    """Anything that answers a validated query: the upstream client and each decorator."""

    def get(self, query: Query) -> Answer:
        ...


class CacheUnavailable(Exception):
    """The KV store could not be read or written."""


def cache_key(provider: str, query: Query) -> str:
    """SHA-256 over provider, API path and the (already normalised, sorted) parameters."""
    material = json.dumps([provider, query.path, [list(p) for p in query.params]], separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class CacheStore:
    """The KV store collection, through splunkd with the system token."""

    def __init__(self, splunkd: Splunkd) -> None:
        self._splunkd = splunkd

    def _call(self, method: str, path: str = "", query: Any = None, json_body: Any = None) -> Any:
        try:
            answer = self._splunkd.call(method, DATA_PATH + path, query=query, json_body=json_body)
        except SplunkdError as error:
            raise CacheUnavailable(str(error))
        if answer.status == 404 and method == "GET" and path:
            return None
        if not 200 <= answer.status < 300:
            raise CacheUnavailable("KV store answered %d" % answer.status)
        try:
            return answer.json()
        except SplunkdError as error:
            raise CacheUnavailable(str(error))

    def read(self, key: str) -> Optional[Dict[str, Any]]:
        """The document with ``_key`` = key, or None."""
        doc = self._call("GET", "/" + urllib.parse.quote(key, safe=""))
        return doc if isinstance(doc, dict) else None

    def claim(self, key: str, expires_at: float, holder: str = "") -> bool:
        """Inserts the lease ``key`` unless it exists: True when this call made it (the KV store answers 409 to an
        insert whose ``_key`` is taken, so of several search heads and handler processes exactly one wins)."""
        doc = {"_key": key, "lease": True, "expires_at": expires_at, "holder": holder}
        try:
            answer = self._splunkd.call("POST", DATA_PATH, json_body=doc)
        except SplunkdError as error:
            raise CacheUnavailable(str(error))
        if answer.status == 409:
            return False
        if not 200 <= answer.status < 300:
            raise CacheUnavailable("KV store answered %d" % answer.status)
        return True

    def remove(self, key: str) -> None:
        """Deletes the document ``key`` (gone already is fine)."""
        try:
            answer = self._splunkd.call("DELETE", DATA_PATH + "/" + urllib.parse.quote(key, safe=""))
        except SplunkdError as error:
            raise CacheUnavailable(str(error))
        if not (200 <= answer.status < 300 or answer.status == 404):
            raise CacheUnavailable("KV store answered %d" % answer.status)

    def write(self, doc: Dict[str, Any]) -> None:
        """Inserts or replaces ``doc`` (by its ``_key``)."""
        self._call("POST", "/batch_save", json_body=[doc])

    def delete_expired(self, now: float) -> None:
        """Deletes every entry whose ``expires_at`` has passed."""
        self._call("DELETE", query=[("query", json.dumps({"expires_at": {"$lt": now}}))])

    def trim(self, max_entries: int) -> None:
        """Deletes the oldest entries beyond ``max_entries``."""
        beyond = self._call(
            "GET",
            query=[
                ("sort", "fetched_at:-1"),
                ("skip", str(max_entries)),
                ("limit", "1"),
                ("fields", "_key,fetched_at"),
            ],
        )
        if isinstance(beyond, list) and beyond and isinstance(beyond[0].get("fetched_at"), (int, float)):
            self._call("DELETE", query=[("query", json.dumps({"fetched_at": {"$lte": beyond[0]["fetched_at"]}}))])

    def purge(self) -> int:
        """Deletes every entry; returns how many there were."""
        keys = self._call("GET", query=[("fields", "_key"), ("limit", "0")])
        self._call("DELETE")
        return len(keys) if isinstance(keys, list) else 0


_maintenance_lock = threading.Lock()
_last_maintenance = [0.0]


class CachingClient:
    """Serves fresh stored answers and stores new successful ones (see the module docstring)."""

    def __init__(
        self,
        inner: IntelClient,
        store: CacheStore,
        provider: str,
        ttl_for: Callable[[str], int],
        max_entries: int,
        max_entry_bytes: int,
        clock: Callable[[], float] = time.time,
        key_prefix: str = "",
        lease_seconds: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        answer_cap: int = 0,
    ) -> None:
        self._inner = inner
        self._answer_cap = answer_cap
        self._lease_seconds = lease_seconds
        self._sleep = sleep
        self._key_prefix = key_prefix
        self._store = store
        self._provider = provider
        self._ttl_for = ttl_for
        self._max_entries = max_entries
        self._max_entry_bytes = max_entry_bytes
        self._clock = clock

    def get(self, query: Query) -> Answer:
        ttl = self._ttl_for(query.dataset)
        if ttl <= 0:
            return self._inner.get(query)
        key = self._key_prefix + cache_key(self._provider, query)
        hit = self._lookup(key, query)
        if hit is not None:
            return hit
        # One fetch per item across handler processes and search heads: the one that holds the lease asks the
        # upstream; the others wait for its entry (or for the lease to go or expire, then try themselves).
        holder = uuid.uuid4().hex
        lease = self._claim(key, holder)
        if lease is False:
            waited = self._await(key, query)
            if waited is not None:
                return waited
            lease = self._claim(key, holder)
        try:
            answer = self._inner.get(query)
            return self._keep(key, query, answer, ttl)
        finally:
            if lease:
                self._release(key, holder)

    def _claim(self, key: str, holder: str) -> Optional[bool]:
        """True: this request holds the lease; False: another does; None: the KV store cannot tell (go ahead)."""
        try:
            return leases.take(self._store, LEASE_PREFIX + key, holder, self._clock(), self._lease_seconds)
        except CacheUnavailable as error:
            LOG.warning("cache lease failed, fetching without it: %s", error)
            return None

    def _await(self, key: str, query: Query) -> Optional[Answer]:
        """Waits for the lease holder's entry, looking with backoff; None when the lease ended or expired without
        one, or the wait ran out."""
        deadline = self._clock() + self._lease_seconds
        for delay in leases.delays():
            if self._clock() >= deadline:
                break
            self._sleep(delay)
            hit = self._lookup(key, query)
            if hit is not None:
                return hit._replace(coalesced=True)
            try:
                if leases.expired(self._store.read(LEASE_PREFIX + key), self._clock()):
                    return None
            except CacheUnavailable:
                return None
        LOG.warning("another request's fetch of %s did not finish in %gs; fetching", query.path, self._lease_seconds)
        return None

    def _release(self, key: str, holder: str) -> None:
        try:
            leases.release(self._store, LEASE_PREFIX + key, holder)
        except CacheUnavailable as error:
            LOG.warning("cache lease not released (it expires by itself): %s", error)

    def _lookup(self, key: str, query: Query) -> Optional[Answer]:
        try:
            doc = self._store.read(key)
        except CacheUnavailable as error:
            LOG.warning("cache read failed, answering uncached: %s", error)
            return None
        if doc is None:
            LOG.debug("cache miss %s", query.path)
            return None
        expires_at = doc.get("expires_at")
        fetched_at = doc.get("fetched_at")
        if not isinstance(expires_at, (int, float)) or not isinstance(fetched_at, (int, float)):
            return None
        if expires_at <= self._clock():
            LOG.debug("cache entry expired %s", query.path)
            return None
        text = str(doc.get("body") or "").encode("utf-8")
        try:
            data = json_limits.loads(text, max(self._answer_cap, len(text)), counted=True)
        except json_limits.JsonRefused as refused:
            if refused.words != memory.OVER_BATCH:
                LOG.warning("cache entry %s is beyond the JSON limits; fetching again", key)
                return None
            raise ProxyError(502, UPSTREAM_MALFORMED, "The kept answer of %s is %s." % (query.label, refused.words))
        except ValueError:
            LOG.warning("cache entry %s holds no valid JSON; fetching again", key)
            return None
        LOG.debug("cache hit %s", query.path)
        return Answer(data, True, float(fetched_at), float(expires_at))

    def _keep(self, key: str, query: Query, answer: Answer, ttl: int) -> Answer:
        # An answer read from a body of more than twice the largest entry is not written out to be measured: even
        # without its spaces it is too large. (json.dumps writes ASCII, so its length is its size.)
        body = "" if answer.size > 2 * self._max_entry_bytes else json.dumps(answer.data, separators=(",", ":"))
        if not body or len(body) > self._max_entry_bytes:
            LOG.info("answer of %s is larger than max_entry_kb; not cached", query.path)
            return answer
        expires_at = answer.fetched_at + ttl
        doc = {
            "_key": key,
            "provider": self._provider,
            "endpoint": query.path,
            "params": json.dumps([list(p) for p in query.params], separators=(",", ":")),
            "dataset": query.dataset,
            "fetched_at": answer.fetched_at,
            "expires_at": expires_at,
            "body": body,
        }
        try:
            self._store.write(doc)
        except CacheUnavailable as error:
            LOG.warning("cache write failed, answer not cached: %s", error)
            return answer
        self._maintain()
        return answer._replace(expires_at=expires_at)

    def _maintain(self) -> None:
        now = self._clock()
        with _maintenance_lock:
            if now - _last_maintenance[0] < MAINTENANCE_SECONDS:
                return
            _last_maintenance[0] = now
        try:
            self._store.delete_expired(now)
            self._store.trim(self._max_entries)
        except CacheUnavailable as error:
            LOG.warning("cache maintenance failed: %s", error)


def reset_maintenance_clock() -> None:
    """Lets the next write run maintenance (tests)."""
    with _maintenance_lock:
        _last_maintenance[0] = 0.0
