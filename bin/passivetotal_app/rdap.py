"""RDAP (WHOIS for domains, IP networks and AS numbers): the resolver of the ``rdap`` profile, whose operations
ask the server the IANA bootstrap names (rdap_bootstrap.py) instead of a configured base URL.

1. The bootstrap file of the value's kind (the operation's ``bootstrap`` table) names the server; a server URL is
   accepted only when it is https to a public host, or has the scheme, host and port of ``bootstrap_url`` (a
   local replay server) (addresses.py); a public host is resolved and connected to at a checked address only
   (hosts.py, transport.py).
2. ``<server>`` + the operation's path (``/domain/<value>``) is fetched. Redirects (RFC 7480) are followed, at
   most 3, only to accepted URLs whose path still ends in ``/<operation>/<value>``.
3. For an operation with ``referral`` (domains), a thin registry's answer links the registrar's record (``links``
   entry ``rel: related``, ``type: application/rdap+json``); when its href is accepted and its path ends in
   ``/domain/<value>`` it is fetched too (checked like the server), without retries. A refused link and a
   failing registrar lookup alike leave ``registrar`` null, with the same log line.

The answer is ``{"registry": <RDAP body>, "registrar": <RDAP body or null>}`` (always null without referral).
"""

import logging
import urllib.parse
from typing import Any, Callable, Dict, List, Optional

from . import answers, values
from .addresses import CHECKED, accepted, admission, path_ends
from .cache import CacheStore
from .classify import source
from .errors import NOT_FOUND, UPSTREAM_ERROR, ProxyError
from .http_client import HttpClient
from .model import Answer, Query
from .profiles import Operation, Profile
from .rdap_bootstrap import Bootstrap, match
from .templates import USER_AGENT
from .transport import Request

LOG = logging.getLogger("passivetotal.rdap")
# The one log line of a registrar's record that is not in the answer, whether its link was refused or its server
# gave no usable answer: the log does not tell what listens where a link pointed.
NOT_USED = "registrar RDAP record of %s not used: its link was refused or gave no answer"


def choose_server(urls: List[str], bootstrap_url: str) -> Optional[str]:
    """The first accepted https URL, else the first URL on the bootstrap's own origin, else None."""
    for url in urls:
        if url.lower().startswith("https://") and accepted(url, bootstrap_url):
            return url
    for url in urls:
        if accepted(url, bootstrap_url):
            return url
    return None


def referral(registry: Any, value: str, bootstrap_url: str, registry_url: str) -> Optional[str]:
    """The registrar's RDAP URL from a registry's domain answer, or None (see the module docstring, step 3)."""
    links = registry.get("links") if isinstance(registry, dict) else None
    for link in links if isinstance(links, list) else []:
        if not isinstance(link, dict) or link.get("rel") != "related":
            continue
        href, kind = link.get("href"), link.get("type")
        if not isinstance(href, str) or not isinstance(kind, str):
            continue
        if kind.split(";")[0].strip().lower() != "application/rdap+json":
            continue
        if not accepted(href, bootstrap_url) or not path_ends(href, "/domain/" + value):
            LOG.info(NOT_USED, value)
            continue
        if href.rstrip("/").lower() == registry_url.rstrip("/").lower():
            continue
        return href
    return None


class RdapResolver:
    """Answers a validated query of an RDAP operation (see the module docstring)."""

    def __init__(self, profile: Profile, operation: Operation, bootstrap: Bootstrap, timeout: float) -> None:
        self._profile = profile
        self._operation = operation
        self._bootstrap = bootstrap
        self._timeout = timeout

    def get(self, query: Query, http: HttpClient, clock: Callable[[], float]) -> Answer:
        operation = self._operation
        value = dict(query.params)["q"]
        kind = operation.bootstrap.get(values.kind(value, operation.value_validator()), "")
        src = source(self._profile, operation, False)
        services, origin = self._bootstrap.services(kind, http, src)
        urls = match(kind, services, value)
        where = ".%s" % value.rsplit(".", 1)[-1] if kind == "dns" else value
        if urls is None:
            built_in = " (the app's built-in table: IANA's bootstrap file could not be read)" if origin == "builtin" \
                else ""
            raise ProxyError(404, NOT_FOUND, "No RDAP service is known for %s%s." % (where, built_in))
        server = choose_server(urls, self._bootstrap.bootstrap_url)
        if server is None:
            raise ProxyError(
                502, UPSTREAM_ERROR, "The RDAP bootstrap names no https server for %s, so the app does not ask it."
                % where
            )
        tail = operation.path.replace("{q}", urllib.parse.quote(value, safe=":"))
        url = server.rstrip("/") + tail
        registry = self._fetch(http, url, tail, None, clock)
        registrar = None
        if operation.referral:
            link = referral(registry, value, self._bootstrap.bootstrap_url, url)
            if link is not None and http.remaining() > 1.0:
                try:
                    registrar = self._fetch(http, link, tail, 0, clock)
                except ProxyError:
                    registrar = None
                if registrar is None:
                    LOG.info(NOT_USED, value)
        return Answer({"registry": registry, "registrar": registrar}, False, clock())

    def _fetch(
        self, http: HttpClient, url: str, tail: str, retries: Optional[int], clock: Callable[[], float]
    ) -> Dict[str, Any]:
        bootstrap_url = self._bootstrap.bootstrap_url

        def follow(target: str) -> Optional[str]:
            verdict = admission(target, bootstrap_url) if path_ends(target, tail) else None
            if verdict is None:
                LOG.info("RDAP redirect not followed: the target is not an accepted RDAP URL")
            return verdict

        headers = (("Accept", self._operation.accept), ("User-Agent", USER_AGENT))
        request = Request("GET", url, headers, checked=admission(url, bootstrap_url) == CHECKED)
        src = source(self._profile, self._operation, False)
        follows = follow if self._operation.follow_redirects else None
        fetched = http.fetch(request, src, self._timeout, self._operation.max_bytes, follow=follows, retries=retries)
        server = source(self._profile, self._operation, False,
                        "The RDAP server %s" % (urllib.parse.urlsplit(fetched.url).hostname or "?"))
        data = answers.answer(server, self._operation, fetched, None, clock).data
        return data if isinstance(data, dict) else {}


def resolver(profile: Profile, operation: Operation, bootstrap_url: str, store: Optional[CacheStore],
             max_entry_bytes: int, timeout: float, clock: Callable[[], float]) -> RdapResolver:
    """The resolver of one RDAP operation, its bootstrap read through ``store`` (None: no KV copy)."""
    return RdapResolver(profile, operation, Bootstrap(bootstrap_url, store, max_entry_bytes, profile.resolver, clock),
                        timeout)
