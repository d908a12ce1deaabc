"""Each user's daily allowance of upstream lookups per provider: one user exhausted, another unaffected, cached
answers still served, the quota answer saying what the user has used, and a count that concurrent threads and
processes never lose nor overshoot."""

import threading
import time
import unittest
from typing import Any, List, Optional

import pt_support
from kv_http import KvServer, run_processes
from open_support import OpenHandlerTest, net
from pt_support import ADMIN_TOKEN, SYSTEM_TOKEN, FakeSplunkd, HandlerTest, Reply

from passivetotal_app import allowance
from passivetotal_app.errors import ProxyError
from passivetotal_app.model import iso_utc
from passivetotal_app.splunkd import Splunkd, default_transport

USAGE = "passivetotal_usage"
QUOTA_BODY = {"user": {"counts": {"search_api": 180}, "limits": {"search_api": 10000}, "next_reset": "2030-01-01"}}


def pdns(name: str) -> List[Any]:
    return [("query", "%s.example" % name)]


class DailyAllowanceTest(HandlerTest):
    def setUp(self) -> None:
        super().setUp()
        self.splunkd.conf["api"]["calls_per_user_per_day"] = "3"
        self.pt.routes["/v2/account/quota"] = Reply(200, QUOTA_BODY)

    def test_one_user_exhausted_the_other_unaffected(self) -> None:
        for name in ("a", "b", "c"):
            self.assertEqual(self.call(query=pdns(name))["status"], 200)
        message = self.assert_error(self.call(query=pdns("d")), 429, "user_limit_reached")
        self.assertEqual(
            message["text"],
            "You have used all 3 of your PassiveTotal lookups for today; the limit resets at 00:00 UTC. Cached "
            "answers are still shown.",
        )
        self.assertEqual(message["provider"], "passivetotal")
        self.assertEqual(message["resetAt"], iso_utc(allowance.day_of(time.time())[1]))
        # The refused lookup never reached PassiveTotal; an answer in the cache is still served, uncounted.
        self.assertEqual(len(self.pt.hits), 3)
        again = self.call(query=pdns("a"))
        self.assertEqual(again["status"], 200)
        self.assertIs(again["payload"]["cached"], True)
        # The administrator has a day of their own.
        self.assertEqual(self.call(query=pdns("d"), token=ADMIN_TOKEN)["status"], 200)
        self.assertEqual(len(self.pt.hits), 4)
        # And in the quota answer each sees their own use.
        mine = self.call(path="quota", query=[])["payload"]["usage"]
        self.assertEqual(mine["used"], 3)
        self.assertEqual(mine["limit"], 3)
        self.assertEqual(mine["provider"], "passivetotal")
        theirs = self.call(path="quota", query=[], token=ADMIN_TOKEN)["payload"]["usage"]
        self.assertEqual(theirs["used"], 1)

    def test_the_quota_and_a_batch_count_as_they_should(self) -> None:
        # Asking for the quota spends no lookup; a batch's calls each spend one.
        for _ in range(3):
            self.assertEqual(self.call(path="quota", query=[])["status"], 200)
        calls = [("r", "pt/dns/passive?query=%s.example" % n) for n in "abcde"]
        answers = self.call(path="batch", query=calls)["payload"]["responses"]
        statuses = sorted(a["status"] for a in answers)
        self.assertEqual(statuses, [200, 200, 200, 429, 429])
        self.assertEqual(self.call(path="quota", query=[])["payload"]["usage"]["used"], 3)

    def test_zero_means_no_allowance_of_the_apps_own(self) -> None:
        self.splunkd.conf["api"]["calls_per_user_per_day"] = "0"
        for name in "abcde":
            self.assertEqual(self.call(query=pdns(name))["status"], 200)
        self.assertEqual(self.splunkd.collections.get(USAGE, {}), {})
        usage = self.call(path="quota", query=[])["payload"]["usage"]
        self.assertIsNone(usage["limit"])

    def test_a_kv_store_that_cannot_count_does_not_stop_lookups(self) -> None:
        self.splunkd.kv_status = 503
        self.assertEqual(self.call(query=pdns("a"))["status"], 200)
        self.assertIn("did not count a lookup", pt_support.log_text())


