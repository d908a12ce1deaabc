"""Every upstream failure sorted into a status and stable code by the one classifier, each row with its real
trigger; PassiveTotal's texts, and the one HTTP client's retries against a real server."""

import itertools
import json
import re
import threading
import time
import unittest
from typing import Any, Callable, List, Optional, Tuple

import pt_support
from pt_support import API_KEY, USERNAME, HandlerTest, PTServer, Reply, closed_port, no_sleep

from passivetotal_app import answers, templates
from passivetotal_app.classify import classify, malformed_error, parse_error_body, source, timeout_error
from passivetotal_app.classify import unreachable_error
from passivetotal_app.credentials import Credential, Secret
from passivetotal_app.errors import ProxyError
from passivetotal_app.http_client import HttpClient
from passivetotal_app.model import Answer, Query
from passivetotal_app.profiles import PROFILES
from passivetotal_app.transport import exchange

PDNS = Query("dns/passive", (("query", "evil.example"),), "dns", "passive DNS")
PT = PROFILES["passivetotal"]
PDNS_OPERATION = PT.operations["dns/passive"]
SRC = source(PT, PDNS_OPERATION, True)


def classify_upstream(
    status: int, body: bytes, label: str = "passive DNS", retry_after_seconds: Optional[int] = None, attempts: int = 1
) -> ProxyError:
    """PassiveTotal's failure of ``status`` and ``body`` for passive DNS, through the one classifier."""
    return classify(SRC, status, body, retry_after_seconds, attempts)


HTML_PAGE = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


class ClassifyTableTest(unittest.TestCase):
    """The classifier alone: status + every historic body shape of PassiveTotal -> status + code."""

    ROWS = [
        # (trigger, upstream status, body, expected status, expected code)
        ("400 flat message", 400, b'{"message":"query is required"}', 400, "bad_query"),
        ("401 flat message", 401, b'{"message":"invalid credentials"}', 401, "bad_credentials"),
        ("401 without body", 401, b"", 401, "bad_credentials"),
        ("402 licence", 402, b'{"message":"not licensed for this dataset"}', 402, "not_licensed"),
        (
            "403 of 2016, legacy envelope",
            403,
            b'{"error":{"http_code":403,"message":"Quota exceeded",'
            b'"developer_message":"You have exceeded your daily search quota."}}',
            429,
            "quota_exceeded",
        ),
        ("403 of 2016, plain text", 403, b'{"message":"Daily Query Limit Reached"}', 429, "quota_exceeded"),
        ("403 other", 403, b'{"message":"Forbidden"}', 403, "not_licensed"),
        ("404 with URI hint", 404, b'{"message":"You have requested this URI [/v2/x] but did you mean"}', 404,
         "not_found"),
        ("429 quota_exceeded prefix", 429, b'{"message":"quota_exceeded: quota exceeded for operation search_api"}',
         429, "quota_exceeded"),
        ("429 string error + message", 429, b'{"error":"Quota Exceeded","message":"quota has been exceeded"}', 429,
         "quota_exceeded"),
        ("429 no body", 429, b"", 429, "quota_exceeded"),
        ("500 internal", 500, b'{"message":"internal server error"}', 502, "upstream_error"),
        ("502 HTML page", 502, HTML_PAGE, 502, "upstream_unavailable"),
        ("503", 503, b"", 502, "upstream_unavailable"),
        ("504 gateway", 504, HTML_PAGE, 504, "upstream_timeout"),
        ("302 redirect", 302, b"", 502, "upstream_error"),
        ("405 other 4xx", 405, b'{"message":"method not allowed"}', 502, "upstream_error"),
        ("200 with 2016 error envelope", 200, b'{"error":{"http_code":401,"message":"bad key"}}', 401,
         "bad_credentials"),
        ("200 with quota error", 200, b'{"error":"Quota Exceeded","message":"quota exceeded"}', 429,
         "quota_exceeded"),
    ]

    def test_every_row(self) -> None:
        for trigger, status, body, want_status, want_code in self.ROWS:
            with self.subTest(trigger):
                error = classify_upstream(status, body, "passive DNS")
                self.assertEqual((error.status, error.code), (want_status, want_code), error.text)
                self.assertTrue(error.text.endswith(".") or error.text.endswith("later."), error.text)

    def test_upstream_message_is_quoted_but_html_is_not(self) -> None:
        self.assertIn("query is required", classify_upstream(400, b'{"message":"query is required"}', "x").text)
        text = classify_upstream(502, HTML_PAGE, "x").text
        self.assertNotIn("<", text)
        self.assertIn("HTML error page", text)

    def test_every_historic_body_shape_is_read(self) -> None:
        legacy = parse_error_body(b'{"error":{"http_code":403,"message":"Quota exceeded","developer_message":"d"}}')
        self.assertEqual((legacy.http_code, legacy.texts), (403, ["Quota exceeded", "d"]))
        self.assertEqual(parse_error_body(b'{"message":"invalid credentials"}').texts, ["invalid credentials"])
        both = parse_error_body(b'{"error":"Quota Exceeded","message":"quota exceeded for operation search_api"}')
        self.assertEqual(both.texts, ["Quota Exceeded", "quota exceeded for operation search_api"])
        self.assertTrue(parse_error_body(HTML_PAGE).is_html)

    def test_retry_after_is_kept_for_the_reset_time(self) -> None:
        self.assertEqual(classify_upstream(429, b"", "x", retry_after_seconds=60).extra, {"retryAfterSeconds": 60})


