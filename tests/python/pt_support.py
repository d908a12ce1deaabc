"""Shared helpers of the handler tests: the fake splunkd, a scripted PassiveTotal server on 127.0.0.1, requests.

Importing this module puts ``bin/`` and the fake ``splunk`` package (``fakes/``) on ``sys.path`` and points
SPLUNK_HOME at a temporary folder, so the handler's log goes to a file the tests can read.
"""

import http.server
import json
import os
import shutil
import socketserver
import sys
import tempfile
import threading
import time
import urllib.parse
from typing import Any, Callable, Dict, List, Optional, Tuple

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BIN = os.path.join(ROOT, "bin")
for folder in (BIN, os.path.join(HERE, "fakes")):
    if folder not in sys.path:
        sys.path.insert(0, folder)

SPLUNK_HOME = tempfile.mkdtemp(prefix="pt-splunk-home-")
os.makedirs(os.path.join(SPLUNK_HOME, "var", "log", "splunk"))
os.environ["SPLUNK_HOME"] = SPLUNK_HOME
LOG_FILE = os.path.join(SPLUNK_HOME, "var", "log", "splunk", "passivetotal.log")

import splunk.rest  # noqa: E402  (the fake, from fakes/)

from passivetotal_app import allowance, authz, cache, coalescing, logs, profiles, rdap_bootstrap, service  # noqa: E402
from passivetotal_app.ratelimit import LIMITER  # noqa: E402
from passivetotal_app.urls import host_of  # noqa: E402

SYSTEM_TOKEN = "system-token-7f3a9c2e1d0b4a6f8e5d"
ANALYST_TOKEN = "analyst-token-1a2b3c4d5e6f7a8b9c0d"
ADMIN_TOKEN = "admin-token-9z8y7x6w5v4u3t2s1r0q"
NOBODY_TOKEN = "nobody-token-0p9o8i7u6y5t4r3e2w1q"
ROOTISH_TOKEN = "rootish-token-5g4f3d2s1a0z9x8c7v6b"
API_KEY = "demo-SECRETKEY-0123456789abcdef0123456789abcdef0123456789ab"
USERNAME = "analyst@example.com"

USERS: Dict[str, Tuple[str, List[str]]] = {
    ANALYST_TOKEN: ("analyst", ["search", "passivetotal_query"]),
    ADMIN_TOKEN: ("admin", ["search", "passivetotal_query", "passivetotal_admin"]),
    NOBODY_TOKEN: ("nobody", ["search"]),
    ROOTISH_TOKEN: ("root", ["search", "admin_all_objects"]),
    SYSTEM_TOKEN: ("splunk-system-user", ["admin_all_objects"]),
}

APP_NS = "/servicesNS/nobody/passivetotal"
KV_DATA = APP_NS + "/storage/collections/data/"
KV_PATH = KV_DATA + "passivetotal_cache"


def matches(doc: Dict[str, Any], query: Dict[str, Any]) -> bool:
    """Whether a KV store document matches a query of equalities and ``$lt``, ``$lte``, ``$gt``, ``$gte``."""
    for field, condition in query.items():
        value = doc.get(field)
        if isinstance(condition, dict):
            for op, bound in condition.items():
                ok = {
                    "$lt": lambda a, b: a < b,
                    "$lte": lambda a, b: a <= b,
                    "$gt": lambda a, b: a > b,
                    "$gte": lambda a, b: a >= b,
                }[op]
                if not isinstance(value, (int, float)) or not ok(value, bound):
                    return False
        elif value != condition:
            return False
    return True


