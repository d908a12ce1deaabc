"""The allow-list of the open providers: route ``open/<provider>/<operation>?q=<value>`` (GET).

The browser never gives a host, a path or free parameters. ``<provider>`` and ``<operation>`` select one row of
:data:`OPERATIONS`, ``q`` must pass that row's validator (the validators of routes.py: a domain name, an IP
address, either, or an AS number), and the row builds the one fixed upstream request from the provider's
configured base URL and the validated value. Anything else is refused with 400 ``not_allowed`` and a message
naming what was refused, as on the ``pt/`` route.

:class:`ProviderLookup` answers a validated query of every provider but RDAP (rdap.py): it sends the request with
the provider's key (if any) and turns the answer into the ``data`` of the success envelope: the upstream JSON
body, ``{"ndjson": "<text>"}`` for CIRCL's NDJSON, and InternetDB's 404 "No information available" body as a
normal answer (no data for that address).
"""

import base64
import json
import re
import time
import urllib.parse
from typing import Any, Callable, Dict, NamedTuple, Optional, Sequence, Tuple

from . import routes
from .credentials import Credential, Secret
from .errors import ProxyError, classify_open, open_malformed_error
from .model import Answer, Query
from .open_catalog import PROVIDERS, ProviderInfo
from .open_upstream import Fetched, OpenHttp, OpenRequest, retry_after
from .routes import Refusal, Validator
from .upstream import MAX_RESPONSE_BYTES

_ASN = re.compile(r"^(?:AS|as|As|aS)?(\d{1,10})$")
MAX_ASN = 4294967295
MASK = b"********"

JSON_ACCEPT = ("Accept", "application/json")


def autnum(value: str) -> str:
    """An AS number, ``64500`` or ``AS64500``; returned as the bare number."""
    match = _ASN.match(value)
    if not match or int(match.group(1)) > MAX_ASN:
        raise Refusal("an AS number is a number from 0 to %d, optionally written AS64500" % MAX_ASN)
    return str(int(match.group(1)))


# (base URL without a trailing slash, validated value) -> (method, URL, headers, body)
Builder = Callable[[str, str], Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]]


class Operation(NamedTuple):
    """One allow-listed operation of one provider."""

    provider: str
    name: str
    dataset: str  # the dataset it fills (the ``dataset`` of the success envelope)
    label: str  # words for messages: "certificates"
    value: Validator
    value_words: str  # what q must be, for the refusal message
    build: Optional[Builder]  # None: rdap.py builds its requests
    answer: str  # "json", "ndjson" or "rdap"


def _path_value(value: str) -> str:
    """A validated value as one URL path segment (only IPv6 colons are left as they are)."""
    return urllib.parse.quote(value, safe=":")


def _get(url: str, accept: Tuple[str, str] = JSON_ACCEPT) -> Tuple[str, str, Tuple[Tuple[str, str], ...], None]:
    return ("GET", url, (accept,), None)


