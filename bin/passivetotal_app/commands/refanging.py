"""Refanging and trimming: the text an analyst pastes or an event holds, with defanged forms (``hxxps://``,
``[.]``, `` dot ``, ``[at]`` ...), invisible and look-alike characters and the quotes, brackets and punctuation
around it undone, as the investigation page does (packages/core/src/indicators)."""

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACE_LIKE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_DOT_LIKE = re.compile("[\u3002\uff0e\uff61]")
_DEFANGED_HTTP = re.compile(r"\b(?:hxxp|hxtp|htxp|h\*\*p|h\[tt\]p|hxxxp|meow)(s?)(?=\s*[:\[({])", re.IGNORECASE)
_DEFANGED_FTP = re.compile(r"\bfxp(s?)(?=\s*[:\[({])", re.IGNORECASE)
_BRACKETED_DOT = re.compile(
    r"\s*(?:\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\}|<\s*(?:\.|dot)\s*>)\s*", re.IGNORECASE
)
_SPELLED_DOT = re.compile(r"\s+dot\s+", re.IGNORECASE)
_BRACKETED_AT = re.compile(r"\s*(?:\[\s*(?:@|at)\s*\]|\(\s*(?:@|at)\s*\)|\{\s*(?:@|at)\s*\})\s*", re.IGNORECASE)
_SPELLED_AT = re.compile(r"\s+at\s+", re.IGNORECASE)
_BRACKETED_COLON = re.compile(r"\[\s*:\s*\]|\(\s*:\s*\)|\{\s*:\s*\}")
_BRACKETED_SCHEME_SEP = re.compile(r"\[\s*://\s*\]|\(\s*://\s*\)|\[\s*:\s*/\s*/\s*\]")
_BRACKETED_SLASH = re.compile(r"\[\s*(/{1,2})\s*\]|\(\s*(/{1,2})\s*\)")
_HALF_BRACKETED_DOT = re.compile(r"\[\.|\.\]|\\\.")


def refang(text: str) -> str:
    """Undoes the common defangings (``hxxp``, ``[.]``, ``(dot)``, ``[@]``, ``[:]``, ``[/]`` ...).

    >>> refang("hxxps://evil[.]example[/]login")
    'https://evil.example/login'
    """
    s = unicodedata.normalize("NFC", text)
    s = _INVISIBLE.sub("", s)
    s = _SPACE_LIKE.sub(" ", s)
    s = _DOT_LIKE.sub(".", s)
    s = _DEFANGED_HTTP.sub(lambda m: "http" + m.group(1).lower(), s)
    s = _DEFANGED_FTP.sub(lambda m: "ftp" + m.group(1).lower(), s)
    s = _BRACKETED_SCHEME_SEP.sub("://", s)
    s = _BRACKETED_COLON.sub(":", s)
    s = _BRACKETED_SLASH.sub(lambda m: m.group(1) or m.group(2) or "/", s)
    s = _BRACKETED_DOT.sub(".", s)
    s = _BRACKETED_AT.sub("@", s)
    s = _HALF_BRACKETED_DOT.sub(".", s)
    trimmed = s.strip()
    if re.search(r"\S\s+(?:dot|at)\s+\S", trimmed, re.IGNORECASE) or re.search(
        r"\S\s*[.@]\s+\S|\S\s+[.@]\s*\S", trimmed
    ):
        s = _SPELLED_DOT.sub(".", trimmed)
        s = _SPELLED_AT.sub("@", s)
        s = re.sub(r"\s*\.\s*", ".", s)
        s = re.sub(r"\s*@\s*", "@", s)
    return re.sub(r"\s*://\s*", "://", s)


_WRAPPERS = [
    ('"', '"'),
    ("'", "'"),
    ("`", "`"),
    ("\u201c", "\u201d"),
    ("\u2018", "\u2019"),
    ("\u00ab", "\u00bb"),
    ("<", ">"),
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
]
_LEADING_JUNK = re.compile("^[\\s\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb<(\\[{]+")
_TRAILING_JUNK = re.compile("[\\s\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb>)\\]},;:!?.]+$")


def _balanced(s: str, opening: str, closing: str) -> bool:
    depth = 0
    for ch in s:
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def trim_indicator_text(text: str) -> str:
    """Removes the quotes, brackets and trailing punctuation a value copied from prose brings along.

    >>> trim_indicator_text('  "evil.example",  ')
    'evil.example'
    """
    s = text.strip()
    for _ in range(16):
        before = s
        for opening, closing in _WRAPPERS:
            if len(s) >= 2 and s.startswith(opening) and s.endswith(closing):
                inner = s[1:-1]
                if opening == closing or _balanced(inner, opening, closing):
                    s = inner.strip()
        trailing = None if re.match(r"^[0-9a-fA-F:.]*::$", s) else _TRAILING_JUNK.search(s)
        if trailing:
            cut = trailing.start()
            tail = s[cut:]
            for ch in tail:
                pair = {")": "(", "]": "[", "}": "{"}.get(ch)
                if pair is None:
                    break
                if _balanced(s[: cut + 1], pair, ch):
                    cut += 1
                else:
                    break
            s = s[:cut]
        leading = _LEADING_JUNK.match(s)
        if leading:
            rest = s[leading.end():]
            keep_bracket = leading.group(0).endswith("[") and re.match(r"^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]", rest)
            s = "[" + rest if keep_bracket else rest
        s = s.strip()
        if s == before:
            break
    return s
