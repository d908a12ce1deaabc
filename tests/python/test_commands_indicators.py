"""The commands read indicators as the investigation page does: the page's own test vectors
(packages/core/src/indicators/parse-indicator.test.ts) for types, normalised values, special ranges and the
reasons given for text that is not an indicator."""

import random
import unittest

import test_commands_support  # noqa: F401  (puts bin/ on sys.path)

from passivetotal_app.commands.indicators import (
    EXPECTED_INDICATOR,
    Indicator,
    NotAnIndicator,
    never_on_the_internet,
    parse_indicator,
    refang,
)

TYPES_AND_VALUES = [
    ("198.51.100.7", "ipv4", "198.51.100.7"),
    ("198[.]51[.]100[.]7", "ipv4", "198.51.100.7"),
    ("198.51.100.7:8443", "ipv4", "198.51.100.7"),
    ("010.001.002.003", "ipv4", "10.1.2.3"),
    ('"8.8.8.8",', "ipv4", "8.8.8.8"),
    ("2001:DB8:0:0:0:0:0:1", "ipv6", "2001:db8::1"),
    ("2001:0db8:0000:0000:0001:0000:0000:0001", "ipv6", "2001:db8::1:0:0:1"),
    ("2001:db8:0:1:1:1:1:1", "ipv6", "2001:db8:0:1:1:1:1:1"),
    ("[2001:db8::1]", "ipv6", "2001:db8::1"),
    ("[2001:db8::1]:443", "ipv6", "2001:db8::1"),
    ("fe80::1%eth0", "ipv6", "fe80::1"),
    ("::1", "ipv6", "::1"),
    ("::FFFF:192.0.2.1", "ipv6", "::ffff:192.0.2.1"),
    ("2606:4700:4700::1111", "ipv6", "2606:4700:4700::1111"),
    ("Evil.Example", "domain", "evil.example"),
    ("evil.example.", "domain", "evil.example"),
    ("*.evil.example", "domain", "evil.example"),
    (".evil.example", "domain", "evil.example"),
    ("evil[.]example", "domain", "evil.example"),
    ("evil.example:8080", "domain", "evil.example"),
    ("evil.example/", "domain", "evil.example"),
    ("_dmarc.evil.example", "domain", "_dmarc.evil.example"),
    ("b\u00fccher.example", "domain", "xn--bcher-kva.example"),
    ("B\u00dcCHER.example", "domain", "xn--bcher-kva.example"),
    ("xn--bcher-kva.example", "domain", "xn--bcher-kva.example"),
    ("\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", "domain", "xn--e1afmkfd.xn--p1ai"),
    ("\u4f8b\u3048\u3002\u30c6\u30b9\u30c8", "domain", "xn--r8jz45g.xn--zckzah"),
    ("hxxp://evil[.]example/login.php", "url", "http://evil.example/login.php"),
    ("hXXps://Evil.Example/Path?Q=1#x", "url", "https://evil.example/Path?Q=1#x"),
    ("http://198.51.100.7:8080/a", "url", "http://198.51.100.7:8080/a"),
    ("http://[2001:DB8::1]:8080/a", "url", "http://[2001:db8::1]:8080/a"),
    ("https://b\u00fccher.example/stra\u00dfe", "url", "https://xn--bcher-kva.example/stra\u00dfe"),
    ("evil.example/login.php", "url", "evil.example/login.php"),
    ("https://user@evil.example/", "url", "https://user@evil.example/"),
    ("Jane.Doe@Evil.Example", "email", "jane.doe@evil.example"),
    ("jane[at]evil[.]example", "email", "jane@evil.example"),
    ("mailto:jane@evil.example", "email", "jane@evil.example"),
    ("jane@b\u00fccher.example", "email", "jane@xn--bcher-kva.example"),
    ("E9A6647D6ABA52DC47B3838C920C9EE59BAD7034", "sha1", "e9a6647d6aba52dc47b3838c920c9ee59bad7034"),
    ("e9:a6:64:7d:6a:ba:52:dc:47:b3:83:8c:92:0c:9e:e5:9b:ad:70:34", "sha1", "e9a6647d6aba52dc47b3838c920c9ee59bad7034"),
    ("UA-61048133-2", "tracker", "UA-61048133-2"),
    ("ua-61048133", "tracker", "UA-61048133"),
    ("GTM-ABC123", "tracker", "GTM-ABC123"),
    ("G-ABCDEF1234", "tracker", "G-ABCDEF1234"),
]

