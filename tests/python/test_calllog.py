"""The overview dashboard's data: one key=value line in passivetotal.log per provider call (a cache hit too) and per
recorded investigation, with the fields the panels count by, and never a secret or the indicator itself."""

import json
import re
import unittest
from typing import Dict, List

import pt_support
from pt_support import ADMIN_TOKEN, API_KEY, HandlerTest, Reply
from test_investigations import HistorySplunkd, history_request

from passivetotal_app import calllog, service

PAIR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


def fields(line: str) -> Dict[str, str]:
    """The key=value pairs of a line, as Splunk's automatic extraction reads them (quotes removed)."""
    found = {}
    for key, value in PAIR.findall(line):
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        found[key] = value
    return found


def new_lines(before: str, kind: str) -> List[Dict[str, str]]:
    """The fields of the ``kind`` lines logged since the log held ``before``."""
    text = pt_support.log_text()[len(before):]
    return [fields(line.split(" - ", 1)[1]) for line in text.splitlines() if (" - %s " % kind) in line]


class CallLineTest(unittest.TestCase):
    def test_line_has_every_field_in_key_value_form(self) -> None:
        line = calllog.call_line(
            calllog.Call("passivetotal", "pdns", "dns", "analyst", True, False, False, 429, "rate_limited", 12)
        )
        self.assertEqual(
            fields(line),
            {"provider": "passivetotal", "operation": "pdns", "dataset": "dns", "user": "analyst", "mode": "batch",
             "cached": "false", "coalesced": "false", "status": "429", "error": "rate_limited",
             "duration_ms": "12"},
        )
        self.assertTrue(line.startswith("upstream_call "))

    def test_a_user_name_cannot_forge_another_field(self) -> None:
        user = 'eve" cached=true status=200\nerror=none \\'
        got = fields(calllog.call_line(
            calllog.Call("otx", "general", "enrichment", user, False, False, False, 502, "upstream_error", 3)))
        self.assertEqual(got["user"], 'eve" cached=true status=200error=none \\')
        self.assertEqual((got["cached"], got["status"], got["error"]), ("false", "502", "upstream_error"))
        self.assertEqual(fields(calllog.investigation_line(user, "domain"))["type"], "domain")


class LoggedCallsTest(HandlerTest):
    def test_upstream_call_then_cache_hit_are_two_lines(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(200, {"results": [{"resolve": "203.0.113.77"}]})
        before = pt_support.log_text()
        self.call(query=[("query", "login-secure-update.example")])
        self.call(query=[("query", "login-secure-update.example")])
        lines = new_lines(before, "upstream_call")
        self.assertEqual(len(self.pt.hits), 1)
        self.assertEqual([(x["cached"], x["status"], x["error"], x["mode"]) for x in lines],
                         [("false", "200", "none", "single"), ("true", "200", "none", "single")])
        self.assertEqual({(x["provider"], x["dataset"], x["user"]) for x in lines},
                         {("passivetotal", "dns", "analyst")})
        self.assertTrue(all(x["duration_ms"].isdigit() for x in lines))

    def test_error_and_batch_calls_name_their_code_and_mode(self) -> None:
        self.pt.routes["/v2/whois"] = Reply(401, {"message": "bad key " + API_KEY})
        before = pt_support.log_text()
        self.call(path="batch", query=[("r", "pt/whois?query=evil.example")], token=ADMIN_TOKEN)
        lines = new_lines(before, "upstream_call")
        self.assertEqual(len(lines), 1)
        self.assertEqual((lines[0]["user"], lines[0]["mode"], lines[0]["status"], lines[0]["cached"]),
                         ("admin", "batch", "401", "false"))
        self.assertNotEqual(lines[0]["error"], "none")

    def test_no_secret_and_no_indicator_in_the_lines(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(500, {"message": "echo " + API_KEY})
        before = pt_support.log_text()
        self.call(query=[("query", "secret-target.example")])
        self.call(path="check", query=[])
        text = pt_support.log_text()[len(before):]
        calls = [line for line in text.splitlines() if " - upstream_call " in line]
        self.assertEqual(len(calls), 2)
        for line in calls:
            self.assertNotIn(API_KEY, line)
            self.assertNotIn("secret-target", line)
            self.assertNotIn(pt_support.USERNAME, line)


class LoggedInvestigationTest(HandlerTest):
    def test_a_recorded_investigation_is_one_line_with_user_and_type(self) -> None:
        HistorySplunkd().install()
        before = pt_support.log_text()
        form = [("indicator", "private-target.example"), ("type", "domain")]
        reply = service.handle_request(history_request("POST", form=form), pt_support.deps())
        self.assertEqual(reply["status"], 201, json.dumps(reply))
        self.assertEqual(new_lines(before, "investigation"), [{"user": "analyst", "type": "domain"}])
        self.assertNotIn("private-target", pt_support.log_text()[len(before):])


if __name__ == "__main__":
    unittest.main()
