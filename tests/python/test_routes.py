"""Routing and the one request validator on PassiveTotal's operations: what the endpoint forwards, how it
normalises, and every kind of refusal."""

import unittest

import pt_support
from pt_support import HandlerTest

from passivetotal_app import routes
from passivetotal_app.errors import ProxyError
from passivetotal_app.model import Query
from passivetotal_app.validation import pt_operation, validate


def validate_pt(path: str, pairs: list) -> Query:
    """A ``pt/<path>`` request's operation and parameters, validated."""
    return validate(pt_operation(path), pairs)


def refused(path: str, pairs: list) -> ProxyError:
    try:
        validate_pt(path, pairs)
    except ProxyError as error:
        return error
    raise AssertionError("not refused: %s %r" % (path, pairs))


class RoutingTest(unittest.TestCase):
    def test_relative_path_from_rest_path_or_path_info(self) -> None:
        self.assertEqual(routes.relative_path({"rest_path": "/passivetotal/pt/dns/passive"}), "pt/dns/passive")
        self.assertEqual(routes.relative_path({"rest_path": "/servicesNS/nobody/passivetotal/passivetotal/status"}),
                         "status")
        self.assertEqual(routes.relative_path({"path_info": "/quota"}), "quota")
        self.assertEqual(routes.relative_path({"rest_path": "/passivetotal"}), "")

    def test_routes_and_methods(self) -> None:
        route, rest = routes.parse_route("GET", "pt/dns/passive")
        self.assertEqual((route.name, rest), ("pt", "dns/passive"))
        for name, method in [("quota", "GET"), ("status", "GET"), ("check", "GET"), ("cache", "DELETE")]:
            self.assertEqual(routes.parse_route(method, name)[0].name, name)

    def test_unknown_routes_are_404_and_wrong_methods_405(self) -> None:
        for path in ["", "nope", "status/extra", "v2/dns/passive", "quota/x"]:
            with self.subTest(path=path):
                with self.assertRaises(ProxyError) as caught:
                    routes.parse_route("GET", path)
                self.assertEqual((caught.exception.status, caught.exception.code), (404, "not_found"))
        for method, path in [("POST", "pt/actions/tags"), ("PUT", "pt/actions/classification"),
                             ("DELETE", "pt/dns/passive"), ("GET", "cache"), ("POST", "quota")]:
            with self.subTest(method=method, path=path):
                with self.assertRaises(ProxyError) as caught:
                    routes.parse_route(method, path)
                self.assertEqual((caught.exception.status, caught.exception.code), (405, "method_not_allowed"))

    def test_every_endpoint_the_ui_uses_is_allowed(self) -> None:
        # packages/core/src/providers/passivetotal/passivetotal-provider.ts, ROUTES
        used = [
            ("dns/passive", [("query", "evil.example")]),
            ("dns/passive/unique", [("query", "198.51.100.7")]),
            ("whois", [("query", "evil.example")]),
            ("ssl-certificate/history", [("query", "198.51.100.7")]),
            ("ssl-certificate", [("query", "0123456789abcdef0123456789abcdef01234567")]),
            ("enrichment", [("query", "2001:db8::1")]),
            ("enrichment/subdomains", [("query", "*.evil.example")]),
            ("enrichment/osint", [("query", "evil.example")]),
            ("enrichment/malware", [("query", "evil.example")]),
            ("host-attributes/components", [("query", "evil.example")]),
            ("host-attributes/trackers", [("query", "evil.example")]),
            ("host-attributes/pairs", [("direction", "parents"), ("query", "evil.example")]),
            ("host-attributes/pairs", [("direction", "children"), ("query", "evil.example")]),
            ("host-attributes/cookies", [("query", "evil.example")]),
            ("trackers/search", [("query", "UA-61048133-2"), ("type", "GoogleAnalyticsTrackingId")]),
            ("account/quota", []),
            ("account", []),
            ("whois/search", [("field", "email"), ("query", "a@b.example")]),
            ("ssl-certificate/search", [("field", "subjectCommonName"), ("query", "www.evil.example")]),
            # certificates-for-name: the certificates naming a domain (SANs and subject CN)
            ("ssl-certificate/search", [("field", "name"), ("query", "login-secure-update.example")]),
            ("actions/tags", [("query", "evil.example")]),
            ("actions/classification", [("query", "evil.example")]),
            ("actions/ever-compromised", [("query", "evil.example")]),
            ("actions/sinkhole", [("query", "198.51.100.7")]),
            ("actions/dynamic-dns", [("query", "evil.example")]),
        ]
        for path, pairs in used:
            with self.subTest(path=path):
                query = validate_pt(path, pairs + [("output_mode", "json")])
                self.assertEqual(query.path, path)
                self.assertEqual(list(query.params), sorted(pairs))

    def test_values_are_normalised_for_the_cache_key(self) -> None:
        rows = [
            ("dns/passive", [("query", "Evil.EXAMPLE.")], ("query", "evil.example")),
            ("dns/passive", [("query", "*.Evil.Example")], ("query", "*.evil.example")),
            ("enrichment", [("query", "2001:DB8:0:0::1")], ("query", "2001:db8::1")),
            ("ssl-certificate", [("query", "0123456789ABCDEF0123456789ABCDEF01234567")],
             ("query", "0123456789abcdef0123456789abcdef01234567")),
            ("whois", [("query", "evil.example"), ("history", "TRUE")], ("history", "true")),
            ("host-attributes/components", [("query", "evil.example"), ("page", "007")], ("page", "7")),
        ]
        for path, pairs, expected in rows:
            with self.subTest(path=path, pairs=pairs):
                self.assertIn(expected, validate_pt(path, pairs).params)

    def test_whois_search_validates_the_query_by_field(self) -> None:
        self.assertEqual(
            validate_pt("whois/search", [("field", "EMAIL"), ("query", "A@B.example")]).params,
            (("field", "email"), ("query", "a@b.example")),
        )
        self.assertEqual(
            validate_pt("whois/search", [("field", "organization"), ("query", "Example Corp")]).params,
            (("field", "organization"), ("query", "Example Corp")),
        )
        self.assertIn("not an email", refused("whois/search", [("field", "email"), ("query", "nobody")]).text)
        self.assertIn("two labels", refused("whois/search", [("field", "domain"), ("query", "localhost")]).text)


