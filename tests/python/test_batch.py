"""The ``batch`` route: several pt/ and open/ GETs in one request, each answered as the same GET would be."""

import unittest

from pt_support import NOBODY_TOKEN, HandlerTest, Reply


class BatchTest(HandlerTest):
    def batch(self, *calls: str, **kwargs: object) -> dict:
        return self.call(path="batch", query=[("r", c) for c in calls], **kwargs)

    def test_each_call_is_answered_in_order_with_its_own_status(self) -> None:
        self.pt.routes["/v2/whois"] = Reply(500, {"message": "boom"})
        reply = self.batch(
            "pt/dns/passive?query=evil.example",
            "pt/whois?query=evil.example",
            "pt/enrichment?query=not a domain",
            "pt/enrichment?query=evil.example",
        )
        self.assertEqual(reply["status"], 200)
        answers = reply["payload"]["responses"]
        self.assertEqual([a["status"] for a in answers], [200, 502, 400, 200])
        self.assertEqual(answers[1]["body"]["messages"][0]["code"], "upstream_error")
        self.assertEqual(answers[2]["body"]["messages"][0]["code"], "not_allowed")
        self.assertIn("data", answers[3]["body"])
        self.assertEqual(sorted(self.pt.hit_paths()), ["/v2/dns/passive", "/v2/enrichment", "/v2/whois"])

    def test_the_calls_share_one_credential_read_and_use_the_cache(self) -> None:
        calls = ["pt/dns/passive?query=evil.example", "pt/whois?query=evil.example", "pt/enrichment?query=x.example"]
        self.batch(*calls)
        self.assertEqual(self.splunkd.count("GET", "storage/passwords"), 1)
        again = self.batch(*calls)["payload"]["responses"]
        self.assertEqual([a["body"]["cached"] for a in again], [True, True, True])
        self.assertEqual(len(self.pt.hits), 3)

    def test_identical_calls_in_one_batch_reach_the_upstream_once(self) -> None:
        answers = self.batch(*["pt/dns/passive?query=evil.example"] * 5)["payload"]["responses"]
        self.assertEqual([a["status"] for a in answers], [200] * 5)
        self.assertEqual(len(self.pt.hits), 1)

    def test_only_pt_and_open_calls_and_only_the_r_parameter(self) -> None:
        answers = self.batch("quota", "setup?x=1", "../pt/whois?query=a.example")["payload"]["responses"]
        self.assertEqual([a["status"] for a in answers], [400, 400, 400])
        self.assert_error(self.call(path="batch", query=[("x", "1")]), 400, "not_allowed")
        self.assert_error(self.call(path="batch", query=[]), 400, "not_allowed")
        too_many = [("r", "pt/whois?query=a.example")] * 41
        self.assert_error(self.call(path="batch", query=too_many), 400, "not_allowed")
        self.assertEqual(self.pt.hits, [])

    def test_needs_the_query_capability(self) -> None:
        self.assert_error(self.batch("pt/whois?query=a.example", token=NOBODY_TOKEN), 403, "forbidden")
        self.assertEqual(self.pt.hits, [])

    def test_post_is_refused(self) -> None:
        reply = self.call(method="POST", path="batch", query=[("r", "pt/whois?query=a.example")])
        self.assert_error(reply, 405, "method_not_allowed")


if __name__ == "__main__":
    unittest.main()
