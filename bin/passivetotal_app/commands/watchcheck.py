"""``| ptwatchcheck [sightings=true|false]``: the scheduled check of the watched indicators (README.md, "Watching
indicators").

For every watch that has not ended it asks the app's endpoint, as the other commands do (cache, quota, rate and
per-user limits, the provider order): the resolutions and the reputation (tags, classification), and for a watch
with its related infrastructure also the certificates and the WHOIS record. It sends what it found to
``POST watches/<id>`` with the version it read; the endpoint compares it with the last state, keeps the new one and
answers the changes (none the first time: that state is the baseline; 409 when another check got there first, so a
change is reported once). Each change is one result, with CIM-friendly names, for ``| collect`` into the app's
index. With ``sightings=true`` (the default) each new address or name is looked for in the company's events
(``passivetotal_index``, the search's time range) with the investigation page's matching rule, and the result
carries the count, the first and last time and the sourcetypes.
"""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import IO, Any, Callable, Dict, List, Optional, Sequence, Tuple

from ..chunked import Channel, ProtocolError, SearchInfo
from . import records as out
from . import ssl_records
from .arguments import TimeRange, UsageError, parse_args
from .endpoint import EndpointUnreachable, urllib_exchange
from .indicators import Indicator, parse_indicator
from .lookups import Lookup
from .conversation import GENERATING, answer_in_chunks, guarded, log
from .search_context import Context, Fatal, need_capability
from .sightings import evidence_search

APP = "passivetotal"
CHANGES_INDEX = "passivetotal_changes"
SEVERITY = {
    "new_resolution": "medium",
    "new_certificate": "low",
    "whois_change": "low",
    "new_tag": "medium",
    "classification_change": "medium",
    "ended_resolution": "informational",
}
# (method, url, session key, form pairs, timeout) -> (status, body)
Poster = Callable[[str, str, str, Sequence[Tuple[str, str]], float], Tuple[int, bytes]]


def urllib_post(method: str, url: str, session_key: str, form: Sequence[Tuple[str, str]],
                timeout: float) -> Tuple[int, bytes]:
    """A form request to splunkd with the search's session key (``urllib``, default verifying TLS context)."""
    data = urllib.parse.urlencode(list(form)).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": "Splunk " + session_key, "Content-Type": "application/x-www-form-urlencoded"})
    return urllib_exchange(request, timeout)


def simple_request_post(method: str, url: str, session_key: str, form: Sequence[Tuple[str, str]],
                        timeout: float) -> Tuple[int, bytes]:
    """The same through ``splunk.rest.simpleRequest`` inside Splunk."""
    import splunk.rest  # pylint: disable=import-outside-toplevel  # only importable inside Splunk

    try:
        response, content = splunk.rest.simpleRequest(url, sessionKey=session_key, method=method,
                                                      postargs=dict(form), raiseAllErrors=False, rawResult=True,
                                                      timeout=timeout)
    except Exception as error:  # splunk.* exceptions share no importable base class
        status = getattr(error, "statusCode", None)
        if isinstance(status, int):
            return status, b""
        raise EndpointUnreachable("splunkd could not be reached (%s)" % type(error).__name__)
    status = getattr(response, "status", 0)
    body = content if isinstance(content, bytes) else str(content or "").encode("utf-8")
    return int(status or 0), body


def default_poster() -> Poster:
    try:
        import splunk.rest  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError:
        return urllib_post
    return simple_request_post


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw.strip() else None
    except (UnicodeDecodeError, ValueError):
        return None


def _text_of(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("messages"), list) and body["messages"]:
        first = body["messages"][0]
        text = first.get("text") if isinstance(first, dict) else None
        if isinstance(text, str):
            return text
    return "no reason given"


ALL_TIME = TimeRange(None, None)


