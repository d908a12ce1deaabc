"""RDAP's bootstrap: the IANA files that name the RDAP server of a domain's TLD, an IP address or an AS number.

The file of a kind (``dns``, ``ipv4``, ``ipv6``, ``asn``) is read from ``<bootstrap_url>/<kind>.json`` through the
provider's HTTP client (a short, single try, capped like the catalogue's ``resolver`` says) and kept in the KV
cache under ``open:rdap:bootstrap:<kind>`` (fresh for a day, kept 30 days as the last good copy) and in this
process. When IANA cannot be reached, the last good copy is used, else the built-in table below (the big
registries and the five RIRs; ARIN redirects what belongs to another RIR). The longest match names the server:
label-wise for domains, the most specific prefix for addresses, the narrowest range for AS numbers.
"""

import ipaddress
import json
import logging
import re
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import json_limits
from .cache import CacheStore, CacheUnavailable
from .classify import Source
from .errors import ProxyError
from .http_client import HttpClient
from .templates import USER_AGENT
from .transport import Request

LOG = logging.getLogger("passivetotal.rdap")

KEY_PREFIX = "open:rdap:bootstrap:"
FRESH_SECONDS = 86400.0
KEEP_SECONDS = 30 * 86400.0
RETRY_SECONDS = 600.0  # after a failed refresh, how long this process uses the stale or built-in table

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


# ------------------------------------------------------------------------------------------------ bootstrap

_memo_lock = threading.Lock()
_memo: Dict[str, Tuple[float, Services, str]] = {}


def forget_bootstrap() -> None:
    """Forgets the bootstrap tables this process holds (tests)."""
    with _memo_lock:
        _memo.clear()


class Bootstrap:
    """The bootstrap tables: this process's copy, the KV copy, IANA, the last good copy, the built-in table."""

    def __init__(
        self,
        bootstrap_url: str,
        store: Optional[CacheStore],
        max_entry_bytes: int,
        resolver: Dict[str, Any],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.bootstrap_url = bootstrap_url.rstrip("/")
        self._store = store
        self._max_entry_bytes = max_entry_bytes
        self._timeout = float(resolver.get("timeoutSeconds", 5))
        self._max_bytes = int(resolver.get("maxBytes", 4194304))
        self._clock = clock

    def file_url(self, kind: str) -> str:
        return "%s/%s.json" % (self.bootstrap_url, kind)

    def services(self, kind: str, http: HttpClient, src: Source) -> Tuple[Services, str]:
        """The table of ``kind`` and where it came from: ``iana``, ``cache`` (the KV copy), ``stale`` (the last good
        copy, IANA failing) or ``builtin``; a table this process holds keeps saying where it came from."""
        url = self.file_url(kind)
        now = self._clock()
        with _memo_lock:
            held = _memo.get(url)
        if held is not None and held[0] > now:
            return held[1], held[2]
        doc = self._read(kind)
        kept: Optional[Services] = None
        if doc is not None and doc.get("source") == url:
            try:
                kept = parse_services(json.loads(doc.get("body") or ""))
            except ValueError:
                kept = None
            fresh_until = doc.get("fresh_until")
            if kept is not None and isinstance(fresh_until, (int, float)) and fresh_until > now:
                self._remember(url, float(fresh_until), kept, "cache")
                return kept, "cache"
        fetched = self._fetch(kind, url, http, src)
        if fetched is not None:
            return fetched, "iana"
        if kept is not None:
            LOG.warning("RDAP bootstrap %s could not be refreshed; using the copy kept from before", kind)
            self._remember(url, now + RETRY_SECONDS, kept, "stale")
            return kept, "stale"
        LOG.warning("RDAP bootstrap %s could not be read; using the app's built-in table", kind)
        builtin = parse_services(FALLBACK[kind])
        self._remember(url, now + RETRY_SECONDS, builtin, "builtin")
        return builtin, "builtin"

    @staticmethod
    def _remember(url: str, until: float, services: Services, source: str) -> None:
        with _memo_lock:
            _memo[url] = (until, services, source)

    def _read(self, kind: str) -> Optional[Dict[str, Any]]:
        if self._store is None:
            return None
        try:
            return self._store.read(KEY_PREFIX + kind)
        except CacheUnavailable as error:
            LOG.warning("cache read of the RDAP bootstrap failed: %s", error)
            return None

    def _fetch(self, kind: str, url: str, http: HttpClient, src: Source) -> Optional[Services]:
        request = Request("GET", url, (("Accept", "application/json"), ("User-Agent", USER_AGENT)))
        try:
            fetched = http.fetch(request, src, self._timeout, self._max_bytes, retries=0)
        except ProxyError as error:
            LOG.warning("RDAP bootstrap %s: %s", kind, error.text)
            return None
        if fetched.status != 200:
            LOG.warning("RDAP bootstrap %s: HTTP %d", kind, fetched.status)
            return None
        try:
            services = parse_services(json_limits.loads(fetched.body, self._max_bytes))
            text = fetched.body.decode("utf-8")
        except ValueError as error:  # UnicodeDecodeError and JsonRefused are ValueErrors
            LOG.warning("RDAP bootstrap %s is not usable: %s", kind, type(error).__name__)
            return None
        now = self._clock()
        self._remember(url, now + FRESH_SECONDS, services, "iana")
        self._write(kind, url, text, now)
        return services

    def _write(self, kind: str, url: str, text: str, now: float) -> None:
        if self._store is None or len(text.encode("utf-8")) > self._max_entry_bytes:
            return
        doc = {
            "_key": KEY_PREFIX + kind,
            "provider": "open:rdap",
            "endpoint": "bootstrap/" + kind,
            "params": "[]",
            "dataset": "bootstrap",
            "source": url,
            "fetched_at": now,
            "fresh_until": now + FRESH_SECONDS,
            "expires_at": now + KEEP_SECONDS,
            "body": text,
        }
        try:
            self._store.write(doc)
        except CacheUnavailable as error:
            LOG.warning("cache write of the RDAP bootstrap failed: %s", error)
