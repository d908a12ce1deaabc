"""The test-only splunk.rest.simpleRequest against a small local HTTP server."""

import json
import os
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from unittest import mock

import support  # noqa: F401  (puts the shim on sys.path)
import splunk
import splunk.rest

SEEN: List[Dict[str, Any]] = []


class FakeSplunkd(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        SEEN.append(
            {
                "method": self.command,
                "path": self.path,
                "auth": self.headers.get("Authorization"),
                "type": self.headers.get("Content-Type"),
                "body": self.rfile.read(length).decode("utf-8"),
            }
        )
        status = int(self.path.split("/status/")[1].split("?")[0]) if "/status/" in self.path else 200
        failure = {"messages": [{"type": "ERROR", "text": "status %d" % status}]}
        body = json.dumps(failure if status >= 400 else {"ok": 1})
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode("utf-8"))

    do_GET = answer
    do_POST = answer
    do_DELETE = answer


class SimpleRequestTest(unittest.TestCase):
    server: ThreadingHTTPServer

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSplunkd)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self) -> None:
        SEEN.clear()
        uri = "http://127.0.0.1:%d" % self.server.server_address[1]
        patcher = mock.patch.dict(os.environ, {"SPLUNKD_URI": uri})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_relative_get_goes_to_splunkd_under_services(self) -> None:
        response, content = splunk.rest.simpleRequest(
            "storage/passwords", sessionKey="tok", getargs={"output_mode": "json", "skip": None, "f": ["a", "b"]}
        )
        self.assertEqual((response.status, response["status"]), (200, "200"))
        self.assertEqual(response["content-type"], "application/json")
        self.assertIsInstance(content, bytes)
        self.assertEqual(json.loads(content), {"ok": 1})
        self.assertEqual(SEEN[0]["path"], "/services/storage/passwords?output_mode=json&f=a&f=b")
        self.assertEqual(SEEN[0]["auth"], "Splunk tok")

    def test_servicesns_paths_are_kept_and_bearer_tokens_supported(self) -> None:
        splunk.rest.simpleRequest("/servicesNS/nobody/passivetotal/x", sessionKey="jwt", token=True)
        self.assertEqual(SEEN[0]["path"], "/servicesNS/nobody/passivetotal/x")
        self.assertEqual(SEEN[0]["auth"], "Bearer jwt")

    def test_postargs_and_jsonargs_turn_get_into_post(self) -> None:
        splunk.rest.simpleRequest("/services/a", sessionKey="t", postargs={"name": "u", "password": "p w"})
        splunk.rest.simpleRequest("/services/b", sessionKey="t", jsonargs=json.dumps({"k": 1}))
        splunk.rest.simpleRequest("/services/c", sessionKey="t", method="DELETE")
        self.assertEqual(
            [(s["method"], s["type"], s["body"]) for s in SEEN],
            [
                ("POST", "application/x-www-form-urlencoded", "name=u&password=p+w"),
                ("POST", "application/json", '{"k": 1}'),
                ("DELETE", "application/x-www-form-urlencoded", ""),
            ],
        )

    def test_401_403_404_always_raise(self) -> None:
        cases = ((401, splunk.AuthenticationFailed), (403, splunk.AuthorizationFailed), (404, splunk.ResourceNotFound))
        for status, error in cases:
            with self.subTest(status=status):
                with self.assertRaises(error) as raised:
                    splunk.rest.simpleRequest("/services/status/%d" % status, sessionKey="t")
                self.assertEqual(raised.exception.statusCode, status)
                self.assertIsInstance(raised.exception, splunk.RESTException)

    def test_other_errors_raise_only_with_raise_all_errors(self) -> None:
        response, _ = splunk.rest.simpleRequest("/services/status/500", sessionKey="t")
        self.assertEqual(response.status, 500)
        self.assertEqual(response.messages, [{"type": "ERROR", "code": None, "text": "status 500"}])
        cases = ((400, splunk.BadRequest), (500, splunk.InternalServerError), (409, splunk.RESTException))
        for status, error in cases:
            with self.subTest(status=status):
                with self.assertRaises(error) as raised:
                    splunk.rest.simpleRequest("/services/status/%d" % status, sessionKey="t", raiseAllErrors=True)
                self.assertEqual(raised.exception.statusCode, status)
                self.assertEqual(raised.exception.get_extended_message_text(), "status %d" % status)

    def test_raw_result_never_raises(self) -> None:
        response, _ = splunk.rest.simpleRequest("/services/status/404", sessionKey="t", rawResult=True)
        self.assertEqual(response.status, 404)

    def test_an_unreachable_splunkd_raises_a_connection_exception(self) -> None:
        with mock.patch.dict(os.environ, {"SPLUNKD_URI": "http://127.0.0.1:1"}):
            with self.assertRaises(splunk.SplunkdConnectionException):
                splunk.rest.simpleRequest("/services/x", sessionKey="t", timeout=5)

    def test_exception_text_matches_splunks_form(self) -> None:
        self.assertEqual(str(splunk.AuthenticationFailed()), "[HTTP 401] Client is not authenticated")
        self.assertEqual(str(splunk.RESTException(418)), "[HTTP 418] General client request error")
        self.assertEqual(splunk.ResourceNotFound("/x").get_message_text(), "/x")


if __name__ == "__main__":
    unittest.main()
