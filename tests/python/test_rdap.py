"""RDAP: bootstrap parsing and the longest match, the built-in fallback, which servers and referrals are accepted,
redirects, and the {"registry", "registrar"} answer through the handler."""

import json
import unittest
from typing import Any, Dict, List

import pt_support
from open_support import OpenHandlerTest, net

from passivetotal_app import rdap_bootstrap
from passivetotal_app.addresses import accepted
from passivetotal_app.rdap import choose_server, referral
from passivetotal_app.rdap_bootstrap import FALLBACK, match_asn, match_dns, match_ip, parse_services

IANA = "https://data.iana.org/rdap/"
REGISTRY = "https://rdap.registry.example/com/v1/"
REGISTRAR_URL = "https://rdap.registrar.example/domain/EXAMPLE.COM"
REPLAY = "http://127.0.0.1:8999"

DNS = {
    "version": "1.0",
    "publication": "2026-01-15T00:00:00Z",
    "description": "RDAP bootstrap file for Domain Name System registrations",
    "services": [
        [["com", "net"], [REGISTRY]],
        [["example"], ["https://rdap.nic.example/", "http://rdap.nic.example/"]],
        [["plain"], ["http://rdap.plain.example/"]],
    ],
}
IPV4 = {"services": [[["198.51.0.0/16"], ["https://rdap.rir-a.example/"]],
                     [["198.51.100.0/24"], ["https://rdap.rir-b.example/registry"]]]}
IPV6 = {"services": [[["2001:db8::/32"], ["https://rdap.rir-v6.example/"]]]}
ASN = {"services": [[["64496-64511"], ["https://rdap.rir-asn.example/"]],
                    [["64500"], ["https://rdap.narrow.example/"]]]}


