"""The app's settings from passivetotal.conf (README/passivetotal.conf.spec documents every key).

Read through splunkd (``configs/conf-passivetotal``) with the system token, so local/ overrides default/ as
usual. A missing or unreadable key falls back to its documented default with a warning; an unsafe ``base_url`` or
``https_proxy`` is an error (the endpoint answers ``not_configured``), never silently replaced.
"""

import ipaddress
import logging
import urllib.parse
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple

from .open_catalog import DEFAULT_ORDER, ORDER_DATASETS, PROVIDERS, fills
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
SEARCH_MODES = ("raw", "cim")
SEARCH_MATCHES = ("thorough", "fast")
MAX_SIGHTING_CANDIDATES = (1, 50000)


class SettingsError(Exception):
    """A setting that must not be used (for example a plain-http base_url to a remote host)."""


class ProviderSettings(NamedTuple):
    """One ``[provider:<id>]`` stanza. ``base_url`` is rdap's ``bootstrap_url``; ``error`` says why the address is
    unusable (the provider then answers ``not_configured``), ``""`` when it is fine."""

    id: str
    base_url: str
    enabled: bool
    rate_limit_per_minute: int
    ttl_seconds: int
    timeout_seconds: float
    error: str = ""


def default_provider_settings() -> Dict[str, ProviderSettings]:
    """Every provider with the defaults of open_catalog.py."""
    return {
        p.id: ProviderSettings(p.id, p.base_url.rstrip("/"), True, p.rate_limit_per_minute, p.ttl_seconds,
                               float(p.timeout_seconds))
        for p in PROVIDERS.values()
    }


DEFAULT_PROVIDERS = default_provider_settings()


class SearchSettings(NamedTuple):
    """``[search]``: how the investigation page searches local data. Not secret: every user who may open the page
    gets them (the ``status`` route), since the page builds its searches from them."""

    mode: str = "raw"  # "raw" events or "cim" data models with tstats
    match: str = "thorough"  # raw matching: "thorough" (every log format) or "fast" (TERM() only)
    summariesonly: bool = True  # with mode cim: tstats reads only accelerated summaries
    max_sighting_candidates: int = 5000  # the most related values one investigation's sightings search counts

    def as_json(self) -> Dict[str, Any]:
        """The shape of the ``status`` route's ``search`` object."""
        return {
            "mode": self.mode,
            "match": self.match,
            "summariesonly": self.summariesonly,
            "maxSightingCandidates": self.max_sighting_candidates,
        }


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
    providers: Mapping[str, ProviderSettings] = DEFAULT_PROVIDERS
    dataset_order: Mapping[str, Tuple[str, ...]] = DEFAULT_ORDER
    search: SearchSettings = SearchSettings()

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


def _whole(stanza: Mapping[str, str], key: str, default: int, low: int, high: int) -> int:
    """Like _number, for keys that only make sense as whole numbers: "2.5" falls back to the default too."""
    value = float(_number(stanza, key, default, low, high))
    if not value.is_integer():
        LOG.warning("passivetotal.conf: %s = %r is not a whole number; using %d", key, stanza.get(key), default)
        return default
    return int(value)


def _choice(stanza: Mapping[str, str], key: str, choices: Tuple[str, ...]) -> str:
    """One of ``choices`` (any case, spaces around ignored); the first, which is the default, otherwise."""
    raw = (stanza.get(key) or "").strip()
    if raw.lower() in choices:
        return raw.lower()
    if raw:
        LOG.warning("passivetotal.conf: %s = %r is not one of %s; using %s", key, raw, ", ".join(choices), choices[0])
    return choices[0]


def _boolean(stanza: Mapping[str, str], key: str, default: bool) -> bool:
    raw = (stanza.get(key) or "").strip().lower()
    if raw in ("1", "true", "yes", "t", "y", "on"):
        return True
    if raw in ("0", "false", "no", "f", "n", "off"):
        return False
    if raw:
        LOG.warning("passivetotal.conf: %s = %r is not a boolean; using %s", key, raw, default)
    return default


def parse_search(stanza: Mapping[str, str]) -> SearchSettings:
    """The ``[search]`` stanza; never raises: a value that is not valid falls back to its default (logged)."""
    defaults = SearchSettings()
    low, high = MAX_SIGHTING_CANDIDATES
    return SearchSettings(
        mode=_choice(stanza, "mode", SEARCH_MODES),
        match=_choice(stanza, "match", SEARCH_MATCHES),
        summariesonly=_boolean(stanza, "summariesonly", defaults.summariesonly),
        max_sighting_candidates=_whole(
            stanza, "max_sighting_candidates", defaults.max_sighting_candidates, low, high
        ),
    )


def parse_providers(stanzas: Mapping[str, Mapping[str, str]]) -> Dict[str, ProviderSettings]:
    """The ``[provider:<id>]`` stanzas; never raises: an unsafe address is kept as the provider's ``error``."""
    result: Dict[str, ProviderSettings] = {}
    for info in PROVIDERS.values():
        stanza = stanzas.get("provider:" + info.id, {})
        raw_url = (stanza.get(info.url_key) or info.base_url).strip()
        error = ""
        try:
            base_url = check_base_url(raw_url, info.url_key)
        except SettingsError as problem:
            base_url, error = info.base_url.rstrip("/"), str(problem)
        result[info.id] = ProviderSettings(
            id=info.id,
            base_url=base_url,
            enabled=_boolean(stanza, "enabled", True),
            rate_limit_per_minute=int(_number(stanza, "rate_limit_per_minute", info.rate_limit_per_minute, 0, 10000)),
            ttl_seconds=int(_number(stanza, "ttl_seconds", info.ttl_seconds, 0, 31536000)),
            timeout_seconds=_number(stanza, "timeout_seconds", info.timeout_seconds, 1, 300),
            error=error,
        )
    return result


def parse_order(dataset: str, value: str) -> Tuple[str, ...]:
    """The provider ids of ``order.<dataset>`` (comma separated); ValueError naming an id that cannot fill it."""
    allowed = fills(dataset)
    ids: List[str] = []
    for part in value.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in allowed:
            raise ValueError("%r cannot fill %s (one of: %s)" % (name[:40], dataset, ", ".join(allowed)))
        if name not in ids:
            ids.append(name)
    return tuple(ids)


def parse_orders(stanzas: Mapping[str, Mapping[str, str]]) -> Dict[str, Tuple[str, ...]]:
    """``[datasets] order.<dataset>``; a value naming an unknown provider falls back to the default (logged)."""
    section = stanzas.get("datasets", {})
    orders: Dict[str, Tuple[str, ...]] = {}
    for dataset in ORDER_DATASETS:
        raw = section.get("order." + dataset)
        if raw is None:
            orders[dataset] = DEFAULT_ORDER[dataset]
            continue
        try:
            orders[dataset] = parse_order(dataset, raw)
        except ValueError as error:
            LOG.warning("passivetotal.conf: [datasets] order.%s: %s; using the default", dataset, error)
            orders[dataset] = DEFAULT_ORDER[dataset]
    return orders


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
        providers=parse_providers(stanzas),
        dataset_order=parse_orders(stanzas),
        search=parse_search(stanzas.get("search", {})),
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
