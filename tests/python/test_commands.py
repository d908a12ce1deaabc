"""The search commands through the chunked protocol against a stand-in for the app's endpoint: results and their
fields, version 1.0.4's search strings, the time range, errors and capabilities, every provider, and the streaming
enrichment's batching (each distinct value looked up once per search)."""

import io
import unittest
from typing import Any, Dict, List, Optional, Sequence, Tuple

from test_commands_support import (
    SESSION_KEY,
    FakeEndpoint,
    envelope,
    error,
    execute,
    getinfo,
    messages,
    records,
    replies,
    status_body,
)

from passivetotal_app import chunked
from passivetotal_app.commands import main
from passivetotal_app.commands.arguments import UsageError, parse_args, parse_time, time_range

NOW = 1796000000.0  # 2026-11-30 00:53:20 UTC, after every demo record
Run = Tuple[int, List[chunked.Chunk], str]


def run(
    command: str,
    args: Sequence[str],
    fake: FakeEndpoint,
    events: Optional[Sequence[Sequence[Dict[str, Any]]]] = None,
    earliest: str = "0",
    latest: str = "0",
    maxrows: int = 50000,
) -> Run:
    """The command's process, splunkd's side played from getinfo to the last execute chunk."""
    stream = getinfo(command, args, earliest, latest, maxrows)
    if events is None:
        stream += execute([], True) * 4  # splunkd asks a generating command again until it is finished
    else:
        for i, chunk in enumerate(events):
            stream += execute(chunk, i == len(events) - 1)
    out = io.BytesIO()
    err = io.StringIO()
    code = main.run(command, io.BytesIO(stream), out, err, fake.transport, clock=lambda: NOW)
    return code, replies(out.getvalue()), err.getvalue()


def demo(ready: Sequence[str] = ("rdap", "crtsh", "mnemonic", "otx"), configured: bool = True) -> FakeEndpoint:
    fake = FakeEndpoint(status_body(configured=configured, ready=ready))
    fake.answer = fake.demo
    return fake


