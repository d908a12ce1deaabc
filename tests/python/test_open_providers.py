"""The open providers through the handler: envelope, cache per provider, own rate limit, keys, every failure kind."""

import http.server
import json
import threading
import unittest
from typing import Any, Dict, List, Optional, Tuple

import pt_support
from open_support import KEYS, OTX_KEY, OpenHandlerTest, Sent, NetReply, net
from pt_support import ADMIN_TOKEN

from passivetotal_app import profiles, service
from passivetotal_app.model import iso_utc

CRTSH = "https://crt.sh/?q=example.com&output=json&exclude=expired&deduplicate=Y"
CRTSH_ROWS = [
    {"issuer_ca_id": 295815, "issuer_name": "C=US, O=Example Trust, CN=Example CA R1", "common_name": "example.com",
     "name_value": "example.com\nwww.example.com", "id": 12000000001, "entry_timestamp": "2026-01-10T08:15:02.311",
     "not_before": "2026-01-10T07:15:01", "not_after": "2026-04-10T07:15:00",
     "serial_number": "04a1b2c3d4e5f60718293a4b5c6d7e8f9a0b", "result_count": 2}
]
MNEMONIC = "https://api.mnemonic.no/pdns/v3/%s?limit=1000"
OTX_GENERAL = "https://otx.alienvault.com/api/v1/indicators/domain/example.com/general"
CERTSPOTTER = ("https://api.certspotter.com/v1/issuances?domain=example.com&include_subdomains=true"
               "&expand=dns_names&expand=issuer")
INTERNETDB = "https://internetdb.shodan.io/198.51.100.7"
CIRCL = "https://www.circl.lu/pdns/query/www.example.com"
URLHAUS = "https://urlhaus-api.abuse.ch/v1/host/"
THREATFOX = "https://threatfox-api.abuse.ch/api/v1/"
HTML = b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"


