"""One request of the persistent REST handler, from splunkd's request JSON to the reply dict.

``handle_request(in_string, deps)`` never raises and never puts a traceback or a secret in a reply: every failure
is a splunkd-style error envelope with a stable code (errors.py); unexpected exceptions are logged with an
incident id and answered 500 ``internal``. :class:`Deps` holds what a test or the stand-in may replace: how splunkd
is reached, how the upstream client is made, the clock and sleep.

Order of work for ``pt/<path>``: route and method, the user's capabilities (authz.py), the allow-list
(routes.py), the settings, then coalescing -> cache -> upstream; the credential is read only when the upstream is
really asked, so a cache hit costs no storage/passwords read. ``open/<provider>/<operation>`` follows the same
order with the open providers' allow-list (open_providers.py) and open_service.py.
"""

import json
import logging
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, Optional, Sequence, Tuple

from . import APP_VERSION, authz, configure, credentials, investigations, logs, migration, open_service, quota, routes
from .cache import CacheStore, CacheUnavailable, CachingClient, CoalescingClient, IntelClient
from .credentials import Credential, CredentialsError
from .errors import CACHE_UNAVAILABLE, FORBIDDEN, INTERNAL, NOT_CONFIGURED, QUOTA_EXCEEDED, ProxyError
from .model import PROVIDER, Answer, Query, iso_utc
from .open_catalog import PASSIVETOTAL
from .open_providers import validate_open
from .open_upstream import Transport as OpenTransport
from .replies import error_reply, json_reply
from .settings import Settings, SettingsError
from .settings import load as load_settings
from .splunkd import Splunkd, Transport, default_transport
from .upstream import UpstreamClient

LOG = logging.getLogger("passivetotal.service")

DEFAULT_REST_URI = "https://127.0.0.1:8089"
QUOTA_LOOKUP_SECONDS = 5.0
QUOTA_CACHE_SECONDS = 60
# The most calls one ``batch`` request may carry, and how many of them run at once.
BATCH_MAX_CALLS = 40
BATCH_THREADS = 24
_last_level = ["INFO"]


class Deps:
    """The replaceable parts: splunkd transport per rest_uri, upstream client factory, clock and sleep, and the
    open providers' HTTP exchange (None: urllib through the configured https_proxy)."""

    def __init__(
        self,
        transport_factory: Callable[[str], Transport] = default_transport,
        upstream_factory: Optional[Callable[[Settings, Credential], IntelClient]] = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        open_transport: Optional[OpenTransport] = None,
    ) -> None:
        self.transport_factory = transport_factory
        self.clock = clock
        self.sleep = sleep
        self.upstream_factory = upstream_factory or self._default_upstream
        self.open_transport = open_transport

    def open_deps(self) -> open_service.OpenDeps:
        return open_service.OpenDeps(self.clock, self.sleep, self.open_transport)

    def _default_upstream(self, settings: Settings, credential: Credential) -> IntelClient:
        return UpstreamClient(settings, credential, sleep=self.sleep, clock=self.clock)


class LazyUpstream:
    """The upstream client, made on first use: only then is the credential read (and registered for redaction)."""

    def __init__(self, settings: Settings, system: Splunkd, deps: Deps) -> None:
        self._settings = settings
        self._system = system
        self._deps = deps
        self._client: Optional[IntelClient] = None
        self._lock = threading.Lock()
        self.credential: Optional[Credential] = None

    def get(self, query: Query) -> Answer:
        return self.client().get(query)

    def client(self) -> IntelClient:
        # The calls of one batch share this object from several threads: one of them reads the credential.
        with self._lock:
            if self._client is None:
                migrate(self._system, self._deps.clock)
                self.credential = read_credential(self._system)
                self._client = self._deps.upstream_factory(self._settings, self.credential)
            return self._client


