"""The open providers on the setup page and the status: keys through ``credentials`` with ``provider``, the
providers' settings and order through ``setup``, ``status`` for analysts, and ``check?provider=<id>``."""

import json
import unittest

import pt_support
from open_support import CIRCL_PASSWORD, CIRCL_USER, OTX_KEY, OpenHandlerTest, net
from pt_support import ADMIN_TOKEN, ANALYST_TOKEN, API_KEY, NOBODY_TOKEN

from passivetotal_app import profiles

NEW_OTX = "demo-NEWOTX-aaaabbbbccccddddeeeeffff00001111"


def provider(payload: dict, provider_id: str) -> dict:
    return [p for p in payload["providers"] if p["id"] == provider_id][0]


class ProviderKeysTest(OpenHandlerTest):
    def test_post_stores_a_header_key_under_the_provider_realm(self) -> None:
        self.drop_key("otx")
        form = [("provider", "otx"), ("api_key", NEW_OTX)]
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(reply["payload"], {"provider": "otx", "configured": True, "keyStored": True,
                                            "keyHost": "otx.alienvault.com",
                                            "username": None})
        self.assertTrue(self.splunkd.keys_of("passivetotal_otx") == [("key", NEW_OTX)])
        # PassiveTotal's credential and the other providers' keys are untouched, and the app stays configured as is.
        self.assertEqual(self.splunkd.keys_of("passivetotal"), [(pt_support.USERNAME, API_KEY)])
        self.assertEqual(len(self.splunkd.keys_of("passivetotal_urlhaus")), 1)
        self.assertIsNone(self.splunkd.app_configured)
        self.assert_no_secret(json.dumps(reply), pt_support.log_text())
        self.assertNotIn(NEW_OTX, json.dumps(reply) + pt_support.log_text())
        self.assertIn("key of AlienVault OTX saved by admin", pt_support.log_text())

    def test_a_new_key_replaces_the_old_one(self) -> None:
        form = [("provider", "otx"), ("api_key", NEW_OTX)]
        self.assertEqual(self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)["status"], 200)
        self.assertTrue(self.splunkd.keys_of("passivetotal_otx") == [("key", NEW_OTX)])

    def test_circl_takes_a_username_and_password(self) -> None:
        self.drop_key("circl")
        form = [("provider", "circl"), ("username", "analyst@example.org"), ("api_key", CIRCL_PASSWORD)]
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)
        self.assertEqual(reply["payload"], {"provider": "circl", "configured": True, "keyStored": True,
                                            "keyHost": "www.circl.lu",
                                            "username": "analyst@example.org"})
        self.assertTrue(self.splunkd.keys_of("passivetotal_circl") == [("analyst@example.org", CIRCL_PASSWORD)])
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN,
                          form=[("provider", "circl"), ("api_key", "x-y-z-1")])
        message = self.assert_error(reply, 400, "invalid_settings")
        self.assertEqual(message["fields"], {"username": "enter the CIRCL Passive DNS username"})
        self.assertEqual(message["text"], "Not saved: enter the CIRCL Passive DNS username.")
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=[("provider", "circl")])
        self.assertEqual(self.assert_error(reply, 400, "invalid_settings")["text"],
                         "Not saved: enter the CIRCL Passive DNS username; enter the password of CIRCL Passive DNS.")

    def test_bad_forms_are_refused_naming_the_field(self) -> None:
        rows = [
            ([("provider", "otx")], 400, "invalid_settings", "Not saved: enter the API key of AlienVault OTX."),
            ([("provider", "otx"), ("api_key", "has space")], 400, "invalid_settings",
             "Not saved: a key is at most 512 characters without spaces."),
            ([("provider", "otx"), ("api_key", "k"), ("username", "u")], 400, "not_allowed",
             "Unknown setting 'username'"),
            ([("provider", "crtsh"), ("api_key", "k")], 400, "not_allowed", "crt.sh takes no key"),
            ([("provider", "nope"), ("api_key", "k")], 400, "not_allowed", "provider 'nope' is not an open data"),
            ([("provider", "otx"), ("provider", "urlhaus"), ("api_key", "k")], 400, "not_allowed", "more than once"),
        ]
        before = json.dumps(self.splunkd.passwords)
        for form, status, code, words in rows:
            with self.subTest(form=form):
                reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)
                self.assertIn(words, self.assert_error(reply, status, code)["text"])
        self.assertEqual(json.dumps(self.splunkd.passwords), before)

    def test_delete_removes_only_that_providers_key(self) -> None:
        reply = self.call("DELETE", path="credentials", query=[("provider", "otx")], token=ADMIN_TOKEN)
        self.assertEqual(reply["payload"], {"provider": "otx", "configured": False, "keyStored": False,
                                            "username": None, "removed": 1})
        self.assertEqual(self.splunkd.keys_of("passivetotal_otx"), [])
        self.assertEqual(len(self.splunkd.keys_of("passivetotal")), 1)
        self.assertIsNone(self.splunkd.app_configured)
        reply = self.call("DELETE", path="credentials", query=[("provider", "mnemonic")], token=ADMIN_TOKEN)
        self.assertEqual((reply["payload"]["configured"], reply["payload"]["removed"]), (True, 1))
        self.assert_error(self.call("DELETE", path="credentials", query=[("provider", "rdap")], token=ADMIN_TOKEN),
                          400, "not_allowed")

    def test_without_provider_the_passivetotal_credential_is_meant(self) -> None:
        form = [("provider", "passivetotal"), ("username", "new@example.com"), ("api_key", "demo-NEW-123456")]
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)
        self.assertEqual(reply["payload"], {"configured": True, "username": "new@example.com",
                                            "keyHost": pt_support.host_of(self.pt.base_url)})
        self.assertEqual(self.splunkd.keys_of("passivetotal"), [("new@example.com", "demo-NEW-123456")])
        self.assertEqual(len(self.splunkd.keys_of("passivetotal_otx")), 1)
        reply = self.call("DELETE", path="credentials", query=[], token=ADMIN_TOKEN)
        self.assertEqual(reply["payload"]["removed"], 1)
        self.assertEqual(len(self.splunkd.keys_of("passivetotal_otx")), 1)

    def test_analysts_may_not_store_keys(self) -> None:
        for token in (ANALYST_TOKEN, NOBODY_TOKEN):
            reply = self.call("POST", path="credentials", query=[], token=token,
                              form=[("provider", "otx"), ("api_key", NEW_OTX)])
            self.assert_error(reply, 403, "forbidden")
        self.assertTrue(self.splunkd.keys_of("passivetotal_otx") == [("key", OTX_KEY)])


