"""RDAP's bootstrap: the IANA files that name the RDAP server of a domain's TLD, an IP address or an AS number.

The file of a kind (``dns``, ``ipv4``, ``ipv6``, ``asn``) is read from ``<bootstrap_url>/<kind>.json`` through the
provider's HTTP client (a short, single try, capped like the catalogue's ``resolver`` says) and kept in the KV
cache under ``open:rdap:bootstrap:<kind>`` (fresh for a day, kept 30 days as the last good copy) and in this
process. When IANA cannot be reached, the last good copy is used, else the built-in table below (the big
registries and the five RIRs; ARIN redirects what belongs to another RIR). The longest match names the server:
label-wise for domains, the most specific prefix for addresses, the narrowest range for AS numbers.

The built-in table and the matching are in rdap_services.
"""

import json
import logging
import threading
import time
from typing import Any, Callable, Dict, Optional, Tuple

from . import json_limits
from .cache import CacheStore, CacheUnavailable
from .classify import Source
from .errors import ProxyError
from .http_client import HttpClient
from .rdap_services import FALLBACK, Services, bootstrap_kind, match, match_asn, match_dns, match_ip, parse_services
from .templates import USER_AGENT
from .transport import Request

__all__ = [
    "FALLBACK",
    "Bootstrap",
    "Services",
    "bootstrap_kind",
    "forget_bootstrap",
    "match",
    "match_asn",
    "match_dns",
    "match_ip",
    "parse_services",
]

LOG = logging.getLogger("passivetotal.rdap")

KEY_PREFIX = "open:rdap:bootstrap:"
FRESH_SECONDS = 86400.0
KEEP_SECONDS = 30 * 86400.0
RETRY_SECONDS = 600.0  # after a failed refresh, how long this process uses the stale or built-in table


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
