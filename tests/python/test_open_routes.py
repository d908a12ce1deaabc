"""The open providers' allow-list: every operation builds exactly one fixed request, and everything else is refused.

Each row of ALLOW_LIST names the route a browser may call and the exact request that leaves the app for it
(method, URL, headers with the key shown as <provider>, body). Keys are compared, never printed.
"""

import base64
import json
import unittest
from typing import Dict, List, Optional, Tuple

from open_support import CIRCL_PASSWORD, CIRCL_USER, KEYS, OpenHandlerTest, masked, net

from passivetotal_app import templates, values
from passivetotal_app.credentials import Credential, Secret
from passivetotal_app.errors import ProxyError
from passivetotal_app.model import Query
from passivetotal_app.profiles import OPEN_IDS, PROFILES, Operation
from passivetotal_app.templates import USER_AGENT
from passivetotal_app.transport import Request
from passivetotal_app.validation import open_operation, validate

OPERATIONS = {pid: PROFILES[pid].operations for pid in OPEN_IDS}


def validate_open(rest: str, pairs: List[Tuple[str, str]]) -> Query:
    return validate(open_operation(rest), pairs)


def build_request(row: Operation, base_url: str, value: str, credential: Optional[Credential]) -> Request:
    return templates.build(PROFILES[row.provider], row, base_url, (("q", value),), credential)


JSON = {"Accept": "application/json"}

# (provider, operation, q as the browser gives it, method, URL, headers (keys masked), body)
ALLOW_LIST: List[Tuple[str, str, str, str, str, Dict[str, str], Optional[bytes]]] = [
    ("crtsh", "certificates", "Example.COM.", "GET",
     "https://crt.sh/?q=example.com&output=json&exclude=expired&deduplicate=Y", JSON, None),
    ("crtsh", "subdomains", "example.com", "GET",
     "https://crt.sh/?q=%25.example.com&output=json&exclude=expired&deduplicate=Y", JSON, None),
    ("certspotter", "issuances", "login.example.com", "GET",
     "https://api.certspotter.com/v1/issuances?domain=login.example.com&include_subdomains=true"
     "&expand=dns_names&expand=issuer",
     dict(JSON, Authorization="Bearer <certspotter>"), None),
    ("mnemonic", "resolutions", "www.example.com", "GET", "https://api.mnemonic.no/pdns/v3/www.example.com?limit=1000",
     dict(JSON, **{"Argus-API-Key": "<mnemonic>"}), None),
    ("mnemonic", "resolutions", "198.51.100.7", "GET", "https://api.mnemonic.no/pdns/v3/198.51.100.7?limit=1000",
     dict(JSON, **{"Argus-API-Key": "<mnemonic>"}), None),
    ("otx", "passive_dns", "example.com", "GET",
     "https://otx.alienvault.com/api/v1/indicators/domain/example.com/passive_dns",
     dict(JSON, **{"X-OTX-API-KEY": "<otx>"}), None),
    ("otx", "passive_dns", "198.51.100.7", "GET",
     "https://otx.alienvault.com/api/v1/indicators/IPv4/198.51.100.7/passive_dns",
     dict(JSON, **{"X-OTX-API-KEY": "<otx>"}), None),
    ("otx", "general", "2001:DB8:0::1", "GET",
     "https://otx.alienvault.com/api/v1/indicators/IPv6/2001:db8::1/general",
     dict(JSON, **{"X-OTX-API-KEY": "<otx>"}), None),
    ("otx", "general", "www.example.com", "GET",
     "https://otx.alienvault.com/api/v1/indicators/domain/www.example.com/general",
     dict(JSON, **{"X-OTX-API-KEY": "<otx>"}), None),
    ("circl", "resolutions", "www.example.com", "GET", "https://www.circl.lu/pdns/query/www.example.com",
     {"Accept": "application/x-ndjson, application/json", "Authorization": "Basic <circl>"}, None),
    ("urlhaus", "host", "example.com", "POST", "https://urlhaus-api.abuse.ch/v1/host/",
     dict(JSON, **{"Content-Type": "application/x-www-form-urlencoded", "Auth-Key": "<urlhaus>"}),
     b"host=example.com"),
    ("threatfox", "search", "198.51.100.7", "POST", "https://threatfox-api.abuse.ch/api/v1/",
     dict(JSON, **{"Content-Type": "application/json", "Auth-Key": "<threatfox>"}),
     b'{"query":"search_ioc","search_term":"198.51.100.7"}'),
    ("internetdb", "host", "198.51.100.7", "GET", "https://internetdb.shodan.io/198.51.100.7", JSON, None),
]


def refusal(rest: str, pairs: List[Tuple[str, str]]) -> ProxyError:
    try:
        validate_open(rest, pairs)
    except ProxyError as error:
        return error
    raise AssertionError("not refused: %s %r" % (rest, pairs))


