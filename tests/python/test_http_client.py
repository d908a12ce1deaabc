"""The one HTTP client against real local servers: the time budget holds while an answer arrives (a server that
sends one byte a second ends with upstream_timeout within the deadline, on PassiveTotal and open-provider routes
alike), and the operation's size cap holds while reading (upstream_malformed "more than N MB")."""

import socket
import threading
import time
import unittest
from typing import List, Optional

from open_support import OpenHandlerTest
from pt_support import host_of, service

from passivetotal_app.transport import Limits, Request, TransportFailure, exchange

MIB = 1024 * 1024


class DripServer:
    """An HTTP server on 127.0.0.1 that answers every request slowly or hugely: ``head`` (status line and headers)
    and ``body`` are sent ``step`` bytes every ``interval`` seconds; ``drip_head`` drips the head too."""

    def __init__(self, body: bytes = b"{}", interval: float = 1.0, step: int = 1, drip_head: bool = False,
                 length: Optional[int] = None) -> None:
        self.body = body
        self.interval = interval
        self.step = step
        self.drip_head = drip_head
        self.length = len(body) if length is None else length
        self.sent = 0
        self.stop = threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.origin = "http://127.0.0.1:%d" % self.port
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for start in range(0, len(data), self.step):
            if self.stop.is_set():
                return
            conn.sendall(data[start:start + self.step])
            self.sent += len(data[start:start + self.step])
            time.sleep(self.interval)

    def _answer(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            received = b""
            while b"\r\n\r\n" not in received:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                received += chunk
            length = "Content-Length: %d\r\n" % self.length if self.length >= 0 else ""
            head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sConnection: close\r\n\r\n"
                    % length).encode()
            if self.drip_head:
                self._drip(conn, head)
            else:
                conn.sendall(head)
            self._drip(conn, self.body)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


class TransportTest(unittest.TestCase):
    def serve(self, **kwargs: object) -> DripServer:
        server = DripServer(**kwargs)  # type: ignore[arg-type]
        self.addCleanup(server.close)
        return server

    def failure(self, server: DripServer, limits: Limits) -> TransportFailure:
        started = time.monotonic()
        with self.assertRaises(TransportFailure) as caught:
            exchange(Request("GET", server.origin + "/x", ()), limits)
        self.elapsed = time.monotonic() - started
        return caught.exception

    def test_a_body_dripping_faster_than_the_read_timeout_ends_at_the_budget(self) -> None:
        server = self.serve(body=b"[" + b"1," * 200 + b"1]", interval=0.1)
        failure = self.failure(server, Limits(1, 0.5, 1.0, MIB))
        self.assertEqual(failure.kind, "deadline")
        self.assertLess(self.elapsed, 1.5)

    def test_a_head_dripping_faster_than_the_read_timeout_ends_at_the_budget(self) -> None:
        server = self.serve(interval=0.05, drip_head=True)
        failure = self.failure(server, Limits(1, 0.5, 1.0, MIB))
        self.assertEqual(failure.kind, "deadline")
        self.assertLess(self.elapsed, 1.5)

    def test_a_pause_longer_than_the_read_timeout_is_a_timeout(self) -> None:
        server = self.serve(body=b"[1, 2]", interval=1.0)
        failure = self.failure(server, Limits(1, 0.3, 5.0, MIB))
        self.assertEqual(failure.kind, "timeout")
        self.assertLess(self.elapsed, 1.0)

    def test_a_declared_length_over_the_cap_is_refused_before_the_body(self) -> None:
        server = self.serve(body=b"x" * 100, interval=0.0, step=100, length=2 * MIB)
        self.assertEqual(self.failure(server, Limits(1, 1, 5, MIB)).kind, "too_large")

    def test_an_undeclared_body_over_the_cap_is_cut_while_reading(self) -> None:
        server = self.serve(body=b"x" * (8 * MIB), interval=0.0, step=64 * 1024, length=-1)
        failure = self.failure(server, Limits(1, 1, 5, MIB))
        self.assertEqual(failure.kind, "too_large")
        time.sleep(0.2)
        self.assertLess(server.sent, 8 * MIB)  # the server was stopped, not read to the end

    def test_a_body_within_the_cap_is_read_whole(self) -> None:
        server = self.serve(body=b"y" * MIB, interval=0.0, step=64 * 1024, length=-1)
        answer = exchange(Request("GET", server.origin + "/x", ()), Limits(1, 1, 5, MIB))
        self.assertEqual((answer.status, len(answer.body)), (200, MIB))


