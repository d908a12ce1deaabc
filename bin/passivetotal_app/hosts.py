"""Which hosts the app may connect to when an upstream, not an administrator, chose them: the servers an RDAP
bootstrap names, a registrar's referral, a redirect's target (addresses.py decides which URLs those are).

A host is read the way the platform's resolver would read it, so that no other spelling slips through:

- an IPv4 address in any form ``inet_aton`` takes: dotted decimal, octal (``0177.0.0.1``) or hexadecimal
  (``0x7f000001``) parts, fewer than four parts (``127.1``, ``2130706433``, ``0``);
- an IPv6 address (a zone id, ``fe80::1%eth0``, is refused outright), with the IPv4 address it carries checked
  too: IPv4-mapped and -compatible (``::ffff:127.0.0.1``), NAT64 (``64:ff9b::7f00:1``), 6to4 (``2002::/16``)
  and Teredo (``2001::/32``, its server and its client);
- a host name, case and a trailing dot aside; ``localhost`` and names under it are refused, and so is a name
  whose last label is all digits (no such top-level domain exists; resolvers read them as numbers).

An address is public unless it is in :data:`NOT_PUBLIC_V4` or :data:`NOT_PUBLIC_V6` (loopback, private,
link-local, shared CGNAT space, multicast, reserved, unspecified, broadcast, documentation, benchmarking, ...),
or is IPv6 outside the global unicast block 2000::/3 without a public IPv4 address inside. The table is the
app's own, so every Python version from 3.9 on decides alike. A host name is resolved (getaddrinfo) and public
only when every address it resolves to is; the connection is then made to one of those checked addresses
(transport.py), so a second, different answer of DNS cannot redirect it.
"""

import ipaddress
import re
import socket
from typing import Any, Callable, List, Optional, Sequence, Union

Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
Resolver = Callable[..., Sequence[Any]]

NOT_PUBLIC_V4 = [ipaddress.IPv4Network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
    "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "224.0.0.0/4", "240.0.0.0/4",
)]
NOT_PUBLIC_V6 = [ipaddress.IPv6Network(n) for n in (
    "64:ff9b:1::/48", "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7",
    "fe80::/10", "fec0::/10", "ff00::/8",
)]
GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")
TEREDO = ipaddress.IPv6Network("2001::/32")
LOW_96 = ipaddress.IPv6Network("::/96")
MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")
TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")

_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")


def ipv4_like_aton(text: str) -> Optional[ipaddress.IPv4Address]:
    """The IPv4 address ``text`` is in any form inet_aton takes, or None."""
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or not all(_PART.match(p) for p in parts):
        return None
    numbers = [int(p, 16) if p[:2].lower() == "0x" else int(p, 8) if len(p) > 1 and p[0] == "0" else int(p)
               for p in (p if p.lower() != "0x" else "0x0" for p in parts)]
    last_bits = 8 * (5 - len(numbers))
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 1 << last_bits:
        return None
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value |= number << (24 - 8 * index)
    return ipaddress.IPv4Address(value)


def _embedded(address: ipaddress.IPv6Address) -> List[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, translated, NAT64, 6to4, Teredo)."""
    value = int(address)
    found: List[ipaddress.IPv4Address] = []
    if address in MAPPED or address in LOW_96 or address in NAT64 or address in TRANSLATED:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if address in SIX_TO_FOUR:
        found.append(ipaddress.IPv4Address((value >> 80) & 0xFFFFFFFF))
    if address in TEREDO:
        found.extend([ipaddress.IPv4Address((value >> 64) & 0xFFFFFFFF),
                      ipaddress.IPv4Address(~value & 0xFFFFFFFF)])
    return found


def is_public(address: Address) -> bool:
    """Whether the app may connect to ``address`` for a host an upstream chose (see the module docstring)."""
    if isinstance(address, ipaddress.IPv4Address):
        return not any(address in network for network in NOT_PUBLIC_V4) and address != ipaddress.IPv4Address(
            "255.255.255.255")
    if getattr(address, "scope_id", None):
        return False
    carried = _embedded(address)
    if carried and not all(is_public(v4) for v4 in carried):
        return False
    if address in NAT64 or address in MAPPED:
        return True  # its IPv4 address, just checked, is public
    return address in GLOBAL_UNICAST and not any(address in network for network in NOT_PUBLIC_V6)


def literal(host: str) -> Optional[Address]:
    """The address a host names literally, in any spelling the resolver takes, or None for a host name. Raises
    ValueError for a host that is neither (or has a zone id)."""
    if ":" in host:
        if "%" in host:
            raise ValueError("an address with a zone id")
        return ipaddress.IPv6Address(host)
    found = ipv4_like_aton(host)
    if found is not None:
        return found
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def name(host: str) -> str:
    """A host name as DNS reads it (lower case, without a final dot); ValueError for one the app does not ask."""
    found = host.lower()
    found = found[:-1] if found.endswith(".") else found
    labels = found.split(".")
    if not found or len(found) > 253 or not all(_LABEL.match(label) for label in labels):
        raise ValueError("not a host name")
    if labels[-1] == "localhost" or found in ("localhost", "localhost.localdomain"):
        raise ValueError("a name of this machine")
    if labels[-1].isdigit():
        raise ValueError("a name that reads as a number")
    return found


def refused(host: str) -> bool:
    """Whether ``host`` is refused before any lookup: a non-public address in any spelling, or no usable name."""
    try:
        address = literal(host)
        if address is not None:
            return not is_public(address)
        name(host)
    except ValueError:
        return True
    return False


def system_resolve(*args: Any) -> Sequence[Any]:
    """The platform's resolver (socket.getaddrinfo, looked up when called)."""
    return socket.getaddrinfo(*args)


def checked_addresses(host: str, port: int, resolve: Resolver = system_resolve,
                      allowed: Callable[[Address], bool] = is_public) -> List[str]:
    """The addresses to connect to for ``host``: itself when it is a public address, else every address its name
    resolves to when all are public (``allowed``). ValueError when any is not (or nothing is found); OSError from
    the lookup."""
    address = literal(host)
    if address is not None:
        if not allowed(address):
            raise ValueError("not a public address")
        return [str(address)]
    found: List[str] = []
    for entry in resolve(name(host), port, 0, socket.SOCK_STREAM):
        sockaddr = entry[4]
        text = str(sockaddr[0])
        if len(sockaddr) >= 4 and sockaddr[3]:
            raise ValueError("an address with a zone id")
        resolved = ipaddress.ip_address(text.split("%", 1)[0])
        if "%" in text or not allowed(resolved):
            raise ValueError("a name that resolves to an address that is not public")
        if text not in found:
            found.append(text)
    if not found:
        raise ValueError("a name without addresses")
    return found