class TableTest(unittest.TestCase):
    def test_every_operation_has_a_row_and_rdap_its_own_tests(self) -> None:
        covered = {(p, o) for p, o, *_ in ALLOW_LIST} | {("rdap", o) for o in ("domain", "ip", "autnum")}
        self.assertEqual(covered, {(p, o) for p, ops in OPERATIONS.items() for o in ops})
        self.assertEqual(list(OPERATIONS), list(OPEN_IDS))

    def test_each_provider_fills_the_datasets_of_its_operations(self) -> None:
        for provider, ops in OPERATIONS.items():
            with self.subTest(provider=provider):
                self.assertEqual({o.dataset for o in ops.values()}, set(PROFILES[provider].groups()))

    def test_build_request_shows_no_key(self) -> None:
        row = OPERATIONS["otx"]["general"]
        request = build_request(row, "https://otx.example", "example.com", Credential("key", Secret(KEYS["otx"][1])))
        self.assertNotIn(KEYS["otx"][1], repr(request))
        self.assertNotIn(KEYS["otx"][1], json.dumps(request.shown_headers()))
        self.assertEqual(request.shown_headers()["X-OTX-API-KEY"], "********")
        self.assertTrue(dict(request.revealed_headers())["X-OTX-API-KEY"] == KEYS["otx"][1])

    def test_a_configured_base_url_is_the_prefix_of_every_url(self) -> None:
        for provider, operation, q, _, url, _, _ in ALLOW_LIST:
            row = OPERATIONS[provider][operation]
            value = dict(validate_open("%s/%s" % (provider, operation), [("q", q)]).params)["q"]
            built = build_request(row, "http://127.0.0.1:9/%s/" % provider, value, None)
            default = PROFILES[provider].base_url
            with self.subTest(provider=provider, operation=operation):
                self.assertEqual(built.url, "http://127.0.0.1:9/%s" % provider + url[len(default):])


class ValidationTest(unittest.TestCase):
    def test_values_are_normalised(self) -> None:
        def value(rest: str, q: str) -> str:
            return dict(validate_open(rest, [("q", q)]).params)["q"]

        self.assertEqual(value("crtsh/certificates", "WWW.Example.com."), "www.example.com")
        self.assertEqual(value("internetdb/host", "2001:DB8::0:1"), "2001:db8::1")
        self.assertEqual(value("rdap/autnum", "AS64500"), "64500")
        self.assertEqual(value("rdap/autnum", "as0"), "0")
        found = validate_open("otx/general", [("q", "example.com"), ("output_mode", "json")])
        self.assertEqual(found.path, "otx/general")
        self.assertEqual(found.params, (("q", "example.com"),))
        self.assertEqual(found.dataset, "reputation")
        self.assertEqual(open_operation("otx/general").provider, "otx")

    def test_autnum(self) -> None:
        self.assertEqual(values.autnum("4294967295"), "4294967295")
        for bad in ["AS", "AS-1", "4294967296", "AS64500x", "AS 1", "ASN1", "-1", "1.5"]:
            with self.subTest(bad=bad):
                with self.assertRaises(values.Refusal):
                    values.autnum(bad)

    def test_unknown_providers_operations_and_paths(self) -> None:
        rows = [
            ("", "no provider was given"),
            ("nope/x", "provider 'nope' is not an open data provider (providers: rdap, crtsh"),
            ("crtsh/nope", "operation 'nope' is not an operation of crtsh (operations: certificates, subdomains)"),
            ("crtsh", "operation '' is not an operation of crtsh"),
            ("crtsh/certificates/extra", "operation 'certificates/extra' is not an operation of crtsh"),
            ("crtsh/certificates/", "operation 'certificates/' is not an operation of crtsh"),
            ("crtsh/../otx/general", "it contains '..'"),
            ("crtsh/certificates%2Fx", "percent-encoded"),
            ("https://evil.example/x", "absolute URL"),
            ("CRTSH/certificates", "provider 'CRTSH' is not an open data provider"),
            ("passivetotal/whois", "provider 'passivetotal' is not an open data provider"),
        ]
        for rest, words in rows:
            with self.subTest(rest=rest):
                error = refusal(rest, [("q", "example.com")])
                self.assertEqual((error.status, error.code), (400, "not_allowed"))
                self.assertIn(words, error.text)

    def test_parameters(self) -> None:
        rows = [
            ([("q", "example.com"), ("url", "https://evil.example/")], "parameter 'url' is not accepted by "
             "crtsh/certificates (accepted: q)"),
            ([("q", "example.com"), ("base_url", "x")], "parameter 'base_url' is not accepted"),
            ([("q", "example.com"), ("q", "example.org")], "parameter q is given more than once"),
            ([], "crtsh/certificates needs the parameter q (a domain name)"),
            ([("output_mode", "json")], "needs the parameter q"),
            ([("q", "")], "parameter q is empty"),
            ([("q", "a" * 600)], "longer than 512 characters"),
        ]
        for pairs, words in rows:
            with self.subTest(pairs=pairs):
                self.assertIn(words, refusal("crtsh/certificates", pairs).text)

    def test_bad_values_and_injection_attempts(self) -> None:
        domain_ops = ["rdap/domain", "crtsh/certificates", "crtsh/subdomains", "certspotter/issuances"]
        host_ops = ["mnemonic/resolutions", "otx/passive_dns", "otx/general", "circl/resolutions", "urlhaus/host",
                    "threatfox/search"]
        ip_ops = ["rdap/ip", "internetdb/host"]
        injections = [
            "example.com/../../admin", "example.com/evil", "example.com?limit=0", "example.com#x", "example.com&x=1",
            "%2e%2e%2fadmin", "..", "example.com\r\nHost: evil.example", "example.com\x00", "http://evil.example/",
            "//evil.example", "evil.example@127.0.0.1", "exa mple.com", "example.com\\evil", "%.example.com",
            "*.example.com", "example.com:8080", "<script>", "'; DROP TABLE x; --", "\u202eexample.com",
            "exa\u200bmple.com", "ex\u00e4mple.com",
        ]
        for op in domain_ops + host_ops + ip_ops:
            for value in injections:
                with self.subTest(op=op, value=value):
                    error = refusal(op, [("q", value)])
                    self.assertEqual((error.status, error.code), (400, "not_allowed"))
                    self.assertIn("Refused by the app's allow-list", error.text)
        for op in domain_ops:
            for value in ["192.0.2.1", "2001:db8::1", "example", "-bad.example", "example.123"]:
                with self.subTest(op=op, value=value):
                    self.assertIn("(%s takes a domain name)" % op, refusal(op, [("q", value)]).text)
        for op in ip_ops:
            for value in ["example.com", "999.1.1.1", "10.0.0.0/8", "1.2.3", "2001:db8::g"]:
                with self.subTest(op=op, value=value):
                    self.assertIn("(%s takes an IP address)" % op, refusal(op, [("q", value)]).text)
        for value in ["AS", "4294967296", "example.com"]:
            with self.subTest(value=value):
                self.assertIn("(rdap/autnum takes an AS number)", refusal("rdap/autnum", [("q", value)]).text)

    def test_the_message_quotes_a_refused_value_safely(self) -> None:
        text = refusal("nope\u0007x/y", [("q", "example.com")]).text
        self.assertNotIn("\u0007", text)


