"""Which URLs the app may ask besides a provider's configured address: the servers an RDAP bootstrap names, a
registrar's referral, and redirect targets of operations that follow redirects.

A URL is accepted when it has the scheme, host and port of the provider's configured address (a local replay
server), or is https to a host that is neither loopback nor a private or reserved address, without credentials.
"""

import ipaddress
import urllib.parse
from typing import Optional, Tuple

from .settings import is_loopback_host


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


def accepted(url: str, configured: str) -> bool:
    """Whether the app may ask ``url``, given the provider's ``configured`` address (see the module docstring)."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.username or parts.password:
            return False
    except ValueError:
        return False
    scheme, host, port = origin(url)
    if not host or port is None:
        return False
    if (scheme, host, port) == origin(configured):
        return True
    if scheme != "https" or is_loopback_host(host):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return address.is_global


def path_ends(url: str, tail: str) -> bool:
    """Whether the (decoded) path of ``url`` ends with ``tail``, case aside."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).rstrip("/").lower()
    return path.endswith(tail.rstrip("/").lower())
