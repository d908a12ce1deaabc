"""Every failure the endpoint reports, and the one function that sorts an upstream answer into them.

A failure is a :class:`ProxyError` with an HTTP status for the browser, a stable ``code`` the page acts on, a
specific text, and optional extra fields (``resetAt``). The codes are the contract with
``packages/core/src/providers/passivetotal/proxy-client.ts`` and are listed in README.md, "The app's REST
endpoint". :func:`classify_upstream` decides the kind of an upstream failure from the status and the parsed body
(reference ``passivetotal-api.md`` section 2.2: every historic body shape), never from our own message texts.
"""

import json
import re
from typing import Any, Dict, List, NamedTuple, Optional

# The stable codes.
NOT_CONFIGURED = "not_configured"
BAD_CREDENTIALS = "bad_credentials"
NOT_LICENSED = "not_licensed"
QUOTA_EXCEEDED = "quota_exceeded"
BAD_QUERY = "bad_query"
NOT_FOUND = "not_found"
NOT_ALLOWED = "not_allowed"
METHOD_NOT_ALLOWED = "method_not_allowed"
FORBIDDEN = "forbidden"
UPSTREAM_UNAVAILABLE = "upstream_unavailable"
UPSTREAM_TIMEOUT = "upstream_timeout"
UPSTREAM_MALFORMED = "upstream_malformed"
UPSTREAM_ERROR = "upstream_error"
INTERNAL = "internal"
CACHE_UNAVAILABLE = "cache_unavailable"
INVALID_SETTINGS = "invalid_settings"
RATE_LIMITED = "rate_limited"

# Upstream statuses worth another attempt (a gateway or an overloaded server); never a 4xx.
RETRYABLE_STATUSES = frozenset([502, 503, 504])

# How PassiveTotal said "quota" over the years (reference section 2.2, item 4): "Quota exceeded",
# "quota_exceeded: ...", "quota has been exceeded", "Daily Query Limit Reached". These words of the upstream's
# documented error bodies tell a 2016 quota 403 from a licence 403; the reply we build never depends on them.
QUOTA_MARKERS = ("quota", "query limit", "limit reached")

# Keys of a body that is only an error report (used to spot the 2016 envelope inside a 2xx answer).
ERROR_ONLY_KEYS = frozenset(["error", "message", "developer_message", "http_code", "success"])

MAX_DETAIL_CHARS = 200


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


class ErrorBody(NamedTuple):
    """What an upstream error body says: its message texts, an embedded http_code (2016 envelope), and its form."""

    texts: List[str]
    http_code: Optional[int]
    is_json: bool
    is_html: bool

    def detail(self) -> str:
        """The upstream's own words, de-duplicated and cut, or ``""``."""
        seen: List[str] = []
        for text in self.texts:
            clean = _unended(text)
            if clean and clean not in seen:
                seen.append(clean)
        joined = "; ".join(seen)
        return joined if len(joined) <= MAX_DETAIL_CHARS else joined[: MAX_DETAIL_CHARS - 1] + "\u2026"

    def mentions_quota(self) -> bool:
        lowered = " ".join(self.texts).lower()
        return any(marker in lowered for marker in QUOTA_MARKERS)


def parse_error_body(body: bytes) -> ErrorBody:
    """Reads every historic error shape.

    1. ``{"error": {"http_code": 403, "message": ..., "developer_message": ...}}`` (2016; also Graph-style
       ``{"error": {"code", "message"}}``);
    2. ``{"message": "invalid credentials"}`` (later years);
    3. ``{"error": "Quota Exceeded", "message": "..."}``;
    anything else JSON gives no texts; a non-JSON body is either an HTML page or a short plain text.
    """
    try:
        doc = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, ValueError):
        text = body[:4096].decode("utf-8", "replace")
        if re.search(r"<\s*(!doctype|html|head|body)\b", text, re.IGNORECASE):
            return ErrorBody([], None, False, True)
        return ErrorBody([text.strip()[:MAX_DETAIL_CHARS]], None, False, False)
    texts: List[str] = []
    http_code: Optional[int] = None
    if isinstance(doc, dict):
        error = doc.get("error")
        if isinstance(error, dict):
            for key in ("message", "developer_message"):
                if isinstance(error.get(key), str):
                    texts.append(error[key])
            code = error.get("http_code")
            if isinstance(code, int) and not isinstance(code, bool):
                http_code = code
        elif isinstance(error, str):
            texts.append(error)
        if isinstance(doc.get("message"), str):
            texts.append(doc["message"])
        if isinstance(doc.get("developer_message"), str):
            texts.append(doc["developer_message"])
        if http_code is None and isinstance(doc.get("http_code"), int) and not isinstance(doc["http_code"], bool):
            http_code = doc["http_code"]
    return ErrorBody(texts, http_code, doc is not None, False)


