"""The search that looks for a value in the company's events, with the investigation page's matching rule
(``packages/core/src/spl/matching.ts``, thorough mode) for the values a watch brings: IPv4 addresses and names.

An IPv4 address is found whole (``dst=198.51.100.7``, ``198.51.100.7:443``, in URLs, ``::ffff:``-mapped), never
inside a longer number or dotted string; a name is found with the names below it, in URLs, e-mail addresses and
the Windows DNS debug log's ``(7)example(3)com(0)`` form. The lexicon prefilter narrows the events on the indexers
and ``where match(_raw, ...)`` keeps the exact matches. Other values (IPv6, hashes) get no search.
"""

import re
from typing import List, Optional

from .indicators import Indicator, parse_indicator

LABEL = "0-9a-z_-"


def _not_after(chars: str) -> str:
    return "(?:(?<![%s])|(?<=%%[0-9a-f]{2}))" % chars


def _literal(text: str) -> str:
    return "".join(c if c.isalnum() else "\\" + c for c in text)


def ipv4_pattern(ip: str) -> str:
    dotted = "\\.".join(ip.split("."))
    return "(?i)%s(?<![0-9a-z]\\.)%s(?![0-9a-z])(?!\\.[a-z])(?!\\.[0-9]+\\.[0-9a-z])" % (_not_after("0-9a-z"), dotted)


def domain_pattern(name: str) -> str:
    plain = "%s%s(?![%s])(?!\\.[%s])" % (_not_after(LABEL), _literal(name), LABEL, LABEL)
    windows = "".join("\\(%d\\)%s" % (len(label), _literal(label)) for label in name.split(".")) + "\\(0\\)"
    return "(?i)(?:%s|%s)" % (plain, windows)


def _quoted(text: str) -> str:
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def _run_on(token: str) -> List[str]:
    return [_quoted(token), _quoted(token + "^*"), _quoted(token + "~*")]


def ipv4_prefilter(ip: str) -> str:
    return " OR ".join(_run_on(ip) + [_quoted("%2F" + ip)])


def domain_prefilter(name: str) -> str:
    tokens = [t for t in re.split(r"[._-]", name) if t]
    parts: List[str] = []
    for i, token in enumerate(tokens):
        forms = [_quoted(token)]
        if i == 0:
            forms.append(_quoted("2f" + token))
        if i == len(tokens) - 1:
            forms = forms + _run_on(token)[1:]
        parts.append("(%s)" % " OR ".join(forms) if len(forms) > 1 else forms[0])
    return " ".join(parts)


def evidence_search(value: str, exclude_index: str) -> Optional[str]:
    """The search counting the events that hold ``value`` (``internal_count``, ``internal_first_seen``,
    ``internal_last_seen`` as epoch seconds, ``internal_sourcetypes``), or None for a value it does not look for."""
    parsed = parse_indicator(value)
    if not isinstance(parsed, Indicator):
        return None
    if parsed.type == "ipv4":
        prefilter, pattern = ipv4_prefilter(parsed.value), ipv4_pattern(parsed.value)
    elif parsed.type == "domain":
        prefilter, pattern = domain_prefilter(parsed.value), domain_pattern(parsed.value)
    else:
        return None
    return ("search (`passivetotal_index`) NOT index=%s (%s) | where match(_raw, %s) | stats count AS internal_count "
            "min(_time) AS internal_first_seen max(_time) AS internal_last_seen values(sourcetype) AS "
            "internal_sourcetypes" % (exclude_index, prefilter, _quoted(pattern)))
