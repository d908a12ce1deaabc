"""The upgrade from version 1.0.4: its credentials move out of passivetotal.conf into storage/passwords.

Version 1.0.x (RiskIQ's ``passivetotal/splunk_app``) had a setup.xml that wrote the PassiveTotal username and API
key in plain text to ``[api-setup] username`` and ``apikey`` of passivetotal.conf (``configs/conf-passivetotal``,
entity ``api-setup``, so ``local/passivetotal.conf`` after setup); its search commands read them back with btool.
Version 2.0.0 keeps credentials only in storage/passwords.

:func:`run` is called on the requests that need the credential or report on it (``status``, ``setup``,
``check``, and before every credential read). With the system token it reads ``[api-setup]``; if that holds a
username and a key it stores them in storage/passwords (unless a credential is stored already: that one was
entered after the upgrade, so it is the newer and wins), then deletes the stanza, and writes a marker stanza in
its place (``migrated_from``, ``migrated_at``) so the setup page can tell the administrator what happened. The
key is never logged (it is registered for redaction before anything else happens).
"""

import logging
import threading
from typing import Any, Callable, Dict, NamedTuple, Optional

from . import credentials, logs
from .credentials import CredentialsError, Secret
from .model import iso_utc
from .settings import load as load_settings
from .urls import KEY_HOST, host_of
from .splunkd import Splunkd, SplunkdError

LOG = logging.getLogger("passivetotal.migration")

STANZA = "api-setup"
STANZA_PATH = "/servicesNS/nobody/passivetotal/configs/conf-passivetotal/" + STANZA
CONF_PATH = "/servicesNS/nobody/passivetotal/configs/conf-passivetotal"
USERNAME_KEY = "username"
API_KEY_KEY = "apikey"
FROM_VERSION = "1.0.4"

MOVED_TEXT = (
    "Moved the PassiveTotal credentials of version 1.0.4 from passivetotal.conf into Splunk's credential store "
    "and removed the plain-text copy."
)
KEPT_TEXT = (
    "Removed the plain-text PassiveTotal credentials of version 1.0.4 from passivetotal.conf. The credential "
    "already in Splunk's credential store was newer and was kept."
)

DROPPED_TEXT = (
    "Removed a plain-text PassiveTotal API key of version 1.0.4 from passivetotal.conf. It had no username, so it "
    "could not be kept: enter the PassiveTotal username and API key on the setup page."
)
TEXTS = {"moved": MOVED_TEXT, "kept": KEPT_TEXT, "dropped": DROPPED_TEXT}

_lock = threading.Lock()


class Migration(NamedTuple):
    """What the upgrade did, for the ``status`` and ``setup`` answers."""

    from_version: str
    at: str
    text: str

    def as_json(self) -> Dict[str, str]:
        return {"from": self.from_version, "at": self.at, "text": self.text}


class MigrationError(Exception):
    """The plain-text credentials are still there because splunkd refused a step (logged, without the key)."""


def _read_stanza(system: Splunkd) -> Optional[Dict[str, str]]:
    try:
        answer = system.call("GET", STANZA_PATH)
    except SplunkdError as error:
        raise MigrationError(str(error))
    if answer.status == 404:
        return None
    if answer.status != 200:
        raise MigrationError("splunkd answered %d for passivetotal.conf [api-setup]" % answer.status)
    try:
        doc = answer.json()
    except SplunkdError as error:
        raise MigrationError(str(error))
    entries = doc.get("entry") if isinstance(doc, dict) else None
    content = entries[0].get("content") if isinstance(entries, list) and entries else None
    if not isinstance(content, dict):
        return None
    return {k: str(v) for k, v in content.items() if isinstance(k, str) and isinstance(v, (str, int, float))}


def _marker(stanza: Dict[str, str]) -> Optional[Migration]:
    at = stanza.get("migrated_at", "").strip()
    if not at:
        return None
    result = stanza.get("migration_result", "").strip()
    return Migration(stanza.get("migrated_from", "").strip() or FROM_VERSION, at, TEXTS.get(result, MOVED_TEXT))


def _call(system: Splunkd, method: str, path: str, form: Any = None) -> int:
    try:
        return system.call(method, path, form=form).status
    except SplunkdError as error:
        raise MigrationError(str(error))


def _replace_plain_text(system: Splunkd, marker: Dict[str, str]) -> None:
    """Deletes ``[api-setup]`` and writes the marker in its place; where the stanza cannot be deleted (it is in
    a default/ folder), empties the two keys instead."""
    status = _call(system, "DELETE", STANZA_PATH)
    if status in (200, 404):
        status = _call(system, "POST", CONF_PATH, [("name", STANZA)] + sorted(marker.items()))
        if status in (200, 201):
            return
        LOG.warning("the 1.0.4 credentials were removed, but the migration note could not be written (%d)", status)
        return
    form = [(USERNAME_KEY, ""), (API_KEY_KEY, "")] + sorted(marker.items())
    status = _call(system, "POST", STANZA_PATH, form)
    if status not in (200, 201):
        raise MigrationError("splunkd answered %d when removing the plain-text credentials" % status)


def _bind(system: Splunkd) -> None:
    """Binds the moved key to the host of ``base_url`` (the key goes nowhere else, keys.py). The plain-text key was
    written by a Splunk administrator, and every route of the app runs this step before anything else, so that
    address is still one an administrator chose."""
    host = host_of(load_settings(system).base_url)
    status = _call(system, "POST", CONF_PATH + "/api", [(KEY_HOST, host)])
    if status not in (200, 201):
        LOG.warning("upgrade from 1.0.4: the moved key could not be bound to %s (%d); enter it again", host, status)


def run(system: Splunkd, clock: Callable[[], float]) -> Optional[Migration]:
    """Moves 1.0.4's plain-text credentials if there are any; the migration done now or earlier, or None.

    Raises MigrationError when the move could not be finished (the plain-text copy then stays until it can).
    """
    with _lock:
        stanza = _read_stanza(system)
        if stanza is None:
            return None
        username = stanza.get(USERNAME_KEY, "").strip()
        key = stanza.get(API_KEY_KEY, "").strip()
        if not key:
            return _marker(stanza)
        logs.register_secret(key, username)
        try:
            existing = credentials.load(system)
            if existing is None and username:
                credentials.store(system, username, Secret(key))
                _bind(system)
        except CredentialsError as error:
            raise MigrationError(str(error))
        result = "kept" if existing is not None else ("moved" if username else "dropped")
        at = iso_utc(clock())
        _replace_plain_text(system, {"migrated_from": FROM_VERSION, "migrated_at": at, "migration_result": result})
        migration = Migration(FROM_VERSION, at, TEXTS[result])
        if result == "kept":
            LOG.warning("upgrade from 1.0.4: removed the plain-text credentials; kept the stored credential")
        elif result == "moved":
            LOG.warning(
                "upgrade from 1.0.4: moved the credentials of username %s from passivetotal.conf [api-setup] into "
                "storage/passwords and removed the plain-text copy",
                username,
            )
        else:
            LOG.warning("upgrade from 1.0.4: removed a plain-text API key without a username from passivetotal.conf")
        return migration
