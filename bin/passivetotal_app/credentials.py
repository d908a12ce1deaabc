"""The PassiveTotal username and API key, from splunkd's encrypted ``storage/passwords``.

One credential is expected: realm ``passivetotal``, name = the PassiveTotal username, password = the API key,
stored in this app (CONTRACTS section 7). It is read with the system token because ordinary users cannot list
passwords; the handler has already decided that the user may query (authz.py). If several credentials of the realm
exist (for example a username was changed without deleting the old entry), the most recently updated one is used
and a warning is logged naming how many there were (never a key).

The key lives in a :class:`Secret`, whose text forms never show it; only upstream.py calls ``reveal()``, to build
the Authorization header.
"""

import logging
from typing import Any, List, NamedTuple, Optional

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


def pick(doc: Any) -> Optional[Credential]:
    """The credential from splunkd's ``storage/passwords`` feed: realm passivetotal, this app, the newest entry."""
    entries = doc.get("entry") if isinstance(doc, dict) else None
    found: List[Any] = []
    for entry in entries if isinstance(entries, list) else []:
        content = entry.get("content") if isinstance(entry, dict) else None
        if not isinstance(content, dict) or content.get("realm") != REALM:
            continue
        acl = entry.get("acl")
        if isinstance(acl, dict) and acl.get("app") not in (None, APP):
            continue
        username = content.get("username")
        key = content.get("clear_password")
        if isinstance(username, str) and username and isinstance(key, str) and key:
            found.append((str(entry.get("updated") or ""), username, key))
    if not found:
        return None
    found.sort(reverse=True)
    updated, username, key = found[0]
    if len(found) > 1:
        LOG.warning(
            "%d credentials found in realm %s; using the most recently updated one (username %s)",
            len(found),
            REALM,
            username,
        )
    return Credential(username, Secret(key))


def load(splunkd: Splunkd) -> Optional[Credential]:
    """The credential, or None when none is configured; CredentialsError when splunkd cannot say."""
    try:
        answer = splunkd.call("GET", PASSWORDS_PATH, query=[("count", "0"), ("search", "realm=" + REALM)])
        if answer.status == 404:
            return None
        if answer.status != 200:
            raise CredentialsError("splunkd answered %d for storage/passwords" % answer.status)
        return pick(answer.json())
    except SplunkdError as error:
        raise CredentialsError(str(error))
