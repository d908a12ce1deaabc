"""A provider's failure for a dataset (``Problem``): its kind from the endpoint's status and stable code, and the
words the search shows for it."""

from typing import NamedTuple, Optional

from .asks import would_fill
from .endpoint import Answer
from .indicators import TYPE_LABELS, Indicator
from .sources import DATASET_WORDS, LABELS, PASSIVETOTAL, Sources


class Problem(NamedTuple):
    """A provider's failure for a dataset: the kind (as the page sorts them), the endpoint's stable code and text,
    and when a spent quota resets."""

    provider: str
    dataset: str
    kind: str
    code: Optional[str]
    text: str
    reset_at: Optional[str] = None


_NOT_CONFIGURED = ("not_configured", "provider_not_configured", "provider_disabled")


def classify(answer: Answer, provider: str) -> str:
    """The kind of a failed answer, from its status and stable code (never from the text)."""
    code = answer.code
    if code in _NOT_CONFIGURED:
        return "not-configured"
    if code == "forbidden":
        return "not-permitted"
    if code in ("quota_exceeded", "rate_limited") or answer.status == 429:
        return "quota"
    if answer.status == 401:
        return "unauthorized"
    if answer.status == 402:
        return "forbidden" if provider == PASSIVETOTAL else "quota"
    if answer.status == 403:
        return "forbidden"
    if answer.status == 400:
        return "bad-request"
    if answer.status == 404:
        return "not-found"
    if answer.status >= 500:
        return "upstream"
    return "malformed"


def _reset_words(reset_at: Optional[str]) -> str:
    if not reset_at:
        return ""
    shown = reset_at.replace("T", " ").replace("Z", " UTC")
    if len(shown) > 16 and shown[16:19] == ":00":
        shown = shown[:16] + shown[19:]
    return "; it resets %s" % shown.strip()


def problem_words(p: Problem) -> str:
    """A failure in words for the search's messages, e.g. ``PassiveTotal quota exceeded for passive DNS``."""
    label = LABELS.get(p.provider, p.provider)
    what = DATASET_WORDS.get(p.dataset, p.dataset)
    if p.kind == "quota":
        if p.code == "rate_limited" or (p.code != "quota_exceeded" and p.provider != PASSIVETOTAL):
            return "%s rate limit reached for %s; try again in a minute" % (label, what)
        return "%s quota exceeded for %s%s" % (label, what, _reset_words(p.reset_at))
    if p.kind == "not-configured":
        return "%s is not configured for %s: an administrator sets it up on the app's setup page" % (label, what)
    if p.kind == "not-permitted":
        return "Your Splunk role may not ask %s for %s (capability passivetotal_query)" % (label, what)
    if p.kind == "unauthorized":
        return "%s refused the app's credentials for %s: an administrator should check them on the setup page" % (
            label, what)
    if p.kind == "forbidden":
        return "%s does not allow %s for this account (licence)" % (label, what)
    if p.kind == "bad-request":
        return "%s refused the query for %s: %s" % (label, what, p.text)
    if p.kind == "not-found":
        return "%s has no %s for this value" % (label, what)
    if p.kind == "unsupported":
        return p.text
    if p.code == "splunkd_unreachable":
        return "splunkd could not be reached for %s" % what
    if p.code == "upstream_unavailable":
        return "%s could not be reached for %s" % (label, what)
    if p.code == "upstream_timeout":
        return "%s did not answer in time for %s" % (label, what)
    if p.code == "internal":
        return "The app's endpoint failed on %s: %s" % (what, p.text)
    if p.kind == "malformed":
        return "%s answered %s with something the app cannot read" % (label, what)
    return "%s answered %s with an error: %s" % (label, what, p.text)


def unsupported(dataset: str, indicator: Indicator, sources: Sources) -> Problem:
    """No configured provider offers the dataset for this type: who could."""
    could = would_fill(dataset, indicator, sources)
    what = DATASET_WORDS.get(dataset, dataset)
    kind = TYPE_LABELS.get(indicator.type, indicator.type)
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    text = "No configured source has %s for %s %s" % (what, article, kind)
    if could:
        text += "; %s could (an administrator sets providers up on the app's setup page)" % ", ".join(could)
    return Problem("", dataset, "unsupported", None, text)
