"""The one error classifier: every failure of every provider sorted into the app's error codes, with a specific
text that names the provider and what was asked.

An upstream answer's kind comes from its status, through the catalogue's table (``http.statuses``, and a
provider's own ``statuses``: PassiveTotal's 402 and 403 are ``not_licensed``, its 429 ``quota_exceeded``), and
from its parsed body (every historic error shape, never our own texts): a 403 or an error report that speaks of a
quota is ``quota_exceeded``; a provider that reports errors inside a 2xx (PassiveTotal's 2016 envelope) is
classified by the ``http_code`` of the report. A refused credential never quotes the upstream's words (they may
echo what was sent). Transport failures (timeout, no connection) and bodies that are not what the operation
expects get their own constructors below. What an error body says is read in error_bodies.
"""

import re
from typing import Dict, NamedTuple, Optional

from .error_bodies import ErrorBody, is_error_only_body, parse_error_body, unended
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

__all__ = [
    "ErrorBody",
    "Source",
    "classify",
    "is_error_only_body",
    "malformed_error",
    "message",
    "parse_error_body",
    "source",
    "timeout_error",
    "unreachable_error",
]


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
    text = unended(statement)
    words = unended(detail)
    if words:
        text = "%s: %s" % (text, words)
    advice = unended(advice)
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