class MessageCompositionTest(unittest.TestCase):
    """Every error text ends each sentence once and says nothing twice, whatever punctuation the upstream used."""

    # Upstream words as PassiveTotal and its gateways wrote them: with and without a closing full stop, with
    # advice of their own, and several texts in one body (joined by "; ").
    BODIES = [
        b"",
        HTML_PAGE,
        b"plain text.",
        b'{"message":"Your account does not have access to this dataset. Contact your account manager to upgrade."}',
        b'{"message":"An internal server error occurred. Please try again later."}',
        b'{"message":"Check the value and its type."}',
        b'{"message":"no full stop"}',
        b'{"error":{"message":"Quota exceeded.","developer_message":"You have exceeded your daily search quota."}}',
        b'{"error":"Quota Exceeded;","message":"quota has been exceeded!"}',
    ]
    STATUSES = [200, 302, 400, 401, 402, 403, 404, 405, 429, 500, 502, 503, 504]
    UPSTREAM_CODES = {
        "quota_exceeded",
        "upstream_malformed",
        "bad_query",
        "bad_credentials",
        "not_licensed",
        "not_found",
        "upstream_unavailable",
        "upstream_timeout",
        "upstream_error",
    }

    def errors(self) -> List[Tuple[str, ProxyError]]:
        out: List[Tuple[str, ProxyError]] = []
        for status, body, attempts in itertools.product(self.STATUSES, self.BODIES, (1, 3)):
            if status == 200 and body:
                # A 2xx is an error only as an error report; give each body the 2016 envelope's http_code.
                body = b'{"error":{"http_code":0,"message":"x."},"message":%s}' % json.dumps(body.decode()).encode()
            error = classify_upstream(status, body, "passive DNS", attempts=attempts)
            out.append(("%d %r x%d" % (status, body[:40], attempts), error))
        out.append(("timeout", timeout_error(SRC, 2, 3)))
        out.append(("budget", timeout_error(SRC, 25, 3, budget=True)))
        out.append(("unreachable", unreachable_error(SRC, "api.example", "Connection refused.", 3)))
        out.append(("malformed", malformed_error(SRC, "a body that is not JSON")))
        return out

    def test_every_kind_is_covered(self) -> None:
        self.assertEqual({e.code for _, e in self.errors()}, self.UPSTREAM_CODES)

    def test_each_sentence_ends_once(self) -> None:
        for trigger, error in self.errors():
            with self.subTest(trigger, text=error.text):
                for doubled in ("..", ".;", ";.", ";;", ":.", ": .", "!.", "?."):
                    self.assertNotIn(doubled, error.text)
                self.assertTrue(error.text.endswith("."))
                self.assertEqual(error.text, " ".join(error.text.split()))

    def test_no_phrase_is_said_twice(self) -> None:
        for trigger, error in self.errors():
            with self.subTest(trigger, text=error.text):
                words = re.findall(r"[a-z0-9']+", error.text.lower())
                phrases = [" ".join(words[i:i + 3]) for i in range(len(words) - 2)]
                self.assertEqual(sorted(p for p in set(phrases) if phrases.count(p) > 1), [])

    def test_the_upstream_words_are_kept_and_our_advice_follows(self) -> None:
        licence = classify_upstream(402, self.BODIES[3], "passive DNS")
        self.assertEqual(
            licence.text,
            "The PassiveTotal account is not licensed for passive DNS (HTTP 402): Your account does not have access "
            "to this dataset. Contact your account manager to upgrade. Ask your PassiveTotal account owner to add "
            "this dataset.",
        )
        server = classify_upstream(500, self.BODIES[4], "passive DNS")
        self.assertEqual(
            server.text,
            "PassiveTotal failed with HTTP 500: An internal server error occurred. Please try again later.",
        )
        self.assertEqual(
            classify_upstream(500, b'{"message":"boom"}', "passive DNS").text,
            "PassiveTotal failed with HTTP 500: boom; try again later.",
        )
        self.assertEqual(
            classify_upstream(503, b"", "passive DNS", attempts=3).text,
            "PassiveTotal is unavailable (HTTP 503) after 3 attempts; try again later.",
        )


