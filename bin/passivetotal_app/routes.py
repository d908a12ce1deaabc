"""Routing and the allow-list: which requests the endpoint serves, and exactly which upstream calls it may make.

The endpoint is ``/servicesNS/<owner>/passivetotal/passivetotal/<route>`` (restmap.conf ``match =
/passivetotal``). Routes: ``pt/<api path>`` (GET, the read-only PassiveTotal v2 endpoints in :data:`ENDPOINTS`),
``open/<provider>/<operation>`` (GET, the open providers: their allow-list is open_providers.py), ``batch`` (GET,
several pt/ and open/ calls in one request, service.py), ``quota`` (GET),
``status`` (GET), ``check`` (GET), ``cache`` (DELETE), and the setup page's ``setup`` (GET, POST) and
``credentials`` (POST, DELETE). README.md, "The app's REST endpoint".

The upstream URL is always ``<base_url>/<one of the fixed paths below>?<validated parameters>``: the path comes
from this table, never from the request, and each parameter value passes a validator for its syntax, so no
request can reach another URL or host. Everything else is refused with 400 ``not_allowed`` and a message that
names what was refused.
"""

import datetime
import ipaddress
import re
import unicodedata
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

from .errors import METHOD_NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, ProxyError
from .model import Query

MAX_PATH_CHARS = 200
MAX_VALUE_CHARS = 512
MAX_PARAMS = 10
# splunkd's own parameter, which may or may not appear in the query list (reference section 4.4); never forwarded.
IGNORED_PARAMS = frozenset(["output_mode"])

Validator = Callable[[str], str]


class Refusal(Exception):
    """A validator's refusal: why the value is not accepted."""


# ----------------------------------------------------------------------------------------------- value validators

_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9._+-]{1,64}$")
_TRACKER_VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
_TRACKER_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,63}$")
_PHONE = re.compile(r"^[0-9+().\- ]{3,40}$")
_SOURCES = re.compile(r"^[a-z0-9_]{1,40}(,[a-z0-9_]{1,40}){0,19}$")
_PAGE = re.compile(r"^\d{1,5}$")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
_API_PATH = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*$")


def domain_name(value: str) -> str:
    """A host or domain name: letters, digits, ``-`` and ``_`` in labels of at most 63, two labels or more, at most
    253 characters, a TLD that is not all digits. Lower-cased, one trailing dot dropped."""
    name = value.lower()
    if name.endswith("."):
        name = name[:-1]
    if not name or len(name) > 253:
        raise Refusal("a domain name has 1 to 253 characters")
    labels = name.split(".")
    if len(labels) < 2:
        raise Refusal("a domain name needs at least two labels, like example.com")
    for label in labels:
        if not _LABEL.match(label):
            raise Refusal("%s is not a valid domain label" % _shown(label))
    if labels[-1].isdigit():
        raise Refusal("%s is neither an IP address nor a domain name" % _shown(value))
    return name


def ip_address(value: str) -> str:
    """An IPv4 address in dotted-quad form or an IPv6 address; returned in canonical (compressed) form."""
    try:
        if _IPV4.match(value):
            return str(ipaddress.IPv4Address(value))
        if ":" in value:
            return ipaddress.IPv6Address(value).compressed
    except ValueError:
        pass
    raise Refusal("%s is not an IP address" % _shown(value))


def host(value: str) -> str:
    """An IP address or a domain name."""
    if _IPV4.match(value) or ":" in value:
        return ip_address(value)
    return domain_name(value)


def host_or_wildcard(value: str) -> str:
    """A host, or a wildcard domain ``*.example.com`` (passive DNS)."""
    if value.startswith("*."):
        return "*." + domain_name(value[2:])
    return host(value)


def subdomain_query(value: str) -> str:
    """``*.example.com``, ``.example.com`` or ``example.com`` (enrichment/subdomains)."""
    if value.startswith("*."):
        return "*." + domain_name(value[2:])
    if value.startswith("."):
        return "." + domain_name(value[1:])
    return domain_name(value)


def email(value: str) -> str:
    """An email address (``local@domain``), lower-cased."""
    local, at, domain = value.rpartition("@")
    if not at or not _EMAIL_LOCAL.match(local):
        raise Refusal("%s is not an email address" % _shown(value))
    return local.lower() + "@" + domain_name(domain)


def sha1(value: str) -> str:
    """40 hexadecimal digits (a certificate SHA-1), lower-cased."""
    if not _SHA1.match(value):
        raise Refusal("a SHA-1 is 40 hexadecimal digits")
    return value.lower()


def sha1_or_ip(value: str) -> str:
    """A certificate SHA-1 or an IP address (ssl-certificate/history)."""
    return sha1(value) if _SHA1.match(value) else ip_address(value)


