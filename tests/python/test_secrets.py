"""A key echoed back by an upstream, in any spelling (plain, base64, HTTP basic of username and key, URL-encoded,
JSON-escaped, or a mix), never reaches a reply, the cache or a log line: PassiveTotal's key and the open providers'
keys, on success answers, error texts and log lines."""

import base64
import json
import logging
import unittest
import urllib.parse
from typing import Any, Dict, List

import pt_support
from open_support import CIRCL_PASSWORD, CIRCL_USER, OTX_KEY, OpenHandlerTest, net
from pt_support import USERNAME, HandlerTest, Reply

from passivetotal_app.masking import Masker

# A key whose spellings all differ: URL-encoding and JSON escapes change "/", "+", "=", "é" and "~".
KEY = "demo-Sécret/Key+9876=zz~"


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def echoes(secret: str, username: str) -> Dict[str, str]:
    """The spellings an upstream might echo, as they would stand inside a JSON string."""
    half = len(secret) // 2
    return {
        "plain": secret,
        "base64": b64(secret),
        "base64 url-safe": base64.urlsafe_b64encode(secret.encode("utf-8")).decode("ascii").rstrip("="),
        "basic": "Basic " + b64("%s:%s" % (username, secret)),
        "url-encoded": urllib.parse.quote(secret, safe=""),
        "url-encoded, lower-case hex": urllib.parse.quote(secret, safe="").replace("%C3%A9", "%c3%a9"),
        "json-escaped": json.dumps(secret)[1:-1].replace("/", "\\/"),
        "json \\u escapes": "".join("\\u%04x" % ord(c) for c in secret),
        "mixed": secret[:3] + "\\u%04x" % ord(secret[3]) + secret[4:half]
        + "".join("%%%02X" % b for b in secret[half].encode("utf-8"))
        + secret[half + 1:],
    }


def visible(secret: str, username: str) -> List[str]:
    """What a reader would find after the JSON is decoded: the secret, its base64 forms and its URL-encoding."""
    raw = secret.encode("utf-8")
    pair = ("%s:%s" % (username, secret)).encode("utf-8")
    return [secret, urllib.parse.quote(secret, safe=""), b64(secret), b64(secret).rstrip("="),
            base64.urlsafe_b64encode(raw).decode("ascii").rstrip("="), base64.b64encode(pair).decode("ascii")]


def decoded(doc: Any) -> str:
    """A JSON document as a reader sees it: escapes decoded."""
    return json.dumps(doc, ensure_ascii=False)


class MaskerTest(unittest.TestCase):
    def test_every_spelling_is_masked_in_bytes_and_text(self) -> None:
        masker = Masker([(KEY, USERNAME)])
        for name, spelling in echoes(KEY, USERNAME).items():
            with self.subTest(spelling=name):
                body = ('{"echo": "%s", "next": 1}' % spelling).encode("utf-8")
                masked = masker.bytes(body)
                self.assertEqual(json.loads(masked)["next"], 1)
                for shown in visible(KEY, USERNAME):
                    self.assertNotIn(shown, decoded(json.loads(masked)))
                    self.assertNotIn(shown, masker.text(decoded(json.loads(body))))

    def test_other_text_is_left_alone(self) -> None:
        masker = Masker([(KEY, USERNAME)])
        body = b'{"url": "https://x.example/a%2Fb?q=%3D", "name": "\\u00e9t\\u00e9", "key": "demo-other"}'
        self.assertIs(masker.bytes(body), body)


class PassiveTotalEchoTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd.passwords[0]["key"] = KEY

    def assert_hidden(self, *texts: str) -> None:
        for text in texts:
            for shown in visible(KEY, USERNAME):
                self.assertFalse(shown in text, "a spelling of the key is visible")

    def test_a_success_answer_that_echoes_the_key(self) -> None:
        for name, spelling in echoes(KEY, USERNAME).items():
            with self.subTest(spelling=name):
                self.splunkd.kv.clear()
                body = '{"results": [{"value": "evil.example", "note": "sent %s"}]}' % spelling
                self.pt.routes["/v2/dns/passive"] = Reply(200, body.encode("utf-8"))
                reply = self.call()
                self.assertEqual(reply["status"], 200)
                self.assertEqual(reply["payload"]["data"]["results"][0]["value"], "evil.example")
                stored = [json.loads(doc["body"]) for doc in self.splunkd.kv.values() if "body" in doc]
                self.assertEqual(len(stored), 1)
                self.assert_hidden(decoded(reply["payload"]), decoded(stored), json.dumps(stored))

    def test_an_error_that_echoes_the_key(self) -> None:
        for name, spelling in echoes(KEY, USERNAME).items():
            with self.subTest(spelling=name):
                body = '{"message": "query refused for key %s"}' % spelling
                self.pt.routes["/v2/whois"] = Reply(400, body.encode("utf-8"))
                message = self.assert_error(self.call(path="pt/whois"), 400, "bad_query")
                self.assertIn("********", message["text"])
                self.assert_hidden(decoded(message))

    def test_log_lines(self) -> None:
        self.assertEqual(self.call()["status"], 200)  # the key is read, so the log knows it
        logging.getLogger("passivetotal.test").error("upstream said: %s", " | ".join(echoes(KEY, USERNAME).values()))
        log = pt_support.log_text()
        self.assertIn("upstream said: ", log)
        self.assert_hidden(log, log.encode("utf-8").decode("unicode_escape", "replace"))


class OpenProviderEchoTest(OpenHandlerTest):
    def assert_hidden(self, secret: str, username: str, *texts: str) -> None:
        for text in texts:
            for shown in visible(secret, username):
                self.assertFalse(shown in text, "a spelling of the key is visible")

    def test_a_header_key_echoed_in_an_answer(self) -> None:
        url = "https://otx.alienvault.com/api/v1/indicators/domain/example.com/passive_dns"
        for name, spelling in echoes(OTX_KEY, "key").items():
            with self.subTest(spelling=name):
                self.splunkd.kv.clear()
                self.net.replies[url] = net(200, ('{"passive_dns": [], "echo": "%s"}' % spelling).encode("utf-8"))
                reply = self.open("otx", "passive_dns")
                self.assertEqual(reply["status"], 200)
                stored = [doc["body"] for doc in self.splunkd.kv.values() if "body" in doc]
                self.assert_hidden(OTX_KEY, "key", decoded(reply["payload"]), decoded([json.loads(b) for b in stored]))

    def test_circl_user_and_password_echoed_in_ndjson(self) -> None:
        url = "https://www.circl.lu/pdns/query/example.com"
        for name, spelling in echoes(CIRCL_PASSWORD, CIRCL_USER).items():
            with self.subTest(spelling=name):
                self.splunkd.kv.clear()
                line = '{"rrname": "example.com", "rdata": "%s"}\n' % spelling
                self.net.replies[url] = net(200, line.encode("utf-8"))
                reply = self.open("circl", "resolutions")
                self.assertEqual(reply["status"], 200)
                lines = [json.loads(text) for text in reply["payload"]["data"]["ndjson"].splitlines()]
                stored = [doc["body"] for doc in self.splunkd.kv.values() if "body" in doc]
                self.assert_hidden(CIRCL_PASSWORD, CIRCL_USER, decoded(lines), decoded(stored), json.dumps(stored))

    def test_a_key_echoed_in_an_error(self) -> None:
        url = "https://urlhaus-api.abuse.ch/v1/host/"
        from open_support import URLHAUS_KEY
        for name, spelling in echoes(URLHAUS_KEY, "key").items():
            with self.subTest(spelling=name):
                self.net.replies[url] = net(400, ('{"query_status": "bad key %s"}' % spelling).encode("utf-8"))
                message = self.assert_error(self.open("urlhaus", "host"), 400, "bad_query")
                self.assert_hidden(URLHAUS_KEY, "key", decoded(message))


if __name__ == "__main__":
    unittest.main()
