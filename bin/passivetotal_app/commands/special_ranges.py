"""Special-purpose addresses and names (IANA special-purpose registries, RFC 6761 names): which range or name an
indicator lies in, and which kinds of them never mean a host on the Internet."""

import ipaddress
from typing import Optional

from .indicator_types import Indicator, Special

_IPV4_SPECIAL = [
    ("0.0.0.0/32", "unspecified", "unspecified address"),
    ("0.0.0.0/8", "reserved", '"this network" (RFC 791)'),
    ("10.0.0.0/8", "private", "private network (RFC 1918)"),
    ("100.64.0.0/10", "carrier-grade-nat", "shared address space (RFC 6598)"),
    ("127.0.0.0/8", "loopback", "loopback (RFC 1122)"),
    ("169.254.0.0/16", "link-local", "link-local (RFC 3927)"),
    ("172.16.0.0/12", "private", "private network (RFC 1918)"),
    ("192.0.0.0/24", "reserved", "IETF protocol assignments (RFC 6890)"),
    ("192.0.2.0/24", "documentation", "documentation TEST-NET-1 (RFC 5737)"),
    ("192.88.99.0/24", "reserved", "deprecated 6to4 relay anycast (RFC 7526)"),
    ("192.168.0.0/16", "private", "private network (RFC 1918)"),
    ("198.18.0.0/15", "benchmarking", "benchmarking (RFC 2544)"),
    ("198.51.100.0/24", "documentation", "documentation TEST-NET-2 (RFC 5737)"),
    ("203.0.113.0/24", "documentation", "documentation TEST-NET-3 (RFC 5737)"),
    ("224.0.0.0/4", "multicast", "multicast (RFC 5771)"),
    ("255.255.255.255/32", "broadcast", "limited broadcast (RFC 919)"),
    ("240.0.0.0/4", "reserved", "reserved for future use (RFC 1112)"),
]
_IPV6_SPECIAL = [
    ("::/128", "unspecified", "unspecified address"),
    ("::1/128", "loopback", "loopback (RFC 4291)"),
    ("64:ff9b:1::/48", "private", "local-use IPv4/IPv6 translation (RFC 8215)"),
    ("100::/64", "reserved", "discard-only (RFC 6666)"),
    ("2001:2::/48", "benchmarking", "benchmarking (RFC 5180)"),
    ("2001:db8::/32", "documentation", "documentation (RFC 3849)"),
    ("3fff::/20", "documentation", "documentation (RFC 9637)"),
    ("2001::/23", "reserved", "IETF protocol assignments (RFC 2928)"),
    ("fc00::/7", "unique-local", "unique local address (RFC 4193)"),
    ("fe80::/10", "link-local", "link-local (RFC 4291)"),
    ("ff00::/8", "multicast", "multicast (RFC 4291)"),
]
_NAMES_SPECIAL = [
    ("test", "reserved for testing (RFC 6761)"),
    ("example", "reserved for documentation (RFC 6761)"),
    ("example.com", "reserved for documentation (RFC 6761)"),
    ("example.net", "reserved for documentation (RFC 6761)"),
    ("example.org", "reserved for documentation (RFC 6761)"),
    ("invalid", "reserved invalid name (RFC 6761)"),
    ("localhost", "loopback name (RFC 6761)"),
    ("local", "multicast DNS name (RFC 6762)"),
    ("onion", "Tor onion service (RFC 7686)"),
    ("home.arpa", "home network name (RFC 8375)"),
    ("internal", "private-use top-level domain (ICANN 2024)"),
    ("alt", "non-DNS name (RFC 9476)"),
]

_V4_NETS = [(ipaddress.ip_network(c), k, l, c) for c, k, l in _IPV4_SPECIAL]
_V6_NETS = [(ipaddress.ip_network(c), k, l, c) for c, k, l in _IPV6_SPECIAL]


def special_ipv4(address: str) -> Optional[Special]:
    """The special range of a dotted-quad IPv4 address, or None for a public one."""
    try:
        parsed = ipaddress.IPv4Address(address)
    except ValueError:
        return None
    for net, kind, label, cidr in _V4_NETS:
        if parsed in net:
            return Special(kind, cidr, label)
    return None


def special_ipv6(address: str) -> Optional[Special]:
    """The special range of an IPv6 address; an IPv4-mapped address takes its IPv4 address's range."""
    try:
        parsed = ipaddress.IPv6Address(address)
    except ValueError:
        return None
    if parsed.ipv4_mapped is not None:
        return special_ipv4(str(parsed.ipv4_mapped))
    for net, kind, label, cidr in _V6_NETS:
        if parsed in net:
            return Special(kind, cidr, label)
    return None


def special_name(host: str) -> Optional[Special]:
    """The special-use name a lower-case host name falls under, or None."""
    for suffix, label in _NAMES_SPECIAL:
        if host == suffix or host.endswith("." + suffix):
            return Special("special-use-name", "." + suffix, label)
    return None


# Kinds of values that never mean a host on the Internet: the streaming enrichment does not spend lookups on them.
# Documentation ranges and names (RFC 5737, RFC 3849, .example, .test) are looked up: they fill training data,
# demos and tests, and the providers answer them like any other value.
NEVER_ON_THE_INTERNET = frozenset(
    [
        "unspecified",
        "reserved",
        "private",
        "carrier-grade-nat",
        "loopback",
        "link-local",
        "benchmarking",
        "multicast",
        "broadcast",
        "unique-local",
    ]
)
_NEVER_PUBLIC_NAMES = frozenset([".localhost", ".local", ".home.arpa", ".internal", ".invalid", ".alt", ".onion"])


def never_on_the_internet(indicator: Indicator) -> Optional[Special]:
    """The special range that makes a looked-up value pointless (a private address, a ``.local`` name), or None."""
    special = indicator.special
    if special is None:
        return None
    if special.kind == "special-use-name":
        return special if special.range in _NEVER_PUBLIC_NAMES else None
    return special if special.kind in NEVER_ON_THE_INTERNET else None