class ProviderSetupTest(OpenHandlerTest):
    def test_get_reports_every_provider_without_keys(self) -> None:
        self.drop_key("otx")
        self.splunkd.conf["provider:crtsh"] = {"enabled": "false", "timeout_seconds": "40"}
        self.splunkd.conf["provider:internetdb"] = {"base_url": "http://internetdb.example"}
        payload = self.call(path="setup", query=[], token=ADMIN_TOKEN)["payload"]
        self.assertEqual([p["id"] for p in payload["providers"]], list(profiles.OPEN_IDS))
        self.assertEqual(provider(payload, "crtsh"), {
            "id": "crtsh", "label": "crt.sh", "enabled": False, "key": "none", "keyStored": False, "configured": True,
            "ready": False, "datasets": ["certificates"], "operations": ["certificates", "subdomains"],
            "note": profiles.PROFILES["crtsh"].note, "username": None,
            "settings": {"urlKey": "base_url", "baseUrl": "https://crt.sh", "rateLimitPerMinute": 5,
                         "callsPerUserPerDay": 1000, "ttlSeconds": 21600, "timeoutSeconds": 40},
            "settingsError": None, "keyHost": None, "keyHostError": None,
        })
        otx = provider(payload, "otx")
        self.assertEqual((otx["key"], otx["keyStored"], otx["configured"], otx["ready"]),
                         ("required", False, False, False))
        circl = provider(payload, "circl")
        self.assertEqual((circl["keyStored"], circl["configured"], circl["username"]), (True, True, CIRCL_USER))
        mnemonic = provider(payload, "mnemonic")
        self.assertEqual((mnemonic["key"], mnemonic["keyStored"], mnemonic["username"]), ("optional", True, None))
        self.assertEqual(provider(payload, "rdap")["settings"]["urlKey"], "bootstrap_url")
        self.assertIn("must use https", provider(payload, "internetdb")["settingsError"])
        self.assertEqual(payload["datasetOrder"], {k: list(v) for k, v in profiles.DEFAULT_ORDER.items()})
        self.assert_no_secret(json.dumps(payload))

    def test_post_saves_provider_settings_and_order(self) -> None:
        form = [
            ("provider.crtsh.enabled", "false"),
            ("provider.crtsh.timeout_seconds", "29"),
            ("provider.rdap.bootstrap_url", "http://127.0.0.1:8999/rdap/bootstrap/"),
            ("provider.mnemonic.rate_limit_per_minute", "0"),
            ("provider.otx.ttl_seconds", "600"),
            ("provider.internetdb.base_url", ""),
            ("order.resolutions", "mnemonic, passivetotal"),
            ("order.whois", ""),
        ]
        reply = self.call("POST", path="setup", query=[], token=ADMIN_TOKEN, form=form)
        self.assertEqual(reply["status"], 200, reply["payload"])
        conf = self.splunkd.conf
        self.assertEqual(conf["provider:crtsh"], {"enabled": "false", "timeout_seconds": "29"})
        self.assertEqual(conf["provider:rdap"], {"bootstrap_url": "http://127.0.0.1:8999/rdap/bootstrap"})
        self.assertEqual(conf["provider:mnemonic"], {"rate_limit_per_minute": "0"})
        self.assertEqual(conf["provider:otx"], {"ttl_seconds": "600"})
        self.assertEqual(conf["provider:internetdb"], {"base_url": "https://internetdb.shodan.io"})
        self.assertEqual(conf["datasets"], {"order.resolutions": "mnemonic,passivetotal", "order.whois": ""})
        payload = reply["payload"]
        self.assertEqual(payload["datasetOrder"]["resolutions"], ["mnemonic", "passivetotal"])
        self.assertEqual(payload["datasetOrder"]["whois"], [])
        self.assertFalse(provider(payload, "crtsh")["enabled"])
        self.assertIn("POST /servicesNS/nobody/passivetotal/configs/conf-passivetotal/provider%3Acrtsh",
                      ["%s %s" % (m, p) for m, p, _ in self.splunkd.calls])

    def test_bad_provider_fields_are_named_and_nothing_is_written(self) -> None:
        form = [
            ("provider.crtsh.base_url", "http://crt.sh"),
            ("provider.rdap.bootstrap_url", "https://u:p@iana.example/"),
            ("provider.otx.timeout_seconds", "0"),
            ("provider.otx.rate_limit_per_minute", "many"),
            ("order.whois", "rdap,crtsh"),
            ("order.reputation", "virustotal"),
        ]
        before = json.dumps(self.splunkd.conf)
        message = self.assert_error(self.call("POST", path="setup", query=[], token=ADMIN_TOKEN, form=form), 400,
                                    "invalid_settings")
        self.assertEqual(message["fields"], {
            "provider.crtsh.base_url": "base_url must use https; plain http is accepted only for a loopback host (a "
                                       "local replay server)",
            "provider.rdap.bootstrap_url": "bootstrap_url must not contain credentials; they belong on the setup page",
            "provider.otx.timeout_seconds": "a whole number from 1 to 300",
            "provider.otx.rate_limit_per_minute": "a whole number from 0 to 10000",
            "order.whois": "'crtsh' cannot fill whois (one of: passivetotal, rdap)",
            "order.reputation": "'virustotal' cannot fill reputation (one of: passivetotal, otx, urlhaus, threatfox)",
        })
        self.assertEqual(json.dumps(self.splunkd.conf), before)
        for field in ["provider.rdap.base_url", "provider.nope.enabled", "provider.crtsh.api_key", "order.dns"]:
            with self.subTest(field=field):
                reply = self.call("POST", path="setup", query=[], token=ADMIN_TOKEN, form=[(field, "x")])
                self.assert_error(reply, 400, "not_allowed")


