"""Credentials: read with the system token, the newest of several, never shown in a reply, log or exception."""

import json
import pickle
import unittest

import pt_support
from pt_support import API_KEY, USERNAME, HandlerTest, Reply

from passivetotal_app import credentials, logs
from passivetotal_app.credentials import Credential, Secret
from passivetotal_app.profiles import PROFILES
from passivetotal_app.templates import key_headers


def feed(*entries: dict) -> dict:
    return {"entry": list(entries)}


def entry(username: str, key: str, updated: str, realm: str = "passivetotal", app: str = "passivetotal") -> dict:
    return {
        "updated": updated,
        "acl": {"app": app},
        "content": {"realm": realm, "username": username, "clear_password": key},
    }


class SecretTest(unittest.TestCase):
    def test_no_text_form_shows_the_value(self) -> None:
        secret = Secret(API_KEY)
        credential = Credential(USERNAME, secret)
        for shown in [repr(secret), str(secret), "%s" % secret, "{}".format(secret), f"{secret}", repr(credential),
                      str(credential), str([credential]), str({"k": secret})]:
            self.assertNotIn(API_KEY, shown)
        self.assertEqual(secret.reveal(), API_KEY)

    def test_cannot_be_pickled_or_dumped(self) -> None:
        with self.assertRaises(TypeError):
            pickle.dumps(Secret(API_KEY))
        with self.assertRaises(TypeError):
            json.dumps({"key": Secret(API_KEY)})

    def test_the_header_is_basic_auth_of_username_and_key(self) -> None:
        import base64

        ((name, value),) = key_headers(PROFILES["passivetotal"], Credential("u@example.com", Secret("k")))
        self.assertEqual(name, "Authorization")
        header = value.reveal()
        self.assertEqual(header, "Basic " + base64.b64encode(b"u@example.com:k").decode())


class PickTest(unittest.TestCase):
    def test_none_configured(self) -> None:
        self.assertIsNone(credentials.pick(feed()))
        self.assertIsNone(credentials.pick({}))
        self.assertIsNone(credentials.pick(feed(entry("u", "", "2024"))))

    def test_other_realms_and_apps_are_ignored(self) -> None:
        self.assertIsNone(credentials.pick(feed(entry("u", "k", "2024", realm="other"))))
        self.assertIsNone(credentials.pick(feed(entry("u", "k", "2024", app="search"))))

    def test_the_most_recently_updated_of_several_wins(self) -> None:
        with self.assertLogs("passivetotal.credentials", "WARNING") as logged:
            chosen = credentials.pick(
                feed(
                    entry("old@example.com", "old-key-1234", "2023-05-01T00:00:00+00:00"),
                    entry("new@example.com", "new-key-5678", "2024-05-01T00:00:00+00:00"),
                )
            )
        assert chosen is not None
        self.assertEqual(chosen.username, "new@example.com")
        self.assertEqual(chosen.api_key.reveal(), "new-key-5678")
        self.assertIn("2 credentials", logged.output[0])
        self.assertNotIn("key-", " ".join(logged.output))


class HandlerCredentialTest(HandlerTest):
    def test_passwords_are_read_with_the_system_token_only(self) -> None:
        self.assertEqual(self.call()["status"], 200)
        readers = {who for method, path, who in self.splunkd.calls if "storage/passwords" in path}
        self.assertEqual(readers, {"splunk-system-user"})
        _, _, authorization = self.pt.hits[0]
        self.assertTrue(authorization.startswith("Basic "))

    def test_not_configured_is_503_with_the_stable_code(self) -> None:
        self.splunkd.passwords = []
        message = self.assert_error(self.call(), 503, "not_configured")
        self.assertEqual(
            message["text"],
            "PassiveTotal is not configured: an administrator has to enter the PassiveTotal username and API key "
            "on the app's setup page.",
        )

    def test_the_key_is_absent_from_every_reply_and_every_log_line(self) -> None:
        """Replies of every kind, logged at DEBUG, including an upstream that echoes the key back."""
        self.splunkd.conf["logging"] = {"level": "DEBUG"}
        replies = [self.call(), self.call()]  # miss and hit
        for status, body in [
            (401, {"message": "invalid credentials"}),
            (400, {"message": "bad key %s" % API_KEY}),  # an upstream quoting the key back
            (429, {"message": "quota_exceeded"}),
            (503, b"<html>down</html>"),
            (200, b"not json %s" % API_KEY.encode()),
        ]:
            self.pt.routes["/v2/whois"] = Reply(status, body)
            replies.append(self.call(path="pt/whois"))
        replies.append(self.call(path="status", query=[]))
        replies.append(self.call(path="check", query=[]))
        replies.append(self.call(path="quota", query=[]))
        replies.append(self.call(path="pt/whois", query=[("query", API_KEY)]))  # the key as a query value
        self.splunkd.passwords = []
        replies.append(self.call())
        replies.append(self.call(path="pt/enrichment"))
        for reply in replies:
            self.assertNotIn(API_KEY, json.dumps(reply))
        text = pt_support.log_text()
        self.assertIn("pt/whois", text)  # the log was written
        for line in text.splitlines():
            self.assertNotIn(API_KEY, line)
        authorizations = {h[2] for h in self.pt.hits}
        for header in authorizations:
            self.assertNotIn(header.split(" ", 1)[1], text)

    def test_a_traceback_mentioning_the_key_is_redacted(self) -> None:
        logs.register_secret(API_KEY)
        logger = logs.configure("DEBUG")
        try:
            raise ValueError("failed with key " + API_KEY + " and Authorization: Basic dXNlcjpzZWNyZXQ=")
        except ValueError:
            logger.exception("boom")
        text = pt_support.log_text()
        self.assertIn("failed with key ********", text)
        self.assertNotIn(API_KEY, text)
        self.assertNotIn("dXNlcjpzZWNyZXQ=", text)


class RedactionTest(unittest.TestCase):
    def test_tokens_and_headers_are_masked(self) -> None:
        rows = [
            ("Authorization: Splunk %s" % pt_support.SYSTEM_TOKEN, pt_support.SYSTEM_TOKEN),
            ("token Splunk %s here" % pt_support.ADMIN_TOKEN, pt_support.ADMIN_TOKEN),
            ('{"clear_password": "hunter2-secret"}', "hunter2-secret"),
            ("system_authtoken=abc123def456", "abc123def456"),
            ("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x1", "eyJhbGciOiJIUzI1NiJ9"),
        ]
        for text, secret in rows:
            with self.subTest(text=text):
                self.assertNotIn(secret, logs.redact(text))
        self.assertEqual(logs.redact("Splunk capabilities of the user"), "Splunk capabilities of the user")


if __name__ == "__main__":
    unittest.main()
