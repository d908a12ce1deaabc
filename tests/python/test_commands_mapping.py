"""The commands' provider mapping against the investigation page's golden files.

Each fixture of packages/core (PassiveTotal: src/providers/passivetotal/fixtures; open providers:
test/fixtures/open/<id>) is mapped by the commands' Python mapper and compared with the page's checked-in golden
model, so the search commands and the page read every provider answer alike and cannot drift apart silently. A
fixture the commands map must have its golden file; a missing one fails.
"""

import os
import unittest
from typing import Any, Callable, Dict

from test_commands_support import OPEN_FIXTURES, OPEN_GOLDEN, PT_FIXTURES, PT_GOLDEN, load

from passivetotal_app.commands import open_mappers, pt_mappers
from passivetotal_app.commands.jsonread import parse_api_date
from passivetotal_app.commands.pt_mappers import Malformed
from passivetotal_app.commands.rdap_mapper import map_rdap, rdap_reported_error

Mapper = Callable[[Any], Any]

# PassiveTotal fixtures of the datasets the commands read, with the mapper the page uses for each.
PT_TABLE: Dict[str, Mapper] = {
    "dns-passive": pt_mappers.map_passive_dns,
    "dns-passive-ip": pt_mappers.map_passive_dns,
    "dns-passive-unique": pt_mappers.map_unique_resolutions,
    "whois": pt_mappers.map_whois,
    "whois-2016": pt_mappers.map_whois,
    "whois-empty": pt_mappers.map_whois,
    "whois-history": pt_mappers.map_whois,
    "whois-search": pt_mappers.map_whois_search,
    "ssl-certificate": pt_mappers.map_certificates,
    "ssl-certificate-2016": pt_mappers.map_certificates,
    "ssl-certificate-empty": pt_mappers.map_certificates,
    "ssl-certificate-search": pt_mappers.map_certificates,
    "ssl-certificate-search-name": lambda j: pt_mappers.map_certificates_for_name(j, "evil.example"),
    "ssl-certificate-history": pt_mappers.map_certificate_history,
    "enrichment-domain": pt_mappers.map_enrichment,
    "enrichment-ip": pt_mappers.map_enrichment,
    "host-attributes-trackers": pt_mappers.map_trackers,
    "trackers-search": pt_mappers.map_tracker_search,
    "trackers-search-2016": pt_mappers.map_tracker_search,
}


def _reported(read: Callable[[Any], Any]) -> Mapper:
    def mapper(json: Any) -> Any:
        report = read(json)
        return None if report is None else {k: v for k, v in report._asdict().items() if v is not None}

    return mapper


OPEN_TABLE: Dict[str, Dict[str, Mapper]] = {
    "rdap": {name: map_rdap for name in ("domain-thin", "domain-redacted", "domain-jcard", "ip-network",
                                         "ip-network-ripe", "autnum", "not-found")},
    "crtsh": {
        "certificates": lambda j: open_mappers.map_crtsh(j, "example.com"),
        "empty": lambda j: open_mappers.map_crtsh(j, "example.com"),
    },
    "certspotter": {
        "issuances": lambda j: open_mappers.map_certspotter(j, "example.com"),
        "rate-limited": _reported(open_mappers.certspotter_reported_error),
    },
    "mnemonic": {
        "resolutions-domain": lambda j: open_mappers.map_mnemonic(j, "www.example.com"),
        "resolutions-ip": lambda j: open_mappers.map_mnemonic(j, "192.0.2.10"),
        "resource-limit": _reported(open_mappers.mnemonic_reported_error),
        "not-found": lambda j: open_mappers.map_mnemonic(j, "quiet.example"),
    },
    "otx": {
        "passive-dns-ip": lambda j: open_mappers.map_otx_passive_dns(j, "192.0.2.10"),
        "passive-dns-domain": lambda j: open_mappers.map_otx_passive_dns(j, "www.example.com"),
        "general-domain": lambda j: open_mappers.map_otx_general(j, "login-secure-update.example"),
        "general-whitelisted": lambda j: open_mappers.map_otx_general(j, "192.0.2.53"),
        "general-empty": lambda j: open_mappers.map_otx_general(j, "quiet.example"),
    },
    "circl": {
        "resolutions": lambda j: open_mappers.map_circl(j, "www.example.com"),
        "empty": lambda j: open_mappers.map_circl(j, "quiet.example"),
    },
    "urlhaus": {name: open_mappers.map_urlhaus for name in ("host", "host-offline", "host-offline-listed",
                                                            "no-results")},
    "threatfox": {"search": open_mappers.map_threatfox, "no-result": open_mappers.map_threatfox},
}