class EnvelopeAndCacheTest(OpenHandlerTest):
    def test_the_success_envelope_is_the_pt_one_with_the_provider(self) -> None:
        self.net.replies[CRTSH] = net(200, CRTSH_ROWS)
        payload = self.open("crtsh", "certificates")["payload"]
        self.assertEqual(payload, {
            "data": CRTSH_ROWS,
            "cached": False,
            "fetchedAt": iso_utc(self.now),
            "expiresAt": iso_utc(self.now + 21600),
            "provider": "crtsh",
            "dataset": "certificates",
            "endpoint": "crtsh/certificates",
        })

    def test_answers_are_cached_per_provider_ttl_under_the_provider_prefix(self) -> None:
        self.net.replies[CRTSH] = net(200, CRTSH_ROWS)
        self.splunkd.conf["provider:crtsh"] = {"ttl_seconds": "60"}
        first = self.open("crtsh", "certificates")["payload"]
        self.now += 30
        second = self.open("crtsh", "certificates")["payload"]
        self.assertEqual((first["cached"], second["cached"]), (False, True))
        self.assertEqual(second["data"], CRTSH_ROWS)
        self.assertEqual(second["expiresAt"], iso_utc(self.now - 30 + 60))
        self.assertEqual(len(self.net.sent), 1)
        keys = list(self.splunkd.kv)
        self.assertEqual(len(keys), 1)
        self.assertTrue(keys[0].startswith("open:crtsh:"), keys)
        self.assertRegex(keys[0], r"^open:crtsh:[0-9a-f]{64}$")
        doc = self.splunkd.kv[keys[0]]
        self.assertEqual((doc["provider"], doc["endpoint"], doc["dataset"]),
                         ("open:crtsh https://crt.sh", "crtsh/certificates", "certificates"))
        self.assertEqual(json.loads(doc["params"]), [["q", "example.com"]])
        self.now += 31
        self.assertIs(self.open("crtsh", "certificates")["payload"]["cached"], False)
        self.assertEqual(len(self.net.sent), 2)

    def test_each_provider_and_value_has_its_own_entry(self) -> None:
        self.net.replies[CRTSH] = net(200, CRTSH_ROWS)
        self.net.replies[CRTSH.replace("q=", "q=%25.")] = net(200, [])
        self.net.replies[MNEMONIC % "example.com"] = net(200, {"data": [], "count": 0})
        self.net.replies[MNEMONIC % "example.org"] = net(200, {"data": [], "count": 0})
        self.open("crtsh", "certificates")
        self.open("crtsh", "subdomains")
        self.open("mnemonic", "resolutions")
        self.open("mnemonic", "resolutions", "example.org")
        self.assertEqual(sorted(k.split(":")[1] for k in self.splunkd.kv), ["crtsh", "crtsh", "mnemonic", "mnemonic"])
        self.assertEqual(len(self.net.sent), 4)
        self.assertTrue(all(self.open("mnemonic", "resolutions")["payload"]["cached"] for _ in range(2)))

    def test_a_ttl_of_0_or_a_disabled_cache_stores_nothing(self) -> None:
        self.net.replies[CRTSH] = net(200, CRTSH_ROWS)
        self.splunkd.conf["provider:crtsh"] = {"ttl_seconds": "0"}
        payloads = [self.open("crtsh", "certificates")["payload"] for _ in range(2)]
        self.assertEqual([p["cached"] for p in payloads], [False, False])
        self.assertNotIn("expiresAt", payloads[0])
        self.splunkd.conf["provider:crtsh"] = {}
        self.splunkd.conf["cache"] = {"enabled": "false"}
        self.open("crtsh", "certificates")
        self.assertEqual(self.splunkd.kv, {})
        self.assertEqual(len(self.net.sent), 3)

    def test_a_changed_base_url_is_another_cache_entry(self) -> None:
        self.net.replies[CRTSH] = net(200, CRTSH_ROWS)
        self.net.replies["https://crt.mirror.example/?q=example.com&output=json&exclude=expired&deduplicate=Y"] = \
            net(200, [])
        self.open("crtsh", "certificates")
        self.splunkd.conf["provider:crtsh"] = {"base_url": "https://crt.mirror.example/"}
        payload = self.open("crtsh", "certificates")["payload"]
        self.assertEqual((payload["cached"], payload["data"]), (False, []))

    def test_a_cache_hit_needs_neither_the_key_nor_a_slot_of_the_rate_limit(self) -> None:
        self.net.replies[OTX_GENERAL] = net(200, {"pulse_info": {"count": 0}})
        self.splunkd.conf["provider:otx"] = {"rate_limit_per_minute": "1"}
        self.open("otx", "general")
        self.drop_key("otx")
        calls = self.splunkd.count("GET", "storage/passwords")
        payload = self.open("otx", "general")["payload"]
        self.assertIs(payload["cached"], True)
        self.assertEqual(self.splunkd.count("GET", "storage/passwords"), calls)