SPECIAL = [
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("127.0.0.1", "loopback"),
    ("169.254.1.1", "link-local"),
    ("100.64.0.1", "carrier-grade-nat"),
    ("192.0.2.1", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("224.0.0.1", "multicast"),
    ("255.255.255.255", "broadcast"),
    ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"),
    ("198.18.0.1", "benchmarking"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("2001:db8::1", "documentation"),
    ("fd00::1", "unique-local"),
    ("fe80::1", "link-local"),
    ("ff02::1", "multicast"),
    ("::ffff:10.0.0.1", "private"),
    ("printer.local", "special-use-name"),
    ("evil.example", "special-use-name"),
    ("www.example.com", "special-use-name"),
    ("router.home.arpa", "special-use-name"),
    ("http://10.0.0.1/admin", "private"),
    ("jane@corp.internal", "special-use-name"),
]

FAILURES = [
    ("", "nothing was entered", EXPECTED_INDICATOR),
    ("   ", "nothing was entered", EXPECTED_INDICATOR),
    ("hello world", "an indicator cannot contain spaces", EXPECTED_INDICATOR),
    ("hello", '"hello" is not an indicator', EXPECTED_INDICATOR),
    ("999.1.1.1", "999 is not a number from 0 to 255", "IPv4"),
    ("1.2.3", "1.2.3 does not have four parts", "IPv4"),
    ("10.0.0.0/8", "10.0.0.0/8 is a network range", "CIDR"),
    ("2001:db8:::1", "2001:db8:::1 is not a valid IPv6 address", "IPv6"),
    ("[2001:db8::1]:99999", "99999 is not a port number", "port"),
    ("evil..example", "evil..example has an empty label (two dots in a row)", "domain"),
    ("-evil.example", "not a valid label", "domain"),
    ("evil.123", 'the last label "123" is a number', "domain"),
    ("jane@", "jane@ is not of the form name@domain", "email"),
    ("ja ne@evil.example", "an indicator cannot contain spaces", EXPECTED_INDICATOR),
    ("http:///path", "http:///path has no host", "URL"),
    ("http://exa_mple!/", "host of the URL", "URL"),
    ("a" * 64 + ".example", "not a valid label", "domain"),
]


class IndicatorsTest(unittest.TestCase):
    def test_types_and_normalised_values_as_the_page_reads_them(self) -> None:
        for text, kind, value in TYPES_AND_VALUES:
            with self.subTest(text=text):
                parsed = parse_indicator(text)
                self.assertIsInstance(parsed, Indicator, parsed)
                self.assertEqual((parsed.type, parsed.value), (kind, value))

    def test_a_url_is_looked_up_by_its_host(self) -> None:
        self.assertEqual(parse_indicator("hxxps://www.evil[.]example/a/b?c=d").intel_query, "www.evil.example")
        self.assertEqual(parse_indicator("http://[2001:db8::1]/").intel_query, "2001:db8::1")
        self.assertEqual(parse_indicator("UA-61048133").tracker_type, "GoogleAnalyticsAccountNumber")

    def test_special_ranges(self) -> None:
        for text, kind in SPECIAL:
            with self.subTest(text=text):
                self.assertEqual(parse_indicator(text).special.kind, kind)
        for text in ("8.8.8.8", "2606:4700:4700::1111", "passivetotal.org", "https://riskiq.net/"):
            self.assertIsNone(parse_indicator(text).special)

    def test_which_values_the_enrichment_does_not_spend_lookups_on(self) -> None:
        skipped = ["10.1.2.3", "127.0.0.1", "fe80::1", "fd00::1", "printer.local", "nas.home.arpa", "ff02::1"]
        looked_up = ["8.8.8.8", "203.0.113.77", "2001:db8::1", "evil.example", "login-secure-update.example"]
        for text in skipped:
            self.assertIsNotNone(never_on_the_internet(parse_indicator(text)), text)
        for text in looked_up:
            self.assertIsNone(never_on_the_internet(parse_indicator(text)), text)

    def test_failures_name_the_reason_and_what_was_expected(self) -> None:
        for text, reason, expected in FAILURES:
            with self.subTest(text=text):
                parsed = parse_indicator(text)
                self.assertIsInstance(parsed, NotAnIndicator)
                self.assertIn(reason, parsed.reason)
                self.assertIn(expected, parsed.expected)

    def test_refanging(self) -> None:
        self.assertEqual(refang("hxxps://evil[.]example[/]login"), "https://evil.example/login")
        self.assertEqual(refang("jane[at]example(dot)com"), "jane@example.com")

    def test_never_raises_and_values_parse_to_themselves(self) -> None:
        pieces = ["evil", "Example", "b\u00fccher", ".", "[.]", "(dot)", "\u3002", "hxxps://", "http://", "/", "a/b",
                  "@", "[at]", ":", "::", "8443", "203", "0", "113", "77", "2001", "db8", "-", "_", " ", "%", '"',
                  "[", "]", "ua-", "1234567", "e9", "ff"]
        generator = random.Random(20240531)
        for _ in range(5000):
            text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 9)))
            parsed = parse_indicator(text)
            if isinstance(parsed, NotAnIndicator):
                self.assertTrue(parsed.reason and parsed.expected)
                continue
            again = parse_indicator(parsed.value)
            self.assertIsInstance(again, Indicator, text)
            self.assertEqual((again.type, again.value), (parsed.type, parsed.value), text)


if __name__ == "__main__":
    unittest.main()
