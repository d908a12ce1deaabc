"""Test-only stand-in for ``splunk.persistconn.application``.

Inside Splunk this module holds the base class of persistent REST handlers. Only its *name* matters
to the loader: the driver picks the one class in the handler's module whose MRO contains a class
named ``PersistentServerConnectionApplication``. Written from how splunkd's persistconn protocol
behaves (``persistconn_driver.py`` describes it), not copied from Splunk.
"""

from typing import Any


class PersistentServerConnectionApplication:
    """Base class of a persistent REST handler.

    The driver creates one instance per request as ``YourClass(command_line, command_arg)``; this
    base ``__init__`` takes no arguments, so subclasses call ``super().__init__()`` with none.
    """

    def __init__(self) -> None:
        pass

    def handle(self, in_string: bytes) -> Any:
        """Answers one request; ``in_string`` is the request JSON as bytes.

        Returns a reply dict (sent as compact JSON), a ``str`` or ``bytes`` (sent as is) or ``None``.
        """
        raise NotImplementedError("PersistentServerConnectionApplication.handle")

    def handleStream(self, handle: Any, in_string: bytes) -> Any:
        """Streaming variant; the project's driver does not stream (see persistconn_driver.py)."""
        raise NotImplementedError("PersistentServerConnectionApplication.handleStream")

    def done(self) -> None:
        """Called once at the end of the request (the END packet)."""