def migrate(system: Splunkd, clock: Callable[[], float]) -> Tuple[Optional[migration.Migration], Optional[str]]:
    """Runs the 1.0.4 upgrade step (migration.py); its result, or the text saying why it could not finish."""
    try:
        return migration.run(system, clock), None
    except migration.MigrationError as error:
        LOG.error("upgrade from 1.0.4: the plain-text credentials could not be moved yet: %s", error)
        return None, (
            "The PassiveTotal credentials of version 1.0.4 are still in plain text in passivetotal.conf: Splunk "
            "refused to move them into the credential store (see passivetotal.log). Enter the credentials here "
            "and delete the [api-setup] stanza of local/passivetotal.conf."
        )


def read_credential(system: Splunkd) -> Credential:
    """The configured credential; 503 ``not_configured`` when there is none."""
    try:
        credential = credentials.load(system)
    except CredentialsError as error:
        LOG.error("could not read storage/passwords: %s", error)
        raise ProxyError(
            500, INTERNAL, "The app could not read its PassiveTotal credentials from Splunk; see passivetotal.log."
        )
    if credential is None:
        raise ProxyError(
            503,
            NOT_CONFIGURED,
            "PassiveTotal is not configured: an administrator has to enter the PassiveTotal username and API key "
            "on the app's setup page.",
        )
    logs.register_secret(credential.api_key.reveal())
    return credential


def _settings(system: Splunkd) -> Settings:
    try:
        settings = load_settings(system)
    except SettingsError as error:
        raise ProxyError(
            503, NOT_CONFIGURED, "The app's settings are invalid: %s. An administrator can correct them." % error
        )
    _last_level[0] = settings.log_level
    logs.configure(settings.log_level)
    return settings


def _forbidden(grants: authz.Grants, capability: str, doing: str) -> ProxyError:
    return ProxyError(
        403,
        FORBIDDEN,
        "Your Splunk account (%s) may not %s: it needs the capability %s (role passivetotal_%s). Ask a Splunk "
        "administrator." % (grants.user or "unknown", doing, capability, "admin" if "admin" in capability else "user"),
    )


def success(answer: Answer, query: Query, **extra: Any) -> Dict[str, Any]:
    """The reply to a proxied request: ``{data, cached, fetchedAt, expiresAt?, provider, dataset, endpoint}``."""
    payload: Dict[str, Any] = {
        "data": answer.data,
        "cached": answer.cached,
        "fetchedAt": iso_utc(answer.fetched_at),
        "provider": PROVIDER,
        "dataset": query.dataset,
        "endpoint": query.path,
    }
    if answer.expires_at is not None:
        payload["expiresAt"] = iso_utc(answer.expires_at)
    payload.update(extra)
    return json_reply(payload)


class Request:
    """One parsed request with its splunkd clients and the user's grants."""

    def __init__(self, raw: Dict[str, Any], deps: Deps) -> None:
        self.raw = raw
        self.deps = deps
        self.method = str(raw.get("method") or "GET").upper()
        self.route = routes.parse_route(self.method, routes.relative_path(raw))
        session = raw.get("session") if isinstance(raw.get("session"), dict) else {}
        user_token = session.get("authtoken")
        system_token = raw.get("system_authtoken")
        if not isinstance(user_token, str) or not user_token:
            raise ProxyError(403, FORBIDDEN, "No Splunk session came with the request; log in to Splunk again.")
        if not isinstance(system_token, str) or not system_token:
            raise ProxyError(
                500, INTERNAL, "The endpoint is misconfigured: restmap.conf must set passSystemAuth = true."
            )
        server = raw.get("server") if isinstance(raw.get("server"), dict) else {}
        transport = deps.transport_factory(str(server.get("rest_uri") or DEFAULT_REST_URI))
        self.user = Splunkd(user_token, transport)
        self.system = Splunkd(system_token, transport)
        try:
            self.grants = authz.grants_for(self.user, user_token, deps.clock)
        except authz.AuthzError as error:
            LOG.error("could not read the user's capabilities: %s", error)
            raise ProxyError(
                500,
                INTERNAL,
                "Splunk did not say which capabilities your account has; try again or see passivetotal.log.",
            )


