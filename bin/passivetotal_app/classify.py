"""The one error classifier: every failure of every provider sorted into the app's error codes, with a specific
text that names the provider and what was asked.

An upstream answer's kind comes from its status, through the catalogue's table (``http.statuses``, and a
provider's own ``statuses``: PassiveTotal's 402 and 403 are ``not_licensed``, its 429 ``quota_exceeded``), and
from its parsed body (every historic error shape, never our own texts): a 403 or an error report that speaks of a
quota is ``quota_exceeded``; a provider that reports errors inside a 2xx (PassiveTotal's 2016 envelope) is
classified by the ``http_code`` of the report. A refused credential never quotes the upstream's words (they may
echo what was sent). Transport failures (timeout, no connection) and bodies that are not what the operation
expects get their own constructors below.
"""

import re
from typing import Any, Dict, List, NamedTuple, Optional

from . import json_limits
from .errors import (
    BAD_CREDENTIALS,
    BAD_QUERY,
    NOT_FOUND,
    NOT_LICENSED,
    QUOTA_EXCEEDED,
    RATE_LIMITED,
    UPSTREAM_ERROR,
    UPSTREAM_MALFORMED,
    UPSTREAM_TIMEOUT,
    UPSTREAM_UNAVAILABLE,
    ProxyError,
)
from .profiles import Operation, Profile

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


class Source(NamedTuple):
    """Who failed, in words: the provider (or "The RDAP server <host>") and the operation, and what the classifier
    needs of the provider."""

    label: str
    what: str  # the operation's label: "passive DNS"
    key: str  # "none", "optional", "required"
    key_sent: bool
    basic: bool
    secret: str
    statuses: Dict[int, str]
    reports_errors_in_2xx: bool
    url_setting: str  # "base_url" or "base_url of [provider:crtsh]"
    timeout_setting: str


def source(profile: Profile, operation: Operation, key_sent: bool, label: str = "") -> Source:
    """The words of a failure of ``operation`` of ``profile``; ``label`` replaces the provider's name."""
    return Source(
        label or profile.label,
        operation.label,
        profile.key,
        key_sent,
        profile.basic,
        profile.secret,
        profile.statuses,
        profile.reports_errors_in_2xx,
        profile.setting(profile.url_setting),
        profile.setting("timeout_seconds"),
    )


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
            clean = _unended("".join(c if c.isprintable() else "?" for c in text))
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


def _unended(text: str) -> str:
    """``text`` on one line without its closing punctuation, so the sentence it ends up in is ended once."""
    return " ".join(text.split()).rstrip(TRAILING_PUNCTUATION)


def _words(text: str) -> str:
    """The lower-case words of ``text``, space-separated and space-framed, to compare phrases whole-word."""
    return " %s " % " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def message(statement: str, detail: str = "", advice: str = "", after_semicolon: bool = False) -> str:
    """The one place an error text is put together, so every sentence ends exactly once.

    ``statement`` is ours ("crt.sh failed with HTTP 500"), ``detail`` the upstream's own words (after a colon),
    ``advice`` what to do: a new sentence, or with ``after_semicolon`` a clause ("; try again later"). Advice the
    upstream already gave ("Please try again later.") is not repeated.

    >>> message("PassiveTotal failed with HTTP 500", "Down. Please try again later.", "try again later", True)
    'PassiveTotal failed with HTTP 500: Down. Please try again later.'
    """
    text = _unended(statement)
    words = _unended(detail)
    if words:
        text = "%s: %s" % (text, words)
    advice = _unended(advice)
    if advice and _words(advice) not in _words(text):
        text = "%s%s%s" % (text, "; " if after_semicolon else ". ", advice)
    return text + "."


def _article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _code_of(src: Source, effective: int, parsed: ErrorBody) -> Optional[str]:
    if effective == 0 or (effective == 403 and parsed.mentions_quota()):
        return QUOTA_EXCEEDED if parsed.mentions_quota() else None
    code = src.statuses.get(effective)
    if code == BAD_CREDENTIALS and src.key == "none":
        return None  # a keyless provider refusing the app is no credential problem
    return code


def _limited(src: Source, code: str, effective: int, detail: str, retry_after: Optional[int]) -> ProxyError:
    """The 429 of a used-up quota or of an upstream limiting the app's requests."""
    label = src.label
    if code == QUOTA_EXCEEDED:
        advice = ""
        if src.key == "optional" and not src.key_sent:
            advice = "An API key raises it; an administrator can enter one on the app's setup page"
        text = message("The %s query quota is used up (HTTP %d)" % (label, effective or 429), detail, advice)
    else:
        text = message("%s is limiting the app's requests (HTTP %d)" % (label, effective), detail,
                       "try again later", True)
    error = ProxyError(429, code, text)
    if retry_after is not None:
        error.extra["retryAfterSeconds"] = retry_after
    return error


