"""Reply dictionaries in the shape splunkd's persistent REST handler protocol expects.

A reply is ``{"status": int, "payload": ..., "headers": {...}}``; splunkd serialises a dict or list payload
as JSON. Errors use splunkd's own envelope, ``{"messages": [{"type": "ERROR", "text": ...}]}``, so the
browser shows them like any other splunkd error. No reply ever carries a traceback.
"""

from typing import Any, Dict, Optional

JSON_HEADERS = {"Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-store"}

# The longest error text a reply carries; longer texts (for example an upstream's HTML error page) are cut.
MAX_MESSAGE_CHARS = 500


def json_reply(payload: Any, status: int = 200, headers: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """A reply with a JSON payload and the given status."""
    merged = dict(JSON_HEADERS)
    if headers:
        merged.update(headers)
    return {"status": status, "payload": payload, "headers": merged}


def error_reply(
    status: int, text: str, code: Optional[str] = None, extra: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    """A splunkd-style error reply: ``{"messages": [{"type": "ERROR", "text": text}]}``.

    ``code`` is a stable machine-readable kind (for example ``not_configured``) that the page acts on,
    so nothing has to read meaning out of the message text. ``extra`` adds fields next to the text (for
    example ``resetAt`` on a quota answer); it cannot replace ``type``, ``text`` or ``code``.
    """
    if status < 400 or status > 599:
        raise ValueError("error_reply needs a 4xx or 5xx status, got %d" % status)
    clean = " ".join(str(text).split())
    if len(clean) > MAX_MESSAGE_CHARS:
        clean = clean[: MAX_MESSAGE_CHARS - 1] + "\u2026"
    message: Dict[str, Any] = {"type": "ERROR", "text": clean or "Unknown error"}
    if code:
        message["code"] = code
    for key, value in (extra or {}).items():
        message.setdefault(key, value)
    return json_reply({"messages": [message]}, status=status)