class PtClient:
    """PassiveTotal's passive DNS through the one HTTP client, as the pipeline's lookup sends it (no splunkd)."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 2.0,
        retries: int = 2,
        deadline: float = 30,
        sleep: Callable[[float], None] = no_sleep,
        clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = lambda: 1.0,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.credential = Credential(USERNAME, Secret(API_KEY))
        self.http = HttpClient(exchange, "", max(deadline, timeout), retries, clock, sleep, jitter)
        self.clock = clock

    def get(self, query: Query) -> Answer:
        request = templates.build(PT, PDNS_OPERATION, self.base_url, query.params, self.credential)
        fetched = self.http.fetch(request, SRC, self.timeout, PDNS_OPERATION.max_bytes)
        return answers.answer(SRC, PDNS_OPERATION, fetched, self.credential, self.clock)


def client(base_url: str, timeout: float = 2.0, retries: int = 2) -> PtClient:
    return PtClient(base_url, timeout, retries)


class RealTriggerTableTest(unittest.TestCase):
    """The upstream client against a real HTTP server on 127.0.0.1 (or a closed port): the trigger is real."""

    def setUp(self) -> None:
        self.pt = PTServer()
        self.addCleanup(self.pt.close)

    def outcome(self, upstream: PtClient) -> ProxyError:
        with self.assertRaises(ProxyError) as caught:
            upstream.get(PDNS)
        return caught.exception

    ROWS = [
        # (trigger, scripted replies in order, expected status, code, upstream hits)
        ("400", [Reply(400, {"message": "query is required"})], 400, "bad_query", 1),
        ("401", [Reply(401, {"message": "invalid credentials"})], 401, "bad_credentials", 1),
        ("402", [Reply(402, {"message": "not licensed"})], 402, "not_licensed", 1),
        (
            "403 of 2016 quota",
            [Reply(403, {"error": {"http_code": 403, "message": "Quota exceeded", "developer_message": "daily"}})],
            429,
            "quota_exceeded",
            1,
        ),
        ("403 other", [Reply(403, {"message": "Forbidden"})], 403, "not_licensed", 1),
        ("404", [Reply(404, {"message": "not found"})], 404, "not_found", 1),
        ("429", [Reply(429, {"message": "quota_exceeded: search_api"})], 429, "quota_exceeded", 1),
        ("500 (not retried)", [Reply(500, {"message": "boom"})], 502, "upstream_error", 1),
        ("502 retried, then mapped", [Reply(502, HTML_PAGE)] * 3, 502, "upstream_unavailable", 3),
        ("503 retried, then mapped", [Reply(503, b"")] * 3, 502, "upstream_unavailable", 3),
        ("504 retried, then mapped", [Reply(504, b"")] * 3, 504, "upstream_timeout", 3),
        ("200 invalid JSON", [Reply(200, b'{"results": [')], 502, "upstream_malformed", 1),
        ("200 HTML page", [Reply(200, HTML_PAGE)], 502, "upstream_malformed", 1),
        ("200 bare value", [Reply(200, b"42")], 502, "upstream_malformed", 1),
        ("302 redirect elsewhere", [Reply(302, b"", {"Location": "https://elsewhere.example/"})], 502,
         "upstream_error", 1),
    ]

    def test_every_row(self) -> None:
        for trigger, replies, want_status, want_code, want_hits in self.ROWS:
            with self.subTest(trigger):
                self.pt.hits.clear()
                self.pt.queue = list(replies)
                error = self.outcome(client(self.pt.base_url))
                self.assertEqual((error.status, error.code), (want_status, want_code), error.text)
                self.assertEqual(len(self.pt.hits), want_hits)

    def test_503_then_success_is_an_answer(self) -> None:
        self.pt.queue = [Reply(503, b""), Reply(200, {"results": [1]})]
        answer = client(self.pt.base_url).get(PDNS)
        self.assertEqual(answer.data, {"results": [1]})
        self.assertEqual(len(self.pt.hits), 2)

    def test_retries_wait_with_growing_jittered_backoff(self) -> None:
        for jitter, expected in [(1.0, [0.5, 1.0]), (0.0, [0.25, 0.5]), (0.5, [0.375, 0.75])]:
            with self.subTest(jitter=jitter):
                waits: List[float] = []
                self.pt.queue = [Reply(503, b"")] * 3
                self.outcome(PtClient(self.pt.base_url, sleep=waits.append, jitter=lambda: jitter))
                self.assertEqual(waits, expected)

    def test_retry_after_lengthens_the_wait_or_ends_the_retries(self) -> None:
        waits: List[float] = []
        self.pt.queue = [Reply(503, b"", {"Retry-After": "3"}), Reply(200, {"results": []})]
        PtClient(self.pt.base_url, sleep=waits.append).get(PDNS)
        self.assertEqual(waits, [3.0])
        self.pt.hits.clear()
        self.pt.queue = [Reply(503, b"", {"Retry-After": "120"})] * 3
        error = self.outcome(PtClient(self.pt.base_url, sleep=waits.append))
        self.assertEqual((error.code, len(self.pt.hits)), ("upstream_unavailable", 1))
        later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 600))
        self.pt.hits.clear()
        self.pt.queue = [Reply(503, b"", {"Retry-After": later})] * 3
        self.outcome(PtClient(self.pt.base_url, sleep=waits.append))
        self.assertEqual(len(self.pt.hits), 1)

    def test_timeout_is_retried_once_only(self) -> None:
        release = threading.Event()
        self.addCleanup(release.set)
        self.pt.default = Reply(200, {}, wait=release)
        error = self.outcome(client(self.pt.base_url, timeout=0.3, retries=4))
        self.assertEqual((error.status, error.code), (504, "upstream_timeout"))
        self.assertEqual(len(self.pt.hits), 2)

    def test_connection_refused_is_retried_then_unavailable(self) -> None:
        error = self.outcome(client("http://127.0.0.1:%d/v2" % closed_port(), retries=1))
        self.assertEqual((error.status, error.code), (502, "upstream_unavailable"))
        self.assertIn("connection refused", error.text)
        self.assertIn("after 2 attempts", error.text)

    def test_no_retry_starts_after_the_deadline(self) -> None:
        clock = [1000.0]
        self.pt.queue = [Reply(503, b"")] * 5

        def sleep(seconds: float) -> None:
            clock[0] += seconds

        upstream = PtClient(self.pt.base_url, timeout=1, retries=5, deadline=1, sleep=sleep, clock=lambda: clock[0])
        self.outcome(upstream)
        # The first backoff (0.5 s) fits in the 1 s budget; the second (1 s) would end past it, so no third try.
        self.assertEqual(len(self.pt.hits), 2)

    def test_key_travels_only_in_the_authorization_header(self) -> None:
        client(self.pt.base_url).get(PDNS)
        path, params, authorization = self.pt.hits[0]
        self.assertEqual(path, "/v2/dns/passive")
        self.assertEqual(params, {"query": ["evil.example"]})
        self.assertTrue(authorization.startswith("Basic "))
        self.assertNotIn(API_KEY, json.dumps([path, params]))


class HandlerErrorTest(HandlerTest):
    """Error replies through the whole handler: envelope, code, reset time, our own bugs."""

    QUOTA = {
        "user": {
            "counts": {"search_api": 1000},
            "limits": {"search_api": 1000},
            "quotaInterval": "monthly",
            "next_reset": "2024-02-01 00:00:00",
        }
    }

    def test_quota_answer_names_the_reset_time_from_the_quota_endpoint(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(429, {"message": "quota_exceeded: search_api"})
        self.pt.routes["/v2/account/quota"] = Reply(200, self.QUOTA)
        message = self.assert_error(self.call(), 429, "quota_exceeded")
        self.assertEqual(message["resetAt"], "2024-02-01T00:00:00Z")
        self.assertIn("resets at 2024-02-01 00:00 UTC", message["text"])
        self.assertIn("1000 of 1000 lookups used this month", message["text"])

    def test_quota_answer_without_a_known_reset_time(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(429, {"message": "quota_exceeded"})
        self.pt.routes["/v2/account/quota"] = Reply(503, b"")
        message = self.assert_error(self.call(), 429, "quota_exceeded")
        self.assertNotIn("resetAt", message)
        self.assertNotIn("retryAfterSeconds", message)

    def test_retry_after_gives_the_reset_time(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(429, b"", {"Retry-After": "120"})
        message = self.assert_error(self.call(), 429, "quota_exceeded")
        self.assertRegex(message["resetAt"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertNotIn("/v2/account/quota", self.pt.hit_paths())

    def test_2016_quota_403_through_the_handler(self) -> None:
        self.pt.routes["/v2/whois"] = Reply(403, {"error": {"http_code": 403, "message": "Quota exceeded"}})
        self.pt.routes["/v2/account/quota"] = Reply(200, self.QUOTA)
        self.assert_error(self.call(path="pt/whois"), 429, "quota_exceeded")

    def test_not_configured(self) -> None:
        self.splunkd.passwords = []
        message = self.assert_error(self.call(), 503, "not_configured")
        self.assertIn("setup page", message["text"])
        self.assertEqual(self.pt.hits, [])

    def test_our_own_bug_is_a_500_without_traceback(self) -> None:
        def broken(*args: Any) -> Any:
            raise ZeroDivisionError("division by zero in our code")

        deps = pt_support.deps()
        deps.upstream = broken
        reply = pt_support.service.handle_request(pt_support.request(), deps)
        message = self.assert_error(reply, 500, "internal")
        self.assertNotIn("ZeroDivisionError", message["text"])
        self.assertNotIn("File ", message["text"])
        self.assertIn("incident", message["text"])
        self.assertIn("ZeroDivisionError", pt_support.log_text())

    def test_a_request_that_is_not_json_is_an_internal_error(self) -> None:
        reply = pt_support.service.handle_request(b"{not json", pt_support.deps())
        self.assert_error(reply, 500, "internal")

    def test_without_system_token_the_endpoint_says_it_is_misconfigured(self) -> None:
        message = self.assert_error(self.call(system_token=None), 500, "internal")
        self.assertIn("passSystemAuth", message["text"])


if __name__ == "__main__":
    unittest.main()