def _explain_quota(error: ProxyError, lazy: LazyUpstream, settings: Settings, deps: Deps) -> ProxyError:
    """Adds the reset time to a quota error: from Retry-After, else from the (free) quota endpoint if it is quick."""
    if error.code != QUOTA_EXCEEDED or "resetAt" in error.extra:
        return error
    extra = dict(error.extra)
    retry_after = extra.pop("retryAfterSeconds", None)
    if isinstance(retry_after, int):
        reset_at = iso_utc(deps.clock() + retry_after)
        text = error.text + " Try again after %s." % quota.in_words(reset_at)
        return ProxyError(error.status, error.code, text, dict(extra, resetAt=reset_at))
    error = ProxyError(error.status, error.code, error.text, extra)
    if lazy.credential is None:
        return error
    quick = settings._replace(
        retries=0,
        timeout_seconds=min(QUOTA_LOOKUP_SECONDS, settings.timeout_seconds),
        deadline_seconds=min(QUOTA_LOOKUP_SECONDS, settings.deadline_seconds),
    )
    try:
        body = deps.upstream_factory(quick, lazy.credential).get(routes.ACCOUNT_QUOTA).data
    except ProxyError as failure:
        LOG.info("quota endpoint did not give a reset time: %s", failure.code)
        return error
    return quota.explain(error, body)


def _proxy(
    request: Request, query: Query, settings: Settings, lazy: Optional[LazyUpstream] = None
) -> Dict[str, Any]:
    deps = request.deps
    lazy = lazy or LazyUpstream(settings, request.system, deps)
    provider = "%s %s" % (PROVIDER, settings.base_url)
    cached = CachingClient(
        lazy,
        CacheStore(request.system),
        provider,
        settings.ttl_for,
        settings.cache_max_entries,
        settings.cache_max_entry_kb * 1024,
        deps.clock,
        # A holder that dies mid-fetch blocks the others no longer than its own time budget.
        lease_seconds=settings.deadline_seconds + 1.0,
    )
    client = CoalescingClient(cached, provider, settings.deadline_seconds + 5.0)
    try:
        answer = client.get(query)
    except ProxyError as error:
        raise _explain_quota(error, lazy, settings, deps)
    return success(answer, query)


def _quota(request: Request, settings: Settings) -> Dict[str, Any]:
    lazy = LazyUpstream(settings, request.system, request.deps)
    # Kept a minute in the shared cache: every page load shows the quota, and reloading a page or opening it in
    # a second tab must not cost an upstream call. Errors are never kept.
    client = CachingClient(
        lazy,
        CacheStore(request.system),
        "%s %s" % (PROVIDER, settings.base_url),
        lambda dataset: QUOTA_CACHE_SECONDS if settings.cache_enabled else 0,
        settings.cache_max_entries,
        settings.cache_max_entry_kb * 1024,
        request.deps.clock,
    )
    try:
        answer = client.get(routes.ACCOUNT_QUOTA)
    except ProxyError as error:
        raise _explain_quota(error, lazy, settings, request.deps)
    return success(answer, routes.ACCOUNT_QUOTA, quota=quota.summarize(answer.data))


def _check(request: Request, settings: Settings) -> Dict[str, Any]:
    lazy = LazyUpstream(settings, request.system, request.deps)
    answer = lazy.get(routes.ACCOUNT)
    data = answer.data if isinstance(answer.data, dict) else {}
    return json_reply(
        {
            "ok": True,
            "text": "PassiveTotal accepted the credentials.",
            "username": lazy.credential.username if lazy.credential else None,
            "account": {k: data.get(k) for k in ("username", "organization", "firstName", "lastName") if k in data},
            "baseUrl": settings.base_url,
            "checkedAt": iso_utc(answer.fetched_at),
        }
    )