class AllowListRefusalTest(unittest.TestCase):
    """Every way out of the allow-list is a 400 not_allowed that names what was refused."""

    ROWS = [
        # (what, path, params, words the message must contain)
        ("another endpoint", "monitor", [("query", "x.example")], "not an allowed PassiveTotal endpoint"),
        ("a write-only endpoint", "artifact", [], "not an allowed"),
        ("no path", "", [], "no PassiveTotal path"),
        ("dot-dot", "dns/../account", [], "'..'"),
        ("dot-dot at the end", "dns/passive/..", [], "'..'"),
        ("encoded dot-dot", "dns/%2e%2e/account", [], "percent-encoded"),
        ("encoded slash", "dns%2Fpassive", [("query", "a.example")], "percent-encoded"),
        ("encoded backslash", "dns%5cpassive", [], "percent-encoded"),
        ("backslash", "dns\\passive", [], "backslash"),
        ("absolute URL as path", "https://evil.example/v2/dns/passive", [], "absolute URL"),
        ("protocol-relative path", "//evil.example/v2", [], "absolute URL"),
        ("control character in path", "dns/passive\r\nHost: evil", [], "control"),
        ("empty segment", "dns//passive", [], "not an allowed"),
        ("trailing slash", "dns/passive/", [], "not an allowed"),
        ("upper case", "DNS/passive", [], "not an allowed"),
        ("unknown parameter", "dns/passive", [("query", "a.example"), ("url", "x")], "'url' is not accepted"),
        ("repeated parameter", "dns/passive", [("query", "a.example"), ("query", "b.example")], "more than once"),
        ("missing parameter", "dns/passive", [], "needs the parameter query"),
        ("missing direction", "host-attributes/pairs", [("query", "a.example")], "direction"),
        ("bad direction", "host-attributes/pairs", [("query", "a.example"), ("direction", "up")], "parents"),
        ("bad whois field", "whois/search", [("field", "password"), ("query", "x")], "one of: email"),
        ("empty value", "dns/passive", [("query", "")], "empty"),
        ("oversized value", "dns/passive", [("query", "a" * 600 + ".example")], "longer than 512"),
        ("too many parameters", "dns/passive", [("p%d" % i, "1") for i in range(11)], "more than 10"),
        ("odd parameter name", "dns/passive", [("query[]", "a.example")], "parameter name"),
        ("URL as value (another host)", "dns/passive", [("query", "https://evil.example/")], "absolute URL"),
        ("host with path", "dns/passive", [("query", "evil.example/admin")], "not a valid domain label"),
        ("host with port", "whois", [("query", "evil.example:8080")], "not an IP address"),
        ("userinfo in value", "dns/passive", [("query", "user@evil.example")], "not a valid domain label"),
        ("encoded value", "dns/passive", [("query", "evil%2eexample")], "percent-encoded"),
        ("dot-dot in value", "enrichment", [("query", "evil..example")], "'..'"),
        ("CRLF in value", "enrichment", [("query", "evil.example\r\nX-Injected: 1")], "control"),
        ("NUL in value", "enrichment", [("query", "evil.example\x00")], "control"),
        ("backslash in value", "enrichment", [("query", "evil\\example")], "backslash"),
        ("not a host", "enrichment", [("query", "not a.host")], "not a valid domain label"),
        ("bad IPv4", "enrichment", [("query", "300.1.1.1")], "not an IP address"),
        ("IPv4 with leading zero octets", "enrichment", [("query", "010.1.1.1")], "not an IP address"),
        ("single-label name", "enrichment", [("query", "localhost")], "two labels"),
        ("wildcard where none is allowed", "whois", [("query", "*.evil.example")], "not a valid domain label"),
        ("bad sha1", "ssl-certificate", [("query", "abc")], "40 hexadecimal"),
        ("bad date", "dns/passive", [("query", "a.example"), ("start", "yesterday")], "YYYY-MM-DD"),
        ("bad page", "host-attributes/cookies", [("query", "a.example"), ("page", "-1")], "page"),
        ("bad boolean", "whois", [("query", "a.example"), ("history", "yes")], "true or false"),
        ("bad tracker type", "trackers/search", [("query", "UA-1-1"), ("type", "../x")], "'..'"),
        ("bad tracker value", "trackers/search", [("query", "<script>"), ("type", "GoogleAnalyticsTrackingId")],
         "tracker value"),
        ("search value with spaces around", "whois/search", [("field", "name"), ("query", " x ")], "spaces"),
    ]

    def test_every_row(self) -> None:
        for what, path, pairs, words in self.ROWS:
            with self.subTest(what):
                error = refused(path, pairs)
                self.assertEqual((error.status, error.code), (400, "not_allowed"))
                self.assertIn(words, error.text)
                self.assertTrue(error.text.startswith("Refused by the app's allow-list: "), error.text)

    def test_refusal_messages_never_echo_control_characters(self) -> None:
        error = refused("dns/passive\r\nHost: evil", [])
        self.assertNotIn("\r", error.text)
        self.assertNotIn("\n", error.text)


