"""What an indicator is once parsed: its types and their names for people, the parsed ``Indicator`` (normalised
value, what providers are asked about, the special-purpose range it lies in), and ``NotAnIndicator`` with the reason
a text is not one."""

from typing import NamedTuple, Optional, Union

EXPECTED_INDICATOR = (
    "an IPv4 or IPv6 address, a domain, a URL, an email address, a certificate SHA-1 or a tracker id such as "
    "UA-12345-1"
)

INDICATOR_TYPES = ("ipv4", "ipv6", "domain", "url", "email", "sha1", "tracker")

TYPE_LABELS = {
    "ipv4": "IPv4 address",
    "ipv6": "IPv6 address",
    "domain": "domain",
    "url": "URL",
    "email": "email address",
    "sha1": "certificate SHA-1",
    "tracker": "tracker id",
}


class Special(NamedTuple):
    """A special-purpose range or name: ``kind`` (private, documentation, ...), the range, and words for people."""

    kind: str
    range: str
    label: str


class Indicator(NamedTuple):
    """A parsed indicator. ``value`` is the normalised value; ``intel_query`` what providers are asked about (a
    URL's host, for a URL); ``host_type`` the type of that host for URLs (else the indicator's own type)."""

    type: str
    value: str
    intel_query: str
    host_type: str
    tracker_type: str = ""
    special: Optional[Special] = None


class NotAnIndicator(NamedTuple):
    """Why a text is not an indicator, and what was expected."""

    reason: str
    expected: str


Parsed = Union[Indicator, NotAnIndicator]