def _status(request: Request) -> Dict[str, Any]:
    grants = request.grants
    moved, migration_error = migrate(request.system, request.deps.clock)
    payload: Dict[str, Any] = {
        "version": APP_VERSION,
        "user": grants.user,
        "capabilities": {"query": grants.can_query, "admin": grants.can_admin},
        "configured": False,
        "username": None,
        "baseUrl": None,
        "cacheEnabled": None,
    }
    settings: Optional[Settings] = None
    try:
        settings = _settings(request.system)
        payload["baseUrl"] = settings.base_url
        payload["cacheEnabled"] = settings.cache_enabled
    except ProxyError as error:
        payload["settingsError"] = error.text
    try:
        credential = credentials.load(request.system)
    except CredentialsError as error:
        LOG.error("could not read storage/passwords: %s", error)
        payload["credentialsError"] = "The app could not read its PassiveTotal credentials from Splunk."
        credential = None
    payload["configured"] = credential is not None and "settingsError" not in payload
    if credential is not None and (grants.can_query or grants.can_admin):
        payload["username"] = credential.username
    if grants.can_query or grants.can_admin:
        try:
            keys = open_service.stored_keys(request.system)
        except CredentialsError as error:
            LOG.error("could not read the open providers' keys from storage/passwords: %s", error)
            payload["credentialsError"] = "The app could not read its credentials from Splunk."
            keys = {}
        known = settings if settings is not None else Settings()
        payload["providers"] = open_service.provider_states(known.providers, keys, detail=False)
        payload["datasetOrder"] = open_service.order_json(known.dataset_order)
    if grants.can_admin:
        payload["migration"] = moved.as_json() if moved else None
        if migration_error:
            payload["migrationError"] = migration_error
    # How the investigation page builds its local searches; not secret, so every user gets them (the defaults
    # when the settings cannot be read, next to settingsError).
    payload["search"] = (settings if settings is not None else Settings()).search.as_json()
    return json_reply(payload)


def _stored_credential(request: Request) -> Optional[Credential]:
    try:
        return credentials.load(request.system)
    except CredentialsError as error:
        LOG.error("could not read storage/passwords: %s", error)
        raise ProxyError(
            500, INTERNAL, "The app could not read its PassiveTotal credentials from Splunk; see passivetotal.log."
        )


def _stored_keys(request: Request) -> Dict[str, Credential]:
    try:
        return open_service.stored_keys(request.system)
    except CredentialsError as error:
        LOG.error("could not read the open providers' keys from storage/passwords: %s", error)
        raise ProxyError(500, INTERNAL, "The app could not read its credentials from Splunk; see passivetotal.log.")


def _setup(request: Request) -> Dict[str, Any]:
    """GET: the setup form's data. POST: validates and saves the settings, then answers like GET."""
    if not request.grants.can_admin:
        raise _forbidden(request.grants, authz.CAP_ADMIN, "configure the PassiveTotal app")
    moved, migration_error = migrate(request.system, request.deps.clock)
    if request.method == "POST":
        validated = configure.validate(configure.form_pairs(request.raw))
        configure.save(request.system, validated, request.grants.user)
        configure.mark_configured(request.system, _stored_credential(request) is not None)
    payload = configure.current(request.system, _stored_credential(request), moved, _stored_keys(request))
    if migration_error:
        payload["migrationError"] = migration_error
    return json_reply(payload)


