"""Which providers answer which dataset, how each is asked through the endpoint, and how their answers merge.

The investigation page's rules (packages/core/src/providers/composite.ts, passivetotal-provider.ts and
open/open-provider.ts): the endpoint's ``status`` says whether PassiveTotal is configured, which open providers are
ready and the order of the providers per dataset group (``[datasets] order.<group>``). A dataset of a group is asked
of every ready provider in the group's order that offers it for the indicator's type; datasets outside the groups
(unique resolutions, certificate history, trackers ...) only PassiveTotal answers. The answers merge as on the page:
resolutions by value, answer and record type (sources united, earliest first seen, latest last seen); other lists
in order with duplicates dropped; rows keep the provider that gave them. Providers that failed while others
answered are problems beside the data.
"""

import json
from typing import Any, Callable, Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from . import open_mappers, pt_mappers
from .endpoint import Answer, call_path
from .indicators import TYPE_LABELS, Indicator
from .jsonread import JsonObject, as_object, date_range
from .rdap_mapper import map_rdap, rdap_reported_error

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


# ---------------------------------------------------------------------------------------------------------------
# How each provider is asked


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


# ---------------------------------------------------------------------------------------------------------------
# Errors


class Problem(NamedTuple):
    """A provider's failure for a dataset: the kind (as the page sorts them), the endpoint's stable code and text,
    and when a spent quota resets."""

    provider: str
    dataset: str
    kind: str
    code: Optional[str]
    text: str
    reset_at: Optional[str] = None


_NOT_CONFIGURED = ("not_configured", "provider_not_configured", "provider_disabled")


def classify(answer: Answer, provider: str) -> str:
    """The kind of a failed answer, from its status and stable code (never from the text)."""
    code = answer.code
    if code in _NOT_CONFIGURED:
        return "not-configured"
    if code == "forbidden":
        return "not-permitted"
    if code in ("quota_exceeded", "rate_limited") or answer.status == 429:
        return "quota"
    if answer.status == 401:
        return "unauthorized"
    if answer.status == 402:
        return "forbidden" if provider == PASSIVETOTAL else "quota"
    if answer.status == 403:
        return "forbidden"
    if answer.status == 400:
        return "bad-request"
    if answer.status == 404:
        return "not-found"
    if answer.status >= 500:
        return "upstream"
    return "malformed"


def _reset_words(reset_at: Optional[str]) -> str:
    if not reset_at:
        return ""
    shown = reset_at.replace("T", " ").replace("Z", " UTC")
    if len(shown) > 16 and shown[16:19] == ":00":
        shown = shown[:16] + shown[19:]
    return "; it resets %s" % shown.strip()


def problem_words(p: Problem) -> str:
    """A failure in words for the search's messages, e.g. ``PassiveTotal quota exceeded for passive DNS``."""
    label = LABELS.get(p.provider, p.provider)
    what = DATASET_WORDS.get(p.dataset, p.dataset)
    if p.kind == "quota":
        if p.code == "rate_limited" or (p.code != "quota_exceeded" and p.provider != PASSIVETOTAL):
            return "%s rate limit reached for %s; try again in a minute" % (label, what)
        return "%s quota exceeded for %s%s" % (label, what, _reset_words(p.reset_at))
    if p.kind == "not-configured":
        return "%s is not configured for %s: an administrator sets it up on the app's setup page" % (label, what)
    if p.kind == "not-permitted":
        return "Your Splunk role may not ask %s for %s (capability passivetotal_query)" % (label, what)
    if p.kind == "unauthorized":
        return "%s refused the app's credentials for %s: an administrator should check them on the setup page" % (
            label, what)
    if p.kind == "forbidden":
        return "%s does not allow %s for this account (licence)" % (label, what)
    if p.kind == "bad-request":
        return "%s refused the query for %s: %s" % (label, what, p.text)
    if p.kind == "not-found":
        return "%s has no %s for this value" % (label, what)
    if p.kind == "unsupported":
        return p.text
    if p.code == "splunkd_unreachable":
        return "splunkd could not be reached for %s" % what
    if p.code == "upstream_unavailable":
        return "%s could not be reached for %s" % (label, what)
    if p.code == "upstream_timeout":
        return "%s did not answer in time for %s" % (label, what)
    if p.code == "internal":
        return "The app's endpoint failed on %s: %s" % (what, p.text)
    if p.kind == "malformed":
        return "%s answered %s with something the app cannot read" % (label, what)
    return "%s answered %s with an error: %s" % (label, what, p.text)


