"""The fields of a POST to the app's endpoint, as splunkd hands them to the handler: its ``form`` pairs, or the raw
``payload`` holding a JSON object or form-encoded fields. Each route says in its own words what is wrong
(``invalid`` builds its 400 answer)."""

import json
import urllib.parse
from typing import Any, Callable, Dict, Optional

from .errors import ProxyError

Invalid = Callable[[str], ProxyError]


def form_fields(form: Any, invalid: Invalid) -> Optional[Dict[str, str]]:
    """The text fields of splunkd's ``form`` pairs, or None when the request has none; a field given twice is
    invalid."""
    if not isinstance(form, list) or not form:
        return None
    fields: Dict[str, str] = {}
    for item in form:
        if isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(x, str) for x in item):
            if item[0] in fields:
                raise invalid("the field %s is given more than once" % item[0][:40])
            fields[item[0]] = item[1]
    return fields


def payload_object(payload: str, invalid: Invalid) -> Dict[Any, Any]:
    """A body holding a JSON object, else form-encoded fields; nested too deeply or not an object is invalid."""
    try:
        data = json.loads(payload)
    except RecursionError:
        raise invalid("the body is nested too deeply")
    except ValueError:
        data = dict(urllib.parse.parse_qsl(payload, keep_blank_values=True))
    if not isinstance(data, dict):
        raise invalid("the body is not an object")
    return data
