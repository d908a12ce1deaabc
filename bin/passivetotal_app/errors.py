"""Every failure the endpoint reports: a :class:`ProxyError` with the HTTP status for the browser, a stable ``code``
the page acts on, a specific text, and optional extra fields (``provider``, ``reason``, ``resetAt``, ``fields``).

The codes and their statuses are the catalogue's (``errors`` of catalogue/catalogue.json, README.md "Errors");
each name below is checked against it when the module loads. classify.py sorts upstream failures into them.
"""

import traceback
from typing import Any, Dict, Optional

from . import catalogue


def _code(name: str) -> str:
    """``name`` when the catalogue defines it (a misspelt code fails at import, never in a reply)."""
    if name not in catalogue.ERRORS:
        raise ValueError("error code %r is not in the catalogue" % name)
    return name


NOT_CONFIGURED = _code("not_configured")
BAD_CREDENTIALS = _code("bad_credentials")
NOT_LICENSED = _code("not_licensed")
QUOTA_EXCEEDED = _code("quota_exceeded")
RATE_LIMITED = _code("rate_limited")
USER_LIMIT_REACHED = _code("user_limit_reached")
BAD_QUERY = _code("bad_query")
NOT_FOUND = _code("not_found")
UPSTREAM_UNAVAILABLE = _code("upstream_unavailable")
UPSTREAM_TIMEOUT = _code("upstream_timeout")
UPSTREAM_MALFORMED = _code("upstream_malformed")
UPSTREAM_ERROR = _code("upstream_error")
NOT_ALLOWED = _code("not_allowed")
INVALID_SETTINGS = _code("invalid_settings")
METHOD_NOT_ALLOWED = _code("method_not_allowed")
FORBIDDEN = _code("forbidden")
CACHE_UNAVAILABLE = _code("cache_unavailable")
INVALID_INPUT = _code("invalid_input")
HISTORY_UNAVAILABLE = _code("history_unavailable")
WATCHES_UNAVAILABLE = _code("watches_unavailable")
WATCH_CONFLICT = _code("watch_conflict")
INTERNAL = _code("internal")


class ProxyError(Exception):
    """A failure with the status, stable code and text the browser gets. ``extra`` adds fields such as resetAt."""

    def __init__(self, status: int, code: str, text: str, extra: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(text)
        self.status = status
        self.code = code
        self.text = text
        self.extra: Dict[str, Any] = dict(extra or {})

    def __repr__(self) -> str:
        return "ProxyError(%d, %r, %r)" % (self.status, self.code, self.text)


def forget_frames(error: BaseException) -> None:
    """Clears the variables of the frames an exception passed through (and of the exceptions it came from), once
    it is answered. An exception caught as ``error`` in a frame that is also in its traceback forms a cycle with it,
    which only the garbage collector frees; until then the frames would keep what they held, such as an upstream
    answer of many megabytes."""
    seen = set()
    found: Optional[BaseException] = error
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if found.__traceback__ is not None:
            traceback.clear_frames(found.__traceback__)
        found = found.__cause__ or found.__context__
