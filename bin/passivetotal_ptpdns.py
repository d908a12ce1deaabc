"""| ptpdns: passive DNS of a domain or IP address (version 1.0.4's command).

splunkd runs this file for the command ptpdns (default/commands.conf, chunked protocol); the command itself lives in
passivetotal_app.commands (README.md, "Search commands").
"""

import sys

sys.dont_write_bytecode = True  # nothing of the package is cached in the app's folder

# splunkd runs this file as a script, so its folder (bin/) is first on sys.path and the package imports from there.
from passivetotal_app.commands.main import main  # noqa: E402  pylint: disable=wrong-import-position

if __name__ == "__main__":
    main("ptpdns")
