"""A streaming test command: ``... | standinstream [field=<f>] [only=<f>] [stop_after=<chunks>] [type=<type>]``.

Each record comes back with ``upper`` (the values of ``field`` in upper case), ``chunk`` (which request
it came in, from 1), ``chunk_size`` (records in that request) and ``received`` (the fields it came with).
``only`` asks splunkd for that field alone (``required_fields``); ``stop_after`` answers ``finished`` after
that many requests.
"""

import sys
from typing import Any, Dict, List

from standin_chunks import Record, options, read_chunk, read_records, streams, write_chunk, write_records


def main() -> int:
    stdin, stdout = streams()
    getinfo = read_chunk(stdin)
    if getinfo is None:
        return 1
    opts = options(getinfo[0]["searchinfo"]["args"])
    reply: Dict[str, Any] = {"type": opts.get("type", "streaming")}
    if "only" in opts:
        reply["required_fields"] = [opts["only"]]
    write_chunk(stdout, reply)

    field = opts.get("field", "_raw")
    stop_after = int(opts.get("stop_after", "0"))
    requests = 0
    while True:
        chunk = read_chunk(stdin)
        if chunk is None:
            return 0
        metadata, body = chunk
        requests += 1
        records = read_records(body)
        out: List[Record] = []
        for record in records:
            value = record.get(field)
            values = value if isinstance(value, list) else ([] if value is None else [value])
            record["upper"] = [v.upper() for v in values] or [""]
            record["chunk"] = str(requests)
            record["chunk_size"] = str(len(records))
            record["received"] = sorted(name for name in record if name not in ("upper", "chunk", "chunk_size"))
            out.append(record)
        finished = bool(metadata.get("finished")) or (stop_after > 0 and requests >= stop_after)
        write_chunk(stdout, {"finished": finished}, write_records(out))
        if finished:
            return 0


if __name__ == "__main__":
    sys.exit(main())
