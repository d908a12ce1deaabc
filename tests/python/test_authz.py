"""Who may do what: the app's capabilities decide, refusals are 403 forbidden, purge is for app admins only."""

import unittest

import pt_support
from pt_support import ADMIN_TOKEN, ANALYST_TOKEN, NOBODY_TOKEN, ROOTISH_TOKEN, HandlerTest

from passivetotal_app import authz


class GrantsTest(unittest.TestCase):
    def context(self, *capabilities: str) -> dict:
        return {"entry": [{"content": {"username": "u", "capabilities": list(capabilities)}}]}

    def test_capabilities_map_to_grants(self) -> None:
        self.assertEqual(authz.grants_from_context(self.context("search")), authz.Grants("u", False, False))
        self.assertEqual(authz.grants_from_context(self.context("passivetotal_query")), authz.Grants("u", True, False))
        self.assertEqual(authz.grants_from_context(self.context("passivetotal_admin")), authz.Grants("u", True, True))
        self.assertEqual(authz.grants_from_context(self.context("admin_all_objects")), authz.Grants("u", True, True))

    def test_an_answer_without_content_is_an_error(self) -> None:
        with self.assertRaises(authz.AuthzError):
            authz.grants_from_context({"entry": []})


class HandlerAuthzTest(HandlerTest):
    def test_user_without_the_query_capability_is_refused(self) -> None:
        for path in ["pt/dns/passive", "quota", "check"]:
            with self.subTest(path=path):
                message = self.assert_error(self.call(path=path, token=NOBODY_TOKEN), 403, "forbidden")
                self.assertIn("passivetotal_query", message["text"])
        self.assertEqual(self.pt.hits, [])
        self.assertEqual(self.splunkd.count("GET", "storage/passwords"), 0)

    def test_refusal_comes_before_the_allow_list(self) -> None:
        self.assert_error(self.call(path="pt/nope", token=NOBODY_TOKEN), 403, "forbidden")

    def test_users_with_the_capability_and_admins_may_query(self) -> None:
        for token in [ANALYST_TOKEN, ADMIN_TOKEN, ROOTISH_TOKEN]:
            with self.subTest(token=token):
                self.assertEqual(self.call(token=token)["status"], 200)

    def test_purge_needs_the_admin_capability(self) -> None:
        for token in [ANALYST_TOKEN, NOBODY_TOKEN]:
            with self.subTest(token=token):
                message = self.assert_error(self.call("DELETE", "cache", query=[], token=token), 403, "forbidden")
                self.assertIn("passivetotal_admin", message["text"])
        self.assertEqual(self.call("DELETE", "cache", query=[], token=ADMIN_TOKEN)["status"], 200)
        self.assertEqual(self.call("DELETE", "cache", query=[], token=ROOTISH_TOKEN)["status"], 200)

    def test_capabilities_are_looked_up_once_per_token_for_a_while(self) -> None:
        self.call()
        self.call()
        self.call(token=ADMIN_TOKEN)
        self.assertEqual(self.splunkd.count("GET", "current-context"), 2)

    def test_the_lookup_uses_the_users_own_token(self) -> None:
        self.call(token=ANALYST_TOKEN)
        who = [w for m, p, w in self.splunkd.calls if "current-context" in p]
        self.assertEqual(who, ["analyst"])

    def test_a_removed_capability_stops_the_next_lookup_at_once(self) -> None:
        self.assertEqual(self.call(query=[("query", "a.example")])["status"], 200)
        self.take_away(ANALYST_TOKEN, "passivetotal_query")
        # Within the 30 seconds the grants are cached: an answer from the cache is still served, ...
        self.assertEqual(self.call(query=[("query", "a.example")])["payload"]["cached"], True)
        # ... but a lookup that would spend an upstream call reads the capabilities again and is refused.
        message = self.assert_error(self.call(query=[("query", "b.example")]), 403, "forbidden")
        self.assertIn("passivetotal_query", message["text"])
        self.assertEqual(len(self.pt.hits), 1)

    def test_a_removed_admin_capability_stops_the_next_configuration_change_at_once(self) -> None:
        self.assertEqual(self.call("GET", "setup", query=[], token=ADMIN_TOKEN)["status"], 200)
        self.take_away(ADMIN_TOKEN, "passivetotal_admin")
        for method, route in (("POST", "setup"), ("DELETE", "cache"), ("DELETE", "credentials")):
            with self.subTest(route=route):
                reply = self.call(method, route, query=[], token=ADMIN_TOKEN, form=[("retries", "1")])
                self.assertIn("passivetotal_admin", self.assert_error(reply, 403, "forbidden")["text"])
        self.assertEqual(self.splunkd.conf["api"]["retries"], "2")

    def take_away(self, token: str, capability: str) -> None:
        """Removes a capability from the user in splunkd, as an administrator changing their roles would."""
        name, capabilities = pt_support.USERS[token]
        pt_support.USERS[token] = (name, [c for c in capabilities if c != capability])
        self.addCleanup(pt_support.USERS.__setitem__, token, (name, capabilities))

    def test_no_session_is_forbidden(self) -> None:
        self.assert_error(self.call(token=""), 403, "forbidden")


if __name__ == "__main__":
    unittest.main()