def _refused(src: Source, effective: int) -> ProxyError:
    """The 401 of an upstream that refused the app's credential, or a request without one."""
    label = src.label
    if src.key_sent or src.key == "required":
        refused = ("username or " if src.basic else "") + src.secret
        statement = "%s refused the %s (HTTP %d)" % (label, refused, effective)
        valid = "valid credentials" if src.basic else "a valid " + src.secret
        advice = "An administrator can enter %s on the app's setup page" % valid
    else:
        statement = "%s refused a request without %s (HTTP %d)" % (label, _article(src.secret), effective)
        advice = "An administrator can enter a key on the app's setup page"
    return ProxyError(401, BAD_CREDENTIALS, message(statement, advice=advice))


def classify(src: Source, status: int, body: bytes, retry_after: Optional[int] = None, attempts: int = 1) -> ProxyError:
    """Sorts a failed answer (any status, or a 2xx that is an error report) into a ProxyError.

    ``retry_after`` is a parsed Retry-After header (turned into ``resetAt`` by the caller); ``attempts`` is how
    many tries were made (for statuses that are retried).
    """
    parsed = parse_error_body(body)
    effective = status
    if 200 <= status < 300:
        effective = parsed.http_code if parsed.http_code and parsed.http_code >= 400 else 0
    code = _code_of(src, effective, parsed)
    detail = parsed.detail()
    tried = " after %d attempts" % attempts if attempts > 1 else ""
    page = " (an HTML error page)" if parsed.is_html else ""
    label, what = src.label, src.what
    if code in (QUOTA_EXCEEDED, RATE_LIMITED):
        return _limited(src, code, effective, detail, retry_after)
    if effective == 0:
        statement = "%s answered %s with an error report but no error status" % (label, what)
        return ProxyError(502, UPSTREAM_MALFORMED, message(statement, detail))
    if code == BAD_QUERY:
        statement = "%s refused the query for %s (HTTP %d)" % (label, what, effective)
        return ProxyError(400, code, message(statement, detail, "Check the value and its type"))
    if code == BAD_CREDENTIALS:
        return _refused(src, effective)
    if code == NOT_LICENSED and effective == 402:
        statement = "The %s account is not licensed for %s (HTTP 402)" % (label, what)
        advice = "Ask your %s account owner to add this dataset" % label
        return ProxyError(402, code, message(statement, detail, advice))
    if code == NOT_LICENSED:
        statement = "%s denied access to %s (HTTP %d)" % (label, what, effective)
        advice = "The account's licence probably does not include this dataset"
        return ProxyError(403, code, message(statement, detail, advice))
    if code == NOT_FOUND:
        return ProxyError(404, code, message("%s has no %s for this query (HTTP 404)" % (label, what), detail))
    if code == UPSTREAM_UNAVAILABLE:
        statement = "%s is unavailable (HTTP %d%s)%s" % (label, effective, page, tried)
        return ProxyError(502, code, message(statement, advice="try again later", after_semicolon=True))
    if code == UPSTREAM_TIMEOUT:
        statement = "%s's gateway timed out (HTTP %d%s)%s" % (label, effective, page, tried)
        return ProxyError(504, code, message(statement, advice="try again later", after_semicolon=True))
    if 300 <= effective < 400:
        statement = "%s answered with a redirect (HTTP %d), which the app does not follow" % (label, effective)
        return ProxyError(502, UPSTREAM_ERROR, message(statement, advice="Check %s in the app's settings"
                                                       % src.url_setting))
    if effective >= 500:
        statement = "%s failed with HTTP %d%s" % (label, effective, page)
        return ProxyError(502, UPSTREAM_ERROR, message(statement, detail, "try again later", True))
    statement = "%s answered %s with HTTP %d%s" % (label, what, effective, page)
    return ProxyError(502, UPSTREAM_ERROR, message(statement, detail))


def timeout_error(src: Source, seconds: float, attempts: int, budget: bool = False) -> ProxyError:
    """No answer in time: a wait longer than the provider's timeout, or (``budget``) the time budget used up."""
    tried = " (%d attempts)" % attempts if attempts > 1 else ""
    unit = "second" if seconds == 1 else "seconds"
    if budget:
        statement = "%s did not finish answering within the app's time budget of %g %s%s" % (
            src.label, seconds, unit, tried)
        advice = "Try again later, or raise deadline_seconds in the app's settings"
    else:
        statement = "%s did not answer within %g %s%s" % (src.label, seconds, unit, tried)
        advice = "Try again later, or raise %s in the app's settings" % src.timeout_setting
    return ProxyError(504, UPSTREAM_TIMEOUT, message(statement, advice=advice))


def unreachable_error(src: Source, host: str, reason: str, attempts: int) -> ProxyError:
    """No connection (refused, DNS failure, reset, TLS failure)."""
    tried = " after %d attempts" % attempts if attempts > 1 else ""
    advice = "Check %s and https_proxy in the app's settings and the network" % src.url_setting
    return ProxyError(502, UPSTREAM_UNAVAILABLE, message("%s could not be reached at %s%s" % (src.label, host, tried),
                                                         reason, advice))


def malformed_error(src: Source, what: str) -> ProxyError:
    """A 2xx answer that is not what the operation expects."""
    statement = "%s answered %s with %s" % (src.label, src.what, what)
    return ProxyError(502, UPSTREAM_MALFORMED, message(statement, advice="try again later", after_semicolon=True))
