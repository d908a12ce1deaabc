"""The provider pipeline, the same for PassiveTotal and every open provider:

    validated query -> provider usable? -> coalescing -> KV cache -> lookup (the user's capability, key, own rate
    limit, the user's daily allowance, upstream)

A provider that is turned off, or whose address is unusable, answers 503 ``not_configured``. Identical queries
in flight in this process reach the upstream once (coalescing.py); answers are kept in the KV cache (cache.py)
for the provider's ``ttl_seconds`` (PassiveTotal: per cache dataset), keyed by the provider, its base URL, the
operation and the normalised parameters. A provider's "no record" (404 ``not_found``) is kept like an answer,
so asking again within the lifetime costs no upstream call; it still reaches the page as the same 404. Every
error names its provider (``provider``), a ``Retry-After`` becomes ``resetAt`` and words in the text, and a
quota error of a provider with a ``quotaOperation`` (PassiveTotal) asks it, once and briefly, for the reset time.
"""

import logging
import time
from typing import Any, Callable, Dict, Optional

from . import calllog, quota
from .cache import CacheStore, CachingClient, IntelClient
from .coalescing import CoalescingClient
from .context import Context
from .errors import INTERNAL, NOT_CONFIGURED, NOT_FOUND, QUOTA_EXCEEDED, ProxyError
from .lookup import Lookup
from .model import Answer, Query, iso_utc
from .profiles import PROFILES, Operation, Profile
from .validation import validate

LOG = logging.getLogger("passivetotal.pipeline")

QUOTA_LOOKUP_SECONDS = 5.0
# A provider's "no record", as kept in the cache.
_NOT_FOUND_MARK = "$passivetotal_not_found"


def usable(ctx: Context, profile: Profile, checking: bool = False) -> None:
    """Raises 503 ``not_configured`` when the provider's address is unusable, or it is turned off (not while
    ``checking`` it)."""
    settings = ctx.provider(profile)
    if settings.error:
        raise ProxyError(
            503,
            NOT_CONFIGURED,
            "The settings of %s are invalid: %s. An administrator can correct them on the app's setup page."
            % (profile.label, settings.error),
            {"provider": profile.id, "reason": "invalid_settings"},
        )
    if not settings.enabled and not checking:
        raise ProxyError(
            503,
            NOT_CONFIGURED,
            "%s is turned off in the app's settings; an administrator can turn it on on the app's setup page."
            % profile.label,
            {"provider": profile.id, "reason": "disabled"},
        )


class _KeepsNotFound:
    """Turns a 404 ``not_found`` of the inner client into an answer that can be cached."""

    def __init__(self, inner: IntelClient, clock: Callable[[], float]) -> None:
        self._inner = inner
        self._clock = clock

    def get(self, query: Query) -> Answer:
        try:
            return self._inner.get(query)
        except ProxyError as error:
            if error.status != 404 or error.code != NOT_FOUND:
                raise
            return Answer({_NOT_FOUND_MARK: {"text": error.text}}, False, self._clock())


def _not_found_again(kept: Answer) -> Answer:
    """The kept "no record" as the 404 it was; any other answer as it is."""
    data = kept.data
    if isinstance(data, dict) and isinstance(data.get(_NOT_FOUND_MARK), dict):
        raise ProxyError(404, NOT_FOUND, str(data[_NOT_FOUND_MARK].get("text") or "No record (HTTP 404)"))
    return kept


def _quota_reset(ctx: Context, profile: Profile, error: ProxyError) -> ProxyError:
    """A quota error with the reset time and usage from the provider's quota operation, when it answers quickly."""
    operation = profile.operations[profile.quota_operation]
    quick = Lookup(ctx, operation, profile, http=lambda: ctx.http(profile, QUOTA_LOOKUP_SECONDS, 0))
    try:
        body = quick.get(validate(operation, ())).data
    except ProxyError as failure:
        LOG.info("quota operation did not give a reset time: %s", failure.code)
        return error
    return quota.explain(error, body)


def explain(ctx: Context, profile: Profile, error: ProxyError) -> ProxyError:
    """``error`` naming its provider, with ``retryAfterSeconds`` turned into ``resetAt`` and words in the text."""
    extra = dict(error.extra)
    extra.setdefault("provider", profile.id)
    text = error.text
    retry_after = extra.pop("retryAfterSeconds", None)
    if isinstance(retry_after, int) and "resetAt" not in extra:
        extra["resetAt"] = iso_utc(ctx.clock() + retry_after)
        text += " Try again after %s." % quota.in_words(extra["resetAt"])
    explained = ProxyError(error.status, error.code, text, extra)
    if explained.code == QUOTA_EXCEEDED and "resetAt" not in extra and profile.quota_operation:
        explained = _quota_reset(ctx, profile, explained)
    return explained


