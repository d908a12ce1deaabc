"""The app's own KV store collections (collections.conf), read and written through splunkd with the system token, so
every user of the app's roles reads the team's documents without access to the collection itself.

A ``Collection`` sends a request to the collection's data (``path`` empty) or to one document (``path`` is
``/<key>``) and answers splunkd's JSON. A document that is not there is None. A KV store that cannot be reached,
refuses, or answers something that is not JSON is logged and becomes the route's own 503 error (``unavailable``),
which says in the route's words what cannot be read or saved.
"""

import logging
from typing import Any, Callable, Optional, Sequence, Tuple

from .errors import ProxyError
from .splunkd import Splunkd, SplunkdError

APP_DATA = "/servicesNS/nobody/passivetotal/storage/collections/data/"


class Collection:
    """One collection of the app, its failures logged on ``log`` (``what`` names it in the log line, if needed)."""

    def __init__(self, name: str, log: logging.Logger, unavailable: Callable[[], ProxyError], what: str = "") -> None:
        self.data_path = APP_DATA + name
        self._log = log
        self._unavailable = unavailable
        self._what = what

    def call(
        self,
        system: Splunkd,
        method: str,
        path: str = "",
        query: Optional[Sequence[Tuple[str, str]]] = None,
        json_body: Any = None,
        read_answer: bool = True,
    ) -> Any:
        """splunkd's JSON answer (``{}`` when ``read_answer`` is false); None for a document that is not there."""
        try:
            answer = system.call(method, self.data_path + path, query=query, json_body=json_body)
        except SplunkdError as error:
            self._log.error("KV store %s%s failed: %s", method, self._what, error)
            raise self._unavailable()
        if answer.status == 404 and path:
            return None
        if not 200 <= answer.status < 300:
            self._log.error("KV store %s%s answered %d", method, self._what, answer.status)
            raise self._unavailable()
        if not read_answer:
            return {}
        try:
            return answer.json()
        except SplunkdError as error:
            self._log.error("KV store %s%s answered something that is not JSON: %s", method, self._what, error)
            raise self._unavailable()
