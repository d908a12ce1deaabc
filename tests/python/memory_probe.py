"""Measures how much the handler's memory grows for one request: run as its own process by test_memory.py.

``python3 memory_probe.py <shape> <megabytes> <calls>`` starts a local upstream that answers every request with
``<megabytes>`` MiB of JSON of ``<shape>`` (``records``: passive DNS records as PassiveTotal sends them, ``tiny``:
``{"a":1}`` objects, ``arrays``: empty arrays, ``strings``: two-letter strings), then sends the handler one request
through its real code path
(fake splunkd, real HTTP): ``pt/dns/passive`` when ``<calls>`` is 1, else a ``batch`` of that many calls of
distinct queries. The reply is serialised as splunkd's driver does. It prints one JSON line: the reply's status,
the calls' statuses and codes, and ``growthBytes``, the peak resident memory of this process
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) minus its peak before the request.
"""

import http.server
import json
import resource
import socketserver
import sys
import threading
import tracemalloc
from typing import Any, Dict, List

import pt_support
from pt_support import FakeSplunkd, request

from passivetotal_app import service

MIB = 1024 * 1024
RECORD = (
    b'{"firstSeen": "2026-11-06 03:12:44", "lastSeen": "2026-11-28 21:14:07", "collected": "2026-11-28 22:00:00", '
    b'"value": "login-secure-update.example", "resolve": "203.0.113.%d", "resolveType": "ip", "recordType": "A", '
    b'"source": ["riskiq", "pingly"], "recordHash": '
    b'"1db5525973bd8f16dfa766a1188e763f4055e0835f59710c81e9ca94151407%02d"}, '
)
SHAPES = {
    "records": b"".join(RECORD % (n, n) for n in range(100)),
    "tiny": b'{"a":1},' * 100,
    "arrays": b"[]," * 100,
    "strings": b'"ab",' * 100,
}


def body_of(shape: str, size: int) -> bytes:
    """``size`` bytes (about) of a passive DNS answer whose results are of ``shape``: made by repeating a block, so
    that making it costs no more memory than the body."""
    block = SHAPES[shape]
    head = b'{"totalRecords": 0, "results": ['
    tail = b'{}]}'
    return head + block * ((size - len(head) - len(tail)) // len(block)) + tail


def peak_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(body: bytes) -> str:
    """A local upstream answering every GET with ``body``; its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            view = memoryview(body)
            try:
                for start in range(0, len(body), MIB):
                    self.wfile.write(view[start:start + MIB])
            except OSError:
                pass  # the handler stopped reading

        def log_message(self, *args: Any) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/v2" % server.server_address[1]


def main(shape: str, megabytes: float, calls: int, traced: bool = False) -> Dict[str, Any]:
    pt_support.fresh_state()
    splunkd = FakeSplunkd().install()
    splunkd.conf["logging"] = {"level": "WARNING"}
    base_url = serve(body_of(shape, int(megabytes * MIB)))
    splunkd.conf["api"] = {"base_url": base_url, "key_host": pt_support.host_of(base_url), "timeout_seconds": "60",
                           "deadline_seconds": "120", "retries": "0"}
    if calls == 1:
        raw = request(path="pt/dns/passive", query=[("query", "evil.example")])
    else:
        raw = request(path="batch", query=[("r", "pt/dns/passive?query=q%d.example" % n) for n in range(calls)])
    if traced:
        tracemalloc.start()
    before = peak_bytes()
    reply = service.handle_request(raw, pt_support.deps())
    json.dumps(reply)  # as splunkd's driver sends it
    growth = peak_bytes() - before
    traced_peak = tracemalloc.get_traced_memory()[1] if traced else None
    tracemalloc.stop()
    payload = reply["payload"]
    answers: List[Dict[str, Any]] = payload["responses"] if calls > 1 else [{"status": reply["status"],
                                                                            "body": payload}]
    return {
        "status": reply["status"],
        "statuses": [a["status"] for a in answers],
        "codes": [a["body"]["messages"][0]["code"] for a in answers if "messages" in a["body"]],
        "growthBytes": growth,
        "tracedPeakBytes": traced_peak,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), "--traced" in sys.argv[4:])))
    pt_support.remove_home()