class ArgumentsTest(unittest.TestCase):
    def test_named_options_and_quotes(self) -> None:
        self.assertEqual(parse_args(["query=evil.example"], ("query",)), {"query": "evil.example"})
        self.assertEqual(parse_args(['query="evil.example"'], ("query",)), {"query": "evil.example"})
        for args, words in (
            (["evil.example"], "takes only named options"),
            (["foo=1"], "There is no option"),
            (["query=a", "query=b"], "more than once"),
            (['query=""'], "is empty"),
        ):
            with self.subTest(args=args):
                with self.assertRaises(UsageError) as caught:
                    parse_args(args, ("query", "earliest", "latest"))
                self.assertIn(words, str(caught.exception))

    def test_time_modifiers(self) -> None:
        now = 1764597600.0  # 2025-12-01 14:00:00 UTC, a Monday
        cases = [
            ("1764460800", 1764460800.0),
            ("now", now),
            ("0", 0.0),
            ("-24h", now - 86400),
            ("-7d@d", 1763942400.0),  # 2025-11-24 00:00
            ("@d", 1764547200.0),
            ("@w0", 1764460800.0),  # Sunday 2025-11-30
            ("@w1", 1764547200.0),  # Monday
            ("-1mon@mon", 1761955200.0),  # 2025-11-01
            ("@d+8h", 1764576000.0),
            ("@y", 1735689600.0),
            ("11/30/2025:00:00:00", 1764460800.0),
            ("2025-11-30", 1764460800.0),
            ("2025-11-30T01:00:00+01:00", 1764460800.0),
            ("yesterday", None),
            ("-7x", None),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(parse_time(text, now), expected)

    def test_explicit_times_replace_the_searchs_range(self) -> None:
        search = time_range({}, 100.0, 200.0, NOW)
        self.assertEqual((search.earliest, search.latest), (100.0, 200.0))
        given = time_range({"earliest": "0", "latest": "now"}, 100.0, 200.0, NOW)
        self.assertEqual((given.earliest, given.latest), (None, NOW))
        with self.assertRaises(UsageError):
            time_range({"earliest": "tomorrow"}, None, None, NOW)
        with self.assertRaises(UsageError):
            time_range({"earliest": "now", "latest": "-1d"}, None, None, NOW)


class PassiveDnsTest(unittest.TestCase):
    def test_one_result_per_resolution_with_old_and_new_fields(self) -> None:
        fake = demo(ready=())
        code, chunks, err = run("ptpdns", ["query=login-secure-update[.]example"], fake)
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(chunks[0].metadata, {"type": "reporting", "generating": True})
        rows = records(chunks)
        self.assertEqual(len(rows), 9)
        first = rows[0]
        self.assertEqual(first["resolve"], "203.0.113.77")
        self.assertEqual(first["recordType"], "A")
        self.assertEqual(first["resolveType"], "ip")
        self.assertEqual(first["firstSeen"], "2026-11-06 03:12:44")
        self.assertEqual(first["lastSeen"], "2026-11-28 21:14:07")
        self.assertEqual(first["first_seen"], "1793934764")
        self.assertEqual(first["_time"], first["last_seen"])
        self.assertEqual(first["sources"], ["riskiq", "pingly"])
        self.assertEqual(first["source"], "passivetotal")
        self.assertEqual(first["count"], "9")
        self.assertEqual(first["query"], "login-secure-update.example")
        times = [int(r["_time"]) for r in rows]
        self.assertEqual(times, sorted(times, reverse=True))
        self.assertEqual(fake.batches, [["pt/dns/passive?query=login-secure-update.example"]])

    def test_the_session_key_goes_in_the_header_to_the_users_namespace(self) -> None:
        fake = demo(ready=())
        run("ptpdns", ["query=login-secure-update.example"], fake)
        self.assertEqual(set(fake.keys), {SESSION_KEY})
        self.assertTrue(all(u.startswith("https://127.0.0.1:8089/servicesNS/analyst/passivetotal/passivetotal/")
                            for u in fake.urls))
        self.assertFalse(any(SESSION_KEY in u for u in fake.urls))

    def test_every_provider_merges_and_names_its_source(self) -> None:
        fake = demo(ready=("mnemonic", "otx"))
        code, chunks, _ = run("ptpdns", ["query=203.0.113.77"], fake)
        rows = records(chunks)
        self.assertEqual(code, 0)
        sources = {r["resolve"]: r["source"] for r in rows}
        self.assertIn("docs-share-portal.example", sources)
        self.assertEqual(
            sorted(fake.asked),
            ["open/mnemonic/resolutions?q=203.0.113.77", "open/otx/passive_dns?q=203.0.113.77",
             "pt/dns/passive?query=203.0.113.77"],
        )
        merged = [r for r in rows if isinstance(r["source"], list)]
        self.assertTrue(merged, "a resolution seen by several providers names them all")
        self.assertEqual(merged[0]["source"][0], "passivetotal")

    def test_without_passivetotal_the_open_providers_answer(self) -> None:
        fake = demo(ready=("mnemonic", "otx", "circl"), configured=False)
        code, chunks, _ = run("ptpdns", ["query=login-secure-update.example"], fake)
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        self.assertFalse(any(c.startswith("pt/") for c in fake.asked))
        self.assertEqual({p for r in rows for p in ([r["source"]] if isinstance(r["source"], str) else r["source"])},
                         {"mnemonic", "otx"})

    def test_the_searchs_time_range_keeps_the_resolutions_seen_in_it(self) -> None:
        fake = demo(ready=())
        # 2026-11-20 00:00 to 2026-11-27 00:00 UTC
        code, chunks, _ = run("ptpdns", ["query=login-secure-update.example"], fake, earliest="1795132800",
                              latest="1795737600")
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        for r in rows:
            self.assertGreaterEqual(int(r["last_seen"]), 1795132800)
            self.assertLess(int(r["first_seen"]), 1795737600)
        self.assertLess(len(rows), 9)
        self.assertEqual(fake.asked,
                         ["pt/dns/passive?query=login-secure-update.example&start=2026-11-20&end=2026-11-27"])

    def test_the_1_0_4_dashboard_search_runs_unchanged(self) -> None:
        # |ptpdns query="$pt_query_value$" earliest=`toEpoch("$dashboard_time.earliest$")` latest=`toEpoch(...)`:
        # the macros give epoch seconds; the time picker's default was all time (0) to now.
        fake = demo(ready=())
        code, chunks, _ = run("ptpdns", ["query=login-secure-update.example", "earliest=0", "latest=%d" % NOW], fake,
                              earliest="1795132800", latest="1795737600")
        self.assertEqual(code, 0)
        self.assertEqual(len(records(chunks)), 9)  # the arguments replace the search's own range
        self.assertEqual(fake.asked, ["pt/dns/passive?query=login-secure-update.example&end=2026-11-30"])

    def test_quota_exceeded_is_a_message_while_other_providers_answer(self) -> None:
        fake = demo(ready=("mnemonic",))
        fake.calls["pt/dns/passive?query=203.0.113.77"] = (
            429, envelope("PassiveTotal quota exceeded", "quota_exceeded", resetAt="2026-12-02T00:00:00Z"))
        code, chunks, err = run("ptpdns", ["query=203.0.113.77"], fake)
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(messages(chunks),
                         [("WARN", "PassiveTotal quota exceeded for passive DNS; it resets 2026-12-02 00:00 UTC")])
        rows = records(chunks)
        self.assertTrue(rows)
        self.assertEqual({r["source"] for r in rows}, {"mnemonic"})

    def test_a_value_that_is_no_indicator_ends_the_search_with_the_reason(self) -> None:
        fake = demo()
        code, chunks, err = run("ptpdns", ['query=hello world'], fake)
        self.assertEqual(code, 1)
        self.assertEqual(len(chunks), 1)  # refused in the getinfo reply, before any lookup
        self.assertEqual(chunks[0].metadata["finished"], True)
        self.assertEqual(
            error(chunks),
            'query="hello world" is not an indicator: an indicator cannot contain spaces. Expected an IPv4 or IPv6 '
            "address, a domain, a URL, an email address, a certificate SHA-1 or a tracker id such as UA-12345-1.",
        )
        self.assertEqual(messages(chunks), [])
        self.assertEqual((err, fake.urls), ("", []))

    def test_a_missing_query_says_how_to_write_it(self) -> None:
        code, chunks, _ = run("ptpdns", [], demo())
        self.assertEqual(code, 1)
        self.assertEqual(error(chunks),
                         'A value to look up is needed: query=<indicator>, for example | ptpdns query="evil.example"')


class PermissionsAndFailuresTest(unittest.TestCase):
    def test_a_user_without_the_apps_role_gets_an_error_not_data(self) -> None:
        fake = FakeEndpoint(status_body(query=False), query=False)
        for command, args in (("ptpdns", ["query=evil.example"]), ("pthistory", []),
                              ("ptenrich", ["query=evil.example"])):
            with self.subTest(command=command):
                code, chunks, _ = run(command, args, fake)
                self.assertEqual(code, 1)
                self.assertEqual(records(chunks), [])
                self.assertEqual(
                    error(chunks),
                    "You may not ask PassiveTotal from a search: your Splunk role lacks the capability "
                    "passivetotal_query. Ask a Splunk administrator for the role passivetotal_user.",
                )
        self.assertEqual(fake.batches, [])

    def test_the_streaming_enrichment_stops_with_the_error_too(self) -> None:
        fake = FakeEndpoint(status_body(query=False), query=False)
        code, chunks, _ = run("ptenrich", ["field=dest_ip"], fake, events=[[{"dest_ip": "203.0.113.77"}], []])
        self.assertEqual(code, 1)
        self.assertEqual(chunks[-1].metadata["finished"], True)
        self.assertIn("passivetotal_query", error(chunks))

    def test_splunkd_unreachable_is_an_error_without_traceback(self) -> None:
        fake = FakeEndpoint()

        def down(url: str, key: str, timeout: float) -> Tuple[int, bytes]:
            from passivetotal_app.commands.endpoint import EndpointUnreachable

            raise EndpointUnreachable("splunkd could not be reached (ConnectionRefusedError)")

        fake.transport = down  # type: ignore[assignment]
        code, chunks, err = run("ptwhois", ["query=evil.example"], fake)
        self.assertEqual(code, 1)
        self.assertIn("splunkd could not be reached at https://127.0.0.1:8089", error(chunks))
        self.assertNotIn("Traceback", err)

    def test_an_endpoint_that_fails_its_status_ends_the_search_with_its_text(self) -> None:
        fake = FakeEndpoint()
        broken = fake.transport

        def status_fails(url: str, key: str, timeout: float) -> Tuple[int, bytes]:
            if "/status?" in url:
                return 500, (b'{"messages":[{"type":"ERROR","text":"Internal error (incident 7c1d).",'
                             b'"code":"internal"}]}')
            return broken(url, key, timeout)

        fake.transport = status_fails  # type: ignore[assignment]
        code, chunks, _ = run("ptpdns", ["query=evil.example"], fake)
        self.assertEqual(code, 1)
        self.assertEqual(error(chunks),
                         "The PassiveTotal app's endpoint failed (HTTP 500): Internal error (incident 7c1d).")

    def test_an_unexpected_failure_is_one_line_and_no_traceback(self) -> None:
        fake = demo()
        fake.answer = lambda call: (200, {"data": None, "unexpected": object.__new__(object)})  # not JSON-able
        code, chunks, err = run("ptpdns", ["query=evil.example"], fake)
        self.assertEqual(code, 1)
        text = error(chunks)
        self.assertEqual(text, "Internal error in the PassiveTotal command (TypeError); the search's log has the "
                               "details.")
        self.assertNotIn("Traceback", err + text)
        self.assertNotIn(SESSION_KEY, err + text)
        self.assertEqual(len(err.strip().splitlines()), 1)

    def test_every_failure_kind_in_words(self) -> None:
        cases = [
            ((401, envelope("PassiveTotal refused the username or API key (HTTP 401).", "bad_credentials")),
             "PassiveTotal refused the app's credentials for passive DNS"),
            ((402, envelope("not licensed", "not_licensed")), "PassiveTotal does not allow passive DNS"),
            ((502, envelope("down", "upstream_unavailable")), "PassiveTotal could not be reached for passive DNS"),
            ((504, envelope("slow", "upstream_timeout")), "PassiveTotal did not answer in time for passive DNS"),
            ((400, envelope("PassiveTotal refused the query.", "bad_query")),
             "PassiveTotal refused the query for passive DNS: PassiveTotal refused the query."),
            ((503, envelope("PassiveTotal is not configured.", "not_configured")),
             "PassiveTotal is not configured for passive DNS"),
            ((500, envelope("Internal error (incident 4f2a).", "internal")),
             "The app's endpoint failed on passive DNS: Internal error (incident 4f2a)."),
            ((200, {"no": "data"}), "PassiveTotal answered passive DNS with something the app cannot read"),
        ]
        for reply, words in cases:
            with self.subTest(words=words):
                fake = demo(ready=())
                fake.calls["pt/dns/passive?query=evil.example"] = reply
                code, chunks, _ = run("ptpdns", ["query=evil.example"], fake)
                self.assertEqual(code, 0)
                [(level, text)] = messages(chunks)
                self.assertEqual(level, "WARN")
                self.assertTrue(text.startswith(words), text)


class UniqueResolutionsTest(unittest.TestCase):
    def test_passivetotals_counts(self) -> None:
        code, chunks, _ = run("ptupdns", ["query=login-secure-update.example"], demo(ready=()))
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        self.assertEqual(set(rows[0]), {"query", "resolve", "count", "source"})
        self.assertEqual(rows[0]["source"], "passivetotal")

    def test_without_passivetotal_the_distinct_answers_of_the_open_providers(self) -> None:
        fake = demo(ready=("mnemonic", "otx"), configured=False)
        code, chunks, _ = run("ptupdns", ["query=203.0.113.77"], fake)
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        counts = [int(r["count"]) for r in rows]
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertTrue(all("first_seen" in r and "source" in r for r in rows))
        self.assertEqual(len({r["resolve"] for r in rows}), len(rows))


class WhoisTest(unittest.TestCase):
    def test_one_result_per_record_with_contacts_and_1_0_4s_key_value_pairs(self) -> None:
        code, chunks, _ = run("ptwhois", ["query=login-secure-update.example", "earliest=0", "latest=now"],
                              demo(ready=("rdap",)))
        rows = records(chunks)
        self.assertEqual(code, 0)
        pt = [r for r in rows if r["source"] == "passivetotal"][0]
        self.assertEqual(pt["registrar"], "Bargain Names Registrar, Inc.")
        self.assertEqual(pt["registrant_email"], "j.harlow.registrant@freemail.test")
        self.assertEqual(pt["registrant_name"], "Jon Harlow")
        self.assertIsInstance(pt["name_servers"], list)
        self.assertTrue(pt["registered"].isdigit())
        self.assertEqual(len(pt["key"]), len(pt["value"]))
        self.assertEqual(pt["key"][pt["key"].index("Registrar")], "Registrar")
        self.assertEqual(pt["value"][pt["key"].index("Registrar")], "Bargain Names Registrar, Inc.")
        self.assertIn("rdap", [r["source"] for r in rows])

    def test_an_email_address_is_a_whois_search(self) -> None:
        fake = demo(ready=())
        code, chunks, _ = run("ptwhois", ["query=j.harlow.registrant[@]freemail.test"], fake)
        self.assertEqual(code, 0)
        self.assertEqual(fake.asked, ["pt/whois/search?field=email&query=j.harlow.registrant%40freemail.test"])
        self.assertGreaterEqual(len(records(chunks)), 5)


class CertificatesTest(unittest.TestCase):
    def test_a_domain_gets_the_certificates_naming_it_from_every_provider(self) -> None:
        fake = demo(ready=("crtsh",))
        code, chunks, _ = run("ptssl", ["query=login-secure-update.example"], fake)
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        sources = {r["source"] for r in rows}
        self.assertIn("crtsh", sources)
        names = rows[0]["subject_alternative_names"]
        self.assertTrue(names)

    def test_an_address_gets_1_0_4s_history_with_resolve(self) -> None:
        code, chunks, _ = run("ptssl", ["query=203.0.113.77"], demo(ready=()))
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        self.assertIn("05005010a96416bdbb9af136b1fe34b5a1496b8a", [r["sha1"] for r in rows])
        self.assertTrue(all("resolve" in r and "firstSeen" in r for r in rows))

    def test_a_sha1_adds_the_certificates_details(self) -> None:
        fake = demo(ready=())
        code, chunks, _ = run("ptssl", ["query=05005010a96416bdbb9af136b1fe34b5a1496b8a"], fake)
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertEqual(rows[0]["subject_common_name"], "docs-share-portal.example")
        self.assertEqual(sorted(fake.asked), [
            "pt/ssl-certificate/history?query=05005010a96416bdbb9af136b1fe34b5a1496b8a",
            "pt/ssl-certificate?query=05005010a96416bdbb9af136b1fe34b5a1496b8a",
        ])

    def test_an_address_without_passivetotal_says_who_could(self) -> None:
        code, chunks, _ = run("ptssl", ["query=203.0.113.77"], demo(ready=("crtsh",), configured=False))
        self.assertEqual((code, records(chunks)), (0, []))
        self.assertEqual(messages(chunks), [("WARN", "No configured source has certificate history for an IPv4 "
                                                     "address; PassiveTotal could (an administrator sets providers "
                                                     "up on the app's setup page)")])


class TrackersTest(unittest.TestCase):
    def test_a_hosts_trackers_with_1_0_4s_names(self) -> None:
        code, chunks, _ = run("pttrackers", ["query=login-secure-update.example"], demo(ready=()))
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertTrue(rows)
        wanted = {"hostname", "attributeType", "attributeValue", "firstSeen", "lastSeen", "source"}
        self.assertEqual(wanted - set(rows[0]), set())
        self.assertIn("UA-48213377-1", [r["attributeValue"] for r in rows])

    def test_a_tracker_id_gives_the_hosts_sharing_it(self) -> None:
        fake = demo(ready=())
        code, chunks, _ = run("pttrackers", ["query=ua-48213377-1"], fake)
        self.assertEqual(code, 0)
        self.assertEqual(fake.asked, ["pt/trackers/search?query=UA-48213377-1&type=GoogleAnalyticsTrackingId"])
        hosts = [r["hostname"] for r in records(chunks)]
        self.assertIn("secure-payroll-update.test", hosts)


class HistoryTest(unittest.TestCase):
    def fake(self) -> FakeEndpoint:
        fake = FakeEndpoint()
        fake.investigations = [
            {"user": "analyst", "indicator": "login-secure-update.example", "type": "domain", "time": 1795900000,
             "internalSightings": 0},
            {"user": "admin", "indicator": "203.0.113.77", "type": "ipv4", "time": 1795800000, "internalSightings": 30},
            {"user": "analyst", "indicator": "198.51.100.10", "type": "ipv4", "time": 1700000000},
        ]
        return fake

    def test_1_0_4s_fields_and_the_new_ones(self) -> None:
        code, chunks, _ = run("pthistory", [], self.fake())
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[1], {"_time": "1795800000", "dt": "2026-11-27 17:20:00", "username": "admin",
                                   "focus": "203.0.113.77", "type": "search", "indicator_type": "ipv4",
                                   "internal_sightings": "30", "source": "splunk"})

    def test_query_limit_and_time_range(self) -> None:
        fake = self.fake()
        code, chunks, _ = run("pthistory", ["query=login-secure-update[.]example"], fake)
        self.assertEqual([r["focus"] for r in records(chunks)], ["login-secure-update.example"])
        code, chunks, _ = run("pthistory", [], fake, earliest="1795000000")
        self.assertEqual(len(records(chunks)), 2)
        run("pthistory", ["limit=2"], fake)
        self.assertTrue(fake.urls[-1].endswith("investigations?limit=2&output_mode=json"))
        code, chunks, _ = run("pthistory", ["limit=500"], fake)
        self.assertEqual(code, 1)
        self.assertEqual(error(chunks), "limit=500 must be a whole number from 1 to 100")


