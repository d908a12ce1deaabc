"""The loader and the request state machine, driven through serve() with in-memory streams."""

import io
import json
import os
import sys
import unittest
from contextlib import redirect_stderr
from typing import Any, List, Optional

import support
from persistconn_driver import Driver, LoadError, ScriptLoader, StdoutGuard, encode_packet, read_string, serve

ECHO = """
STATE = {"requests": 0, "done": 0}

class Echo(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()
        self.command_line = command_line
        self.command_arg = command_arg
        self.calls = 0

    def handle(self, in_string: bytes) -> Any:
        STATE["requests"] += 1
        self.calls += 1
        return {"payload": {"got": json.loads(in_string), "bytes": isinstance(in_string, bytes),
                            "requests": STATE["requests"], "calls": self.calls, "done": STATE["done"],
                            "argv": self.command_line, "arg": self.command_arg}}

    def done(self) -> None:
        STATE["done"] += 1
"""


def run(driver: Driver, data: bytes) -> List[bytes]:
    """Serves ``data``; returns every length-prefixed string written back."""
    out = io.BytesIO()
    with redirect_stderr(io.StringIO()):
        serve(io.BytesIO(data), out, driver)
    out.seek(0)
    replies = []
    while out.tell() < len(out.getvalue()):
        replies.append(read_string(out))
    return replies


def request(script: str, body: Any, argv: Optional[List[str]] = None, arg: Optional[str] = None) -> bytes:
    return encode_packet([script] + (argv or []), arg, json.dumps(body).encode("utf-8"))


class LoaderTest(support.ScriptDirTestCase):
    def test_finds_the_one_handler_class_and_ignores_the_imported_base(self) -> None:
        path = self.write_script("one.py", ECHO)
        self.assertEqual(ScriptLoader().handler_class(path).__name__, "Echo")

    def test_the_base_is_recognised_by_name_anywhere_in_the_mro(self) -> None:
        path = self.write_script(
            "by_name.py",
            """
            class PersistentServerConnectionApplication:
                pass

            class Middle(PersistentServerConnectionApplication):
                pass
            """,
            header=False,
        )
        self.assertEqual(ScriptLoader().handler_class(path).__name__, "Middle")

    def test_two_handler_classes_or_none_are_refused(self) -> None:
        two = self.write_script("two.py", ECHO + "\nclass Other(Echo):\n    pass\n")
        none = self.write_script("none.py", "class Plain:\n    pass\n")
        with self.assertRaisesRegex(LoadError, "exactly one class.*found Echo, Other"):
            ScriptLoader().handler_class(two)
        with self.assertRaisesRegex(LoadError, "found none"):
            ScriptLoader().handler_class(none)

    def test_a_class_bound_under_two_names_counts_once(self) -> None:
        path = self.write_script("alias.py", ECHO + "\nAlias = Echo\n")
        self.assertEqual(ScriptLoader().handler_class(path).__name__, "Echo")

    def test_the_module_is_cached_per_file(self) -> None:
        path = self.write_script("cached.py", ECHO)
        loader = ScriptLoader()
        first = loader.load_module(path)
        self.assertIs(loader.load_module(os.path.join(self.dir, ".", "cached.py")), first)
        self.assertNotEqual(first.__name__, "__main__")

    def test_a_failed_import_is_not_cached(self) -> None:
        path = self.write_script("later.py", "raise RuntimeError('not yet')\n", header=False)
        loader = ScriptLoader()
        with self.assertRaisesRegex(RuntimeError, "not yet"):
            loader.load_module(path)
        self.write_script("later.py", ECHO)
        self.assertEqual(loader.handler_class(path).__name__, "Echo")

    def test_the_script_folder_is_not_put_on_sys_path(self) -> None:
        self.write_script("sibling_helper.py", "VALUE = 1\n", header=False)
        path = self.write_script("needs_sibling.py", "import sibling_helper\n", header=False)
        self.assertNotIn(self.dir, sys.path)
        with self.assertRaises(ImportError):
            ScriptLoader().load_module(path)
        self.assertNotIn(self.dir, sys.path)