class RateLimitTest(OpenHandlerTest):
    def test_the_own_limit_answers_429_naming_the_provider(self) -> None:
        self.splunkd.conf["provider:mnemonic"] = {"rate_limit_per_minute": "4"}
        for name in ("a", "b", "c", "d", "e", "f"):
            self.net.replies[MNEMONIC % ("%s.example.com" % name)] = net(200, {"data": [], "count": 0})
        self.assertEqual(self.open("mnemonic", "resolutions", "a.example.com")["status"], 200)
        self.now += 10
        self.assertEqual(self.open("mnemonic", "resolutions", "b.example.com")["status"], 200)
        self.assertEqual(self.open("mnemonic", "resolutions", "c.example.com", token=ADMIN_TOKEN)["status"], 200)
        self.assertEqual(self.open("mnemonic", "resolutions", "d.example.com", token=ADMIN_TOKEN)["status"], 200)
        message = self.assert_error(self.open("mnemonic", "resolutions", "e.example.com"), 429, "rate_limited")
        self.assertIn("mnemonic PassiveDNS", message["text"])
        self.assertIn("at most 4 requests a minute from this Splunk process, 2 of them for one user", message["text"])
        self.assertEqual(message["provider"], "mnemonic")
        self.assertEqual(message["resetAt"], iso_utc(self.now + 51))
        self.assertIn("Try again after", message["text"])
        self.assertEqual(len(self.net.sent), 4)
        # A cached answer is still served, and other providers have their own count.
        self.assertIs(self.open("mnemonic", "resolutions", "a.example.com")["payload"]["cached"], True)
        self.net.replies[CRTSH] = net(200, [])
        self.assertEqual(self.open("crtsh", "certificates")["status"], 200)
        self.now += 51
        self.assertEqual(self.open("mnemonic", "resolutions", "e.example.com")["status"], 200)

    def test_one_users_burst_leaves_the_others_their_share(self) -> None:
        # crt.sh's default: 5 a minute. The analyst's five lookups in a row get three; the administrator's next
        # lookup is answered, not refused.
        self.splunkd.conf["provider:crtsh"] = {"ttl_seconds": "0"}
        self.net.replies[CRTSH] = net(200, [])
        statuses = [self.open("crtsh", "certificates")["status"] for _ in range(5)]
        self.assertEqual(statuses, [200, 200, 200, 429, 429])
        self.assertEqual(self.open("crtsh", "certificates", token=ADMIN_TOKEN)["status"], 200)
        self.assertEqual(len(self.net.sent), 4)

    def test_a_turn_a_few_seconds_away_is_waited_for(self) -> None:
        self.splunkd.conf["provider:crtsh"] = {"ttl_seconds": "0", "rate_limit_per_minute": "2"}
        self.net.replies[CRTSH] = net(200, [])
        slept: List[float] = []

        def sleep(seconds: float) -> None:
            slept.append(seconds)
            self.now += seconds

        deps = service.Deps(sleep=sleep, clock=self.clock, upstream=self.net)
        ask = pt_support.request(path="open/crtsh/certificates", query=[("q", "example.com")])
        self.assertEqual(service.handle_request(ask, deps)["status"], 200)
        self.now += 58  # the analyst's one lookup of the minute leaves the window in 2 seconds
        self.assertEqual(service.handle_request(ask, deps)["status"], 200)
        self.assertEqual(len(slept), 1)
        self.assertAlmostEqual(slept[0], 2.01, places=3)
        # A turn further away than 3 seconds is refused at once.
        self.now += 30
        self.assertEqual(service.handle_request(ask, deps)["status"], 429)
        self.assertEqual(len(slept), 1)

    def test_zero_means_no_own_limit(self) -> None:
        self.splunkd.conf["provider:crtsh"] = {"rate_limit_per_minute": "0", "ttl_seconds": "0"}
        self.net.replies[CRTSH] = net(200, [])
        self.assertEqual([self.open("crtsh", "certificates")["status"] for _ in range(8)], [200] * 8)


class KeysTest(OpenHandlerTest):
    def test_a_missing_required_key_names_the_provider_and_the_setup_page(self) -> None:
        for provider, operation in [("otx", "general"), ("urlhaus", "host"), ("threatfox", "search"),
                                    ("circl", "resolutions")]:
            self.drop_key(provider)
            with self.subTest(provider=provider):
                message = self.assert_error(self.open(provider, operation), 503, "not_configured")
                profile = profiles.PROFILES[provider]
                wanted = "username and password" if provider == "circl" else "API key"
                self.assertEqual(
                    message["text"],
                    "%s is not configured: an administrator has to enter the %s %s on the app's setup page."
                    % (profile.label, profile.label, wanted),
                )
                self.assertEqual((message["provider"], message["reason"]), (provider, "key_missing"))
        self.assertEqual(self.net.sent, [])

    def test_an_optional_key_is_sent_when_stored_and_left_out_otherwise(self) -> None:
        self.net.replies[CERTSPOTTER] = net(200, [])
        self.open("certspotter", "issuances")
        self.assertTrue(self.net.sent[-1].headers["Authorization"] == "Bearer " + KEYS["certspotter"][1])
        self.drop_key("certspotter")
        self.splunkd.conf["provider:certspotter"] = {"ttl_seconds": "0"}
        self.assertEqual(self.open("certspotter", "issuances")["status"], 200)
        self.assertNotIn("Authorization", self.net.sent[-1].headers)

    def test_keyless_providers_never_read_storage_passwords(self) -> None:
        self.net.replies[CRTSH] = net(200, [])
        self.net.replies[INTERNETDB] = net(200, {"ip": "198.51.100.7", "ports": []})
        before = self.splunkd.count("GET", "storage/passwords")
        self.open("crtsh", "certificates")
        self.open("internetdb", "host", "198.51.100.7")
        self.assertEqual(self.splunkd.count("GET", "storage/passwords"), before)
        for sent in self.net.sent:
            self.assertEqual(set(sent.headers), {"Accept", "User-Agent"})

    def test_the_key_is_in_no_reply_no_log_line_and_no_url(self) -> None:
        echo = ("bad key %s" % OTX_KEY).encode()
        self.net.replies[OTX_GENERAL] = [
            net(200, {"indicator": "example.com", "echo": OTX_KEY}),
        ]
        replies = [self.open("otx", "general"), self.open("otx", "general")]
        self.assertEqual(replies[0]["payload"]["data"]["echo"], "********")
        self.splunkd.conf["provider:otx"] = {"ttl_seconds": "0"}
        for status, body in [(403, {"detail": "Authentication failed for key %s" % OTX_KEY}), (400, echo),
                             (500, echo), (429, {"message": OTX_KEY}), (200, echo)]:
            self.net.replies[OTX_GENERAL] = net(status, body)
            replies.append(self.open("otx", "general"))
        replies.append(self.open("otx", "general", OTX_KEY))  # the key as a value: refused, never echoed
        replies.append(self.call(path="status", query=[], token=ADMIN_TOKEN))
        replies.append(self.call(path="setup", query=[], token=ADMIN_TOKEN))
        self.net.replies["https://otx.alienvault.com/api/v1/indicators/domain/example.com/general"] = net(200, {})
        replies.append(self.call(path="check", query=[("provider", "otx")]))
        self.assert_no_secret(*[json.dumps(r) for r in replies])
        self.assert_no_secret(pt_support.log_text())
        self.assert_no_secret(*[s.url for s in self.net.sent])