class DeadlineThroughTheHandlerTest(OpenHandlerTest):
    """An answer of one byte a second, with a 2 second timeout and a 3 second deadline: it ends at the deadline."""

    def setUp(self) -> None:
        super().setUp()
        self.drip = DripServer(body=b'{"results": [' + b"1," * 30 + b"1]}", interval=1.0)
        self.addCleanup(self.drip.close)
        self.splunkd.conf["api"] = {"base_url": self.drip.origin + "/v2", "key_host": host_of(self.drip.origin),
                                    "timeout_seconds": "2",
                                    "deadline_seconds": "3", "retries": "2"}

    def deps(self) -> service.Deps:
        return service.Deps(sleep=time.sleep, clock=time.time)  # the real exchange and clock

    def timed(self, path: str, q: List[tuple]) -> tuple:
        started = time.monotonic()
        reply = self.call(path=path, query=q)
        return reply, time.monotonic() - started

    def test_passivetotal(self) -> None:
        reply, elapsed = self.timed("pt/dns/passive", [("query", "evil.example")])
        message = self.assert_error(reply, 504, "upstream_timeout")
        self.assertLess(elapsed, 3.6)
        self.assertEqual(message["text"], "PassiveTotal did not finish answering within the app's time budget of 3 "
                                          "seconds. Try again later, or raise deadline_seconds in the app's settings.")

    def test_an_open_provider(self) -> None:
        self.splunkd.conf["provider:internetdb"] = {"base_url": self.drip.origin, "timeout_seconds": "2"}
        reply, elapsed = self.timed("open/internetdb/host", [("q", "192.0.2.1")])
        message = self.assert_error(reply, 504, "upstream_timeout")
        self.assertLess(elapsed, 3.6)
        self.assertEqual(message["provider"], "internetdb")

    def test_a_batch_of_dripping_calls_ends_at_the_deadline(self) -> None:
        # The calls of a batch run side by side, each in its own time budget: the batch is not their sum.
        self.splunkd.conf["provider:internetdb"] = {"base_url": self.drip.origin, "timeout_seconds": "2"}
        started = time.monotonic()
        reply = self.call(path="batch", query=[("r", "pt/dns/passive?query=evil.example"),
                                               ("r", "pt/whois?query=evil.example"),
                                               ("r", "open/internetdb/host?q=192.0.2.1")])
        elapsed = time.monotonic() - started
        self.assertEqual(reply["status"], 200)
        answers = reply["payload"]["responses"]
        self.assertEqual([a["status"] for a in answers], [504, 504, 504])
        self.assertEqual({a["body"]["messages"][0]["code"] for a in answers}, {"upstream_timeout"})
        self.assertLess(elapsed, 3.6)


class SizeCapThroughTheHandlerTest(OpenHandlerTest):
    def deps(self) -> service.Deps:
        return service.Deps(sleep=time.sleep, clock=time.time)

    def test_an_answer_over_the_operations_cap_is_malformed(self) -> None:
        # Shodan InternetDB's host operation reads at most 1 MiB (its catalogue maxBytes).
        big = DripServer(body=b"x" * (3 * MIB), interval=0.0, step=256 * 1024, length=-1)
        self.addCleanup(big.close)
        self.splunkd.conf["provider:internetdb"] = {"base_url": big.origin}
        message = self.assert_error(self.open("internetdb", "host", "192.0.2.1"), 502, "upstream_malformed")
        self.assertEqual(message["text"], "Shodan InternetDB answered host attributes with more than 1 MB of data; "
                                          "try again later.")
        self.assertEqual(self.splunkd.kv, {})

    def test_a_passivetotal_answer_over_its_cap_is_malformed(self) -> None:
        # PassiveTotal's actions read at most 1 MiB; the answer declares no length and is cut while it arrives.
        big = DripServer(body=b"[" + b"1," * (8 * MIB) + b"1]", interval=0.0, step=256 * 1024, length=-1)
        self.addCleanup(big.close)
        self.splunkd.conf["api"] = {"base_url": big.origin + "/v2", "key_host": host_of(big.origin)}
        reply = self.call(path="pt/actions/tags", query=[("query", "evil.example")])
        message = self.assert_error(reply, 502, "upstream_malformed")
        self.assertEqual(message["text"], "PassiveTotal answered tags with more than 1 MB of data; try again later.")
        self.assertEqual(message["provider"], "passivetotal")
        time.sleep(0.2)
        self.assertLess(big.sent, 8 * MIB)  # the server was stopped, not read to the end
        self.assertEqual(self.splunkd.kv, {})

    def test_answers_over_their_caps_in_a_batch(self) -> None:
        big = DripServer(body=b"x" * (3 * MIB), interval=0.0, step=256 * 1024, length=-1)
        self.addCleanup(big.close)
        self.splunkd.conf["api"] = {"base_url": big.origin + "/v2", "key_host": host_of(big.origin)}
        self.splunkd.conf["provider:internetdb"] = {"base_url": big.origin}
        reply = self.call(path="batch", query=[("r", "pt/actions/tags?query=evil.example"),
                                               ("r", "open/internetdb/host?q=192.0.2.1")])
        answers = reply["payload"]["responses"]
        self.assertEqual([a["status"] for a in answers], [502, 502])
        self.assertEqual([a["body"]["messages"][0]["code"] for a in answers], ["upstream_malformed"] * 2)
        self.assertEqual([a["body"]["messages"][0]["provider"] for a in answers], ["passivetotal", "internetdb"])


if __name__ == "__main__":
    unittest.main()