class EnrichOneTest(unittest.TestCase):
    def test_1_0_4s_dashboard_search_fields(self) -> None:
        # |ptenrich query="$pt_query_value$" |rangemap field=classification low=1-1 elevated=2-2 severe=3-3 ...
        code, chunks, _ = run("ptenrich", ["query=login-secure-update.example"], demo(ready=("rdap",)))
        [row] = records(chunks)
        self.assertEqual(code, 0)
        self.assertEqual(row["classification"], "3")
        self.assertEqual(row["verdict"], "malicious")
        self.assertEqual(row["queryValue"], "login-secure-update.example")
        self.assertIn("phishing", row["tags"])
        self.assertEqual(row["everCompromised"], row["ever_compromised"])
        self.assertEqual(row["registrant_email"], "j.harlow.registrant@freemail.test")
        self.assertEqual(row["pdns_count"], "9")
        self.assertEqual(row["source"], ["passivetotal", "rdap"])

    def test_datasets_narrow_the_calls(self) -> None:
        fake = demo(ready=())
        run("ptenrich", ["query=203.0.113.77", "datasets=pdns"], fake)
        self.assertEqual(fake.asked, ["pt/dns/passive?query=203.0.113.77"])

    def test_wrong_combinations_are_refused(self) -> None:
        for args, words in (
            (["query=a.example", "field=dest_ip"], "do not go together"),
            ([], "query=<indicator> (one lookup"),
            (["query=a.example", "datasets=certs"], "unknown dataset certs"),
            (["query=jane@a.example"], "looks up IP addresses, domains and URLs"),
            (["field=dest", "earliest=-1d"], "go with the search itself"),
            (["field=dest", "prefix=pt-"], "only letters, digits and _"),
        ):
            with self.subTest(args=args):
                code, chunks, _ = run("ptenrich", args, demo())
                self.assertEqual(code, 1)
                self.assertIn(words, error(chunks))
        self.assertEqual(chunks[0].metadata["type"], "streaming")  # a refused field= is still the streaming form