class FailureTableTest(OpenHandlerTest):
    """Each row: the real trigger, what the provider answered, and the status and code the browser gets."""

    ROWS: List[Tuple[str, str, str, str, Optional[str], int, Any, Dict[str, str], int, str, str]] = [
        # (trigger, provider, operation, URL, key dropped?, upstream status, body, headers, status, code, words)
        ("mnemonic resource limit without a key", "mnemonic", "resolutions", MNEMONIC % "example.com", "mnemonic",
         402, {"responseCode": 402, "messages": [{"message": "Resource limit exceeded"}]}, {}, 429,
         "quota_exceeded", "The mnemonic PassiveDNS query quota is used up (HTTP 402): Resource limit exceeded. "
         "An API key raises it"),
        ("mnemonic resource limit with a key", "mnemonic", "resolutions", MNEMONIC % "example.com", None, 402, {},
         {}, 429, "quota_exceeded", "The mnemonic PassiveDNS query quota is used up (HTTP 402)."),
        ("crt.sh throttling", "crtsh", "certificates", CRTSH, None, 429, b"", {"Retry-After": "30"}, 429,
         "rate_limited", "crt.sh is limiting the app's requests (HTTP 429); try again later."),
        ("OTX refusing the key", "otx", "general", OTX_GENERAL, None, 403, {"detail": "Authentication required"}, {},
         401, "bad_credentials", "AlienVault OTX refused the API key (HTTP 403). An administrator can enter a valid "
         "API key on the app's setup page."),
        ("Cert Spotter wanting a key", "certspotter", "issuances", CERTSPOTTER, "certspotter", 401, {}, {}, 401,
         "bad_credentials", "Cert Spotter refused a request without an API key (HTTP 401)"),
        ("InternetDB blocking the address", "internetdb", "host", INTERNETDB, None, 403, b"", {}, 502,
         "upstream_error", "Shodan InternetDB answered host attributes with HTTP 403"),
        ("crt.sh overloaded on every attempt", "crtsh", "certificates", CRTSH, None, 502, HTML, {}, 502,
         "upstream_unavailable", "crt.sh is unavailable (HTTP 502 (an HTML error page)) after 3 attempts"),
        ("crt.sh statement timeout", "crtsh", "certificates", CRTSH, None, 500, b"ERROR: canceling statement", {},
         502, "upstream_error", "crt.sh failed with HTTP 500: ERROR: canceling statement"),
        ("gateway timeout", "crtsh", "certificates", CRTSH, None, 504, HTML, {}, 504, "upstream_timeout",
         "crt.sh's gateway timed out"),
        ("crt.sh error page with 200", "crtsh", "certificates", CRTSH, None, 200, HTML, {}, 502,
         "upstream_malformed", "crt.sh answered certificates with an HTML page instead of JSON"),
        ("a bare JSON value", "crtsh", "certificates", CRTSH, None, 200, b"42", {}, 502, "upstream_malformed",
         "a bare JSON value"),
        ("OTX bad request", "otx", "general", OTX_GENERAL, None, 400, {"detail": "Invalid indicator"}, {}, 400,
         "bad_query", "AlienVault OTX refused the query for pulses and tags (HTTP 400): Invalid indicator"),
        ("OTX unknown", "otx", "general", OTX_GENERAL, None, 404, {}, {}, 404, "not_found",
         "AlienVault OTX has no pulses and tags for this query (HTTP 404)"),
        ("a redirect", "crtsh", "certificates", CRTSH, None, 301, b"", {"Location": "https://evil.example/"}, 502,
         "upstream_error", "crt.sh answered with a redirect (HTTP 301), which the app does not follow"),
        ("URLhaus unknown Auth-Key", "urlhaus", "host", URLHAUS, None, 401, {"query_status": "unknown_auth_key"},
         {}, 401, "bad_credentials", "URLhaus refused the API key (HTTP 401)."),
        ("InternetDB 404 as an HTML page", "internetdb", "host", INTERNETDB, None, 404, HTML, {}, 404, "not_found",
         "Shodan InternetDB has no host attributes"),
    ]

    def test_rows(self) -> None:
        for trigger, provider, operation, url, drop, status, body, headers, want, code, words in self.ROWS:
            with self.subTest(trigger=trigger):
                pt_support.fresh_state()
                if drop:
                    self.drop_key(drop)
                self.net.replies[url] = net(status, body, headers)
                q = "198.51.100.7" if provider == "internetdb" else "example.com"
                message = self.assert_error(self.open(provider, operation, q), want, code)
                self.assertIn(words, message["text"])
                self.assertEqual(message["provider"], provider)
                if drop:
                    username, key = KEYS[drop]
                    self.store_key(drop, username, key)
        rate = [r for r in self.ROWS if r[9] == "rate_limited"]
        self.assertTrue(rate)

    def test_retry_after_becomes_reset_at(self) -> None:
        self.net.replies[CRTSH] = net(429, b"", {"Retry-After": "30"})
        message = self.assert_error(self.open("crtsh", "certificates"), 429, "rate_limited")
        self.assertEqual(message["resetAt"], iso_utc(self.now + 30))
        self.assertNotIn("retryAfterSeconds", message)

    def test_a_502_then_a_200_is_retried(self) -> None:
        self.net.replies[CRTSH] = [net(502, HTML), net(200, CRTSH_ROWS)]
        payload = self.open("crtsh", "certificates")["payload"]
        self.assertEqual(payload["data"], CRTSH_ROWS)
        self.assertEqual(len(self.net.sent), 2)

    def test_4xx_is_never_retried(self) -> None:
        self.net.replies[OTX_GENERAL] = net(403, {})
        self.open("otx", "general")
        self.assertEqual(len(self.net.sent), 1)

    def test_timeout_and_unreachable(self) -> None:
        self.net.replies[CRTSH] = NetReply(failure="timeout")
        message = self.assert_error(self.open("crtsh", "certificates"), 504, "upstream_timeout")
        self.assertIn("crt.sh did not answer within 28 seconds (2 attempts)", message["text"])
        self.assertIn("timeout_seconds of [provider:crtsh]", message["text"])
        self.assertEqual(len(self.net.sent), 2)  # a timeout is retried once
        self.assertEqual(self.net.sent[0].timeout, 28)
        del self.net.replies[CRTSH]
        message = self.assert_error(self.open("crtsh", "certificates"), 502, "upstream_unavailable")
        self.assertIn("crt.sh could not be reached at crt.sh after 3 attempts", message["text"])

    def test_invalid_or_disabled_providers_are_not_asked(self) -> None:
        self.splunkd.conf["provider:crtsh"] = {"enabled": "false"}
        message = self.assert_error(self.open("crtsh", "certificates"), 503, "not_configured")
        self.assertEqual(message["text"], "crt.sh is turned off in the app's settings; an administrator can turn it "
                                          "on on the app's setup page.")
        self.assertEqual(message["reason"], "disabled")
        self.splunkd.conf["provider:crtsh"] = {"base_url": "http://crt.sh"}
        message = self.assert_error(self.open("crtsh", "certificates"), 503, "not_configured")
        self.assertIn("The settings of crt.sh are invalid: base_url must use https", message["text"])
        self.assertEqual((message["reason"], message["provider"]), ("invalid_settings", "crtsh"))
        self.assertEqual(self.net.sent, [])