class HandlerAllowListTest(OpenHandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd.conf["logging"] = {"level": "DEBUG"}

    def test_each_operation_sends_exactly_its_request(self) -> None:
        for provider, operation, q, method, url, headers, body in ALLOW_LIST:
            with self.subTest(provider=provider, operation=operation, q=q):
                self.net.replies[url] = net(200, b"" if provider == "circl" else {"ok": provider})
                before = len(self.net.sent)
                reply = self.open(provider, operation, q)
                self.assertEqual(reply["status"], 200, reply["payload"])
                self.assertEqual(len(self.net.sent), before + 1)
                sent = self.net.sent[-1]
                self.assertEqual((sent.method, sent.url, sent.body), (method, url, body))
                self.assertEqual(sent.headers.pop("User-Agent"), USER_AGENT)
                self.assertEqual(masked(sent.headers), headers)
        basic = [s.headers["Authorization"] for s in self.net.sent if "circl" in s.url][0]
        expected = base64.b64encode(("%s:%s" % (CIRCL_USER, CIRCL_PASSWORD)).encode()).decode()
        self.assertTrue(basic == "Basic " + expected, "circl gets HTTP basic authentication of username:password")
        for provider, (_, key) in KEYS.items():
            if provider == "circl":
                continue
            sent_keys = [v for s in self.net.sent if PROFILES[provider].base_url in s.url
                         for v in s.headers.values() if key in v]
            self.assertTrue(sent_keys, "the key of %s was sent" % provider)

    def test_refusals_never_reach_the_network(self) -> None:
        for path, query in [
            ("open/crtsh/certificates", [("q", "example.com/../x")]),
            ("open/crtsh/certificates", [("q", "example.com"), ("host", "evil.example")]),
            ("open/evil/certificates", [("q", "example.com")]),
            ("open/internetdb/host", [("q", "example.com")]),
            ("open", [("q", "example.com")]),
        ]:
            with self.subTest(path=path, query=query):
                message = self.assert_error(self.call(path=path, query=query), 400, "not_allowed")
                self.assertIn("Refused by the app's allow-list", message["text"])
        self.assertEqual(self.net.sent, [])

    def test_only_get(self) -> None:
        for method in ("POST", "DELETE", "PUT"):
            message = self.assert_error(self.call(method, path="open/crtsh/certificates", query=[("q", "a.example")]),
                                        405, "method_not_allowed")
            self.assertIn("read-only", message["text"])

    def test_users_without_the_query_capability_are_refused(self) -> None:
        from pt_support import NOBODY_TOKEN

        message = self.assert_error(self.open("crtsh", "certificates", token=NOBODY_TOKEN), 403, "forbidden")
        self.assertIn("passivetotal_query", message["text"])
        self.assertEqual(self.net.sent, [])


if __name__ == "__main__":
    unittest.main()