class EnrichEventsTest(unittest.TestCase):
    def test_fields_are_added_and_other_fields_pass_through(self) -> None:
        events = [{"_time": "1795900000", "_raw": "GET http://203.0.113.77/s/8f3k2", "dest_ip": "203.0.113.77",
                   "_chunked_idx": "0"}]
        code, chunks, _ = run("ptenrich", ["field=dest_ip"], demo(ready=()), events=[events])
        self.assertEqual(chunks[0].metadata, {"type": "streaming", "generating": False, "distributed": False})
        [row] = records(chunks)
        self.assertEqual(code, 0)
        for name, value in events[0].items():
            self.assertEqual(row[name], value)
        self.assertEqual(row["pt_verdict"], "malicious")
        self.assertEqual(row["pt_indicator"], "203.0.113.77")
        self.assertEqual(row["pt_as_name"], "DEMO-BULLETPROOF-AS")
        self.assertTrue(row["pt_pdns_first_seen"].isdigit())
        self.assertIn("pt_registrar", row)

    def test_values_that_are_not_indicators_pass_with_the_reason(self) -> None:
        events = [{"dest": "10.20.1.27"}, {"dest": "-"}, {"other": "x"}, {"dest": "jane@evil.example"},
                  {"dest": "printer.local"}]
        fake = demo(ready=())
        code, chunks, _ = run("ptenrich", ["field=dest", "prefix=ti_"], fake, events=[events])
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertEqual([r["ti_skipped"] for r in rows], [
            "private network (RFC 1918), 10.0.0.0/8: not looked up",
            'not an indicator: "-" is not an indicator',
            "no value in dest",
            "an email address: the enrichment looks up IP addresses, domains and URLs",
            "multicast DNS name (RFC 6762), .local: not looked up",
        ])
        self.assertEqual(fake.batches, [])

    def test_each_distinct_value_is_looked_up_once_per_search_in_batches(self) -> None:
        fake = FakeEndpoint(status_body(configured=True))
        values = ["198.51.100.%d" % i for i in range(1, 101)]
        chunk_one = [{"dest_ip": v} for v in values[:60]] * 3
        chunk_two = [{"dest_ip": v} for v in values] + [{"dest_ip": "HXXP://198[.]51[.]100[.]7/path"}]
        code, chunks, _ = run("ptenrich", ["field=dest_ip", "datasets=reputation"], fake, events=[chunk_one, chunk_two])
        self.assertEqual(code, 0)
        enrichment = [c for c in fake.asked if c.startswith("pt/enrichment")]
        self.assertEqual(len(enrichment), 100)  # 100 distinct values (198.51.100.7 twice: in the URL and plainly)
        self.assertEqual(len(set(enrichment)), 100)
        self.assertTrue(all(len(b) <= 40 for b in fake.batches))
        self.assertEqual([len(b) for b in fake.batches], [40, 20, 40])
        self.assertEqual(len(records(chunks)), 180 + 101)
        self.assertEqual([c.metadata["finished"] for c in chunks[1:]], [False, True])

    def test_upstream_failures_become_messages_and_a_field_while_results_flow(self) -> None:
        fake = demo(ready=("mnemonic",))
        fake.calls["pt/dns/passive?query=203.0.113.77"] = (429, envelope("quota", "quota_exceeded"))
        events = [{"dest_ip": "203.0.113.77"}, {"dest_ip": "198.51.100.10"}]
        code, chunks, _ = run("ptenrich", ["field=dest_ip", "datasets=resolutions,reputation"], fake,
                              events=[events[:1], events[1:]])
        rows = records(chunks)
        self.assertEqual(code, 0)
        self.assertEqual(rows[0]["pt_errors"], "PassiveTotal quota exceeded for passive DNS")
        self.assertTrue(rows[0]["pt_pdns_count"].isdigit())  # mnemonic still answered
        self.assertEqual(rows[0]["pt_verdict"], "malicious")  # and the other dataset
        # A spent quota is the account's: PassiveTotal is not asked again in the same search, for any dataset.
        self.assertEqual(messages(chunks), [("WARN", "PassiveTotal quota exceeded for passive DNS"),
                                            ("WARN", "PassiveTotal quota exceeded for reputation")])
        self.assertFalse([c for c in fake.asked if c.startswith("pt/") and "198.51.100.10" in c])
        self.assertEqual(rows[1]["pt_errors"], ["PassiveTotal quota exceeded for passive DNS",
                                                "PassiveTotal quota exceeded for reputation"])
        self.assertIn("open/mnemonic/resolutions?q=198.51.100.10", fake.asked)

    def test_a_multivalue_field_gets_one_entry_per_value(self) -> None:
        events = [{"answer": ["203.0.113.77", "198.51.100.10"]}]
        code, chunks, _ = run("ptenrich", ["field=answer", "datasets=reputation"], demo(ready=()), events=[events])
        [row] = records(chunks)
        self.assertEqual(row["pt_indicator"], ["203.0.113.77", "198.51.100.10"])
        self.assertEqual(row["pt_verdict"], ["malicious", "non_malicious"])
        self.assertEqual(row["pt_source"], "passivetotal")


class GeneratingChunksTest(unittest.TestCase):
    def test_more_results_than_maxresultrows_come_in_several_chunks(self) -> None:
        code, chunks, _ = run("ptpdns", ["query=login-secure-update.example"], demo(ready=()), maxrows=4)
        self.assertEqual(code, 0)
        self.assertEqual([c.metadata["finished"] for c in chunks[1:]], [False, False, True])
        self.assertEqual([len(chunked.read_records(c.body)) for c in chunks[1:]], [4, 4, 1])


if __name__ == "__main__":
    unittest.main()