class FakeSplunkd:
    """The splunkd endpoints the handler uses, in memory. Installed as the fake simpleRequest's backend."""

    def __init__(self) -> None:
        self.conf: Dict[str, Dict[str, str]] = {"api": {}, "cache": {}, "logging": {"level": "DEBUG"}, "datasets": {}}
        for provider in profiles.OPEN_IDS:
            self.conf["provider:" + provider] = {}
        self.passwords: List[Dict[str, Any]] = [
            {"username": USERNAME, "key": API_KEY, "updated": "2024-01-01T00:00:00+00:00", "app": "passivetotal"}
        ]
        self.kv: Dict[str, Dict[str, Any]] = {}
        # Every KV store collection by name; the cache's is ``kv``.
        self.collections: Dict[str, Dict[str, Dict[str, Any]]] = {"passivetotal_cache": self.kv}
        self.kv_lock = threading.Lock()
        self.kv_status = 0  # non-zero: every KV store call answers this status
        self.calls: List[Tuple[str, str, str]] = []
        # Stanzas of default/passivetotal.conf (they cannot be deleted, as on a real splunkd).
        self.default_stanzas = {"api", "cache", "search", "logging", "datasets"} | {
            "provider:" + p for p in profiles.OPEN_IDS
        }
        self.macros: Dict[str, Dict[str, str]] = {
            "passivetotal_index": {"definition": "index=*"},
            "passivetotal_summariesonly": {"definition": "summariesonly=true"},
        }
        self.app_configured: Optional[bool] = None
        self.write_status = 0  # non-zero: every configs / passwords write answers this status

    def install(self) -> "FakeSplunkd":
        splunk.rest.backend = self
        return self

    def count(self, method: str, path_part: str) -> int:
        return sum(1 for m, p, _ in self.calls if m == method and path_part in p)

    def __call__(
        self, method: str, path: str, token: Optional[str], getargs: Dict[str, Any], form: Dict[str, Any], body: Any
    ) -> Tuple[int, bytes]:
        who = USERS.get(token or "")
        self.calls.append((method, path, who[0] if who else "?"))
        if who is None:
            return 401, b'{"messages":[{"type":"WARN","text":"call not properly authenticated"}]}'
        if path.endswith("/authentication/current-context"):
            content = {"username": who[0], "roles": ["user"], "capabilities": who[1]}
            return self._json(200, {"entry": [{"name": who[0], "content": content}]})
        if token != SYSTEM_TOKEN:
            return 403, b'{"messages":[{"type":"ERROR","text":"forbidden for this user"}]}'
        if method != "GET" and self.write_status and ("/configs/" in path or "/storage/passwords" in path):
            return self.write_status, b'{"messages":[{"type":"ERROR","text":"write refused"}]}'
        if path == APP_NS + "/configs/conf-passivetotal" and method == "GET":
            entries = [{"name": name, "content": dict(keys, disabled=False)} for name, keys in self.conf.items()]
            return self._json(200, {"entry": entries})
        if path == APP_NS + "/configs/conf-passivetotal" and method == "POST":
            name = form.pop("name", "")
            if name in self.conf:
                return 409, b'{"messages":[{"type":"ERROR","text":"An object with name=%s already exists"}]}'
            self.conf[name] = dict(form)
            return self._json(201, {"entry": [{"name": name, "content": dict(form)}]})
        if path.startswith(APP_NS + "/configs/conf-passivetotal/"):
            return self._stanza(self.conf, method, urllib.parse.unquote(path.rsplit("/", 1)[1]), form)
        if path.startswith(APP_NS + "/configs/conf-macros/"):
            return self._stanza(self.macros, method, urllib.parse.unquote(path.rsplit("/", 1)[1]), form)
        if path == "/services/apps/local/passivetotal" and method == "POST":
            self.app_configured = form.get("configured") == "1"
            return self._json(200, {"entry": [{"name": "passivetotal", "content": {}}]})
        if path == APP_NS + "/storage/passwords" and method == "POST":
            name = "%s:%s:" % (form.get("realm", ""), form.get("name"))
            if any(self.entity(p) == name for p in self.passwords):
                return 409, b'{"messages":[{"type":"ERROR","text":"An object with name=%s already exists"}]}'
            self.passwords.append(
                {
                    "username": form["name"],
                    "key": form["password"],
                    "updated": "2030-01-01T00:00:00+00:00",
                    "realm": form.get("realm", ""),
                }
            )
            return self._json(201, {"entry": [{"name": name, "content": {"clear_password": form["password"]}}]})
        if path.startswith(APP_NS + "/storage/passwords/"):
            name = urllib.parse.unquote(path.rsplit("/", 1)[1])
            found = [p for p in self.passwords if self.entity(p) == name]
            if not found:
                return 404, b'{"messages":[{"type":"ERROR","text":"Could not find object"}]}'
            if method == "DELETE":
                self.passwords.remove(found[0])
                return self._json(200, {"entry": []})
            if method == "POST":
                found[0]["key"] = form["password"]
                return self._json(200, {"entry": [{"name": name, "content": {"clear_password": form["password"]}}]})
        if path == APP_NS + "/storage/passwords":
            entries = [
                {
                    "name": self.entity(p),
                    "updated": p["updated"],
                    "acl": {"app": p.get("app", "passivetotal")},
                    "content": {
                        "realm": p.get("realm", "passivetotal"),
                        "username": p["username"],
                        "clear_password": p["key"],
                        "password": "********",
                    },
                }
                for p in self.passwords
            ]
            return self._json(200, {"entry": entries})
        if path.startswith(KV_DATA):
            if self.kv_status:
                return self.kv_status, b'{"messages":[{"type":"ERROR","text":"KV Store is initializing"}]}'
            name, slash, rest = path[len(KV_DATA):].partition("/")
            with self.kv_lock:  # one write of a key at a time, as the KV store does
                docs = self.collections.setdefault(name, {})
                return self._kv(docs, method, slash + rest, getargs, body)
        return 404, b'{"messages":[{"type":"ERROR","text":"not found"}]}'

    @staticmethod
    def entity(password: Dict[str, Any]) -> str:
        """The entity name of a stored password: ``<realm>:<username>:``."""
        return "%s:%s:" % (password.get("realm", "passivetotal"), password["username"])

    def keys_of(self, realm: str) -> List[Tuple[str, str]]:
        """``(username, key)`` of every stored password of ``realm``."""
        return [(p["username"], p["key"]) for p in self.passwords if p.get("realm", "passivetotal") == realm]

    def _stanza(
        self, store: Dict[str, Dict[str, str]], method: str, name: str, form: Dict[str, Any]
    ) -> Tuple[int, bytes]:
        if name not in store:
            return 404, b'{"messages":[{"type":"ERROR","text":"Could not find object id"}]}'
        if method == "DELETE":
            if name in self.default_stanzas:
                return 400, b'{"messages":[{"type":"ERROR","text":"cannot be deleted: it is in default"}]}'
            del store[name]
            return self._json(200, {"entry": []})
        if method == "POST":
            store[name].update(form)
        return self._json(200, {"entry": [{"name": name, "content": dict(store[name], disabled=False)}]})

    @staticmethod
    def _json(status: int, doc: Any) -> Tuple[int, bytes]:
        return status, json.dumps(doc).encode("utf-8")

    def _kv(
        self, kv: Dict[str, Dict[str, Any]], method: str, rest: str, args: Dict[str, Any], body: Any
    ) -> Tuple[int, bytes]:
        if method == "POST" and rest == "/batch_save":
            docs = json.loads(body)
            for doc in docs:
                kv[doc["_key"]] = dict(doc)
            return self._json(200, [d["_key"] for d in docs])
        if method == "POST" and rest == "":
            doc = json.loads(body)
            doc.setdefault("_key", "k%d" % len(kv))
            if doc["_key"] in kv:
                return self._json(409, {"messages": [{"type": "ERROR", "text": "A document with the key exists"}]})
            kv[doc["_key"]] = dict(doc)
            return self._json(201, {"_key": doc["_key"]})
        if rest.startswith("/") and method == "DELETE":
            found_doc = kv.pop(urllib.parse.unquote(rest[1:]), None)
            return (200, b"") if found_doc else (404, b'{"messages":[{"type":"ERROR","text":"not found"}]}')
        if rest.startswith("/") and method == "GET":
            doc = kv.get(urllib.parse.unquote(rest[1:]))
            return self._json(200, doc) if doc else (404, b'{"messages":[{"type":"ERROR","text":"not found"}]}')
        query = json.loads(args["query"]) if args.get("query") else {}
        found = [d for d in kv.values() if matches(d, query)]
        if method == "DELETE":
            for doc in found:
                del kv[doc["_key"]]
            return 200, b""
        if args.get("sort"):
            field, direction = args["sort"].split(":")
            found.sort(key=lambda d: d.get(field, 0), reverse=direction == "-1")
        skip = int(args.get("skip", 0))
        limit = int(args.get("limit", 0))
        found = found[skip:]
        if limit:
            found = found[:limit]
        return self._json(200, found)