def _crtsh(prefix: str) -> Builder:
    def build(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
        params = [("q", prefix + value), ("output", "json"), ("exclude", "expired"), ("deduplicate", "Y")]
        return _get(base + "/?" + urllib.parse.urlencode(params))

    return build


def _certspotter(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
    params = [("domain", value), ("include_subdomains", "true"), ("expand", "dns_names"), ("expand", "issuer")]
    return _get(base + "/v1/issuances?" + urllib.parse.urlencode(params))


def _mnemonic(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
    return _get(base + "/pdns/v3/" + _path_value(value) + "?limit=1000")


def otx_section(value: str) -> str:
    """OTX's indicator section of a validated host: ``IPv4``, ``IPv6`` or ``domain`` (any name)."""
    if ":" in value:
        return "IPv6"
    if re.match(r"^\d{1,3}(\.\d{1,3}){3}$", value):
        return "IPv4"
    return "domain"


def _otx(kind: str) -> Builder:
    def build(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
        return _get("%s/api/v1/indicators/%s/%s/%s" % (base, otx_section(value), _path_value(value), kind))

    return build


def _circl(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
    return _get(base + "/pdns/query/" + _path_value(value), ("Accept", "application/x-ndjson, application/json"))


def _urlhaus(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
    body = urllib.parse.urlencode([("host", value)]).encode("ascii")
    headers = (JSON_ACCEPT, ("Content-Type", "application/x-www-form-urlencoded"))
    return ("POST", base + "/v1/host/", headers, body)


def _threatfox(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
    body = json.dumps({"query": "search_ioc", "search_term": value}, separators=(",", ":")).encode("utf-8")
    return ("POST", base + "/api/v1/", (JSON_ACCEPT, ("Content-Type", "application/json")), body)


def _internetdb(base: str, value: str) -> Tuple[str, str, Tuple[Tuple[str, str], ...], Optional[bytes]]:
    return _get(base + "/" + _path_value(value))


_DOMAIN = "a domain name"
_IP = "an IP address"
_HOST = "a domain name or an IP address"

OPERATIONS: Dict[str, Dict[str, Operation]] = {}
for _operation in [
    Operation("rdap", "domain", "whois", "domain registration", routes.domain_name, _DOMAIN, None, "rdap"),
    Operation("rdap", "ip", "whois", "IP network registration", routes.ip_address, _IP, None, "rdap"),
    Operation("rdap", "autnum", "whois", "AS number registration", autnum, "an AS number", None, "rdap"),
    Operation("crtsh", "certificates", "certificates", "certificates", routes.domain_name, _DOMAIN, _crtsh(""),
              "json"),
    Operation("crtsh", "subdomains", "certificates", "certificates of subdomains", routes.domain_name, _DOMAIN,
              _crtsh("%."), "json"),
    Operation("certspotter", "issuances", "certificates", "certificate issuances", routes.domain_name, _DOMAIN,
              _certspotter, "json"),
    Operation("mnemonic", "resolutions", "resolutions", "passive DNS", routes.host, _HOST, _mnemonic, "json"),
    Operation("otx", "passive_dns", "resolutions", "passive DNS", routes.host, _HOST, _otx("passive_dns"), "json"),
    Operation("otx", "general", "reputation", "pulses and tags", routes.host, _HOST, _otx("general"), "json"),
    Operation("circl", "resolutions", "resolutions", "passive DNS", routes.host, _HOST, _circl, "ndjson"),
    Operation("urlhaus", "host", "reputation", "malware URLs", routes.host, _HOST, _urlhaus, "json"),
    Operation("threatfox", "search", "reputation", "IOCs", routes.host, _HOST, _threatfox, "json"),
    Operation("internetdb", "host", "host_attributes", "host attributes", routes.ip_address, _IP, _internetdb,
              "json"),
]:
    OPERATIONS.setdefault(_operation.provider, {})[_operation.name] = _operation

# The cheap fixed query of ``check?provider=<id>``: (operation, value).
CHECKS: Dict[str, Tuple[str, str]] = {
    "rdap": ("domain", "example.com"),
    "crtsh": ("certificates", "example.com"),
    "certspotter": ("issuances", "example.com"),
    "mnemonic": ("resolutions", "example.com"),
    "otx": ("general", "example.com"),
    "circl": ("resolutions", "example.com"),
    "urlhaus": ("host", "example.com"),
    "threatfox": ("search", "example.com"),
    "internetdb": ("host", "8.8.8.8"),
}


class Target(NamedTuple):
    """A validated ``open/`` request: the operation, the normalised value and the cache/envelope query."""

    operation: Operation
    value: str
    query: Query


def target(provider: str, operation: str, value: str) -> Target:
    """The target of an allow-listed operation and an already validated value."""
    row = OPERATIONS[provider][operation]
    query = Query("%s/%s" % (provider, operation), (("q", value),), row.dataset,
                  "%s %s" % (PROVIDERS[provider].label, row.label))
    return Target(row, value, query)


def validate_open(rest: str, pairs: Sequence[Tuple[str, str]]) -> Target:
    """Validates ``open/<provider>/<operation>`` and its parameters; the target, or 400 ``not_allowed``."""
    if not rest.strip("/"):
        raise routes.refuse("no provider was given (open/<provider>/<operation>?q=<value>, for example "
                            "open/crtsh/certificates?q=example.com)")
    why = routes._unsafe(rest)
    if why:
        raise routes.refuse("path %s: %s" % (routes._shown(rest), why))
    parts = rest.split("/")
    provider = parts[0]
    if provider not in OPERATIONS:
        raise routes.refuse("provider %s is not an open data provider (providers: %s)"
                            % (routes._shown(provider), ", ".join(OPERATIONS)))
    operations = OPERATIONS[provider]
    if len(parts) != 2 or parts[1] not in operations:
        name = "/".join(parts[1:])
        raise routes.refuse("operation %s is not an operation of %s (operations: %s)"
                            % (routes._shown(name), provider, ", ".join(operations)))
    row = operations[parts[1]]
    where = "%s/%s" % (provider, row.name)
    given: Optional[str] = None
    kept = [(n, v) for n, v in pairs if n not in routes.IGNORED_PARAMS]
    for name, value in kept:
        if name != "q":
            raise routes.refuse("parameter %s is not accepted by %s (accepted: q)" % (routes._shown(name), where))
        if given is not None:
            raise routes.refuse("parameter q is given more than once")
        if len(value) > routes.MAX_VALUE_CHARS:
            raise routes.refuse("parameter q is longer than %d characters" % routes.MAX_VALUE_CHARS)
        if not value:
            raise routes.refuse("parameter q is empty")
        why = routes._unsafe(value)
        if why:
            raise routes.refuse("parameter q: %s" % why)
        try:
            given = row.value(value)
        except Refusal as refusal:
            raise routes.refuse("parameter q of %s must be %s: %s" % (where, row.value_words, refusal))
    if given is None:
        raise routes.refuse("%s needs the parameter q (%s)" % (where, row.value_words))
    return target(provider, row.name, given)


# ------------------------------------------------------------------------------------------------ the lookup


def key_headers(info: ProviderInfo, credential: Optional[Credential]) -> Tuple[Tuple[str, Any], ...]:
    """The header that carries the provider's key, as a Secret (none without a key or for a keyless provider)."""
    if credential is None or info.key == "none":
        return ()
    key = credential.api_key.reveal()
    if info.key_kind == "bearer":
        return (("Authorization", Secret("Bearer " + key)),)
    if info.key_kind == "basic":
        pair = ("%s:%s" % (credential.username, key)).encode("utf-8")
        return (("Authorization", Secret("Basic " + base64.b64encode(pair).decode("ascii"))),)
    return ((info.key_header, Secret(key)),)


def build_request(row: Operation, base_url: str, value: str, credential: Optional[Credential]) -> OpenRequest:
    """The one upstream request of ``row`` for ``value`` (already validated), with the key header if any."""
    assert row.build is not None, "rdap requests are built by rdap.py"
    method, url, headers, body = row.build(base_url.rstrip("/"), value)
    return OpenRequest(method, url, tuple(headers) + key_headers(PROVIDERS[row.provider], credential), body)


def scrub(body: bytes, credential: Optional[Credential]) -> bytes:
    """``body`` with the key (and a basic-auth password) masked, should an upstream echo it back."""
    if credential is None:
        return body
    for secret in (credential.api_key.reveal(),):
        raw = secret.encode("utf-8")
        if len(raw) >= 4 and raw in body:
            body = body.replace(raw, MASK)
    return body


def json_answer(label: str, fetched: Fetched, clock: Callable[[], float]) -> Answer:
    """A 2xx JSON body as an answer (an empty body as ``{}``); 502 ``upstream_malformed`` otherwise."""
    body = fetched.body
    if len(body) > MAX_RESPONSE_BYTES:
        raise open_malformed_error(label, "more than %d MB of data" % (MAX_RESPONSE_BYTES // (1024 * 1024)))
    if fetched.status == 204 or not body.strip():
        return Answer({}, False, clock())
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise open_malformed_error(label, "text that is not UTF-8")
    except ValueError:
        looks_html = body.lstrip()[:1] == b"<"
        raise open_malformed_error(label, "an HTML page instead of JSON" if looks_html else "a body that is not "
                                   "valid JSON")
    if not isinstance(data, (dict, list)):
        raise open_malformed_error(label, "a bare JSON value instead of an object or a list")
    return Answer(data, False, clock())


def ndjson_answer(label: str, fetched: Fetched, clock: Callable[[], float]) -> Answer:
    """A 2xx NDJSON body (CIRCL's Common Output Format) as ``{"ndjson": "<text>"}``."""
    body = fetched.body
    if len(body) > MAX_RESPONSE_BYTES:
        raise open_malformed_error(label, "more than %d MB of data" % (MAX_RESPONSE_BYTES // (1024 * 1024)))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise open_malformed_error(label, "text that is not UTF-8")
    if text.lstrip()[:1] == "<":
        raise open_malformed_error(label, "an HTML page instead of NDJSON")
    return Answer({"ndjson": text}, False, clock())


class ProviderLookup:
    """Answers a validated query of one provider (every provider but RDAP) from the upstream.

    ``credential`` gives the key first (it raises ``not_configured`` when a required key is missing), then
    ``before_upstream`` runs (the app's own rate limit), then ``http`` makes the client for this lookup.
    """

    def __init__(
        self,
        row: Operation,
        base_url: str,
        http: Callable[[], OpenHttp],
        credential: Callable[[], Optional[Credential]],
        before_upstream: Callable[[], None],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._row = row
        self._info = PROVIDERS[row.provider]
        self._base_url = base_url
        self._http = http
        self._credential = credential
        self._before_upstream = before_upstream
        self._clock = clock

    def get(self, query: Query) -> Answer:
        value = dict(query.params)["q"]
        credential = self._credential()
        self._before_upstream()
        request = build_request(self._row, self._base_url, value, credential)
        fetched = self._http().fetch(request)
        fetched = fetched._replace(body=scrub(fetched.body, credential))
        label = self._info.label
        if 200 <= fetched.status < 300:
            if self._row.answer == "ndjson":
                return ndjson_answer(label, fetched, self._clock)
            return json_answer(label, fetched, self._clock)
        if self._row.provider == "internetdb" and fetched.status == 404:
            no_data = _no_information(fetched.body)
            if no_data is not None:
                return Answer(no_data, False, self._clock())
        raise classify_open(
            label,
            fetched.status,
            fetched.body,
            self._info.key,
            credential is not None,
            retry_after(fetched.headers),
            fetched.attempts,
        )


def _no_information(body: bytes) -> Optional[Dict[str, Any]]:
    """InternetDB's 404 body for an address it knows nothing about (``{"detail": "No information available"}``)."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return doc if isinstance(doc, dict) and "detail" in doc else None


def refuse_provider(provider: str) -> ProxyError:
    """The 400 for a provider id that is not in the catalogue."""
    return routes.refuse("provider %s is not an open data provider (providers: %s)"
                         % (routes._shown(provider), ", ".join(PROVIDERS)))
