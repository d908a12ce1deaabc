"""Indicators in search arguments and event fields: refanging, type detection and normalisation.

The same rules as the investigation page (packages/core/src/indicators): defanged input such as
``hxxps://evil[.]example/login`` or ``198[.]51[.]100[.]7`` is accepted, the shape of the text decides the type
(URL, e-mail, SHA-1, tracker id, IPv6, IPv4, host with a path, host name), and the value is normalised the way the
page normalises it (lower-case punycode names, RFC 5952 IPv6, dotted-quad IPv4 without leading zeros). Every
function is total: input that is not an indicator gives a ``NotAnIndicator`` with the reason, never an exception.

The indicator's types are in indicator_types, refanging and trimming in refanging, the special-purpose ranges in
special_ranges; this module parses.
"""

import ipaddress
import re
import unicodedata
from typing import List, Optional, Tuple, Union

from .indicator_types import (
    EXPECTED_INDICATOR,
    INDICATOR_TYPES,
    TYPE_LABELS,
    Indicator,
    NotAnIndicator,
    Parsed,
    Special,
)
from .refanging import refang, trim_indicator_text
from .special_ranges import never_on_the_internet, special_ipv4, special_ipv6, special_name

__all__ = [
    "EXPECTED_INDICATOR",
    "INDICATOR_TYPES",
    "TYPE_LABELS",
    "Indicator",
    "NotAnIndicator",
    "Parsed",
    "Special",
    "never_on_the_internet",
    "parse_domain",
    "parse_indicator",
    "parse_ipv4",
    "parse_ipv6",
    "refang",
    "trim_indicator_text",
]

_EXPECTED_V4 = "an IPv4 address: four numbers from 0 to 255 separated by dots, e.g. 198.51.100.7"
_EXPECTED_V6 = "an IPv6 address such as 2001:db8::1, optionally in brackets with a port: [2001:db8::1]:443"
_EXPECTED_NAME = "a domain or host name such as evil.example or b\u00fccher.example"
_EXPECTED_URL = "a URL such as https://evil.example/login.php"
_EXPECTED_EMAIL = "an email address such as jane@evil.example"
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]{0,31})://(.*)$", re.IGNORECASE | re.DOTALL)

_TRACKERS: List[Tuple["re.Pattern[str]", str, bool]] = [
    (re.compile(r"^UA-\d{4,10}-\d{1,4}$", re.IGNORECASE | re.ASCII), "GoogleAnalyticsTrackingId", True),
    (re.compile(r"^UA-\d{4,10}$", re.IGNORECASE | re.ASCII), "GoogleAnalyticsAccountNumber", True),
    (re.compile(r"^G-[A-Z0-9]{6,12}$", re.IGNORECASE), "GoogleAnalyticsTrackingId", True),
    (re.compile(r"^GTM-[A-Z0-9]{4,9}$", re.IGNORECASE), "GoogleTagManagerId", True),
    (re.compile(r"^[0-9a-f]{62}$", re.IGNORECASE), "JarmHash", False),
]


def _looks_like_ipv4(text: str) -> bool:
    return re.match(r"^[0-9]+(?:\.[0-9]+){1,4}(?::[0-9]*)?$", text) is not None


def _port(text: Optional[str]) -> Union[int, None, NotAnIndicator]:
    if text is None or text == "":
        return None
    if not re.match(r"^[0-9]{1,5}$", text) or int(text) > 65535:
        return NotAnIndicator("%s is not a port number" % text, "a port from 0 to 65535")
    return int(text)


def parse_ipv4(text: str) -> Parsed:
    """A dotted-quad address with an optional ``:port``; leading zeros read as decimal, as log files mean them."""
    m = re.match(r"^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)(?::([0-9]*))?$", text)
    if not m:
        return NotAnIndicator("%s does not have four parts" % text, _EXPECTED_V4)
    octets = [int(m.group(i)) for i in range(1, 5)]
    for octet in octets:
        if octet > 255:
            return NotAnIndicator("%d is not a number from 0 to 255" % octet, _EXPECTED_V4)
    port = _port(m.group(5))
    if isinstance(port, NotAnIndicator):
        return port
    value = ".".join(str(o) for o in octets)
    return Indicator("ipv4", value, value, "ipv4", special=special_ipv4(value))


