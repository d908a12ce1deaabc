"""The services of RDAP's bootstrap files (which RDAP server answers for a TLD, an address prefix or an AS number
range), the built-in table used when IANA cannot be reached and no earlier copy is kept, and the longest match:
label-wise for domains, the most specific prefix for addresses, the narrowest range for AS numbers."""

import ipaddress
import re
from typing import Any, Dict, List, Optional, Tuple

Services = List[Tuple[List[str], List[str]]]

_ARIN = "https://rdap.arin.net/registry/"
_RIPE = "https://rdap.db.ripe.net/"
_APNIC = "https://rdap.apnic.net/"
_LACNIC = "https://rdap.lacnic.net/rdap/"
_AFRINIC = "https://rdap.afrinic.net/rdap/"


def _eights(*numbers: Any) -> List[str]:
    """``/8`` prefixes from numbers and ``(first, last)`` ranges."""
    found: List[str] = []
    for item in numbers:
        first, last = item if isinstance(item, tuple) else (item, item)
        found.extend("%d.0.0.0/8" % n for n in range(first, last + 1))
    return found


_IDENTITY_DIGITAL = "https://rdap.identitydigital.services/rdap/"
_CENTRALNIC = "https://rdap.centralnic.com/"

# The built-in table, in the bootstrap files' own shape: used only when IANA cannot be reached and no earlier copy
# is kept. A snapshot of well-known entries; the live files win whenever they can be read.
FALLBACK: Dict[str, Dict[str, Any]] = {
    "dns": {
        "description": "Built-in fallback of the PassiveTotal for Splunk app",
        "services": [
            [["com"], ["https://rdap.verisign.com/com/v1/"]],
            [["net"], ["https://rdap.verisign.com/net/v1/"]],
            [["org"], ["https://rdap.publicinterestregistry.org/rdap/"]],
            [["info", "io", "ai", "biz", "mobi", "pro"], [_IDENTITY_DIGITAL]],
            [["app", "dev", "page"], ["https://pubapi.registry.google/rdap/"]],
            [["xyz"], [_CENTRALNIC + "xyz/"]],
            [["online"], [_CENTRALNIC + "online/"]],
            [["site"], [_CENTRALNIC + "site/"]],
            [["uk"], ["https://rdap.nominet.uk/uk/"]],
            [["de"], ["https://rdap.denic.de/"]],
            [["fr"], ["https://rdap.nic.fr/"]],
            [["nl"], ["https://rdap.sidn.nl/"]],
            [["eu"], ["https://rdap.eurid.eu/"]],
            [["cz"], ["https://rdap.nic.cz/"]],
            [["br"], ["https://rdap.registro.br/"]],
            [["ca"], ["https://rdap.ca.fury.ca/rdap/"]],
        ],
    },
    "ipv4": {
        "description": "Built-in fallback of the PassiveTotal for Splunk app",
        "services": [
            [["0.0.0.0/0"], [_ARIN]],
            [_eights(1, 14, 27, 36, 39, 42, 43, 49, (58, 61), 101, 103, 106, (110, 126), 133, 150, 153, 163, 171,
                     175, 180, 182, 183, 202, 203, 210, 211, (218, 223)), [_APNIC]],
            [_eights(2, 5, 25, 31, 37, 46, 51, 57, 62, (77, 95), 109, 141, 145, 151, 176, 178, 185, 188,
                     (193, 195), 212, 213, 217), [_RIPE]],
            [_eights(177, 179, 181, 186, 187, 189, 190, 191, 200, 201), [_LACNIC]],
            [_eights(41, 102, 105, 154, 196, 197), [_AFRINIC]],
        ],
    },
    "ipv6": {
        "description": "Built-in fallback of the PassiveTotal for Splunk app",
        "services": [
            [["::/0"], [_ARIN]],
            [["2400::/12"], [_APNIC]],
            [["2600::/12"], [_ARIN]],
            [["2800::/12"], [_LACNIC]],
            [["2a00::/12"], [_RIPE]],
            [["2c00::/12"], [_AFRINIC]],
        ],
    },
    "asn": {
        "description": "Built-in fallback of the PassiveTotal for Splunk app",
        "services": [[["0-4294967295"], [_ARIN]]],
    },
}


# ----------------------------------------------------------------------------------------------- matching


def parse_services(doc: Any) -> Services:
    """``[(entries, urls)]`` of a bootstrap file (``services`` of 2-element arrays); ValueError when malformed."""
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), list):
        raise ValueError("not an RDAP bootstrap file (no services array)")
    found: Services = []
    for service in doc["services"]:
        if not isinstance(service, list) or len(service) < 2:
            continue
        entries, urls = service[0], service[-1]
        if isinstance(entries, list) and isinstance(urls, list):
            found.append(([e for e in entries if isinstance(e, str)], [u for u in urls if isinstance(u, str)]))
    if not found:
        raise ValueError("the bootstrap file lists no services")
    return found


def match_dns(services: Services, name: str) -> Optional[List[str]]:
    """The URLs of the longest label-wise match of ``name``'s trailing labels, or None."""
    table: Dict[str, List[str]] = {}
    for entries, urls in services:
        for entry in entries:
            table.setdefault(entry.strip(".").lower(), urls)
    labels = name.lower().rstrip(".").split(".")
    for start in range(len(labels)):
        found = table.get(".".join(labels[start:]))
        if found is not None:
            return found
    return None


def match_ip(services: Services, address: str) -> Optional[List[str]]:
    """The URLs of the most specific prefix that contains ``address``, or None."""
    wanted = ipaddress.ip_address(address)
    best: Optional[List[str]] = None
    best_length = -1
    for entries, urls in services:
        for entry in entries:
            try:
                network = ipaddress.ip_network(entry.strip(), strict=False)
            except ValueError:
                continue
            if network.version == wanted.version and wanted in network and network.prefixlen > best_length:
                best, best_length = urls, network.prefixlen
    return best


_RANGE = re.compile(r"^\s*(\d{1,10})\s*(?:-\s*(\d{1,10}))?\s*$")


def match_asn(services: Services, number: int) -> Optional[List[str]]:
    """The URLs of the narrowest range (``start-end`` or one number) that contains ``number``, or None."""
    best: Optional[List[str]] = None
    best_span: Optional[int] = None
    for entries, urls in services:
        for entry in entries:
            found = _RANGE.match(entry)
            if not found:
                continue
            low = int(found.group(1))
            high = int(found.group(2) or found.group(1))
            if low <= number <= high and (best_span is None or high - low < best_span):
                best, best_span = urls, high - low
    return best


def bootstrap_kind(operation: str, value: str) -> str:
    """The bootstrap file for an operation and its validated value: dns, ipv4, ipv6 or asn."""
    if operation == "domain":
        return "dns"
    if operation == "autnum":
        return "asn"
    return "ipv6" if ":" in value else "ipv4"


def match(kind: str, services: Services, value: str) -> Optional[List[str]]:
    """The URLs the bootstrap names for ``value``, or None."""
    if kind == "dns":
        return match_dns(services, value)
    if kind == "asn":
        return match_asn(services, int(value))
    return match_ip(services, value)
