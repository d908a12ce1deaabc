"""Who may do what: the app's own capabilities, read from splunkd with the user's session token.

``passivetotal_query`` lets a user query PassiveTotal through the endpoint; ``passivetotal_admin`` also lets them
purge the cache and configure the app. authorize.conf gives both to ``admin`` and ``sc_admin``, and
``admin_all_objects`` counts as both, so administrators always have all. The answer of
``authentication/current-context`` is cached per token for CACHE_SECONDS (the token itself is never stored,
only its SHA-256), so a burst of requests from one page makes one capability lookup. A request that is about to
spend an upstream lookup or to change the app's configuration reads them afresh (``fresh``), so a capability
removed in Splunk takes effect on the next such request; only requests that spend nothing (a cache hit, a read
of the settings or the history) may still be answered from the cached grants, for at most CACHE_SECONDS.
"""

import hashlib
import threading
import time
from typing import Callable, Dict, List, NamedTuple, Tuple

from .splunkd import Splunkd, SplunkdError

CAP_QUERY = "passivetotal_query"
CAP_ADMIN = "passivetotal_admin"
SUPERUSER_CAPABILITY = "admin_all_objects"
CONTEXT_PATH = "/services/authentication/current-context"

CACHE_SECONDS = 30.0
CACHE_MAX = 512

_lock = threading.Lock()
_cache: Dict[str, Tuple[float, "Grants"]] = {}


class AuthzError(Exception):
    """splunkd could not say what the user may do."""


class Grants(NamedTuple):
    """What a Splunk user may do with the endpoint."""

    user: str
    can_query: bool
    can_admin: bool


def grants_from_context(doc: object) -> Grants:
    """Grants from splunkd's ``authentication/current-context`` JSON."""
    entries = doc.get("entry") if isinstance(doc, dict) else None
    first = entries[0] if isinstance(entries, list) and entries else None
    content = first.get("content") if isinstance(first, dict) else None
    if not isinstance(content, dict):
        raise AuthzError("splunkd's current-context answer has no content")
    capabilities: List[str] = [c for c in content.get("capabilities") or [] if isinstance(c, str)]
    user = content.get("username") if isinstance(content.get("username"), str) else ""
    admin = CAP_ADMIN in capabilities or SUPERUSER_CAPABILITY in capabilities
    return Grants(str(user), admin or CAP_QUERY in capabilities, admin)


def grants_for(splunkd: Splunkd, token: str, clock: Callable[[], float] = time.time, fresh: bool = False) -> Grants:
    """The user's grants, cached per token for CACHE_SECONDS; ``fresh``: read from splunkd whatever is cached."""
    return read(splunkd, token, clock, fresh)[0]


def read(splunkd: Splunkd, token: str, clock: Callable[[], float], fresh: bool) -> Tuple[Grants, bool]:
    """The user's grants and whether they were read from splunkd just now (False: from the cache)."""
    key = hashlib.sha256(token.encode("utf-8")).hexdigest()
    now = clock()
    with _lock:
        hit = _cache.get(key)
        if hit and hit[0] > now and not fresh:
            return hit[1], False
    try:
        answer = splunkd.call("GET", CONTEXT_PATH)
    except SplunkdError as error:
        raise AuthzError(str(error))
    if answer.status != 200:
        raise AuthzError("splunkd answered %d for authentication/current-context" % answer.status)
    try:
        grants = grants_from_context(answer.json())
    except SplunkdError as error:
        raise AuthzError(str(error))
    with _lock:
        if len(_cache) >= CACHE_MAX:
            for stale in sorted(_cache, key=lambda k: _cache[k][0])[: CACHE_MAX // 4]:
                del _cache[stale]
        _cache[key] = (now + CACHE_SECONDS, grants)
    return grants, True


def forget_all() -> None:
    """Empties the grants cache (tests, and after role changes in the same process)."""
    with _lock:
        _cache.clear()
