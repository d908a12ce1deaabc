"""How each provider is asked for a dataset about an indicator through the endpoint: the calls (PassiveTotal's
``pt/<route>``, an open provider's ``open/<provider>/<operation>``, RDAP's parents of a host name), the mapper of the
answer and the reader of an error inside it; and which providers could fill a dataset that none configured does."""

from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple

from . import open_mappers, pt_mappers
from .endpoint import call_path
from .indicators import Indicator
from .jsonread import JsonObject
from .rdap_mapper import map_rdap, rdap_reported_error
from .sources import GROUPS, HOSTS, LABELS, PASSIVETOTAL, Sources


class Ask(NamedTuple):
    """One provider's way to a dataset for an indicator: the calls to try in turn while the answer is empty (RDAP
    asks the parent names of a host name), how to map an answer and how to read an error inside it."""

    provider: str
    calls: Tuple[Tuple[str, str], ...]  # (call path, the value asked)
    map: Callable[[Any, str], JsonObject]
    reported_error: Optional[Callable[[Any], Optional[open_mappers.UpstreamReport]]] = None


TimeParams = Sequence[Tuple[str, str]]


def _pt(route: str, params: Sequence[Tuple[str, str]], value: str, mapper: Callable[[Any, str], JsonObject]) -> Ask:
    return Ask(PASSIVETOTAL, ((call_path("pt/" + route, params), value),), mapper)


def _open(provider: str, operation: str, values: Sequence[str], mapper: Callable[[Any, str], JsonObject],
          reported: Optional[Callable[[Any], Optional[open_mappers.UpstreamReport]]] = None) -> Ask:
    calls = tuple((call_path("open/%s/%s" % (provider, operation), [("q", v)]), v) for v in values)
    return Ask(provider, calls, mapper, reported)


def _with_parents(indicator: Indicator) -> List[str]:
    """A host name and its parents down to two labels, at most two of them (``www.evil.example`` is not
    registered; ``evil.example`` is)."""
    if indicator.type != "domain":
        return [indicator.value]
    labels = indicator.value.split(".")
    return [".".join(labels[i:]) for i in range(0, 3) if len(labels) - i >= 2]


def _pt_ask(dataset: str, i: Indicator, times: TimeParams) -> Optional[Ask]:
    q = i.intel_query
    if dataset == "resolutions" and i.type in HOSTS:
        return _pt("dns/passive", [("query", q)] + list(times), q, lambda d, v: pt_mappers.map_passive_dns(d))
    if dataset == "unique-resolutions" and i.type in HOSTS:
        return _pt("dns/passive/unique", [("query", q)] + list(times), q,
                   lambda d, v: pt_mappers.map_unique_resolutions(d))
    if dataset == "whois" and i.type in ("domain", "ipv4"):
        return _pt("whois", [("query", q)], q, lambda d, v: pt_mappers.map_whois(d))
    if dataset == "whois-by-email" and i.type == "email":
        return _pt("whois/search", [("field", "email"), ("query", q)], q, lambda d, v: pt_mappers.map_whois_search(d))
    if dataset == "certificates-for-name" and i.type == "domain":
        return _pt("ssl-certificate/search", [("field", "name"), ("query", q)], q,
                   pt_mappers.map_certificates_for_name)
    if dataset == "certificate-history" and i.type in ("ipv4", "sha1"):
        return _pt("ssl-certificate/history", [("query", q)], q, lambda d, v: pt_mappers.map_certificate_history(d))
    if dataset == "certificate-details" and i.type == "sha1":
        return _pt("ssl-certificate", [("query", q)], q, lambda d, v: pt_mappers.map_certificates(d))
    if dataset in ("reputation", "enrichment") and i.type in HOSTS:
        return _pt("enrichment", [("query", q)], q, lambda d, v: pt_mappers.map_enrichment(d))
    if dataset == "trackers" and i.type in HOSTS:
        return _pt("host-attributes/trackers", [("query", q)] + list(times), q,
                   lambda d, v: pt_mappers.map_trackers(d))
    if dataset == "tracker-hosts" and i.type == "tracker":
        return _pt("trackers/search", [("query", q), ("type", i.tracker_type)], q,
                   lambda d, v: pt_mappers.map_tracker_search(d))
    return None


def _circl(data: Any, value: str) -> JsonObject:
    resolutions: JsonObject = open_mappers.map_circl(data, value)["resolutions"]
    return resolutions


def _open_ask(provider: str, dataset: str, i: Indicator) -> Optional[Ask]:
    if i.type not in HOSTS:
        return None
    v = i.value
    if provider == "rdap" and dataset == "whois":
        return _open("rdap", "domain" if i.type == "domain" else "ip", _with_parents(i), lambda d, q: map_rdap(d),
                     rdap_reported_error)
    if dataset == "certificates-for-name" and i.type == "domain":
        if provider == "crtsh":
            return _open("crtsh", "certificates", [v], open_mappers.map_crtsh)
        if provider == "certspotter":
            return _open("certspotter", "issuances", [v], open_mappers.map_certspotter,
                         open_mappers.certspotter_reported_error)
    if dataset == "resolutions":
        if provider == "mnemonic":
            return _open("mnemonic", "resolutions", [v], open_mappers.map_mnemonic,
                         open_mappers.mnemonic_reported_error)
        if provider == "otx":
            return _open("otx", "passive_dns", [v], open_mappers.map_otx_passive_dns, open_mappers.otx_reported_error)
        if provider == "circl":
            return _open("circl", "resolutions", [v], _circl)
    if dataset == "reputation":
        if provider == "otx":
            return _open("otx", "general", [v], open_mappers.map_otx_general, open_mappers.otx_reported_error)
        if provider == "urlhaus":
            return _open("urlhaus", "host", [v], lambda d, q: open_mappers.map_urlhaus(d),
                         open_mappers.urlhaus_reported_error)
        if provider == "threatfox":
            return _open("threatfox", "search", [v], lambda d, q: open_mappers.map_threatfox(d),
                         open_mappers.threatfox_reported_error)
    return None


def asks(sources: Sources, dataset: str, indicator: Indicator, times: TimeParams = ()) -> List[Ask]:
    """How each provider in order is asked for a dataset about an indicator (empty: no configured provider)."""
    found: List[Ask] = []
    for provider in sources.providers(dataset):
        ask = (_pt_ask(dataset, indicator, times) if provider == PASSIVETOTAL
               else _open_ask(provider, dataset, indicator))
        if ask is not None:
            found.append(ask)
    return found


def would_fill(dataset: str, indicator: Indicator, sources: Sources) -> List[str]:
    """The labels of providers that could fill a dataset for the indicator but are not used (not configured, not
    ready, or not in the dataset's order)."""
    everyone = Sources(True, frozenset(LABELS) - {PASSIVETOTAL}, {g: tuple(LABELS) for g in GROUPS})
    used = {a.provider for a in asks(sources, dataset, indicator)}
    return [LABELS[a.provider] for a in asks(everyone, dataset, indicator) if a.provider not in used]