def unsupported(dataset: str, indicator: Indicator, sources: Sources) -> Problem:
    """No configured provider offers the dataset for this type: who could."""
    could = would_fill(dataset, indicator, sources)
    what = DATASET_WORDS.get(dataset, dataset)
    kind = TYPE_LABELS.get(indicator.type, indicator.type)
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    text = "No configured source has %s for %s %s" % (what, article, kind)
    if could:
        text += "; %s could (an administrator sets providers up on the app's setup page)" % ", ".join(could)
    return Problem("", dataset, "unsupported", None, text)


# ---------------------------------------------------------------------------------------------------------------
# Running one provider's ask against its answers


class Outcome(NamedTuple):
    """One provider's result: the mapped value, or the problem."""

    provider: str
    value: Optional[JsonObject]
    problem: Optional[Problem]
    cached: bool = False


def _empty(dataset: str, value: str) -> JsonObject:
    if dataset == "resolutions":
        return open_mappers.resolutions_page(value, [])
    return {"records": [], "total": 0}


def _is_empty_page(value: JsonObject) -> bool:
    records = value.get("records")
    return isinstance(records, list) and len(records) == 0


class Progress:
    """One provider's ask in progress: which call comes next, and the outcome once known."""

    def __init__(self, ask: Ask, dataset: str) -> None:
        self.ask = ask
        self.dataset = dataset
        self._step = 0
        self.outcome: Optional[Outcome] = None

    def next_call(self) -> Optional[str]:
        """The call to send, or None when the outcome is known."""
        return None if self.outcome is not None else self.ask.calls[self._step][0]

    def feed(self, answer: Answer) -> None:
        """Takes the answer to ``next_call()``: maps it, or moves on to the next value when it was empty."""
        provider = self.ask.provider
        value = self.ask.calls[self._step][1]
        if not answer.ok:
            if provider != PASSIVETOTAL and answer.code == "not_found":
                mapped: JsonObject = _empty(self.dataset, value)  # the upstream's "no record"
                cached = False
            else:
                self.outcome = Outcome(provider, None, Problem(
                    provider, self.dataset, classify(answer, provider), answer.code,
                    answer.text or "the app's endpoint answered with status %d" % answer.status, answer.reset_at))
                return
        else:
            body = as_object(answer.body)
            if body is None or "data" not in body:
                self.outcome = Outcome(provider, None, Problem(
                    provider, self.dataset, "malformed", None, 'the answer has no "data" member'))
                return
            data = body["data"]
            report = self.ask.reported_error(data) if self.ask.reported_error else None
            if report is not None:
                self.outcome = Outcome(provider, None, Problem(
                    provider, self.dataset, report.kind, None, report.reason))
                return
            try:
                mapped = self.ask.map(data, value)
            except pt_mappers.Malformed as error:
                self.outcome = Outcome(provider, None, Problem(provider, self.dataset, "malformed", None, error.reason))
                return
            cached = body.get("cached") is True
        if _is_empty_page(mapped) and self._step + 1 < len(self.ask.calls):
            self._step += 1
            return
        self.outcome = Outcome(provider, mapped, None, cached)


# ---------------------------------------------------------------------------------------------------------------
# Merging


class Merged(NamedTuple):
    """A dataset's answer over its providers: the value (None when every provider failed), the providers that
    answered, and the problems."""

    value: Optional[JsonObject]
    providers: List[str]
    problems: List[Problem]


def _lower(*parts: Any) -> str:
    return "\u0000".join("" if p is None else str(p).lower() for p in parts)


