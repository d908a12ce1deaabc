"""[search] of passivetotal.conf: mode, match, summariesonly and max_sighting_candidates; read with defaults, saved
through the setup route with a reason per bad field, and given to every user by the status route."""

import json
import unittest
from typing import Any, Dict, List, Optional, Tuple

from pt_support import ADMIN_TOKEN, ANALYST_TOKEN, NOBODY_TOKEN, HandlerTest

import splunk.rest  # noqa: E402  (the fake splunkd backend, on sys.path through pt_support)

from passivetotal_app.settings import SearchSettings, defaults, parse


def parse_search(stanza: Dict[str, str]) -> SearchSettings:
    return parse({"search": stanza}).search


DEFAULT_SEARCH = {"mode": "raw", "match": "thorough", "summariesonly": True, "maxSightingCandidates": 5000}


class ParseSearchTest(unittest.TestCase):
    def test_defaults_when_the_stanza_or_a_key_is_absent(self) -> None:
        self.assertEqual(parse({}).search, SearchSettings("raw", "thorough", True, 5000))
        self.assertEqual(defaults().search.as_json(), DEFAULT_SEARCH)
        self.assertEqual(parse_search({"mode": "cim"}), SearchSettings("cim", "thorough", True, 5000))
        self.assertEqual(parse_search({"match": "", "max_sighting_candidates": " "}), SearchSettings())

    def test_valid_values(self) -> None:
        parsed = parse({"search": {"mode": " CIM ", "match": "Fast", "summariesonly": "0",
                                   "max_sighting_candidates": "50000"}}).search
        self.assertEqual(parsed, SearchSettings("cim", "fast", False, 50000))
        self.assertEqual(parsed.as_json(),
                         {"mode": "cim", "match": "fast", "summariesonly": False, "maxSightingCandidates": 50000})
        self.assertEqual(parse_search({"max_sighting_candidates": "1"}).max_sighting_candidates, 1)
        self.assertEqual(parse_search({"max_sighting_candidates": "250.0"}).max_sighting_candidates, 250)

    def test_values_that_are_not_valid_fall_back_to_the_defaults_with_a_warning(self) -> None:
        for key, value in [("mode", "tstats"), ("match", "quick"), ("summariesonly", "maybe"),
                           ("max_sighting_candidates", "0"), ("max_sighting_candidates", "50001"),
                           ("max_sighting_candidates", "2.5"), ("max_sighting_candidates", "many"),
                           ("max_sighting_candidates", "nan"), ("max_sighting_candidates", "inf")]:
            with self.subTest(key=key, value=value):
                with self.assertLogs("passivetotal.settings", "WARNING") as logged:
                    self.assertEqual(parse_search({key: value}), SearchSettings())
                self.assertIn(key, logged.output[0])

    def test_a_bad_search_value_never_makes_the_settings_unusable(self) -> None:
        with self.assertLogs("passivetotal.settings", "WARNING"):
            parsed = parse({"search": {"match": "x", "max_sighting_candidates": "-1"}})
        self.assertEqual(parsed.base_url, "https://api.passivetotal.org/v2")


class SearchSetupRouteTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd.conf["search"] = {"mode": "raw", "summariesonly": "true"}

    def setup_call(self, form: Optional[List[Tuple[str, str]]] = None) -> Dict[str, Any]:
        method = "GET" if form is None else "POST"
        return self.call(method, path="setup", query=[], token=ADMIN_TOKEN, form=form)

    def test_get_gives_the_defaults_of_keys_not_set(self) -> None:
        reply = self.setup_call()
        self.assertEqual(reply["status"], 200, reply["payload"])
        settings = reply["payload"]["settings"]
        self.assertEqual(settings["searchMatch"], "thorough")
        self.assertEqual(settings["maxSightingCandidates"], 5000)
        self.assertIsInstance(settings["maxSightingCandidates"], int)

    def test_get_gives_the_stored_values(self) -> None:
        self.splunkd.conf["search"] = {"mode": "cim", "match": "fast", "summariesonly": "false",
                                       "max_sighting_candidates": "120"}
        settings = self.setup_call()["payload"]["settings"]
        self.assertEqual(
            {k: settings[k] for k in ("searchMode", "searchMatch", "summariesonly", "maxSightingCandidates")},
            {"searchMode": "cim", "searchMatch": "fast", "summariesonly": False, "maxSightingCandidates": 120},
        )

    def test_get_shows_the_default_in_place_of_a_stored_value_that_is_not_valid(self) -> None:
        self.splunkd.conf["search"] = {"match": "quick", "max_sighting_candidates": "999999"}
        with self.assertLogs("passivetotal.settings", "WARNING"):
            settings = self.setup_call()["payload"]["settings"]
        self.assertEqual((settings["searchMatch"], settings["maxSightingCandidates"]), ("thorough", 5000))

    def test_post_saves_them_and_get_reads_them_back(self) -> None:
        reply = self.setup_call([("search_match", " FAST "), ("max_sighting_candidates", "750")])
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(
            self.splunkd.conf["search"],
            {"mode": "raw", "summariesonly": "true", "match": "fast", "max_sighting_candidates": "750"},
        )
        self.assertEqual(reply["payload"]["settings"]["searchMatch"], "fast")
        self.assertEqual(reply["payload"]["settings"]["maxSightingCandidates"], 750)
        again = self.setup_call()["payload"]["settings"]
        self.assertEqual((again["searchMatch"], again["maxSightingCandidates"]), ("fast", 750))
        status = self.call(path="status", query=[], token=ANALYST_TOKEN)["payload"]
        self.assertEqual(status["search"], {"mode": "raw", "match": "fast", "summariesonly": True,
                                            "maxSightingCandidates": 750})

    def test_the_limits_are_accepted(self) -> None:
        for value in ("1", "50000", "0050"):
            with self.subTest(value=value):
                reply = self.setup_call([("max_sighting_candidates", value), ("search_match", "thorough")])
                self.assertEqual(reply["status"], 200, reply["payload"])
                self.assertEqual(self.splunkd.conf["search"]["max_sighting_candidates"], str(int(value)))
                self.assertEqual(self.splunkd.conf["search"]["match"], "thorough")

    def test_each_bad_value_is_named_with_its_reason_and_nothing_is_written(self) -> None:
        cases = [
            ("search_match", "quick", "thorough or fast"),
            ("search_match", "", "thorough or fast"),
            ("search_match", "TERM", "thorough or fast"),
            ("max_sighting_candidates", "0", "a whole number from 1 to 50000"),
            ("max_sighting_candidates", "50001", "a whole number from 1 to 50000"),
            ("max_sighting_candidates", "-5", "a whole number from 1 to 50000"),
            ("max_sighting_candidates", "2.5", "a whole number from 1 to 50000"),
            ("max_sighting_candidates", "1e3", "a whole number from 1 to 50000"),
            ("max_sighting_candidates", "many", "a whole number from 1 to 50000"),
            ("max_sighting_candidates", "", "a whole number from 1 to 50000"),
        ]
        before = json.dumps([self.splunkd.conf, self.splunkd.macros])
        for field, value, reason in cases:
            with self.subTest(field=field, value=value):
                reply = self.setup_call([(field, value), ("retries", "1")])
                message = self.assert_error(reply, 400, "invalid_settings")
                self.assertEqual(message["fields"], {field: reason})
                self.assertEqual(message["text"], "Not saved. %s: %s." % (field, reason))
        self.assertEqual(json.dumps([self.splunkd.conf, self.splunkd.macros]), before)

    def test_both_bad_fields_are_named_together(self) -> None:
        reply = self.setup_call([("search_match", "x"), ("max_sighting_candidates", "x"), ("search_mode", "x")])
        message = self.assert_error(reply, 400, "invalid_settings")
        self.assertEqual(message["fields"], {"search_match": "thorough or fast",
                                             "max_sighting_candidates": "a whole number from 1 to 50000",
                                             "search_mode": "raw or cim"})

    def test_analysts_may_not_save_them(self) -> None:
        reply = self.call("POST", path="setup", query=[], token=ANALYST_TOKEN, form=[("search_match", "fast")])
        self.assert_error(reply, 403, "forbidden")
        self.assertNotIn("match", self.splunkd.conf["search"])


class StatusSearchTest(HandlerTest):
    def test_every_user_gets_the_search_settings(self) -> None:
        self.splunkd.conf["search"] = {"mode": "cim", "match": "fast", "summariesonly": "false",
                                       "max_sighting_candidates": "42"}
        expected = {"mode": "cim", "match": "fast", "summariesonly": False, "maxSightingCandidates": 42}
        for token in (ADMIN_TOKEN, ANALYST_TOKEN, NOBODY_TOKEN):
            with self.subTest(token=token):
                reply = self.call(path="status", query=[], token=token)
                self.assertEqual(reply["status"], 200, reply["payload"])
                self.assertEqual(reply["payload"]["search"], expected)
        self.assertEqual(self.pt.hits, [])

    def test_the_defaults_when_the_stanza_is_absent(self) -> None:
        self.splunkd.conf.pop("search", None)
        payload = self.call(path="status", query=[], token=ANALYST_TOKEN)["payload"]
        self.assertEqual(payload["search"], DEFAULT_SEARCH)
        self.assertNotIn("settingsError", payload)

    def test_the_defaults_next_to_the_error_when_the_settings_cannot_be_used(self) -> None:
        self.splunkd.conf["api"] = {"https_proxy": "socks5://proxy.example:1080"}
        self.splunkd.conf["search"] = {"mode": "cim", "match": "fast"}
        payload = self.call(path="status", query=[], token=ANALYST_TOKEN)["payload"]
        self.assertIn("https_proxy must be a URL", payload["settingsError"])
        self.assertEqual(payload["search"], DEFAULT_SEARCH)

    def test_an_unusable_passivetotal_address_leaves_the_search_settings_in_use(self) -> None:
        self.splunkd.conf["api"] = {"base_url": "http://remote.example/v2"}
        self.splunkd.conf["search"] = {"mode": "cim", "match": "fast"}
        payload = self.call(path="status", query=[], token=ANALYST_TOKEN)["payload"]
        self.assertIn("base_url must use https", payload["settingsError"])
        self.assertEqual((payload["search"]["mode"], payload["search"]["match"]), ("cim", "fast"))

    def test_the_defaults_when_splunkd_does_not_give_the_settings(self) -> None:
        self.splunkd.conf["search"] = {"match": "fast"}
        original = self.splunkd.__call__

        def refuse_conf(method: str, path: str, *rest: Any) -> Tuple[int, bytes]:
            if path.endswith("/configs/conf-passivetotal") and method == "GET":
                return 503, b'{"messages":[{"type":"ERROR","text":"unavailable"}]}'
            return original(method, path, *rest)

        splunk.rest.backend = refuse_conf
        reply = self.call(path="status", query=[], token=ANALYST_TOKEN)
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(reply["payload"]["search"], DEFAULT_SEARCH)


if __name__ == "__main__":
    unittest.main()