class AnswerShapesTest(OpenHandlerTest):
    def test_circl_ndjson_is_wrapped_as_text(self) -> None:
        text = ('{"rrname":"www.example.com","rrtype":"A","rdata":["192.0.2.10"],"time_first":1704067200,'
                '"time_last":1735689600,"count":412}\n{"rrname":"www.example.com","rrtype":"CNAME",'
                '"rdata":"edge.cdn.example.net.","time_first":1672531200,"time_last":1704000000}\nnot json\n')
        self.net.replies[CIRCL] = net(200, text.encode())
        first = self.open("circl", "resolutions", "www.example.com")["payload"]
        second = self.open("circl", "resolutions", "www.example.com")["payload"]
        self.assertEqual(first["data"], {"ndjson": text})
        self.assertEqual((second["data"], second["cached"]), ({"ndjson": text}, True))
        self.assertEqual(first["dataset"], "resolutions")

    def test_circl_empty_and_html(self) -> None:
        self.net.replies[CIRCL] = net(200, b"")
        self.assertEqual(self.open("circl", "resolutions", "www.example.com")["payload"]["data"], {"ndjson": ""})
        self.net.replies["https://www.circl.lu/pdns/query/example.org"] = net(200, HTML)
        self.assert_error(self.open("circl", "resolutions", "example.org"), 502, "upstream_malformed")

    def test_internetdb_404_no_information_is_an_answer(self) -> None:
        self.net.replies[INTERNETDB] = net(404, {"detail": "No information available"})
        reply = self.open("internetdb", "host", "198.51.100.7")
        self.assertEqual(reply["status"], 200)
        self.assertEqual(reply["payload"]["data"], {"detail": "No information available"})
        self.assertEqual(reply["payload"]["provider"], "internetdb")
        self.assertEqual(reply["payload"]["dataset"], "host_attributes")

    def test_abuse_ch_no_result_bodies_pass_through(self) -> None:
        self.net.replies[URLHAUS] = net(200, {"query_status": "no_results"})
        self.net.replies[THREATFOX] = net(200, {"query_status": "no_result", "data": "Your search did not yield any "
                                                "results"})
        self.assertEqual(self.open("urlhaus", "host")["payload"]["data"], {"query_status": "no_results"})
        self.assertEqual(self.open("threatfox", "search")["payload"]["data"]["query_status"], "no_result")


