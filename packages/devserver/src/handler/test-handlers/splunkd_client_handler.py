"""Test handler: calls splunkd with ``splunk.rest.simpleRequest`` and reports what came back."""

import json
from typing import Any, Dict, List, Optional

import splunk
import splunk.rest
from splunk.persistconn.application import PersistentServerConnectionApplication


class SplunkdClientHandler(PersistentServerConnectionApplication):
    def __init__(self, command_line: List[str], command_arg: Optional[str]) -> None:
        super().__init__()

    def handle(self, in_string: bytes) -> Dict[str, Any]:
        request = json.loads(in_string)
        try:
            response, content = splunk.rest.simpleRequest(
                request["path"],
                sessionKey=request["session"]["authtoken"],
                getargs={"output_mode": "json"},
                raiseAllErrors=bool(request.get("raiseAllErrors")),
            )
        except splunk.RESTException as error:
            return {"payload": {"error": type(error).__name__, "statusCode": error.statusCode}}
        return {
            "payload": {
                "status": response.status,
                "content_type": response.get("content-type"),
                "content_is_bytes": isinstance(content, bytes),
                "body": json.loads(content),
            }
        }
