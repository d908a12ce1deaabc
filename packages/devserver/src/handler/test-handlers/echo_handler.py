"""Test handler: answers with the request it got, plus what it can see of its process.

Module-level counters survive across requests (the module is loaded once per driver process);
instance attributes do not (one instance per request).
"""

import json
import os
import sys
from typing import Any, Dict, List, Optional

from splunk.persistconn.application import PersistentServerConnectionApplication

REQUESTS = 0
DONE_CALLS = 0


class EchoHandler(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()
        self.command_line = command_line
        self.command_arg = command_arg
        self.calls = 0

    def handle(self, in_string: bytes) -> Dict[str, Any]:
        global REQUESTS
        REQUESTS += 1
        self.calls += 1
        return {
            "status": 200,
            "headers": {"Content-Type": "application/json"},
            "payload": {
                "request": json.loads(in_string),
                "in_string_type": type(in_string).__name__,
                "module_requests": REQUESTS,
                "instance_calls": self.calls,
                "done_calls": DONE_CALLS,
                "command_line": self.command_line,
                "command_arg": self.command_arg,
                "pid": os.getpid(),
                "cwd": os.getcwd(),
                "file": __file__,
                "own_dir_on_sys_path": os.path.dirname(os.path.abspath(__file__)) in sys.path,
                "splunk_home": os.environ.get("SPLUNK_HOME"),
                "splunkd_uri": os.environ.get("SPLUNKD_URI"),
            },
        }

    def done(self) -> None:
        global DONE_CALLS
        DONE_CALLS += 1