def is_error_only_body(doc: Any) -> bool:
    """True for a 2xx body that is only an error report, e.g. the 2016 ``{"error": {...}}`` envelope."""
    if not isinstance(doc, dict) or "error" not in doc or not doc.get("error"):
        return False
    return set(doc.keys()) <= ERROR_ONLY_KEYS


# What may end the upstream's own words; the message supplies its own ending instead.
TRAILING_PUNCTUATION = " \t\r\n.;:,!?"


def _unended(text: str) -> str:
    """``text`` on one line without its closing punctuation, so the sentence it ends up in is ended once."""
    return " ".join(text.split()).rstrip(TRAILING_PUNCTUATION)


def _words(text: str) -> str:
    """The lower-case words of ``text``, space-separated and space-framed, to compare phrases whole-word."""
    return " %s " % " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _message(statement: str, detail: str = "", advice: str = "", after_semicolon: bool = False) -> str:
    """The one place an error text is put together, so every sentence ends exactly once.

    ``statement`` is ours ("PassiveTotal failed with HTTP 500"), ``detail`` the upstream's own words (added after a
    colon, their closing punctuation dropped), ``advice`` what to do: a new sentence, or with ``after_semicolon`` a
    clause ("; try again later"). Advice the upstream already gave ("Please try again later.") is not repeated.
    The closing punctuation of every part is dropped; the message ends with one full stop.

    >>> _message("PassiveTotal failed with HTTP 500", "Down. Please try again later.", "try again later", True)
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


def classify_upstream(
    status: int, body: bytes, label: str, retry_after_seconds: Optional[int] = None, attempts: int = 1
) -> ProxyError:
    """Sorts a failed upstream answer (any status, or a 2xx that is an error report) into a ProxyError.

    ``label`` names the dataset in the text ("passive DNS"); ``retry_after_seconds`` is a parsed Retry-After header
    (turned into ``resetAt`` by the caller); ``attempts`` is how many tries were made (for 502/503/504).
    """
    parsed = parse_error_body(body)
    effective = status
    if 200 <= status < 300:
        effective = parsed.http_code if parsed.http_code and parsed.http_code >= 400 else 0
    detail = parsed.detail()
    tried = " after %d attempts" % attempts if attempts > 1 else ""
    page = " (an HTML error page)" if parsed.is_html else ""

    if effective == 429 or (effective in (0, 403) and parsed.mentions_quota()):
        shown = effective or 429
        text = _message("The PassiveTotal query quota is used up (HTTP %d)" % shown, detail)
        error = ProxyError(429, QUOTA_EXCEEDED, text)
        if retry_after_seconds is not None:
            error.extra["retryAfterSeconds"] = retry_after_seconds
        return error
    if effective == 0:
        return ProxyError(
            502,
            UPSTREAM_MALFORMED,
            _message("PassiveTotal answered %s with an error report but no error status" % label, detail),
        )
    if effective == 400:
        return ProxyError(
            400,
            BAD_QUERY,
            _message(
                "PassiveTotal refused the query for %s (HTTP 400)" % label, detail, "Check the value and its type"
            ),
        )
    if effective == 401:
        return ProxyError(
            401,
            BAD_CREDENTIALS,
            _message(
                "PassiveTotal refused the username or API key (HTTP 401)",
                advice="An administrator can enter valid credentials on the app's setup page",
            ),
        )
    if effective == 402:
        return ProxyError(
            402,
            NOT_LICENSED,
            _message(
                "The PassiveTotal account is not licensed for %s (HTTP 402)" % label,
                detail,
                "Ask your PassiveTotal account owner to add this dataset",
            ),
        )
    if effective == 403:
        return ProxyError(
            403,
            NOT_LICENSED,
            _message(
                "PassiveTotal denied access to %s (HTTP 403)" % label,
                detail,
                "The account's licence probably does not include this dataset",
            ),
        )
    if effective == 404:
        return ProxyError(
            404, NOT_FOUND, _message("PassiveTotal has no %s for this query (HTTP 404)" % label, detail)
        )
    if effective in (502, 503):
        return ProxyError(
            502,
            UPSTREAM_UNAVAILABLE,
            _message(
                "PassiveTotal is unavailable (HTTP %d%s)%s" % (effective, page, tried),
                advice="try again later",
                after_semicolon=True,
            ),
        )
    if effective == 504:
        return ProxyError(
            504,
            UPSTREAM_TIMEOUT,
            _message(
                "PassiveTotal's gateway timed out (HTTP 504%s)%s" % (page, tried),
                advice="try again later",
                after_semicolon=True,
            ),
        )
    if 300 <= effective < 400:
        return ProxyError(
            502,
            UPSTREAM_ERROR,
            _message(
                "PassiveTotal answered with a redirect (HTTP %d), which the app does not follow" % effective,
                advice="Check base_url in the app's settings",
            ),
        )
    if effective >= 500:
        return ProxyError(
            502,
            UPSTREAM_ERROR,
            _message(
                "PassiveTotal failed with HTTP %d%s" % (effective, page),
                detail,
                advice="try again later",
                after_semicolon=True,
            ),
        )
    return ProxyError(
        502,
        UPSTREAM_ERROR,
        _message("PassiveTotal answered %s with HTTP %d%s" % (label, effective, page), detail),
    )


def timeout_error(seconds: float, attempts: int) -> ProxyError:
    """The upstream did not answer in time."""
    tried = " (%d attempts)" % attempts if attempts > 1 else ""
    return ProxyError(
        504,
        UPSTREAM_TIMEOUT,
        _message(
            "PassiveTotal did not answer within %g second%s%s" % (seconds, "" if seconds == 1 else "s", tried),
            advice="Try again later, or raise timeout_seconds in the app's settings",
        ),
    )


def unreachable_error(host: str, reason: str, attempts: int) -> ProxyError:
    """No connection (refused, DNS failure, reset, TLS failure)."""
    tried = " after %d attempts" % attempts if attempts > 1 else ""
    return ProxyError(
        502,
        UPSTREAM_UNAVAILABLE,
        _message(
            "PassiveTotal could not be reached at %s%s" % (host, tried),
            reason,
            "Check base_url and https_proxy in the app's settings and the network",
        ),
    )


def malformed_error(label: str, what: str) -> ProxyError:
    """A 2xx answer that is not the JSON PassiveTotal sends."""
    return ProxyError(
        502,
        UPSTREAM_MALFORMED,
        _message("PassiveTotal answered %s with %s" % (label, what), advice="try again later", after_semicolon=True),
    )


# ------------------------------------------------------------------------------------------- open providers


def _open_texts(doc: Any) -> List[str]:
    """The message texts of an open provider's error body: ``message``/``error``/``detail`` (OTX, InternetDB),
    RDAP's ``title`` and ``description`` (RFC 9083), abuse.ch's ``query_status``, mnemonic's ``messages``."""
    texts: List[str] = []
    if not isinstance(doc, dict):
        return texts
    for key in ("title", "message", "error", "detail", "query_status"):
        if isinstance(doc.get(key), str):
            texts.append(doc[key])
    error = doc.get("error")
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        texts.append(error["message"])
    description = doc.get("description")
    if isinstance(description, list):
        texts.extend(d for d in description[:3] if isinstance(d, str))
    messages = doc.get("messages")
    if isinstance(messages, list):
        for item in messages[:3]:
            if isinstance(item, dict) and isinstance(item.get("message"), str):
                texts.append(item["message"])
    return texts


