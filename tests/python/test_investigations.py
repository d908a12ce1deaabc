"""The team's recent investigations: GET/POST investigations, stored in the KV store with the system token."""

import json
import unittest
from typing import Any, Dict, List, Optional, Tuple

import pt_support
from pt_support import ANALYST_TOKEN, NOBODY_TOKEN, SYSTEM_TOKEN, FakeSplunkd, HandlerTest

from passivetotal_app import investigations, service

HISTORY_PATH = pt_support.APP_NS + "/storage/collections/data/passivetotal_investigations"
NOW = 1_700_000_000.0


class HistorySplunkd(FakeSplunkd):
    """The fake splunkd plus the investigations collection (insert, sorted and limited reads, deletes by query)."""

    def __init__(self) -> None:
        super().__init__()
        self.history: List[Dict[str, Any]] = []
        self.history_status = 0
        self.trims: List[Tuple[str, str, str]] = []

    def __call__(
        self, method: str, path: str, token: Optional[str], getargs: Dict[str, Any], form: Dict[str, Any], body: Any
    ) -> Tuple[int, bytes]:
        if not path.startswith(HISTORY_PATH):
            return super().__call__(method, path, token, getargs, form, body)
        self.calls.append((method, path, "system" if token == SYSTEM_TOKEN else "user"))
        if token != SYSTEM_TOKEN:
            return 403, b'{"messages":[{"type":"ERROR","text":"forbidden for this user"}]}'
        if self.history_status:
            return self.history_status, b'{"messages":[{"type":"ERROR","text":"KV Store is initializing"}]}'
        if method == "POST":
            doc = dict(json.loads(body), _key="k%d" % len(self.history))
            self.history.append(doc)
            return 201, json.dumps({"_key": doc["_key"]}).encode("utf-8")
        if method == "DELETE":
            self.trims.append((method, path, getargs.get("query") or "{}"))
            query = json.loads(getargs.get("query") or "{}")
            self.history = [d for d in self.history if not pt_support.matches(d, query)]
            return 200, b""
        docs = list(self.history)
        field, direction = getargs["sort"].split(":")
        docs.sort(key=lambda d: d.get(field, 0), reverse=direction == "-1")
        docs = docs[int(getargs.get("skip") or 0):]
        return 200, json.dumps(docs[: int(getargs.get("limit") or 0) or None]).encode("utf-8")


def history_request(
    method: str,
    form: Optional[List[Tuple[str, str]]] = None,
    payload: Optional[str] = None,
    query: Optional[List[Tuple[str, str]]] = None,
    token: str = ANALYST_TOKEN,
) -> bytes:
    doc = json.loads(pt_support.request(method, "investigations", query=query or [], token=token))
    if form is not None:
        doc["form"] = [list(p) for p in form]
    if payload is not None:
        doc["payload"] = payload
    return json.dumps(doc).encode("utf-8")


class HistoryTrimTest(HandlerTest):
    """The collection stays within [history] max_age_days and max_records, however much one analyst records."""

    def setUp(self) -> None:
        super().setUp()
        self.splunkd = HistorySplunkd().install()
        self.now = NOW

    def record(self, indicator: str) -> Dict[str, Any]:
        ask = history_request("POST", form=[("indicator", indicator), ("type", "url")])
        return service.handle_request(ask, pt_support.deps(clock=lambda: self.now))

    def test_a_thousand_records_of_2_kb_keep_the_newest_max_records(self) -> None:
        self.splunkd.conf["history"] = {"max_records": "100"}
        for n in range(1000):
            self.now += 1
            url = "https://evil.example/%04d/" % n + "a" * 2000
            self.assertEqual(self.record(url)["status"], 201)
            self.assertLessEqual(len(self.splunkd.history), 100)
        kept = sorted(d["indicator"][21:25] for d in self.splunkd.history)
        self.assertEqual(kept, ["%04d" % n for n in range(900, 1000)])

    def test_records_older_than_max_age_days_go(self) -> None:
        self.splunkd.conf["history"] = {"max_age_days": "7"}
        self.assertEqual(self.record("https://old.example/")["status"], 201)
        self.now += 6 * 86400
        self.assertEqual(self.record("https://newer.example/")["status"], 201)
        self.assertEqual(len(self.splunkd.history), 2)
        self.now += 2 * 86400
        self.assertEqual(self.record("https://newest.example/")["status"], 201)
        self.assertEqual([d["indicator"] for d in self.splunkd.history],
                         ["https://newer.example/", "https://newest.example/"])

    def test_the_defaults_are_90_days_and_10000_records(self) -> None:
        self.assertEqual(self.record("https://a.example/")["status"], 201)
        deletes = [json.loads(q) for _, _, q in self.splunkd.trims]
        self.assertEqual(deletes[0], {"time": {"$lt": NOW - 90 * 86400}})


class InvestigationsRouteTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd = HistorySplunkd().install()
        self.splunkd.conf["api"] = {"base_url": self.pt.base_url, "key_host": pt_support.host_of(self.pt.base_url)}
        self.now = NOW

    def send(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        deps = pt_support.deps()
        deps.clock = lambda: self.now
        reply = service.handle_request(history_request(*args, **kwargs), deps)
        json.dumps(reply)
        return reply

    def test_post_records_user_and_time_from_the_session_not_the_client(self) -> None:
        reply = self.send(
            "POST",
            form=[("indicator", "203.0.113.77"), ("type", "ipv4"), ("internal_sightings", "19")],
        )
        self.assertEqual(reply["status"], 201, reply["payload"])
        self.assertEqual(
            reply["payload"],
            {"user": "analyst", "indicator": "203.0.113.77", "type": "ipv4", "time": NOW, "internalSightings": 19},
        )
        self.assertEqual(len(self.splunkd.history), 1)
        stored = self.splunkd.history[0]
        self.assertEqual((stored["user"], stored["time"], stored["internal_sightings"]), ("analyst", NOW, 19))
        self.assertTrue(all(who == "system" for m, p, who in self.splunkd.calls if p.startswith(HISTORY_PATH)))

    def test_a_user_or_time_sent_by_the_client_is_refused(self) -> None:
        for field in ("user", "time"):
            reply = self.send("POST", form=[("indicator", "evil.example"), ("type", "domain"), (field, "mallory")])
            message = self.assert_error(reply, 400, investigations.INVALID_INPUT)
            self.assertIn("unknown field %s" % field, message["text"])
        self.assertEqual(self.splunkd.history, [])

    def test_get_lists_the_team_newest_first_with_a_limit(self) -> None:
        seen = [("a.example", "domain"), ("198.51.100.7", "ipv4"), ("b.test", "domain")]
        for i, (indicator, kind) in enumerate(seen):
            self.now = NOW + i
            self.assertEqual(self.send("POST", form=[("indicator", indicator), ("type", kind)])["status"], 201)
        reply = self.send("GET", query=[("limit", "2")])
        self.assertEqual(reply["status"], 200, reply["payload"])
        items = reply["payload"]["investigations"]
        self.assertEqual([i["indicator"] for i in items], ["b.test", "198.51.100.7"])
        self.assertNotIn("internalSightings", items[0])
        self.assertNotIn("_key", items[0])

    def test_json_payload_is_accepted(self) -> None:
        payload = json.dumps({"indicator": "jane@evil.example", "type": "email", "internalSightings": 0})
        reply = self.send("POST", payload=payload)
        self.assertEqual(reply["status"], 201, reply["payload"])
        self.assertEqual(reply["payload"]["internalSightings"], 0)

    def test_input_is_validated(self) -> None:
        cases = [
            ([("type", "domain")], "the indicator is missing"),
            ([("indicator", "evil .example"), ("type", "domain")], "printable ASCII"),
            ([("indicator", "x" * 2049), ("type", "domain")], "longer than 2048"),
            ([("indicator", "evil.example"), ("type", "hash")], "the type must be one of"),
            ([("indicator", "evil.example"), ("type", "domain"), ("internal_sightings", "-1")], "whole number"),
            ([("indicator", "evil.example"), ("type", "domain"), ("internal_sightings", "1e3")], "whole number"),
            ([("indicator", "a"), ("indicator", "b"), ("type", "domain")], "more than once"),
        ]
        for form, words in cases:
            with self.subTest(form=form[:2]):
                message = self.assert_error(self.send("POST", form=form), 400, investigations.INVALID_INPUT)
                self.assertIn(words, message["text"])
        self.assert_error(self.send("GET", query=[("limit", "0")]), 400, investigations.INVALID_INPUT)
        self.assert_error(self.send("GET", query=[("limit", "abc")]), 400, investigations.INVALID_INPUT)
        self.assertEqual(self.splunkd.history, [])

    def test_needs_the_query_capability(self) -> None:
        reply = self.send("POST", form=[("indicator", "evil.example"), ("type", "domain")], token=NOBODY_TOKEN)
        self.assert_error(reply, 403, "forbidden")
        self.assert_error(self.send("GET", token=NOBODY_TOKEN), 403, "forbidden")
        self.assertEqual(self.splunkd.history, [])

    def test_other_methods_are_refused(self) -> None:
        self.assert_error(self.send("DELETE"), 405, "method_not_allowed")

    def test_kv_store_unavailable_is_a_503_with_a_stable_code(self) -> None:
        self.splunkd.history_status = 503
        self.assert_error(self.send("GET"), 503, investigations.HISTORY_UNAVAILABLE)
        reply = self.send("POST", form=[("indicator", "evil.example"), ("type", "domain")])
        message = self.assert_error(reply, 503, investigations.HISTORY_UNAVAILABLE)
        self.assertNotIn(SYSTEM_TOKEN, json.dumps(reply))
        self.assertIn("KV store is unavailable", message["text"])

    def test_malformed_stored_documents_are_skipped(self) -> None:
        self.splunkd.history.append({"_key": "bad", "indicator": 5, "type": "domain", "time": NOW})
        self.splunkd.history.append(
            {"_key": "ok", "indicator": "a.example", "type": "domain", "time": NOW, "user": "x"})
        items = self.send("GET")["payload"]["investigations"]
        self.assertEqual([i["indicator"] for i in items], ["a.example"])


class CollectionConfTest(unittest.TestCase):
    def test_collections_conf_declares_the_collection_and_its_fields(self) -> None:
        with open(pt_support.ROOT + "/default/collections.conf", encoding="utf-8") as handle:
            text = handle.read()
        stanza = text.split("[passivetotal_investigations]", 1)[1].split("\n[", 1)[0]
        for field in ("user", "indicator", "type", "time", "internal_sightings"):
            self.assertIn("field.%s = " % field, stanza)


if __name__ == "__main__":
    unittest.main()
