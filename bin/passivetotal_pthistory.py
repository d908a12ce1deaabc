"""| pthistory: the team's recent investigations in the app.

splunkd runs this file for the command pthistory (default/commands.conf, chunked protocol); the command itself lives in
passivetotal_app.commands (README.md, "Search commands").
"""

import os
import sys

sys.dont_write_bytecode = True
_BIN = os.path.dirname(os.path.abspath(__file__))
if _BIN not in sys.path:
    sys.path.insert(0, _BIN)

from passivetotal_app.commands.main import main  # noqa: E402

if __name__ == "__main__":
    main("pthistory")
