"""What the scheduled check reports as a change of a watched indicator (bin/passivetotal_app/watch_state.py)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin"))

from passivetotal_app import watch_state  # noqa: E402
from passivetotal_app.commands import sightings  # noqa: E402

DAY = 86400.0
BASE = {
    "resolutions": {"198.51.100.23": 1000 * DAY, "198.51.100.10": 1001 * DAY},
    "certificates": ["a" * 40],
    "whois": {"registrar": "Bargain Names", "name_servers": ["ns1.bulletdns.test"], "expires": 2000 * DAY},
    "tags": ["phishing"],
    "classification": "suspicious",
    "sources": {"resolutions": ["passivetotal"], "reputation": ["passivetotal"]},
}


def state(**changes):
    raw = dict(BASE)
    raw.update(changes)
    return watch_state.normalize(raw)


class DiffTest(unittest.TestCase):
    def test_the_first_state_is_the_baseline(self):
        self.assertEqual(watch_state.diff(None, state()), [])

    def test_nothing_new_is_no_change(self):
        self.assertEqual(watch_state.diff(state(), state()), [])

    def test_a_new_address_is_a_new_resolution_with_its_source(self):
        after = state(resolutions=dict(BASE["resolutions"], **{"203.0.113.77": 1005 * DAY}))
        changes = watch_state.diff(state(), after)
        new = [c for c in changes if c["change_type"] == "new_resolution"]
        self.assertEqual(new, [{"change_type": "new_resolution", "value": "203.0.113.77", "before": None,
                                "after": "203.0.113.77", "intel_source": ["passivetotal"]}])

    def test_a_resolution_no_longer_seen_has_ended(self):
        after = state(resolutions=dict(BASE["resolutions"], **{"203.0.113.77": 1010 * DAY}))
        kinds = {(c["change_type"], c["value"]) for c in watch_state.diff(state(), after)}
        self.assertIn(("ended_resolution", "198.51.100.10"), kinds)
        self.assertIn(("new_resolution", "203.0.113.77"), kinds)

    def test_certificates_whois_tags_and_classification(self):
        after = state(certificates=["a" * 40, "b" * 40],
                      whois={"registrar": "Other Registrar", "name_servers": ["ns1.bulletdns.test"],
                             "expires": 2000 * DAY},
                      tags=["phishing", "credential-harvesting"], classification="malicious")
        changes = watch_state.diff(state(), after)
        self.assertEqual([c["change_type"] for c in changes],
                         ["new_certificate", "whois_change", "new_tag", "classification_change"])
        whois = changes[1]
        self.assertEqual((whois["whois_field"], whois["before"], whois["after"]),
                         ("registrar", "Bargain Names", "Other Registrar"))
        self.assertEqual((changes[3]["before"], changes[3]["after"]), ("suspicious", "malicious"))

    def test_a_part_that_was_not_answered_is_not_compared(self):
        after = watch_state.normalize({"tags": ["phishing"], "classification": "suspicious"})
        self.assertEqual(watch_state.diff(state(), after), [])

    def test_invalid_states_are_refused(self):
        for raw in ([], {"resolutions": []}, {"certificates": [1]}, {"whois": {"registrar": 5}},
                    {"tags": ["x" * 3000]}):
            with self.assertRaises(watch_state.InvalidState):
                watch_state.normalize(raw)


class EvidenceSearchTest(unittest.TestCase):
    def test_an_address_is_matched_whole_as_on_the_investigation_page(self):
        spl = sightings.evidence_search("203[.]0.113.77", "passivetotal_changes")
        self.assertIn('NOT index=passivetotal_changes ("203.0.113.77" OR', spl)
        self.assertIn("where match(_raw,", spl)
        self.assertIn("stats count AS internal_count", spl)

    def test_values_without_a_rule_get_no_search(self):
        self.assertIsNone(sightings.evidence_search("2001:db8::1", "x"))
        self.assertIsNone(sightings.evidence_search("not an indicator", "x"))


if __name__ == "__main__":
    unittest.main()
