"""The open intelligence providers the app knows: ids, names, keys, defaults and the datasets each can fill.

Pure data, imported by settings.py (defaults of ``[provider:<id>]``), open_providers.py (the allow-list of
operations), configure.py (the setup form) and credentials.py (realms). The ids are stable: the handler, the core
library, the replay server, the setup page and the UI all use them.

``key`` says whether the provider needs a key: ``none`` (keyless), ``optional`` (works without one; a key raises
the quota) or ``required``. ``key_kind`` says how a key travels: ``bearer`` (``Authorization: Bearer <key>``),
``header`` (the header ``key_header``), ``basic`` (HTTP basic authentication with a real username).
"""

from typing import Dict, NamedTuple, Tuple

PASSIVETOTAL = "passivetotal"


class ProviderInfo(NamedTuple):
    """One open provider and the defaults of its ``[provider:<id>]`` stanza."""

    id: str
    label: str
    url_key: str  # the settings key of its address: "base_url", or "bootstrap_url" for rdap
    base_url: str
    key: str  # "none" | "optional" | "required"
    key_kind: str  # "" | "bearer" | "header" | "basic"
    key_header: str  # the header name when key_kind is "header"
    datasets: Tuple[str, ...]
    rate_limit_per_minute: int
    ttl_seconds: int
    timeout_seconds: int
    note: str  # terms of use worth showing on the setup page, or ""


PROVIDERS: Dict[str, ProviderInfo] = {
    p.id: p
    for p in [
        ProviderInfo(
            "rdap", "RDAP", "bootstrap_url", "https://data.iana.org/rdap/", "none", "", "", ("whois",),
            30, 21600, 15, "",
        ),
        ProviderInfo(
            "crtsh", "crt.sh", "base_url", "https://crt.sh", "none", "", "", ("certificates",),
            5, 21600, 28, "Best effort: crt.sh is slow for large domains and limits heavy use.",
        ),
        ProviderInfo(
            "certspotter", "Cert Spotter", "base_url", "https://api.certspotter.com", "optional", "bearer", "",
            ("certificates",), 5, 3600, 15, "Without a key about 100 queries an hour; lists unexpired certificates.",
        ),
        ProviderInfo(
            "mnemonic", "mnemonic PassiveDNS", "base_url", "https://api.mnemonic.no", "optional", "header",
            "Argus-API-Key", ("resolutions",), 10, 3600, 15,
            "Public data without a key, with a resource limit; a key raises it.",
        ),
        ProviderInfo(
            "otx", "AlienVault OTX", "base_url", "https://otx.alienvault.com", "required", "header", "X-OTX-API-KEY",
            ("resolutions", "reputation"), 30, 3600, 15, "Needs a free OTX account key.",
        ),
        ProviderInfo(
            "circl", "CIRCL Passive DNS", "base_url", "https://www.circl.lu", "required", "basic", "",
            ("resolutions",), 30, 3600, 15, "Access is granted by CIRCL on request (username and password).",
        ),
        ProviderInfo(
            "urlhaus", "URLhaus", "base_url", "https://urlhaus-api.abuse.ch", "required", "header", "Auth-Key",
            ("reputation",), 30, 3600, 15, "Needs a free abuse.ch Auth-Key.",
        ),
        ProviderInfo(
            "threatfox", "ThreatFox", "base_url", "https://threatfox-api.abuse.ch", "required", "header", "Auth-Key",
            ("reputation",), 30, 3600, 15, "Needs a free abuse.ch Auth-Key.",
        ),
        ProviderInfo(
            "internetdb", "Shodan InternetDB", "base_url", "https://internetdb.shodan.io", "none", "", "",
            ("host_attributes",), 30, 86400, 10, "Free for non-commercial use only; data refreshed about weekly.",
        ),
    ]
}

PROVIDER_IDS: Tuple[str, ...] = tuple(PROVIDERS)

# The datasets the investigation page fills from several providers, and the default order of their providers
# (passivetotal is used only when it is configured).
DEFAULT_ORDER: Dict[str, Tuple[str, ...]] = {
    "whois": ("passivetotal", "rdap"),
    "certificates": ("passivetotal", "crtsh", "certspotter"),
    "resolutions": ("passivetotal", "mnemonic", "otx", "circl"),
    "reputation": ("passivetotal", "otx", "urlhaus", "threatfox"),
    "host_attributes": ("passivetotal", "internetdb"),
}
ORDER_DATASETS: Tuple[str, ...] = tuple(DEFAULT_ORDER)


def fills(dataset: str) -> Tuple[str, ...]:
    """The provider ids that may appear in ``order.<dataset>``: passivetotal and every provider of the dataset."""
    return (PASSIVETOTAL,) + tuple(p.id for p in PROVIDERS.values() if dataset in p.datasets)


def realm(provider: str) -> str:
    """The storage/passwords realm of a provider's key: ``passivetotal_<id>``."""
    return "passivetotal_" + provider