class ProviderStatusTest(OpenHandlerTest):
    def test_analysts_see_which_providers_are_ready(self) -> None:
        self.drop_key("threatfox")
        self.splunkd.conf["provider:urlhaus"] = {"enabled": "0"}
        self.splunkd.conf["datasets"] = {"order.reputation": "otx,threatfox"}
        payload = self.call(path="status", query=[], token=ANALYST_TOKEN)["payload"]
        self.assertEqual([p["id"] for p in payload["providers"]], list(profiles.OPEN_IDS))
        ready = {p["id"]: p["ready"] for p in payload["providers"]}
        self.assertEqual(ready, {"rdap": True, "crtsh": True, "certspotter": True, "mnemonic": True, "otx": True,
                                 "circl": True, "urlhaus": False, "threatfox": False, "internetdb": True})
        self.assertEqual(set(payload["providers"][0]), {"id", "label", "enabled", "key", "keyStored", "configured",
                                                        "ready", "datasets", "operations", "note"})
        self.assertEqual(payload["datasetOrder"]["reputation"], ["otx", "threatfox"])
        self.assertEqual(payload["datasetOrder"]["whois"], ["passivetotal", "rdap"])
        self.assert_no_secret(json.dumps(payload))

    def test_users_without_the_app_role_see_no_providers(self) -> None:
        payload = self.call(path="status", query=[], token=NOBODY_TOKEN)["payload"]
        self.assertNotIn("providers", payload)

    def test_without_passivetotal_the_open_providers_still_work(self) -> None:
        self.splunkd.passwords = [p for p in self.splunkd.passwords if p.get("realm") != "passivetotal"
                                  and p.get("realm") is not None]
        payload = self.call(path="status", query=[])["payload"]
        self.assertFalse(payload["configured"])
        self.assertTrue(all(p["ready"] for p in payload["providers"]))
        self.net.replies["https://internetdb.shodan.io/192.0.2.1"] = net(200, {"ip": "192.0.2.1", "ports": [443]})
        self.assertEqual(self.open("internetdb", "host", "192.0.2.1")["status"], 200)


