"""The app's settings from passivetotal.conf: every key the catalogue lists (``SETTINGS`` of catalogue.py, with
its type, range and default; README/passivetotal.conf.spec documents them).

Read through splunkd (``configs/conf-passivetotal``) with the system token, so local/ overrides default/ as
usual. A missing or unreadable key falls back to its default with a warning. An unsafe provider address (an
``[api] base_url`` or ``[provider:<id>]`` URL) is kept as that provider's ``error`` (it answers
``not_configured``); an unsafe ``https_proxy``, used by every provider, is a :class:`SettingsError`.
"""

import logging
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple

from . import catalogue
from .profiles import GROUPS, PASSIVETOTAL, PROFILES, fills
from .splunkd import Splunkd, SplunkdError
from .urls import SettingsError, check_base_url, check_proxy, host_of, key_host_of

LOG = logging.getLogger("passivetotal.settings")

CONF_PATH = "/servicesNS/nobody/passivetotal/configs/conf-passivetotal"
DATASETS: Tuple[str, ...] = tuple(catalogue.CACHE_DATASETS)
SPECS: Dict[Tuple[str, str], Dict[str, Any]] = {(s["stanza"], s["key"]): s for s in catalogue.SETTINGS}
TRUE_WORDS = ("1", "true", "yes", "t", "y", "on")
FALSE_WORDS = ("0", "false", "no", "f", "n", "off")


def spec(stanza: str, key: str) -> Dict[str, Any]:
    """The catalogue's entry of one setting."""
    return SPECS[(stanza, key)]


class ProviderSettings(NamedTuple):
    """One provider's settings (``[api]`` for PassiveTotal, ``[provider:<id>]`` for the others). ``error`` says why
    its address is unusable (it then answers ``not_configured``), ``""`` when it is fine. ``key_host`` is the host
    its stored key was entered for (see :func:`key_host_of`). ``calls_per_user_per_day``: each user's daily
    allowance of its upstream lookups (allowance.py; 0: none)."""

    id: str
    base_url: str
    enabled: bool
    rate_limit_per_minute: int
    ttl_seconds: int
    timeout_seconds: float
    error: str = ""
    key_host: str = ""
    calls_per_user_per_day: int = 0

    def key_host_error(self, profile: Any) -> str:
        """Why a stored key must not be sent to the provider's address now (``The crt.sh API key was saved for
        ...``), or ``""``."""
        here = host_of(self.base_url)
        if here == self.key_host:
            return ""
        return ("The %s %s was saved for %s; an administrator has to enter it again for %s on the app's setup page"
                % (profile.label, profile.secret, self.key_host, here))


class SearchSettings(NamedTuple):
    """``[search]``: how the investigation page searches local data. Not secret: every user who may open the page
    gets them (the ``status`` route), since the page builds its searches from them."""

    mode: str = spec("search", "mode")["default"]
    match: str = spec("search", "match")["default"]
    summariesonly: bool = spec("search", "summariesonly")["default"]
    max_sighting_candidates: int = spec("search", "max_sighting_candidates")["default"]

    def as_json(self) -> Dict[str, Any]:
        """The shape of the ``status`` route's ``search`` object."""
        return {
            "mode": self.mode,
            "match": self.match,
            "summariesonly": self.summariesonly,
            "maxSightingCandidates": self.max_sighting_candidates,
        }


def parse_order(group: str, value: str) -> Tuple[str, ...]:
    """The provider ids of ``order.<group>`` (comma separated); ValueError naming an id that cannot fill it."""
    allowed = fills(group)
    ids: List[str] = []
    for part in value.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in allowed:
            raise ValueError("%r cannot fill %s (one of: %s)" % (name[:40], group, ", ".join(allowed)))
        if name not in ids:
            ids.append(name)
    return tuple(ids)


def _warn(setting: Dict[str, Any], raw: str, wanted: str) -> None:
    LOG.warning("passivetotal.conf: [%s] %s = %r is not %s; using %s", setting["stanza"], setting["key"], raw[:80],
                wanted, setting["default"])


def _word(setting: Dict[str, Any], text: str) -> Any:
    """A boolean or choice setting's value from its text (not empty), or the default with a warning."""
    if setting["type"] == "boolean":
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        _warn(setting, text, "a boolean")
        return setting["default"]
    for choice in setting["values"]:
        if choice.lower() == text.lower():
            return choice
    _warn(setting, text, "one of " + ", ".join(setting["values"]))
    return setting["default"]


