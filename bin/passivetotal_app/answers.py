"""An upstream answer turned into the ``data`` of the success envelope, or into the error it is.

A 2xx body must be what the operation's ``response`` says: ``json`` (an object or a list), ``json_object`` (an
object: RDAP) or ``ndjson`` (text, answered as ``{"ndjson": "<text>"}``: CIRCL); an empty body is ``{}``.
Anything else is 502 ``upstream_malformed``. A provider that reports errors inside a 2xx (PassiveTotal's 2016
``{"error": {...}}``) has them classified like an error status. A 404 of an operation whose catalogue entry says
``notFoundIsEmpty`` (InternetDB's "No information available") is an answer. Every other status goes to the
classifier. The provider's key is masked in the body first, in every spelling (masking.py), should the upstream
echo it back: so neither the answer, nor the cache, nor an error text can carry it.
"""

from typing import Any, Callable, Optional

from . import json_limits, masking, memory
from .classify import Source, classify, is_error_only_body, malformed_error
from .credentials import Credential
from .errors import ProxyError
from .http_client import Fetched, retry_after
from .model import Answer
from .profiles import Operation


def scrub(body: bytes, credential: Optional[Credential]) -> bytes:
    """``body`` with the key masked in every spelling (masking.py), should an upstream echo it back."""
    if credential is None:
        return body
    return masking.for_secret(credential.api_key.reveal(), credential.username).bytes(body)


def parse_json(src: Source, body: bytes, cap: int) -> Any:
    """The JSON of a body, read within the limits of an answer of at most ``cap`` bytes (json_limits.py); 502
    ``upstream_malformed`` naming what it was instead. (The error is raised outside the ``except`` blocks: an
    exception kept with the frame that caught it would keep the body alive until the garbage collector runs.)"""
    try:
        return json_limits.loads(body, cap, counted=True)
    except json_limits.JsonRefused as refused:
        what = refused.words
    except UnicodeDecodeError:
        what = "text that is not UTF-8"
    except ValueError:
        looks_html = body.lstrip()[:1] == b"<"
        what = "an HTML page instead of JSON" if looks_html else "a body that is not valid JSON"
    raise malformed_error(src, what)


def _ndjson(src: Source, body: bytes) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise malformed_error(src, "text that is not UTF-8")
    if text.lstrip()[:1] == "<":
        raise malformed_error(src, "an HTML page instead of NDJSON")
    if not memory.take(len(body), keep=True):
        raise malformed_error(src, memory.OVER_BATCH)
    return {"ndjson": text}


def data_of(src: Source, operation: Operation, fetched: Fetched) -> Any:
    """The ``data`` of a 2xx answer (see the module docstring)."""
    if operation.response == "ndjson":
        return _ndjson(src, fetched.body)
    if fetched.status == 204 or not fetched.body.strip():
        return {}
    data = parse_json(src, fetched.body, operation.max_bytes)
    if operation.response == "json_object" and not isinstance(data, dict):
        raise malformed_error(src, "JSON that is not an object")
    if not isinstance(data, (dict, list)):
        raise malformed_error(src, "a bare JSON value instead of an object or a list")
    if src.reports_errors_in_2xx and is_error_only_body(data):
        raise classify(src, fetched.status, fetched.body)
    return data


def _empty_not_found(body: bytes, cap: int) -> Optional[Any]:
    """A 404's JSON object body, which is the answer of a ``notFoundIsEmpty`` operation; None otherwise."""
    try:
        doc = json_limits.loads(body, cap, counted=True)
    except ValueError:  # UnicodeDecodeError and JsonRefused are ValueErrors
        return None
    return doc if isinstance(doc, dict) else None


def answer(
    src: Source, operation: Operation, fetched: Fetched, credential: Optional[Credential], clock: Callable[[], float]
) -> Answer:
    """The answer of ``fetched`` (any status), or the ProxyError it is."""
    fetched = fetched._replace(body=scrub(fetched.body, credential))
    if 200 <= fetched.status < 300:
        return Answer(data_of(src, operation, fetched), False, clock(), size=len(fetched.body))
    if fetched.status == 404 and operation.not_found_is_empty:
        empty = _empty_not_found(fetched.body, operation.max_bytes)
        if empty is not None:
            return Answer(empty, False, clock())
    raise failure(src, fetched)


def failure(src: Source, fetched: Fetched) -> ProxyError:
    """The error of a non-2xx answer."""
    return classify(src, fetched.status, fetched.body, retry_after(fetched.headers), fetched.attempts)
