"""Shared helpers of the search command tests (no tests of its own).

Importing it puts ``bin/`` on ``sys.path``. ``FakeEndpoint`` stands in for the app's REST endpoint on splunkd: it
answers ``status``, ``batch`` and ``investigations`` the way the handler does (envelopes, codes, statuses) from
tables the test fills, and counts what it was asked; ``exchange`` plays splunkd's side of the chunked protocol
against a command.
"""

import io
import json
import os
import sys
import urllib.parse
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BIN = os.path.join(ROOT, "bin")
if BIN not in sys.path:
    sys.path.insert(0, BIN)

from passivetotal_app import chunked  # noqa: E402

CORE = os.path.join(ROOT, "packages", "core")
PT_FIXTURES = os.path.join(CORE, "src", "providers", "passivetotal", "fixtures")
PT_GOLDEN = os.path.join(CORE, "src", "providers", "passivetotal", "__golden__")
OPEN_FIXTURES = os.path.join(CORE, "test", "fixtures", "open")
OPEN_GOLDEN = os.path.join(CORE, "src", "providers", "open")
DEMO_FIXTURES = os.path.join(ROOT, "packages", "devserver", "demo", "pt-fixtures")

SESSION_KEY = "session-key-5b1e9c0d2a7f4e38"


def load(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def envelope(text: str, code: str, **extra: Any) -> Dict[str, Any]:
    message = {"type": "ERROR", "text": text, "code": code}
    message.update(extra)
    return {"messages": [message]}


def success(data: Any, provider: str = "passivetotal", cached: bool = False) -> Dict[str, Any]:
    return {"data": data, "cached": cached, "fetchedAt": "2026-12-01T09:00:00Z", "provider": provider}


def status_body(
    configured: bool = True,
    ready: Sequence[str] = (),
    query: bool = True,
    order: Optional[Dict[str, List[str]]] = None,
) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "version": "2.0.0",
        "user": "analyst",
        "capabilities": {"query": query, "admin": False},
        "configured": configured,
    }
    if query:
        ids = ["rdap", "crtsh", "certspotter", "mnemonic", "otx", "circl", "urlhaus", "threatfox", "internetdb"]
        body["providers"] = [{"id": i, "ready": i in ready, "enabled": True} for i in ids]
        body["datasetOrder"] = order or {
            "whois": ["passivetotal", "rdap"],
            "certificates": ["passivetotal", "crtsh", "certspotter"],
            "resolutions": ["passivetotal", "mnemonic", "otx", "circl"],
            "reputation": ["passivetotal", "otx", "urlhaus", "threatfox"],
            "host_attributes": ["passivetotal", "internetdb"],
        }
    return body


Reply = Tuple[int, Any]