def tracker_value(value: str) -> str:
    """A tracker id such as ``UA-12345-1``, ``GTM-ABC123`` or a JARM hash; case is kept."""
    if not _TRACKER_VALUE.match(value):
        raise Refusal("a tracker value has letters, digits, '_', '.', ':' and '-' (at most 128)")
    return value


def tracker_type(value: str) -> str:
    """A PassiveTotal tracker type name such as ``GoogleAnalyticsTrackingId`` (letters and digits)."""
    if not _TRACKER_TYPE.match(value):
        raise Refusal("a tracker type is a name like GoogleAnalyticsTrackingId")
    return value


def phone(value: str) -> str:
    """A telephone number: digits, spaces and ``+ ( ) . -``."""
    if not _PHONE.match(value):
        raise Refusal("a phone number has 3 to 40 digits, spaces and + ( ) . -")
    return value


def text(value: str) -> str:
    """Free text for WHOIS and certificate searches: 1 to 256 printable characters, case kept."""
    if not value or len(value) > 256:
        raise Refusal("a search value has 1 to 256 characters")
    if value != value.strip():
        raise Refusal("a search value does not start or end with spaces")
    return value


def date(value: str) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM:SS``."""
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            datetime.datetime.strptime(value, pattern)
            return value
        except ValueError:
            continue
    raise Refusal("a date is YYYY-MM-DD or YYYY-MM-DD HH:MM:SS")


def page(value: str) -> str:
    """A 0-based page number up to 10000."""
    if not _PAGE.match(value) or int(value) > 10000:
        raise Refusal("a page is a number from 0 to 10000")
    return str(int(value))


def sources(value: str) -> str:
    """A comma-separated list of passive DNS source names."""
    if not _SOURCES.match(value):
        raise Refusal("sources is a comma-separated list of source names like riskiq,pingly")
    return value


def boolean(value: str) -> str:
    """``true`` or ``false``."""
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise Refusal("the value is true or false")
    return lowered


def one_of(*choices: str, case_insensitive: bool = False) -> Validator:
    """A validator accepting exactly one of ``choices``."""

    def check(value: str) -> str:
        wanted = value.lower() if case_insensitive else value
        for choice in choices:
            if (choice.lower() if case_insensitive else choice) == wanted:
                return choice
        raise Refusal("the value is one of: %s" % ", ".join(choices))

    return check


WHOIS_FIELDS = ("email", "domain", "name", "organization", "address", "phone", "nameserver")
SSL_FIELDS = (
    "name",
    "sha1",
    "fingerprint",
    "serialNumber",
    "sslVersion",
    "subjectAlternativeName",
    "issuerAlternativeName",
    "subjectCommonName",
    "subjectOrganizationName",
    "subjectOrganizationUnitName",
    "subjectCountry",
    "subjectStateOrProvinceName",
    "subjectProvince",
    "subjectLocalityName",
    "subjectStreetAddress",
    "subjectEmailAddress",
    "subjectGivenName",
    "subjectSurname",
    "subjectSerialNumber",
    "issuerCommonName",
    "issuerOrganizationName",
    "issuerOrganizationUnitName",
    "issuerCountry",
    "issuerStateOrProvinceName",
    "issuerProvince",
    "issuerLocalityName",
    "issuerStreetAddress",
    "issuerEmailAddress",
    "issuerGivenName",
    "issuerSurname",
    "issuerSerialNumber",
)

_WHOIS_QUERY_BY_FIELD: Dict[str, Validator] = {
    "email": email,
    "domain": domain_name,
    "nameserver": domain_name,
    "phone": phone,
    "name": text,
    "organization": text,
    "address": text,
}


def _whois_search(params: Dict[str, str]) -> Dict[str, str]:
    check = _WHOIS_QUERY_BY_FIELD[params["field"]]
    return dict(params, query=_refusing("query", check, params["query"]))


def _ssl_search(params: Dict[str, str]) -> Dict[str, str]:
    field = params["field"]
    if field == "sha1":
        check: Validator = sha1
    elif field.endswith("EmailAddress"):
        check = email
    else:
        check = text
    return dict(params, query=_refusing("query", check, params["query"]))


# ----------------------------------------------------------------------------------------------- the allow-list


class Endpoint(NamedTuple):
    """One allow-listed PassiveTotal v2 read endpoint."""

    path: str
    dataset: str
    label: str
    params: Dict[str, Validator]
    required: Tuple[str, ...]
    combined: Optional[Callable[[Dict[str, str]], Dict[str, str]]] = None


_PDNS = {"query": host_or_wildcard, "start": date, "end": date, "sources": sources}
_HOST = {"query": host}
_HOST_ATTRIBUTES = {"query": host, "start": date, "end": date, "page": page}

ENDPOINTS: Dict[str, Endpoint] = {
    e.path: e
    for e in [
        Endpoint("dns/passive", "dns", "passive DNS", _PDNS, ("query",)),
        Endpoint("dns/passive/unique", "dns", "unique passive DNS", _PDNS, ("query",)),
        Endpoint(
            "whois",
            "whois",
            "WHOIS",
            {"query": host, "history": boolean, "compact_record": boolean},
            ("query",),
        ),
        Endpoint(
            "whois/search",
            "whois",
            "WHOIS search",
            {"query": text, "field": one_of(*WHOIS_FIELDS, case_insensitive=True)},
            ("query", "field"),
            _whois_search,
        ),
        Endpoint("ssl-certificate", "ssl", "SSL certificate", {"query": sha1}, ("query",)),
        Endpoint("ssl-certificate/history", "ssl", "SSL certificate history", {"query": sha1_or_ip}, ("query",)),
        Endpoint(
            "ssl-certificate/search",
            "ssl",
            "SSL certificate search",
            {"query": text, "field": one_of(*SSL_FIELDS)},
            ("query", "field"),
            _ssl_search,
        ),
        Endpoint("enrichment", "enrichment", "enrichment", _HOST, ("query",)),
        Endpoint("enrichment/osint", "enrichment", "OSINT", _HOST, ("query",)),
        Endpoint("enrichment/malware", "enrichment", "malware", _HOST, ("query",)),
        Endpoint("enrichment/subdomains", "enrichment", "subdomains", {"query": subdomain_query}, ("query",)),
        Endpoint("actions/tags", "actions", "tags", _HOST, ("query",)),
        Endpoint("actions/classification", "actions", "classification", _HOST, ("query",)),
        Endpoint("actions/ever-compromised", "actions", "ever-compromised status", _HOST, ("query",)),
        Endpoint("actions/sinkhole", "actions", "sinkhole status", _HOST, ("query",)),
        Endpoint("actions/dynamic-dns", "actions", "dynamic DNS status", _HOST, ("query",)),
        Endpoint("host-attributes/components", "host_attributes", "components", _HOST_ATTRIBUTES, ("query",)),
        Endpoint("host-attributes/trackers", "host_attributes", "trackers", _HOST_ATTRIBUTES, ("query",)),
        Endpoint(
            "host-attributes/pairs",
            "host_attributes",
            "host pairs",
            dict(_HOST_ATTRIBUTES, direction=one_of("parents", "children")),
            ("query", "direction"),
        ),
        Endpoint("host-attributes/cookies", "host_attributes", "cookies", _HOST_ATTRIBUTES, ("query",)),
        Endpoint(
            "trackers/search",
            "host_attributes",
            "tracker search",
            {"query": tracker_value, "type": tracker_type, "searchType": one_of("hosts", "addresses"), "page": page},
            ("query", "type"),
        ),
        Endpoint("account", "account", "account", {}, ()),
        Endpoint("account/quota", "account", "quota", {}, ()),
    ]
}

ACCOUNT_QUOTA = Query("account/quota", (), "account", "quota")
ACCOUNT = Query("account", (), "account", "account")


# ----------------------------------------------------------------------------------------------- request parsing


class Route(NamedTuple):
    """A parsed request: which route (``pt``, ``open``, ``quota``, ``status``, ``check``, ``cache``, ``setup``,
    ``credentials``, ``investigations``) and, for ``pt`` and ``open``, the rest of the path still to validate."""

    name: str
    api_path: str


ROUTE_METHODS: Dict[str, Tuple[str, ...]] = {
    "pt": ("GET",),
    "open": ("GET",),
    "quota": ("GET",),
    "status": ("GET",),
    "check": ("GET",),
    "cache": ("DELETE",),
    "batch": ("GET",),
    "setup": ("GET", "POST"),
    "credentials": ("POST", "DELETE"),
    "investigations": ("GET", "POST"),
}

_PREFIX = re.compile(r"^(?:/services|/servicesNS/[^/]+/[^/]+)?/passivetotal(?:/(.*))?$")


def _shown(value: str, limit: int = 40) -> str:
    """A value safe to quote in a message: control characters replaced, cut."""
    safe = "".join(c if c.isprintable() else "?" for c in value)
    return repr(safe if len(safe) <= limit else safe[: limit - 1] + "\u2026")


def shown(value: str, limit: int = 40) -> str:
    """``value`` quoted and cut for a message."""
    return _shown(value, limit)


def refuse(what: str) -> ProxyError:
    """The 400 ``not_allowed`` answer naming what was refused."""
    return ProxyError(400, NOT_ALLOWED, "Refused by the app's allow-list: %s." % what)


def _refusing(name: str, check: Validator, value: str) -> str:
    try:
        return check(value)
    except Refusal as refusal:
        raise refuse("parameter %s: %s" % (name, refusal))


def _unsafe(value: str) -> Optional[str]:
    """Why a path or value is refused whatever the endpoint, or None."""
    if any(unicodedata.category(c).startswith("C") for c in value):
        return "it contains control or invisible characters"
    if "\\" in value:
        return "it contains a backslash"
    if "://" in value or value.startswith("//"):
        return "it looks like an absolute URL"
    if ".." in value:
        return "it contains '..'"
    if _ENCODED.search(value) or "%" in value:
        return "it contains percent-encoded characters"
    return None


def relative_path(request: Dict[str, Any]) -> str:
    """The path after ``/passivetotal/`` from the request's ``rest_path`` (or ``path_info``), e.g. ``pt/whois``."""
    rest_path = request.get("rest_path")
    if isinstance(rest_path, str):
        match = _PREFIX.match(rest_path)
        if match:
            return match.group(1) or ""
    path_info = request.get("path_info")
    return path_info.lstrip("/") if isinstance(path_info, str) else ""


