"""The handler reads the catalogue (catalogue/catalogue.json) through the generated catalogue.py: the same data,
every name it uses known to the code (validators, error codes, routes), every provider a profile of the pipeline.
`npm test` also checks that catalogue.py is what the generator writes now (scripts/catalogue.ts --check)."""

import json
import os
import re
import unittest

from pt_support import ROOT

from passivetotal_app import catalogue, configure, errors, profiles, routes, values
from passivetotal_app.settings import defaults

with open(os.path.join(ROOT, "catalogue", "catalogue.json"), encoding="utf-8") as _handle:
    SOURCE = json.load(_handle)


class GeneratedDataTest(unittest.TestCase):
    def test_catalogue_py_holds_the_json(self) -> None:
        for key in ("limits", "http", "errors", "validators", "routes", "groups", "cacheDatasets", "providers"):
            with self.subTest(key=key):
                name = re.sub(r"([a-z])([A-Z])", r"\1_\2", key).upper()
                self.assertEqual(getattr(catalogue, name), SOURCE[key])

    def test_every_setting_is_expanded_once(self) -> None:
        keys = [(s["stanza"], s["key"]) for s in catalogue.SETTINGS]
        self.assertEqual(len(keys), len(set(keys)))
        stanzas = {s for s, _ in keys}
        self.assertEqual({s for s in stanzas if s.startswith("provider:")},
                         {"provider:" + pid for pid in profiles.OPEN_IDS})
        self.assertIn(("provider:rdap", "bootstrap_url"), keys)
        self.assertIn(("cache", "ttl_seconds.host_attributes"), keys)


class CodeKnowsEveryNameTest(unittest.TestCase):
    def test_validators(self) -> None:
        self.assertEqual(set(values.BY_NAME) | {"one_of"}, set(catalogue.VALIDATORS))

    def test_error_codes(self) -> None:
        codes = {value for name, value in vars(errors).items() if name.isupper() and isinstance(value, str)}
        self.assertEqual(codes, set(catalogue.ERRORS))

    def test_routes(self) -> None:
        self.assertEqual(set(routes.ROUTES), set(catalogue.ROUTES))

    def test_setup_fields(self) -> None:
        self.assertEqual(set(configure.FIELDS), {s["setup"] for s in catalogue.SETTINGS if "setup" in s})


class ProfilesTest(unittest.TestCase):
    def test_every_provider_is_a_profile(self) -> None:
        self.assertEqual(list(profiles.PROFILES), list(catalogue.PROVIDERS))
        self.assertEqual(profiles.PASSIVETOTAL, "passivetotal")
        pt = profiles.PROFILES["passivetotal"]
        self.assertEqual((pt.route, pt.realm, pt.stanza, pt.cache_prefix), ("pt", "passivetotal", "api", ""))
        crtsh = profiles.PROFILES["crtsh"]
        self.assertEqual((crtsh.realm, crtsh.stanza, crtsh.cache_prefix),
                         ("passivetotal_crtsh", "provider:crtsh", "open:crtsh:"))
        self.assertEqual(crtsh.operations["certificates"].endpoint, "crtsh/certificates")
        self.assertEqual(pt.operations["dns/passive"].endpoint, "dns/passive")

    def test_statuses_are_the_catalogues_with_the_providers_own(self) -> None:
        self.assertEqual(profiles.PROFILES["passivetotal"].statuses[429], "quota_exceeded")
        self.assertEqual(profiles.PROFILES["otx"].statuses[429], "rate_limited")
        self.assertEqual(profiles.PROFILES["passivetotal"].statuses[402], "not_licensed")
        self.assertEqual(profiles.PROFILES["mnemonic"].statuses[402], "quota_exceeded")

    def test_groups_and_who_fills_them(self) -> None:
        self.assertEqual(profiles.fills("whois"), ("passivetotal", "rdap"))
        self.assertEqual(profiles.fills("reputation"), ("passivetotal", "otx", "urlhaus", "threatfox"))
        for group, order in profiles.DEFAULT_ORDER.items():
            self.assertTrue(set(order) <= set(profiles.fills(group)), group)

    def test_the_default_settings_are_the_catalogues(self) -> None:
        parsed = defaults()
        for profile in profiles.PROFILES.values():
            with self.subTest(provider=profile.id):
                provider = parsed.providers[profile.id]
                self.assertEqual(provider.base_url, profile.base_url.rstrip("/"))
                self.assertEqual(provider.timeout_seconds, profile.timeout_seconds)
                self.assertEqual(provider.error, "")


if __name__ == "__main__":
    unittest.main()
