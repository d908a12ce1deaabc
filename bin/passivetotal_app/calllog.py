"""One structured line in passivetotal.log for every provider call and every recorded investigation, the data of
the administrators' overview dashboard (Splunk indexes the log into ``_internal`` with the sourcetype
``passivetotal:log``, default/props.conf, and extracts the ``key=value`` pairs at search time).

A provider call is one line whether the upstream was asked or the answer came from the cache::

    upstream_call provider=passivetotal operation=pdns dataset=dns user="analyst" mode=single cached=false
    coalesced=false status=200 error=none duration_ms=412

``mode`` is ``batch`` for a call inside a ``batch`` request and ``single`` otherwise; ``cached`` is true when the
answer came from the KV cache (no upstream call, no quota spent); ``coalesced`` when an identical request in
flight fetched it; ``status`` is the HTTP status the page received for the call and ``error`` the app's error code
(``none`` on success; a provider's "no record" is ``404`` ``not_found``). An investigation recorded in the team's
history is::

    investigation user="analyst" type=domain

The lines name the user, the provider, the operation and the indicator's type, all of which an administrator may
see (the team's history shows them already), and never the indicator itself, a parameter, a credential or an
upstream's text: nothing the page did not choose from a fixed list except the user name, which is quoted with
``"`` and ``\\`` escaped and control characters dropped, so it cannot forge another key.
"""

import logging
import re
from typing import NamedTuple, Optional

LOG = logging.getLogger("passivetotal.calls")

# A value written bare: the allow-listed names of providers, operations, datasets and error codes.
_BARE = re.compile(r"^[A-Za-z0-9_.:/-]{1,100}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_USER_CHARS = 100


def _bare(value: str) -> str:
    """An allow-listed name as it is; anything else (never expected) as ``other``."""
    return value if _BARE.match(value) else "other"


def quoted(value: str) -> str:
    """``value`` in double quotes with ``\\`` and ``"`` escaped, control characters dropped, at most 100 characters."""
    text = _CONTROL.sub("", value)[:MAX_USER_CHARS]
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


class Call(NamedTuple):
    """One provider call as the log line names it (see the module docstring)."""

    provider: str
    operation: str
    dataset: str
    user: str
    batch: bool
    cached: bool
    coalesced: bool
    status: int
    error: Optional[str]
    duration_ms: int


def call_line(call: Call) -> str:
    """The line of one provider call (see the module docstring)."""
    return (
        "upstream_call provider=%s operation=%s dataset=%s user=%s mode=%s cached=%s coalesced=%s status=%d "
        "error=%s duration_ms=%d"
        % (
            _bare(call.provider),
            _bare(call.operation),
            _bare(call.dataset),
            quoted(call.user),
            "batch" if call.batch else "single",
            "true" if call.cached else "false",
            "true" if call.coalesced else "false",
            call.status,
            _bare(call.error) if call.error else "none",
            max(0, call.duration_ms),
        )
    )


def investigation_line(user: str, indicator_type: str) -> str:
    """The line of one investigation recorded in the team's history."""
    return "investigation user=%s type=%s" % (quoted(user), _bare(indicator_type))


def log_call(call: Call) -> None:
    """Logs the line of one provider call at INFO."""
    LOG.info("%s", call_line(call))


def log_investigation(user: str, indicator_type: str) -> None:
    """Logs the line of one recorded investigation at INFO."""
    LOG.info("%s", investigation_line(user, indicator_type))
