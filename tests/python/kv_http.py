"""The fake splunkd's KV store over HTTP on 127.0.0.1, and handler code run in other processes against it.

The KV store's one guarantee that the app's counters and leases rely on is that an insert of a ``_key`` that
exists is refused with 409, however many clients insert at once; the server holds one lock around every request,
as splunkd's KV store serialises writes of one key. ``run_processes`` starts Python processes that each run a
snippet with ``system`` (a :class:`~passivetotal_app.splunkd.Splunkd` with the system token, reaching this server)
and ``PROCESS_INDEX`` in their environment, and print one JSON value; they start the snippet at the same moment.
"""

import http.server
import json
import os
import socketserver
import subprocess
import sys
import threading
import time
import urllib.parse
from typing import Any, List

from pt_support import BIN, SYSTEM_TOKEN, FakeSplunkd


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class KvServer:
    """``fake``'s endpoints over HTTP (the ``Authorization: Splunk <token>`` header names the caller)."""

    def __init__(self, fake: FakeSplunkd) -> None:
        self.fake = fake
        self.lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else None
                token = (self.headers.get("Authorization") or "").replace("Splunk ", "", 1)
                args = dict(urllib.parse.parse_qsl(url.query))
                with owner.lock:
                    status, payload = owner.fake(self.command, url.path, token, args, {}, body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _answer  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


_PROLOGUE = """
import json, sys, time
sys.path.insert(0, %(bin)r)
from passivetotal_app.splunkd import Splunkd, urllib_transport
system = Splunkd(%(token)r, urllib_transport(%(url)r))
time.sleep(max(0.0, %(start)r - time.time()))
"""


def run_processes(server: KvServer, snippet: str, count: int) -> List[Any]:
    """Runs ``snippet`` in ``count`` processes at once; the JSON value each prints, in process order."""
    start = time.time() + 1.5
    code = _PROLOGUE % {"bin": BIN, "token": SYSTEM_TOKEN, "url": server.url, "start": start} + snippet
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PROCESS_INDEX=str(n)),
        )
        for n in range(count)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=60)
        if child.returncode != 0:
            raise AssertionError("a process failed: %s" % err.decode("utf-8", "replace")[-2000:])
        results.append(json.loads(out.decode("utf-8").strip().splitlines()[-1]))
    return results
