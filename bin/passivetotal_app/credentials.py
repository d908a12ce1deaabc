"""The PassiveTotal username and API key, from splunkd's encrypted ``storage/passwords``.

One credential is expected: realm ``passivetotal``, name = the PassiveTotal username, password = the API key,
stored in this app (CONTRACTS section 7). It is read with the system token because ordinary users cannot list
passwords; the handler has already decided that the user may query (authz.py). If several credentials of the realm
exist (for example a username was changed without deleting the old entry), the most recently updated one is used
and a warning is logged naming how many there were (never a key).

The keys of the open providers (open_catalog.py) live in the same store, one realm per provider,
``passivetotal_<id>``: name ``key`` for a key sent in a header, the real username for a provider with basic
authentication (circl). The functions below take the realm; without one they mean PassiveTotal's.

The key lives in a :class:`Secret`, whose text forms never show it; only upstream.py calls ``reveal()``, to build
the Authorization header.
"""

import logging
import urllib.parse
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

from .splunkd import Splunkd, SplunkdError

LOG = logging.getLogger("passivetotal.credentials")

REALM = "passivetotal"
APP = "passivetotal"
PASSWORDS_PATH = "/servicesNS/nobody/passivetotal/storage/passwords"


class Secret:
    """A value that is never printed, logged, serialised or pickled by accident."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself. Call it only where the value leaves for its one destination."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    def __str__(self) -> str:
        return "********"

    def __format__(self, spec: str) -> str:
        return "********"

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> Any:
        raise TypeError("a Secret cannot be pickled")


class Credential(NamedTuple):
    """The PassiveTotal username and its API key."""

    username: str
    api_key: Secret


class CredentialsError(Exception):
    """storage/passwords could not be read."""


def _app_entries(doc: Any, realm: str = REALM) -> List[Tuple[Dict[str, Any], Dict[str, Any]]]:
    """``(entry, content)`` of every storage/passwords entry of this app with the realm ``realm`` in a splunkd
    feed (the realm must match exactly: splunkd's ``search`` may also match longer realms)."""
    entries = doc.get("entry") if isinstance(doc, dict) else None
    found: List[Tuple[Dict[str, Any], Dict[str, Any]]] = []
    for entry in entries if isinstance(entries, list) else []:
        content = entry.get("content") if isinstance(entry, dict) else None
        if not isinstance(content, dict) or content.get("realm") != realm:
            continue
        acl = entry.get("acl")
        if isinstance(acl, dict) and acl.get("app") not in (None, APP):
            continue
        found.append((entry, content))
    return found


def pick(doc: Any, realm: str = REALM) -> Optional[Credential]:
    """The credential from splunkd's ``storage/passwords`` feed: the realm (passivetotal), this app, the newest
    entry."""
    found: List[Any] = []
    for entry, content in _app_entries(doc, realm):
        username = content.get("username")
        key = content.get("clear_password")
        if isinstance(username, str) and username and isinstance(key, str) and key:
            found.append((str(entry.get("updated") or ""), username, key))
    if not found:
        return None
    found.sort(reverse=True)
    _, username, key = found[0]
    if len(found) > 1:
        LOG.warning(
            "%d credentials found in realm %s; using the most recently updated one (username %s)",
            len(found),
            realm,
            username,
        )
    return Credential(username, Secret(key))


def load(splunkd: Splunkd, realm: str = REALM) -> Optional[Credential]:
    """The credential of ``realm``, or None when none is configured; CredentialsError when splunkd cannot say."""
    try:
        answer = splunkd.call("GET", PASSWORDS_PATH, query=[("count", "0"), ("search", "realm=" + realm)])
        if answer.status == 404:
            return None
        if answer.status != 200:
            raise CredentialsError("splunkd answered %d for storage/passwords" % answer.status)
        return pick(answer.json(), realm)
    except SplunkdError as error:
        raise CredentialsError(str(error))


def load_realms(splunkd: Splunkd, realms: Sequence[str]) -> Dict[str, Credential]:
    """The credential of each of ``realms`` that has one, from one listing of the app's storage/passwords."""
    try:
        answer = splunkd.call("GET", PASSWORDS_PATH, query=[("count", "0")])
        if answer.status == 404:
            return {}
        if answer.status != 200:
            raise CredentialsError("splunkd answered %d for storage/passwords" % answer.status)
        doc = answer.json()
    except SplunkdError as error:
        raise CredentialsError(str(error))
    found: Dict[str, Credential] = {}
    for realm in realms:
        credential = pick(doc, realm)
        if credential is not None:
            found[realm] = credential
    return found


def _escape(part: str) -> str:
    """A realm or user name as splunkd spells it inside an entity name (``:`` escaped as ``\\:``)."""
    return part.replace(":", "\\:")


def entity_path(name: str) -> str:
    """The URL path of one storage/passwords entity, from its entity name (``<realm>:<username>:``)."""
    return PASSWORDS_PATH + "/" + urllib.parse.quote(name, safe="")


def entity_name(username: str, realm: str = REALM) -> str:
    """The entity name of this app's credential for ``username`` in ``realm``."""
    return "%s:%s:" % (_escape(realm), _escape(username))


def _stored_names(splunkd: Splunkd, realm: str = REALM) -> List[Tuple[str, str]]:
    """``(entity name, username)`` of every credential of the realm in this app."""
    try:
        answer = splunkd.call("GET", PASSWORDS_PATH, query=[("count", "0"), ("search", "realm=" + realm)])
    except SplunkdError as error:
        raise CredentialsError(str(error))
    if answer.status == 404:
        return []
    if answer.status != 200:
        raise CredentialsError("splunkd answered %d for storage/passwords" % answer.status)
    names: List[Tuple[str, str]] = []
    for entry, content in _app_entries(answer.json(), realm):
        name = entry.get("name")
        username = content.get("username")
        if isinstance(name, str) and name and isinstance(username, str):
            names.append((name, username))
    return names


def _delete(splunkd: Splunkd, name: str) -> None:
    try:
        answer = splunkd.call("DELETE", entity_path(name))
    except SplunkdError as error:
        raise CredentialsError(str(error))
    if answer.status not in (200, 404):
        raise CredentialsError("splunkd answered %d when deleting a credential" % answer.status)


def store(splunkd: Splunkd, username: str, api_key: Secret, realm: str = REALM) -> None:
    """Stores ``username`` and its key as the one credential of the app; any other credential of the realm is
    deleted afterwards (a newer credential replaces the older, CONTRACTS section 7).

    Creates the entity (201); when it exists already (409) only its password is updated, as splunkd allows.
    """
    try:
        created = splunkd.call(
            "POST", PASSWORDS_PATH, form=[("name", username), ("password", api_key.reveal()), ("realm", realm)]
        )
        if created.status == 409:
            created = splunkd.call(
                "POST", entity_path(entity_name(username, realm)), form=[("password", api_key.reveal())]
            )
    except SplunkdError as error:
        raise CredentialsError(str(error))
    if created.status not in (200, 201):
        raise CredentialsError("splunkd answered %d when storing the credential" % created.status)
    for name, other in _stored_names(splunkd, realm):
        if other != username:
            _delete(splunkd, name)
            LOG.info("removed the older credential of username %s", other)


def remove_all(splunkd: Splunkd, realm: str = REALM) -> int:
    """Deletes every credential of the realm in this app; returns how many there were."""
    names = _stored_names(splunkd, realm)
    for name, _ in names:
        _delete(splunkd, name)
    return len(names)