class PassiveTotalGoldenTest(unittest.TestCase):
    def test_every_mapped_fixture_equals_the_pages_golden_model(self) -> None:
        for name, mapper in sorted(PT_TABLE.items()):
            with self.subTest(fixture=name):
                golden = os.path.join(PT_GOLDEN, name + ".golden.json")
                self.assertTrue(os.path.exists(golden), "missing golden %s" % golden)
                self.assertEqual(mapper(load(os.path.join(PT_FIXTURES, name + ".json"))), load(golden))

    def test_bodies_that_are_not_objects_are_malformed_not_exceptions(self) -> None:
        for name, mapper in PT_TABLE.items():
            for body in (None, "text", 42, [1, 2]):
                with self.subTest(fixture=name, body=body):
                    with self.assertRaises(Malformed) as caught:
                        mapper(body)
                    self.assertEqual(caught.exception.expected, "a JSON object, as PassiveTotal answers")

    def test_empty_objects_map_on_every_endpoint(self) -> None:
        for name, mapper in PT_TABLE.items():
            with self.subTest(fixture=name):
                self.assertIsInstance(mapper({}), dict)


class OpenProvidersGoldenTest(unittest.TestCase):
    def test_every_mapped_fixture_equals_the_pages_golden_model(self) -> None:
        for provider, table in sorted(OPEN_TABLE.items()):
            for name, mapper in sorted(table.items()):
                with self.subTest(fixture="%s/%s" % (provider, name)):
                    golden = os.path.join(OPEN_GOLDEN, provider, "__golden__", name + ".golden.json")
                    self.assertTrue(os.path.exists(golden), "missing golden %s" % golden)
                    fixture = load(os.path.join(OPEN_FIXTURES, provider, name + ".json"))
                    self.assertEqual(mapper(fixture), load(golden))

    def test_every_fixture_of_a_mapped_provider_is_mapped(self) -> None:
        for provider, table in OPEN_TABLE.items():
            on_disk = sorted(f[:-5] for f in os.listdir(os.path.join(OPEN_FIXTURES, provider)) if f.endswith(".json"))
            self.assertEqual(on_disk, sorted(table), provider)

    def test_bodies_of_the_wrong_kind_are_malformed(self) -> None:
        mappers = [
            map_rdap,
            lambda j: open_mappers.map_crtsh(j, "example.com"),
            lambda j: open_mappers.map_certspotter(j, "example.com"),
            lambda j: open_mappers.map_mnemonic(j, "example.com"),
            lambda j: open_mappers.map_otx_passive_dns(j, "example.com"),
            lambda j: open_mappers.map_otx_general(j, "example.com"),
            open_mappers.map_urlhaus,
            open_mappers.map_threatfox,
        ]
        for body in (None, "text", 42):
            for mapper in mappers:
                with self.subTest(body=body, mapper=mapper):
                    with self.assertRaises(Malformed):
                        mapper(body)
        # CIRCL accepts the NDJSON text itself; anything else is refused.
        self.assertEqual(open_mappers.map_circl("", "example.com")["skippedLines"], 0)
        with self.assertRaises(Malformed):
            open_mappers.map_circl(42, "example.com")

    def test_rdap_errors_inside_an_answer(self) -> None:
        report = rdap_reported_error({"registry": {"errorCode": 429, "title": "Too Many Requests"}, "registrar": None})
        self.assertEqual((report.kind, report.reason, report.status), ("quota", "RDAP: Too Many Requests (429)", 429))
        self.assertIsNone(rdap_reported_error({"registry": {"errorCode": 404}, "registrar": None}))


class DatesTest(unittest.TestCase):
    def test_the_formats_the_providers_write(self) -> None:
        cases = [
            ("2014-04-14T13:00:56.000-0700", "2014-04-14T20:00:56.000Z"),
            (1383116400000, "2013-10-30T07:00:00.000Z"),
            (1383116400, "2013-10-30T07:00:00.000Z"),
            ("1383116400", "2013-10-30T07:00:00.000Z"),
            ("2016-03-01 12:00:00", "2016-03-01T12:00:00.000Z"),
            ("2016-03-01", "2016-03-01T00:00:00.000Z"),
            ("Feb 04 23:59:59 2017 GMT", "2017-02-04T23:59:59.000Z"),
            ("Mon Aug 29 20:00:00 VET 2016", "2016-08-30T00:00:00.000Z"),
            ("2016-02-31", None),
            ("n/a", None),
            (True, None),
            (0, None),
        ]
        for given, expected in cases:
            with self.subTest(given=given):
                self.assertEqual(parse_api_date(given), expected)


if __name__ == "__main__":
    unittest.main()