def _credentials(request: Request) -> Dict[str, Any]:
    """POST: stores the PassiveTotal username and API key (replacing any other). DELETE: removes them. The answer
    says whether a credential is set and its username, never the key."""
    if not request.grants.can_admin:
        raise _forbidden(request.grants, authz.CAP_ADMIN, "change the PassiveTotal credentials")
    form = configure.form_pairs(request.raw)
    provider = _provider_param(form, routes.query_pairs(request.raw))
    if provider != PASSIVETOTAL:
        if request.method == "DELETE":
            return json_reply(configure.remove_provider_key(request.system, provider, request.grants.user))
        username, key = configure.check_provider_key(provider, form)
        return json_reply(
            configure.store_provider_key(request.system, provider, username, key, request.grants.user)
        )
    form = [(name, value) for name, value in form if name != "provider"]
    if request.method == "DELETE":
        removed = configure.remove_credential(request.system, request.grants.user)
        return json_reply({"configured": False, "username": None, "removed": removed})
    username, key = configure.check_credential(form)
    configure.store_credential(request.system, username, key, request.grants.user)
    return json_reply({"configured": True, "username": username})


def _provider_param(*sources: Sequence[Tuple[str, str]]) -> str:
    """The ``provider`` of a request (a form field or URL parameter; ``passivetotal`` when absent); 400
    ``not_allowed`` when it is given more than once."""
    found = [value for pairs in sources for name, value in pairs if name == "provider"]
    if len(found) > 1:
        raise routes.refuse("parameter provider is given more than once")
    return found[0] if found else PASSIVETOTAL


def _purge(request: Request) -> Dict[str, Any]:
    if not request.grants.can_admin:
        raise _forbidden(request.grants, authz.CAP_ADMIN, "purge the PassiveTotal cache")
    _settings(request.system)
    try:
        removed = CacheStore(request.system).purge()
    except CacheUnavailable as error:
        LOG.error("cache purge failed: %s", error)
        raise ProxyError(
            503, CACHE_UNAVAILABLE, "The KV store is unavailable, so the cache was not purged; try again later."
        )
    LOG.info("cache purged by %s: %d entries removed", request.grants.user, removed)
    return json_reply({"removed": removed})


def _internal_error(what: str) -> Dict[str, Any]:
    """The reply to an unexpected exception (being handled): logged with its traceback and an incident id, answered
    500 ``internal`` with that id and no detail."""
    incident = uuid.uuid4().hex[:12]
    LOG.exception("%s, incident %s", what, incident)
    return error_reply(
        500,
        "Internal error in the PassiveTotal app (incident %s); an administrator finds the details in "
        "passivetotal.log." % incident,
        INTERNAL,
    )


def _batch_call(request: Request, settings: Settings, lazy: LazyUpstream, item: str) -> Dict[str, Any]:
    """One call of a batch: ``pt/<path>?<query>`` or ``open/<provider>/<operation>?<query>``, answered exactly as
    the same GET would be (reply status and payload)."""
    try:
        path, _, query_text = item.partition("?")
        pairs = urllib.parse.parse_qsl(query_text, keep_blank_values=True)
        head, _, rest = path.partition("/")
        if head == "pt":
            reply = _proxy(request, routes.validate_pt(rest, pairs), settings, lazy)
        elif head == "open":
            found = validate_open(rest, pairs)
            answer = open_service.lookup(request.system, settings, found, request.deps.open_deps())
            reply = success(answer, found.query, provider=found.operation.provider)
        else:
            raise routes.refuse("a batch carries only pt/ and open/ calls, not %s" % routes.shown(path))
    except ProxyError as error:
        reply = error_reply(error.status, logs.redact(error.text), error.code, error.extra)
    except Exception:
        reply = _internal_error("internal error in a batch call")
    return {"status": reply["status"], "body": reply["payload"]}


