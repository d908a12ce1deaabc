"""The persistent REST handler that splunkd loads for /passivetotal (default/restmap.conf, [script:passivetotal]).

splunkd's persistconn driver loads this file by path and uses the one class here derived from
PersistentServerConnectionApplication; it makes an instance per request and calls handle(). All logic lives in
the passivetotal_app package next to this file (README.md, "The app's REST endpoint").
"""

import os
import sys
from typing import Any, Dict, List, Optional

_BIN = os.path.dirname(os.path.abspath(__file__))
if _BIN not in sys.path:
    sys.path.insert(0, _BIN)

# The imports below need bin/ on sys.path first: splunkd's persistconn driver loads this file by its path.
# pylint: disable=wrong-import-position
from splunk.persistconn.application import PersistentServerConnectionApplication  # noqa: E402

from passivetotal_app import service  # noqa: E402
from passivetotal_app.errors import INTERNAL  # noqa: E402
from passivetotal_app.replies import error_reply  # noqa: E402

# pylint: enable=wrong-import-position


class PassiveTotalHandler(PersistentServerConnectionApplication):
    """Answers every request through passivetotal_app.service; never lets an exception or traceback out."""

    # splunkd passes the command line and argument of restmap.conf; this handler takes its settings elsewhere.
    def __init__(self, _command_line: Optional[List[str]] = None, _command_arg: Optional[str] = None) -> None:
        super().__init__()

    def handle(self, in_string: Any) -> Dict[str, Any]:
        try:
            return service.handle_request(in_string)
        # handle_request never raises; this is the last guard, and it must not leak anything.
        except BaseException:  # pylint: disable=broad-exception-caught
            return error_reply(500, "Internal error in the PassiveTotal app; see passivetotal.log.", INTERNAL)
