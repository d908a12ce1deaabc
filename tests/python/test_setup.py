"""The setup page's routes: setup (GET/POST) and credentials (POST/DELETE), admin only, never echoing the key."""

import json
import unittest

import pt_support
from pt_support import ADMIN_TOKEN, ANALYST_TOKEN, API_KEY, NOBODY_TOKEN, ROOTISH_TOKEN, HandlerTest, log_text

from passivetotal_app import configure

NEW_KEY = "demo-NEWKEY-fedcba9876543210fedcba9876543210"

GOOD_FORM = [
    ("base_url", "https://api.passivetotal.org/v2"),
    ("https_proxy", "http://proxy.example.com:3128"),
    ("timeout_seconds", "30"),
    ("deadline_seconds", "28"),
    ("retries", "1"),
    ("cache_enabled", "true"),
    ("ttl_seconds.dns", "3600"),
    ("ttl_seconds.whois", "0"),
    ("search_mode", "cim"),
    ("summariesonly", "false"),
    ("indexes", "proxy, dns firewall"),
]


class IndexScopeTest(unittest.TestCase):
    def test_definitions_round_trip(self) -> None:
        self.assertEqual(configure.index_definition(["*"]), "index=*")
        self.assertEqual(configure.index_definition(["proxy", "dns"]), "(index=proxy OR index=dns)")
        self.assertEqual(configure.indexes_of("(index=proxy OR index=dns)"), ["proxy", "dns"])
        self.assertEqual(configure.indexes_of("index=*"), ["*"])
        self.assertIsNone(configure.indexes_of("index=proxy sourcetype=squid"))
        self.assertIsNone(configure.indexes_of("(index=proxy"))

    def test_names_are_checked(self) -> None:
        self.assertEqual(configure.parse_indexes(" proxy,dns  proxy "), ["proxy", "dns"])
        for bad in ["", "proxy OR 1=1", "a|b", "-x", 'a"b', "dns)"]:
            with self.assertRaises(ValueError):
                configure.parse_indexes(bad)


class SetupRouteTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd.conf["search"] = {"mode": "raw", "summariesonly": "true"}

    def test_get_gives_the_form_without_the_key(self) -> None:
        reply = self.call(path="setup", query=[], token=ADMIN_TOKEN)
        self.assertEqual(reply["status"], 200, reply["payload"])
        payload = reply["payload"]
        self.assertEqual(payload["credential"], {"configured": True, "username": "analyst@example.com",
                                                 "keyHost": pt_support.host_of(self.pt.base_url),
                                                 "keyHostError": None})
        self.assertEqual(payload["settings"]["baseUrl"], self.pt.base_url)
        self.assertEqual(payload["settings"]["timeoutSeconds"], 2)
        self.assertEqual(payload["settings"]["ttlSeconds"]["whois"], 604800)
        self.assertEqual(payload["settings"]["indexes"], ["*"])
        self.assertEqual(payload["settings"]["searchMode"], "raw")
        self.assertIsNone(payload["migration"])
        self.assertNotIn(API_KEY, json.dumps(reply))

    def test_post_writes_the_conf_and_the_macros(self) -> None:
        reply = self.call("POST", path="setup", query=[], token=ADMIN_TOKEN, form=GOOD_FORM)
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(self.splunkd.conf["api"]["https_proxy"], "http://proxy.example.com:3128")
        self.assertEqual(self.splunkd.conf["api"]["timeout_seconds"], "30")
        self.assertEqual(self.splunkd.conf["cache"]["ttl_seconds.whois"], "0")
        self.assertEqual(self.splunkd.conf["search"], {"mode": "cim", "summariesonly": "false"})
        self.assertEqual(
            self.splunkd.macros["passivetotal_index"]["definition"], "(index=proxy OR index=dns OR index=firewall)"
        )
        self.assertEqual(self.splunkd.macros["passivetotal_summariesonly"]["definition"], "summariesonly=false")
        self.assertTrue(self.splunkd.app_configured)
        self.assertEqual(reply["payload"]["settings"]["indexes"], ["proxy", "dns", "firewall"])
        self.assertIn("settings saved by admin", log_text())

    def test_every_bad_field_is_named_and_nothing_is_written(self) -> None:
        form = [
            ("base_url", "http://api.example.com/v2"),
            ("timeout_seconds", "0"),
            ("retries", "x"),
            ("search_mode", "tstats"),
            ("indexes", "proxy | delete"),
        ]
        before = json.dumps([self.splunkd.conf, self.splunkd.macros])
        reply = self.call("POST", path="setup", query=[], token=ADMIN_TOKEN, form=form)
        message = self.assert_error(reply, 400, "invalid_settings")
        self.assertEqual(
            sorted(message["fields"]), ["base_url", "indexes", "retries", "search_mode", "timeout_seconds"]
        )
        self.assertIn("base_url must use https", message["fields"]["base_url"])
        self.assertEqual(message["fields"]["timeout_seconds"], "a whole number from 1 to 300")
        self.assertEqual(json.dumps([self.splunkd.conf, self.splunkd.macros]), before)

    def test_unknown_fields_are_refused(self) -> None:
        reply = self.call("POST", path="setup", query=[], token=ADMIN_TOKEN, form=[("apikey", "x")])
        self.assert_error(reply, 400, "not_allowed")

    def test_the_form_may_come_as_a_raw_payload(self) -> None:
        self.assertEqual(
            configure.form_pairs({"payload": "retries=3&output_mode=json&indexes=a%2Cb"}),
            [("retries", "3"), ("indexes", "a,b")],
        )

    def test_only_app_admins_may_read_or_save(self) -> None:
        for token in (ANALYST_TOKEN, NOBODY_TOKEN):
            for method, form in (("GET", None), ("POST", GOOD_FORM)):
                reply = self.call(method, path="setup", query=[], token=token, form=form)
                message = self.assert_error(reply, 403, "forbidden")
                self.assertIn("passivetotal_admin", message["text"])
        self.assertNotIn("proxy.example.com", json.dumps(self.splunkd.conf))
        self.assertEqual(self.call(path="setup", query=[], token=ROOTISH_TOKEN)["status"], 200)


