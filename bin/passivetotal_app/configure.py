"""The setup page's routes: ``setup`` (GET the form, POST the settings) and ``credentials`` (POST, DELETE).

Only users with ``passivetotal_admin`` get here (service.py checks first). Everything is written through splunkd's
REST API with the system token: settings to ``configs/conf-passivetotal/<stanza>``, the index scope and the
``summariesonly`` choice to the search macros (``configs/conf-macros/passivetotal_index`` and
``passivetotal_summariesonly``), the credential to ``storage/passwords``, and ``configured`` to
``apps/local/passivetotal``. Doing the writes here, not in the browser, means that (1) the API key never comes
back to the browser (splunkd's storage/passwords answers carry ``clear_password``), (2) a member of the role
``passivetotal_admin`` can configure the app without Splunk's own ``edit_storage_passwords``, and (3) every value
is validated in one place before it reaches a .conf file.

Form fields are the .conf keys (README/passivetotal.conf.spec); every field is validated, and all errors are
reported together as 400 ``invalid_settings`` with ``fields`` naming each bad field. The open providers' settings
are the fields ``provider.<id>.<key>`` (stanza ``[provider:<id>]``) and ``order.<dataset>`` (stanza
``[datasets]``); their keys go to ``credentials`` with a ``provider`` field, realm ``passivetotal_<id>``.
"""

import logging
import re
import urllib.parse
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from . import credentials, logs, open_service
from .credentials import Credential, CredentialsError, Secret
from .errors import INTERNAL, INVALID_SETTINGS, NOT_ALLOWED, ProxyError
from .migration import Migration
from .open_catalog import ORDER_DATASETS, PROVIDERS, realm
from .open_providers import refuse_provider
from .settings import (
    DATASETS,
    DEFAULT_TTL,
    MAX_SIGHTING_CANDIDATES,
    SEARCH_MATCHES,
    SEARCH_MODES,
    SettingsError,
    check_base_url,
    check_proxy,
    parse_order,
    parse_orders,
    parse_providers,
    parse_search,
    stanzas_from_feed,
)
from .splunkd import Splunkd, SplunkdError

LOG = logging.getLogger("passivetotal.configure")

APP_NS = "/servicesNS/nobody/passivetotal"
CONF_PATH = APP_NS + "/configs/conf-passivetotal"
MACROS_PATH = APP_NS + "/configs/conf-macros"
APP_PATH = "/services/apps/local/passivetotal"
INDEX_MACRO = "passivetotal_index"
SUMMARIES_MACRO = "passivetotal_summariesonly"

# Splunk index names: letters, digits, '_' and '-', not starting with '-'; '*' is a wildcard.
_INDEX_NAME = re.compile(r"^[A-Za-z0-9_*][A-Za-z0-9_*-]{0,79}$")
_INDEX_DEFINITION = re.compile(r"^\(?\s*index=([A-Za-z0-9_*-]+)((?:\s+OR\s+index=[A-Za-z0-9_*-]+)*)\s*\)?$")
MAX_INDEXES = 50

TRUE_WORDS = ("1", "true", "yes", "t", "y", "on")
FALSE_WORDS = ("0", "false", "no", "f", "n", "off")


class Field(NamedTuple):
    """One setting of the form: its stanza and key in passivetotal.conf, and its allowed range (numbers) or
    values (choices)."""

    stanza: str
    key: str
    kind: str  # "url", "proxy", "number", "boolean", "choice", "order"
    low: float = 0
    high: float = 0
    default: str = ""  # the value of an empty url field
    choices: Tuple[str, ...] = ()


