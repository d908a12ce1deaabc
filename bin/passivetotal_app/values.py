"""The value validators an operation's parameter names in the catalogue (``validators`` of catalogue.json).

Each takes the value as the browser sent it and returns it normalised (what goes upstream and into the cache key:
domains lower-cased without a trailing dot, IPv6 compressed, SHA-1 and email addresses lower-cased, booleans
lower-cased, page and AS numbers without leading zeros), or raises :class:`Refusal` saying why it is not
accepted. validation.py applies them; :func:`kind` tells what a validated host or number is.
"""

import datetime
import ipaddress
import re
from typing import Callable, Dict, Sequence

Validator = Callable[[str], str]


class Refusal(Exception):
    """A validator's refusal: why the value is not accepted."""


_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9._+-]{1,64}$")
_TRACKER_VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
_TRACKER_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,63}$")
_PHONE = re.compile(r"^[0-9+().\- ]{3,40}$")
_SOURCES = re.compile(r"^[a-z0-9_]{1,40}(,[a-z0-9_]{1,40}){0,19}$")
_PAGE = re.compile(r"^\d{1,5}$")
_ASN = re.compile(r"^(?:AS|as|As|aS)?(\d{1,10})$")
MAX_ASN = 4294967295


def shown(value: str, limit: int = 40) -> str:
    """A value safe to quote in a message: control characters replaced, cut, quoted."""
    safe = "".join(c if c.isprintable() else "?" for c in value)
    return repr(safe if len(safe) <= limit else safe[: limit - 1] + "\u2026")


def domain(value: str) -> str:
    """A host or domain name: letters, digits, ``-`` and ``_`` in labels of at most 63, two labels or more, at most
    253 characters, a TLD that is not all digits. Lower-cased, one trailing dot dropped."""
    name = value.lower()
    if name.endswith("."):
        name = name[:-1]
    if not name or len(name) > 253:
        raise Refusal("a domain name has 1 to 253 characters")
    labels = name.split(".")
    if len(labels) < 2:
        raise Refusal("a domain name needs at least two labels, like example.com")
    for label in labels:
        if not _LABEL.match(label):
            raise Refusal("%s is not a valid domain label" % shown(label))
    if labels[-1].isdigit():
        raise Refusal("%s is neither an IP address nor a domain name" % shown(value))
    return name


def ip(value: str) -> str:
    """An IPv4 address in dotted-quad form or an IPv6 address; returned in canonical (compressed) form."""
    try:
        if _IPV4.match(value):
            return str(ipaddress.IPv4Address(value))
        if ":" in value:
            return ipaddress.IPv6Address(value).compressed
    except ValueError:
        pass
    raise Refusal("%s is not an IP address" % shown(value))


def host(value: str) -> str:
    """An IP address or a domain name."""
    if _IPV4.match(value) or ":" in value:
        return ip(value)
    return domain(value)


def host_or_wildcard(value: str) -> str:
    """A host, or a wildcard domain ``*.example.com`` (passive DNS)."""
    if value.startswith("*."):
        return "*." + domain(value[2:])
    return host(value)


def subdomain_query(value: str) -> str:
    """``*.example.com``, ``.example.com`` or ``example.com`` (enrichment/subdomains)."""
    if value.startswith("*."):
        return "*." + domain(value[2:])
    if value.startswith("."):
        return "." + domain(value[1:])
    return domain(value)


def email(value: str) -> str:
    """An email address (``local@domain``), lower-cased."""
    local, at, rest = value.rpartition("@")
    if not at or not _EMAIL_LOCAL.match(local):
        raise Refusal("%s is not an email address" % shown(value))
    return local.lower() + "@" + domain(rest)


def sha1(value: str) -> str:
    """40 hexadecimal digits (a certificate SHA-1), lower-cased."""
    if not _SHA1.match(value):
        raise Refusal("a SHA-1 is 40 hexadecimal digits")
    return value.lower()


