"""Test handler: sleeps for the request's ``seconds`` before answering."""

import json
import os
import time
from typing import Any, Dict, List, Optional

from splunk.persistconn.application import PersistentServerConnectionApplication


class SleepyHandler(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()

    def handle(self, in_string: bytes) -> Dict[str, Any]:
        request = json.loads(in_string)
        time.sleep(float(request.get("seconds", 0)))
        return {"payload": {"slept": request.get("seconds", 0), "pid": os.getpid()}}
