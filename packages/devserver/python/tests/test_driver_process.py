"""The driver as splunkd runs it: a separate `python3 -I -B` process on stdin/stdout."""

import io
import json
import os
import subprocess
import sys
import unittest

import support
from persistconn_driver import encode_packet, read_string

HANDLER = """
import os
import subprocess
import sys

class Noisy(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()

    def handle(self, in_string: bytes) -> Any:
        os.write(1, b"raw bytes on fd 1\\n")
        subprocess.run([sys.executable, "-c", "print('child output')"], check=True)
        sys.stderr.write("a log line\\n")
        return {"payload": {"got": json.loads(in_string), "stdin": sys.stdin.read(), "cwd": os.getcwd()}}
"""


class DriverProcessTest(support.ScriptDirTestCase):
    def run_driver(self, data: bytes) -> "subprocess.CompletedProcess[bytes]":
        return subprocess.run(
            [sys.executable, "-I", "-B", support.DRIVER],
            input=data,
            capture_output=True,
            cwd=self.dir,
            timeout=30,
        )

    def test_output_on_fd_1_or_from_child_processes_cannot_corrupt_the_protocol(self) -> None:
        path = self.write_script("noisy.py", HANDLER)
        done = self.run_driver(encode_packet([path], None, b'{"n":1}') + encode_packet([path], None, b'{"n":2}'))
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        out = io.BytesIO(done.stdout)
        replies = [read_string(out) for _ in range(4)]
        self.assertEqual(out.read(), b"")
        self.assertEqual(replies[0], b"")
        self.assertEqual(json.loads(replies[1])["payload"], {"got": {"n": 1}, "stdin": "", "cwd": self.dir})
        self.assertEqual(json.loads(replies[3])["payload"]["got"], {"n": 2})
        self.assertIn(b"raw bytes on fd 1", done.stderr)
        self.assertIn(b"child output", done.stderr)
        self.assertIn(b"a log line", done.stderr)

    def test_the_splunk_shim_is_importable_under_isolated_mode(self) -> None:
        path = self.write_script(
            "shim.py",
            """
            import splunk.rest

            class Shim(PersistentServerConnectionApplication):
                def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
                    super().__init__()

                def handle(self, in_string: bytes) -> Any:
                    return splunk.rest.__file__
            """,
        )
        done = self.run_driver(encode_packet([path], None, b"{}"))
        out = io.BytesIO(done.stdout)
        self.assertEqual(read_string(out), b"")
        self.assertEqual(
            os.path.dirname(os.path.dirname(read_string(out).decode())), os.path.join(support.PYTHON_DIR, "splunk")
        )

    def test_a_protocol_error_ends_the_driver_with_status_2(self) -> None:
        done = self.run_driver(b"\x07garbage")
        self.assertEqual(done.returncode, 2)
        self.assertIn(b"protocol error", done.stderr)


if __name__ == "__main__":
    unittest.main()
