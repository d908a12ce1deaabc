"""The upgrade from 1.0.4: plain-text [api-setup] username/apikey move into storage/passwords, and only once."""

import json

from pt_support import ADMIN_TOKEN, ANALYST_TOKEN, API_KEY, USERNAME, HandlerTest, Reply, log_text

OLD_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
OLD_USER = "soc@example.org"


class MigrationTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        # What 1.0.4's setup.xml left in local/passivetotal.conf; no credential stored yet.
        self.splunkd.conf["api-setup"] = {"username": OLD_USER, "apikey": OLD_KEY}
        self.splunkd.passwords = []

    def status(self, token: str = ADMIN_TOKEN) -> dict:
        reply = self.call(path="status", query=[], token=token)
        self.assertEqual(reply["status"], 200, reply["payload"])
        return reply["payload"]

    def test_the_credentials_move_into_storage_passwords_and_the_plain_text_goes(self) -> None:
        payload = self.status()
        self.assertEqual([(p["username"], p["key"]) for p in self.splunkd.passwords], [(OLD_USER, OLD_KEY)])
        stanza = self.splunkd.conf["api-setup"]
        self.assertNotIn("apikey", stanza)
        self.assertNotIn("username", stanza)
        self.assertEqual(stanza["migrated_from"], "1.0.4")
        self.assertEqual(stanza["migration_result"], "moved")
        self.assertTrue(payload["configured"])
        self.assertEqual(payload["username"], OLD_USER)
        migration = payload["migration"]
        self.assertEqual(migration["from"], "1.0.4")
        self.assertEqual(
            migration["text"],
            "Moved the PassiveTotal credentials of version 1.0.4 from passivetotal.conf into Splunk's credential "
            "store and removed the plain-text copy.",
        )
        self.assertRegex(migration["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_the_key_is_never_in_a_reply_or_the_log(self) -> None:
        replies = [self.status(), self.status(), self.call(path="setup", query=[], token=ADMIN_TOKEN)["payload"]]
        for payload in replies:
            self.assertNotIn(OLD_KEY, json.dumps(payload))
        log = log_text()
        self.assertIn("upgrade from 1.0.4: moved the credentials of username soc@example.org", log)
        self.assertNotIn(OLD_KEY, log)

    def test_it_runs_once_and_the_note_stays_for_the_administrator(self) -> None:
        first = self.status()["migration"]
        writes = self.splunkd.count("POST", "storage/passwords")
        second = self.status()["migration"]
        self.assertEqual(first, second)
        self.assertEqual(self.splunkd.count("POST", "storage/passwords"), writes)
        self.assertEqual(len(self.splunkd.passwords), 1)

    def test_analysts_are_not_told(self) -> None:
        payload = self.status(ANALYST_TOKEN)
        self.assertNotIn("migration", payload)
        self.assertTrue(payload["configured"])

    def test_the_first_proxied_request_also_migrates(self) -> None:
        self.pt.default = Reply(200, {"results": []})
        reply = self.call(token=ANALYST_TOKEN)
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.assertEqual(self.splunkd.passwords[0]["key"], OLD_KEY)
        self.assertEqual(self.pt.hits[0][2][:6], "Basic ")

    def test_a_credential_stored_after_the_upgrade_is_newer_and_wins(self) -> None:
        self.splunkd.passwords = [{"username": USERNAME, "key": API_KEY, "updated": "2024-01-01T00:00:00+00:00"}]
        migration = self.status()["migration"]
        self.assertEqual([(p["username"], p["key"]) for p in self.splunkd.passwords], [(USERNAME, API_KEY)])
        self.assertNotIn("apikey", self.splunkd.conf["api-setup"])
        self.assertIn("already in Splunk's credential store was newer and was kept", migration["text"])

    def test_a_stanza_in_default_is_emptied_instead_of_deleted(self) -> None:
        self.splunkd.default_stanzas.add("api-setup")
        self.status()
        stanza = self.splunkd.conf["api-setup"]
        self.assertEqual((stanza["username"], stanza["apikey"]), ("", ""))
        self.assertEqual(self.splunkd.passwords[0]["key"], OLD_KEY)

    def test_an_empty_1_0_4_stanza_is_left_alone(self) -> None:
        self.splunkd.conf["api-setup"] = {"username": "", "apikey": ""}
        payload = self.status()
        self.assertIsNone(payload["migration"])
        self.assertFalse(payload["configured"])
        self.assertEqual(self.splunkd.count("DELETE", "api-setup"), 0)

    def test_when_splunkd_refuses_the_plain_text_stays_and_the_administrator_is_told(self) -> None:
        self.splunkd.write_status = 500
        payload = self.status()
        self.assertIsNone(payload["migration"])
        self.assertIn("still in plain text", payload["migrationError"])
        self.assertEqual(self.splunkd.conf["api-setup"]["apikey"], OLD_KEY)
        self.assertNotIn(OLD_KEY, json.dumps(payload))
        self.assertNotIn(OLD_KEY, log_text())
        self.splunkd.write_status = 0
        self.assertEqual(self.status()["migration"]["from"], "1.0.4")


class SpecTest(HandlerTest):
    def test_the_spec_documents_every_key_the_migration_reads_or_writes(self) -> None:
        import os
        import re

        from pt_support import ROOT

        with open(os.path.join(ROOT, "README", "passivetotal.conf.spec"), encoding="utf-8") as handle:
            section = handle.read().split("\n[api-setup]")[1]
        keys = set(re.findall(r"^([a-z_]+) =", section, re.MULTILINE))
        self.assertEqual(keys, {"username", "apikey", "migrated_from", "migrated_at", "migration_result"})
        self.assertIn("DEPRECATED", section)
