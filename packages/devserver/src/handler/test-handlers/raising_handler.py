"""Test handler: every request raises, the way an unexpected bug would."""

from typing import List, Optional

from splunk.persistconn.application import PersistentServerConnectionApplication


class RaisingHandler(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()

    def handle(self, in_string: bytes) -> None:
        raise KeyError("no such route")
