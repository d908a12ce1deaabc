"""Which URLs the app may ask besides a provider's configured address: the servers an RDAP bootstrap names, a
registrar's referral, and redirect targets of operations that follow redirects.

A URL without credentials is admitted

- as :data:`CONFIGURED` when it has the scheme, host and port of the provider's configured address (which an
  administrator chose: a local replay server or an internal mirror may be loopback or private);
- as :data:`CHECKED` when it is https to a host that hosts.py does not refuse: no spelling of a loopback,
  private, link-local, reserved or otherwise non-public address, and no name of this machine. Such a request is
  marked ``checked`` (transport.py): its host name is resolved, every address checked, and the connection made
  to a checked address.

Anything else is not asked at all.
"""

import urllib.parse
from typing import Optional, Tuple

from . import hosts

CONFIGURED = "configured"
CHECKED = "checked"


def origin(url: str) -> Tuple[str, str, Optional[int]]:
    """``(scheme, host, port)`` of a URL, the port made explicit; ``("", "", None)`` when it cannot be read."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return ("", "", None)
    scheme = parts.scheme.lower()
    if port is None:
        port = {"https": 443, "http": 80}.get(scheme)
    return (scheme, (parts.hostname or "").lower(), port)


def admission(url: str, configured: str) -> Optional[str]:
    """How the app may ask ``url`` given the provider's ``configured`` address: CONFIGURED, CHECKED or None."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.username or parts.password:
            return None
    except ValueError:
        return None
    scheme, host, port = origin(url)
    if not host or port is None:
        return None
    if (scheme, host, port) == origin(configured):
        return CONFIGURED
    if scheme != "https" or hosts.refused(host):
        return None
    return CHECKED


def accepted(url: str, configured: str) -> bool:
    """Whether the app may ask ``url`` at all (see :func:`admission`)."""
    return admission(url, configured) is not None


def path_ends(url: str, tail: str) -> bool:
    """Whether the (decoded) path of ``url`` ends with ``tail``, case aside."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).rstrip("/").lower()
    return path.endswith(tail.rstrip("/").lower())