def value_of(setting: Dict[str, Any], raw: Optional[str]) -> Any:
    """One setting's value from its .conf text: the default when absent, empty or (with a warning) not valid.
    URL settings are returned as given (checked by the caller); ``order`` as a tuple of ids."""
    default = setting["default"]
    kind = setting["type"]
    if kind == "url":
        return (raw or default).strip()
    if kind == "proxy":
        return (raw or "").strip()
    text = (raw or "").strip()
    if kind == "order":
        if raw is None:
            return tuple(default)
        try:
            return parse_order(setting["group"], raw)
        except ValueError as error:
            LOG.warning("passivetotal.conf: [datasets] %s: %s; using the default", setting["key"], error)
            return tuple(default)
    if not text:
        return default
    if kind in ("boolean", "choice"):
        return _word(setting, text)
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not setting["min"] <= number <= setting["max"] or (kind == "integer" and not number.is_integer()):
        noun = "whole number" if kind == "integer" else "number"
        _warn(setting, text, "a %s from %g to %g" % (noun, setting["min"], setting["max"]))
        return default
    return int(number) if kind == "integer" else number


def _provider(profile_id: str, values: Mapping[Tuple[str, str], Any], key_host: str) -> ProviderSettings:
    profile = PROFILES[profile_id]
    stanza = profile.stanza
    raw_url = values[(stanza, profile.url_setting)]
    error = ""
    try:
        base_url = check_base_url(raw_url, profile.url_setting)
    except SettingsError as problem:
        base_url, error = profile.base_url.rstrip("/"), str(problem)
    if profile.route == "pt":
        return ProviderSettings(profile_id, base_url, True, 0, 0, float(values[("api", "timeout_seconds")]), error,
                                key_host, int(values[("api", "calls_per_user_per_day")]))
    return ProviderSettings(
        profile_id,
        base_url,
        bool(values[(stanza, "enabled")]),
        int(values[(stanza, "rate_limit_per_minute")]),
        int(values[(stanza, "ttl_seconds")]),
        float(values[(stanza, "timeout_seconds")]),
        error,
        key_host,
        int(values[(stanza, "calls_per_user_per_day")]),
    )


class Settings(NamedTuple):
    """The parsed settings; see the spec file for each one. ``providers`` holds every provider, PassiveTotal too."""

    values: Mapping[Tuple[str, str], Any]
    providers: Mapping[str, ProviderSettings]
    dataset_order: Mapping[str, Tuple[str, ...]]

    def get(self, stanza: str, key: str) -> Any:
        return self.values[(stanza, key)]

    @property
    def base_url(self) -> str:
        return self.providers[PASSIVETOTAL].base_url

    @property
    def https_proxy(self) -> str:
        return str(self.get("api", "https_proxy"))

    @property
    def retries(self) -> int:
        return int(self.get("api", "retries"))

    @property
    def deadline_seconds(self) -> float:
        return float(self.get("api", "deadline_seconds"))

    @property
    def cache_enabled(self) -> bool:
        return bool(self.get("cache", "enabled"))

    @property
    def cache_max_entries(self) -> int:
        return int(self.get("cache", "max_entries"))

    @property
    def cache_max_entry_kb(self) -> int:
        return int(self.get("cache", "max_entry_kb"))

    @property
    def history_max_age_days(self) -> int:
        return int(self.get("history", "max_age_days"))

    @property
    def history_max_records(self) -> int:
        return int(self.get("history", "max_records"))

    @property
    def log_level(self) -> str:
        return str(self.get("logging", "level"))

    @property
    def search(self) -> SearchSettings:
        return SearchSettings(*(self.get("search", key) for key in SearchSettings._fields))

    def ttl_for(self, dataset: str) -> int:
        """Seconds an answer of PassiveTotal's ``dataset`` stays fresh; 0 (never stored) for unknown datasets."""
        if not self.cache_enabled or dataset not in DATASETS:
            return 0
        return int(self.get("cache", "ttl_seconds." + dataset))


def parse(stanzas: Mapping[str, Mapping[str, str]], strict: bool = True) -> Settings:
    """Settings from ``{stanza: {key: value}}``; raises SettingsError for an unsafe https_proxy (not when
    ``strict`` is false: the setup form shows the settings as they are)."""
    values = {(s["stanza"], s["key"]): value_of(s, stanzas.get(s["stanza"], {}).get(s["key"]))
              for s in catalogue.SETTINGS}
    if strict:
        values[("api", "https_proxy")] = check_proxy(values[("api", "https_proxy")])
    providers = {pid: _provider(pid, values, key_host_of(pid, stanzas.get(PROFILES[pid].stanza, {})))
                 for pid in PROFILES}
    order = {group: values[("datasets", "order." + group)] for group in GROUPS}
    return Settings(values, providers, order)


def defaults() -> Settings:
    """Every setting at its default."""
    return parse({})


def stanzas_from_feed(doc: Any) -> Dict[str, Dict[str, str]]:
    """``{stanza: {key: value}}`` from splunkd's JSON feed of ``configs/conf-passivetotal``."""
    result: Dict[str, Dict[str, str]] = {}
    entries = doc.get("entry") if isinstance(doc, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        content: Dict[str, Any] = entry["content"] if isinstance(entry.get("content"), dict) else {}
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
