"""The handler's memory is bounded: one request by a small multiple of its operation's size cap, a batch by the
catalogue's batchMaxBytes. Measured in a process of its own (memory_probe.py) that sends a request through the
handler's real code path to a local upstream, as the growth of its peak resident memory."""

import json
import os
import subprocess
import sys
import threading
import time
import unittest
from typing import Any, Dict, List

from pt_support import HERE

from passivetotal_app import catalogue, memory

MIB = 1024 * 1024
PASSIVE_DNS_CAP = int(catalogue.PROVIDERS["passivetotal"]["operations"]["dns/passive"]["maxBytes"])
BATCH_MAX_BYTES = int(catalogue.LIMITS["batchMaxBytes"])


def probe(shape: str, megabytes: float, calls: int = 1, traced: bool = False) -> Dict[str, Any]:
    command = [sys.executable, os.path.join(HERE, "memory_probe.py"), shape, str(megabytes), str(calls)]
    done = subprocess.run(command + (["--traced"] if traced else []), cwd=HERE, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        raise AssertionError("the probe failed: %s" % done.stderr[-2000:])
    found: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


class OneRequestTest(unittest.TestCase):
    """PassiveTotal's passive DNS, whose size cap is 32 MiB."""

    def test_an_answer_of_tiny_objects_is_refused_before_it_is_parsed(self) -> None:
        # 31 MiB of {"a":1} would become about 780 MB of Python objects.
        found = probe("tiny", 31)
        self.assertEqual((found["statuses"], found["codes"]), ([502], ["upstream_malformed"]))
        self.assertLess(found["growthBytes"], 2 * PASSIVE_DNS_CAP)

    def test_an_answer_of_empty_arrays_is_refused_before_it_is_parsed(self) -> None:
        found = probe("arrays", 31)
        self.assertEqual((found["statuses"], found["codes"]), ([502], ["upstream_malformed"]))
        self.assertLess(found["growthBytes"], 2 * PASSIVE_DNS_CAP)

    def test_a_full_answer_of_records_is_read(self) -> None:
        found = probe("records", 31)
        self.assertEqual(found["statuses"], [200])
        self.assertLess(found["growthBytes"], 6 * PASSIVE_DNS_CAP)

    def test_the_costliest_answer_that_is_read_stays_within_twelve_times_the_cap(self) -> None:
        # Two-letter strings cost 12 times their text: 20 MiB of them is about the most objects one answer may be.
        found = probe("strings", 20)
        self.assertEqual(found["statuses"], [200])
        self.assertLess(found["growthBytes"], 12 * PASSIVE_DNS_CAP)


class BatchTest(unittest.TestCase):
    def test_a_batch_of_large_answers_stays_within_its_total(self) -> None:
        # Twelve answers of 31 MiB: each alone is read (the test above); together they would take 1.7 GB.
        # Measured twice: the Python objects alive at the peak (tracemalloc), and the process's resident memory,
        # which also holds what the C allocator keeps after it was freed (it varies from run to run).
        for traced in (True, False):
            found = probe("records", 31, calls=12, traced=traced)
            self.assertEqual(found["status"], 200)
            self.assertGreaterEqual(found["statuses"].count(200), 1)
            self.assertEqual(set(found["statuses"]), {200, 502})
            self.assertEqual(set(found["codes"]), {"upstream_malformed"})
            if traced:
                self.assertLess(found["tracedPeakBytes"], 1.25 * BATCH_MAX_BYTES)
            else:
                self.assertLess(found["growthBytes"], 3 * BATCH_MAX_BYTES)


class AccountTest(unittest.TestCase):
    def test_what_does_not_fit_is_refused_at_once(self) -> None:
        account = memory.Account(100)
        self.assertTrue(account.take(60, keep=True))
        self.assertFalse(account.take(50, keep=False))
        self.assertFalse(account.reserve(50, time.monotonic() + 10))  # the kept bytes never go before the batch ends
        self.assertTrue(account.take(40, keep=False))

    def test_a_reservation_waits_for_held_bytes_to_be_given_back(self) -> None:
        account = memory.Account(100)
        tab = memory.Tab(account)
        self.assertTrue(tab.reserve(80, time.monotonic()))
        granted: List[bool] = []
        waiter = threading.Thread(target=lambda: granted.append(account.reserve(50, time.monotonic() + 10)))
        waiter.start()
        time.sleep(0.1)
        self.assertEqual(granted, [])
        tab.close(succeeded=True)
        waiter.join(5)
        self.assertEqual(granted, [True])
        self.assertEqual((account.held, account.kept), (50, 0))

    def test_a_failed_call_gives_back_what_it_kept(self) -> None:
        account = memory.Account(100)
        kept, failed = memory.Tab(account), memory.Tab(account)
        self.assertTrue(kept.take(30, keep=True) and kept.take(10, keep=False))
        self.assertTrue(failed.take(40, keep=True) and failed.take(5, keep=False))
        kept.close(succeeded=True)
        failed.close(succeeded=False)
        self.assertEqual((account.kept, account.held), (30, 0))

    def test_outside_a_batch_nothing_is_counted(self) -> None:
        self.assertIsNone(memory.current())
        self.assertTrue(memory.take(10 ** 12, keep=True))


if __name__ == "__main__":
    unittest.main()