FIELDS: Dict[str, Field] = {
    "base_url": Field("api", "base_url", "url", default="https://api.passivetotal.org/v2"),
    "https_proxy": Field("api", "https_proxy", "proxy"),
    "timeout_seconds": Field("api", "timeout_seconds", "number", 1, 300),
    "deadline_seconds": Field("api", "deadline_seconds", "number", 1, 600),
    "retries": Field("api", "retries", "number", 0, 5),
    "cache_enabled": Field("cache", "enabled", "boolean"),
    "search_mode": Field("search", "mode", "choice", choices=SEARCH_MODES),
    "search_match": Field("search", "match", "choice", choices=SEARCH_MATCHES),
    "summariesonly": Field("search", "summariesonly", "boolean"),
    "max_sighting_candidates": Field("search", "max_sighting_candidates", "number", *MAX_SIGHTING_CANDIDATES),
}
for _dataset in DATASETS:
    FIELDS["ttl_seconds." + _dataset] = Field("cache", "ttl_seconds." + _dataset, "number", 0, 31536000)
for _info in PROVIDERS.values():
    _stanza = "provider:" + _info.id
    _prefix = "provider.%s." % _info.id
    FIELDS[_prefix + "enabled"] = Field(_stanza, "enabled", "boolean")
    FIELDS[_prefix + _info.url_key] = Field(_stanza, _info.url_key, "url", default=_info.base_url)
    FIELDS[_prefix + "rate_limit_per_minute"] = Field(_stanza, "rate_limit_per_minute", "number", 0, 10000)
    FIELDS[_prefix + "ttl_seconds"] = Field(_stanza, "ttl_seconds", "number", 0, 31536000)
    FIELDS[_prefix + "timeout_seconds"] = Field(_stanza, "timeout_seconds", "number", 1, 300)
for _dataset in ORDER_DATASETS:
    FIELDS["order." + _dataset] = Field("datasets", "order." + _dataset, "order")

IGNORED_FIELDS = ("output_mode",)


def form_pairs(raw: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """The POST form of a request as pairs: splunkd's ``form`` list, else the raw form-encoded ``payload``."""
    pairs: List[Tuple[str, str]] = []
    form = raw.get("form")
    if isinstance(form, dict):
        form = [[k, v] for k, v in form.items()]
    for item in form if isinstance(form, list) else []:
        if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str):
            pairs.append((item[0], str(item[1])))
    payload = raw.get("payload")
    if not pairs and isinstance(payload, str) and payload:
        pairs = urllib.parse.parse_qsl(payload, keep_blank_values=True)
    return [(k, v) for k, v in pairs if k not in IGNORED_FIELDS]


def _single(pairs: Sequence[Tuple[str, str]], allowed: Sequence[str], shown: str = "") -> Dict[str, str]:
    """The form as a dict; 400 ``not_allowed`` for an unknown or repeated field (``shown`` lists the fields in the
    message, default all of ``allowed``)."""
    given: Dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed:
            raise ProxyError(
                400, NOT_ALLOWED, "Unknown setting %r. Settings: %s." % (name[:60], shown or ", ".join(allowed))
            )
        if name in given:
            raise ProxyError(400, NOT_ALLOWED, "The setting %s is given more than once." % name)
        given[name] = value
    return given


# ------------------------------------------------------------------------------------------- index scope macro


def index_definition(names: Sequence[str]) -> str:
    """The ``passivetotal_index`` macro definition for index names: ``index=a`` or ``(index=a OR index=b)``."""
    terms = ["index=" + name for name in names]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def indexes_of(definition: str) -> Optional[List[str]]:
    """The index names of a definition this page wrote, or None for a definition written by hand."""
    match = _INDEX_DEFINITION.match(definition.strip())
    if not match:
        return None
    if definition.strip().startswith("(") != definition.strip().endswith(")"):
        return None
    rest = re.findall(r"index=([A-Za-z0-9_*-]+)", match.group(2) or "")
    return [match.group(1)] + rest