def observe(ctx: Context, watch: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """What the providers say now about a watched indicator, as a state (``watch_state.py``); None when it is not an
    indicator any more."""
    parsed = parse_indicator(str(watch.get("indicator") or ""))
    if not isinstance(parsed, Indicator):
        return None
    host = parsed
    sources = ctx.sources
    lookups: Dict[str, Lookup] = {
        "resolutions": Lookup("resolutions", host, sources),
        "reputation": Lookup("reputation", host, sources),
    }
    if watch.get("related"):
        lookups["certificates"] = Lookup(
            "certificates-for-name" if host.type == "domain" else "certificate-history", host, sources)
        lookups["whois"] = Lookup("whois", host, sources)
    ctx.run(list(lookups.values()))
    state: Dict[str, Any] = {"sources": {}}
    for part, lookup in lookups.items():
        result = lookup.result()
        ctx.report([p for p in result.merged.problems if p.kind != "unsupported"])
        page = result.merged.value
        if page is None:
            continue
        state["sources"][part] = list(result.merged.providers)
        if part == "resolutions":
            resolved: Dict[str, Optional[float]] = {}
            for r in out.resolution_records(host.intel_query, page, ALL_TIME):
                value = r.get("resolve")
                if isinstance(value, str) and value:
                    seen = r.get("last_seen")
                    resolved[value] = max(resolved.get(value) or 0, seen) if isinstance(seen, (int, float)) else (
                        resolved.get(value))
            state["resolutions"] = resolved
        elif part == "certificates":
            rows = (ssl_records.certificate_records(host.intel_query, page, ALL_TIME) if host.type == "domain"
                    else ssl_records.history_records(host.intel_query, page, None, ALL_TIME))
            state["certificates"] = sorted({str(r["sha1"]) for r in rows if r.get("sha1")})
        elif part == "whois":
            fields = out.whois_fields(page)
            first = (page.get("records") or [{}])[0] or {}
            state["whois"] = {
                "registrar": fields.get("registrar"),
                "registrant_email": fields.get("registrant_email"),
                "registrant_organization": fields.get("registrant_organization"),
                "name_servers": sorted({str(n).lower() for n in first.get("nameServers") or []}),
                "registered": fields.get("registered"),
                "expires": fields.get("expires"),
            }
        elif part == "reputation":
            fields = out.reputation_fields(page, result.enrichment)
            state["tags"] = sorted({str(t) for t in fields.get("tags") or []})
            state["classification"] = fields.get("verdict")
    return state


class WatchCheck:
    """The check: one run over the watches."""

    accepted = ("sightings",)

    def __init__(self, info: SearchInfo, poster: Optional[Poster] = None) -> None:
        options = parse_args(info.args, self.accepted)
        flag = options.get("sightings", "true").lower()
        if flag not in ("true", "false", "1", "0", "t", "f"):
            raise UsageError("sightings=%s must be true or false" % options.get("sightings"))
        self.sightings = flag in ("true", "1", "t")
        self.info = info
        self.post = poster or default_poster()
        self._base = "%s/servicesNS/%s/%s" % (info.splunkd_uri.rstrip("/"), "nobody", APP)

    def _send(self, method: str, path: str, form: Sequence[Tuple[str, str]]) -> Tuple[int, Any]:
        status, raw = self.post(method, "%s/%s" % (self._base, path), self.info.session_key,
                                list(form) + [("output_mode", "json")], 120.0)
        return status, _json(raw)

    def watches(self, ctx: Context) -> List[Dict[str, Any]]:
        answer = ctx.endpoint.get("watches")
        if answer.code == "forbidden":
            raise need_capability()
        if not answer.ok:
            raise Fatal("The watched indicators could not be read: %s" % (answer.text or "HTTP %d" % answer.status))
        items = answer.body.get("watches") if isinstance(answer.body, dict) else None
        return [w for w in items or [] if isinstance(w, dict) and w.get("active")]

    def record(self, ctx: Context, watch: Dict[str, Any], state: Dict[str, Any]) -> List[Dict[str, Any]]:
        status, body = self._send("POST", "passivetotal/watches/" + urllib.parse.quote(str(watch["id"]), safe=""),
                                  [("state", json.dumps(state, separators=(",", ":"))),
                                   ("version", str(watch.get("version") or 0))])
        if status == 409:
            ctx.note("INFO", "%s was checked by another run at the same time; its changes are reported there"
                     % watch.get("indicator"))
            return []
        if status == 403:
            raise Fatal("The check records what it found, which needs the capability passivetotal_admin: it runs "
                        "as the scheduled search PassiveTotal - Check watched indicators (splunk-system-user)")
        if not 200 <= status < 300 or not isinstance(body, dict):
            ctx.note("WARN", "What was found about %s could not be recorded: %s"
                     % (watch.get("indicator"), _text_of(body)))
            return []
        changes = body.get("changes")
        return [c for c in changes if isinstance(c, dict)] if isinstance(changes, list) else []

    def evidence(self, value: str) -> Optional[Dict[str, Any]]:
        """The company's events that hold ``value``: count, first and last time, sourcetypes."""
        search = evidence_search(value, CHANGES_INDEX)
        if search is None:
            return None
        form = [("search", search), ("exec_mode", "oneshot"), ("count", "0")]
        if self.info.earliest_time is not None:
            form.append(("earliest_time", "%d" % self.info.earliest_time))
        if self.info.latest_time is not None:
            form.append(("latest_time", "%d" % self.info.latest_time))
        status, body = self._send("POST", "search/jobs", form)
        results = body.get("results") if isinstance(body, dict) else None
        if not 200 <= status < 300 or not isinstance(results, list) or not results:
            return None
        row = results[0] if isinstance(results[0], dict) else {}
        return row

    def generate(self, ctx: Context, now: float) -> List[out.OutRecord]:
        results: List[out.OutRecord] = []
        for watch in self.watches(ctx):
            state = observe(ctx, watch)
            if state is None:
                continue
            for change in self.record(ctx, watch, state):
                results.append(self.result(watch, change, now))
        return results

    def result(self, watch: Dict[str, Any], change: Dict[str, Any], now: float) -> out.OutRecord:
        kind = str(change.get("change_type") or "")
        value = change.get("value")
        parsed = parse_indicator(value) if isinstance(value, str) and value else None
        value_type = parsed.type if isinstance(parsed, Indicator) else ("sha1" if kind == "new_certificate" else None)
        indicator = str(watch.get("indicator") or "")
        link_value = value if kind == "new_resolution" and isinstance(value, str) else indicator
        record: out.OutRecord = {
            "_time": int(now),
            "change_type": kind,
            "indicator": indicator,
            "indicator_type": watch.get("type"),
            "value": value,
            "value_type": value_type,
            "before": change.get("before"),
            "after": change.get("after"),
            "whois_field": change.get("whois_field"),
            "intel_source": list(change.get("intel_source") or []),
            "watch_id": watch.get("id"),
            "watch_owner": watch.get("owner"),
            "watch_note": watch.get("note") or None,
            "severity": SEVERITY.get(kind, "informational"),
            "threat_match_field": "value" if value else None,
            "threat_match_value": value,
            "vendor_product": "PassiveTotal for Splunk",
            "investigation_url": "/app/passivetotal/investigate?indicator=%s" % urllib.parse.quote(link_value, safe=""),
        }
        if kind == "new_resolution" and value_type in ("ipv4", "ipv6"):
            record["dest_ip"] = value
            record["dest"] = value
        elif kind == "new_resolution" and value_type == "domain":
            record["dest"] = value
        if self.sightings and kind == "new_resolution" and isinstance(value, str):
            found = self.evidence(value)
            count = found.get("internal_count") if found else None
            record["internal_count"] = int(float(count)) if isinstance(count, str) and count else 0
            if found and record["internal_count"]:
                record["internal_first_seen"] = found.get("internal_first_seen")
                record["internal_last_seen"] = found.get("internal_last_seen")
                record["internal_sourcetypes"] = found.get("internal_sourcetypes")
        return out.compact(record)


def run(instream: IO[bytes], outstream: IO[bytes], stderr: IO[str], poster: Optional[Poster] = None,
        clock: Callable[[], float] = time.time) -> int:
    """One command process: getinfo, then the check's results when splunkd asks for them."""
    channel = Channel(instream, outstream)
    try:
        info = channel.read_getinfo()
    except ProtocolError as error:
        log(stderr, "ptwatchcheck: %s" % error)
        return 1
    try:
        check = WatchCheck(info, poster)
    except UsageError as error:
        channel.reply_getinfo(dict(GENERATING), error=str(error))
        return 1
    channel.reply_getinfo(GENERATING)
    ctx = Context(info, None, clock)

    def results() -> List[out.OutRecord]:
        _ = ctx.sources  # a user without the app's capability gets the error first
        return check.generate(ctx, clock())

    return guarded("ptwatchcheck", channel, ctx, stderr, lambda: answer_in_chunks(channel, ctx, info, results),
                   unreachable="splunkd could not be reached to check the watches")