class FakeEndpoint:
    """The app's endpoint, answering from ``calls`` (call path -> (status, body)) and ``answer`` (a function of the
    call path, for whole families). A ``pt/`` call neither knows gets PassiveTotal's well-formed empty answer, as
    the replay server gives, an ``open/`` call the endpoint's ``not_found``. Counts the batch requests and calls."""

    FORBIDDEN = envelope(
        "You may not ask PassiveTotal: this needs the capability passivetotal_query.", "forbidden"
    )

    def __init__(self, status: Optional[Dict[str, Any]] = None, query: bool = True) -> None:
        self.status = status if status is not None else status_body(query=query)
        self.query = query
        self.calls: Dict[str, Reply] = {}
        self.answer: Optional[Callable[[str], Optional[Reply]]] = None
        self.asked: List[str] = []
        self.batches: List[List[str]] = []
        self.urls: List[str] = []
        self.keys: List[str] = []
        self.investigations: List[Dict[str, Any]] = []

    def _one(self, call: str) -> Reply:
        self.asked.append(call)
        if call in self.calls:
            return self.calls[call]
        if self.answer is not None:
            found = self.answer(call)
            if found is not None:
                return found
        if call.startswith("open/"):
            # The upstream's "no record" (RDAP: not registered), as the endpoint reports it.
            return 404, envelope("%s has no record of this value." % call.split("/")[1], "not_found")
        return 200, success({"results": [], "totalRecords": 0})

    def demo(self, call: str) -> Optional[Reply]:
        """Answers from the stand-in's demo replay folder (packages/devserver/demo/pt-fixtures), as the replay
        server would: ``<query>/<path>.json`` for PassiveTotal, ``<provider>/<q>/<operation>.json`` for the others."""
        path, _, query = call.partition("?")
        params = dict(urllib.parse.parse_qsl(query))
        if path.startswith("pt/"):
            found = os.path.join(DEMO_FIXTURES, params.get("query", ""), path[3:] + ".json")
            return (200, success(load(found))) if os.path.exists(found) else None
        if path.startswith("open/"):
            _, provider, operation = path.split("/")
            folder = os.path.join(DEMO_FIXTURES, provider, params.get("q", ""))
            found = os.path.join(folder, operation + ".json")
            if not os.path.exists(found):
                return None
            if provider == "rdap":  # the handler answers the registry's object and the registrar's it links to
                referral = os.path.join(folder, "registrar", operation + ".json")
                registrar = load(referral) if os.path.exists(referral) else None
                return 200, success({"registry": load(found), "registrar": registrar}, provider)
            return 200, success(load(found), provider)
        return None

    def transport(self, url: str, key: str, timeout: float) -> Tuple[int, bytes]:
        self.urls.append(url)
        self.keys.append(key)
        parsed = urllib.parse.urlparse(url)
        route = parsed.path.split("/passivetotal/passivetotal/", 1)[1]
        params = urllib.parse.parse_qsl(parsed.query)
        if route == "status":
            return 200, json.dumps(self.status).encode()
        if not self.query:
            return 403, json.dumps(self.FORBIDDEN).encode()
        if route == "batch":
            calls = [v for k, v in params if k == "r"]
            self.batches.append(calls)
            responses = []
            for c in calls:
                status, body = self._one(c)
                responses.append({"status": status, "body": body})
            return 200, json.dumps({"responses": responses}).encode()
        if route == "investigations":
            limit = int(dict(params).get("limit", "25"))
            return 200, json.dumps({"investigations": self.investigations[:limit]}).encode()
        return 404, json.dumps(envelope("unknown route", "not_found")).encode()


def getinfo(command: str, args: Sequence[str], earliest: str = "0", latest: str = "0", maxrows: int = 50000) -> bytes:
    """splunkd's getinfo chunk for a command, as recorded from Splunk 8.2 (the search string abridged)."""
    metadata = {
        "action": "getinfo",
        "preview": False,
        "streaming_command_will_restart": False,
        "searchinfo": {
            "args": list(args),
            "raw_args": list(args),
            "dispatch_dir": "/opt/splunk/var/run/splunk/dispatch/1764583200.42",
            "sid": "1764583200.42",
            "app": "search",
            "owner": "analyst",
            "username": "analyst",
            "session_key": SESSION_KEY,
            "splunkd_uri": "https://127.0.0.1:8089",
            "splunk_version": "10.4.2",
            "search": urllib.parse.quote("| %s %s" % (command, " ".join(args))),
            "command": command,
            "maxresultrows": maxrows,
            "earliest_time": earliest,
            "latest_time": latest,
        },
    }
    return chunked.encode_chunk(metadata)


def execute(records: Sequence[Dict[str, Any]] = (), finished: bool = True) -> bytes:
    return chunked.encode_chunk({"action": "execute", "finished": finished}, chunked.write_records(records))


def replies(output: bytes) -> List[chunked.Chunk]:
    stream = io.BytesIO(output)
    found: List[chunked.Chunk] = []
    while True:
        chunk = chunked.read_chunk(stream)
        if chunk is None:
            return found
        found.append(chunk)


def messages(chunks: Sequence[chunked.Chunk]) -> List[Tuple[str, str]]:
    out: List[Tuple[str, str]] = []
    for c in chunks:
        for level, text in (c.metadata.get("inspector") or {}).get("messages", []):
            out.append((level, text))
    return out


def error(chunks: Sequence[chunked.Chunk]) -> Optional[str]:
    """The ``error`` a command ended the search with (in its last reply), or None."""
    value = chunks[-1].metadata.get("error") if chunks else None
    return value if isinstance(value, str) else None


def records(chunks: Sequence[chunked.Chunk]) -> List[chunked.Record]:
    out: List[chunked.Record] = []
    for c in chunks[1:]:
        out.extend(chunked.read_records(c.body))
    return out
