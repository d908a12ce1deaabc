"""Secrets masked in every spelling an upstream, a URL or a JSON encoder could give them, so that a key echoed
back reaches no reply, cache entry or log line.

A secret (an API key or password, with the username it is sent with) is looked for as itself, base64 of it,
base64 of ``<username>:<secret>`` (HTTP basic authentication), each in the standard and the URL-safe alphabet
and with or without padding; and each of these with any of its characters written as a JSON escape
(``\\u0041``, ``\\/``) or percent-encoded (``%41``, either case). Every spelling found becomes ``********``.

For a large answer this must cost little: the plain spellings (and their usual URL-encoded and JSON-escaped
forms) are found with ``bytes.replace``; the pattern of every mixed spelling runs only around the escapes in
the text that stand for a character of a secret, since any such spelling contains one of them.
"""

import base64
import builtins
import functools
import json
import re
import urllib.parse
from typing import Iterable, Iterator, List, Optional, Pattern, Set, Tuple

MASK = "********"
# Secrets shorter than this are not looked for (they would mask ordinary text).
MIN_SECRET_CHARS = 4


def spellings(secret: str, username: str = "") -> List[str]:
    """The secret, base64 of it, and base64 of ``<username>:<secret>``, in both alphabets, with and without
    padding, longest first."""
    found = [secret]
    pairs = [secret] + (["%s:%s" % (username, secret)] if username else [])
    for text in pairs:
        raw = text.encode("utf-8")
        for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
            found.extend([encoded.decode("ascii"), encoded.decode("ascii").rstrip("=")])
    unique: List[str] = []
    for spelling in found:
        if spelling and spelling not in unique:
            unique.append(spelling)
    return sorted(unique, key=len, reverse=True)


def _hex(value: int, digits: int) -> str:
    """``value`` in hexadecimal as a pattern matching either case."""
    return "".join("[%s%s]" % (d.upper(), d.lower()) if d.isalpha() else d for d in "%0*x" % (digits, value))


def _json_escape(char: str) -> List[str]:
    """Patterns of the JSON escapes of ``char`` (a surrogate pair beyond the first 65536 code points)."""
    point = ord(char)
    if point < 0x10000:
        return [r"\\u" + _hex(point, 4)]
    point -= 0x10000
    return [r"\\u" + _hex(0xD800 + (point >> 10), 4) + r"\\u" + _hex(0xDC00 + (point & 0x3FF), 4)]


def _escapes(char: str) -> List[str]:
    """Patterns of the escaped forms of ``char``: JSON escapes, ``\\/``, and percent-encoding of its UTF-8."""
    found = _json_escape(char) + ["".join("%" + _hex(byte, 2) for byte in char.encode("utf-8"))]
    if char == "/":
        found.append(r"\\/")
    return found


def _tokens(char: str) -> List[bytes]:
    """The escapes (lower-case) that begin an escaped ``char``: its JSON escape (the first of a surrogate pair),
    the percent-encoding of its first UTF-8 byte, ``\\/``."""
    point = ord(char)
    first = point if point < 0x10000 else 0xD800 + ((point - 0x10000) >> 10)
    found = [("\\u%04x" % first).encode("ascii"), ("%%%02x" % char.encode("utf-8")[0]).encode("ascii")]
    return found + ([b"\\/"] if char == "/" else [])


def _widest(char: str) -> int:
    """The most bytes one escaped ``char`` takes."""
    return max(12 if ord(char) >= 0x10000 else 6, 3 * len(char.encode("utf-8")))


def _char(char: str) -> str:
    return "(?:%s)" % "|".join([re.escape(char)] + _escapes(char))


def _literal_forms(spelling: str) -> List[str]:
    """A spelling with its usual whole-text encodings: URL-encoded (both cases, ``+`` for spaces) and JSON-escaped
    (with and without ``\\/``)."""
    quoted = urllib.parse.quote(spelling, safe="")
    escaped = json.dumps(spelling)[1:-1]
    forms = [spelling, quoted, quoted.lower(), urllib.parse.quote_plus(spelling), escaped, escaped.replace("/", "\\/")]
    return [form for index, form in enumerate(forms) if form not in forms[:index]]


class Masker:
    """Masks the spellings of a set of ``(secret, username)`` (see the module docstring)."""

    def __init__(self, secrets: Iterable[Tuple[str, str]]) -> None:
        kept = [(s, u) for s, u in secrets if len(s) >= MIN_SECRET_CHARS]
        every = sorted({form for s, u in kept for form in spellings(s, u)}, key=len, reverse=True)
        self._literals: List[bytes] = sorted(
            {form.encode("utf-8") for spelling in every for form in _literal_forms(spelling)}, key=len, reverse=True
        )
        self._text: Optional[Pattern[str]] = None
        self._bytes: Optional[Pattern[bytes]] = None
        self._tokens: Set[bytes] = set()  # the escapes (lower-case) that stand for a character of a spelling
        self._reach = 0
        if every:
            pattern = "|".join("".join(_char(c) for c in spelling) for spelling in every)
            self._text = re.compile(pattern)
            self._bytes = re.compile(pattern.encode("utf-8"))
            for char in {c for spelling in every for c in spelling}:
                self._tokens.update(_tokens(char))
            # The longest a spelling can be with every character escaped.
            self._reach = max(sum(_widest(c) for c in spelling) for spelling in every)

    def text(self, text: str) -> str:
        """``text`` with every spelling masked."""
        return self._text.sub(MASK, text) if self._text is not None else text

    def bytes(self, data: bytes) -> bytes:
        """``data`` with every spelling masked; ``data`` itself when nothing was found."""
        if self._bytes is None:
            return data
        mask = MASK.encode("ascii")
        for literal in self._literals:
            if literal in data:
                data = data.replace(literal, mask)
        if b"\\" not in data and b"%" not in data:
            return data
        return self._around_escapes(data, mask)

    # Below the method ``bytes`` the class body's ``bytes`` is that method, so the type is named through builtins.
    def _around_escapes(self, data: builtins.bytes, mask: builtins.bytes) -> builtins.bytes:
        """Masks the mixed spellings: each contains an escape of one of its characters, and lies within ``reach``
        of it, so the pattern runs only on the stretches around such escapes."""
        assert self._bytes is not None
        spans: List[List[int]] = []
        for start, end in sorted(self._escape_positions(data)):
            start, end = max(0, start - self._reach), end + self._reach
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        pieces: List[builtins.bytes] = []
        last = 0
        changed = False
        for start, end in spans:
            window = data[start:end]
            masked = self._bytes.sub(mask, window)
            changed = changed or masked != window
            pieces.extend([data[last:start], masked])
            last = end
        if not changed:
            return data
        pieces.append(data[last:])
        return b"".join(pieces)

    def _escape_positions(self, data: builtins.bytes) -> Iterator[Tuple[int, int]]:
        for marker, width in ((b"\\u", 6), (b"%", 3), (b"\\/", 2)):
            at = data.find(marker)
            while at != -1:
                if bytes(data[at:at + width]).lower() in self._tokens:
                    yield at, at + width
                at = data.find(marker, at + 1)


@functools.lru_cache(maxsize=32)
def for_secret(secret: str, username: str = "") -> Masker:
    """The masker of one secret (made once: a request's answers all use the same few)."""
    return Masker([(secret, username)])
