"""The cache decorator and in-flight coalescing: hit, miss, expiry, no caching of errors or quota, KV store down."""

import json
import threading
import time
import unittest
from typing import Any, Callable, Dict, List, Optional

import pt_support
from kv_http import KvServer, run_processes
from pt_support import KV_PATH, HandlerTest, Reply

from passivetotal_app import cache
from passivetotal_app import coalescing, leases
from passivetotal_app.cache import CacheUnavailable, CachingClient, cache_key
from passivetotal_app.coalescing import CoalescingClient
from passivetotal_app.errors import ProxyError
from passivetotal_app.model import Answer, Query
from passivetotal_app.splunkd import Splunkd, default_transport

PDNS = Query("dns/passive", (("query", "evil.example"),), "dns", "passive DNS")
WHOIS = Query("whois", (("query", "evil.example"),), "whois", "WHOIS")
QUOTA = Query("account/quota", (), "account", "quota")
TTL = {"dns": 100, "whois": 1000, "account": 0}


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class CountingUpstream:
    """An inner client that counts calls and answers, or raises ``error``."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.calls: List[Query] = []
        self.error: Optional[ProxyError] = None

    def get(self, query: Query) -> Answer:
        self.calls.append(query)
        if self.error:
            raise self.error
        return Answer({"results": [query.path, len(self.calls)]}, False, self.clock())


class MemoryStore:
    """The CacheStore interface in memory; ``down`` makes every call fail like an unavailable KV store."""

    def __init__(self) -> None:
        self.docs: Dict[str, Dict[str, Any]] = {}
        self.down = False
        self.maintenance: List[str] = []
        self.reads = 0

    def _check(self) -> None:
        if self.down:
            raise CacheUnavailable("KV store answered 503")

    def read(self, key: str) -> Optional[Dict[str, Any]]:
        self._check()
        self.reads += 1
        return self.docs.get(key)

    def write(self, doc: Dict[str, Any]) -> None:
        self._check()
        self.docs[doc["_key"]] = dict(doc)

    def claim(self, key: str, expires_at: float, holder: str = "") -> bool:
        self._check()
        if key in self.docs:
            return False
        self.docs[key] = {"_key": key, "lease": True, "expires_at": expires_at, "holder": holder}
        return True

    def remove(self, key: str) -> None:
        self._check()
        self.docs.pop(key, None)

    def delete_expired(self, now: float) -> None:
        self.maintenance.append("expired")
        self.docs = {k: d for k, d in self.docs.items() if d["expires_at"] >= now}

    def trim(self, max_entries: int) -> None:
        self.maintenance.append("trim")


class CachingClientTest(unittest.TestCase):
    def setUp(self) -> None:
        cache.reset_maintenance_clock()
        self.clock = Clock()
        self.upstream = CountingUpstream(self.clock)
        self.store = MemoryStore()
        self.client = CachingClient(
            self.upstream, self.store, "passivetotal https://x", lambda d: TTL.get(d, 0), 50000, 10_000, self.clock
        )

    def test_miss_then_hit(self) -> None:
        first = self.client.get(PDNS)
        self.assertFalse(first.cached)
        self.assertEqual(first.expires_at, first.fetched_at + 100)
        self.clock.now += 50
        second = self.client.get(PDNS)
        self.assertTrue(second.cached)
        self.assertEqual(second.data, first.data)
        self.assertEqual(second.fetched_at, first.fetched_at)
        self.assertEqual(len(self.upstream.calls), 1)

    def leased_client(self, on_sleep: Callable[[], None], lease_seconds: float = 5.0) -> CachingClient:
        self.slept: List[float] = []

        def sleep(seconds: float) -> None:
            self.slept.append(seconds)
            self.clock.now += seconds
            on_sleep()

        return CachingClient(
            self.upstream,
            self.store,
            "passivetotal https://x",
            lambda d: TTL.get(d, 0),
            50000,
            10_000,
            self.clock,
            lease_seconds=lease_seconds,
            sleep=sleep,
        )

    def test_a_request_waits_for_another_process_fetching_the_same_item(self) -> None:
        # Another handler process holds the lease and stores its answer while this one waits.
        key = cache.cache_key("passivetotal https://x", PDNS)
        self.store.claim(cache.LEASE_PREFIX + key, self.clock() + 5)
        answer = Answer({"results": ["from the other process"]}, False, self.clock())

        def other_process_finishes() -> None:
            if cache.LEASE_PREFIX + key in self.store.docs:
                del self.store.docs[cache.LEASE_PREFIX + key]
                self.store.write(
                    {
                        "_key": key,
                        "fetched_at": answer.fetched_at,
                        "expires_at": answer.fetched_at + 100,
                        "body": json.dumps(answer.data),
                    }
                )

        got = self.leased_client(other_process_finishes).get(PDNS)
        self.assertEqual(got.data, answer.data)
        self.assertTrue(got.cached)
        self.assertEqual(self.upstream.calls, [])

    def test_a_lease_whose_holder_died_is_taken_over_once_it_expires(self) -> None:
        key = cache.cache_key("passivetotal https://x", PDNS)
        self.store.claim(cache.LEASE_PREFIX + key, self.clock() - 1)
        got = self.leased_client(lambda: None).get(PDNS)
        self.assertFalse(got.cached)
        self.assertEqual(len(self.upstream.calls), 1)
        self.assertNotIn(cache.LEASE_PREFIX + key, self.store.docs)

    def test_a_waiter_looks_with_backoff(self) -> None:
        # Another process holds the lease for 20 seconds and never stores an entry: the waiter looks after 0.05,
        # 0.1, 0.2 ... seconds, at most a second apart, until the lease has expired, then fetches itself.
        key = cache.cache_key("passivetotal https://x", PDNS)
        self.store.claim(cache.LEASE_PREFIX + key, self.clock() + 20, "another")
        started = self.clock()
        got = self.leased_client(lambda: None, lease_seconds=30.0).get(PDNS)
        slept = self.slept
        self.assertFalse(got.cached)
        self.assertEqual(slept[:6], [0.05, 0.1, 0.2, 0.4, 0.8, 1.0])
        self.assertEqual(set(slept[5:]), {1.0})
        waited = self.clock() - started
        self.assertGreaterEqual(waited, 20)
        self.assertLess(self.store.reads / waited, 3)  # was 34 reads a second
        self.assertEqual(len(self.upstream.calls), 1)

    def test_the_lease_goes_after_a_failure_too(self) -> None:
        self.upstream.error = ProxyError(502, "upstream_error", "boom")
        with self.assertRaises(ProxyError):
            self.client.get(PDNS)
        self.assertEqual([k for k in self.store.docs if k.startswith(cache.LEASE_PREFIX)], [])

    def test_a_waiter_fetches_itself_when_the_holder_gives_up_without_an_entry(self) -> None:
        key = cache.cache_key("passivetotal https://x", PDNS)
        self.store.claim(cache.LEASE_PREFIX + key, self.clock() + 5)

        def holder_fails() -> None:
            self.store.docs.pop(cache.LEASE_PREFIX + key, None)

        got = self.leased_client(holder_fails).get(PDNS)
        self.assertFalse(got.cached)
        self.assertEqual(len(self.upstream.calls), 1)

    def test_entry_expires_after_its_dataset_ttl(self) -> None:
        self.client.get(PDNS)
        self.client.get(WHOIS)
        self.clock.now += 101
        self.assertFalse(self.client.get(PDNS).cached)  # dns lives 100 s
        self.assertTrue(self.client.get(WHOIS).cached)  # whois lives 1000 s
        self.assertEqual(len(self.upstream.calls), 3)

    def test_stored_document_shape(self) -> None:
        self.client.get(PDNS)
        doc = self.store.docs[cache_key("passivetotal https://x", PDNS)]
        self.assertEqual(doc["endpoint"], "dns/passive")
        self.assertEqual(doc["dataset"], "dns")
        self.assertEqual(json.loads(doc["params"]), [["query", "evil.example"]])
        self.assertEqual(json.loads(doc["body"]), {"results": ["dns/passive", 1]})
        self.assertEqual(doc["expires_at"] - doc["fetched_at"], 100)

    def test_errors_are_never_cached(self) -> None:
        for error in [ProxyError(401, "bad_credentials", "x"), ProxyError(429, "quota_exceeded", "x"),
                      ProxyError(502, "upstream_unavailable", "x")]:
            with self.subTest(code=error.code):
                self.upstream.error = error
                with self.assertRaises(ProxyError):
                    self.client.get(PDNS)
                self.assertEqual(self.store.docs, {})
        self.upstream.error = None
        self.assertFalse(self.client.get(PDNS).cached)

    def test_quota_answers_are_never_cached(self) -> None:
        self.client.get(QUOTA)
        self.client.get(QUOTA)
        self.assertEqual(len(self.upstream.calls), 2)
        self.assertEqual(self.store.docs, {})

    def test_kv_store_down_answers_uncached(self) -> None:
        self.store.down = True
        with self.assertLogs("passivetotal.cache", "WARNING") as logged:
            answer = self.client.get(PDNS)
        self.assertFalse(answer.cached)
        self.assertIsNone(answer.expires_at)
        self.assertEqual(answer.data, {"results": ["dns/passive", 1]})
        self.assertTrue(any("answering uncached" in line for line in logged.output))

    def test_a_cache_entry_that_is_not_json_is_a_miss(self) -> None:
        self.client.get(PDNS)
        next(iter(self.store.docs.values()))["body"] = "{broken"
        with self.assertLogs("passivetotal.cache", "WARNING"):
            self.assertFalse(self.client.get(PDNS).cached)

    def test_oversized_answers_are_not_stored(self) -> None:
        small = CachingClient(self.upstream, self.store, "p", lambda d: 100, 50000, 10, self.clock)
        self.assertIsNone(small.get(PDNS).expires_at)
        self.assertEqual(self.store.docs, {})

    def test_maintenance_runs_on_a_write_at_most_every_interval(self) -> None:
        self.client.get(PDNS)
        self.assertEqual(self.store.maintenance, ["expired", "trim"])
        self.client.get(WHOIS)
        self.assertEqual(self.store.maintenance, ["expired", "trim"])
        self.clock.now += cache.MAINTENANCE_SECONDS + 1
        self.client.get(Query("whois", (("query", "other.example"),), "whois", "WHOIS"))
        self.assertEqual(self.store.maintenance, ["expired", "trim", "expired", "trim"])
        self.assertNotIn(cache_key("passivetotal https://x", PDNS), self.store.docs)  # expired, deleted

    def test_key_depends_on_provider_endpoint_and_params(self) -> None:
        keys = {
            cache_key("passivetotal https://a", PDNS),
            cache_key("passivetotal https://b", PDNS),
            cache_key("passivetotal https://a", PDNS._replace(path="dns/passive/unique")),
            cache_key("passivetotal https://a", PDNS._replace(params=(("query", "other.example"),))),
        }
        self.assertEqual(len(keys), 4)


class BlockingUpstream:
    """Blocks every call until ``release`` is set, counting calls."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0
        self.lock = threading.Lock()
        self.error: Optional[ProxyError] = None

    def get(self, query: Query) -> Answer:
        with self.lock:
            self.calls += 1
        self.release.wait(10)
        if self.error:
            raise self.error
        return Answer({"n": self.calls}, False, time.time())