def _ttl(ctx: Context, profile: Profile, operation: Operation) -> int:
    if not ctx.settings.cache_enabled or not operation.cached:
        return 0
    ttl = ctx.provider(profile).ttl_seconds
    return ttl if profile.ttl_seconds is not None else ctx.settings.ttl_for(operation.dataset)


def client(ctx: Context, operation: Operation, ttl: Optional[int] = None) -> IntelClient:
    """The cached, coalesced client of one operation (``ttl`` replaces the operation's own lifetime)."""
    profile = PROFILES[operation.provider]
    settings = ctx.settings
    store = CacheStore(ctx.system)
    lifetime = _ttl(ctx, profile, operation) if ttl is None else ttl
    name = "%s %s" % (profile.cache_name, ctx.provider(profile).base_url)
    counted = operation.name != profile.quota_operation
    inner = Lookup(ctx, operation, profile, store if settings.cache_enabled else None, counted=counted)
    budget = ctx.budget(profile)
    cached = CachingClient(
        _KeepsNotFound(inner, ctx.deps.clock),
        store,
        name,
        lambda _dataset: lifetime,
        settings.cache_max_entries,
        settings.cache_max_entry_kb * 1024,
        ctx.deps.clock,
        key_prefix=profile.cache_prefix,
        # A holder that dies mid-fetch blocks the others no longer than its own time budget.
        lease_seconds=budget + 1.0,
        answer_cap=operation.max_bytes,
    )
    return CoalescingClient(cached, name, budget + 5.0)


def _logged(ctx: Context, operation: Operation, dataset: str, batch: bool, started: float) -> Callable[..., None]:
    """Logs the call's line (calllog.py) with its outcome and the time since ``started``."""

    def done(found: Optional[Answer], status: int, error: Optional[str]) -> None:
        calllog.log_call(
            calllog.Call(
                operation.provider,
                operation.name,
                dataset,
                ctx.user,
                batch,
                bool(found and found.cached),
                bool(found and found.coalesced),
                status,
                error,
                int(round((time.monotonic() - started) * 1000)),
            )
        )

    return done


def answer(
    ctx: Context, operation: Operation, query: Query, ttl: Optional[int] = None, batch: bool = False
) -> Answer:
    """The answer of a validated query (see the module docstring), or ProxyError naming the provider. Every call,
    answered from the cache or not, logs one line (calllog.py); ``batch``: the call is part of a batch request."""
    profile = PROFILES[operation.provider]
    done = _logged(ctx, operation, query.dataset, batch, time.monotonic())
    found: Optional[Answer] = None
    try:
        usable(ctx, profile)
        found = client(ctx, operation, ttl).get(query)
        result = _not_found_again(found)
    except ProxyError as error:
        done(found, error.status, error.code)
        raise explain(ctx, profile, error)
    except Exception:
        done(found, 500, INTERNAL)
        raise
    done(found, 200, None)
    return result


def check(ctx: Context, profile: Profile) -> Dict[str, Any]:
    """``check?provider=<id>``: the provider's cheap fixed query, uncached (also when the provider is turned off)."""
    operation = profile.operations[profile.check_operation]
    settings = ctx.provider(profile)
    done = _logged(ctx, operation, operation.dataset, False, time.monotonic())
    try:
        usable(ctx, profile, checking=True)
        query = validate(operation, profile.check_params)
        store = CacheStore(ctx.system) if ctx.settings.cache_enabled else None
        found = Lookup(ctx, operation, profile, store).get(query)
    except ProxyError as error:
        done(None, error.status, error.code)
        raise explain(ctx, profile, error)
    done(found, 200, None)
    value = ", ".join(v for _, v in profile.check_params)
    text = profile.check_text or "%s answered the test query (%s of %s)." % (profile.label, operation.label, value)
    payload: Dict[str, Any] = {
        "ok": True,
        "provider": profile.id,
        "label": profile.label,
        "text": text,
        "baseUrl": settings.base_url,
        "enabled": settings.enabled,
        "checkedAt": iso_utc(found.fetched_at),
    }
    if operation.dataset == "account":
        data = found.data if isinstance(found.data, dict) else {}
        credential = ctx.keys.credential(profile)
        payload["username"] = credential.username if credential else None
        fields = ("username", "organization", "firstName", "lastName")
        payload["account"] = {k: data.get(k) for k in fields if k in data}
    return payload
