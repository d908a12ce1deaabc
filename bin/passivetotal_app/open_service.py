"""The open providers behind the endpoint: ``open/<provider>/<operation>`` lookups, ``check?provider=<id>``, and
the providers' part of the ``status`` and ``setup`` answers.

Order of work for a lookup (after the route, the user's capability and the allow-list, service.py): the provider
must be enabled and its address valid; then coalescing -> the KV cache (key ``open:<id>:<sha256>``, the
provider's ``ttl_seconds``) -> on a miss, the provider's key (a required key that is missing is 503
``not_configured`` naming the provider and the setup page; a key is read only when the upstream is really asked),
the app's own rate limit (429 ``rate_limited`` naming the provider), then the upstream (open_providers.py, rdap.py).
Every error of this route carries ``provider`` next to its text; a ``Retry-After`` becomes ``resetAt``.
"""

import logging
import math
import time
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional

from . import credentials, logs
from .cache import CacheStore, CachingClient, CoalescingClient, IntelClient
from .credentials import Credential, CredentialsError
from .errors import INTERNAL, NOT_CONFIGURED, NOT_FOUND, RATE_LIMITED, ProxyError
from .model import Answer, iso_utc
from .open_catalog import PROVIDERS, ProviderInfo, realm
from .open_providers import CHECKS, OPERATIONS, ProviderLookup, Target, refuse_provider, target
from .open_upstream import OpenHttp, Transport, urllib_transport
from .quota import in_words
from .ratelimit import LIMITER
from .rdap import Bootstrap, RdapLookup
from .settings import ProviderSettings, Settings
from .splunkd import Splunkd

LOG = logging.getLogger("passivetotal.open")


class OpenDeps(NamedTuple):
    """What a test may replace: the clock, sleep, and the HTTP exchange (None: urllib with the https_proxy)."""

    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    transport: Optional[Transport] = None


def budget_seconds(settings: Settings, provider: ProviderSettings) -> float:
    """The time budget of one lookup, retries and RDAP's several requests included."""
    return max(settings.deadline_seconds, provider.timeout_seconds)


def _usable(info: ProviderInfo, provider: ProviderSettings, check: bool = False) -> None:
    """Raises 503 ``not_configured`` when the provider is turned off (not for a check) or its address is unusable."""
    if provider.error:
        raise ProxyError(
            503,
            NOT_CONFIGURED,
            "The settings of %s are invalid: %s. An administrator can correct them on the app's setup page."
            % (info.label, provider.error),
            {"provider": info.id, "reason": "invalid_settings"},
        )
    if not provider.enabled and not check:
        raise ProxyError(
            503,
            NOT_CONFIGURED,
            "%s is turned off in the app's settings; an administrator can turn it on on the app's setup page."
            % info.label,
            {"provider": info.id, "reason": "disabled"},
        )


def _credential_loader(system: Splunkd, info: ProviderInfo) -> Callable[[], Optional[Credential]]:
    def load() -> Optional[Credential]:
        if info.key == "none":
            return None
        try:
            credential = credentials.load(system, realm(info.id))
        except CredentialsError as error:
            LOG.error("could not read the key of %s from storage/passwords: %s", info.id, error)
            raise ProxyError(
                500, INTERNAL, "The app could not read the key of %s from Splunk; see passivetotal.log." % info.label
            )
        if credential is None and info.key == "required":
            raise ProxyError(
                503,
                NOT_CONFIGURED,
                "%s needs an API key and none is stored: an administrator can enter it on the app's setup page."
                % info.label,
                {"provider": info.id, "reason": "key_missing"},
            )
        if credential is not None:
            logs.register_secret(credential.api_key.reveal())
        return credential

    return load


def _rate_limit(info: ProviderInfo, provider: ProviderSettings, clock: Callable[[], float]) -> Callable[[], None]:
    def check() -> None:
        wait = LIMITER.acquire(info.id, provider.rate_limit_per_minute, clock())
        if wait is None:
            return
        LOG.info("own rate limit of %s reached (%d a minute)", info.id, provider.rate_limit_per_minute)
        raise ProxyError(
            429,
            RATE_LIMITED,
            "The app's own limit for %s is reached: at most %d requests a minute from this Splunk process "
            "(rate_limit_per_minute of [provider:%s])." % (info.label, provider.rate_limit_per_minute, info.id),
            {"provider": info.id, "retryAfterSeconds": max(1, int(math.ceil(wait)))},
        )

    return check


def inner_client(
    system: Splunkd, settings: Settings, found: Target, deps: OpenDeps, store: Optional[CacheStore]
) -> IntelClient:
    """The uncached client of one target: rate limit, key, upstream."""
    row = found.operation
    info = PROVIDERS[row.provider]
    provider = settings.providers[info.id]
    budget = budget_seconds(settings, provider)

    def http() -> OpenHttp:
        transport = deps.transport or urllib_transport(settings.https_proxy)
        return OpenHttp(
            info.id, info.label, transport, provider.timeout_seconds, settings.retries, deps.clock() + budget,
            deps.clock, deps.sleep,
        )

    limit = _rate_limit(info, provider, deps.clock)
    if row.answer == "rdap":
        bootstrap = Bootstrap(provider.base_url, store, settings.cache_max_entry_kb * 1024, deps.clock)
        return RdapLookup(row.name, bootstrap, http, limit, deps.clock)
    return ProviderLookup(row, provider.base_url, http, _credential_loader(system, info), limit, deps.clock)