class CoalescingTest(unittest.TestCase):
    def run_concurrently(self, inner: BlockingUpstream, count: int) -> List[Any]:
        client = CoalescingClient(inner, "p", wait_seconds=10)
        results: List[Any] = [None] * count

        def one(i: int) -> None:
            try:
                results[i] = client.get(PDNS)
            except ProxyError as error:
                results[i] = error

        threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        key = cache_key("p", PDNS)
        deadline = time.time() + 10
        while coalescing.followers_waiting(key) < count - 1 and time.time() < deadline:
            time.sleep(0.005)
        self.assertEqual(coalescing.followers_waiting(key), count - 1)
        inner.release.set()
        for thread in threads:
            thread.join(10)
        return results

    def test_concurrent_identical_requests_reach_the_upstream_once(self) -> None:
        inner = BlockingUpstream()
        results = self.run_concurrently(inner, 5)
        self.assertEqual(inner.calls, 1)
        self.assertEqual([r.data for r in results], [{"n": 1}] * 5)
        self.assertEqual(sorted(r.coalesced for r in results), [False, True, True, True, True])

    def test_followers_share_the_failure(self) -> None:
        inner = BlockingUpstream()
        inner.error = ProxyError(401, "bad_credentials", "no")
        results = self.run_concurrently(inner, 3)
        self.assertEqual(inner.calls, 1)
        self.assertEqual([r.code for r in results], ["bad_credentials"] * 3)

    def test_the_flight_is_forgotten_afterwards(self) -> None:
        inner = BlockingUpstream()
        inner.release.set()
        client = CoalescingClient(inner, "p", wait_seconds=10)
        client.get(PDNS)
        client.get(PDNS)
        self.assertEqual(inner.calls, 2)
        self.assertEqual(coalescing.followers_waiting(cache_key("p", PDNS)), 0)


