"""The routes that ask no provider: ``status`` (any Splunk user), and for app admins ``setup``, ``credentials``
and ``cache`` (routes.py checks the capability first).

``status`` tells the page who the user is, what they may do, whether PassiveTotal is configured (its username,
never the key; not configured when its key was entered for another host than ``base_url`` names, with
``keyHostError`` saying so), which providers are ready and how local searches are built; it makes no upstream
call.
"""

import logging
from typing import Any, Dict, Optional, Sequence, Tuple

from . import APP_VERSION, configure, credential_setup, credentials, keys
from .cache import CacheStore, CacheUnavailable
from .credentials import Credential, CredentialsError
from .errors import CACHE_UNAVAILABLE, ProxyError
from .profiles import OPEN_IDS, PASSIVETOTAL, PROFILES
from .provider_states import order_json, provider_states
from .replies import json_reply
from .request import Request, read_settings
from .settings import Settings, defaults
from .validation import refuse

LOG = logging.getLogger("passivetotal.service")


def _credential(request: Request) -> Optional[Credential]:
    try:
        return credentials.load(request.system)
    except CredentialsError as error:
        LOG.error("could not read storage/passwords: %s", error)
        raise keys.unreadable("PassiveTotal")


def _provider_keys(request: Request) -> Dict[str, Credential]:
    try:
        return keys.stored(request.system, OPEN_IDS)
    except CredentialsError as error:
        LOG.error("could not read the open providers' keys from storage/passwords: %s", error)
        raise keys.unreadable("")


def _settings_error(settings: Settings) -> Optional[str]:
    error = settings.providers[PASSIVETOTAL].error
    return "The settings of PassiveTotal are invalid: %s." % error if error else None


def status(request: Request, _rest: str) -> Dict[str, Any]:
    """``GET status``; see the module docstring."""
    grants = request.grants
    moved, migration_error = keys.migrate(request.system, request.deps.clock)
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
        settings = read_settings(request.system)
        payload["cacheEnabled"] = settings.cache_enabled
        problem = _settings_error(settings)
        if problem:
            payload["settingsError"] = problem
        else:
            payload["baseUrl"] = settings.base_url
    except ProxyError as error:
        payload["settingsError"] = error.text
    try:
        credential = credentials.load(request.system)
    except CredentialsError as error:
        LOG.error("could not read storage/passwords: %s", error)
        payload["credentialsError"] = "The app could not read its PassiveTotal credentials from Splunk."
        credential = None
    known = settings if settings is not None else defaults()
    key_host_error = known.providers[PASSIVETOTAL].key_host_error(PROFILES[PASSIVETOTAL]) if credential else ""
    if key_host_error:
        payload["keyHostError"] = key_host_error + "."
    payload["configured"] = credential is not None and "settingsError" not in payload and not key_host_error
    if grants.can_query or grants.can_admin:
        if credential is not None:
            payload["username"] = credential.username
        try:
            stored = keys.stored(request.system, OPEN_IDS)
        except CredentialsError as error:
            LOG.error("could not read the open providers' keys from storage/passwords: %s", error)
            payload["credentialsError"] = "The app could not read its credentials from Splunk."
            stored = {}
        payload["providers"] = provider_states(known, stored, detail=False)
        payload["datasetOrder"] = order_json(known.dataset_order)
    if grants.can_admin:
        payload["migration"] = moved.as_json() if moved else None
        if migration_error:
            payload["migrationError"] = migration_error
    # How the investigation page builds its local searches; not secret, so every user gets them (the defaults
    # when the settings cannot be read, next to settingsError).
    payload["search"] = known.search.as_json()
    return json_reply(payload)


def setup(request: Request, _rest: str) -> Dict[str, Any]:
    """GET: the setup form's data. POST: validates and saves the settings, then answers like GET."""
    moved, migration_error = keys.migrate(request.system, request.deps.clock)
    if request.method == "POST":
        validated = configure.validate(configure.form_pairs(request.raw))
        configure.save(request.system, validated, request.grants.user)
        configure.mark_configured(request.system, _credential(request) is not None)
    payload = configure.current(request.system, _credential(request), moved, _provider_keys(request))
    if migration_error:
        payload["migrationError"] = migration_error
    return json_reply(payload)


def _provider_param(*sources: Sequence[Tuple[str, str]]) -> str:
    """The ``provider`` of a request (a form field or URL parameter; ``passivetotal`` when absent); 400
    ``not_allowed`` when it is given more than once."""
    found = [value for pairs in sources for name, value in pairs if name == "provider"]
    if len(found) > 1:
        raise refuse("parameter provider is given more than once")
    return found[0] if found else PASSIVETOTAL


def credentials_route(request: Request, _rest: str) -> Dict[str, Any]:
    """POST: stores PassiveTotal's username and API key (replacing any other), or a provider's key with
    ``provider``. DELETE: removes them. The answer says whether a credential is set and its username, never the
    key."""
    form = configure.form_pairs(request.raw)
    provider = _provider_param(form, request.query())
    user = request.grants.user
    if provider != PASSIVETOTAL:
        if request.method == "DELETE":
            return json_reply(credential_setup.remove_provider_key(request.system, provider, user))
        username, key = credential_setup.check_provider_key(provider, form)
        return json_reply(credential_setup.store_provider_key(request.system, provider, username, key, user))
    form = [(name, value) for name, value in form if name != "provider"]
    if request.method == "DELETE":
        removed = credential_setup.remove_credential(request.system, user)
        return json_reply({"configured": False, "username": None, "removed": removed})
    username, key = credential_setup.check_credential(form)
    host = credential_setup.store_credential(request.system, username, key, user)
    return json_reply({"configured": True, "username": username, "keyHost": host})


def purge(request: Request, _rest: str) -> Dict[str, Any]:
    """``DELETE cache``: empties the cache."""
    read_settings(request.system)
    try:
        removed = CacheStore(request.system).purge()
    except CacheUnavailable as error:
        LOG.error("cache purge failed: %s", error)
        raise ProxyError(
            503, CACHE_UNAVAILABLE, "The KV store is unavailable, so the cache was not purged; try again later."
        )
    LOG.info("cache purged by %s: %d entries removed", request.grants.user, removed)
    return json_reply({"removed": removed})
