"""Test-only stand-in for the ``splunk`` package that exists only inside a Splunk installation.

The stand-in (packages/devserver) puts the folder holding this package on the handler's
``sys.path``; the app never ships it. It keeps to the small part of Splunk's API that a persistent
REST handler uses: the exception classes that ``splunk.rest.simpleRequest`` raises (same names,
constructor arguments, ``statusCode``/``msg``/``extendedMessages`` attributes and ``str()`` form
as Splunk's, written from their documented behaviour), ``splunk.persistconn.application`` and
``splunk.rest``.

splunkd's address comes from the ``SPLUNKD_URI`` environment variable, which the stand-in's driver
sets (inside Splunk, relative REST paths go to the local splunkd at ``https://127.0.0.1:8089``).
"""

import os
from typing import Any, List, Optional

SPLUNKD_URI_ENV = "SPLUNKD_URI"
DEFAULT_SPLUNKD_URI = "https://127.0.0.1:8089"


def getLocalServerInfo() -> str:
    """The local splunkd's base URI without a trailing slash, e.g. ``http://127.0.0.1:8089``."""
    return os.environ.get(SPLUNKD_URI_ENV, DEFAULT_SPLUNKD_URI).rstrip("/")


class RESTException(Exception):
    """A splunkd REST call answered with a 4xx or 5xx status.

    ``msg`` is a text or, for errors splunkd explained, the list of ``{"type", "code", "text"}``
    message dicts from the body; ``extendedMessages`` is extra detail (a list of such dicts, or the
    URI for a 403).
    """

    def __init__(self, statusCode: Any, msg: Any = None, extendedMessages: Any = None) -> None:
        super().__init__(msg)
        self.msg = msg
        try:
            code = int(statusCode)
        except (TypeError, ValueError):
            code = statusCode
        if not msg and isinstance(code, int):
            if 400 <= code < 500:
                self.msg = "General client request error"
            elif 500 <= code < 600:
                self.msg = "General server error"
            else:
                self.msg = "Unexpected HTTP status code"
        self.statusCode = code
        self.extendedMessages = extendedMessages

    def __str__(self) -> str:
        if self.extendedMessages is None:
            return "[HTTP %s] %s" % (self.statusCode, self.msg)
        return "[HTTP %s] %s; %s" % (self.statusCode, self.msg, self.extendedMessages)

    def get_message_text(self) -> str:
        """The first message text: from ``msg`` when it is a message list, else ``extendedMessages``."""
        for source in (self.msg, self.extendedMessages):
            text = _first_message_text(source)
            if text is not None:
                return text
        return self.msg if isinstance(self.msg, str) else ""

    def get_extended_message_text(self) -> str:
        """Like ``get_message_text`` but prefers ``extendedMessages``."""
        for source in (self.extendedMessages, self.msg):
            text = _first_message_text(source)
            if text is not None:
                return text
        return self.msg if isinstance(self.msg, str) else ""


def _first_message_text(messages: Any) -> Optional[str]:
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        text = messages[0].get("text")
        return text if isinstance(text, str) else None
    return None


class AuthenticationFailed(RESTException):
    """401: the session key was missing, wrong or expired."""

    def __init__(self, msg: Any = "Client is not authenticated", extendedMessages: Any = None) -> None:
        super().__init__(401, msg, extendedMessages)


class LicenseRestriction(RESTException):
    """402: the license does not allow the action."""

    def __init__(self, msg: Any = "Current license does not allow the requested action") -> None:
        super().__init__(402, msg)


class AuthorizationFailed(RESTException):
    """403: the user lacks the capability for the action."""

    def __init__(
        self, msg: Any = "Client is not authorized to perform requested action", extendedMessages: Any = None
    ) -> None:
        super().__init__(403, msg, extendedMessages)


class BadRequest(RESTException):
    """400 (raised by ``simpleRequest`` only with ``raiseAllErrors=True``)."""

    def __init__(self, msg: Any = None, extendedMessages: Any = None) -> None:
        super().__init__(400, msg or "Bad Request", extendedMessages)


class InternalServerError(RESTException):
    """500 (raised by ``simpleRequest`` only with ``raiseAllErrors=True``)."""

    def __init__(self, msg: Any = None, extendedMessages: Any = None) -> None:
        super().__init__(500, msg or "Splunkd internal error", extendedMessages)


class ResourceNotFound(RESTException):
    """404; ``msg`` is the URI that was not found."""

    def __init__(
        self, msg: Any = "Resource was not found", resourceInfo: Any = None, extendedMessages: Any = None
    ) -> None:
        super().__init__(404, msg, extendedMessages)
        self.resourceInfo = resourceInfo


class SplunkdException(Exception):
    """An error reported by splunkd."""


class SplunkdConnectionException(Exception):
    """splunkd could not be reached (connection refused, timeout)."""

    def __init__(self, message: str = "Socket error connecting to the Splunk server.") -> None:
        super().__init__(message)

    def __str__(self) -> str:
        return "Splunkd daemon is not responding: %s" % (self.args,)


class SearchException(SplunkdException):
    """An error from the search subsystem."""


class QuotaExceededException(SearchException):
    """The user's concurrent search quota is used up."""


__all__: List[str] = [
    "AuthenticationFailed",
    "AuthorizationFailed",
    "BadRequest",
    "InternalServerError",
    "LicenseRestriction",
    "QuotaExceededException",
    "RESTException",
    "ResourceNotFound",
    "SearchException",
    "SplunkdConnectionException",
    "SplunkdException",
    "getLocalServerInfo",
]