def registry_body(links: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {
        "rdapConformance": ["rdap_level_0"],
        "objectClassName": "domain",
        "ldhName": "EXAMPLE.COM",
        "links": [{"rel": "self", "href": REGISTRY + "domain/EXAMPLE.COM", "type": "application/rdap+json"}] + links,
    }


RELATED = {"value": REGISTRAR_URL, "rel": "related", "href": REGISTRAR_URL, "type": "application/rdap+json"}
REGISTRAR = {"objectClassName": "domain", "ldhName": "EXAMPLE.COM",
             "entities": [{"roles": ["registrant"], "vcardArray": ["vcard", [["fn", {}, "text", ""]]]}]}


class MatchTest(unittest.TestCase):
    def test_parse_services(self) -> None:
        self.assertEqual(parse_services(DNS)[0], (["com", "net"], [REGISTRY]))
        tags = {"services": [[["hostmaster@example.net"], ["ARIN"], ["https://rdap.arin.net/registry/"]]]}
        self.assertEqual(parse_services(tags), [(["hostmaster@example.net"], ["https://rdap.arin.net/registry/"])])
        for bad in [{}, {"services": "x"}, {"services": []}, {"services": [["com"]]}, [], None]:
            with self.subTest(bad=bad):
                with self.assertRaises(ValueError):
                    parse_services(bad)

    def test_dns_longest_label_wise_match(self) -> None:
        services = [(["uk", "COM"], ["U"]), (["co.uk"], ["C"]), (["example.co.uk"], ["E"])]
        self.assertEqual(match_dns(services, "www.shop.co.uk"), ["C"])
        self.assertEqual(match_dns(services, "example.co.uk"), ["E"])
        self.assertEqual(match_dns(services, "a.example.co.uk"), ["E"])
        self.assertEqual(match_dns(services, "example.uk"), ["U"])
        self.assertEqual(match_dns(services, "example.com"), ["U"])
        self.assertIsNone(match_dns(services, "notco.uk.invalid"))
        self.assertIsNone(match_dns(services, "xco.uk"[1:] + ".zz"))

    def test_ip_most_specific_prefix(self) -> None:
        services = [(["0.0.0.0/0"], ["A"]), (["198.51.0.0/16", "not a prefix"], ["B"]), (["198.51.100.0/24"], ["C"]),
                    (["2001:db8::/32"], ["D"])]
        self.assertEqual(match_ip(services, "198.51.100.7"), ["C"])
        self.assertEqual(match_ip(services, "198.51.1.1"), ["B"])
        self.assertEqual(match_ip(services, "10.0.0.1"), ["A"])
        self.assertEqual(match_ip(services, "2001:db8::1"), ["D"])
        self.assertIsNone(match_ip(services, "2001:db9::1"))

    def test_asn_narrowest_range(self) -> None:
        services = [(["1-100000"], ["A"]), (["64496-64511"], ["B"]), (["64500"], ["C"]), (["x-y"], ["X"])]
        self.assertEqual(match_asn(services, 64500), ["C"])
        self.assertEqual(match_asn(services, 64501), ["B"])
        self.assertEqual(match_asn(services, 5), ["A"])
        self.assertIsNone(match_asn(services, 200000))

    def test_the_built_in_table(self) -> None:
        rows = [
            ("dns", "www.example.com", "https://rdap.verisign.com/com/v1/"),
            ("dns", "example.net", "https://rdap.verisign.com/net/v1/"),
            ("dns", "example.org", "https://rdap.publicinterestregistry.org/rdap/"),
            ("dns", "example.co.uk", "https://rdap.nominet.uk/uk/"),
            ("dns", "example.io", "https://rdap.identitydigital.services/rdap/"),
            ("ipv4", "193.0.0.1", "https://rdap.db.ripe.net/"),
            ("ipv4", "8.8.8.8", "https://rdap.arin.net/registry/"),
            ("ipv4", "1.1.1.1", "https://rdap.apnic.net/"),
            ("ipv4", "200.1.1.1", "https://rdap.lacnic.net/rdap/"),
            ("ipv4", "41.1.1.1", "https://rdap.afrinic.net/rdap/"),
            ("ipv6", "2a00:1450::1", "https://rdap.db.ripe.net/"),
            ("ipv6", "2001:db8::1", "https://rdap.arin.net/registry/"),
            ("asn", "3333", "https://rdap.arin.net/registry/"),
        ]
        for kind, value, url in rows:
            with self.subTest(value=value):
                self.assertEqual(rdap_bootstrap.match(kind, parse_services(FALLBACK[kind]), value), [url])
        for kind, doc in FALLBACK.items():
            for _, urls in parse_services(doc):
                for url in urls:
                    self.assertTrue(url.startswith("https://") and url.endswith("/"), url)
        self.assertIsNone(rdap_bootstrap.match("dns", parse_services(FALLBACK["dns"]), "example.zz"))


class AcceptanceTest(unittest.TestCase):
    def test_servers(self) -> None:
        self.assertEqual(choose_server(["http://rdap.x.example/", "https://rdap.x.example/"], IANA),
                         "https://rdap.x.example/")
        self.assertIsNone(choose_server(["http://rdap.x.example/"], IANA))
        replay_bootstrap = REPLAY + "/rdap/bootstrap"
        self.assertEqual(choose_server([REPLAY + "/rdap/"], replay_bootstrap), REPLAY + "/rdap/")
        self.assertIsNone(choose_server(["http://127.0.0.1:9000/rdap/"], replay_bootstrap))
        for url in ["https://10.0.0.1/", "https://127.0.0.1/", "https://localhost/", "https://[::1]/",
                    "https://169.254.169.254/", "https://user:pw@rdap.x.example/", "ftp://rdap.x.example/",
                    "https://rdap.x.example:99999/", "javascript:alert(1)", ""]:
            with self.subTest(url=url):
                self.assertFalse(accepted(url, IANA))
        self.assertTrue(accepted("https://8.8.8.8/rdap/", IANA))

    def test_referrals(self) -> None:
        own = REGISTRY + "domain/example.com"
        self.assertEqual(referral(registry_body([RELATED]), "example.com", IANA, own), REGISTRAR_URL)
        variants = [
            dict(RELATED, href="http://rdap.registrar.example/domain/example.com"),
            dict(RELATED, type="text/html"),
            {k: v for k, v in RELATED.items() if k != "type"},
            dict(RELATED, rel="alternate"),
            dict(RELATED, href="https://rdap.registrar.example/domain/other.com"),
            dict(RELATED, href="https://rdap.registrar.example/entity/example.com"),
            dict(RELATED, href="https://rdap.registrar.example/domain/example.com.evil.example"),
            dict(RELATED, href="https://127.0.0.1/domain/example.com"),
            dict(RELATED, href=own),
            dict(RELATED, href=42),
        ]
        for link in variants:
            with self.subTest(link=link):
                self.assertIsNone(referral(registry_body([link]), "example.com", IANA, own))
        charset = dict(RELATED, type="application/rdap+json; charset=utf-8")
        self.assertEqual(referral(registry_body([charset]), "example.com", IANA, own), REGISTRAR_URL)
        local = dict(RELATED, href=REPLAY + "/rdap/registrar/domain/example.com")
        self.assertEqual(referral(registry_body([local]), "example.com", REPLAY + "/rdap/bootstrap", own),
                         REPLAY + "/rdap/registrar/domain/example.com")
        self.assertIsNone(referral({"links": "x"}, "example.com", IANA, own))
        self.assertIsNone(referral([], "example.com", IANA, own))


class RdapHandlerTest(OpenHandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.net.replies[IANA + "dns.json"] = net(200, DNS)
        self.net.replies[IANA + "ipv4.json"] = net(200, IPV4)
        self.net.replies[IANA + "ipv6.json"] = net(200, IPV6)
        self.net.replies[IANA + "asn.json"] = net(200, ASN)
        self.net.replies[REGISTRY + "domain/example.com"] = net(200, registry_body([RELATED]))
        self.net.replies[REGISTRAR_URL] = net(200, REGISTRAR)

    def test_a_thin_registry_and_its_registrar(self) -> None:
        payload = self.open("rdap", "domain", "Example.com")["payload"]
        self.assertEqual(payload["data"], {"registry": registry_body([RELATED]), "registrar": REGISTRAR})
        self.assertEqual((payload["provider"], payload["dataset"], payload["endpoint"]),
                         ("rdap", "whois", "rdap/domain"))
        self.assertEqual(self.net.urls(), [IANA + "dns.json", REGISTRY + "domain/example.com", REGISTRAR_URL])
        self.assertEqual(self.net.sent[1].headers["Accept"], "application/rdap+json, application/json")
        self.assertEqual(self.net.sent[1].method, "GET")
        self.assertNotIn("Authorization", self.net.sent[1].headers)

    def test_ip_and_autnum_have_no_registrar(self) -> None:
        self.net.replies["https://rdap.rir-b.example/registry/ip/198.51.100.7"] = net(
            200, {"objectClassName": "ip network"})
        self.net.replies["https://rdap.rir-v6.example/ip/2001:db8::1"] = net(200, {"objectClassName": "ip network"})
        self.net.replies["https://rdap.narrow.example/autnum/64500"] = net(200, {"objectClassName": "autnum"})
        for operation, q in [("ip", "198.51.100.7"), ("ip", "2001:DB8::1"), ("autnum", "AS64500")]:
            with self.subTest(q=q):
                payload = self.open("rdap", operation, q)["payload"]
                self.assertEqual(payload["data"]["registrar"], None)
                self.assertEqual(payload["endpoint"], "rdap/" + operation)
        self.assertEqual(self.net.urls(), [
            IANA + "ipv4.json", "https://rdap.rir-b.example/registry/ip/198.51.100.7",
            IANA + "ipv6.json", "https://rdap.rir-v6.example/ip/2001:db8::1",
            IANA + "asn.json", "https://rdap.narrow.example/autnum/64500",
        ])

    def test_the_bootstrap_is_kept_in_the_kv_cache_for_a_day(self) -> None:
        self.net.replies[REGISTRY + "domain/example.net"] = net(200, {"objectClassName": "domain"})
        self.open("rdap", "domain", "example.com")
        self.open("rdap", "domain", "example.net")
        self.assertEqual(self.net.urls().count(IANA + "dns.json"), 1)
        doc = self.splunkd.kv["open:rdap:bootstrap:dns"]
        self.assertEqual((doc["source"], doc["fresh_until"]), (IANA + "dns.json", self.now + 86400))
        self.assertEqual(json.loads(doc["body"]), DNS)
        rdap_keys = [k for k in self.splunkd.kv if not k.startswith("open:rdap:bootstrap:")]
        self.assertEqual(len(rdap_keys), 2)
        self.assertTrue(all(k.startswith("open:rdap:") for k in rdap_keys))
        # Another handler process: no copy in memory, the KV copy is used.
        rdap_bootstrap.forget_bootstrap()
        self.net.replies[REGISTRY + "domain/example.org"] = net(200, {})
        self.net.replies[REGISTRY + "domain/x.com"] = net(200, {})
        self.open("rdap", "domain", "x.com")
        self.assertEqual(self.net.urls().count(IANA + "dns.json"), 1)
        # A day later it is fetched again; when IANA fails then, the last good copy is used.
        self.now += 86401
        rdap_bootstrap.forget_bootstrap()
        self.net.replies[IANA + "dns.json"] = net(503, b"")
        self.net.replies[REGISTRY + "domain/y.com"] = net(200, {"ok": 1})
        self.assertEqual(self.open("rdap", "domain", "y.com")["payload"]["data"]["registry"], {"ok": 1})
        self.assertEqual(self.net.urls().count(IANA + "dns.json"), 2)
        self.assertIn("using the copy kept from before", pt_support.log_text())

    def test_the_built_in_table_when_the_bootstrap_is_unreachable(self) -> None:
        del self.net.replies[IANA + "dns.json"]
        self.net.replies["https://rdap.verisign.com/com/v1/domain/example.com"] = net(200, {"ldhName": "EXAMPLE.COM"})
        payload = self.open("rdap", "domain", "example.com")["payload"]
        self.assertEqual(payload["data"], {"registry": {"ldhName": "EXAMPLE.COM"}, "registrar": None})
        self.assertEqual(self.net.urls(), [IANA + "dns.json", "https://rdap.verisign.com/com/v1/domain/example.com"])
        self.assertEqual(self.net.sent[0].timeout, 5)  # the bootstrap gets a short, single try
        self.assertIn("using the app's built-in table", pt_support.log_text())
        # Malformed bootstrap answers also fall back, and the fallback is not retried for every request.
        rdap_bootstrap.forget_bootstrap()
        self.net.replies[IANA + "dns.json"] = net(200, {"services": "nope"})
        self.net.replies["https://rdap.verisign.com/com/v1/domain/example2.com"] = net(200, {})
        self.assertEqual(self.open("rdap", "domain", "example2.com")["status"], 200)
        self.net.replies["https://rdap.verisign.com/com/v1/domain/example3.com"] = net(200, {})
        self.open("rdap", "domain", "example3.com")
        self.assertEqual(self.net.urls().count(IANA + "dns.json"), 2)
        self.assertNotIn("open:rdap:bootstrap:dns", self.splunkd.kv)
        message = self.assert_error(self.open("rdap", "domain", "example.zz"), 404, "not_found")
        self.assertIn("No RDAP service is known for .zz (the app's built-in table", message["text"])

    def test_no_service_and_http_only_services(self) -> None:
        message = self.assert_error(self.open("rdap", "domain", "example.zz"), 404, "not_found")
        self.assertEqual(message["text"], "No RDAP service is known for .zz.")
        self.assertEqual(message["provider"], "rdap")
        message = self.assert_error(self.open("rdap", "domain", "example.plain"), 502, "upstream_error")
        self.assertIn("names no https server for .plain", message["text"])
        self.net.replies["https://rdap.nic.example/domain/nic.example"] = net(200, {})
        self.assertEqual(self.open("rdap", "domain", "nic.example")["status"], 200)
        self.assertNotIn("http://rdap", " ".join(self.net.urls()))

    def test_refused_or_failing_registrars_leave_it_null(self) -> None:
        for link in [dict(RELATED, href="http://rdap.registrar.example/domain/example.com"),
                     dict(RELATED, href="https://rdap.registrar.example/domain/example.com.evil.example")]:
            with self.subTest(link=link["href"]):
                self.splunkd.kv.clear()
                self.net.sent.clear()
                self.net.replies[REGISTRY + "domain/example.com"] = net(200, registry_body([link]))
                payload = self.open("rdap", "domain", "example.com")["payload"]
                self.assertIsNone(payload["data"]["registrar"])
                self.assertEqual([u for u in self.net.urls() if not u.endswith(".json")],
                                 [REGISTRY + "domain/example.com"])
        self.splunkd.kv.clear()
        self.net.replies[REGISTRY + "domain/example.com"] = net(200, registry_body([RELATED]))
        self.net.replies[REGISTRAR_URL] = net(500, b"")
        reply = self.open("rdap", "domain", "example.com")
        self.assertEqual(reply["status"], 200)
        self.assertIsNone(reply["payload"]["data"]["registrar"])
        self.assertEqual(self.net.urls().count(REGISTRAR_URL), 1)  # no retries for the registrar

    def test_redirects_are_followed_only_to_rdap_urls(self) -> None:
        arin = "https://rdap.rir-b.example/registry/ip/198.51.100.7"
        ripe = "https://rdap.db.ripe.example/ip/198.51.100.7"
        self.net.replies[arin] = net(301, b"", {"Location": ripe})
        self.net.replies[ripe] = net(200, {"handle": "198.51.100.0 - 198.51.100.255"})
        payload = self.open("rdap", "ip", "198.51.100.7")["payload"]
        self.assertEqual(payload["data"]["registry"], {"handle": "198.51.100.0 - 198.51.100.255"})
        self.assertEqual(self.net.urls()[-2:], [arin, ripe])
        for location in ["http://rdap.db.ripe.example/ip/198.51.100.9", "https://10.1.2.3/ip/198.51.100.9",
                         "https://rdap.db.ripe.example/admin", "/ip/10.0.0.1"]:
            with self.subTest(location=location):
                self.net.replies["https://rdap.rir-b.example/registry/ip/198.51.100.9"] = net(
                    302, b"", {"Location": location})
                message = self.assert_error(self.open("rdap", "ip", "198.51.100.9"), 502, "upstream_error")
                self.assertIn("redirect (HTTP 302)", message["text"])
        self.assertNotIn("https://10.1.2.3/ip/198.51.100.9", self.net.urls())
        self.assertNotIn("https://rdap.db.ripe.example/admin", self.net.urls())
        # At most 3 redirects.
        loop = "https://rdap.rir-b.example/registry/ip/198.51.100.20"
        self.net.replies[loop] = net(307, b"", {"Location": loop})
        self.assert_error(self.open("rdap", "ip", "198.51.100.20"), 502, "upstream_error")
        self.assertEqual(self.net.urls().count(loop), 4)

    def test_the_replay_case_on_the_bootstrap_origin(self) -> None:
        base = REPLAY + "/rdap/"
        self.splunkd.conf["provider:rdap"] = {"bootstrap_url": REPLAY + "/rdap/bootstrap/"}
        self.net.replies[REPLAY + "/rdap/bootstrap/dns.json"] = net(200, {"services": [[["com"], [base]]]})
        related = dict(RELATED, href=REPLAY + "/rdap/registrar/domain/example.com")
        self.net.replies[base + "domain/example.com"] = net(200, registry_body([related]))
        self.net.replies[REPLAY + "/rdap/registrar/domain/example.com"] = net(200, REGISTRAR)
        payload = self.open("rdap", "domain", "example.com")["payload"]
        self.assertEqual(payload["data"]["registrar"], REGISTRAR)
        other_port = dict(RELATED, href="http://127.0.0.1:9000/rdap/registrar/domain/other.com")
        self.net.replies[base + "domain/other.com"] = net(200, registry_body([other_port]))
        self.assertIsNone(self.open("rdap", "domain", "other.com")["payload"]["data"]["registrar"])
        self.assertNotIn(other_port["href"], self.net.urls())

    def test_rdap_failures(self) -> None:
        url = REGISTRY + "domain/gone.com"
        rows = [
            (404, {"errorCode": 404, "title": "Not Found", "description": ["gone.com is not registered"]}, 404,
             "not_found", "The RDAP server rdap.registry.example has no domain registration for this query (HTTP "
             "404): Not Found; gone.com is not registered."),
            (429, {"errorCode": 429, "title": "Too Many Requests"}, 429, "rate_limited",
             "The RDAP server rdap.registry.example is limiting the app's requests"),
            (200, b"<html>maintenance</html>", 502, "upstream_malformed", "an HTML page instead of JSON"),
            (200, b"[]", 502, "upstream_malformed", "JSON that is not an object"),
        ]
        for status, body, want, code, words in rows:
            with self.subTest(status=status, code=code):
                pt_support.fresh_state()
                self.splunkd.kv.clear()  # the 404 of the first row is kept in the cache like an answer
                self.net.replies[url] = net(status, body)
                message = self.assert_error(self.open("rdap", "domain", "gone.com"), want, code)
                self.assertIn(words, message["text"])
                self.assertEqual(message["provider"], "rdap")

    def test_no_record_is_kept_like_an_answer(self) -> None:
        url = REGISTRY + "domain/gone.com"
        self.net.replies[url] = net(404, {"errorCode": 404, "title": "Not Found"})
        first = self.assert_error(self.open("rdap", "domain", "gone.com"), 404, "not_found")
        asked = self.net.urls().count(url)
        again = self.assert_error(self.open("rdap", "domain", "gone.com"), 404, "not_found")
        self.assertEqual(self.net.urls().count(url), asked)
        self.assertEqual(again["text"], first["text"])

    def test_the_bootstrap_is_not_written_when_the_cache_is_off(self) -> None:
        self.splunkd.conf["cache"] = {"enabled": "false"}
        self.assertEqual(self.open("rdap", "domain", "example.com")["status"], 200)
        self.assertEqual(self.splunkd.kv, {})

    def test_the_own_rate_limit_counts_lookups(self) -> None:
        self.splunkd.conf["provider:rdap"] = {"rate_limit_per_minute": "1"}
        self.assertEqual(self.open("rdap", "domain", "example.com")["status"], 200)  # three requests, one lookup
        message = self.assert_error(self.open("rdap", "domain", "example.net"), 429, "rate_limited")
        self.assertIn("RDAP", message["text"])


if __name__ == "__main__":
    unittest.main()
