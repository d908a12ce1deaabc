"""The providers as profiles of the one pipeline, built from the catalogue (catalogue.py, catalogue/README.md).

A :class:`Profile` holds everything the pipeline needs of a provider: its address and the setting that changes
it, how its key travels, its limits and lifetimes, the error codes of its statuses, and its operations. An
:class:`Operation` is one thing the browser may ask (its parameters and their validators) and the one upstream
request it becomes (a template), with its answer's size cap and kind. PassiveTotal is the profile whose route is
``pt`` (``pt/<operation>``, settings ``[api]``); every other provider's route is ``open``
(``open/<id>/<operation>``, settings ``[provider:<id>]``).
"""

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from . import catalogue
from .credentials import REALM


class Param(NamedTuple):
    """One parameter of an operation. ``depends_on`` is ``(parameter, {value of it: validator})``: the validator
    chosen by another parameter's value (WHOIS search by ``field``)."""

    name: str
    validator: str
    required: bool
    values: Tuple[str, ...]
    any_case: bool
    depends_on: Optional[Tuple[str, Dict[str, str]]]


class Operation(NamedTuple):
    """One operation of a provider (the keys of an operation in catalogue/README.md)."""

    provider: str
    name: str
    endpoint: str  # the answer's "endpoint": the API path (pt) or "<provider>/<operation>" (open)
    label: str
    dataset: str
    group: Optional[str]
    method: str
    path: str
    query: Tuple[Tuple[str, str], ...]
    form: Tuple[Tuple[str, str], ...]
    json_body: Tuple[Tuple[str, str], ...]
    forward_params: bool
    accept: str
    kinds: Dict[str, str]
    bootstrap: Dict[str, str]
    referral: bool
    follow_redirects: bool
    not_found_is_empty: bool
    cached: bool
    params: Dict[str, Param]
    max_bytes: int
    response: str

    def required(self) -> List[str]:
        """The names of the required parameters, in catalogue order."""
        return [name for name, param in self.params.items() if param.required]

    def value_validator(self) -> str:
        """The validator of the operation's first parameter (what ``{kind}`` and ``bootstrap`` are keyed by)."""
        first = next(iter(self.params.values()), None)
        return first.validator if first else ""


class Profile(NamedTuple):
    """One provider (the keys of a provider in catalogue/README.md)."""

    id: str
    label: str
    route: str  # "pt" or "open"
    base_url: str
    url_setting: str  # "base_url", or "bootstrap_url" for RDAP
    key: str  # "none", "optional" or "required"
    auth_style: str  # "", "basic", "bearer" or "header"
    auth_header: str
    secret: str  # what the key is called in texts: "API key", "password"
    rate_limit_per_minute: int
    ttl_seconds: Optional[int]  # None: per cache dataset ([cache] ttl_seconds.<dataset>)
    timeout_seconds: float
    statuses: Dict[int, str]  # upstream status -> error code, the provider's own over the catalogue's
    reports_errors_in_2xx: bool
    quota_operation: str
    resolver: Dict[str, Any]
    check_operation: str
    check_params: Tuple[Tuple[str, str], ...]
    check_text: str
    note: str
    operations: Dict[str, Operation]

    @property
    def realm(self) -> str:
        """The storage/passwords realm of its credential: ``passivetotal`` (pt) or ``passivetotal_<id>``."""
        return REALM if self.route == "pt" else "passivetotal_" + self.id

    @property
    def stanza(self) -> str:
        """Its stanza of passivetotal.conf: ``api`` (pt) or ``provider:<id>``."""
        return "api" if self.route == "pt" else "provider:" + self.id

    @property
    def cache_name(self) -> str:
        """What its cache entries name as their provider (with the base URL after it)."""
        return "passivetotal" if self.route == "pt" else "open:" + self.id

    @property
    def cache_prefix(self) -> str:
        """The prefix of its cache keys: none for PassiveTotal, ``open:<id>:`` for the others."""
        return "" if self.route == "pt" else "open:%s:" % self.id

    @property
    def basic(self) -> bool:
        """Whether its credential is a real username with a secret (HTTP basic authentication)."""
        return self.auth_style == "basic"

    def groups(self) -> Tuple[str, ...]:
        """The groups of the investigation page its operations fill, in operation order."""
        found: List[str] = []
        for operation in self.operations.values():
            group = operation.group or operation.dataset
            if group in catalogue.GROUPS and group not in found:
                found.append(group)
        return tuple(found)

    def setting(self, key: str) -> str:
        """How a message names one of its settings: ``timeout_seconds`` or ``timeout_seconds of [provider:crtsh]``."""
        return key if self.route == "pt" else "%s of [%s]" % (key, self.stanza)


