"""What an upstream's error body says, in every historic shape of every provider (never our own texts): the
message texts, an embedded ``http_code`` (PassiveTotal's 2016 envelope inside a 2xx answer), whether it speaks of a
quota, and whether it is JSON, an HTML page or a short plain text."""

import re
from typing import Any, Dict, List, NamedTuple, Optional

from . import json_limits

# How providers say "quota" (PassiveTotal over the years: "Quota exceeded", "quota_exceeded: ...", "quota has been
# exceeded", "Daily Query Limit Reached"). These words of their documented error bodies tell a quota refusal from
# another 403; the reply we build never depends on them.
QUOTA_MARKERS = ("quota", "query limit", "limit reached")
# Keys of a body that is only an error report (the 2016 envelope inside a 2xx answer).
ERROR_ONLY_KEYS = frozenset(["error", "message", "developer_message", "http_code", "success"])
MAX_DETAIL_CHARS = 200
# An error body larger than this is not parsed as JSON: what it says is in a few words, and only the answers kept
# for a reply are counted against a batch's memory (memory.py).
MAX_ERROR_JSON_BYTES = 256 * 1024
# What may end the upstream's own words; the message supplies its own ending instead.
TRAILING_PUNCTUATION = " \t\r\n.;:,!?"


class ErrorBody(NamedTuple):
    """What an error body says: its message texts, an embedded http_code (2016 envelope), and its form."""

    texts: List[str]
    http_code: Optional[int]
    is_json: bool
    is_html: bool

    def detail(self) -> str:
        """The upstream's own words, de-duplicated and cut, or ``""``."""
        seen: List[str] = []
        for text in self.texts:
            clean = unended("".join(c if c.isprintable() else "?" for c in text))
            if clean and clean not in seen:
                seen.append(clean)
        joined = "; ".join(seen)
        return joined if len(joined) <= MAX_DETAIL_CHARS else joined[: MAX_DETAIL_CHARS - 1] + "\u2026"

    def mentions_quota(self) -> bool:
        lowered = " ".join(self.texts).lower()
        return any(marker in lowered for marker in QUOTA_MARKERS)


def _int(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _texts(doc: Dict[str, Any]) -> List[str]:
    """Every error shape the providers use: ``{"error": {"message", "developer_message"}}`` (PassiveTotal 2016,
    Graph style), ``{"error": "<text>"}``, ``title``/``message``/``developer_message``/``detail``/``query_status``
    (RDAP, OTX, InternetDB, abuse.ch), RDAP's ``description`` list, mnemonic's ``messages`` list."""
    texts: List[str] = []
    error = doc.get("error")
    if isinstance(error, dict):
        texts.extend(error[k] for k in ("message", "developer_message") if isinstance(error.get(k), str))
    elif isinstance(error, str):
        texts.append(error)
    texts.extend(doc[k] for k in ("title", "message", "developer_message", "detail", "query_status")
                 if isinstance(doc.get(k), str))
    description = doc.get("description")
    if isinstance(description, list):
        texts.extend(d for d in description[:3] if isinstance(d, str))
    messages = doc.get("messages")
    if isinstance(messages, list):
        texts.extend(m["message"] for m in messages[:3] if isinstance(m, dict) and isinstance(m.get("message"), str))
    return texts


def parse_error_body(body: bytes) -> ErrorBody:
    """What an error body says: JSON of any shape of :func:`_texts`, an HTML page, or a short plain text. JSON too
    deep or of too many values to read (json_limits.py) says nothing."""
    if len(body) > MAX_ERROR_JSON_BYTES and body.lstrip()[:1] in (b"{", b"["):
        return ErrorBody([], None, True, False)
    try:
        doc = json_limits.loads(body, len(body)) if body else None
    except json_limits.JsonRefused:
        return ErrorBody([], None, True, False)
    except ValueError:  # UnicodeDecodeError is a ValueError
        text = body[:4096].decode("utf-8", "replace")
        if re.search(r"<\s*(!doctype|html|head|body)\b", text, re.IGNORECASE):
            return ErrorBody([], None, False, True)
        return ErrorBody([text.strip()[:MAX_DETAIL_CHARS]], None, False, False)
    if not isinstance(doc, dict):
        return ErrorBody([], None, doc is not None, False)
    error = doc.get("error")
    http_code = _int(error.get("http_code")) if isinstance(error, dict) else None
    return ErrorBody(_texts(doc), http_code if http_code is not None else _int(doc.get("http_code")), True, False)


def is_error_only_body(doc: Any) -> bool:
    """True for a 2xx body that is only an error report, e.g. the 2016 ``{"error": {...}}`` envelope."""
    if not isinstance(doc, dict) or "error" not in doc or not doc.get("error"):
        return False
    return set(doc.keys()) <= ERROR_ONLY_KEYS


def unended(text: str) -> str:
    """``text`` on one line without its closing punctuation, so the sentence it ends up in is ended once."""
    return " ".join(text.split()).rstrip(TRAILING_PUNCTUATION)
