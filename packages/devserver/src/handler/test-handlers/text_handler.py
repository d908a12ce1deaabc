"""Test handler: returns a plain string, or None for an empty request body."""

from typing import List, Optional

from splunk.persistconn.application import PersistentServerConnectionApplication


class TextHandler(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()

    def handle(self, in_string: bytes) -> Optional[str]:
        if in_string == b'{"reply":"none"}':
            return None
        return "plain text, not JSON"
