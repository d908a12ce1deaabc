"""The providers of each dataset: the groups of datasets, the providers' names and default order, the words for
each dataset, and what the endpoint's ``status`` says about them (PassiveTotal configured, the ready open providers,
the order per group set by ``[datasets] order.<group>``)."""

from typing import Any, Dict, FrozenSet, List, NamedTuple, Tuple

from .jsonread import as_object

PASSIVETOTAL = "passivetotal"
GROUPS = ("whois", "certificates", "resolutions", "reputation", "host_attributes")
DEFAULT_ORDER: Dict[str, Tuple[str, ...]] = {
    "whois": ("passivetotal", "rdap"),
    "certificates": ("passivetotal", "crtsh", "certspotter"),
    "resolutions": ("passivetotal", "mnemonic", "otx", "circl"),
    "reputation": ("passivetotal", "otx", "urlhaus", "threatfox"),
    "host_attributes": ("passivetotal", "internetdb"),
}
LABELS = {
    "passivetotal": "PassiveTotal",
    "rdap": "RDAP",
    "crtsh": "crt.sh",
    "certspotter": "Cert Spotter",
    "mnemonic": "mnemonic PassiveDNS",
    "otx": "AlienVault OTX",
    "circl": "CIRCL Passive DNS",
    "urlhaus": "URLhaus",
    "threatfox": "ThreatFox",
    "internetdb": "Shodan InternetDB",
}
# The group each dataset belongs to (datasets outside every group: PassiveTotal only).
GROUP_OF = {
    "whois": "whois",
    "certificates-for-name": "certificates",
    "resolutions": "resolutions",
    "reputation": "reputation",
}
# What each dataset is, in messages ("PassiveTotal quota exceeded for passive DNS").
DATASET_WORDS = {
    "resolutions": "passive DNS",
    "unique-resolutions": "unique resolutions",
    "whois": "WHOIS",
    "whois-by-email": "WHOIS search by email",
    "certificates-for-name": "certificates",
    "certificate-history": "certificate history",
    "certificate-details": "certificate details",
    "reputation": "reputation",
    "enrichment": "enrichment",
    "trackers": "trackers",
    "tracker-hosts": "hosts sharing a tracker",
}
HOSTS = ("ipv4", "ipv6", "domain")


class Sources(NamedTuple):
    """What ``status`` says about the providers: PassiveTotal configured, the ready open providers, the order."""

    passivetotal: bool
    ready: FrozenSet[str]
    order: Dict[str, Tuple[str, ...]]

    def usable(self, provider: str) -> bool:
        return self.passivetotal if provider == PASSIVETOTAL else provider in self.ready

    def providers(self, dataset: str) -> List[str]:
        """The providers asked for a dataset, in order, before looking at the indicator."""
        group = GROUP_OF.get(dataset)
        if group is None:
            return [PASSIVETOTAL] if self.passivetotal else []
        return [p for p in self.order.get(group, DEFAULT_ORDER.get(group, ())) if self.usable(p)]


def sources_from_status(body: Any) -> Sources:
    """The providers of a ``status`` answer (missing parts: PassiveTotal alone, the default order)."""
    o = as_object(body) or {}
    listed = o.get("providers")
    ready = frozenset(
        str(p.get("id"))
        for p in (listed if isinstance(listed, list) else [])
        if isinstance(p, dict) and p.get("ready") is True and isinstance(p.get("id"), str)
    )
    order = dict(DEFAULT_ORDER)
    given = as_object(o.get("datasetOrder")) or {}
    for group in GROUPS:
        ids = given.get(group)
        if isinstance(ids, list):
            order[group] = tuple(str(i) for i in ids if isinstance(i, str))
    return Sources(o.get("configured") is True, ready, order)
