"""The handler module splunkd loads, and the non-proxy routes: status, quota, check; the splunkd adapter."""

import http.server
import importlib.util
import inspect
import json
import os
import threading
import unittest
from typing import Any, Tuple

import pt_support
from pt_support import ADMIN_TOKEN, API_KEY, BIN, NOBODY_TOKEN, SYSTEM_TOKEN, USERNAME, FakeSplunkd, HandlerTest, Reply

from passivetotal_app.splunkd import Splunkd, urllib_transport

HANDLER_FILE = os.path.join(BIN, "passivetotal_rest.py")
BASE = "PersistentServerConnectionApplication"


def load_handler_module() -> Any:
    """Loads bin/passivetotal_rest.py by path, as splunkd's driver does (module name munged)."""
    spec = importlib.util.spec_from_file_location("_persist_passivetotal_rest", HANDLER_FILE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class HandlerModuleTest(unittest.TestCase):
    def test_exactly_one_persistent_handler_class(self) -> None:
        module = load_handler_module()
        found = [
            value
            for value in vars(module).values()
            if inspect.isclass(value) and any(base.__name__ == BASE for base in value.__mro__[1:])
        ]
        self.assertEqual([cls.__name__ for cls in found], ["PassiveTotalHandler"])

    def test_restmap_names_that_class_and_file(self) -> None:
        with open(os.path.join(pt_support.ROOT, "default", "restmap.conf"), encoding="utf-8") as handle:
            text = handle.read()
        self.assertIn("script = passivetotal_rest.py", text)
        self.assertIn("handler = passivetotal_rest.PassiveTotalHandler", text)
        self.assertIn("scripttype = persist", text)
        self.assertIn("passSystemAuth = true", text)

    def test_handler_answers_through_the_protocol_signature(self) -> None:
        pt_support.fresh_state()
        FakeSplunkd().install()
        module = load_handler_module()
        handler = module.PassiveTotalHandler(["passivetotal_rest.py"], None)
        reply = handler.handle(pt_support.request(path="nope"))
        self.assertEqual(reply["status"], 404)
        self.assertEqual(json.loads(json.dumps(reply))["payload"]["messages"][0]["code"], "not_found")
        self.assertIn("Content-Type", reply["headers"])

    def test_handler_survives_garbage(self) -> None:
        module = load_handler_module()
        reply = module.PassiveTotalHandler([], None).handle(b"\xff\xfe")
        self.assertEqual((reply["status"], reply["payload"]["messages"][0]["code"]), (500, "internal"))

    def test_bin_has_no_plain_http_urls_and_no_eval(self) -> None:
        for folder, _, files in os.walk(BIN):
            for name in files:
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), encoding="utf-8") as handle:
                        text = handle.read()
                    self.assertNotIn("http" + "://", text, name)
                    self.assertNotRegex(text, r"(?<![.\w])(eval|exec)\s*\(", name)


