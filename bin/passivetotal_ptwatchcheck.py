"""| ptwatchcheck: the scheduled check of the watched indicators (README.md, "Watching indicators").

splunkd runs this file for the command ptwatchcheck (default/commands.conf, chunked protocol); the command itself
lives in passivetotal_app.commands.watchcheck.
"""

import os
import sys

sys.dont_write_bytecode = True
_BIN = os.path.dirname(os.path.abspath(__file__))
if _BIN not in sys.path:
    sys.path.insert(0, _BIN)

from passivetotal_app.commands.watchcheck import run  # noqa: E402

if __name__ == "__main__":
    sys.exit(run(sys.stdin.buffer, sys.stdout.buffer, sys.stderr))
