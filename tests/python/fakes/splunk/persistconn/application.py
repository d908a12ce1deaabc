"""Test-only fake of ``splunk.persistconn.application``."""

from typing import Any


class PersistentServerConnectionApplication:
    """Base of persistent REST handlers; its ``__init__`` takes no arguments, like Splunk's."""

    def __init__(self) -> None:
        pass

    def handle(self, in_string: bytes) -> Any:
        raise NotImplementedError

    def done(self) -> None:
        pass