def _certificate_keys(c: JsonObject) -> List[str]:
    keys: List[str] = []
    if c.get("sha1"):
        keys.append("sha1:" + c["sha1"])
    if c.get("fingerprint") is not None:
        keys.append("fp:" + c["fingerprint"].lower())
    if c.get("serialNumber") is not None:
        keys.append("serial:" + _lower((c.get("issuer") or {}).get("commonName"), c["serialNumber"]))
    if not keys:
        keys.append(_lower(c.get("provider"), c.get("issued"), c.get("expires"),
                           (c.get("subject") or {}).get("commonName"),
                           ",".join(c.get("subjectAlternativeNames") or [])))
    return keys


def _record_keys(dataset: str, r: JsonObject) -> List[str]:
    if dataset == "whois":
        return [_lower(r.get("provider"), r.get("domain"), r.get("registered"), r.get("lastLoaded"))]
    if dataset in ("certificates-for-name", "certificate-details"):
        return _certificate_keys(r)
    if dataset == "reputation":
        return [_lower(r.get("provider"), r.get("verdict"), r.get("threat"), r.get("malware"), r.get("reference"),
                       r.get("firstSeen"), ",".join(r.get("tags") or []))]
    return [json.dumps(r, sort_keys=True)]


def _stamp(records: List[JsonObject], provider: str) -> List[JsonObject]:
    return [r if r.get("provider") is not None else dict(r, provider=provider) for r in records]


def _merge_resolutions(answers: List[Outcome]) -> JsonObject:
    by_key: Dict[str, JsonObject] = {}
    providers_of: Dict[str, List[str]] = {}
    for a in answers:
        for r in _stamp(list((a.value or {}).get("records") or []), a.provider):
            k = _lower(r.get("value"), r.get("resolve"), r.get("recordType"))
            seen = by_key.get(k)
            if seen is None:
                by_key[k] = r
                providers_of[k] = [a.provider]
                continue
            merged = dict(seen)
            merged["sources"] = list(dict.fromkeys(list(seen.get("sources") or []) + list(r.get("sources") or [])))
            first = date_range([seen.get("firstSeen"), r.get("firstSeen")]).get("firstSeen")
            last = date_range([seen.get("lastSeen"), r.get("lastSeen")]).get("lastSeen")
            if first is not None:
                merged["firstSeen"] = first
            if last is not None:
                merged["lastSeen"] = last
            by_key[k] = merged
            if a.provider not in providers_of[k]:
                providers_of[k].append(a.provider)
    records = []
    for k, r in by_key.items():
        records.append(dict(r, providers=providers_of[k]))
    pages = [a.value or {} for a in answers]
    beyond = sum(max(0, (p.get("total") or 0) - len(p.get("records") or [])) for p in pages)
    return {"records": records, "total": len(records) + beyond}


def merge(dataset: str, outcomes: List[Outcome]) -> Merged:
    """The page's merge of several providers' outcomes for one dataset."""
    answers = [o for o in outcomes if o.value is not None]
    problems = [o.problem for o in outcomes if o.problem is not None]
    relevant = [p for p in problems if p.kind != "unsupported"]
    if not answers:
        return Merged(None, [], relevant or problems)
    providers = [a.provider for a in answers]
    first = answers[0].value or {}
    if len(answers) == 1 and isinstance(first.get("records"), list):
        # One answer is kept as it is, its rows given the provider's id.
        records: List[JsonObject] = _stamp(list(first["records"]), providers[0])
        if dataset == "resolutions":
            records = [dict(r, providers=providers) for r in records]
        return Merged(dict(first, records=records), providers, relevant)
    if dataset == "resolutions":
        return Merged(_merge_resolutions(answers), providers, relevant)
    if not isinstance(first.get("records"), list):
        return Merged(first, providers, relevant)  # a single value (enrichment): the first provider's
    seen = set()
    records = []
    beyond = 0
    for a in answers:
        page = a.value or {}
        rows = list(page.get("records") or [])
        beyond += max(0, (page.get("total") or 0) - len(rows))
        for r in _stamp(rows, a.provider) if isinstance(rows, list) else []:
            keys = _record_keys(dataset, r)
            if any(k in seen for k in keys):
                continue
            seen.update(keys)
            records.append(r)
    merged: JsonObject = {"records": records, "total": len(records) + beyond}
    if any((a.value or {}).get("truncated") for a in answers):
        merged["truncated"] = True
    return Merged(merged, providers, relevant)