def parse_indexes(text: str) -> List[str]:
    """Index names from the form (comma or space separated); raises ValueError with the reason."""
    names = [n for n in re.split(r"[\s,]+", text.strip()) if n]
    if not names:
        raise ValueError("name at least one index, or * for all indexes")
    if len(names) > MAX_INDEXES:
        raise ValueError("at most %d indexes" % MAX_INDEXES)
    for name in names:
        if not _INDEX_NAME.match(name):
            raise ValueError(
                "%r is not an index name (letters, digits, '_', '-' and the wildcard '*')" % name[:40]
            )
    seen: List[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


# ------------------------------------------------------------------------------------------------ reading


def _get(system: Splunkd, path: str) -> Any:
    try:
        answer = system.call("GET", path, query=[("count", "0")])
    except SplunkdError as error:
        raise _splunkd_failed("read its settings", error)
    if answer.status != 200:
        raise _splunkd_failed("read its settings", "status %d for %s" % (answer.status, path))
    return answer.json()


def _splunkd_failed(doing: str, detail: Any) -> ProxyError:
    LOG.error("setup could not %s through splunkd: %s", doing, detail)
    return ProxyError(500, INTERNAL, "Splunk did not let the app %s; see passivetotal.log." % doing)


def _macro(system: Splunkd, name: str) -> str:
    doc = _get(system, MACROS_PATH + "/" + name)
    return stanzas_from_feed(doc).get(name, {}).get("definition", "")


def _boolean_text(value: str, default: bool) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    return default


def _number_value(value: str, default: float) -> float:
    try:
        return float(value)
    except ValueError:
        return default


def current(
    system: Splunkd,
    credential: Optional[credentials.Credential],
    migration: Optional[Migration],
    keys: Optional[Mapping[str, Credential]] = None,
) -> Any:
    """The setup form's data: the settings as stored, the credential's username (never the key), the index
    scope, the 1.0.4 migration note if there is one, and the open providers (their settings, whether a key is
    stored: ``keys`` by realm) with the providers' order per dataset."""
    stanzas = stanzas_from_feed(_get(system, CONF_PATH))
    api = stanzas.get("api", {})
    cache = stanzas.get("cache", {})
    search = parse_search(stanzas.get("search", {}))
    definition = _macro(system, INDEX_MACRO)

    def number(stanza: Mapping[str, str], key: str, default: float) -> float:
        return _number_value(stanza.get(key, "") or str(default), default)

    return {
        "settings": {
            "baseUrl": api.get("base_url") or "https://api.passivetotal.org/v2",
            "httpsProxy": api.get("https_proxy", ""),
            "timeoutSeconds": number(api, "timeout_seconds", 20),
            "deadlineSeconds": number(api, "deadline_seconds", 25),
            "retries": number(api, "retries", 2),
            "cacheEnabled": _boolean_text(cache.get("enabled", ""), True),
            "ttlSeconds": {d: number(cache, "ttl_seconds." + d, DEFAULT_TTL[d]) for d in DATASETS},
            "searchMode": search.mode,
            "searchMatch": search.match,
            "summariesonly": search.summariesonly,
            "maxSightingCandidates": search.max_sighting_candidates,
            "indexes": indexes_of(definition),
            "indexDefinition": definition,
        },
        "credential": {
            "configured": credential is not None,
            "username": credential.username if credential else None,
        },
        "migration": migration.as_json() if migration else None,
        "providers": open_service.provider_states(parse_providers(stanzas), keys or {}, detail=True),
        "datasetOrder": open_service.order_json(parse_orders(stanzas)),
    }


# ------------------------------------------------------------------------------------------------ writing


class Validated(NamedTuple):
    """The checked form: .conf keys per stanza, and the macro definitions to write."""

    stanzas: Dict[str, List[Tuple[str, str]]]
    macros: Dict[str, str]


def validate(pairs: Sequence[Tuple[str, str]]) -> Validated:
    """Checks every field; raises 400 ``invalid_settings`` naming each bad one (``fields``: name -> reason)."""
    names = [name for name in FIELDS if not name.startswith(("provider.", "order."))] + ["indexes"]
    shown = ", ".join(names) + ", provider.<id>.<key>, order.<dataset>"
    given = _single(pairs, list(FIELDS) + ["indexes"], shown)
    problems: Dict[str, str] = {}
    stanzas: Dict[str, List[Tuple[str, str]]] = {}
    macros: Dict[str, str] = {}
    for name, value in given.items():
        if name == "indexes":
            try:
                macros[INDEX_MACRO] = index_definition(parse_indexes(value))
            except ValueError as error:
                problems[name] = str(error)
            continue
        field = FIELDS[name]
        value = value.strip()
        try:
            checked = _check(field, value)
        except ValueError as error:
            problems[name] = str(error)
            continue
        stanzas.setdefault(field.stanza, []).append((field.key, checked))
        if name == "summariesonly":
            macros[SUMMARIES_MACRO] = "summariesonly=" + checked
    if problems:
        text = "; ".join("%s: %s" % item for item in sorted(problems.items()))
        raise ProxyError(400, INVALID_SETTINGS, "Not saved. " + text + ".", {"fields": problems})
    return Validated(stanzas, macros)


def _check(field: Field, value: str) -> str:
    if field.kind == "url":
        try:
            return check_base_url(value or field.default, field.key)
        except SettingsError as error:
            raise ValueError(str(error))
    if field.kind == "order":
        return ",".join(parse_order(field.key[len("order."):], value))
    if field.kind == "proxy":
        try:
            return check_proxy(value)
        except SettingsError as error:
            raise ValueError(str(error))
    if field.kind == "boolean":
        if value.lower() in TRUE_WORDS:
            return "true"
        if value.lower() in FALSE_WORDS:
            return "false"
        raise ValueError("true or false")
    if field.kind == "choice":
        if value.lower() in field.choices:
            return value.lower()
        raise ValueError(" or ".join(field.choices))
    if not re.match(r"^\d{1,9}$", value) or not (field.low <= int(value) <= field.high):
        raise ValueError("a whole number from %d to %d" % (field.low, field.high))
    return str(int(value))


def _post(system: Splunkd, path: str, form: Sequence[Tuple[str, str]]) -> None:
    try:
        answer = system.call("POST", path, form=list(form))
    except SplunkdError as error:
        raise _splunkd_failed("save its settings", error)
    if answer.status not in (200, 201):
        raise _splunkd_failed("save its settings", "status %d for %s" % (answer.status, path))


def mark_configured(system: Splunkd, configured: bool) -> None:
    """``[install] is_configured`` through ``apps/local/passivetotal`` (Splunk Web's setup redirect reads it)."""
    _post(system, APP_PATH, [("configured", "1" if configured else "0")])


def save(system: Splunkd, validated: Validated, user: str) -> None:
    """Writes the validated settings and macros."""
    for stanza, keys in sorted(validated.stanzas.items()):
        _post(system, CONF_PATH + "/" + urllib.parse.quote(stanza, safe=""), keys)
    for macro, definition in sorted(validated.macros.items()):
        _post(system, MACROS_PATH + "/" + macro, [("definition", definition)])
    LOG.info(
        "settings saved by %s: %s",
        user,
        ", ".join("[%s] %s" % (s, " ".join(k for k, _ in keys)) for s, keys in sorted(validated.stanzas.items())),
    )


# ------------------------------------------------------------------------------------------------ credentials


def _printable(value: str) -> bool:
    return all(c.isprintable() for c in value)


def check_credential(pairs: Sequence[Tuple[str, str]]) -> Tuple[str, Secret]:
    """The username and key of a ``POST credentials`` form; 400 ``invalid_settings`` otherwise."""
    given = _single(pairs, ["username", "api_key"])
    username = given.get("username", "")
    key = Secret(given.get("api_key", ""))
    if key.reveal():
        logs.register_secret(key.reveal())
    problems: Dict[str, str] = {}
    if not username.strip():
        problems["username"] = "enter the PassiveTotal username (the email address of the account)"
    elif username != username.strip() or len(username) > 256 or not _printable(username):
        problems["username"] = "at most 256 printable characters, without spaces around them"
    if not key.reveal():
        problems["api_key"] = "enter the API key from the PassiveTotal account settings"
    elif len(key.reveal()) > 512 or any(c.isspace() or not c.isprintable() for c in key.reveal()):
        problems["api_key"] = "an API key is at most 512 characters without spaces"
    if problems:
        text = "; ".join("%s: %s" % item for item in sorted(problems.items()))
        raise ProxyError(400, INVALID_SETTINGS, "Not saved. " + text + ".", {"fields": problems})
    return username, key


def store_credential(system: Splunkd, username: str, key: Secret, user: str) -> None:
    """Stores the credential (replacing any other) and marks the app configured."""
    try:
        credentials.store(system, username, key)
    except CredentialsError as error:
        raise _splunkd_failed("store the PassiveTotal credential", error)
    mark_configured(system, True)
    LOG.info("PassiveTotal credential of username %s saved by %s", username, user)


def remove_credential(system: Splunkd, user: str) -> int:
    """Deletes the credential(s) and marks the app not configured."""
    try:
        removed = credentials.remove_all(system)
    except CredentialsError as error:
        raise _splunkd_failed("remove the PassiveTotal credential", error)
    mark_configured(system, False)
    LOG.info("PassiveTotal credential removed by %s (%d entries)", user, removed)
    return removed


# ------------------------------------------------------------------------------------------- provider keys


def _key_provider(provider: str) -> Any:
    """The catalogue entry of a provider that takes a key; 400 ``not_allowed`` otherwise."""
    info = PROVIDERS.get(provider)
    if info is None:
        raise refuse_provider(provider)
    if info.key == "none":
        raise ProxyError(400, NOT_ALLOWED, "%s takes no key; there is nothing to store." % info.label)
    return info


def check_provider_key(provider: str, pairs: Sequence[Tuple[str, str]]) -> Tuple[str, Secret]:
    """The username (``key``, or circl's real username) and key of a ``POST credentials`` form with
    ``provider=<id>``; 400 ``invalid_settings`` naming each bad field."""
    info = _key_provider(provider)
    basic = info.key_kind == "basic"
    given = _single(pairs, ["provider", "api_key"] + (["username"] if basic else []))
    key = Secret(given.get("api_key", ""))
    if key.reveal():
        logs.register_secret(key.reveal())
    problems: Dict[str, str] = {}
    username = given.get("username", "") if basic else "key"
    if basic and not username.strip():
        problems["username"] = "enter the %s username" % info.label
    elif basic and (username != username.strip() or len(username) > 256 or not _printable(username)):
        problems["username"] = "at most 256 printable characters, without spaces around them"
    if not key.reveal():
        problems["api_key"] = "enter the %s of %s" % ("password" if basic else "API key", info.label)
    elif len(key.reveal()) > 512 or any(c.isspace() or not c.isprintable() for c in key.reveal()):
        problems["api_key"] = "a key is at most 512 characters without spaces"
    if problems:
        # The reasons without the field names: "api_key: <word>" would be masked as a secret in the message.
        text = "; ".join(reason for _, reason in sorted(problems.items(), reverse=True))
        raise ProxyError(400, INVALID_SETTINGS, "Not saved: %s." % text, {"fields": problems})
    return username, key


def store_provider_key(system: Splunkd, provider: str, username: str, key: Secret, user: str) -> Dict[str, Any]:
    """Stores a provider's key (replacing any other of its realm); the answer of ``POST credentials``."""
    info = _key_provider(provider)
    try:
        credentials.store(system, username, key, realm(provider))
    except CredentialsError as error:
        raise _splunkd_failed("store the key of %s" % info.label, error)
    LOG.info("key of %s saved by %s", info.label, user)
    return {
        "provider": provider,
        "configured": True,
        "keyStored": True,
        "username": username if info.key_kind == "basic" else None,
    }


def remove_provider_key(system: Splunkd, provider: str, user: str) -> Dict[str, Any]:
    """Deletes a provider's key(s); the answer of ``DELETE credentials``."""
    info = _key_provider(provider)
    try:
        removed = credentials.remove_all(system, realm(provider))
    except CredentialsError as error:
        raise _splunkd_failed("remove the key of %s" % info.label, error)
    LOG.info("key of %s removed by %s (%d entries)", info.label, user, removed)
    return {
        "provider": provider,
        "configured": info.key != "required",
        "keyStored": False,
        "username": None,
        "removed": removed,
    }
