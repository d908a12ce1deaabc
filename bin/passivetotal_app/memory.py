"""The memory of a ``batch``: what its calls hold together is counted against ``batchMaxBytes`` (the catalogue's
limits), so a batch of large answers cannot grow the handler without bound.

A single call is bounded by its operation's size cap (transport.py) and by the JSON limits (json_limits.py). A
batch runs up to ``batchThreads`` calls at once and keeps every answer until its last call is done, so it has one
:class:`Account`, and each call a :class:`Tab` on it, set for the call's thread by :func:`tab`. Counted are:

- an answer's bytes while it arrives (transport.py). The first ``SMALL_ANSWER_BYTES`` of every answer, and its
  declared length when that is no more, are taken at once; a larger answer first reserves up to its size cap,
  waiting (within its time budget) while other large answers hold the memory. So the page's batches, whose
  answers are small, never wait, and large answers are read a few at a time instead of all failing together;
- its text while it is parsed, and the Python objects it becomes (json_limits.py's estimate); an NDJSON
  answer's text. The objects are kept until the batch ends; these are taken without waiting, and a call whose
  answer does not fit ends with ``upstream_malformed`` (it can be asked for alone).

What a call holds while it runs is given back when it ends; what it keeps, only when it failed.
"""

import contextlib
import threading
import time
from typing import Iterator, Optional

from . import catalogue

BATCH_MAX_BYTES = int(catalogue.LIMITS["batchMaxBytes"])
SMALL_ANSWER_BYTES = 1024 * 1024


def megabytes(size: int) -> str:
    return "%g MB" % round(size / (1024.0 * 1024.0), 1)


# The words of a refusal, after "<provider> answered <operation> with ".
OVER_BATCH = ("more data than one batch of calls may hold (%s for all its answers together); ask for it on its "
              "own" % megabytes(BATCH_MAX_BYTES))


class Account:
    """The bytes one batch may hold, shared by its calls' threads: ``kept`` until the batch ends, ``held`` while
    calls run."""

    def __init__(self, total: int = BATCH_MAX_BYTES) -> None:
        self.total = total
        self.kept = 0
        self.held = 0
        self._changed = threading.Condition()

    def take(self, size: int, keep: bool) -> bool:
        """Counts ``size`` more bytes if they fit now; False (nothing counted) otherwise."""
        with self._changed:
            if self.kept + self.held + size > self.total:
                return False
            self._count(size, keep)
            return True

    def reserve(self, size: int, until: float) -> bool:
        """Counts ``size`` held bytes once they fit, waiting for other calls to give theirs back until ``until``
        (time.monotonic); False when they do not fit by then, or never can (the kept bytes only grow)."""
        with self._changed:
            while self.kept + self.held + size > self.total:
                left = until - time.monotonic()
                if self.kept + size > self.total or left <= 0:
                    return False
                self._changed.wait(left)
            self._count(size, False)
            return True

    def _count(self, size: int, keep: bool) -> None:
        if keep:
            self.kept += size
        else:
            self.held += size

    def give(self, held: int, kept: int = 0) -> None:
        with self._changed:
            self.held -= held
            self.kept -= kept
            self._changed.notify_all()


class Tab:
    """One call's share of its batch's account: what it holds while it runs, and what it keeps."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.held = 0
        self.kept = 0

    def take(self, size: int, keep: bool) -> bool:
        if not self.account.take(size, keep):
            return False
        if keep:
            self.kept += size
        else:
            self.held += size
        return True

    def reserve(self, size: int, until: float) -> bool:
        if not self.account.reserve(size, until):
            return False
        self.held += size
        return True

    def give(self, size: int) -> None:
        """Gives back ``size`` of the bytes held."""
        size = min(size, self.held)
        self.held -= size
        self.account.give(size)

    def close(self, succeeded: bool) -> None:
        """The call ended: gives back what it held, and what it kept too when it failed."""
        self.account.give(self.held, 0 if succeeded else self.kept)
        self.held = 0
        if not succeeded:
            self.kept = 0


_current = threading.local()


@contextlib.contextmanager
def tab(account: Account) -> Iterator[Tab]:
    """The tab of the call that runs in this thread until the block ends (the caller closes it)."""
    opened = Tab(account)
    _current.tab = opened
    try:
        yield opened
    finally:
        _current.tab = None


def current() -> Optional[Tab]:
    """The tab of this thread's call; None outside a batch."""
    found = getattr(_current, "tab", None)
    return found if isinstance(found, Tab) else None


def take(size: int, keep: bool = False) -> bool:
    """Counts ``size`` bytes against the batch of this thread's call without waiting (always True outside a
    batch). ``keep``: they stay counted until the batch ends, else until the call ends."""
    found = current()
    return found is None or found.take(size, keep)
