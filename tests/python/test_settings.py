"""passivetotal.conf: defaults, validation (https only, loopback http allowed), per-dataset TTL; spec and conf agree."""

import os
import re
import unittest

from pt_support import ROOT, HandlerTest

from passivetotal_app import settings
from passivetotal_app.settings import SettingsError, check_base_url, parse


class BaseUrlTest(unittest.TestCase):
    def test_https_is_accepted(self) -> None:
        self.assertEqual(check_base_url("https://api.passivetotal.org/v2/"), "https://api.passivetotal.org/v2")

    def test_plain_http_only_to_loopback(self) -> None:
        loopback = ["http://127.0.0.1:8999/v2", "http://127.1.2.3/v2", "http://localhost:8999/v2", "http://[::1]:80/v2"]
        for url in loopback:
            with self.subTest(url=url):
                self.assertEqual(check_base_url(url), url)
        for url in ["http://api.passivetotal.org/v2", "http://10.0.0.1/v2", "http://127.0.0.1.evil.example/v2",
                    "http://localhost.evil.example/v2"]:
            with self.subTest(url=url):
                with self.assertRaisesRegex(SettingsError, "must use https"):
                    check_base_url(url)

    def test_other_schemes_credentials_and_queries_are_refused(self) -> None:
        for url in ["ftp://api.example/v2", "file:///etc/passwd", "api.passivetotal.org/v2", "",
                    "https://user:pw@api.example/v2", "https://api.example/v2?x=1", "https://api.example/v2#f"]:
            with self.subTest(url=url):
                with self.assertRaises(SettingsError):
                    check_base_url(url)

    def test_proxy_without_credentials(self) -> None:
        self.assertEqual(settings.check_proxy("https://proxy.example:3128"), "https://proxy.example:3128")
        with self.assertRaises(SettingsError):
            settings.check_proxy("https://u:p@proxy.example:3128")
        with self.assertRaises(SettingsError):
            settings.check_proxy("socks5://proxy.example:1080")


class ParseTest(unittest.TestCase):
    def test_defaults(self) -> None:
        parsed = parse({})
        self.assertEqual(parsed.base_url, "https://api.passivetotal.org/v2")
        self.assertEqual((parsed.timeout_seconds, parsed.retries, parsed.deadline_seconds), (20, 2, 25))
        self.assertTrue(parsed.cache_enabled)
        self.assertEqual(parsed.log_level, "INFO")

    def test_ttl_per_dataset_whois_longer_than_dns(self) -> None:
        parsed = parse({"cache": {"ttl_seconds.dns": "60"}})
        self.assertEqual(parsed.ttl_for("dns"), 60)
        self.assertEqual(parsed.ttl_for("whois"), 604800)
        self.assertEqual(parsed.ttl_for("account"), 0)
        self.assertEqual(parse({"cache": {"enabled": "0"}}).ttl_for("whois"), 0)

    def test_bad_numbers_fall_back_to_defaults_with_a_warning(self) -> None:
        with self.assertLogs("passivetotal.settings", "WARNING"):
            parsed = parse({"api": {"timeout_seconds": "soon", "retries": "99"}, "logging": {"level": "LOUD"}})
        self.assertEqual((parsed.timeout_seconds, parsed.retries, parsed.log_level), (20, 2, "INFO"))

    def test_shipped_conf_and_spec_name_the_same_keys(self) -> None:
        def keys(path: str, pattern: str) -> set:
            with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
                # The deprecated [api-setup] of 1.0.4 is documented but never shipped (migration.py writes it).
                return set(re.findall(pattern, handle.read().split("\n[api-setup]")[0], re.MULTILINE))

        conf = keys("default/passivetotal.conf", r"^([a-z_.]+) =")
        spec = keys("README/passivetotal.conf.spec", r"^([a-z_.<>]+) =")
        spec_ttl = {k for k in spec if k.startswith("ttl_seconds.")}
        self.assertEqual(spec_ttl, {"ttl_seconds.<dataset>"})
        self.assertEqual({k for k in conf if not k.startswith("ttl_seconds.")}, spec - spec_ttl)
        self.assertEqual({k.split(".", 1)[1] for k in conf if k.startswith("ttl_seconds.")}, set(settings.DATASETS))


class HandlerSettingsTest(HandlerTest):
    def test_a_remote_plain_http_base_url_is_refused_as_not_configured(self) -> None:
        self.splunkd.conf["api"] = {"base_url": "http://api.passivetotal.org/v2"}
        message = self.assert_error(self.call(), 503, "not_configured")
        self.assertIn("base_url must use https", message["text"])
        self.assertEqual(self.pt.hits, [])

    def test_settings_come_from_splunkd_with_the_system_token(self) -> None:
        self.call()
        readers = {w for m, p, w in self.splunkd.calls if "conf-passivetotal" in p}
        self.assertEqual(readers, {"splunk-system-user"})


if __name__ == "__main__":
    unittest.main()
