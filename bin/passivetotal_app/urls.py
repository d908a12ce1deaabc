"""The addresses among the settings: a base URL or proxy checked as an administrator sets it, and the host a
provider's key is bound to (keys.py sends a key only while its provider's address names that host).
"""

import ipaddress
import urllib.parse
from typing import Mapping, Optional

from .profiles import PROFILES

# Written by the credentials route next to a provider's settings: the host its key was entered for. Not a setting
# of the setup form (no catalogue entry): only saving a key changes it.
KEY_HOST = "key_host"


class SettingsError(Exception):
    """A setting that must not be used (for example a plain-http base_url to a remote host)."""


def is_loopback_host(hostname: Optional[str]) -> bool:
    """127.0.0.0/8, ::1 or localhost."""
    if not hostname:
        return False
    if hostname.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def host_of(url: str) -> str:
    """The host a key is bound to: the URL's host name in lower case (IPv6 in brackets), with its port when that
    is not the scheme's own (``api.passivetotal.org``, ``127.0.0.1:4100``), as a browser's ``URL.host`` spells it."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = "[%s]" % host
    default = {"https": 443, "http": 80}.get(parts.scheme.lower())
    return host if port is None or port == default else "%s:%d" % (host, port)


def key_host_of(profile_id: str, stanza: Mapping[str, str]) -> str:
    """The host the provider's stored key was entered for: ``key_host`` of its stanza, which the credentials route
    writes when a key is saved; without one (a key provisioned through Splunk's REST API), the host of the
    provider's default address."""
    written = (stanza.get(KEY_HOST) or "").strip().lower()
    return written or host_of(PROFILES[profile_id].base_url)


def check_base_url(url: str, name: str = "base_url") -> str:
    """The base URL if it is safe: https with a host and no credentials, query or fragment (http only to loopback).
    ``name`` is the setting named in the error."""
    try:
        parsed = urllib.parse.urlsplit(url)
        hostname = parsed.hostname
        _ = parsed.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise SettingsError("%s is not a valid URL" % name)
    if parsed.scheme not in ("https", "http") or not hostname:
        example = "https://api.passivetotal.org/v2" if name == "base_url" else "https://data.iana.org/rdap/"
        raise SettingsError("%s must be an https URL such as %s" % (name, example))
    if parsed.scheme == "http" and not is_loopback_host(hostname):
        raise SettingsError(
            "%s must use https; plain http is accepted only for a loopback host (a local replay server)" % name
        )
    if parsed.username or parsed.password:
        raise SettingsError("%s must not contain credentials; they belong on the setup page" % name)
    if parsed.query or parsed.fragment:
        raise SettingsError("%s must not contain a query or fragment" % name)
    if any(c.isspace() or not c.isprintable() for c in url):
        raise SettingsError("%s must not contain spaces or control characters" % name)
    return url.rstrip("/")


def check_proxy(url: str) -> str:
    """The proxy URL if usable: http or https scheme, a host, no credentials (they would end up in a .conf file)."""
    if not url:
        return ""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise SettingsError("https_proxy must be a URL such as https://proxy.example.com:3128")
    if parsed.username or parsed.password:
        raise SettingsError("https_proxy must not contain credentials")
    return url
