"""JSON from an upstream read within limits, so that no answer can exhaust the handler's memory or stack.

``json.loads`` turns each byte into far more memory when the text is many tiny values: ``[{"a":1},{"a":1},...]``
costs about 200 bytes of Python objects per 8 bytes of text (25 times its size), ``[[],[],...]`` about 24 times,
while real intelligence answers (passive DNS, WHOIS, certificates) cost 2 to 4 times. So before parsing, the
structure of the text is counted without building anything per value, and the Python objects it would become are
estimated (:data:`OBJECT_BYTES` and the other costs below, measured on CPython 3.9 to 3.13, 64 bit). A text whose
estimate is more than :data:`MEMORY_PER_CAP` times the operation's size cap, or that nests more than
:data:`MAX_DEPTH` levels, is refused before it is parsed (:class:`JsonRefused`, which answers.py turns into
``upstream_malformed``). The depth limit also keeps every later ``json.dumps`` (the cache, the reply) far from
Python's recursion limit.

The counting: commas and colons are counted in the whole text (those inside strings only make the estimate
larger); the brackets are counted outside strings only, since they also give the depth. Strings are found by
their quotes once escaped backslashes and escaped quotes are removed, so the work needs no more than two copies
of the text.
"""

import json
from typing import Any

from . import memory

MAX_DEPTH = 64
# The Python objects one part of the text becomes, at most (bytes): a dict with its first few members, a list, the
# entry of a member in its dict, and a value (a string, a number) with its slot in its list or dict.
OBJECT_BYTES = 200
ARRAY_BYTES = 72
MEMBER_BYTES = 24
VALUE_BYTES = 56
# The estimated objects of one answer may be at most this many times the operation's size cap (and a cap is never
# counted as less than SMALLEST_CAP, so that small texts are read whatever their shape).
MEMORY_PER_CAP = 8
SMALLEST_CAP = 64 * 1024

_CHUNK = 1 << 20
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_OPENERS_AS_ONE = bytes.maketrans(b"{}", b"[]")


class JsonRefused(ValueError):
    """A JSON text that is not parsed: ``words`` say why ("JSON nested more than 64 levels deep")."""

    def __init__(self, words: str) -> None:
        super().__init__(words)
        self.words = words


def brackets(text: bytes) -> bytes:
    """The brackets of a JSON ``text`` that stand outside its strings, in order."""
    if b"\\" in text:
        text = text.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Only quotes and brackets are kept. Two quotes side by side are an empty string, or the end of one string and
    # the start of the next with no bracket between them: dropping them changes neither what is outside strings
    # nor which quotes pair up. What is left has quotes only around brackets inside strings, which are rare.
    structure = text.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' not in structure:
        return structure
    found = bytearray()
    inside = False
    for start in range(0, len(structure), _CHUNK):
        parts = structure[start:start + _CHUNK].split(b'"')
        found += b"".join(parts[1::2] if inside else parts[0::2])
        inside = inside != (len(parts) % 2 == 0)
    return bytes(found)


def estimate(text: bytes, outside: bytes) -> int:
    """The bytes of Python objects that ``json.loads(text)`` may build, at most (see the module docstring);
    ``outside`` is :func:`brackets` of it."""
    objects = outside.count(b"{")
    arrays = outside.count(b"[")
    values = text.count(b",") + objects + arrays
    return (OBJECT_BYTES * objects + ARRAY_BYTES * arrays + MEMBER_BYTES * text.count(b":")
            + VALUE_BYTES * values + len(text))


def depth_exceeds(outside: bytes, limit: int) -> bool:
    """Whether the brackets ``outside`` (of :func:`brackets`) nest more than ``limit`` levels (unbalanced ones are
    left to the parser). Each round removes the innermost containers, so it takes as many rounds as the depth."""
    left = outside.translate(_OPENERS_AS_ONE)
    for _ in range(limit):
        if not left:
            return False
        shorter = left.replace(b"[]", b"")
        if len(shorter) == len(left):
            return False
        left = shorter
    return bool(left)


def loads(body: bytes, cap: int, counted: bool = False) -> Any:
    """The JSON value of ``body`` (UTF-8), read within the limits of an answer whose size cap is ``cap`` bytes.
    ``counted``: the value is an answer kept for a reply, counted against the batch of this thread's call
    (memory.py) with the text it is parsed from.

    Raises JsonRefused when the text is too deep or would take too much memory, UnicodeDecodeError when it is not
    UTF-8 and ValueError when it is not JSON.
    """
    outside = brackets(body)
    objects = estimate(body, outside)
    if objects > MEMORY_PER_CAP * max(cap, len(body), SMALLEST_CAP):
        raise JsonRefused("JSON of more small values than the app reads in one answer")
    if depth_exceeds(outside, MAX_DEPTH):
        raise JsonRefused("JSON nested more than %d levels deep" % MAX_DEPTH)
    if counted and not (memory.take(len(body)) and memory.take(objects, keep=True)):
        raise JsonRefused(memory.OVER_BATCH)
    text = body.decode("utf-8")
    try:
        return json.loads(text)
    except RecursionError:
        raise JsonRefused("JSON nested more than %d levels deep" % MAX_DEPTH)
