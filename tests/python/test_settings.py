"""passivetotal.conf: defaults, validation (https only, loopback http allowed), per-dataset TTL; spec and conf agree."""

import os
import re
import unittest
from typing import Dict, Set

from pt_support import ROOT, HandlerTest

from passivetotal_app import profiles, settings
from passivetotal_app import urls
from passivetotal_app.settings import parse
from passivetotal_app.urls import SettingsError, check_base_url


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
        self.assertEqual(urls.check_proxy("https://proxy.example:3128"), "https://proxy.example:3128")
        with self.assertRaises(SettingsError):
            urls.check_proxy("https://u:p@proxy.example:3128")
        with self.assertRaises(SettingsError):
            urls.check_proxy("socks5://proxy.example:1080")


class ParseTest(unittest.TestCase):
    def test_defaults(self) -> None:
        parsed = parse({})
        self.assertEqual(parsed.base_url, "https://api.passivetotal.org/v2")
        self.assertEqual((parsed.providers["passivetotal"].timeout_seconds, parsed.retries, parsed.deadline_seconds),
                         (20, 2, 25))
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
        self.assertEqual((parsed.providers["passivetotal"].timeout_seconds, parsed.retries, parsed.log_level),
                         (20, 2, "INFO"))

    @staticmethod
    def _stanzas(path: str) -> Dict[str, Set[str]]:
        """``{stanza: keys}`` of a .conf or .spec file (the deprecated [api-setup] of 1.0.4 is documented but never
        shipped: migration.py writes it)."""
        found: Dict[str, Set[str]] = {}
        current = ""
        with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
            for line in handle.read().split("\n[api-setup]")[0].splitlines():
                header = re.match(r"^\[([^\]]+)\]\s*$", line)
                if header:
                    current = header.group(1)
                    found.setdefault(current, set())
                    continue
                key = re.match(r"^([a-z_.<>]+) =", line)
                if key:
                    found.setdefault(current, set()).add(key.group(1))
        return found

    @staticmethod
    def _pattern(spec_name: str) -> "re.Pattern[str]":
        return re.compile("^" + "".join(".+" if part.startswith("<") else re.escape(part)
                                        for part in re.split(r"(<[^<>]+>)", spec_name)) + "$")

    def test_every_shipped_key_is_documented_in_its_stanza_and_back(self) -> None:
        conf = self._stanzas("default/passivetotal.conf")
        spec = self._stanzas("README/passivetotal.conf.spec")
        for stanza, keys in conf.items():
            specs = [name for name in spec if self._pattern(name).match(stanza)]
            self.assertTrue(specs, "[%s] is not in the spec" % stanza)
            allowed = [self._pattern(key) for name in specs for key in spec[name]]
            for key in keys:
                with self.subTest(stanza=stanza, key=key):
                    self.assertTrue(any(p.match(key) for p in allowed), "[%s] %s is not in the spec" % (stanza, key))
        # ... and every documented key is shipped with its default (the placeholders: each value of it), but key_host,
        # which only saving a key writes (absent means the default address's host).
        for name, keys in spec.items():
            stanzas = [s for s in conf if self._pattern(name).match(s)]
            self.assertTrue(stanzas, "[%s] of the spec is not shipped" % name)
            for key in keys - {urls.KEY_HOST}:
                shipped = set().union(*(conf[s] for s in stanzas))
                self.assertTrue(any(self._pattern(key).match(k) for k in shipped), "%s of [%s]" % (key, name))
        self.assertEqual({k.split(".", 1)[1] for k in conf["cache"] if k.startswith("ttl_seconds.")},
                         set(settings.DATASETS))
        self.assertEqual({k.split(".", 1)[1] for k in conf["datasets"]}, set(profiles.GROUPS))
        self.assertEqual({s.split(":", 1)[1] for s in conf if s.startswith("provider:")},
                         set(profiles.OPEN_IDS))

    def test_shipped_provider_defaults_are_the_catalogue_defaults(self) -> None:
        """default/passivetotal.conf and the catalogue say the same (the handler falls back to the latter)."""
        parsed = parse(self._conf_values())
        self.assertEqual(parsed.providers, settings.defaults().providers)
        self.assertEqual(dict(parsed.dataset_order), profiles.DEFAULT_ORDER)

    @staticmethod
    def _conf_values() -> Dict[str, Dict[str, str]]:
        found: Dict[str, Dict[str, str]] = {}
        current = ""
        with open(os.path.join(ROOT, "default", "passivetotal.conf"), encoding="utf-8") as handle:
            for line in handle:
                header = re.match(r"^\[([^\]]+)\]\s*$", line)
                if header:
                    current = header.group(1)
                    continue
                pair = re.match(r"^([a-z_.]+) = ?(.*)$", line.rstrip("\n"))
                if pair:
                    found.setdefault(current, {})[pair.group(1)] = pair.group(2)
        return found


class ProviderSettingsTest(unittest.TestCase):
    def test_defaults_of_every_provider(self) -> None:
        parsed = parse({})
        self.assertEqual(sorted(parsed.providers), sorted(profiles.PROFILES))
        crtsh = parsed.providers["crtsh"]
        self.assertEqual((crtsh.base_url, crtsh.enabled, crtsh.rate_limit_per_minute, crtsh.ttl_seconds,
                          crtsh.timeout_seconds, crtsh.error), ("https://crt.sh", True, 5, 21600, 28, ""))
        self.assertEqual(parsed.providers["rdap"].base_url, "https://data.iana.org/rdap")

    def test_stanza_values_and_bad_values(self) -> None:
        with self.assertLogs("passivetotal.settings", "WARNING"):
            parsed = parse({
                "provider:otx": {"base_url": "http://127.0.0.1:9/otx/", "enabled": "false",
                                 "rate_limit_per_minute": "0", "ttl_seconds": "x", "timeout_seconds": "999"},
                "provider:rdap": {"bootstrap_url": "http://iana.example/rdap/"},
                "provider:crtsh": {"base_url": "https://user:pw@crt.example"},
            })
        otx = parsed.providers["otx"]
        self.assertEqual((otx.base_url, otx.enabled, otx.rate_limit_per_minute, otx.ttl_seconds, otx.timeout_seconds),
                         ("http://127.0.0.1:9/otx", False, 0, 3600, 15))
        self.assertIn("bootstrap_url must use https", parsed.providers["rdap"].error)
        self.assertIn("base_url must not contain credentials", parsed.providers["crtsh"].error)
        # An unusable provider address never makes the whole settings unusable.
        self.assertEqual(parsed.base_url, "https://api.passivetotal.org/v2")

    def test_dataset_order(self) -> None:
        parsed = parse({"datasets": {"order.resolutions": " otx , mnemonic,otx ", "order.whois": ""}})
        self.assertEqual(parsed.dataset_order["resolutions"], ("otx", "mnemonic"))
        self.assertEqual(parsed.dataset_order["whois"], ())
        self.assertEqual(parsed.dataset_order["certificates"], ("passivetotal", "crtsh", "certspotter"))
        with self.assertLogs("passivetotal.settings", "WARNING") as logged:
            parsed = parse({"datasets": {"order.whois": "rdap,crtsh"}})
        self.assertEqual(parsed.dataset_order["whois"], ("passivetotal", "rdap"))
        self.assertIn("'crtsh' cannot fill whois", logged.output[0])


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
