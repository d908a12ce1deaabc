"""The search commands: what each asks the endpoint and the results it gives, and the chunked conversation with
splunkd around them.

Generating commands (``| ptpdns query=...``, ``| ptenrich query=...``, ``| pthistory``) look their value up when
splunkd first asks for results and answer with one result per record, in chunks of at most ``maxresultrows``.
The streaming enrichment (``... | ptenrich field=<f>``) answers every chunk of events splunkd sends as soon as the
chunk's new values are looked up, so results flow while the search runs; each distinct value is looked up once
per search, in batches. Failures of a provider become messages of the search, beside the data of the others;
arguments it cannot run with, and a user without the app's role, end the search with an error. Nothing here
writes a traceback, the session key or any secret to the search, its log or stderr.

This module sets a command up from its arguments and runs its conversation; the commands live in generating and
enrichment, what they share in search_context and conversation.
"""

import sys
import time
from typing import IO, Any, Callable, Dict, NamedTuple, Optional

from ..chunked import Channel, ProtocolError, SearchInfo
from .arguments import UsageError, parse_args
from .conversation import GENERATING, STREAMING, answer_in_chunks, guarded, log
from .endpoint import Transport
from .enrichment import EnrichEvents, EnrichOne, Enricher
from .generating import Certificates, Generating, History, PassiveDns, Trackers, UniqueResolutions, Whois
from .search_context import Context

COMMANDS = ("ptpdns", "ptupdns", "ptwhois", "ptssl", "pttrackers", "ptenrich", "pthistory")


class Setup(NamedTuple):
    """A command ready to run: generating (``command``) or streaming (``stream``)."""

    command: Optional[Generating]
    stream: Optional[EnrichEvents]


_GENERATING = {
    "ptpdns": PassiveDns,
    "ptupdns": UniqueResolutions,
    "ptwhois": Whois,
    "ptssl": Certificates,
    "pttrackers": Trackers,
    "pthistory": History,
}


def setup(name: str, info: SearchInfo, now: float) -> Setup:
    """Parses the arguments of a command into what it will do; UsageError when it cannot run."""
    if name == "ptenrich":
        options = parse_args(info.args, EnrichEvents.accepted)
        if "field" in options and "query" in options:
            raise UsageError("query=<indicator> (one lookup) and field=<field> (every event) do not go together")
        if "field" in options:
            if "earliest" in options or "latest" in options:
                raise UsageError("field= enriches the events of the search; earliest= and latest= go with the search "
                                 "itself")
            return Setup(None, EnrichEvents(name, options))
        if "query" not in options:
            raise UsageError('A value or a field is needed: query=<indicator> (one lookup, | ptenrich '
                             'query="evil.example") or field=<field> (every event, ... | ptenrich field=dest_ip)')
        return Setup(EnrichOne(name, options, info, now), None)
    kind = _GENERATING[name]
    options = parse_args(info.args, kind.accepted)
    return Setup(kind(name, options, info, now), None)


def _config_of(name: str, info: SearchInfo) -> Dict[str, Any]:
    streaming = name == "ptenrich" and any(a.partition("=")[0].strip() == "field" for a in info.args)
    return dict(STREAMING if streaming else GENERATING)


def _stream(channel: Channel, ctx: Context, stream: EnrichEvents) -> int:
    enricher = Enricher(ctx, stream.datasets, stream.prefix)
    while True:
        request = channel.read_execute()
        if request is None:
            return 0
        results = stream.process(enricher, request.records) if request.records else []
        channel.reply(results, request.finished, ctx.take_messages())
        if request.finished:
            return 0


def run(
    name: str,
    instream: IO[bytes],
    outstream: IO[bytes],
    stderr: IO[str],
    transport: Optional[Transport] = None,
    clock: Callable[[], float] = time.time,
) -> int:
    """One command process: getinfo, then execute chunks until splunkd is done. Returns the exit status."""
    channel = Channel(instream, outstream)
    try:
        info = channel.read_getinfo()
    except ProtocolError as error:
        log(stderr, "%s: %s" % (name, error))
        return 1
    try:
        prepared = setup(name, info, clock())
    except UsageError as error:
        channel.reply_getinfo(_config_of(name, info), error=str(error))
        return 1
    channel.reply_getinfo(GENERATING if prepared.command is not None else STREAMING)
    ctx = Context(info, transport, clock)
    if prepared.command is not None:
        command: Generating = prepared.command
        return guarded(name, channel, ctx, stderr, lambda: answer_in_chunks(channel, ctx, info,
                                                                            lambda: command.generate(ctx)))
    assert prepared.stream is not None
    stream: EnrichEvents = prepared.stream
    return guarded(name, channel, ctx, stderr, lambda: _stream(channel, ctx, stream))


def main(name: str) -> None:
    """The entry scripts' ``main``: runs the command on the process's stdin and stdout, exits with its status."""
    sys.exit(run(name, sys.stdin.buffer, sys.stdout.buffer, sys.stderr))