class OpenProviderAllowanceTest(OpenHandlerTest):
    def test_each_provider_has_its_own_allowance(self) -> None:
        self.splunkd.conf["provider:internetdb"] = {"calls_per_user_per_day": "1", "ttl_seconds": "0"}
        self.net.replies["https://internetdb.shodan.io/198.51.100.7"] = net(200, {"ip": "198.51.100.7", "ports": []})
        self.assertEqual(self.open("internetdb", "host", "198.51.100.7")["status"], 200)
        message = self.assert_error(self.open("internetdb", "host", "198.51.100.7"), 429, "user_limit_reached")
        self.assertIn("all 1 of your Shodan InternetDB lookups for today", message["text"])
        self.assertEqual(message["provider"], "internetdb")
        self.assertEqual(self.open("internetdb", "host", "198.51.100.7", token=ADMIN_TOKEN)["status"], 200)


TAKE = """
from passivetotal_app import allowance
from passivetotal_app.errors import ProxyError
got = []
for _ in range(%(each)d):
    try:
        got.append(allowance.take(system, "ann", "crtsh", "crt.sh", %(limit)d, %(now)r))
    except ProxyError as error:
        got.append(error.code)
print(json.dumps(got))
"""


class ConcurrentCountTest(unittest.TestCase):
    """Many takers at once: every lookup admitted has its own slot, and no more than the allowance are."""

    NOW = 1_700_000_000.0

    def setUp(self) -> None:
        pt_support.fresh_state()
        self.splunkd = FakeSplunkd().install()
        self.system = Splunkd(SYSTEM_TOKEN, default_transport("https://127.0.0.1:8089"))

    def slots(self) -> List[int]:
        return sorted(int(d["n"]) for d in self.splunkd.collections.get(USAGE, {}).values())

    def take(self, limit: int) -> Optional[Any]:
        try:
            return allowance.take(self.system, "ann", "crtsh", "crt.sh", limit, self.NOW)
        except ProxyError as error:
            return error.code

    def test_threads(self) -> None:
        got: List[Any] = []
        lock = threading.Lock()

        def worker() -> None:
            for _ in range(5):
                result = self.take(30)
                with lock:
                    got.append(result)

        threads = [threading.Thread(target=worker) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        admitted = sorted(g for g in got if isinstance(g, int))
        self.assertEqual(admitted, list(range(1, 31)))
        self.assertEqual(got.count("user_limit_reached"), 20)
        self.assertEqual(self.slots(), list(range(30)))

    def test_processes(self) -> None:
        server = KvServer(self.splunkd)
        self.addCleanup(server.close)
        results = run_processes(server, TAKE % {"each": 6, "limit": 25, "now": self.NOW}, 6)
        got = [g for result in results for g in result]
        admitted = sorted(g for g in got if isinstance(g, int))
        self.assertEqual(admitted, list(range(1, 26)))
        self.assertEqual(got.count("user_limit_reached"), 11)
        self.assertEqual(self.slots(), list(range(25)))
        for user, used in (("ann", 25), ("bob", 0)):
            usage = allowance.usage(self.system, user, "crtsh", 25, self.NOW)
            self.assertEqual(usage.used if usage else None, used)

    def test_old_days_are_deleted(self) -> None:
        self.take(5)
        allowance.reset_maintenance_clock()
        tomorrow = self.NOW + 2 * allowance.DAY_SECONDS
        allowance.take(self.system, "ann", "crtsh", "crt.sh", 5, tomorrow)
        days = sorted(d["day"] for d in self.splunkd.collections[USAGE].values())
        self.assertEqual(days, [allowance.day_of(tomorrow)[0]])


if __name__ == "__main__":
    unittest.main()
