import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bin"))

from passivetotal_app.replies import MAX_MESSAGE_CHARS, error_reply, json_reply  # noqa: E402


class JsonReplyTest(unittest.TestCase):
    def test_payload_and_status_pass_through_as_json(self) -> None:
        reply = json_reply({"ok": True}, status=201)
        self.assertEqual(reply["status"], 201)
        self.assertEqual(json.loads(json.dumps(reply["payload"])), {"ok": True})
        self.assertEqual(reply["headers"]["Content-Type"], "application/json; charset=UTF-8")

    def test_replies_are_never_cached_by_the_browser(self) -> None:
        self.assertEqual(json_reply([])["headers"]["Cache-Control"], "no-store")


class ErrorReplyTest(unittest.TestCase):
    def test_uses_splunkd_error_envelope_that_the_page_shows(self) -> None:
        reply = error_reply(401, "The PassiveTotal username or API key was refused.", code="bad_credentials")
        self.assertEqual(reply["status"], 401)
        self.assertEqual(
            reply["payload"],
            {
                "messages": [
                    {
                        "type": "ERROR",
                        "text": "The PassiveTotal username or API key was refused.",
                        "code": "bad_credentials",
                    }
                ]
            },
        )

    def test_multiline_text_such_as_a_traceback_is_flattened_and_cut(self) -> None:
        text = "Traceback (most recent call last):\n" + "  File x\n" * 200
        message = error_reply(500, text)["payload"]["messages"][0]["text"]
        self.assertNotIn("\n", message)
        self.assertLessEqual(len(message), MAX_MESSAGE_CHARS)

    def test_refuses_a_success_status(self) -> None:
        with self.assertRaises(ValueError):
            error_reply(200, "not an error")


if __name__ == "__main__":
    unittest.main()
