"""What every search command's conversation with splunkd shares: the getinfo answers of a generating and a
streaming command, results in chunks of at most ``maxresultrows``, and the guard around a command that turns its
failures into the search's error (a ``Fatal`` as it is, anything unexpected as a short message) and never writes a
traceback, the session key or any secret to the search, its log or stderr."""

from typing import IO, Callable, List, Optional

from ..chunked import Channel, ProtocolError, SearchInfo
from . import records as out
from .endpoint import EndpointUnreachable
from .search_context import Context, Fatal

GENERATING = {"type": "reporting", "generating": True}
STREAMING = {"type": "streaming", "generating": False, "distributed": False}


def log(stderr: IO[str], text: str) -> None:
    """A line for the search's log (splunkd keeps the command's stderr there)."""
    try:
        stderr.write("passivetotal %s\n" % text)
        stderr.flush()
    except (OSError, ValueError):
        pass


def unexpected(error: BaseException) -> str:
    """An unexpected error's type and the file and line where it was raised, without its text or traceback."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = ""
    if tb is not None:
        where = " at %s:%d" % (tb.tb_frame.f_code.co_filename.rsplit("/", 1)[-1], tb.tb_lineno)
    return "%s%s" % (type(error).__name__, where)


def answer_in_chunks(channel: Channel, ctx: Context, info: SearchInfo,
                     produce: Callable[[], List[out.OutRecord]]) -> int:
    """Answers splunkd's execute requests with the results ``produce`` gives when first asked, in chunks of
    ``maxresultrows``."""
    pending: Optional[List[out.OutRecord]] = None
    while True:
        request = channel.read_execute()
        if request is None:
            return 0
        if pending is None:
            pending = produce()
        piece, pending = pending[: info.maxresultrows], pending[info.maxresultrows:]
        done = not pending
        channel.reply(piece, done, ctx.take_messages())
        if done:
            return 0


def guarded(name: str, channel: Channel, ctx: Context, stderr: IO[str], answer: Callable[[], int],
            unreachable: Optional[str] = None) -> int:
    """The command's answer (its exit status), or its failure as the search's error and status 1: ``Fatal`` says
    what it says, ``unreachable`` (when given) is the error for a splunkd that cannot be reached, a broken
    conversation only goes to the log."""
    try:
        return answer()
    except Fatal as error:
        channel.reply([], True, ctx.take_messages(), error=str(error))
        return 1
    except ProtocolError as error:
        log(stderr, "%s: %s" % (name, error))
        return 1
    # The last guard: a message for the search, never a traceback.
    except Exception as error:  # pylint: disable=broad-exception-caught
        if unreachable is not None and isinstance(error, EndpointUnreachable):
            channel.reply([], True, ctx.take_messages(), error=unreachable)
            return 1
        log(stderr, "%s: unexpected %s" % (name, unexpected(error)))
        try:
            channel.reply([], True, ctx.take_messages(), error="Internal error in the PassiveTotal command (%s); the "
                          "search's log has the details." % type(error).__name__)
        except (OSError, ValueError):
            pass
        return 1