class HandlerCacheTest(HandlerTest):
    """The cache through the handler, the real KV store adapter and the fake splunkd's collection."""

    def test_miss_then_hit_with_the_reply_shape(self) -> None:
        self.pt.default = Reply(200, {"totalRecords": 1, "results": [{"resolve": "198.51.100.7"}]})
        first = self.call()
        self.assertEqual(first["status"], 200)
        payload = first["payload"]
        self.assertEqual(payload["data"], {"totalRecords": 1, "results": [{"resolve": "198.51.100.7"}]})
        self.assertIs(payload["cached"], False)
        self.assertRegex(payload["fetchedAt"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertRegex(payload["expiresAt"], r"Z$")
        self.assertEqual((payload["provider"], payload["dataset"], payload["endpoint"]),
                         ("passivetotal", "dns", "dns/passive"))
        second = self.call()["payload"]
        self.assertIs(second["cached"], True)
        self.assertEqual(second["fetchedAt"], payload["fetchedAt"])
        self.assertEqual(len(self.pt.hits), 1)

    def test_a_cache_hit_reads_no_credentials(self) -> None:
        self.call()
        before = self.splunkd.count("GET", "storage/passwords")
        self.call()
        self.assertEqual(self.splunkd.count("GET", "storage/passwords"), before)

    def test_same_indicator_in_other_case_is_one_entry(self) -> None:
        self.call(query=[("query", "Evil.Example")])
        self.assertIs(self.call(query=[("query", "evil.example.")])["payload"]["cached"], True)

    def test_cache_disabled_is_real(self) -> None:
        self.splunkd.conf["cache"] = {"enabled": "false"}
        self.call()
        self.assertIs(self.call()["payload"]["cached"], False)
        self.assertEqual(len(self.pt.hits), 2)
        self.assertEqual(self.splunkd.count("GET", KV_PATH), 0)

    def test_ttl_zero_for_a_dataset(self) -> None:
        self.splunkd.conf["cache"] = {"ttl_seconds.dns": "0"}
        self.call()
        self.call()
        self.call(path="pt/whois")
        self.assertIs(self.call(path="pt/whois")["payload"]["cached"], True)
        self.assertEqual(self.pt.hit_paths(), ["/v2/dns/passive", "/v2/dns/passive", "/v2/whois"])

    def test_kv_store_unavailable_gives_an_uncached_answer(self) -> None:
        self.splunkd.kv_status = 503
        for _ in range(2):
            reply = self.call()
            self.assertEqual(reply["status"], 200)
            self.assertIs(reply["payload"]["cached"], False)
        self.assertEqual(len(self.pt.hits), 2)
        self.assertIn("answering uncached", pt_support.log_text())

    def test_errors_are_not_stored(self) -> None:
        self.pt.routes["/v2/dns/passive"] = Reply(500, {"message": "boom"})
        self.assert_error(self.call(), 502, "upstream_error")
        self.pt.routes["/v2/account/quota"] = Reply(500, {"message": "boom"})
        self.assert_error(self.call(path="quota", query=[]), 502, "upstream_error")
        self.assertEqual(self.splunkd.kv, {})

    def test_purge_removes_everything_and_says_how_much(self) -> None:
        self.call()
        self.call(path="pt/whois")
        reply = self.call("DELETE", "cache", query=[], token=pt_support.ADMIN_TOKEN)
        self.assertEqual(reply["status"], 200)
        self.assertEqual(reply["payload"], {"removed": 2})
        self.assertEqual(self.splunkd.kv, {})
        self.assertIs(self.call()["payload"]["cached"], False)

    def test_purge_when_the_kv_store_is_down(self) -> None:
        self.splunkd.kv_status = 503
        self.assert_error(self.call("DELETE", "cache", query=[], token=pt_support.ADMIN_TOKEN), 503,
                          "cache_unavailable")

    def test_concurrent_identical_requests_through_the_handler_reach_the_upstream_once(self) -> None:
        release = threading.Event()
        self.addCleanup(release.set)
        self.pt.default = Reply(200, {"results": ["x"]}, wait=release)
        replies: List[Dict[str, Any]] = []

        def one() -> None:
            replies.append(self.call(query=[("query", "slow.example")]))

        threads = [threading.Thread(target=one) for _ in range(4)]
        for thread in threads:
            thread.start()
        self.assertTrue(self.pt.entered.acquire(timeout=10))  # the leader reached the upstream
        provider = "passivetotal " + self.pt.base_url
        key = cache_key(provider, Query("dns/passive", (("query", "slow.example"),), "dns", "passive DNS"))
        deadline = time.time() + 10
        while coalescing.followers_waiting(key) < 3 and time.time() < deadline:
            time.sleep(0.005)
        release.set()
        for thread in threads:
            thread.join(10)
        self.assertEqual(len(self.pt.hits), 1)
        self.assertEqual([r["status"] for r in replies], [200] * 4)
        self.assertEqual([r["payload"]["data"] for r in replies], [{"results": ["x"]}] * 4)


class LeaseTakeoverTest(unittest.TestCase):
    """Many claimants of one expired lease at once, in threads and in processes: exactly one takes it over."""

    NOW = 1_700_000_000.0

    def setUp(self) -> None:
        pt_support.fresh_state()
        self.splunkd = pt_support.FakeSplunkd().install()
        self.store = cache.CacheStore(Splunkd(pt_support.SYSTEM_TOKEN, default_transport("https://127.0.0.1:8089")))

    def expired_leases(self, count: int) -> List[str]:
        keys = ["lease:item%d" % n for n in range(count)]
        for key in keys:
            self.assertTrue(self.store.claim(key, self.NOW - 1, "died"))
        return keys

    def test_threads(self) -> None:
        for key in self.expired_leases(5):
            won: List[str] = []
            barrier = threading.Barrier(16)

            def claimant(n: int) -> None:
                barrier.wait()
                if leases.take(self.store, key, "holder%d" % n, self.NOW, 30.0):
                    won.append("holder%d" % n)

            threads = [threading.Thread(target=claimant, args=(n,)) for n in range(16)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(len(won), 1, won)
            self.assertEqual(self.splunkd.kv[key]["holder"], won[0])
            # The new holder's lease is not expired: nobody takes it over again.
            self.assertFalse(leases.take(self.store, key, "late", self.NOW + 1, 30.0))

    def test_processes(self) -> None:
        keys = self.expired_leases(10)
        server = KvServer(self.splunkd)
        self.addCleanup(server.close)
        snippet = TAKEOVER % {"keys": keys, "now": self.NOW}
        results = run_processes(server, snippet, 8)
        for key in keys:
            winners = [n for n, won in enumerate(results) if key in won]
            self.assertEqual(len(winners), 1, (key, winners))
            self.assertEqual(self.splunkd.kv[key]["holder"], "process%d" % winners[0])

    def test_a_free_lease_goes_to_one_of_many(self) -> None:
        won = [leases.take(self.store, "lease:free", "h%d" % n, self.NOW, 30.0) for n in range(5)]
        self.assertEqual(won, [True, False, False, False, False])
        leases.release(self.store, "lease:free", "h3")  # not the holder: the lease stays
        self.assertIn("lease:free", self.splunkd.kv)
        leases.release(self.store, "lease:free", "h0")
        self.assertNotIn("lease:free", self.splunkd.kv)


TAKEOVER = """
import os
from passivetotal_app import cache, leases
store = cache.CacheStore(system)
me = "process%%d" %% int(os.environ["PROCESS_INDEX"])
print(json.dumps([key for key in %(keys)r if leases.take(store, key, me, %(now)r, 30.0)]))
"""


if __name__ == "__main__":
    unittest.main()
