"""Test handler: two handler classes in one module, which splunkd's loader refuses."""

from typing import List, Optional

from splunk.persistconn.application import PersistentServerConnectionApplication


class FirstHandler(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()

    def handle(self, in_string: bytes) -> str:
        return "first"


class SecondHandler(FirstHandler):
    def handle(self, in_string: bytes) -> str:
        return "second"