def parse_ipv6(text: str) -> Parsed:
    """An IPv6 address, bare or in brackets with an optional port; the zone is dropped; RFC 5952 form."""
    body = text
    port_text: Optional[str] = None
    bracketed = re.match(r"^\[([^\]]*)\](?::([0-9]*))?$", text)
    if bracketed:
        body = bracketed.group(1)
        port_text = bracketed.group(2) or None
    body = re.sub(r"%[\w.-]*$", "", body)
    if not re.match(r"^[0-9a-fA-F:.]+$", body):
        return NotAnIndicator("%s is not a valid IPv6 address" % text, _EXPECTED_V6)
    try:
        address = ipaddress.IPv6Address(body)
    except ValueError:
        return NotAnIndicator("%s is not a valid IPv6 address" % text, _EXPECTED_V6)
    port = _port(port_text)
    if isinstance(port, NotAnIndicator):
        return port
    value = "::ffff:" + str(address.ipv4_mapped) if address.ipv4_mapped is not None else address.compressed
    return Indicator("ipv6", value, value, "ipv6", special=special_ipv6(value))


def _to_ascii(name: str) -> Optional[str]:
    labels: List[str] = []
    for label in name.split("."):
        if all(ord(ch) < 128 for ch in label):
            labels.append(label)
            continue
        try:
            labels.append("xn--" + label.encode("punycode").decode("ascii"))
        except UnicodeError:
            return None
    return ".".join(labels)


def _valid_punycode(label: str) -> bool:
    try:
        label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return False
    return True


def parse_domain(text: str) -> Parsed:
    """A host name: lower case, punycode, no trailing dot, no leading ``*.``, an optional ``:port`` dropped."""
    name = unicodedata.normalize("NFKC", text).lower()
    with_port = re.match(r"^(.*):([0-9]{1,5})$", name)
    if with_port:
        if int(with_port.group(2)) > 65535:
            return NotAnIndicator("%s is not a port number" % with_port.group(2), "a port from 0 to 65535")
        name = with_port.group(1)
    if name.startswith("*."):
        name = name[2:]
    elif name.startswith("."):
        name = name[1:]
    if name.endswith("."):
        name = name[:-1]
    if name == "":
        return NotAnIndicator("the name is empty", _EXPECTED_NAME)
    bad = re.search(r"[\s/\\?#@:*\[\]()<>{}|\"'`,;!=+$%^&~]", name)
    if bad:
        return NotAnIndicator('"%s" is not allowed in a host name' % bad.group(0), _EXPECTED_NAME)
    ascii_name = _to_ascii(name)
    if ascii_name is None:
        return NotAnIndicator("%s cannot be converted to an internationalised domain name" % text, _EXPECTED_NAME)
    if len(ascii_name) > 253:
        return NotAnIndicator("the name is longer than 253 characters", _EXPECTED_NAME)
    wrong = _wrong_labels(text, ascii_name.split("."))
    if wrong is not None:
        return wrong
    return Indicator("domain", ascii_name, ascii_name, "domain", special=special_name(ascii_name))


def _wrong_labels(text: str, labels: List[str]) -> Optional[NotAnIndicator]:
    """Why the labels of a host name ``text`` (in ASCII) are not a domain name's, or None when they are."""
    if len(labels) < 2:
        return NotAnIndicator("%s has no dot; a single label is not a domain name" % text, _EXPECTED_NAME)
    for label in labels:
        if label == "":
            return NotAnIndicator("%s has an empty label (two dots in a row)" % text, _EXPECTED_NAME)
        if not _LABEL.match(label):
            return NotAnIndicator(
                '"%s" is not a valid label (letters, digits and inner hyphens, at most 63)' % label, _EXPECTED_NAME
            )
        if label.startswith("xn--") and not _valid_punycode(label):
            return NotAnIndicator('"%s" is not valid punycode' % label, _EXPECTED_NAME)
    if re.match(r"^[0-9]+$", labels[-1]):
        return NotAnIndicator('the last label "%s" is a number' % labels[-1], _EXPECTED_NAME)
    return None


def _parse_host(text: str) -> Parsed:
    if text.startswith("["):
        return parse_ipv6(text)
    if _looks_like_ipv4(text):
        return parse_ipv4(text)
    return parse_domain(text)


