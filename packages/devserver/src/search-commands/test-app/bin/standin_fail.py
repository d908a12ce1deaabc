"""A test command that fails on purpose: ``| standinfail mode=<mode>``.

Modes: ``exit_getinfo`` (exits with code 3 before answering getinfo), ``exit_execute`` (exits with code 1
after getinfo), ``garbage`` (prints text instead of a chunk), ``error_getinfo`` / ``error_execute`` (an
``error`` in the metadata), ``sleep`` (answers getinfo, writes its process id to
``$SPLUNK_HOME/var/run/standin_fail.pid``, then sleeps far longer than any limit),
``stderr`` (writes to stderr, then answers normally with one record), ``exit_after_finished``
(answers ``finished`` with one record, then exits with code 2).
The first ``command.arg`` of the commands.conf stanza, when there is one, is the default mode.
"""

import os
import sys
import time
from typing import Any, Dict

from standin_chunks import options, read_chunk, streams, write_chunk, write_records


def main() -> int:
    stdin, stdout = streams()
    getinfo = read_chunk(stdin)
    if getinfo is None:
        return 1
    default = sys.argv[1] if len(sys.argv) > 1 else "exit_execute"
    mode = options(getinfo[0]["searchinfo"]["args"]).get("mode", default)
    if mode == "exit_getinfo":
        return 3
    if mode == "garbage":
        stdout.write(b"hello from a print statement\n")
        stdout.flush()
        time.sleep(5)
        return 0
    if mode == "error_getinfo":
        write_chunk(stdout, {"finished": True, "error": "The argument mode=error_getinfo is refused."})
        return 1
    reply: Dict[str, Any] = {"type": "events", "generating": True}
    write_chunk(stdout, reply)
    if mode == "stderr":
        sys.stderr.write("a line for search.log\n")
        sys.stderr.flush()
    if read_chunk(stdin) is None:
        return 1
    if mode == "exit_execute":
        return 1
    if mode == "sleep":
        with open(os.path.join(os.environ["SPLUNK_HOME"], "var", "run", "standin_fail.pid"), "w") as pid:
            pid.write(str(os.getpid()))
        time.sleep(60)
        return 0
    if mode == "error_execute":
        write_chunk(
            stdout,
            {"finished": True, "inspector": {"messages": [["WARN", "before the error"]]}, "error": "Lookup failed."},
        )
        return 1
    write_chunk(stdout, {"finished": True}, write_records([{"mode": mode}]))
    if mode == "exit_after_finished":
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