def explained(error: ProxyError, provider: str, clock: Callable[[], float]) -> ProxyError:
    """``error`` naming its provider, with ``retryAfterSeconds`` turned into ``resetAt`` and words in the text."""
    extra = dict(error.extra)
    extra.setdefault("provider", provider)
    text = error.text
    retry_after = extra.pop("retryAfterSeconds", None)
    if isinstance(retry_after, int) and "resetAt" not in extra:
        extra["resetAt"] = iso_utc(clock() + retry_after)
        text += " Try again after %s." % in_words(extra["resetAt"])
    return ProxyError(error.status, error.code, text, extra)


# A provider's "no record" (404 not_found) is kept in the cache like an answer, so looking the same name up again
# within the provider's cache lifetime costs no upstream call; it still reaches the page as the same 404.
_NOT_FOUND_MARK = "$passivetotal_not_found"


class _KeepsNotFound:
    """Turns a 404 ``not_found`` of the inner client into an answer that can be cached."""

    def __init__(self, inner: IntelClient) -> None:
        self._inner = inner

    def get(self, query: Any) -> Answer:
        try:
            return self._inner.get(query)
        except ProxyError as error:
            if error.status != 404 or error.code != NOT_FOUND:
                raise
            return Answer({_NOT_FOUND_MARK: {"text": error.text}}, False, time.time())


def _not_found_again(answer: Answer) -> Answer:
    """The kept "no record" as the 404 it was; any other answer as it is."""
    data = answer.data
    if isinstance(data, dict) and isinstance(data.get(_NOT_FOUND_MARK), dict):
        raise ProxyError(404, NOT_FOUND, str(data[_NOT_FOUND_MARK].get("text") or "No record (HTTP 404)"))
    return answer


def lookup(system: Splunkd, settings: Settings, found: Target, deps: OpenDeps) -> Answer:
    """The answer of a validated ``open/`` request (cached per the provider's TTL), or ProxyError."""
    info = PROVIDERS[found.operation.provider]
    provider = settings.providers[info.id]
    try:
        _usable(info, provider)
        store = CacheStore(system)
        inner = inner_client(system, settings, found, deps, store if settings.cache_enabled else None)
        name = "open:%s %s" % (info.id, provider.base_url)
        ttl = provider.ttl_seconds if settings.cache_enabled else 0
        cached = CachingClient(
            _KeepsNotFound(inner),
            store,
            name,
            lambda _dataset: ttl,
            settings.cache_max_entries,
            settings.cache_max_entry_kb * 1024,
            deps.clock,
            key_prefix="open:%s:" % info.id,
            lease_seconds=budget_seconds(settings, provider) + 1.0,
        )
        client = CoalescingClient(cached, name, budget_seconds(settings, provider) + 5.0)
        return _not_found_again(client.get(found.query))
    except ProxyError as error:
        raise explained(error, info.id, deps.clock)


def check(system: Splunkd, settings: Settings, provider_id: str, deps: OpenDeps) -> Dict[str, Any]:
    """``check?provider=<id>``: the provider's cheap fixed query, uncached (also when the provider is turned off)."""
    if provider_id not in PROVIDERS:
        raise refuse_provider(provider_id)
    info = PROVIDERS[provider_id]
    provider = settings.providers[provider_id]
    operation, value = CHECKS[provider_id]
    found = target(provider_id, operation, value)
    try:
        _usable(info, provider, check=True)
        store = CacheStore(system) if settings.cache_enabled else None
        answer = inner_client(system, settings, found, deps, store).get(found.query)
    except ProxyError as error:
        raise explained(error, provider_id, deps.clock)
    return {
        "ok": True,
        "provider": provider_id,
        "label": info.label,
        "text": "%s answered the test query (%s of %s)." % (info.label, found.operation.label, value),
        "baseUrl": provider.base_url,
        "enabled": provider.enabled,
        "checkedAt": iso_utc(answer.fetched_at),
    }


# --------------------------------------------------------------------------------------- status and setup


def _whole(value: float) -> Any:
    return int(value) if float(value).is_integer() else value


def provider_states(
    providers: Mapping[str, ProviderSettings], keys: Mapping[str, Credential], detail: bool
) -> List[Dict[str, Any]]:
    """One entry per provider, in catalogue order. ``configured``: usable as far as keys go (keyless, optional key,
    or a required key stored); ``keyStored``: a key is stored; ``ready``: enabled, configured, valid settings.
    ``detail`` (setup, admins) adds the settings, the settings error and circl's username. Never a key."""
    states: List[Dict[str, Any]] = []
    for info in PROVIDERS.values():
        provider = providers[info.id]
        stored = keys.get(realm(info.id))
        configured = info.key != "required" or stored is not None
        entry: Dict[str, Any] = {
            "id": info.id,
            "label": info.label,
            "enabled": provider.enabled,
            "key": info.key,
            "keyStored": stored is not None,
            "configured": configured,
            "ready": provider.enabled and configured and not provider.error,
            "datasets": list(info.datasets),
            "operations": list(OPERATIONS[info.id]),
            "note": info.note,
        }
        if detail:
            entry["username"] = stored.username if stored is not None and info.key_kind == "basic" else None
            entry["settings"] = {
                "urlKey": info.url_key,
                "baseUrl": provider.base_url,
                "rateLimitPerMinute": provider.rate_limit_per_minute,
                "ttlSeconds": provider.ttl_seconds,
                "timeoutSeconds": _whole(provider.timeout_seconds),
            }
            entry["settingsError"] = provider.error or None
        states.append(entry)
    return states


def stored_keys(system: Splunkd) -> Dict[str, Credential]:
    """The stored keys of the open providers by realm (one storage/passwords listing); CredentialsError."""
    return credentials.load_realms(system, [realm(p) for p in PROVIDERS])


def order_json(order: Mapping[str, Any]) -> Dict[str, List[str]]:
    """``datasetOrder`` of the status and setup answers."""
    return {dataset: list(ids) for dataset, ids in order.items()}