class RoutesTest(HandlerTest):
    QUOTA = {
        "user": {
            "counts": {"search_api": 12},
            "limits": {"search_api": 1000},
            "quotaInterval": "monthly",
            "next_reset": "2024-02-01 00:00:00",
            "last_reset": "2024-01-01 00:00:00",
        },
        "organization": {"quotaInterval": "daily"},
    }

    def test_quota_route_reports_usage_and_is_kept_a_minute(self) -> None:
        self.pt.routes["/v2/account/quota"] = Reply(200, self.QUOTA)
        # A reload within the minute costs no upstream call; after it, the quota is asked again.
        now = [1_700_000_000.0]
        clocked = pt_support.deps(clock=lambda: now[0])
        ask = lambda: pt_support.service.handle_request(  # noqa: E731
            pt_support.request(path="quota", query=[]), clocked)
        cached = [ask()["payload"]["cached"] for _ in range(2)]
        self.assertEqual(cached, [False, True])
        self.assertEqual(len(self.pt.hits), 1)
        now[0] += 61
        payload = ask()["payload"]
        self.assertIs(payload["cached"], False)
        self.assertEqual(len(self.pt.hits), 2)
        self.assertEqual(payload["data"], self.QUOTA)
        self.assertEqual(
            payload["quota"]["user"],
            {
                "used": 12,
                "limit": 1000,
                "remaining": 988,
                "interval": "monthly",
                "resetAt": "2024-02-01T00:00:00Z",
                "lastResetAt": "2024-01-01T00:00:00Z",
            },
        )
        self.assertIsNone(payload["quota"]["organization"])
        self.assertEqual(payload["quota"]["resetAt"], "2024-02-01T00:00:00Z")
        self.assertEqual(self.pt.hit_paths(), ["/v2/account/quota"] * 2)

    def test_quota_through_pt_path_is_not_cached_either(self) -> None:
        self.call(path="pt/account/quota", query=[])
        self.assertIs(self.call(path="pt/account/quota", query=[])["payload"]["cached"], False)

    def test_inside_splunk_simple_request_is_used_without_raising_on_status(self) -> None:
        import splunk.rest

        splunk.rest.calls.clear()
        self.splunkd.passwords = []
        self.call()
        self.assertTrue(splunk.rest.calls)
        self.assertTrue(all(call["rawResult"] for call in splunk.rest.calls))

    def test_status_for_a_user_who_may_query(self) -> None:
        payload = self.call(path="status", query=[])["payload"]
        self.assertEqual(payload["configured"], True)
        self.assertEqual(payload["username"], USERNAME)
        self.assertEqual(payload["baseUrl"], self.pt.base_url)
        self.assertEqual(payload["cacheEnabled"], True)
        self.assertEqual(payload["capabilities"], {"query": True, "admin": False})
        self.assertEqual(self.pt.hits, [])

    def test_status_when_not_configured_or_misconfigured(self) -> None:
        self.splunkd.passwords = []
        payload = self.call(path="status", query=[], token=ADMIN_TOKEN)["payload"]
        self.assertEqual((payload["configured"], payload["username"]), (False, None))
        self.assertEqual(payload["capabilities"], {"query": True, "admin": True})
        self.splunkd.conf["api"] = {"base_url": "http://remote.example/v2"}
        payload = self.call(path="status", query=[], token=ADMIN_TOKEN)["payload"]
        self.assertIn("base_url must use https", payload["settingsError"])

    def test_status_hides_the_username_from_users_without_the_app_role(self) -> None:
        payload = self.call(path="status", query=[], token=NOBODY_TOKEN)["payload"]
        self.assertEqual((payload["configured"], payload["username"]), (True, None))
        self.assertEqual(payload["capabilities"], {"query": False, "admin": False})

    def test_check_tells_whether_the_credentials_work(self) -> None:
        self.pt.routes["/v2/account"] = Reply(200, {"username": USERNAME, "organization": "example-org"})
        payload = self.call(path="check", query=[])["payload"]
        self.assertEqual(payload["ok"], True)
        self.assertEqual(payload["account"], {"username": USERNAME, "organization": "example-org"})
        self.pt.routes["/v2/account"] = Reply(401, {"message": "invalid credentials"})
        message = self.assert_error(self.call(path="check", query=[]), 401, "bad_credentials")
        self.assertIn("setup page", message["text"])


class SplunkdOverHttp(http.server.BaseHTTPRequestHandler):
    """The fake splunkd behind a real HTTP server on 127.0.0.1, for the urllib transport."""

    fake = FakeSplunkd()

    def _answer(self) -> None:
        import urllib.parse

        url = urllib.parse.urlsplit(self.path)
        token = self.headers.get("Authorization", "").replace("Splunk ", "", 1)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else None
        status, content = self.fake(self.command, url.path, token, dict(urllib.parse.parse_qsl(url.query)), {}, body)
        self.send_response(status)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args: Any) -> None:
        pass


class UrllibTransportTest(unittest.TestCase):
    def serve(self) -> Tuple[str, http.server.HTTPServer]:
        server = http.server.HTTPServer(("127.0.0.1", 0), SplunkdOverHttp)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return "http://127.0.0.1:%d" % server.server_address[1], server

    def test_reads_json_and_sends_the_token_in_the_header(self) -> None:
        uri, _ = self.serve()
        splunkd = Splunkd(SYSTEM_TOKEN, urllib_transport(uri))
        answer = splunkd.call("GET", "/servicesNS/nobody/passivetotal/storage/passwords")
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.json()["entry"][0]["content"]["clear_password"], API_KEY)
        self.assertNotIn(SYSTEM_TOKEN, repr(splunkd))
        write = splunkd.call("POST", pt_support.KV_PATH + "/batch_save", json_body=[{"_key": "k", "x": 1}])
        self.assertEqual(write.status, 200)
        self.assertEqual(SplunkdOverHttp.fake.kv["k"], {"_key": "k", "x": 1})

    def test_unreachable_splunkd_is_an_error(self) -> None:
        from passivetotal_app.splunkd import SplunkdError

        splunkd = Splunkd(SYSTEM_TOKEN, urllib_transport("http://127.0.0.1:%d" % pt_support.closed_port()))
        with self.assertRaises(SplunkdError) as caught:
            splunkd.call("GET", "/services/authentication/current-context")
        self.assertNotIn(SYSTEM_TOKEN, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
