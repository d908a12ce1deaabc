"""The table of routes: every route of ``/servicesNS/<owner>/passivetotal/passivetotal/<route>`` (restmap.conf
``match = /passivetotal``) with its methods and the capability it needs (``routes`` of the catalogue), and the
function that answers it. README.md, "The app's REST endpoint".

An unknown route is 404 ``not_found``, a method the route does not take 405 ``method_not_allowed``, a user
without the route's capability 403 ``forbidden``; only then does the route's function run.
"""

import re
from typing import Any, Callable, Dict, NamedTuple, Optional, Tuple

from . import admin_routes, cases, catalogue, intel_routes, investigations, watches
from .authz import CAP_ADMIN
from .context import Deps
from .errors import METHOD_NOT_ALLOWED, NOT_FOUND, ProxyError
from .request import Request
from .validation import refuse
from .values import shown

MAX_PATH_CHARS = int(catalogue.LIMITS["maxPathChars"])
_PREFIX = re.compile(r"^(?:/services|/servicesNS/[^/]+/[^/]+)?/passivetotal(?:/(.*))?$")

Handler = Callable[[Request, str], Dict[str, Any]]


def _investigations(request: Request, _rest: str) -> Dict[str, Any]:
    """Investigations have no nested path; the second argument is the table's common signature."""
    return investigations.handle(
        request.method, request.system, request.grants.user, request.raw, request.query(), request.deps.clock()
    )


def _watches(request: Request, rest: str) -> Dict[str, Any]:
    return watches.handle(
        request.method, request.system, request.grants.user, request.grants.can_admin, rest, request.raw,
        request.deps.clock(),
    )


def _cases(request: Request, rest: str) -> Dict[str, Any]:
    return cases.handle(
        request.method, request.system, request.grants.user, request.raw, rest, request.query(), request.deps.clock()
    )


HANDLERS: Dict[str, Handler] = {
    "pt": intel_routes.pt,
    "open": intel_routes.open_provider,
    "batch": intel_routes.batch,
    "quota": intel_routes.quota,
    "status": admin_routes.status,
    "check": intel_routes.check,
    "cache": admin_routes.purge,
    "setup": admin_routes.setup,
    "credentials": admin_routes.credentials_route,
    "investigations": _investigations,
    "watches": _watches,
    "cases": _cases,
}


class Route(NamedTuple):
    """One route: its name, methods, the capability it needs (None: any Splunk user), the words of its 403 and
    405 texts, and its function. ``nested``: the route takes a path below its name (``pt/<path>``)."""

    name: str
    methods: Tuple[str, ...]
    capability: Optional[str]
    doing: str
    method_hint: str
    nested: bool
    handler: Handler


ROUTES: Dict[str, Route] = {
    name: Route(
        name,
        tuple(spec["methods"]),
        spec["capability"],
        spec["doing"],
        spec.get("methodHint", ""),
        "/<" in spec["path"],
        HANDLERS[name],
    )
    for name, spec in catalogue.ROUTES.items()
}


def relative_path(request: Dict[str, Any]) -> str:
    """The path after ``/passivetotal/`` from the request's ``rest_path`` (or ``path_info``), e.g. ``pt/whois``."""
    rest_path = request.get("rest_path")
    if isinstance(rest_path, str):
        match = _PREFIX.match(rest_path)
        if match:
            return match.group(1) or ""
    path_info = request.get("path_info")
    return path_info.lstrip("/") if isinstance(path_info, str) else ""


def parse_route(method: str, path: str) -> Tuple[Route, str]:
    """The route of a request and the rest of its path; 404 for an unknown route, 405 for a wrong method."""
    if len(path) > MAX_PATH_CHARS:
        raise refuse("the path is longer than %d characters" % MAX_PATH_CHARS)
    head, _, rest = path.partition("/")
    route = ROUTES.get(head)
    if route is None or (not route.nested and rest.strip("/")):
        listed = ", ".join(spec["path"] for spec in catalogue.ROUTES.values())
        raise ProxyError(404, NOT_FOUND, "The app's endpoint has no route %s. Routes: %s." % (shown(path), listed))
    if method not in route.methods:
        hint = " " + route.method_hint if route.method_hint else ""
        raise ProxyError(
            405,
            METHOD_NOT_ALLOWED,
            "The %s route accepts %s, not %s.%s" % (head, " or ".join(route.methods), shown(method), hint),
        )
    return route, rest


def dispatch(raw: Dict[str, Any], method: str, path: str, deps: Deps) -> Dict[str, Any]:
    """Routes one request: route and method, the session and the user's capability, then the route's function."""
    route, rest = parse_route(method, path)
    request = Request(raw, method, deps)
    # A change of the configuration (setup, credentials, purging the cache) reads the user's capabilities afresh;
    # a lookup does so just before it spends an upstream call (Request.confirm).
    grants = request.refresh() if route.capability == CAP_ADMIN and method != "GET" else request.grants
    if route.capability is not None and not getattr(grants, _GRANT[route.capability]):
        raise request.forbidden(route.capability, route.doing)
    return route.handler(request, rest)


# Which of the user's grants a capability is (authz.py).
_GRANT = {"passivetotal_query": "can_query", "passivetotal_admin": "can_admin"}