class RealHttpTest(OpenHandlerTest):
    """The urllib exchange against a local server: the same requests, as a server receives them."""

    def setUp(self) -> None:
        super().setUp()
        self.received: List[Tuple[str, str, Dict[str, str], bytes]] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                owner.received.append((self.command, self.path, dict(self.headers.items()), body))
                if self.path.startswith("/internetdb/"):
                    status, reply = 404, b'{"detail":"No information available"}'
                elif self.path.startswith("/redirect/"):
                    status, reply = 302, b""
                else:
                    status, reply = 200, b'{"query_status":"ok","urls":[]}'
                self.send_response(status)
                if status == 302:
                    self.send_header("Location", "https://elsewhere.example/")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_GET = do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.origin = "http://127.0.0.1:%d" % server.server_address[1]
        for provider in ("urlhaus", "internetdb", "crtsh"):
            self.splunkd.conf["provider:" + provider] = {"base_url": "%s/%s" % (self.origin, provider),
                                                         "key_host": pt_support.host_of(self.origin)}

    def deps(self) -> service.Deps:
        return service.Deps(sleep=pt_support.no_sleep, clock=self.clock)  # the real urllib exchange

    def test_a_form_post_with_its_key_header(self) -> None:
        payload = self.open("urlhaus", "host", "evil.example")["payload"]
        self.assertEqual(payload["data"], {"query_status": "ok", "urls": []})
        method, path, headers, body = self.received[0]
        self.assertEqual((method, path, body), ("POST", "/urlhaus/v1/host/", b"host=evil.example"))
        self.assertEqual(headers["Content-Type"], "application/x-www-form-urlencoded")
        self.assertTrue(headers["Auth-Key"] == KEYS["urlhaus"][1])

    def test_internetdb_no_information_and_redirects_not_followed(self) -> None:
        self.assertEqual(self.open("internetdb", "host", "192.0.2.1")["status"], 200)
        self.assertEqual(self.received[-1][:2], ("GET", "/internetdb/192.0.2.1"))
        self.splunkd.conf["provider:crtsh"] = {"base_url": "%s/redirect" % self.origin}
        message = self.assert_error(self.open("crtsh", "certificates"), 502, "upstream_error")
        self.assertIn("redirect (HTTP 302)", message["text"])
        self.assertEqual(len(self.received), 2)