def _batch(request: Request) -> Dict[str, Any]:
    """``batch?r=<call>&r=<call>...``: several pt/ and open/ GETs in one request, run side by side, so a page that
    needs fifteen datasets is not held back by the browser's six connections per host. The answer lists each
    call's status and body in the order given; one failing call never fails the others."""
    pairs = routes.query_pairs(request.raw)
    calls = [value for name, value in pairs if name == "r"]
    unknown = sorted(set(name for name, _ in pairs if name not in ("r",) and name not in routes.IGNORED_PARAMS))
    if unknown:
        raise routes.refuse("parameter %s is not accepted by batch (accepted: r)" % routes.shown(unknown[0]))
    if not calls:
        raise routes.refuse("a batch needs at least one call: batch?r=pt/<path>?<query>")
    if len(calls) > BATCH_MAX_CALLS:
        raise routes.refuse("a batch carries at most %d calls" % BATCH_MAX_CALLS)
    settings = _settings(request.system)
    lazy = LazyUpstream(settings, request.system, request.deps)
    with ThreadPoolExecutor(max_workers=min(BATCH_THREADS, len(calls))) as pool:
        answers = list(pool.map(lambda item: _batch_call(request, settings, lazy, item), calls))
    return json_reply({"responses": answers})


def _dispatch(raw: Dict[str, Any], deps: Deps) -> Dict[str, Any]:
    request = Request(raw, deps)
    name = request.route.name
    if name == "status":
        return _status(request)
    if name == "cache":
        return _purge(request)
    if name == "setup":
        return _setup(request)
    if name == "credentials":
        return _credentials(request)
    if not request.grants.can_query:
        doing = "query the open intelligence providers" if name == "open" else "query PassiveTotal"
        raise _forbidden(request.grants, authz.CAP_QUERY, doing)
    if name == "investigations":
        return investigations.handle(
            request.method, request.system, request.grants.user, raw, routes.query_pairs(raw), deps.clock()
        )
    if name == "batch":
        return _batch(request)
    if name == "open":
        found = validate_open(request.route.api_path, routes.query_pairs(raw))
        settings = _settings(request.system)
        answer = open_service.lookup(request.system, settings, found, deps.open_deps())
        return success(answer, found.query, provider=found.operation.provider)
    query = routes.validate_pt(request.route.api_path, routes.query_pairs(raw)) if name == "pt" else None
    check_provider = _provider_param(routes.query_pairs(raw)) if name == "check" else PASSIVETOTAL
    settings = _settings(request.system)
    if query is not None:
        return _proxy(request, query, settings)
    if name == "quota":
        return _quota(request, settings)
    if check_provider != PASSIVETOTAL:
        return json_reply(open_service.check(request.system, settings, check_provider, deps.open_deps()))
    return _check(request, settings)


def _printable(text: str, limit: int = 200) -> str:
    """``text`` for one log line: no control characters (no forged lines), cut."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def _parse(in_string: Any) -> Dict[str, Any]:
    raw = json.loads(in_string.decode("utf-8") if isinstance(in_string, bytes) else in_string)
    if not isinstance(raw, dict):
        raise ValueError("the request is not a JSON object")
    return raw


def handle_request(in_string: Any, deps: Optional[Deps] = None) -> Dict[str, Any]:
    """The reply dict for one request (``{"status", "headers", "payload"}``); never raises."""
    started = time.monotonic()
    logs.configure(_last_level[0])
    deps = deps or Deps()
    method, path, user = "?", "?", "?"
    try:
        raw = _parse(in_string)
        method = str(raw.get("method") or "GET").upper()
        path = routes.relative_path(raw)
        session = raw.get("session")
        user = str(session.get("user")) if isinstance(session, dict) else "?"
        reply = _dispatch(raw, deps)
    except ProxyError as error:
        reply = error_reply(error.status, logs.redact(error.text), error.code, error.extra)
    except Exception:
        reply = _internal_error("internal error")
    payload = reply.get("payload")
    code = ""
    if isinstance(payload, dict) and isinstance(payload.get("messages"), list) and payload["messages"]:
        code = str(payload["messages"][0].get("code", ""))
    cached = payload.get("cached") if isinstance(payload, dict) else None
    LOG.info(
        "%s %s user=%s status=%d%s%s ms=%d",
        _printable(method, 10),
        _printable(path),
        _printable(user, 100),
        reply["status"],
        " code=" + code if code else "",
        " cached=%s" % str(cached).lower() if cached is not None else "",
        (time.monotonic() - started) * 1000,
    )
    return reply