def _parse_url(text: str, scheme: str, rest: str) -> Parsed:
    split = re.match(r"^([^/?#]*)(.*)$", rest, re.DOTALL)
    authority = split.group(1) if split else ""
    path = split.group(2) if split else ""
    at = authority.rfind("@")
    userinfo = authority[: at + 1] if at >= 0 else ""
    host_port = authority[at + 1:] if at >= 0 else authority
    if host_port == "":
        return NotAnIndicator("%s has no host" % text, _EXPECTED_URL)
    if re.search(r"\s", path):
        return NotAnIndicator("a URL cannot contain spaces", _EXPECTED_URL)
    host_part = host_port
    port_text = ""
    port_match = re.match(r"^(.*?):([0-9]*)$", host_port)
    if port_match and not (host_port.startswith("[") and "]:" not in host_port):
        host_part = port_match.group(1)
        port_text = port_match.group(2)
        if port_text != "" and int(port_text) > 65535:
            return NotAnIndicator("%s is not a port number" % port_text, _EXPECTED_URL)
    host = _parse_host(host_part)
    if isinstance(host, NotAnIndicator):
        return NotAnIndicator("the host of the URL is not valid: %s" % host.reason, _EXPECTED_URL)
    shown_host = "[%s]" % host.value if host.type == "ipv6" else host.value
    prefix = scheme.lower() + "://" if scheme else ""
    value = prefix + userinfo + shown_host + (":" + str(int(port_text)) if port_text else "") + path
    return Indicator("url", value, host.value, host.type, special=host.special)


def _parse_email(text: str) -> Parsed:
    m = re.match(r"^(?:mailto:)?([^@]+)@([^@]+)$", text, re.IGNORECASE)
    if not m:
        return NotAnIndicator("%s is not of the form name@domain" % text, _EXPECTED_EMAIL)
    local = m.group(1).lower()
    if (
        len(local) > 64
        or not re.match(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$", local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        return NotAnIndicator('"%s" is not a valid mailbox name' % local, _EXPECTED_EMAIL)
    domain_text = m.group(2)
    if re.search(r":[0-9]{1,5}$", domain_text) or domain_text.startswith("*.") or domain_text.startswith("."):
        return NotAnIndicator("%s is not a plain domain" % domain_text, _EXPECTED_EMAIL)
    domain = parse_domain(domain_text)
    if isinstance(domain, NotAnIndicator):
        return NotAnIndicator("the domain of the address is not valid: %s" % domain.reason, _EXPECTED_EMAIL)
    value = "%s@%s" % (local, domain.value)
    return Indicator("email", value, value, "email", special=domain.special)


def parse_indicator(text: str) -> Parsed:
    """Any indicator an analyst may type or an event may hold: refanged, trimmed, typed and normalised.

    >>> parse_indicator("hxxps://Evil[.]Example/login.php").intel_query
    'evil.example'
    >>> parse_indicator("hello world").reason
    'an indicator cannot contain spaces'
    """
    s = trim_indicator_text(refang(trim_indicator_text(text)))
    if s == "":
        return NotAnIndicator("nothing was entered", EXPECTED_INDICATOR)
    if re.search(r"\s", s):
        return NotAnIndicator("an indicator cannot contain spaces", EXPECTED_INDICATOR)
    if len(s) > 4096:
        return NotAnIndicator("the text is longer than 4096 characters", EXPECTED_INDICATOR)
    url = _SCHEME.match(s)
    if url:
        return _parse_url(s, url.group(1), url.group(2))
    if s.lower().startswith("mailto:") or ("@" in s and "/" not in s):
        return _parse_email(s)
    if re.match(r"^[0-9a-fA-F]{40}$", s) or re.match(r"^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){19}$", s):
        value = s.replace(":", "").lower()
        return Indicator("sha1", value, value, "sha1")
    for pattern, tracker_type, upper in _TRACKERS:
        if pattern.match(s):
            value = s.upper() if upper else s.lower()
            return Indicator("tracker", value, value, "tracker", tracker_type=tracker_type)
    if s.startswith("[") or s.count(":") >= 2:
        return parse_ipv6(s)
    if _looks_like_ipv4(s):
        return parse_ipv4(s)
    slash = s.find("/")
    if re.match(r"^[0-9.]+/[0-9]{1,2}$", s):
        return NotAnIndicator("%s is a network range" % s, "a single IPv4 address, not a CIDR range")
    if 0 < slash < len(s) - 1:
        return _parse_url(s, "", s)
    domain = parse_domain(s[:-1] if slash == len(s) - 1 else s)
    if isinstance(domain, NotAnIndicator) and "." not in s:
        return NotAnIndicator('"%s" is not an indicator' % s, EXPECTED_INDICATOR)
    return domain
