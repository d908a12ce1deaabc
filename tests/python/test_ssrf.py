"""Hosts an upstream chose (an RDAP server, a registrar's referral, a redirect) are checked: every spelling of a
loopback, private, link-local, multicast or reserved address is refused before any connection, a host name is
resolved and refused when any of its addresses is internal, the connection goes to the address that was checked
(DNS cannot swap it afterwards), and no reply or log line tells whether an internal port is open. The configured
base URL of a provider is not checked (an administrator's choice: a mirror, or the replay on 127.0.0.1)."""

import contextlib
import http.server
import ipaddress
import os
import socket
import ssl
import threading
import unittest
from typing import Any, Dict, Iterator, List, Sequence, Tuple
from unittest import mock

import pt_support
from open_support import OpenHandlerTest, net
from pt_support import HERE
from test_rdap import IANA, REGISTRY, REPLAY, RELATED, registry_body

from passivetotal_app import hosts, service
from passivetotal_app.addresses import CHECKED, CONFIGURED, accepted, admission
from passivetotal_app.rdap import NOT_USED, referral
from passivetotal_app.connections import Network
from passivetotal_app.transport import Limits, Request, Response, exchange

TLS = os.path.join(HERE, "fakes", "tls")
PINNED = "rdap.pinned.example"

INTERNAL_SPELLINGS = [
    "2130706433", "127.1", "0x7f000001", "0x7f.1", "0177.0.0.1", "0", "0.0.0.0", "2852039166", "0xa9fea9fe",
    "[64:ff9b::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[::1]", "[::]",
    "[2002:7f00:1::1]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[64:ff9b:1::a00:1]", "[fe80::1%25eth0]",
    "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[2001:db8::1]", "[::ffff:0:a00:1]",
    "localhost", "localhost.", "LOCALHOST", "LocalHost.", "api.localhost", "localhost.localdomain",
    "10.0.0.1", "012.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.254",
    "169.254.169.254", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.1", "203.0.113.1", "224.0.0.1",
    "239.255.255.250", "240.0.0.1", "255.255.255.255", "1.2.3.4.5", "127.0.1", "example.123",
]
PUBLIC_HOSTS = ["8.8.8.8", "0x08080808", "rdap.registrar.example", "RDAP.Registrar.Example.", "[2606:4700::1111]",
                "[64:ff9b::808:808]", "[::ffff:8.8.8.8]", "1.1.1.1"]


class SpellingsTest(unittest.TestCase):
    def test_every_spelling_of_an_internal_address_is_refused(self) -> None:
        for host in INTERNAL_SPELLINGS:
            with self.subTest(host=host):
                self.assertFalse(accepted("https://%s/domain/example.com" % host, IANA))
                link = dict(RELATED, href="https://%s/domain/example.com" % host)
                self.assertIsNone(referral(registry_body([link]), "example.com", IANA, REGISTRY))

    def test_public_hosts_are_asked_after_a_check(self) -> None:
        for host in PUBLIC_HOSTS:
            with self.subTest(host=host):
                self.assertEqual(admission("https://%s/domain/example.com" % host, IANA), CHECKED)

    def test_the_configured_origin_is_not_checked(self) -> None:
        self.assertEqual(admission(REPLAY + "/rdap/registrar/domain/x.com", REPLAY + "/rdap/bootstrap"), CONFIGURED)
        self.assertIsNone(admission("http://127.0.0.1:9/rdap/", REPLAY + "/rdap/bootstrap"))

    def test_inet_aton_forms(self) -> None:
        rows = [("127.1", "127.0.0.1"), ("0x7f.0.0.1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
                ("10.1", "10.0.0.1"), ("192.168.257", "192.168.1.1"), ("0", "0.0.0.0"), ("1.2.3.4", "1.2.3.4")]
        for text, address in rows:
            with self.subTest(text=text):
                self.assertEqual(hosts.ipv4_like_aton(text), ipaddress.IPv4Address(address))
        for text in ["256.1.1.1", "1.2.3.4.5", "08.1.1.1", "1..1", "", "0x100.1.1.1"]:
            with self.subTest(text=text):
                self.assertIsNone(hosts.ipv4_like_aton(text))

    def test_names_resolve_to_public_addresses_only(self) -> None:
        def resolve(*answers: str) -> Any:
            return lambda *args: [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                                   (a, 443)) for a in answers]

        self.assertEqual(hosts.checked_addresses("rdap.example.net", 443, resolve("8.8.8.8", "2606:4700::1")),
                         ["8.8.8.8", "2606:4700::1"])
        for answers in [("127.0.0.1",), ("8.8.8.8", "10.0.0.1"), ("::ffff:127.0.0.1",), ("fe80::1%eth0",), ()]:
            with self.subTest(answers=answers):
                with self.assertRaises(ValueError):
                    hosts.checked_addresses("rdap.example.net", 443, resolve(*answers))


