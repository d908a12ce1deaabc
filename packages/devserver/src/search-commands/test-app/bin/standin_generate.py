"""A generating test command: ``| standingen [count=<n>] [per_chunk=<n>] [delay=<s>] [type=<type>] [show=records|searchinfo|whoami]``.

- ``show=records`` (the default): ``count`` records with ``_time``, ``_raw``, ``n``, a multivalue ``tags``
  and a ``note`` holding a comma, a quote and a newline; ``per_chunk`` records per reply, each reply after
  the first ``delay`` seconds later.
- ``show=searchinfo``: one record with what the getinfo exchange told the command.
- ``show=whoami``: one record with what splunkd says about the session key the command got.
- ``messages=yes``: inspector messages in the getinfo reply (INFO, and an ERROR splunkd refuses there) and
  in the first execute reply (INFO, WARN, ERROR).
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List

from standin_chunks import Record, options, read_chunk, streams, write_chunk, write_records


def whoami(info: Dict[str, Any]) -> Record:
    url = info["splunkd_uri"] + "/services/authentication/current-context?output_mode=json"
    request = urllib.request.Request(url, headers={"Authorization": "Splunk " + info["session_key"]})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            content = json.loads(response.read().decode("utf-8"))["entry"][0]["content"]
    except urllib.error.HTTPError as error:
        return {"status": str(error.code)}
    return {
        "status": "200",
        "user": content["username"],
        "roles": list(content["roles"]),
        "can_query": "yes" if "passivetotal_query" in content["capabilities"] else "no",
    }


def searchinfo_record(info: Dict[str, Any]) -> Record:
    return {
        "args": list(info["args"]) or [""],
        "raw_args": list(info["raw_args"]) or [""],
        "earliest_time": str(info["earliest_time"]),
        "latest_time": str(info["latest_time"]),
        "username": info["username"],
        "owner": info["owner"],
        "app": info["app"],
        "sid": info["sid"],
        "command": info["command"],
        "search": info["search"],
        "splunkd_uri": info["splunkd_uri"],
        "session_key_length": str(len(info["session_key"])),
        "dispatch_dir_exists": "yes" if os.path.isdir(info["dispatch_dir"]) else "no",
        "cwd_is_dispatch_dir": "yes" if os.path.samefile(os.getcwd(), info["dispatch_dir"]) else "no",
        "splunk_home": os.environ.get("SPLUNK_HOME", ""),
    }


def main() -> int:
    stdin, stdout = streams()
    getinfo = read_chunk(stdin)
    if getinfo is None:
        return 1
    info = getinfo[0]["searchinfo"]
    opts = options(info["args"])
    reply: Dict[str, Any] = {"type": opts.get("type", "events"), "generating": True}
    if opts.get("messages") == "yes":
        reply["inspector"] = {"messages": [["INFO", "standingen is ready"], ["ERROR", "not allowed in getinfo"]]}
    write_chunk(stdout, reply)
    stdout.write(b"\n")

    show = opts.get("show", "records")
    if show == "searchinfo":
        records: List[Record] = [searchinfo_record(info)]
    elif show == "whoami":
        records = [whoami(info)]
    else:
        records = [
            {
                "_time": str(1764324000 + n),
                "_raw": "generated event %d" % n,
                "n": str(n),
                "tags": ["t$%d" % n, "shared"],
                "note": 'a, "quoted"\nsecond line',
            }
            for n in range(int(opts.get("count", "3")))
        ]
    per_chunk = int(opts.get("per_chunk", "0")) or max(len(records), 1)
    delay = float(opts.get("delay", "0"))
    first = True
    while True:
        chunk = read_chunk(stdin)
        if chunk is None:
            return 0
        if not first and delay:
            time.sleep(delay)
        batch, records = records[:per_chunk], records[per_chunk:]
        metadata: Dict[str, Any] = {"finished": not records}
        if first and opts.get("messages") == "yes":
            metadata["inspector"] = {
                "messages": [["INFO", "generated %d records" % len(batch)], ["WARN", "this is a warning"],
                             ["ERROR", "this is an error"]]
            }
        first = False
        write_chunk(stdout, metadata, write_records(batch))
        if not records:
            return 0


if __name__ == "__main__":
    sys.exit(main())
