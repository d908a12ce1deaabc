"""The setup page's ``credentials`` route: PassiveTotal's username and API key, and the open providers' keys.

Only users with ``passivetotal_admin`` get here (routes.py checks first). Each credential is checked field by
field (400 ``invalid_settings`` naming each bad field), then written to storage/passwords with the system token:
realm ``passivetotal`` (name = the PassiveTotal username) for PassiveTotal, ``passivetotal_<id>`` for a provider
(name ``key``, or the real username of a provider with basic authentication). The key never comes back.

A key is bound to the host it was entered for: after the key is stored, the host of the provider's address is
written next to its settings (``key_host``, configure.py), and a key is sent nowhere else (keys.py). Removing a
key removes the binding. The key is stored first, so a failure in between leaves the new key bound to the old host
(refused), never the old key to a new one.
"""

import logging
from typing import Any, Dict, Sequence, Tuple

from . import credentials, logs
from .configure import bind_key, mark_configured, single, splunkd_failed
from .credentials import CredentialsError, Secret
from .errors import INVALID_SETTINGS, NOT_ALLOWED, ProxyError
from .profiles import PASSIVETOTAL, PROFILES, Profile
from .settings import load as load_settings
from .urls import host_of
from .splunkd import Splunkd
from .validation import unknown_provider

LOG = logging.getLogger("passivetotal.configure")


def _printable(value: str) -> bool:
    return all(c.isprintable() for c in value)


def check_credential(pairs: Sequence[Tuple[str, str]]) -> Tuple[str, Secret]:
    """The username and key of a ``POST credentials`` form; 400 ``invalid_settings`` otherwise."""
    given = single(pairs, ["username", "api_key"])
    username = given.get("username", "")
    key = Secret(given.get("api_key", ""))
    if key.reveal():
        logs.register_secret(key.reveal(), username)
    problems: Dict[str, str] = {}
    if not username.strip():
        problems["username"] = "enter the PassiveTotal username (the email address of the account)"
    elif username != username.strip() or len(username) > 256 or not _printable(username):
        problems["username"] = "at most 256 printable characters, without spaces around them"
    if not key.reveal():
        problems["api_key"] = "enter the API key from the PassiveTotal account settings"
    elif len(key.reveal()) > 512 or any(c.isspace() or not c.isprintable() for c in key.reveal()):
        problems["api_key"] = "an API key is at most 512 characters without spaces"
    if problems:
        text = "; ".join("%s: %s" % item for item in sorted(problems.items()))
        raise ProxyError(400, INVALID_SETTINGS, "Not saved. " + text + ".", {"fields": problems})
    return username, key


def _bind(system: Splunkd, profile_id: str) -> str:
    """Binds the provider's key to the host of its address now; that host."""
    host = host_of(load_settings(system).providers[profile_id].base_url)
    bind_key(system, profile_id, host)
    return host


def store_credential(system: Splunkd, username: str, key: Secret, user: str) -> str:
    """Stores the credential (replacing any other), binds it to the host of ``base_url`` and marks the app
    configured; that host."""
    try:
        credentials.store(system, username, key)
    except CredentialsError as error:
        raise splunkd_failed("store the PassiveTotal credential", error)
    host = _bind(system, PASSIVETOTAL)
    mark_configured(system, True)
    LOG.info("PassiveTotal credential of username %s saved by %s for %s", username, user, host)
    return host


def remove_credential(system: Splunkd, user: str) -> int:
    """Deletes the credential(s) and marks the app not configured."""
    try:
        removed = credentials.remove_all(system)
    except CredentialsError as error:
        raise splunkd_failed("remove the PassiveTotal credential", error)
    bind_key(system, PASSIVETOTAL, "")
    mark_configured(system, False)
    LOG.info("PassiveTotal credential removed by %s (%d entries)", user, removed)
    return removed


def _key_provider(provider: str) -> Profile:
    """The profile of an open provider that takes a key; 400 ``not_allowed`` otherwise."""
    info = PROFILES.get(provider)
    if info is None or info.route != "open":
        raise unknown_provider(provider)
    if info.key == "none":
        raise ProxyError(400, NOT_ALLOWED, "%s takes no key; there is nothing to store." % info.label)
    return info


def check_provider_key(provider: str, pairs: Sequence[Tuple[str, str]]) -> Tuple[str, Secret]:
    """The username (``key``, or circl's real username) and key of a ``POST credentials`` form with
    ``provider=<id>``; 400 ``invalid_settings`` naming each bad field."""
    info = _key_provider(provider)
    basic = info.basic
    given = single(pairs, ["provider", "api_key"] + (["username"] if basic else []))
    key = Secret(given.get("api_key", ""))
    username = given.get("username", "") if basic else "key"
    if key.reveal():
        logs.register_secret(key.reveal(), username)
    problems: Dict[str, str] = {}
    if basic and not username.strip():
        problems["username"] = "enter the %s username" % info.label
    elif basic and (username != username.strip() or len(username) > 256 or not _printable(username)):
        problems["username"] = "at most 256 printable characters, without spaces around them"
    if not key.reveal():
        problems["api_key"] = "enter the %s of %s" % (info.secret, info.label)
    elif len(key.reveal()) > 512 or any(c.isspace() or not c.isprintable() for c in key.reveal()):
        problems["api_key"] = "a key is at most 512 characters without spaces"
    if problems:
        # The reasons without the field names: "api_key: <word>" would be masked as a secret in the message.
        text = "; ".join(reason for _, reason in sorted(problems.items(), reverse=True))
        raise ProxyError(400, INVALID_SETTINGS, "Not saved: %s." % text, {"fields": problems})
    return username, key


def store_provider_key(system: Splunkd, provider: str, username: str, key: Secret, user: str) -> Dict[str, Any]:
    """Stores a provider's key (replacing any other of its realm); the answer of ``POST credentials``."""
    info = _key_provider(provider)
    try:
        credentials.store(system, username, key, info.realm)
    except CredentialsError as error:
        raise splunkd_failed("store the key of %s" % info.label, error)
    host = _bind(system, provider)
    LOG.info("key of %s saved by %s for %s", info.label, user, host)
    return {
        "provider": provider,
        "configured": True,
        "keyStored": True,
        "username": username if info.basic else None,
        "keyHost": host,
    }


def remove_provider_key(system: Splunkd, provider: str, user: str) -> Dict[str, Any]:
    """Deletes a provider's key(s); the answer of ``DELETE credentials``."""
    info = _key_provider(provider)
    try:
        removed = credentials.remove_all(system, info.realm)
    except CredentialsError as error:
        raise splunkd_failed("remove the key of %s" % info.label, error)
    bind_key(system, provider, "")
    LOG.info("key of %s removed by %s (%d entries)", info.label, user, removed)
    return {
        "provider": provider,
        "configured": info.key != "required",
        "keyStored": False,
        "username": None,
        "removed": removed,
    }
