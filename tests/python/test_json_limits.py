"""JSON from an upstream is read within limits: deeply nested JSON and JSON of too many tiny values end with the
specific upstream_malformed error (never a 500 with a RecursionError in the log), wherever an upstream's JSON is
read: a 2xx answer, an error body, a 404 that is an answer, an RDAP bootstrap file."""

import json
import unittest

import pt_support
from open_support import OpenHandlerTest, net
from pt_support import HandlerTest, Reply

from passivetotal_app import json_limits

MIB = 1024 * 1024


def nested(depth: int, inner: bytes = b"1") -> bytes:
    return b"[" * depth + inner + b"]" * depth


class LimitsTest(unittest.TestCase):
    def test_the_brackets_outside_strings_are_found_whatever_the_strings_hold(self) -> None:
        text = b'{"a]": ["[", "\\"]", "\\\\", {"k": "}{"}], "b": "\\\\\\"["}'
        self.assertEqual(json_limits.brackets(text), b"{[{}]}")

    def test_depth(self) -> None:
        self.assertFalse(json_limits.depth_exceeds(json_limits.brackets(nested(64)), 64))
        self.assertTrue(json_limits.depth_exceeds(json_limits.brackets(nested(65)), 64))
        # Closing brackets inside strings do not hide the depth.
        hidden = b"[" * 70 + b'"' + b"]" * 70 + b'"' + b"]" * 70
        self.assertTrue(json_limits.depth_exceeds(json_limits.brackets(hidden), 64))

    def test_values_are_read_as_before(self) -> None:
        for text in [b'{"a": [1, 2.5, "x", null, true]}', b"[]", b'"text"', nested(64)]:
            with self.subTest(text=text[:20]):
                self.assertEqual(json_limits.loads(text, MIB), json.loads(text))


class NestedThroughTheHandlerTest(HandlerTest):
    def test_a_deeply_nested_answer_is_malformed(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(200, nested(100000))
        message = self.assert_error(self.call(), 502, "upstream_malformed")
        self.assertEqual(message["text"], "PassiveTotal answered passive DNS with JSON nested more than 64 levels "
                                          "deep; try again later.")
        self.assertNotIn("RecursionError", pt_support.log_text())
        self.assertEqual(self.splunkd.kv, {})

    def test_nesting_up_to_the_limit_is_an_answer(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(200, b'{"results": ' + nested(62, b"[]") + b"}")  # 64 levels
        self.assertEqual(self.call()["status"], 200)

    def test_a_nested_error_body_is_classified_by_its_status(self) -> None:
        self.pt.routes["/v2/whois"] = Reply(400, nested(100000, b'{"message": "x"}'))
        self.assert_error(self.call(path="pt/whois"), 400, "bad_query")
        self.pt.routes["/v2/whois"] = Reply(200, b'{"error": ' + nested(100000) + b"}")
        self.assert_error(self.call(path="pt/whois"), 502, "upstream_malformed")
        self.assertNotIn("RecursionError", pt_support.log_text())

    def test_an_answer_of_tiny_objects_is_malformed(self) -> None:
        # PassiveTotal's actions read at most 1 MiB: 0.9 MiB of {"a":1} would become about 22 MiB of objects.
        body = b'{"results": [' + b'{"a":1},' * (118000) + b"{}]}"
        self.pt.routes["/v2/actions/tags"] = Reply(200, body)
        message = self.assert_error(self.call(path="pt/actions/tags"), 502, "upstream_malformed")
        self.assertEqual(message["text"], "PassiveTotal answered tags with JSON of more small values than the app "
                                          "reads in one answer; try again later.")


class NestedOpenProvidersTest(OpenHandlerTest):
    def test_a_nested_404_that_is_an_answer(self) -> None:
        self.net.replies["https://internetdb.shodan.io/192.0.2.1"] = net(404, nested(100000, b"{}"))
        self.assert_error(self.open("internetdb", "host", "192.0.2.1"), 404, "not_found")

    def test_a_nested_rdap_bootstrap_falls_back_to_the_built_in_table(self) -> None:
        self.net.replies["https://data.iana.org/rdap/dns.json"] = net(200, b'{"services": ' + nested(100000) + b"}")
        self.net.replies["https://rdap.verisign.com/com/v1/domain/example.com"] = net(200, {"ldhName": "EXAMPLE.COM"})
        reply = self.open("rdap", "domain", "example.com")
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertIn("using the app's built-in table", pt_support.log_text())
        self.assertNotIn("RecursionError", pt_support.log_text())

    def test_a_nested_open_provider_answer(self) -> None:
        self.net.replies["https://internetdb.shodan.io/192.0.2.1"] = net(200, b'{"ports": ' + nested(5000) + b"}")
        message = self.assert_error(self.open("internetdb", "host", "192.0.2.1"), 502, "upstream_malformed")
        self.assertEqual(message["provider"], "internetdb")


if __name__ == "__main__":
    unittest.main()