def open_error_detail(body: bytes) -> ErrorBody:
    """What an open provider's error body says (any of the shapes of :func:`_open_texts`, or short plain text)."""
    parsed = parse_error_body(body)
    if not parsed.is_json:
        return parsed
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return parsed
    texts = [" ".join(t.split()) for t in _open_texts(doc)]
    texts = ["".join(c if c.isprintable() else "?" for c in t) for t in texts if t]
    return ErrorBody(texts, parsed.http_code, True, False)


def classify_open(
    label: str,
    status: int,
    body: bytes,
    key: str = "none",
    key_sent: bool = False,
    retry_after_seconds: Optional[int] = None,
    attempts: int = 1,
) -> ProxyError:
    """Sorts a failed answer of an open provider (``label`` names it: "crt.sh") into a ProxyError.

    ``key`` is the provider's key need (``none``, ``optional``, ``required``) and ``key_sent`` whether a key went
    with the request: 401/403 is a refused key when one was sent, a request for a key when the key is optional,
    and a plain refusal of a keyless provider. 402 (mnemonic's "resource limit") is a used-up quota; 429 is the
    provider limiting the app's requests (``rate_limited``, with ``retryAfterSeconds`` when it said).
    """
    parsed = open_error_detail(body)
    detail = parsed.detail()
    tried = " after %d attempts" % attempts if attempts > 1 else ""
    page = " (an HTML error page)" if parsed.is_html else ""
    setup = "An administrator can enter a key on the app's setup page"
    if status == 429:
        error = ProxyError(
            429,
            RATE_LIMITED,
            _message("%s is limiting the app's requests (HTTP 429)" % label, detail, "try again later", True),
        )
        if retry_after_seconds is not None:
            error.extra["retryAfterSeconds"] = retry_after_seconds
        return error
    if status == 402:
        if key == "optional" and not key_sent:
            advice = "An API key raises it; an administrator can enter one on the app's setup page"
        else:
            advice = "Try again later"
        return ProxyError(
            429, QUOTA_EXCEEDED, _message("%s's quota for the app is used up (HTTP 402)" % label, detail, advice)
        )
    if status in (401, 403) and (key_sent or key != "none"):
        if key_sent:
            statement = "%s refused the API key (HTTP %d)" % (label, status)
            advice = "An administrator can enter a valid key on the app's setup page"
        else:
            statement = "%s refused a request without an API key (HTTP %d)" % (label, status)
            advice = setup
        return ProxyError(401, BAD_CREDENTIALS, _message(statement, detail, advice))
    if status == 400:
        return ProxyError(
            400, BAD_QUERY, _message("%s refused the query (HTTP 400)" % label, detail, "Check the value and its type")
        )
    if status == 404:
        return ProxyError(404, NOT_FOUND, _message("%s has no data for this query (HTTP 404)" % label, detail))
    if status in (502, 503):
        return ProxyError(
            502,
            UPSTREAM_UNAVAILABLE,
            _message("%s is unavailable (HTTP %d%s)%s" % (label, status, page, tried), "", "try again later", True),
        )
    if status == 504:
        return ProxyError(
            504,
            UPSTREAM_TIMEOUT,
            _message("%s's gateway timed out (HTTP 504%s)%s" % (label, page, tried), "", "try again later", True),
        )
    if 300 <= status < 400:
        return ProxyError(
            502,
            UPSTREAM_ERROR,
            _message(
                "%s answered with a redirect (HTTP %d), which the app does not follow" % (label, status),
                advice="Check the provider's address in the app's settings",
            ),
        )
    if status >= 500:
        return ProxyError(
            502,
            UPSTREAM_ERROR,
            _message("%s failed with HTTP %d%s" % (label, status, page), detail, "try again later", True),
        )
    return ProxyError(502, UPSTREAM_ERROR, _message("%s answered with HTTP %d%s" % (label, status, page), detail))


def open_timeout_error(label: str, provider: str, seconds: float, attempts: int) -> ProxyError:
    """An open provider did not answer in time."""
    tried = " (%d attempts)" % attempts if attempts > 1 else ""
    return ProxyError(
        504,
        UPSTREAM_TIMEOUT,
        _message(
            "%s did not answer within %g second%s%s" % (label, seconds, "" if seconds == 1 else "s", tried),
            advice="Try again later, or raise timeout_seconds of [provider:%s] in the app's settings" % provider,
        ),
    )


def open_unreachable_error(label: str, host: str, reason: str, attempts: int) -> ProxyError:
    """No connection to an open provider."""
    tried = " after %d attempts" % attempts if attempts > 1 else ""
    return ProxyError(
        502,
        UPSTREAM_UNAVAILABLE,
        _message(
            "%s could not be reached at %s%s" % (label, host, tried),
            reason,
            "Check the provider's address and https_proxy in the app's settings and the network",
        ),
    )


def open_malformed_error(label: str, what: str) -> ProxyError:
    """A 2xx answer of an open provider that is not what it documents."""
    return ProxyError(
        502, UPSTREAM_MALFORMED, _message("%s answered with %s" % (label, what), advice="try again later",
                                          after_semicolon=True)
    )
