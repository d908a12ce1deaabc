"""The setup page's ``setup`` route: GET the form, POST the settings (credentials: credential_setup.py).

Only users with ``passivetotal_admin`` get here (routes.py checks first). Everything is written through splunkd's
REST API with the system token: settings to ``configs/conf-passivetotal/<stanza>``, the index scope and the
``summariesonly`` choice to the search macros (``configs/conf-macros/passivetotal_index`` and
``passivetotal_summariesonly``), the credential to ``storage/passwords``, and ``configured`` to
``apps/local/passivetotal``. Doing the writes here, not in the browser, means that (1) the API key never comes
back to the browser (splunkd's storage/passwords answers carry ``clear_password``), (2) a member of the role
``passivetotal_admin`` can configure the app without Splunk's own ``edit_storage_passwords``, and (3) every value
is validated in one place before it reaches a .conf file.

The form's fields and their ranges are the catalogue's settings (``setup`` names the field; every number is a
whole number in the form); every field is validated, and all errors are reported together as 400
``invalid_settings`` with ``fields`` naming each bad field. The open providers' settings are the fields
``provider.<id>.<key>`` (stanza ``[provider:<id>]``) and ``order.<group>`` (stanza ``[datasets]``).
"""

import logging
import re
import urllib.parse
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from . import catalogue, credentials
from .credentials import Credential
from .errors import INTERNAL, INVALID_SETTINGS, NOT_ALLOWED, ProxyError
from .migration import Migration
from .provider_states import credential_json, order_json, provider_states
from .profiles import PASSIVETOTAL
from .settings import DATASETS, FALSE_WORDS, TRUE_WORDS, parse, parse_order, stanzas_from_feed
from .urls import KEY_HOST, SettingsError, check_base_url, check_proxy
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


class Field(NamedTuple):
    """One setting of the form: its stanza and key in passivetotal.conf, and the catalogue's entry of it."""

    stanza: str
    key: str
    kind: str  # "url", "proxy", "number", "integer", "boolean", "choice", "order"
    spec: Dict[str, Any]


FIELDS: Dict[str, Field] = {
    s["setup"]: Field(s["stanza"], s["key"], s["type"], s) for s in catalogue.SETTINGS if "setup" in s
}

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


def single(pairs: Sequence[Tuple[str, str]], allowed: Sequence[str], shown: str = "") -> Dict[str, str]:
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
        raise splunkd_failed("read its settings", error)
    if answer.status != 200:
        raise splunkd_failed("read its settings", "status %d for %s" % (answer.status, path))
    return answer.json()


def splunkd_failed(doing: str, detail: Any) -> ProxyError:
    LOG.error("setup could not %s through splunkd: %s", doing, detail)
    return ProxyError(500, INTERNAL, "Splunk did not let the app %s; see passivetotal.log." % doing)


def _macro(system: Splunkd, name: str) -> str:
    doc = _get(system, MACROS_PATH + "/" + name)
    return stanzas_from_feed(doc).get(name, {}).get("definition", "")


def _form_value(field: Field, stanza: Mapping[str, str], parsed: Any) -> Any:
    """A field's value as the form shows it: an address as stored (so a refused one can be corrected), else the
    value in use."""
    if field.kind in ("url", "proxy"):
        return stanza.get(field.key) or field.spec["default"]
    if isinstance(parsed, float) and parsed.is_integer():
        return int(parsed)
    return parsed


def current(
    system: Splunkd,
    credential: Optional[credentials.Credential],
    migration: Optional[Migration],
    keys: Optional[Mapping[str, Credential]] = None,
) -> Any:
    """The setup form's data: the settings (``json`` names of the catalogue), the credential's username (never the
    key), the index scope, the 1.0.4 migration note if there is one, and the open providers (their settings,
    whether a key is stored: ``keys`` by provider id) with the providers' order per group."""
    stanzas = stanzas_from_feed(_get(system, CONF_PATH))
    parsed = parse(stanzas, strict=False)
    definition = _macro(system, INDEX_MACRO)
    form: Dict[str, Any] = {}
    for field in FIELDS.values():
        name = field.spec.get("json")
        if name and field.stanza in ("api", "cache", "search", "history"):
            form[name] = _form_value(field, stanzas.get(field.stanza, {}), parsed.get(field.stanza, field.key))
    form["ttlSeconds"] = {d: parsed.get("cache", "ttl_seconds." + d) for d in DATASETS}
    form["indexes"] = indexes_of(definition)
    form["indexDefinition"] = definition
    return {
        "settings": form,
        "credential": credential_json(parsed.providers[PASSIVETOTAL], credential),
        "migration": migration.as_json() if migration else None,
        "providers": provider_states(parsed, keys or {}, detail=True),
        "datasetOrder": order_json(parsed.dataset_order),
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
    given = single(pairs, list(FIELDS) + ["indexes"], shown)
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
            return check_base_url(value or field.spec["default"], field.key)
        except SettingsError as error:
            raise ValueError(str(error))
    if field.kind == "order":
        return ",".join(parse_order(field.spec["group"], value))
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
        for choice in field.spec["values"]:
            if value.lower() == str(choice).lower():
                return str(choice)
        raise ValueError(" or ".join(field.spec["values"]))
    low, high = field.spec["min"], field.spec["max"]
    if not re.match(r"^\d{1,9}$", value) or not low <= int(value) <= high:
        raise ValueError("a whole number from %d to %d" % (low, high))
    return str(int(value))


def _post(system: Splunkd, path: str, form: Sequence[Tuple[str, str]]) -> None:
    try:
        answer = system.call("POST", path, form=list(form))
    except SplunkdError as error:
        raise splunkd_failed("save its settings", error)
    if answer.status not in (200, 201):
        raise splunkd_failed("save its settings", "status %d for %s" % (answer.status, path))


def bind_key(system: Splunkd, profile_id: str, host: str) -> None:
    """Writes the host a provider's key was entered for (``key_host`` of its stanza; ``""``: none)."""
    stanza = "api" if profile_id == PASSIVETOTAL else "provider:" + profile_id
    _post(system, CONF_PATH + "/" + urllib.parse.quote(stanza, safe=""), [(KEY_HOST, host)])


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
