"""The app's settings from passivetotal.conf (README/passivetotal.conf.spec documents every key).

Read through splunkd (``configs/conf-passivetotal``) with the system token, so local/ overrides default/ as
usual. A missing or unreadable key falls back to its documented default with a warning; an unsafe ``base_url`` or
``https_proxy`` is an error (the endpoint answers ``not_configured``), never silently replaced.
"""

import ipaddress
import logging
import urllib.parse
from typing import Any, Dict, Mapping, NamedTuple, Optional

from .splunkd import Splunkd, SplunkdError

LOG = logging.getLogger("passivetotal.settings")

CONF_PATH = "/servicesNS/nobody/passivetotal/configs/conf-passivetotal"

DATASETS = ("dns", "whois", "ssl", "enrichment", "actions", "host_attributes")
DEFAULT_TTL = {
    "dns": 86400,
    "whois": 604800,
    "ssl": 604800,
    "enrichment": 86400,
    "actions": 21600,
    "host_attributes": 86400,
}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(Exception):
    """A setting that must not be used (for example a plain-http base_url to a remote host)."""


class Settings(NamedTuple):
    """The parsed settings; see the spec file for each one."""

    base_url: str = "https://api.passivetotal.org/v2"
    timeout_seconds: float = 20.0
    https_proxy: str = ""
    retries: int = 2
    deadline_seconds: float = 25.0
    cache_enabled: bool = True
    ttl_seconds: Mapping[str, int] = DEFAULT_TTL
    cache_max_entries: int = 50000
    cache_max_entry_kb: int = 4096
    log_level: str = "INFO"

    def ttl_for(self, dataset: str) -> int:
        """Seconds an answer of ``dataset`` stays fresh; 0 (never stored) for unknown datasets and ``account``."""
        if not self.cache_enabled:
            return 0
        return int(self.ttl_seconds.get(dataset, 0))


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


def check_base_url(url: str) -> str:
    """The base URL if it is safe: https with a host and no credentials, query or fragment (http only to loopback)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("https", "http") or not parsed.hostname:
        raise SettingsError("base_url must be an https URL such as https://api.passivetotal.org/v2")
    if parsed.scheme == "http" and not is_loopback_host(parsed.hostname):
        raise SettingsError(
            "base_url must use https; plain http is accepted only for a loopback host (a local replay server)"
        )
    if parsed.username or parsed.password:
        raise SettingsError("base_url must not contain credentials; they belong on the setup page")
    if parsed.query or parsed.fragment:
        raise SettingsError("base_url must not contain a query or fragment")
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


def _number(stanza: Mapping[str, str], key: str, default: float, low: float, high: float) -> float:
    raw = stanza.get(key)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not (low <= value <= high):
        LOG.warning("passivetotal.conf: %s = %r is not a number from %g to %g; using %g", key, raw, low, high, default)
        return default
    return value


def _boolean(stanza: Mapping[str, str], key: str, default: bool) -> bool:
    raw = (stanza.get(key) or "").strip().lower()
    if raw in ("1", "true", "yes", "t", "y", "on"):
        return True
    if raw in ("0", "false", "no", "f", "n", "off"):
        return False
    if raw:
        LOG.warning("passivetotal.conf: %s = %r is not a boolean; using %s", key, raw, default)
    return default


def parse(stanzas: Mapping[str, Mapping[str, str]]) -> Settings:
    """Settings from ``{stanza: {key: value}}``; raises SettingsError for an unsafe base_url or https_proxy."""
    defaults = Settings()
    api = stanzas.get("api", {})
    cache = stanzas.get("cache", {})
    logging_stanza = stanzas.get("logging", {})
    ttl = dict(DEFAULT_TTL)
    for dataset in DATASETS:
        ttl[dataset] = int(_number(cache, "ttl_seconds." + dataset, DEFAULT_TTL[dataset], 0, 31536000))
    level = (logging_stanza.get("level") or defaults.log_level).strip().upper()
    if level not in LOG_LEVELS:
        LOG.warning("passivetotal.conf: [logging] level = %r is not one of %s; using INFO", level, LOG_LEVELS)
        level = "INFO"
    return Settings(
        base_url=check_base_url((api.get("base_url") or defaults.base_url).strip()),
        timeout_seconds=_number(api, "timeout_seconds", defaults.timeout_seconds, 1, 300),
        https_proxy=check_proxy((api.get("https_proxy") or "").strip()),
        retries=int(_number(api, "retries", defaults.retries, 0, 5)),
        deadline_seconds=_number(api, "deadline_seconds", defaults.deadline_seconds, 1, 600),
        cache_enabled=_boolean(cache, "enabled", defaults.cache_enabled),
        ttl_seconds=ttl,
        cache_max_entries=int(_number(cache, "max_entries", defaults.cache_max_entries, 100, 10000000)),
        cache_max_entry_kb=int(_number(cache, "max_entry_kb", defaults.cache_max_entry_kb, 1, 16000)),
        log_level=level,
    )


def stanzas_from_feed(doc: Any) -> Dict[str, Dict[str, str]]:
    """``{stanza: {key: value}}`` from splunkd's JSON feed of ``configs/conf-passivetotal``."""
    result: Dict[str, Dict[str, str]] = {}
    entries = doc.get("entry") if isinstance(doc, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        content = entry.get("content") if isinstance(entry.get("content"), dict) else {}
        result[entry["name"]] = {
            k: str(v) if not isinstance(v, bool) else ("true" if v else "false")
            for k, v in content.items()
            if isinstance(k, str) and not k.startswith("eai:") and k != "disabled" and v is not None
        }
    return result


def load(splunkd: Splunkd) -> Settings:
    """Reads passivetotal.conf through splunkd; defaults when splunkd cannot give it (logged)."""
    try:
        answer = splunkd.call("GET", CONF_PATH, query=[("count", "0")])
    except SplunkdError as error:
        LOG.warning("could not read passivetotal.conf through splunkd (%s); using the defaults", error)
        return parse({})
    if answer.status != 200:
        LOG.warning("splunkd answered %d for passivetotal.conf; using the defaults", answer.status)
        return parse({})
    return parse(stanzas_from_feed(answer.json()))