def parse_route(method: str, path: str) -> Route:
    """Which route a request is for; unknown routes are 404 ``not_found``, wrong methods 405."""
    if len(path) > MAX_PATH_CHARS:
        raise refuse("the path is longer than %d characters" % MAX_PATH_CHARS)
    head, _, rest = path.partition("/")
    if head not in ROUTE_METHODS or (head not in ("pt", "open") and rest.strip("/")):
        raise ProxyError(
            404,
            NOT_FOUND,
            "The app's endpoint has no route %s. Routes: pt/<PassiveTotal path>, open/<provider>/<operation>, "
            "batch, quota, status, check, cache, setup, credentials, investigations."
            % _shown(path),
        )
    if method not in ROUTE_METHODS[head]:
        allowed = " or ".join(ROUTE_METHODS[head])
        hint = " Writes to PassiveTotal are not supported." if head == "pt" else ""
        hint = " The open providers are read-only." if head == "open" else hint
        raise ProxyError(
            405, METHOD_NOT_ALLOWED, "The %s route accepts %s, not %s.%s" % (head, allowed, _shown(method), hint)
        )
    return Route(head, rest)


def query_pairs(request: Dict[str, Any]) -> List[Tuple[str, str]]:
    """The URL parameters of the request as ``[name, value]`` pairs (splunkd sends a list; a dict is tolerated)."""
    raw = request.get("query") or []
    if isinstance(raw, dict):
        raw = [[k, v] for k, v in raw.items()]
    pairs: List[Tuple[str, str]] = []
    for item in raw:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise refuse("a malformed query parameter")
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise refuse("a query parameter that is not text")
        pairs.append((name, value))
    return pairs


