"""The app's log: ``$SPLUNK_HOME/var/log/splunk/passivetotal.log`` (rotated), at the level set in passivetotal.conf.

Every record goes through :func:`redact` after formatting (message, arguments and traceback alike): registered
secrets (the API key, once loaded) in every spelling (masking.py) and anything shaped like an ``Authorization``
header value, a ``Splunk <token>``
or a ``clear_password`` is masked. Without SPLUNK_HOME (or when the folder cannot be written) the log goes to
stderr, which splunkd copies to splunkd.log; never to stdout, which carries the persistent-handler protocol.
"""

import logging
import logging.handlers
import os
import re
import sys
import threading
from typing import List, Optional, Set, Tuple

from . import masking

LOGGER_NAME = "passivetotal"
FILE_NAME = "passivetotal.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5
MASK = "********"
FORMAT = "%(asctime)s %(levelname)s pid=%(process)d %(name)s - %(message)s"

# Token-shaped values: long, and with at least one digit (so "Splunk capabilities" stays readable).
_TOKEN = r"(?=[^\s'\",]*\d)[A-Za-z0-9._~+/=^-]{12,}"
_PATTERNS = [
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(basic|splunk|bearer)\s+[^\s'\",]+"),
    re.compile(r"(?i)\b(basic\s+)" + _TOKEN),
    re.compile(r"(?i)\b(splunk\s+)" + _TOKEN),
    re.compile(r"(?i)\b(bearer\s+)" + _TOKEN),
    re.compile(
        r"(?i)((?:clear_password|password|api_key|apikey|authtoken|system_authtoken)['\"]?\s*[:=]\s*['\"]?)"
        r"[^\s'\",}&]+"
    ),
]

_lock = threading.Lock()
_secrets: Set[Tuple[str, str]] = set()
_masker: List[masking.Masker] = []
_handler: Optional[logging.Handler] = None
_target: Optional[str] = None


def register_secret(value: str, username: str = "") -> None:
    """Masks ``value`` wherever it would appear in the log or an error text from now on, in every spelling
    (masking.py: base64, with ``username`` as HTTP basic authentication, URL-encoded, JSON-escaped); values shorter
    than 4 characters are ignored."""
    if value and len(value) >= masking.MIN_SECRET_CHARS:
        with _lock:
            if (value, username) not in _secrets:
                _secrets.add((value, username))
                _masker[:] = [masking.Masker(sorted(_secrets))]


def redact(text: str) -> str:
    """``text`` with secrets and credential-shaped values masked."""
    with _lock:
        found = _masker[0] if _masker else None
    if found is not None:
        text = found.text(text)
    for pattern in _PATTERNS:
        if pattern.groups >= 2:
            text = pattern.sub(lambda m: m.group(1) + m.group(2) + " " + MASK, text)
        else:
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactingFormatter(logging.Formatter):
    """A formatter whose output, traceback included, passes through :func:`redact`."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_path(splunk_home: Optional[str]) -> Optional[str]:
    """Where the log file goes, or None for stderr."""
    if not splunk_home:
        return None
    return os.path.join(splunk_home, "var", "log", "splunk", FILE_NAME)


def _make_handler(path: Optional[str]) -> logging.Handler:
    if path:
        try:
            return logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, delay=True)
        except OSError:
            pass
    return logging.StreamHandler(sys.stderr)


def configure(level: str = "INFO") -> logging.Logger:
    """The app's logger at ``level``; its one handler is (re)made when the target (file or stderr) changes."""
    # The process's one handler and its target are module state, remade when the target changes.
    global _handler, _target  # pylint: disable=global-statement,invalid-name
    path = log_path(os.environ.get("SPLUNK_HOME"))
    if path and not os.path.isdir(os.path.dirname(path)):
        path = None
    target = path or "stderr"
    logger = logging.getLogger(LOGGER_NAME)
    with _lock:
        if _target != target or _handler is None:
            if _handler is not None:
                logger.removeHandler(_handler)
                _handler.close()
            _handler = _make_handler(path)
            _handler.setFormatter(RedactingFormatter(FORMAT))
            logger.addHandler(_handler)
            logger.propagate = False
            _target = target
    logger.setLevel(getattr(logging, level.upper(), logging.INFO))
    return logger