class ProviderCheckTest(OpenHandlerTest):
    def test_check_runs_the_fixed_query_uncached(self) -> None:
        url = "https://crt.sh/?q=example.com&output=json&exclude=expired&deduplicate=Y"
        self.net.replies[url] = net(200, [])
        for _ in range(2):
            payload = self.call(path="check", query=[("provider", "crtsh")])["payload"]
            self.assertEqual(payload, {
                "ok": True, "provider": "crtsh", "label": "crt.sh",
                "text": "crt.sh answered the test query (certificates of example.com).",
                "baseUrl": "https://crt.sh", "enabled": True, "checkedAt": "2023-11-14T22:13:20Z",
            })
        self.assertEqual(self.net.urls(), [url, url])
        self.assertEqual(self.splunkd.kv, {})

    def test_every_provider_has_a_cheap_check(self) -> None:
        expected = {
            "rdap": "https://data.iana.org/rdap/dns.json",
            "crtsh": "https://crt.sh/?q=example.com&output=json&exclude=expired&deduplicate=Y",
            "certspotter": "https://api.certspotter.com/v1/issuances?domain=example.com&include_subdomains=true"
                           "&expand=dns_names&expand=issuer",
            "mnemonic": "https://api.mnemonic.no/pdns/v3/example.com?limit=1000",
            "otx": "https://otx.alienvault.com/api/v1/indicators/domain/example.com/general",
            "circl": "https://www.circl.lu/pdns/query/example.com",
            "urlhaus": "https://urlhaus-api.abuse.ch/v1/host/",
            "threatfox": "https://threatfox-api.abuse.ch/api/v1/",
            "internetdb": "https://internetdb.shodan.io/8.8.8.8",
        }
        for provider_id, url in expected.items():
            with self.subTest(provider=provider_id):
                self.net.sent.clear()
                self.call(path="check", query=[("provider", provider_id)])
                self.assertEqual(self.net.urls()[0], url)

    def test_check_answers_the_error(self) -> None:
        self.drop_key("urlhaus")
        message = self.assert_error(self.call(path="check", query=[("provider", "urlhaus")]), 503, "not_configured")
        self.assertIn("URLhaus is not configured", message["text"])
        self.net.replies["https://otx.alienvault.com/api/v1/indicators/domain/example.com/general"] = net(
            403, {"detail": "Invalid API key"})
        message = self.assert_error(self.call(path="check", query=[("provider", "otx")]), 401, "bad_credentials")
        self.assertIn("AlienVault OTX refused the API key (HTTP 403).", message["text"])
        self.assertEqual(message["provider"], "otx")
        self.assert_error(self.call(path="check", query=[("provider", "virustotal")]), 400, "not_allowed")

    def test_a_turned_off_provider_can_still_be_checked(self) -> None:
        self.splunkd.conf["provider:internetdb"] = {"enabled": "false"}
        self.net.replies["https://internetdb.shodan.io/8.8.8.8"] = net(200, {"ip": "8.8.8.8"})
        payload = self.call(path="check", query=[("provider", "internetdb")])["payload"]
        self.assertEqual((payload["ok"], payload["enabled"]), (True, False))

    def test_check_without_provider_is_passivetotal(self) -> None:
        self.pt.routes["/v2/account"] = pt_support.Reply(200, {"username": pt_support.USERNAME})
        for query in ([], [("provider", "passivetotal")]):
            payload = self.call(path="check", query=query)["payload"]
            self.assertEqual(payload["text"], "PassiveTotal accepted the credentials.")
        self.assertEqual(self.net.sent, [])


if __name__ == "__main__":
    unittest.main()
