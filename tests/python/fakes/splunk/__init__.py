"""Test-only fake of Splunk's ``splunk`` package (see ../README.md)."""


class RESTException(Exception):
    """A splunkd answer with an error status."""

    def __init__(self, status: int, text: str = "") -> None:
        super().__init__(text)
        self.statusCode = status


class SplunkdConnectionException(Exception):
    """splunkd could not be reached."""
