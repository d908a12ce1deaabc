"""The account's quota, summarised from ``GET /account/quota`` (reference passivetotal-api.md section 4.2).

``summarize`` turns the upstream body into ``{used, limit, remaining, interval, resetAt, lastResetAt}`` per block
(``user`` and, when it has limits, ``organization``), preferring the ``search_api`` counters and falling back to
the licence counters (``licenseCounts.searchApi``). ``next_reset`` is ``YYYY-MM-DD HH:MM:SS`` in UTC.
"""

import datetime
from typing import Any, Dict, Optional

from .errors import ProxyError


def _number(value: Any) -> Optional[int]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    return None


def _block_number(block: Dict[str, Any], group: str, key: str, licence_group: str, licence_key: str) -> Optional[int]:
    found = _number((block.get(group) or {}).get(key)) if isinstance(block.get(group), dict) else None
    if found is None and isinstance(block.get(licence_group), dict):
        found = _number(block[licence_group].get(licence_key))
    return found


def reset_time(text: Any) -> Optional[str]:
    """``YYYY-MM-DD HH:MM:SS`` (UTC) as ISO 8601 ``YYYY-MM-DDTHH:MM:SSZ``, or None."""
    if not isinstance(text, str):
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            moment = datetime.datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def in_words(iso: str) -> str:
    """``2024-02-01T00:00:00Z`` as ``2024-02-01 00:00 UTC``."""
    return iso[:10] + " " + iso[11:16] + " UTC"


def summarize_block(block: Any) -> Optional[Dict[str, Any]]:
    """One quota block (user or organization), or None when it has no limit."""
    if not isinstance(block, dict):
        return None
    used = _block_number(block, "counts", "search_api", "licenseCounts", "searchApi")
    limit = _block_number(block, "limits", "search_api", "licenseLimits", "searchApi")
    if limit is None:
        return None
    return {
        "used": used,
        "limit": limit,
        "remaining": None if used is None else max(limit - used, 0),
        "interval": block.get("quotaInterval") if isinstance(block.get("quotaInterval"), str) else None,
        "resetAt": reset_time(block.get("next_reset")),
        "lastResetAt": reset_time(block.get("last_reset")),
    }


def summarize(body: Any) -> Dict[str, Any]:
    """``{"user": {...}|None, "organization": {...}|None, "resetAt": ...}`` from the quota body."""
    doc = body if isinstance(body, dict) else {}
    user = summarize_block(doc.get("user"))
    organization = summarize_block(doc.get("organization"))
    reset_at = (user or {}).get("resetAt") or (organization or {}).get("resetAt")
    return {"user": user, "organization": organization, "resetAt": reset_at}


def explain(error: ProxyError, body: Any) -> ProxyError:
    """A quota error with the reset time (``resetAt`` field and words in the text) and usage from the quota body."""
    summary = summarize(body)
    block = summary["user"] or summary["organization"] or {}
    text = error.text
    if block.get("used") is not None:
        text += " %d of %d lookups used" % (block["used"], block["limit"])
        text += " this %s." % {"daily": "day", "monthly": "month"}.get(block.get("interval") or "", "period")
    if summary["resetAt"]:
        text += " The quota resets at %s." % in_words(summary["resetAt"])
        return ProxyError(error.status, error.code, text, dict(error.extra, resetAt=summary["resetAt"]))
    return ProxyError(error.status, error.code, text, error.extra)
