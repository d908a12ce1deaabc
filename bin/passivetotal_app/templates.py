"""The one upstream request of an operation, from its catalogue template and the validated values.

``path`` is appended to the base URL; ``{name}`` in it is the value of parameter ``name`` as one path segment
(only IPv6 colons stay as they are), ``{kind}`` the value's kind (``ipv4``, ``ipv6``, ``domain``) looked up in
the operation's ``kinds``. ``query``, ``form`` and ``json`` pairs hold fixed text and ``{name}`` placeholders
(query and form values are URL-encoded, JSON members JSON strings); ``forwardParams`` sends every validated
parameter as the query string, sorted by name. The key travels in the header the profile's auth style names,
as a Secret, so the request can be shown or logged without it.
"""

import base64
import json
import re
import urllib.parse
from typing import Any, Dict, List, Optional, Tuple

from . import APP_VERSION, values
from .credentials import Credential, Secret
from .profiles import Operation, Profile
from .transport import Request

USER_AGENT = "PassiveTotal-for-Splunk/%s" % APP_VERSION
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _filled(template: str, given: Dict[str, str], kind: str, operation: Operation, segment: bool) -> str:
    def value(match: "re.Match[str]") -> str:
        name = match.group(1)
        text = operation.kinds.get(kind, kind) if name == "kind" else given[name]
        return urllib.parse.quote(text, safe=":") if segment else text

    return _PLACEHOLDER.sub(value, template)


def key_headers(profile: Profile, credential: Optional[Credential]) -> Tuple[Tuple[str, Any], ...]:
    """The header that carries the provider's key, as a Secret (none without a key)."""
    if credential is None or profile.key == "none":
        return ()
    key = credential.api_key.reveal()
    if profile.auth_style == "bearer":
        return (("Authorization", Secret("Bearer " + key)),)
    if profile.auth_style == "basic":
        pair = ("%s:%s" % (credential.username, key)).encode("utf-8")
        return (("Authorization", Secret("Basic " + base64.b64encode(pair).decode("ascii"))),)
    return ((profile.auth_header, Secret(key)),)


def build(
    profile: Profile,
    operation: Operation,
    base_url: str,
    params: Tuple[Tuple[str, str], ...],
    credential: Optional[Credential],
) -> Request:
    """The request of ``operation`` with validated ``params`` against ``base_url`` (without a trailing slash)."""
    given = dict(params)
    first = next(iter(operation.params), "")
    kind = values.kind(given.get(first, ""), operation.value_validator())
    url = base_url.rstrip("/") + _filled(operation.path, given, kind, operation, True)
    query: List[Tuple[str, str]] = [
        (name, _filled(value, given, kind, operation, False))
        for name, value in operation.query
        if not _missing(value, given)
    ]
    if operation.forward_params:
        query.extend(sorted(params))
    if query:
        url += "?" + urllib.parse.urlencode(query)
    headers: List[Tuple[str, Any]] = [("Accept", operation.accept)]
    body: Optional[bytes] = None
    if operation.form:
        fields = [(n, _filled(v, given, kind, operation, False)) for n, v in operation.form]
        body = urllib.parse.urlencode(fields).encode("ascii")
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    elif operation.json_body:
        members = {n: _filled(v, given, kind, operation, False) for n, v in operation.json_body}
        body = json.dumps(members, separators=(",", ":")).encode("utf-8")
        headers.append(("Content-Type", "application/json"))
    headers.append(("User-Agent", USER_AGENT))
    return Request(operation.method, url, tuple(headers) + key_headers(profile, credential), body)


def _missing(template: str, given: Dict[str, str]) -> bool:
    """Whether a templated pair names an optional parameter that was not given (the pair is left out)."""
    return any(name != "kind" and name not in given for name in _PLACEHOLDER.findall(template))