class DriverTest(support.ScriptDirTestCase):
    def test_init_block_end_answers_the_empty_init_error_then_the_json_reply(self) -> None:
        path = self.write_script("echo.py", ECHO)
        init, reply = run(Driver(ScriptLoader()), request(path, {"method": "GET"}, ["a1"], "param"))
        self.assertEqual(init, b"")
        self.assertNotIn(b" ", reply)  # compact JSON
        payload = json.loads(reply)["payload"]
        self.assertEqual(payload["got"], {"method": "GET"})
        self.assertTrue(payload["bytes"])
        self.assertEqual(payload["argv"], [path, "a1"])
        self.assertEqual(payload["arg"], "param")

    def test_module_state_persists_instance_state_does_not_and_done_is_called(self) -> None:
        path = self.write_script("state.py", ECHO)
        replies = run(Driver(ScriptLoader()), request(path, 1) + request(path, 2) + request(path, 3))
        payloads = [json.loads(r)["payload"] for r in replies[1::2]]
        self.assertEqual([p["requests"] for p in payloads], [1, 2, 3])
        self.assertEqual([p["calls"] for p in payloads], [1, 1, 1])
        self.assertEqual([p["done"] for p in payloads], [0, 1, 2])

    def test_a_request_split_over_several_packets(self) -> None:
        path = self.write_script("split.py", ECHO)
        data = (
            encode_packet([path], None, None, end=False)
            + encode_packet(None, None, b'{"part":1}', end=False)
            + encode_packet(None, None, None, end=True)
        )
        init, reply = run(Driver(ScriptLoader()), data)
        self.assertEqual(init, b"")
        self.assertEqual(json.loads(reply)["payload"]["got"], {"part": 1})

    def test_replies_of_each_type(self) -> None:
        path = self.write_script(
            "types.py",
            """
            class Types(PersistentServerConnectionApplication):
                def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
                    super().__init__()

                def handle(self, in_string: bytes) -> Any:
                    return {"none": None, "str": "caf\\u00e9", "bytes": b"\\x00raw", "list": [1]}[in_string.decode()]
            """,
        )
        driver = Driver(ScriptLoader())
        replies = run(driver, b"".join(encode_packet([path], None, k.encode()) for k in ("none", "str", "bytes")))
        self.assertEqual(replies[1::2], [b"", "caf\u00e9".encode("utf-8"), b"\x00raw"])
        (_, listed) = run(driver, encode_packet([path], None, b"list"))
        self.assertEqual(json.loads(listed)["status"], 500)

    def test_an_exception_becomes_a_500_without_traceback_and_the_driver_goes_on(self) -> None:
        path = self.write_script(
            "raises.py",
            """
            COUNT = [0]

            class Raises(PersistentServerConnectionApplication):
                def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
                    super().__init__()

                def handle(self, in_string: bytes) -> Any:
                    COUNT[0] += 1
                    if COUNT[0] == 1:
                        raise ValueError("bad value")
                    if COUNT[0] == 2:
                        raise SystemExit(3)
                    return {"payload": COUNT[0]}
            """,
        )
        err = io.StringIO()
        out = io.BytesIO()
        with redirect_stderr(err):
            serve(io.BytesIO(request(path, {}) * 3), out, Driver(ScriptLoader()))
        out.seek(0)
        replies = [read_string(out) for _ in range(6)]
        first = json.loads(replies[1])
        self.assertEqual(first["status"], 500)
        self.assertEqual(
            first["payload"]["messages"][0]["text"],
            'Unexpected error "<class \'ValueError\'>" from python handler: "bad value". '
            "See splunkd.log/python.log for more details.",
        )
        self.assertNotIn(b"Traceback", replies[1])
        self.assertEqual(json.loads(replies[3])["status"], 500)
        self.assertEqual(json.loads(replies[5]), {"payload": 3})
        self.assertIn("Traceback (most recent call last)", err.getvalue())
        self.assertIn("raise ValueError", err.getvalue())

    def test_a_load_error_is_the_init_reply_and_the_block_still_gets_a_500(self) -> None:
        two = self.write_script("two.py", ECHO + "\nclass Other(Echo):\n    pass\n")
        broken = self.write_script("broken.py", "def oops(:\n", header=False)
        missing = os.path.join(self.dir, "missing.py")
        for path, reason in ((two, "exactly one class"), (broken, "SyntaxError"), (missing, "no such file")):
            with self.subTest(path=path):
                init, reply = run(Driver(ScriptLoader()), request(path, {}))
                self.assertTrue(init.decode().startswith('Can\'t load script "%s": ' % path))
                self.assertIn(reason, init.decode())
                self.assertEqual(json.loads(reply)["status"], 500)

    def test_an_exception_in_init_or_done_is_contained(self) -> None:
        path = self.write_script(
            "fragile.py",
            """
            class Fragile(PersistentServerConnectionApplication):
                def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
                    super().__init__()
                    if command_arg == "fail":
                        raise RuntimeError("cannot start")

                def handle(self, in_string: bytes) -> Any:
                    return "ok"

                def done(self) -> None:
                    raise RuntimeError("cannot finish")
            """,
        )
        replies = run(Driver(ScriptLoader()), request(path, {}, arg="fail") + request(path, {}) + request(path, {}))
        self.assertIn("RuntimeError: cannot start", replies[0].decode())
        self.assertEqual(replies[2:], [b"", b"ok", b"", b"ok"])

    def test_printing_to_stdout_fails_the_request(self) -> None:
        path = self.write_script(
            "prints.py",
            """
            class Prints(PersistentServerConnectionApplication):
                def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
                    super().__init__()

                def handle(self, in_string: bytes) -> Any:
                    if in_string == b"print":
                        print("debugging")
                    return "ok"
            """,
        )
        err = io.StringIO()
        guard = StdoutGuard(err)
        saved = sys.stdout
        sys.stdout = guard
        try:
            replies = run(Driver(ScriptLoader(), guard), encode_packet([path], None, b"print") * 2)
            replies += run(Driver(ScriptLoader(), guard), encode_packet([path], None, b"quiet"))
        finally:
            sys.stdout = saved
        self.assertIn("wrote to stdout", json.loads(replies[1])["payload"]["messages"][0]["text"])
        self.assertEqual(json.loads(replies[3])["status"], 500)
        self.assertEqual(replies[5], b"ok")
        self.assertIn("debugging", err.getvalue())

    def test_block_without_init_is_answered_with_a_500(self) -> None:
        (reply,) = run(Driver(ScriptLoader()), encode_packet(None, None, b"{}"))
        self.assertEqual(json.loads(reply)["status"], 500)


if __name__ == "__main__":
    unittest.main()
