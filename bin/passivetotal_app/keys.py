"""The providers' credentials for one request, read from storage/passwords only when an upstream is really asked.

A :class:`KeyRing` reads each realm at most once per request (the calls of a batch share it), runs the 1.0.4
upgrade (migration.py) before PassiveTotal's realm is read, and registers every key it reads for redaction
(logs.py). A provider whose key is required and missing answers 503 ``not_configured`` naming the setup page; a
storage/passwords that cannot be read is 500 ``internal``.
"""

import logging
import threading
from typing import Callable, Dict, Optional, Sequence, Tuple

from . import credentials, logs, migration
from .credentials import Credential, CredentialsError
from .errors import INTERNAL, NOT_CONFIGURED, ProxyError
from .profiles import PROFILES, Profile
from .settings import ProviderSettings
from .splunkd import Splunkd

LOG = logging.getLogger("passivetotal.keys")


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


def bound(profile: Profile, settings: ProviderSettings) -> None:
    """Raises 503 ``not_configured`` (reason ``key_host``) when the provider's stored key was entered for another
    host than its address names now: a key goes only where it was entered for, so changing a base URL asks for the
    key again."""
    problem = settings.key_host_error(profile)
    if problem:
        raise ProxyError(503, NOT_CONFIGURED, problem + ".", {"provider": profile.id, "reason": "key_host"})


def unreadable(label: str) -> ProxyError:
    """The 500 for a storage/passwords that splunkd would not give (``label``: whose credentials, or "")."""
    whose = "its %s credentials" % label if label else "its credentials"
    return ProxyError(500, INTERNAL, "The app could not read %s from Splunk; see passivetotal.log." % whose)


def missing(profile: Profile) -> ProxyError:
    """The 503 for a required key that is not stored."""
    wanted = ("username and " if profile.basic else "") + profile.secret
    return ProxyError(
        503,
        NOT_CONFIGURED,
        "%s is not configured: an administrator has to enter the %s %s on the app's setup page."
        % (profile.label, profile.label, wanted),
        {"provider": profile.id, "reason": "key_missing"},
    )


class KeyRing:
    """The credentials of one request, by realm, each read once."""

    def __init__(self, system: Splunkd, clock: Callable[[], float]) -> None:
        self._system = system
        self._clock = clock
        self._lock = threading.Lock()
        self._read: Dict[str, Optional[Credential]] = {}

    def credential(self, profile: Profile) -> Optional[Credential]:
        """The provider's stored credential (None for a keyless provider, or an optional key not stored)."""
        if profile.key == "none":
            return None
        with self._lock:
            if profile.realm not in self._read:
                self._read[profile.realm] = self._load(profile)
            found = self._read[profile.realm]
        if found is None and profile.key == "required":
            raise missing(profile)
        return found

    def _load(self, profile: Profile) -> Optional[Credential]:
        if profile.realm == credentials.REALM:
            migrate(self._system, self._clock)
        try:
            found = credentials.load(self._system, profile.realm)
        except CredentialsError as error:
            LOG.error("could not read the credential of %s from storage/passwords: %s", profile.id, error)
            raise unreadable(profile.label)
        if found is not None:
            logs.register_secret(found.api_key.reveal(), found.username)
        return found


def stored(system: Splunkd, ids: Sequence[str]) -> Dict[str, Credential]:
    """The stored credentials of providers ``ids`` by provider id (one storage/passwords listing); CredentialsError."""
    realms = {PROFILES[pid].realm: pid for pid in ids}
    return {realms[realm]: found for realm, found in credentials.load_realms(system, list(realms)).items()}
