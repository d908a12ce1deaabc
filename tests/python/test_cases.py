"""The team's cases: GET/POST cases and cases/<id>, stored in the KV store with the system token."""

import json
import unittest
from typing import Any, Dict, List, Optional, Tuple, cast

import pt_support
from pt_support import ADMIN_TOKEN, ANALYST_TOKEN, NOBODY_TOKEN, SYSTEM_TOKEN, FakeSplunkd, HandlerTest

from passivetotal_app import cases, service

CASES_PATH = pt_support.APP_NS + "/storage/collections/data/passivetotal_cases"
NOW = 1_765_000_000.0


class CasesSplunkd(FakeSplunkd):
    """The fake splunkd plus the cases collection: insert, read one, replace one, sorted and projected lists."""

    def __init__(self) -> None:
        super().__init__()
        self.docs: Dict[str, Dict[str, Any]] = {}
        self.status = 0

    def __call__(
        self, method: str, path: str, token: Optional[str], getargs: Dict[str, Any], form: Dict[str, Any], body: Any
    ) -> Tuple[int, bytes]:
        if not path.startswith(CASES_PATH):
            return cast(Tuple[int, bytes], super().__call__(method, path, token, getargs, form, body))
        self.calls.append((method, path, "system" if token == SYSTEM_TOKEN else "user"))
        if token != SYSTEM_TOKEN:
            return 403, b'{"messages":[{"type":"ERROR","text":"forbidden for this user"}]}'
        if self.status:
            return self.status, b'{"messages":[{"type":"ERROR","text":"KV Store is initializing"}]}'
        key = path[len(CASES_PATH) + 1:]
        if method == "POST" and not key:
            key = "case%d" % (len(self.docs) + 1)
            self.docs[key] = dict(json.loads(body), _key=key)
            return 201, json.dumps({"_key": key}).encode("utf-8")
        if key:
            if key not in self.docs:
                return 404, b'{"messages":[{"type":"ERROR","text":"Could not find object."}]}'
            if method == "POST":
                self.docs[key] = dict(json.loads(body), _key=key)
                return 200, json.dumps({"_key": key}).encode("utf-8")
            return 200, json.dumps(self.docs[key]).encode("utf-8")
        docs = list(self.docs.values())
        if getargs.get("query"):
            wanted = json.loads(getargs["query"])
            docs = [d for d in docs if all(d.get(k) == v for k, v in wanted.items())]
        field, direction = getargs["sort"].split(":")
        docs.sort(key=lambda d: d.get(field, 0), reverse=direction == "-1")
        excluded = [f.split(":")[0] for f in getargs.get("fields", "").split(",") if f.endswith(":0")]
        docs = [{k: v for k, v in d.items() if k not in excluded} for d in docs]
        return 200, json.dumps(docs[: int(getargs.get("limit") or 0) or None]).encode("utf-8")


def case_request(
    method: str,
    path: str = "cases",
    case: Optional[Dict[str, Any]] = None,
    query: Optional[List[Tuple[str, str]]] = None,
    token: str = ANALYST_TOKEN,
    payload: Optional[str] = None,
) -> bytes:
    form = [("case", json.dumps(case))] if case is not None else None
    doc = json.loads(pt_support.request(method, path, query=query or [], token=token, form=form))
    if payload is not None:
        doc["payload"] = payload
    return json.dumps(doc).encode("utf-8")


PIN = {
    "type": "ipv4",
    "value": "203.0.113.77",
    "why": "resolved to (A record)",
    "relation": "resolves-to",
    "from": "resolutions",
    "internalSightings": {"count": 19, "firstSeen": "2026-12-05T02:00:00.000Z", "lastSeen": "2026-12-06T02:00:00.000Z"},
    "pinnedBy": "mallory",
}
SNAPSHOT = {"datasets": {"resolutions": {"ok": True, "value": {"records": [{"resolve": "203.0.113.77"}], "total": 1}}}}
NEW_CASE = {
    "indicator": "login-secure-update.example",
    "type": "domain",
    "title": "Phishing of Northwind",
    "verdict": "malicious",
    "pins": [PIN],
    "trail": [{"type": "domain", "value": "login-secure-update.example"}],
    "timeRange": {"earliest": "-7d", "latest": "now"},
    "snapshot": SNAPSHOT,
    "note": "Three employees clicked the lure.",
}


class CasesRouteTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd = CasesSplunkd().install()
        self.splunkd.conf["api"] = {"base_url": self.pt.base_url, "key_host": pt_support.host_of(self.pt.base_url)}
        self.now = NOW

    def send(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        deps = pt_support.deps()
        deps.clock = lambda: self.now
        reply = service.handle_request(case_request(*args, **kwargs), deps)
        json.dumps(reply)
        return cast(Dict[str, Any], reply)

    def create(self) -> Dict[str, Any]:
        reply = self.send("POST", case=NEW_CASE)
        self.assertEqual(reply["status"], 201, reply["payload"])
        return cast(Dict[str, Any], reply["payload"])

    def test_save_then_open_exactly_as_saved_with_who_and_when_from_the_session(self) -> None:
        created = self.create()
        self.assertEqual(created["createdBy"], "analyst")
        self.assertEqual(created["createdAt"], "2025-12-06T05:46:40.000Z")
        self.assertEqual(created["assignee"], "analyst")
        self.assertEqual(created["state"], "open")
        self.assertEqual(created["pins"][0]["pinnedBy"], "analyst")
        note = {"user": "analyst", "time": "2025-12-06T05:46:40.000Z", "text": NEW_CASE["note"]}
        self.assertEqual(created["notes"], [note])
        self.assertTrue(all(who == "system" for m, p, who in self.splunkd.calls if p.startswith(CASES_PATH)))
        self.now = NOW + 3600
        reply = self.send("GET", "cases/" + created["id"])
        self.assertEqual(reply["status"], 200, reply["payload"])
        opened = reply["payload"]
        self.assertEqual(opened["snapshot"], SNAPSHOT)
        self.assertEqual(opened["snapshotAt"], "2025-12-06T05:46:40.000Z")
        self.assertEqual(opened["trail"], NEW_CASE["trail"])
        self.assertEqual(opened["timeRange"], {"earliest": "-7d", "latest": "now"})
        self.assertEqual(opened["pins"][0]["internalSightings"]["count"], 19)

    def test_hand_over_add_a_note_and_close_as_another_user(self) -> None:
        created = self.create()
        self.now = NOW + 60
        reply = self.send("POST", "cases/" + created["id"], case={"assignee": "admin", "note": "Yours now."})
        self.assertEqual(reply["status"], 200, reply["payload"])
        self.now = NOW + 120
        pins = created["pins"] + [{"type": "domain", "value": "docs-share-portal.example", "why": "sibling"}]
        reply = self.send("POST", "cases/" + created["id"], case={"state": "closed", "pins": pins}, token=ADMIN_TOKEN)
        closed = reply["payload"]
        self.assertEqual((closed["state"], closed["assignee"], closed["updatedBy"]), ("closed", "admin", "admin"))
        self.assertEqual([n["user"] for n in closed["notes"]], ["analyst", "analyst"])
        self.assertEqual([p["pinnedBy"] for p in closed["pins"]], ["analyst", "admin"])
        self.assertEqual(closed["snapshot"], SNAPSHOT)
        self.assertEqual(closed["createdBy"], "analyst")

    def test_the_list_is_newest_change_first_without_the_saved_intelligence(self) -> None:
        first = self.create()
        self.now = NOW + 10
        second = self.send("POST", case=dict(NEW_CASE, indicator="203.0.113.77", type="ipv4"))["payload"]
        self.now = NOW + 20
        self.send("POST", "cases/" + first["id"], case={"state": "closed"})
        listed = self.send("GET")["payload"]["cases"]
        self.assertEqual([c["id"] for c in listed], [first["id"], second["id"]])
        self.assertNotIn("snapshot", listed[0])
        self.assertNotIn("trail", listed[0])
        self.assertEqual(listed[0]["pins"][0]["value"], "203.0.113.77")
        only_open = self.send("GET", query=[("state", "open")])["payload"]["cases"]
        self.assertEqual([c["id"] for c in only_open], [second["id"]])

    def test_input_is_validated_and_nothing_is_written(self) -> None:
        bad = [
            ({"type": "domain"}, "indicator is missing"),
            (dict(NEW_CASE, indicator="evil .example"), "printable ASCII"),
            (dict(NEW_CASE, type="hash"), "type must be one of"),
            (dict(NEW_CASE, verdict="evil"), "verdict must be one of"),
            (dict(NEW_CASE, assignee="a b"), "Splunk user name"),
            (dict(NEW_CASE, createdBy="mallory"), "unknown field createdBy"),
            (dict(NEW_CASE, pins=[PIN] * 1 + [{"type": "ipv4"}]), "pins[1].value is missing"),
            (dict(NEW_CASE, pins=[dict(PIN, value="10.0.0.%d" % i) for i in range(201)]), "at most 200"),
            (dict(NEW_CASE, trail=[{"type": "domain", "value": "a.example", "via": {"from": "b", "relation": "X!"}}]),
             "trail[0].via"),
            (dict(NEW_CASE, note="x" * 10001), "note is longer"),
            (dict(NEW_CASE, title="a\u0000b"), "control characters"),
            (dict(NEW_CASE, snapshot={"blob": "x" * (4 * 1024 * 1024)}), "larger than 4 MB"),
            (dict(NEW_CASE, pins=[dict(PIN, internalSightings={"count": -1})]), "whole number"),
        ]
        for case, words in bad:
            with self.subTest(words=words):
                message = self.assert_error(self.send("POST", case=case), 400, cases.INVALID_INPUT)
                self.assertIn(words, message["text"])
        self.assert_error(self.send("POST", payload="[1]"), 400, cases.INVALID_INPUT)
        self.assert_error(self.send("POST", payload="{not json"), 400, cases.INVALID_INPUT)
        self.assertEqual(self.splunkd.docs, {})
        created = self.create()
        reply = self.send("POST", "cases/" + created["id"], case={"indicator": "other.example"})
        self.assertIn("stays about its indicator", self.assert_error(reply, 400, cases.INVALID_INPUT)["text"])

    def test_an_empty_assignee_is_the_creator(self) -> None:
        reply = self.send("POST", case=dict(NEW_CASE, assignee=""))
        self.assertEqual(reply["payload"]["assignee"], "analyst")

    def test_a_json_body_is_accepted(self) -> None:
        reply = self.send("POST", payload=json.dumps(NEW_CASE))
        self.assertEqual(reply["status"], 201, reply["payload"])

    def test_unknown_cases_are_404(self) -> None:
        for path in ("cases/nope", "cases/../x", "cases/a%2Fb"):
            with self.subTest(path=path):
                self.assert_error(self.send("GET", path), 404, "not_found")
        self.assert_error(self.send("POST", "cases/nope", case={"state": "closed"}), 404, "not_found")

    def test_needs_the_query_capability_and_takes_no_delete(self) -> None:
        self.assert_error(self.send("POST", case=NEW_CASE, token=NOBODY_TOKEN), 403, "forbidden")
        self.assert_error(self.send("GET", token=NOBODY_TOKEN), 403, "forbidden")
        self.assert_error(self.send("DELETE", "cases/x"), 405, "method_not_allowed")
        self.assertEqual(self.splunkd.docs, {})

    def test_kv_store_unavailable_is_a_503_without_secrets(self) -> None:
        self.splunkd.status = 503
        reply = self.send("POST", case=NEW_CASE)
        self.assertIn("cases cannot be read or saved", self.assert_error(reply, 503, cases.HISTORY_UNAVAILABLE)["text"])
        self.assertNotIn(SYSTEM_TOKEN, json.dumps(reply))
        self.assert_error(self.send("GET"), 503, cases.HISTORY_UNAVAILABLE)


class CollectionConfTest(unittest.TestCase):
    def test_collections_conf_declares_the_cases_collection(self) -> None:
        with open(pt_support.ROOT + "/default/collections.conf", encoding="utf-8") as handle:
            text = handle.read()
        stanza = text.split("[passivetotal_cases]", 1)[1].split("\n[", 1)[0]
        fields = ("title", "indicator", "verdict", "state", "assignee", "created_by", "updated_at", "pins", "snapshot")
        for field in fields:
            self.assertIn("field.%s = " % field, stanza)


if __name__ == "__main__":
    unittest.main()
