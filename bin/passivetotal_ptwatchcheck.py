"""| ptwatchcheck: the scheduled check of the watched indicators (README.md, "Watching indicators").

splunkd runs this file for the command ptwatchcheck (default/commands.conf, chunked protocol); the command itself
lives in passivetotal_app.commands.watchcheck.
"""

import sys

sys.dont_write_bytecode = True  # nothing of the package is cached in the app's folder

# splunkd runs this file as a script, so its folder (bin/) is first on sys.path and the package imports from there.
from passivetotal_app.commands.watchcheck import run  # noqa: E402  pylint: disable=wrong-import-position

if __name__ == "__main__":
    sys.exit(run(sys.stdin.buffer, sys.stdout.buffer, sys.stderr))