def _pairs(raw: Any) -> Tuple[Tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in raw or [])


def _param(name: str, raw: Dict[str, Any]) -> Param:
    depends = raw.get("dependsOn")
    return Param(
        name,
        raw["validator"],
        bool(raw.get("required")),
        tuple(raw.get("values") or ()),
        bool(raw.get("anyCase")),
        (depends["param"], dict(depends["validators"])) if depends else None,
    )


def _operation(provider: str, route: str, name: str, raw: Dict[str, Any]) -> Operation:
    return Operation(
        provider=provider,
        name=name,
        endpoint=name if route == "pt" else "%s/%s" % (provider, name),
        label=raw["label"],
        dataset=raw["dataset"],
        group=raw.get("group"),
        method=raw["method"],
        path=raw["path"],
        query=_pairs(raw.get("query")),
        form=_pairs(raw.get("form")),
        json_body=_pairs(raw.get("json")),
        forward_params=bool(raw.get("forwardParams")),
        accept=raw.get("accept") or "application/json",
        kinds=dict(raw.get("kinds") or {}),
        bootstrap=dict(raw.get("bootstrap") or {}),
        referral=bool(raw.get("referral")),
        follow_redirects=bool(raw.get("followRedirects")),
        not_found_is_empty=bool(raw.get("notFoundIsEmpty")),
        cached=raw.get("cached", True) is not False,
        params={n: _param(n, p) for n, p in raw["params"].items()},
        max_bytes=int(raw["maxBytes"]),
        response=raw["response"],
    )


def _profile(provider_id: str, raw: Dict[str, Any]) -> Profile:
    auth = raw["auth"]
    statuses = {int(s): code for s, code in catalogue.HTTP["statuses"].items()}
    statuses.update({int(s): code for s, code in (raw.get("statuses") or {}).items()})
    check = raw["check"]
    ttl = raw.get("ttlSeconds")
    return Profile(
        id=provider_id,
        label=raw["label"],
        route=raw["route"],
        base_url=raw["baseUrl"],
        url_setting=raw["urlSetting"],
        key=auth["key"],
        auth_style=auth.get("style", ""),
        auth_header=auth.get("header", ""),
        secret=auth.get("secret", "API key"),
        rate_limit_per_minute=int(raw["rateLimitPerMinute"]),
        ttl_seconds=int(ttl) if ttl is not None else None,
        timeout_seconds=float(raw["timeoutSeconds"]),
        statuses=statuses,
        reports_errors_in_2xx=bool(raw.get("reportsErrorsIn2xx")),
        quota_operation=raw.get("quotaOperation", ""),
        resolver=dict(raw.get("resolver") or {}),
        check_operation=check["operation"],
        check_params=tuple(sorted(check.get("params", {}).items())),
        check_text=check.get("text", ""),
        note=raw.get("note", ""),
        operations={n: _operation(provider_id, raw["route"], n, o) for n, o in raw["operations"].items()},
    )


PROFILES: Dict[str, Profile] = {pid: _profile(pid, raw) for pid, raw in catalogue.PROVIDERS.items()}
PASSIVETOTAL = next(p.id for p in PROFILES.values() if p.route == "pt")
OPEN_IDS: Tuple[str, ...] = tuple(p.id for p in PROFILES.values() if p.route == "open")
GROUPS: Tuple[str, ...] = tuple(catalogue.GROUPS)
DEFAULT_ORDER: Dict[str, Tuple[str, ...]] = {g: tuple(entry["order"]) for g, entry in catalogue.GROUPS.items()}


def fills(group: str) -> Tuple[str, ...]:
    """The provider ids that may appear in ``order.<group>``, in catalogue order (PassiveTotal first)."""
    return tuple(p.id for p in PROFILES.values() if group in p.groups())