class Listener:
    """A TCP port on a local address that records every connection (and answers nothing)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind((host, port))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


class TlsServer:
    """An HTTPS server on a local address with the test CA's certificate for rdap.pinned.example: answers an RDAP
    record and records the SNI and Host of each request."""

    def __init__(self, host: str, port: int = 0) -> None:
        self.seen: List[Tuple[str, str]] = []
        owner = self
        sni: List[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                owner.seen.append((sni[-1] if sni else "", self.headers.get("Host", "")))
                body = b'{"objectClassName": "domain", "ldhName": "EXAMPLE.COM", "port443": "pinned"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/rdap+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(TLS, "server.pem"))
        context.sni_callback = lambda _sock, name, _ctx: sni.append(name or "")  # type: ignore[assignment,misc]
        self.server = http.server.ThreadingHTTPServer((host, port), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FakeDns:
    """socket.getaddrinfo for some names (each with its answers in turn, the last one repeated); every other host
    goes to the real resolver. Counts the lookups of each name."""

    def __init__(self, answers: Dict[str, List[Sequence[str]]]) -> None:
        self.answers = answers
        self.asked: Dict[str, int] = {}
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> List[Any]:
        name = str(host).lower().rstrip(".")
        if name not in self.answers:
            return self.real(host, port, *args, **kwargs)
        turn = self.asked.get(name, 0)
        self.asked[name] = turn + 1
        found = self.answers[name][min(turn, len(self.answers[name]) - 1)]
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, "unknown")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in found]


@contextlib.contextmanager
def dns(answers: Dict[str, List[Sequence[str]]]) -> Iterator[FakeDns]:
    fake = FakeDns(answers)
    with mock.patch("socket.getaddrinfo", fake):
        yield fake


class CheckedThroughTheHandlerTest(OpenHandlerTest):
    """RDAP through the handler: the registry is scripted, hosts named in ``self.real`` are asked for real."""

    def setUp(self) -> None:
        super().setUp()
        self.real: Dict[str, Any] = {}
        self.net.replies[IANA + "dns.json"] = net(200, {"services": [[["com"], [REGISTRY]]]})
        self.net.replies[IANA + "ipv4.json"] = net(200, {"services": [[["198.51.100.0/24"],
                                                                       ["https://rdap.rir-b.example/"]]]})

    def upstream(self, request: Request, limits: Limits, proxy: str = "") -> Response:
        host = (request.url.split("/")[2].rsplit(":", 1)[0]).lower()
        if host in self.real:
            return self.real[host](request, limits, proxy)
        return self.net(request, limits, proxy)

    def deps(self) -> service.Deps:
        return service.Deps(sleep=pt_support.no_sleep, clock=self.clock, upstream=self.upstream)

    def referral_to(self, href: str) -> Dict[str, Any]:
        self.net.replies[REGISTRY + "domain/example.com"] = net(200, registry_body([dict(RELATED, href=href)]))
        self.splunkd.kv.clear()
        reply = self.open("rdap", "domain", "example.com")
        self.assertEqual(reply["status"], 200, reply["payload"])
        return reply["payload"]["data"]

    def test_a_referral_to_a_name_of_an_internal_address_connects_nowhere(self) -> None:
        inside = Listener()
        self.addCleanup(inside.close)
        self.real["registrar.evil.example"] = exchange
        with dns({"registrar.evil.example": [["127.0.0.1"]]}):
            data = self.referral_to("https://registrar.evil.example:%d/domain/example.com" % inside.port)
        self.assertIsNone(data["registrar"])
        self.assertEqual(inside.connections, 0)
        self.assertIn(NOT_USED % "example.com", pt_support.log_text())

    def test_errors_do_not_tell_whether_an_internal_port_is_open(self) -> None:
        open_port, closed_port = Listener(), Listener()
        closed_port.close()
        self.addCleanup(open_port.close)
        self.real["internal.evil.example"] = exchange
        self.real["10.1.2.3"] = exchange
        replies = []
        with dns({"internal.evil.example": [["127.0.0.1"]]}):
            for n, location in enumerate([
                "https://internal.evil.example:%d/ip/198.51.100.%d" % (open_port.port, 10),
                "https://internal.evil.example:%d/ip/198.51.100.%d" % (closed_port.port, 11),
                "https://10.1.2.3/ip/198.51.100.12",
                "https://2130706433:%d/ip/198.51.100.13" % open_port.port,
            ]):
                value = location.rsplit("/", 1)[1]
                self.net.replies["https://rdap.rir-b.example/ip/" + value] = net(302, b"", {"Location": location})
                message = self.assert_error(self.open("rdap", "ip", value), 502, "upstream_error")
                replies.append(message["text"])
        self.assertEqual(len(set(replies)), 1, replies)
        self.assertEqual(open_port.connections, 0)

    def test_the_connection_goes_to_the_address_that_was_checked(self) -> None:
        # A stand-in for a public host: 127.0.0.2 is allowed by this test, 127.0.0.1 is not. DNS answers 127.0.0.2
        # first and 127.0.0.1 after (rebinding): the request must reach 127.0.0.2, with TLS for the name.
        pinned = TlsServer("127.0.0.2")
        self.addCleanup(pinned.close)
        rebound = Listener("127.0.0.1", pinned.port)
        self.addCleanup(rebound.close)
        context = ssl.create_default_context(cafile=os.path.join(TLS, "ca.pem"))
        network = Network(allowed=lambda a: str(a) == "127.0.0.2" or hosts.is_public(a), context=context)
        self.real[PINNED] = lambda request, limits, proxy: exchange(request, limits, proxy, network)
        with dns({PINNED: [["127.0.0.2"], ["127.0.0.1"]]}) as fake:
            data = self.referral_to("https://%s:%d/domain/example.com" % (PINNED, pinned.port))
        self.assertEqual(data["registrar"]["port443"], "pinned")
        self.assertEqual(pinned.seen, [(PINNED, "%s:%d" % (PINNED, pinned.port))])
        self.assertEqual(fake.asked[PINNED], 1)
        self.assertEqual(rebound.connections, 0)

    def test_a_name_with_one_internal_address_among_allowed_ones_is_refused(self) -> None:
        pinned = TlsServer("127.0.0.2")
        self.addCleanup(pinned.close)
        context = ssl.create_default_context(cafile=os.path.join(TLS, "ca.pem"))
        network = Network(allowed=lambda a: str(a) == "127.0.0.2" or hosts.is_public(a), context=context)
        self.real[PINNED] = lambda request, limits, proxy: exchange(request, limits, proxy, network)
        with dns({PINNED: [["127.0.0.2", "127.0.0.1"]]}):
            data = self.referral_to("https://%s:%d/domain/example.com" % (PINNED, pinned.port))
        self.assertIsNone(data["registrar"])
        self.assertEqual(pinned.seen, [])

    def test_the_configured_base_url_may_be_internal(self) -> None:
        self.splunkd.conf["provider:internetdb"] = {"base_url": self.pt.base_url.rsplit("/", 1)[0]}
        self.net.passthrough = self.pt.base_url.rsplit("/", 1)[0]
        self.pt.default = pt_support.Reply(200, {"ip": "192.0.2.1", "ports": [443]})
        self.assertEqual(self.open("internetdb", "host", "192.0.2.1")["status"], 200)


if __name__ == "__main__":
    unittest.main()