def request(
    method: str = "GET",
    path: str = "pt/dns/passive",
    query: Optional[List[Tuple[str, str]]] = None,
    token: str = ANALYST_TOKEN,
    system_token: Optional[str] = SYSTEM_TOKEN,
    form: Optional[List[Tuple[str, str]]] = None,
) -> bytes:
    """A request as splunkd sends it to a persistent handler (method, rest_path, query, session, ...), as bytes."""
    user = USERS.get(token, ("?", []))[0]
    doc: Dict[str, Any] = {
        "method": method,
        "rest_path": "/passivetotal/" + path,
        "path_info": path,
        "query": [list(p) for p in (query if query is not None else [("query", "evil.example")])]
        + [["output_mode", "json"]],
        "session": {"user": user, "authtoken": token},
        "ns": {"app": "passivetotal", "user": "nobody"},
        "output_mode": "json",
        "server": {"rest_uri": "https://127.0.0.1:8089", "hostname": "sh1"},
        "restmap": {"name": "script:passivetotal", "conf": {}},
        "form": [list(p) for p in form or []],
    }
    if system_token:
        doc["system_authtoken"] = system_token
    return json.dumps(doc).encode("utf-8")


# ---------------------------------------------------------------------------------------------- scripted upstream


class Reply:
    """A scripted upstream answer."""

    def __init__(
        self,
        status: int = 200,
        body: Any = None,
        headers: Optional[Dict[str, str]] = None,
        delay: float = 0.0,
        wait: Optional[threading.Event] = None,
    ) -> None:
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps({} if body is None else body).encode("utf-8")
        self.headers = headers or {}
        self.delay = delay
        self.wait = wait


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class PTServer:
    """A PassiveTotal stand-in on 127.0.0.1: answers by path from ``routes``, else from ``queue``, else ``default``.

    Every hit is recorded as ``(path, params, authorization header)``.
    """

    def __init__(self) -> None:
        self.routes: Dict[str, Reply] = {}
        self.queue: List[Reply] = []
        self.default = Reply(200, {"results": []})
        self.hits: List[Tuple[str, Dict[str, List[str]], str]] = []
        self.entered = threading.Semaphore(0)
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                url = urllib.parse.urlsplit(self.path)
                owner.hits.append((url.path, urllib.parse.parse_qs(url.query), self.headers.get("Authorization", "")))
                reply = owner.next_reply(url.path)
                owner.entered.release()
                if reply.wait is not None:
                    reply.wait.wait(10)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except OSError:
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base_url = "http://127.0.0.1:%d/v2" % self.port
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def next_reply(self, path: str) -> Reply:
        if path in self.routes:
            return self.routes[path]
        if self.queue:
            return self.queue.pop(0)
        return self.default

    def hit_paths(self) -> List[str]:
        return [h[0] for h in self.hits]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A local port with nothing listening (connection refused)."""
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def no_sleep(seconds: float) -> None:
    pass


def fresh_state() -> None:
    """Forget module-level state between tests (grants cache, maintenance clock, own rate limits, RDAP bootstrap)."""
    authz.forget_all()
    cache.reset_maintenance_clock()
    allowance.reset_maintenance_clock()
    LIMITER.reset()
    rdap_bootstrap.forget_bootstrap()


def deps(sleep: Callable[[float], None] = no_sleep, clock: Callable[[], float] = time.time) -> service.Deps:
    """Handler dependencies for tests: the real splunkd adapter (fake simpleRequest) and no real sleeping."""
    return service.Deps(sleep=sleep, clock=clock)


def log_text() -> str:
    """Everything the handler has logged so far."""
    logs.configure("DEBUG")
    for handler in logs.logging.getLogger(logs.LOGGER_NAME).handlers:
        handler.flush()
    if not os.path.exists(LOG_FILE):
        return ""
    with open(LOG_FILE, encoding="utf-8") as handle:
        return handle.read()


def remove_home() -> None:
    shutil.rmtree(SPLUNK_HOME, ignore_errors=True)


import unittest  # noqa: E402


class HandlerTest(unittest.TestCase):
    """A fake splunkd (credentials configured, caching on) and a scripted upstream per test."""

    def setUp(self) -> None:
        fresh_state()
        self.splunkd = FakeSplunkd().install()
        self.pt = PTServer()
        self.addCleanup(self.pt.close)
        # The stored key was entered for the scripted server (as the stand-in provisions its replay server).
        self.splunkd.conf["api"] = {"base_url": self.pt.base_url, "timeout_seconds": "2", "retries": "2",
                                    "key_host": host_of(self.pt.base_url)}

    def call(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        """One request through the real handler logic; the reply must be JSON-serialisable."""
        reply = service.handle_request(request(*args, **kwargs), deps())
        json.dumps(reply)
        return reply

    def assert_error(self, reply: Dict[str, Any], status: int, code: str) -> Dict[str, Any]:
        """Asserts a splunkd error envelope with ``status`` and ``code``; returns its message."""
        self.assertEqual(reply["status"], status, reply["payload"])
        message = reply["payload"]["messages"][0]
        self.assertEqual(message["type"], "ERROR")
        self.assertEqual(message["code"], code, message)
        self.assertNotIn("Traceback", message["text"])
        return message
