"""One operation of one provider answered from its upstream: the innermost step of the pipeline (pipeline.py puts
the cache and the coalescing around it).

Order of work: the user's capability read afresh (request.py: a capability removed in Splunk stops the next
lookup), the provider's credential (keys.py: read only now, so a cache hit reads none; a required key that is
missing is 503 ``not_configured``), the app's own rate limit (ratelimit.py; 429 ``rate_limited``), the user's
daily allowance (allowance.py; 429 ``user_limit_reached``), the one request of
the operation's template (templates.py; RDAP's server comes from its bootstrap, rdap.py) sent by the one HTTP
client (http_client.py), and the answer read as the operation says (answers.py).
"""

import logging
import math
import urllib.parse
from typing import Callable, Optional

from . import allowance, answers, rdap, templates
from .addresses import admission, path_ends
from .cache import CacheStore
from .classify import source
from .context import Context
from .errors import RATE_LIMITED, ProxyError
from .http_client import HttpClient
from .model import Answer, Query
from .profiles import Operation, Profile
from .ratelimit import LIMITER, QUEUE_SECONDS, user_share

LOG = logging.getLogger("passivetotal.lookup")


def rate_limit(ctx: Context, profile: Profile) -> None:
    """Counts one upstream lookup against the provider's own limit and the user's share of it (ratelimit.py),
    waiting up to QUEUE_SECONDS for a turn; 429 ``rate_limited`` when the turn is further away."""
    per_minute = ctx.provider(profile).rate_limit_per_minute
    waited = 0.0
    while True:
        wait = LIMITER.acquire(profile.id, per_minute, ctx.clock(), ctx.user)
        if wait is None:
            return
        # A few milliseconds more than asked, so the oldest lookup has left the window when this one asks again.
        wait = max(wait, 0.0) + 0.01
        if waited + wait > QUEUE_SECONDS:
            break
        ctx.deps.sleep(wait)
        waited += wait
    LOG.info("own rate limit of %s reached (%d a minute) for %s", profile.id, per_minute, ctx.user[:100])
    raise ProxyError(
        429,
        RATE_LIMITED,
        "The app's own limit for %s is reached: at most %d requests a minute from this Splunk process, %d of them "
        "for one user (%s)."
        % (profile.label, per_minute, user_share(per_minute), profile.setting("rate_limit_per_minute")),
        {"provider": profile.id, "retryAfterSeconds": max(1, int(math.ceil(wait)))},
    )


class Lookup:
    """Answers a validated query of ``operation`` from the upstream (see the module docstring).

    ``store`` is where RDAP keeps its bootstrap files (None: not kept); ``http`` makes the HTTP client (default:
    the provider's, with the request's time budget starting at the first upstream request). ``counted``: the lookup
    takes one of the user's daily lookups of the provider (allowance.py) once the rate limit admits it; the
    provider's cheap check and quota queries are not counted.
    """

    def __init__(
        self,
        ctx: Context,
        operation: Operation,
        profile: Profile,
        store: Optional[CacheStore] = None,
        http: Optional[Callable[[], HttpClient]] = None,
        counted: bool = False,
    ) -> None:
        self._counted = counted
        self._ctx = ctx
        self._operation = operation
        self._profile = profile
        self._store = store
        self._http = http or (lambda: ctx.http(profile))

    def get(self, query: Query) -> Answer:
        ctx, profile, operation = self._ctx, self._profile, self._operation
        ctx.confirm()
        credential = ctx.credential(profile)
        rate_limit(ctx, profile)
        if self._counted:
            limit = ctx.provider(profile).calls_per_user_per_day
            allowance.take(ctx.system, ctx.user, profile.id, profile.label, limit, ctx.clock())
        settings = ctx.provider(profile)
        http = self._http()
        if profile.resolver.get("kind") == "rdap_bootstrap":
            max_entry = ctx.settings.cache_max_entry_kb * 1024
            found = rdap.resolver(profile, operation, settings.base_url, self._store, max_entry,
                                  settings.timeout_seconds, ctx.clock)
            return found.get(query, http, ctx.clock)
        request = templates.build(profile, operation, settings.base_url, query.params, credential)
        src = source(profile, operation, credential is not None)
        follow: Optional[Callable[[str], Optional[str]]] = None
        if operation.follow_redirects and credential is None:
            tail = urllib.parse.urlsplit(request.url).path[len(urllib.parse.urlsplit(settings.base_url).path):]

            def same_record(target: str) -> Optional[str]:
                return admission(target, settings.base_url) if path_ends(target, tail) else None

            follow = same_record
        fetched = http.fetch(request, src, settings.timeout_seconds, operation.max_bytes, follow=follow)
        return answers.answer(src, operation, fetched, credential, ctx.clock)
