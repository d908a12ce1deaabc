"""The one request validator: which operation a ``pt/`` or ``open/`` request names, and its parameters checked
against the operation's catalogue entry (profiles.py) before anything else happens.

The browser names an operation and gives its parameters, never a host, a path or anything else: the upstream
request is built from the catalogue's template and the validated values only (templates.py). Everything outside
the allow-list is refused with 400 ``not_allowed`` and a message naming what was refused: ``..``,
percent-encoded characters, backslashes, absolute URLs, control or invisible characters, unknown or repeated
parameters, empty values, values over ``maxValueChars``, more than ``maxParams`` parameters, and values that do
not pass their validator (values.py).
"""

import re
import unicodedata
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import catalogue, values
from .errors import NOT_ALLOWED, ProxyError
from .model import Query
from .profiles import PASSIVETOTAL, PROFILES, Operation, Param
from .values import Refusal, Validator, shown

MAX_VALUE_CHARS = int(catalogue.LIMITS["maxValueChars"])
MAX_PARAMS = int(catalogue.LIMITS["maxParams"])
# splunkd's own parameter, which may or may not appear in the query list; never forwarded.
IGNORED_PARAMS = frozenset(catalogue.LIMITS["ignoredParams"])

_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
_API_PATH = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*$")


def refuse(what: str) -> ProxyError:
    """The 400 ``not_allowed`` answer naming what was refused."""
    return ProxyError(400, NOT_ALLOWED, "Refused by the app's allow-list: %s." % what)


def unsafe(value: str) -> Optional[str]:
    """Why a path or value is refused whatever the operation, or None."""
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


def pt_operation(api_path: str) -> Operation:
    """The PassiveTotal operation of ``pt/<api path>``; 400 ``not_allowed`` for any other path."""
    if not api_path:
        raise refuse("no PassiveTotal path was given (pt/<path>, for example pt/dns/passive)")
    why = unsafe(api_path)
    if why:
        raise refuse("path %s: %s" % (shown(api_path), why))
    operations = PROFILES[PASSIVETOTAL].operations
    if not _API_PATH.match(api_path) or api_path not in operations:
        raise refuse("path %s is not an allowed PassiveTotal endpoint" % shown(api_path))
    return operations[api_path]


def open_operation(rest: str) -> Operation:
    """The operation of ``open/<provider>/<operation>``; 400 ``not_allowed`` for anything else."""
    if not rest.strip("/"):
        raise refuse(
            "no provider was given (open/<provider>/<operation>?q=<value>, for example "
            "open/crtsh/certificates?q=example.com)"
        )
    why = unsafe(rest)
    if why:
        raise refuse("path %s: %s" % (shown(rest), why))
    parts = rest.split("/")
    profile = PROFILES.get(parts[0])
    if profile is None or profile.route != "open":
        raise unknown_provider(parts[0])
    if len(parts) != 2 or parts[1] not in profile.operations:
        raise refuse(
            "operation %s is not an operation of %s (operations: %s)"
            % (shown("/".join(parts[1:])), profile.id, ", ".join(profile.operations))
        )
    return profile.operations[parts[1]]


def unknown_provider(provider: str) -> ProxyError:
    """The 400 for a name that is not an open provider of the catalogue."""
    names = ", ".join(p.id for p in PROFILES.values() if p.route == "open")
    return refuse("provider %s is not an open data provider (providers: %s)" % (shown(provider), names))


def _validator(param: Param, name: str) -> Validator:
    if name == "one_of":
        return values.one_of(param.values, param.any_case)
    return values.BY_NAME[name]


def _words(validator: str) -> str:
    words = catalogue.VALIDATORS.get(validator, {}).get("words")
    return str(words) if words else ""


def _checked(operation: Operation, param: Param, validator: str, value: str) -> str:
    """``value`` through ``validator``; the refusal names the parameter and what the operation takes."""
    try:
        return _validator(param, validator)(value)
    except Refusal as refusal:
        words = _words(validator)
        takes = " (%s takes %s)" % (operation.endpoint, words) if words else ""
        raise refuse("parameter %s: %s%s" % (param.name, refusal, takes))


def validate(operation: Operation, pairs: Sequence[Tuple[str, str]]) -> Query:
    """The operation's parameters checked and normalised: the query for the cache and the upstream, or 400."""
    where = operation.endpoint
    given: Dict[str, str] = {}
    kept = [(n, v) for n, v in pairs if n not in IGNORED_PARAMS]
    if len(kept) > MAX_PARAMS:
        raise refuse("more than %d parameters" % MAX_PARAMS)
    for name, value in kept:
        if not _PARAM_NAME.match(name):
            raise refuse("parameter name %s" % shown(name))
        param = operation.params.get(name)
        if param is None:
            accepted = ", ".join(sorted(operation.params)) or "none"
            raise refuse("parameter %s is not accepted by %s (accepted: %s)" % (shown(name), where, accepted))
        if name in given:
            raise refuse("parameter %s is given more than once" % name)
        if len(value) > MAX_VALUE_CHARS:
            raise refuse("parameter %s is longer than %d characters" % (name, MAX_VALUE_CHARS))
        if not value:
            raise refuse("parameter %s is empty" % name)
        why = unsafe(value)
        if why:
            raise refuse("parameter %s: %s" % (name, why))
        given[name] = _checked(operation, param, param.validator, value)
    missing = [name for name in operation.required() if name not in given]
    if len(missing) == 1:
        words = _words(operation.params[missing[0]].validator)
        raise refuse("%s needs the parameter %s%s" % (where, missing[0], " (%s)" % words if words else ""))
    if missing:
        raise refuse("%s needs the parameters %s" % (where, ", ".join(missing)))
    for name, param in operation.params.items():
        if param.depends_on and name in given and param.depends_on[0] in given:
            chosen = param.depends_on[1].get(given[param.depends_on[0]], param.validator)
            given[name] = _checked(operation, param, chosen, given[name])
    return Query(operation.endpoint, tuple(sorted(given.items())), operation.dataset, operation.label)