class HandlerRoutingTest(HandlerTest):
    """Refusals and routing through the handler: nothing refused ever reaches the upstream."""

    def test_refusals_are_400_not_allowed_and_never_reach_the_upstream(self) -> None:
        for path, query in [
            ("pt/dns/%2e%2e/account", [("query", "a.example")]),
            ("pt/../../storage/passwords", []),
            ("pt/dns/passive", [("query", "https://evil.example/x")]),
            ("pt/dns/passive", [("query", "a.example"), ("callback", "https://evil.example")]),
            ("pt/dns/passive", [("query", "a.example"), ("query", "b.example")]),
        ]:
            with self.subTest(path=path, query=query):
                self.assert_error(self.call(path=path, query=query), 400, "not_allowed")
        self.assertEqual(self.pt.hits, [])

    def test_a_path_with_line_breaks_cannot_forge_log_lines(self) -> None:
        self.call(path="pt/dns/passive\nFAKE LOG LINE", query=[("query", "a.example")])
        self.assertNotIn("\nFAKE LOG LINE", pt_support.log_text())

    def test_unknown_route_and_write_method(self) -> None:
        self.assert_error(self.call(path="admin"), 404, "not_found")
        message = self.assert_error(self.call("POST", "pt/actions/tags"), 405, "method_not_allowed")
        self.assertIn("Writes to PassiveTotal are not supported", message["text"])
        self.assertEqual(self.pt.hits, [])

    def test_the_upstream_gets_exactly_the_validated_request(self) -> None:
        reply = self.call(path="pt/whois/search", query=[("query", "A@B.example"), ("field", "email")])
        self.assertEqual(reply["status"], 200)
        path, params, _ = self.pt.hits[0]
        self.assertEqual(path, "/v2/whois/search")
        self.assertEqual(params, {"field": ["email"], "query": ["a@b.example"]})


if __name__ == "__main__":
    unittest.main()
