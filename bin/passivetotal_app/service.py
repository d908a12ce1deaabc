"""The entry point: one request of the persistent REST handler, from splunkd's request JSON to the reply dict.

``handle_request(in_string, deps)`` never raises and never puts a traceback or a secret in a reply: every failure
is a splunkd-style error envelope with a stable code (errors.py); an unexpected exception is logged with an
incident id and answered 500 ``internal``. The request goes through the table of routes (routes.py); each
request is logged on one line (method, route, user, status, code, cached, milliseconds). :class:`Deps` holds
what a test or the stand-in may replace (context.py).
"""

import json
import logging
import time
from typing import Any, Dict, Optional

from . import logs, request as request_module, routes
from .context import Deps
from .errors import ProxyError, forget_frames
from .intel_routes import internal_error
from .replies import error_reply

__all__ = ["Deps", "handle_request"]

LOG = logging.getLogger("passivetotal.service")


def _printable(text: str, limit: int = 200) -> str:
    """``text`` for one log line: no control characters (no forged lines), cut."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def _parse(in_string: Any) -> Dict[str, Any]:
    raw = json.loads(in_string.decode("utf-8") if isinstance(in_string, bytes) else in_string)
    if not isinstance(raw, dict):
        raise ValueError("the request is not a JSON object")
    return raw


def handle_request(in_string: Any, deps: Optional[Deps] = None) -> Dict[str, Any]:
    """The reply dict for one request (``{"status", "headers", "payload"}``); never raises."""
    started = time.monotonic()
    logs.configure(request_module.last_level[0])
    deps = deps or Deps()
    method, path, user = "?", "?", "?"
    try:
        raw = _parse(in_string)
        method = str(raw.get("method") or "GET").upper()
        path = routes.relative_path(raw)
        session = raw.get("session")
        user = str(session.get("user")) if isinstance(session, dict) else "?"
        reply = routes.dispatch(raw, method, path, deps)
    except ProxyError as error:
        reply = error_reply(error.status, logs.redact(error.text), error.code, error.extra)
        forget_frames(error)
    except Exception as error:  # pylint: disable=broad-exception-caught  # any failure is a 500 reply, not a crash
        reply = internal_error("internal error")
        forget_frames(error)
    payload = reply.get("payload")
    code = ""
    if isinstance(payload, dict) and isinstance(payload.get("messages"), list) and payload["messages"]:
        code = str(payload["messages"][0].get("code", ""))
    cached = payload.get("cached") if isinstance(payload, dict) else None
    LOG.info(
        "%s %s user=%s status=%d%s%s ms=%d",
        _printable(method, 10),
        _printable(path),
        _printable(user, 100),
        reply["status"],
        " code=" + code if code else "",
        " cached=%s" % str(cached).lower() if cached is not None else "",
        (time.monotonic() - started) * 1000,
    )
    return reply