def validate_pt(api_path: str, pairs: Sequence[Tuple[str, str]]) -> Query:
    """Validates a ``pt/<api path>`` request against the allow-list; returns the upstream query or raises 400."""
    if not api_path:
        raise refuse("no PassiveTotal path was given (pt/<path>, for example pt/dns/passive)")
    why = _unsafe(api_path)
    if why:
        raise refuse("path %s: %s" % (_shown(api_path), why))
    if not _API_PATH.match(api_path) or api_path not in ENDPOINTS:
        raise refuse("path %s is not an allowed PassiveTotal endpoint" % _shown(api_path))
    endpoint = ENDPOINTS[api_path]
    given: Dict[str, str] = {}
    kept = [(n, v) for n, v in pairs if n not in IGNORED_PARAMS]
    if len(kept) > MAX_PARAMS:
        raise refuse("more than %d parameters" % MAX_PARAMS)
    for name, value in kept:
        if not _PARAM_NAME.match(name):
            raise refuse("parameter name %s" % _shown(name))
        if name not in endpoint.params:
            accepted = ", ".join(sorted(endpoint.params)) or "none"
            raise refuse("parameter %s is not accepted by %s (accepted: %s)" % (_shown(name), api_path, accepted))
        if name in given:
            raise refuse("parameter %s is given more than once" % name)
        if len(value) > MAX_VALUE_CHARS:
            raise refuse("parameter %s is longer than %d characters" % (name, MAX_VALUE_CHARS))
        if not value:
            raise refuse("parameter %s is empty" % name)
        why = _unsafe(value)
        if why:
            raise refuse("parameter %s: %s" % (name, why))
        given[name] = _refusing(name, endpoint.params[name], value)
    missing = [name for name in endpoint.required if name not in given]
    if missing:
        raise refuse("%s needs the parameter%s %s" % (api_path, "s" if len(missing) > 1 else "", ", ".join(missing)))
    if endpoint.combined:
        given = endpoint.combined(given)
    return Query(endpoint.path, tuple(sorted(given.items())), endpoint.dataset, endpoint.label)
