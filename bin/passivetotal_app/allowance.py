"""Each Splunk user's daily allowance of upstream lookups per provider (``calls_per_user_per_day`` of ``[api]`` for
PassiveTotal and of ``[provider:<id>]`` for the open providers; 0: no allowance of the app's own).

The lookups are counted in the KV store collection ``passivetotal_usage``, so every handler process of every
search head counts the same ones. One lookup is one document, a *slot*: ``_key`` =
``<UTC day>:<provider>:<SHA-256 of the user>:<n>`` with ``n`` from 0 to the allowance minus 1, holding ``user``,
``provider``, ``day``, ``n``, ``at`` and ``expires_at``. Taking a lookup inserts the next free slot: the KV store
refuses a second insert of the same ``_key`` with 409, so two processes never take the same slot. No lookup is
lost and none is counted twice, and a user never gets more lookups in a day than the allowance, however many
processes ask at once. What a user has used is the highest slot of the day plus one.

Only lookups that reach the upstream are taken (pipeline.py takes one just before the upstream call): answers from
the cache, and requests that share another's call in flight, are not counted. A KV store that cannot be read or
written does not stop lookups: the lookup goes ahead uncounted and a warning is logged. The day is the UTC day;
slots are deleted a day after their own day ends (at most every MAINTENANCE_SECONDS, by a request that takes one).
"""

import datetime
import hashlib
import json
import logging
import threading
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from .errors import USER_LIMIT_REACHED, ProxyError
from .model import iso_utc
from .splunkd import Splunkd, SplunkdError

LOG = logging.getLogger("passivetotal.allowance")

COLLECTION = "passivetotal_usage"
DATA_PATH = "/servicesNS/nobody/passivetotal/storage/collections/data/" + COLLECTION
DAY_SECONDS = 86400
MAINTENANCE_SECONDS = 600.0

_maintenance_lock = threading.Lock()
_last_maintenance = [0.0]
_locks_lock = threading.Lock()
_locks: Dict[Tuple[str, str, str], threading.Lock] = {}
MAX_LOCKS = 4096


class UsageUnavailable(Exception):
    """The KV store could not be read or written."""


class Usage(NamedTuple):
    """A user's lookups of one provider today: ``used`` of ``limit`` (0: no allowance), until ``reset_at``."""

    provider: str
    used: int
    limit: int
    reset_at: float

    def as_json(self) -> Dict[str, Any]:
        """``{"provider", "used", "limit", "resetAt"}`` (``limit`` null when there is none)."""
        return {
            "provider": self.provider,
            "used": self.used,
            "limit": self.limit or None,
            "resetAt": iso_utc(self.reset_at),
        }


def day_of(now: float) -> Tuple[str, float]:
    """The UTC day of ``now`` (``YYYY-MM-DD``) and the epoch second it ends."""
    start = int(now) - int(now) % DAY_SECONDS
    day = datetime.datetime.fromtimestamp(start, datetime.timezone.utc).strftime("%Y-%m-%d")
    return day, float(start + DAY_SECONDS)


def _user_hash(user: str) -> str:
    return hashlib.sha256(user.encode("utf-8")).hexdigest()[:32]


def slot_key(day: str, provider: str, user: str, n: int) -> str:
    """The ``_key`` of a user's n-th lookup of the provider on ``day``."""
    return "%s:%s:%s:%d" % (day, provider, _user_hash(user), n)


