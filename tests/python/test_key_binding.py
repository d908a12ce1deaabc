"""A stored key goes only to the host it was entered for. A user with passivetotal_admin (no Splunk admin) who points
a base URL at another host gets the key sent nowhere: the provider answers 503 not_configured, reason key_host,
until the key is entered again; the setup and status answers say so. A key provisioned through Splunk's REST API
(storage/passwords, with no key_host) is bound to the host of the catalogue's default address."""

import unittest

from open_support import OpenHandlerTest
from pt_support import ADMIN_TOKEN, API_KEY, USERNAME, PTServer, Reply, host_of


class KeyBindingTest(OpenHandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.net.passthrough = "http://127.0.0.1:"  # every local server is asked for real
        self.elsewhere = PTServer()
        self.addCleanup(self.elsewhere.close)
        self.elsewhere.default = Reply(200, {"results": [], "passive_dns": []})

    def setup_post(self, *form: tuple) -> dict:
        reply = self.call(method="POST", path="setup", query=[], token=ADMIN_TOKEN, form=list(form))
        self.assertEqual(reply["status"], 200, reply["payload"])
        return reply["payload"]

    def test_a_base_url_on_another_host_gets_no_key(self) -> None:
        self.setup_post(("base_url", self.elsewhere.base_url))
        message = self.assert_error(self.call(path="pt/whois"), 503, "not_configured")
        self.assertEqual((message["provider"], message["reason"]), ("passivetotal", "key_host"))
        self.assertEqual(message["text"], "The PassiveTotal API key was saved for %s; an administrator has to enter "
                                          "it again for %s on the app's setup page."
                         % (host_of(self.pt.base_url), host_of(self.elsewhere.base_url)))
        self.assert_error(self.call(path="check", query=[]), 503, "not_configured")
        self.assertEqual(self.elsewhere.hits, [])

    def test_an_open_providers_key_is_bound_too(self) -> None:
        self.setup_post(("provider.otx.base_url", self.elsewhere.base_url))
        message = self.assert_error(self.open("otx", "passive_dns"), 503, "not_configured")
        self.assertEqual((message["provider"], message["reason"]), ("otx", "key_host"))
        self.assertIn("The AlienVault OTX API key was saved for otx.alienvault.com", message["text"])
        self.assertEqual(self.elsewhere.hits, [])
        providers = self.call(path="setup", query=[], token=ADMIN_TOKEN)["payload"]["providers"]
        otx = next(p for p in providers if p["id"] == "otx")
        self.assertEqual((otx["keyStored"], otx["configured"], otx["ready"], otx["keyHost"]),
                         (True, False, False, "otx.alienvault.com"))
        self.assertIn("enter it again for %s" % host_of(self.elsewhere.base_url), otx["keyHostError"])

    def test_the_key_entered_again_is_bound_to_the_new_host(self) -> None:
        self.setup_post(("base_url", self.elsewhere.base_url))
        reply = self.call(method="POST", path="credentials", query=[], token=ADMIN_TOKEN,
                          form=[("username", USERNAME), ("api_key", "demo-NEWKEY-for-the-mirror-0123")])
        self.assertEqual(reply["payload"]["keyHost"], host_of(self.elsewhere.base_url))
        self.assertEqual(self.call(path="pt/whois")["status"], 200)
        self.assertEqual(len(self.elsewhere.hits), 1)
        credential = self.call(path="setup", query=[], token=ADMIN_TOKEN)["payload"]["credential"]
        self.assertEqual((credential["keyHost"], credential["keyHostError"]),
                         (host_of(self.elsewhere.base_url), None))

    def test_another_path_on_the_same_host_keeps_the_key(self) -> None:
        self.setup_post(("base_url", self.pt.base_url + "/mirror"))
        self.assertEqual(self.call(path="pt/whois")["status"], 200)
        self.assertEqual(self.pt.hit_paths(), ["/v2/mirror/whois"])

    def test_a_key_provisioned_through_rest_is_bound_to_the_default_host(self) -> None:
        del self.splunkd.conf["api"]["key_host"]
        message = self.assert_error(self.call(path="pt/whois"), 503, "not_configured")
        self.assertIn("was saved for api.passivetotal.org; an administrator has to enter it again for %s"
                      % host_of(self.pt.base_url), message["text"])
        self.assertEqual(self.pt.hits, [])
        status = self.call(path="status", query=[])["payload"]
        self.assertFalse(status["configured"])
        self.assertIn("was saved for api.passivetotal.org", status["keyHostError"])
        credential = self.call(path="setup", query=[], token=ADMIN_TOKEN)["payload"]["credential"]
        self.assertEqual((credential["configured"], credential["keyHost"]), (True, "api.passivetotal.org"))
        self.assertIn("enter it again", credential["keyHostError"])
        # Saved through the app, it is bound to the address in use.
        self.call(method="POST", path="credentials", query=[], token=ADMIN_TOKEN,
                  form=[("username", USERNAME), ("api_key", API_KEY)])
        self.assertEqual(self.call(path="pt/whois")["status"], 200)

    def test_a_key_moved_from_1_0_4_is_bound_to_the_address_in_use(self) -> None:
        # A Splunk administrator wrote both: 1.0.4's plain-text key and (here) base_url; every route moves the key
        # before anything else, so the address is still the administrator's.
        del self.splunkd.conf["api"]["key_host"]
        self.splunkd.passwords = [p for p in self.splunkd.passwords if p.get("realm", "passivetotal") != "passivetotal"]
        self.splunkd.conf["api-setup"] = {"username": "soc@example.org", "apikey": "0123456789abcdef0123456789abcdef"}
        self.assertTrue(self.call(path="status", query=[])["payload"]["configured"])
        self.assertEqual(self.splunkd.conf["api"]["key_host"], host_of(self.pt.base_url))
        self.assertEqual(self.call(path="pt/whois")["status"], 200)

    def test_removing_a_key_removes_its_binding(self) -> None:
        self.call(method="DELETE", path="credentials", query=[("provider", "otx")], token=ADMIN_TOKEN)
        self.assertEqual(self.splunkd.conf["provider:otx"].get("key_host"), "")
        self.call(method="DELETE", path="credentials", query=[], token=ADMIN_TOKEN)
        self.assertEqual(self.splunkd.conf["api"].get("key_host"), "")

    def test_the_setup_form_cannot_move_the_binding(self) -> None:
        reply = self.call(method="POST", path="setup", query=[], token=ADMIN_TOKEN,
                          form=[("key_host", host_of(self.elsewhere.base_url))])
        self.assert_error(reply, 400, "not_allowed")
        self.assertNotIn("key_host", self.splunkd.conf["provider:otx"])


if __name__ == "__main__":
    unittest.main()