class CoalescingTest(OpenHandlerTest):
    def test_identical_lookups_in_flight_ask_the_provider_once(self) -> None:
        entered = threading.Event()
        release = threading.Event()

        def slow(sent: Sent) -> NetReply:
            entered.set()
            release.wait(5)
            return net(200, CRTSH_ROWS)

        self.net.replies[CRTSH] = slow
        replies: List[Dict[str, Any]] = []
        first = threading.Thread(target=lambda: replies.append(self.open("crtsh", "certificates")))
        first.start()
        self.assertTrue(entered.wait(5))
        second = threading.Thread(target=lambda: replies.append(self.open("crtsh", "certificates")))
        second.start()
        followed = False
        for _ in range(500):
            followed = any(pt_support.coalescing.followers_waiting(k) for k in list(pt_support.coalescing._flights))
            if followed:
                break
            threading.Event().wait(0.01)
        release.set()
        self.assertTrue(followed, "the second lookup waited for the first")
        first.join(5)
        second.join(5)
        self.assertEqual([r["status"] for r in replies], [200, 200])
        self.assertEqual(len(self.net.sent), 1)


class RateLimiterTest(unittest.TestCase):
    def test_a_sliding_minute_per_key(self) -> None:
        from passivetotal_app.ratelimit import RateLimiter

        limiter = RateLimiter()
        self.assertIsNone(limiter.acquire("a", 2, 100.0, "ann"))
        self.assertIsNone(limiter.acquire("a", 2, 130.0, "bob"))
        self.assertEqual(limiter.acquire("a", 2, 150.0, "cat"), 10.0)
        self.assertIsNone(limiter.acquire("b", 2, 150.0, "ann"))
        self.assertIsNone(limiter.acquire("a", 2, 160.0, "cat"))  # ann's one left the window
        self.assertEqual(limiter.acquire("a", 2, 161.0, "ann"), 29.0)
        self.assertIsNone(limiter.acquire("a", 0, 161.0, "ann"))

    def test_one_user_holds_at_most_half_of_the_window(self) -> None:
        from passivetotal_app.ratelimit import RateLimiter, user_share

        self.assertEqual([user_share(n) for n in (1, 2, 5, 10, 30)], [1, 1, 3, 5, 15])
        limiter = RateLimiter()
        self.assertEqual([limiter.acquire("crtsh", 5, 100.0 + i, "ann") for i in range(3)], [None] * 3)
        self.assertEqual(limiter.acquire("crtsh", 5, 110.0, "ann"), 50.0)
        self.assertIsNone(limiter.acquire("crtsh", 5, 110.0, "bob"))
        self.assertIsNone(limiter.acquire("crtsh", 5, 111.0, "cat"))
        # The window is full now: everyone waits for the oldest lookup to leave it.
        self.assertEqual(limiter.acquire("crtsh", 5, 112.0, "dan"), 48.0)


class SentRequestsAreRecorded(unittest.TestCase):
    def test_the_fake_transport_fails_unscripted_urls(self) -> None:
        from open_support import FakeTransport

        from passivetotal_app.transport import Limits, Request, TransportFailure

        transport = FakeTransport()
        with self.assertRaises(TransportFailure) as caught:
            transport(Request("GET", "https://nowhere.example/", ()), Limits(1.0, 1.0, 5.0, 100))
        self.assertEqual(caught.exception.kind, "connection")
        self.assertEqual(transport.sent, [Sent("GET", "https://nowhere.example/", {}, None, 1.0)])


if __name__ == "__main__":
    unittest.main()