class UsageStore:
    """The ``passivetotal_usage`` collection, through splunkd with the system token."""

    def __init__(self, system: Splunkd) -> None:
        self._system = system

    def _call(self, method: str, query: Optional[List[Tuple[str, str]]] = None, body: Any = None) -> Tuple[int, Any]:
        try:
            answer = self._system.call(method, DATA_PATH, query=query, json_body=body)
        except SplunkdError as error:
            raise UsageUnavailable(str(error))
        if answer.status == 409 and method == "POST":
            return answer.status, None
        if not 200 <= answer.status < 300:
            raise UsageUnavailable("KV store answered %d" % answer.status)
        try:
            return answer.status, answer.json()
        except SplunkdError as error:
            raise UsageUnavailable(str(error))

    def used(self, day: str, provider: str, user: str) -> int:
        """How many slots of the day the user holds: the highest ``n`` plus one."""
        where = {"day": day, "provider": provider, "user_hash": _user_hash(user)}
        _, docs = self._call(
            "GET", [("query", json.dumps(where)), ("sort", "n:-1"), ("limit", "1"), ("fields", "n")]
        )
        first = docs[0] if isinstance(docs, list) and docs and isinstance(docs[0], dict) else {}
        n = first.get("n")
        return int(n) + 1 if isinstance(n, (int, float)) and not isinstance(n, bool) else 0

    def insert(self, doc: Dict[str, Any]) -> bool:
        """Inserts ``doc`` unless its ``_key`` exists: True when this call made it."""
        status, _ = self._call("POST", body=doc)
        return status != 409

    def delete_expired(self, now: float) -> None:
        """Deletes every slot whose ``expires_at`` has passed."""
        self._call("DELETE", [("query", json.dumps({"expires_at": {"$lt": now}}))])


def reached(label: str, provider: str, limit: int, reset_at: float) -> ProxyError:
    """The 429 ``user_limit_reached`` of a user who has used all of the day's lookups."""
    return ProxyError(
        429,
        USER_LIMIT_REACHED,
        "You have used all %s of your %s lookups for today; the limit resets at 00:00 UTC. Cached answers are "
        "still shown." % ("{:,}".format(limit), label),
        {"provider": provider, "resetAt": iso_utc(reset_at)},
    )


def take(system: Splunkd, user: str, provider: str, label: str, limit: int, now: float) -> Optional[int]:
    """Takes one of the user's lookups of the provider today; returns how many they have used with it (None when
    the KV store could not count it). Raises 429 ``user_limit_reached`` when all ``limit`` are used (0: none)."""
    if limit <= 0:
        return None
    day, ends = day_of(now)
    with _taking(day, provider, user):
        return _take(UsageStore(system), day, ends, user, provider, label, limit, now)


def _taking(day: str, provider: str, user: str) -> threading.Lock:
    """The lock of one user's slots in this process: the calls of a batch take them one after another instead of
    racing for the same slot (other processes still may; the KV store's 409 settles that)."""
    with _locks_lock:
        if len(_locks) > MAX_LOCKS:
            _locks.clear()
        return _locks.setdefault((day, provider, user), threading.Lock())


def _take(
    store: UsageStore, day: str, ends: float, user: str, provider: str, label: str, limit: int, now: float
) -> Optional[int]:
    try:
        n = store.used(day, provider, user)
        while n < limit:
            doc = {
                "_key": slot_key(day, provider, user, n),
                "user": user,
                "user_hash": _user_hash(user),
                "provider": provider,
                "day": day,
                "n": n,
                "at": round(now, 3),
                "expires_at": ends + DAY_SECONDS,
            }
            if store.insert(doc):
                _maintain(store, now)
                return n + 1
            n += 1  # another process took this slot a moment ago
    except UsageUnavailable as error:
        LOG.warning("the KV store did not count a lookup of %s by %s; going ahead: %s", provider, user[:100], error)
        return None
    LOG.info("daily allowance reached: user=%s provider=%s limit=%d", user[:100], provider, limit)
    raise reached(label, provider, limit, ends)


def usage(system: Splunkd, user: str, provider: str, limit: int, now: float) -> Optional[Usage]:
    """The user's lookups of the provider today, or None when the KV store cannot say."""
    day, ends = day_of(now)
    try:
        used = UsageStore(system).used(day, provider, user) if limit > 0 else 0
    except UsageUnavailable as error:
        LOG.warning("could not read the lookups of %s by %s: %s", provider, user[:100], error)
        return None
    return Usage(provider, used, limit, ends)


def _maintain(store: UsageStore, now: float) -> None:
    with _maintenance_lock:
        if now - _last_maintenance[0] < MAINTENANCE_SECONDS:
            return
        _last_maintenance[0] = now
    try:
        store.delete_expired(now)
    except UsageUnavailable as error:
        LOG.warning("old lookup counts not deleted: %s", error)


def reset_maintenance_clock() -> None:
    """Lets the next counted lookup delete old slots (tests)."""
    with _maintenance_lock:
        _last_maintenance[0] = 0.0