class CredentialsRouteTest(HandlerTest):
    def test_post_stores_and_answers_without_the_key(self) -> None:
        form = [("username", "new@example.com"), ("api_key", NEW_KEY)]
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(reply["payload"], {"configured": True, "username": "new@example.com",
                                            "keyHost": pt_support.host_of(self.pt.base_url)})
        # The newer credential replaces the older one.
        self.assertEqual([(p["username"], p["key"]) for p in self.splunkd.passwords], [("new@example.com", NEW_KEY)])
        self.assertTrue(self.splunkd.app_configured)
        self.assertNotIn(NEW_KEY, json.dumps(reply))
        self.assertNotIn(NEW_KEY, log_text())

    def test_the_same_username_updates_the_key_after_409(self) -> None:
        reply = self.call(
            "POST", path="credentials", query=[], token=ADMIN_TOKEN,
            form=[("username", "analyst@example.com"), ("api_key", NEW_KEY)],
        )
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(len(self.splunkd.passwords), 1)
        self.assertEqual(self.splunkd.passwords[0]["key"], NEW_KEY)

    def test_missing_values_are_named(self) -> None:
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=[("username", " a ")])
        message = self.assert_error(reply, 400, "invalid_settings")
        self.assertEqual(sorted(message["fields"]), ["api_key", "username"])
        reply = self.call(
            "POST", path="credentials", query=[], token=ADMIN_TOKEN, form=[("username", "a"), ("api_key", "a b")]
        )
        self.assertEqual(sorted(self.assert_error(reply, 400, "invalid_settings")["fields"]), ["api_key"])

    def test_delete_removes_it_and_marks_the_app_unconfigured(self) -> None:
        reply = self.call("DELETE", path="credentials", query=[], token=ADMIN_TOKEN)
        self.assertEqual(reply["payload"], {"configured": False, "username": None, "removed": 1})
        self.assertEqual(self.splunkd.passwords, [])
        self.assertFalse(self.splunkd.app_configured)
        status = self.call(path="status", query=[], token=ADMIN_TOKEN)["payload"]
        self.assertFalse(status["configured"])

    def test_analysts_may_not_change_credentials(self) -> None:
        for method, form in (("POST", [("username", "x@example.com"), ("api_key", NEW_KEY)]), ("DELETE", None)):
            reply = self.call(method, path="credentials", query=[], token=ANALYST_TOKEN, form=form)
            self.assert_error(reply, 403, "forbidden")
        self.assertEqual(self.splunkd.passwords[0]["key"], API_KEY)

    def test_other_methods_are_405(self) -> None:
        self.assert_error(self.call("GET", path="credentials", query=[], token=ADMIN_TOKEN), 405, "method_not_allowed")
        self.assert_error(self.call("DELETE", path="setup", query=[], token=ADMIN_TOKEN), 405, "method_not_allowed")

    def test_a_splunkd_refusal_is_a_500_without_details(self) -> None:
        self.splunkd.write_status = 403
        form = [("username", "n@example.com"), ("api_key", NEW_KEY)]
        reply = self.call("POST", path="credentials", query=[], token=ADMIN_TOKEN, form=form)
        message = self.assert_error(reply, 500, "internal")
        self.assertEqual(
            message["text"], "Splunk did not let the app store the PassiveTotal credential; see passivetotal.log."
        )