def sha1_or_ip(value: str) -> str:
    """A certificate SHA-1 or an IP address (ssl-certificate/history)."""
    return sha1(value) if _SHA1.match(value) else ip(value)


def tracker_value(value: str) -> str:
    """A tracker id such as ``UA-12345-1``, ``GTM-ABC123`` or a JARM hash; case is kept."""
    if not _TRACKER_VALUE.match(value):
        raise Refusal("a tracker value has letters, digits, '_', '.', ':' and '-' (at most 128)")
    return value


def tracker_type(value: str) -> str:
    """A PassiveTotal tracker type name such as ``GoogleAnalyticsTrackingId`` (letters and digits)."""
    if not _TRACKER_TYPE.match(value):
        raise Refusal("a tracker type is a name like GoogleAnalyticsTrackingId")
    return value


def phone(value: str) -> str:
    """A telephone number: digits, spaces and ``+ ( ) . -``."""
    if not _PHONE.match(value):
        raise Refusal("a phone number has 3 to 40 digits, spaces and + ( ) . -")
    return value


def text(value: str) -> str:
    """Free text for WHOIS and certificate searches: 1 to 256 printable characters, case kept."""
    if not value or len(value) > 256:
        raise Refusal("a search value has 1 to 256 characters")
    if value != value.strip():
        raise Refusal("a search value does not start or end with spaces")
    return value


def date(value: str) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM:SS``."""
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            datetime.datetime.strptime(value, pattern)
            return value
        except ValueError:
            continue
    raise Refusal("a date is YYYY-MM-DD or YYYY-MM-DD HH:MM:SS")


def page(value: str) -> str:
    """A 0-based page number up to 10000."""
    if not _PAGE.match(value) or int(value) > 10000:
        raise Refusal("a page is a number from 0 to 10000")
    return str(int(value))


def sources(value: str) -> str:
    """A comma-separated list of passive DNS source names."""
    if not _SOURCES.match(value):
        raise Refusal("sources is a comma-separated list of source names like riskiq,pingly")
    return value


def boolean(value: str) -> str:
    """``true`` or ``false``."""
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise Refusal("the value is true or false")
    return lowered


def autnum(value: str) -> str:
    """An AS number, ``64500`` or ``AS64500``; returned as the bare number."""
    match = _ASN.match(value)
    if not match or int(match.group(1)) > MAX_ASN:
        raise Refusal("an AS number is a number from 0 to %d, optionally written AS64500" % MAX_ASN)
    return str(int(match.group(1)))


def one_of(choices: Sequence[str], any_case: bool = False) -> Validator:
    """A validator accepting exactly one of ``choices`` (in any case with ``any_case``), returned as listed."""

    def check(value: str) -> str:
        wanted = value.lower() if any_case else value
        for choice in choices:
            if (choice.lower() if any_case else choice) == wanted:
                return choice
        raise Refusal("the value is one of: %s" % ", ".join(choices))

    return check


# The validators by their catalogue name (one_of is made per parameter from its values).
BY_NAME: Dict[str, Validator] = {
    "domain": domain,
    "ip": ip,
    "host": host,
    "host_or_wildcard": host_or_wildcard,
    "subdomain_query": subdomain_query,
    "email": email,
    "sha1": sha1,
    "sha1_or_ip": sha1_or_ip,
    "tracker_value": tracker_value,
    "tracker_type": tracker_type,
    "phone": phone,
    "text": text,
    "date": date,
    "page": page,
    "sources": sources,
    "boolean": boolean,
    "autnum": autnum,
}


def kind(value: str, validator: str) -> str:
    """What a validated value is: ``autnum`` (from the autnum validator), ``ipv6``, ``ipv4`` or ``domain`` (any other
    name). The catalogue keys an operation's ``kinds`` and ``bootstrap`` tables by it."""
    if validator == "autnum":
        return "autnum"
    if ":" in value:
        return "ipv6"
    if _IPV4.match(value):
        return "ipv4"
    return "domain"
