"""The custom search command protocol v2 ("chunked") module, on exchanges composed from the protocol as splunkd
speaks it: getinfo with searchinfo, execute chunks with CSV bodies and ``__mv_`` columns, replies with
``finished`` and inspector messages."""

import io
import json
import unittest

from test_commands_support import execute, getinfo, replies

from passivetotal_app import chunked
from passivetotal_app.chunked import Channel, Message, ProtocolError

# splunkd's getinfo for `| generateevents` on Splunk 8.2 (a public recording), byte for byte.
RECORDED_GETINFO = (
    b'chunked 1.0,709,0\n{"action":"getinfo","preview":false,"streaming_command_will_restart":false,"searchinfo":'
    b'{"args":[],"raw_args":[],"dispatch_dir":"C:\\\\Program Files\\\\Splunk\\\\var\\\\run\\\\splunk\\\\dispatch\\\\'
    b'1629787812.122","sid":"1629787812.122","app":"CustomSearchCommandExamples","owner":"admin","username":"admin",'
    b'"session_key":"JpsitbdlKdI5WMFTHzmPKxNT8vbg^TxEVvknN^u4YcDgqFvdtQGHmkU9sHcXKOO4U2Jm^bWpuwcUGJDfXQLA5FL7AK90oFWx'
    b'KHdGuepVVP6G1xKCXDVXXWL","splunkd_uri":"https://127.0.0.1:8089","splunk_version":"8.2.1","search":"%7C%20'
    b'generateevents%20%20%7C%20head%20100%20%7C%20export%20add_timestamp%3Df%20add_offset%3Dt%20segmentation%3Draw",'
    b'"command":"generateevents","maxresultrows":50000,"earliest_time":"0","latest_time":"0"}}'
)


class FramingTest(unittest.TestCase):
    def test_reads_splunkds_recorded_getinfo(self) -> None:
        chunk = chunked.read_chunk(io.BytesIO(RECORDED_GETINFO))
        self.assertEqual(chunk.body, b"")
        info = chunked.search_info(chunk.metadata)
        self.assertEqual(info.command, "generateevents")
        self.assertEqual(info.splunkd_uri, "https://127.0.0.1:8089")
        self.assertEqual((info.username, info.app, info.sid),
                         ("admin", "CustomSearchCommandExamples", "1629787812.122"))
        self.assertEqual((info.earliest_time, info.latest_time, info.maxresultrows), (None, None, 50000))
        self.assertTrue(info.session_key.startswith("Jpsitbdl"))
        self.assertNotIn("Jpsitbdl", repr(info))

    def test_lengths_count_bytes_not_characters(self) -> None:
        body = chunked.write_records([{"name": "b\u00fccher.example", "note": "\u2603"}])
        frame = chunked.encode_chunk({"finished": True, "inspector": {"messages": [["INFO", "caf\u00e9"]]}}, body)
        header, rest = frame.split(b"\n", 1)
        _, lengths = header.split(b" ")
        metadata_length, body_length = (int(n) for n in lengths.split(b",")[1:])
        self.assertEqual(metadata_length + body_length, len(rest))
        self.assertEqual(body_length, len(body))
        again = chunked.read_chunk(io.BytesIO(frame))
        self.assertEqual(again.metadata["inspector"]["messages"], [["INFO", "caf\u00e9"]])
        self.assertEqual(chunked.read_records(again.body), [{"name": "b\u00fccher.example", "note": "\u2603"}])

    def test_the_reply_splunk_expects_for_a_finished_chunk(self) -> None:
        self.assertEqual(chunked.encode_chunk({"finished": True}), b'chunked 1.0,17,0\n{"finished":true}')

    def test_blank_lines_between_chunks_are_skipped_and_the_end_is_none(self) -> None:
        stream = io.BytesIO(b"\n" + execute([], False) + b"\r\n\n" + execute([], True))
        self.assertFalse(chunked.read_chunk(stream).metadata["finished"])
        self.assertTrue(chunked.read_chunk(stream).metadata["finished"])
        self.assertIsNone(chunked.read_chunk(stream))

    def test_broken_frames_are_protocol_errors(self) -> None:
        for frame in (
            b"chunked 2.0,2,0\n{}",
            b"hello\n",
            b"chunked 1.0,10,0\n{}",  # the stream ends inside the metadata
            b"chunked 1.0,2,5\n{}abc",  # ... inside the body
            b"chunked 1.0,3,0\nabc",  # metadata that is not JSON
            b"chunked 1.0,2,0\n[]",  # JSON that is not an object
        ):
            with self.subTest(frame=frame):
                with self.assertRaises(ProtocolError):
                    chunked.read_chunk(io.BytesIO(frame))


class MultivalueTest(unittest.TestCase):
    def test_encoding_doubles_dollars_and_round_trips(self) -> None:
        values = ["plain", "co$t", "$$", "", "a;b", "line\nbreak"]
        encoded = chunked.encode_multivalue(values)
        self.assertEqual(encoded, "$plain$;$co$$t$;$$$$$$;$$;$a;b$;$line\nbreak$")
        self.assertEqual(chunked.decode_multivalue(encoded), values)

    def test_splunks_form(self) -> None:
        self.assertEqual(chunked.decode_multivalue("$riskiq$;$pingly$"), ["riskiq", "pingly"])


class RecordsTest(unittest.TestCase):
    def test_reads_splunks_csv_with_mv_columns_and_chunked_idx(self) -> None:
        body = (
            b'age,"_chunked_idx","__mv_age","__mv__chunked_idx",tags,__mv_tags\n'
            b"66,0,,,,\n"
            b'18,1,,,"a\nb",$a$;$b$\n'
            b'25,2,,,"x",$x$\n'
        )
        self.assertEqual(
            chunked.read_records(body),
            [
                {"age": "66", "_chunked_idx": "0"},
                {"age": "18", "_chunked_idx": "1", "tags": ["a", "b"]},
                {"age": "25", "_chunked_idx": "2", "tags": "x"},
            ],
        )

    def test_header_only_and_empty_bodies_have_no_records(self) -> None:
        self.assertEqual(chunked.read_records(b""), [])
        self.assertEqual(chunked.read_records(b'"_time",data,"__mv__time","__mv_data"\n'), [])

    def test_writes_fields_in_first_seen_order_with_mv_columns_only_where_needed(self) -> None:
        body = chunked.write_records(
            [
                {"resolve": "203.0.113.77", "sources": ["riskiq", "pingly"], "count": 9},
                {"resolve": "a,b \"quoted\"", "sources": "riskiq", "extra": True, "none": None, "empty": []},
                {"ratio": 0.5, "whole": 3.0},
            ]
        )
        self.assertEqual(
            body.decode(),
            "resolve,sources,count,extra,ratio,whole,__mv_sources\r\n"
            '203.0.113.77,"riskiq\npingly",9,,,,$riskiq$;$pingly$\r\n'
            '"a,b ""quoted""",riskiq,,true,,,\r\n'
            ",,,,0.5,3,\r\n",
        )
        self.assertEqual(
            chunked.read_records(body),
            [
                {"resolve": "203.0.113.77", "sources": ["riskiq", "pingly"], "count": "9"},
                {"resolve": 'a,b "quoted"', "sources": "riskiq", "extra": "true"},
                {"ratio": "0.5", "whole": "3"},
            ],
        )

    def test_no_records_is_an_empty_body(self) -> None:
        self.assertEqual(chunked.write_records([]), b"")


class ConversationTest(unittest.TestCase):
    def test_a_generating_exchange(self) -> None:
        instream = io.BytesIO(getinfo("ptpdns", ["query=evil.example"]) + execute([], True))
        outstream = io.BytesIO()
        channel = Channel(instream, outstream)
        info = channel.read_getinfo()
        self.assertEqual(info.args, ("query=evil.example",))
        channel.reply_getinfo({"type": "reporting", "generating": True})
        request = channel.read_execute()
        self.assertEqual((request.records, request.finished), ([], True))
        channel.reply([{"resolve": "203.0.113.77"}], True, [Message("WARN", "PassiveTotal quota exceeded")])
        self.assertIsNone(channel.read_execute())
        chunks = replies(outstream.getvalue())
        self.assertEqual(chunks[0].metadata, {"type": "reporting", "generating": True})
        self.assertEqual(
            chunks[1].metadata, {"finished": True, "inspector": {"messages": [["WARN", "PassiveTotal quota exceeded"]]}}
        )
        self.assertEqual(chunks[1].body, b"resolve\r\n203.0.113.77\r\n")

    def test_a_streaming_exchange_passes_every_field_back(self) -> None:
        events = [{"dest_ip": "203.0.113.77", "_chunked_idx": "0", "_raw": "a,b"}, {"_chunked_idx": "1"}]
        instream = io.BytesIO(getinfo("ptenrich", ["field=dest_ip"]) + execute(events, False) + execute([], True))
        outstream = io.BytesIO()
        channel = Channel(instream, outstream)
        channel.read_getinfo()
        channel.reply_getinfo({"type": "streaming"})
        first = channel.read_execute()
        self.assertEqual((first.records, first.finished), (events, False))
        channel.reply([dict(r, seen="yes") for r in first.records], False)
        last = channel.read_execute()
        channel.reply(last.records, last.finished)
        chunks = replies(outstream.getvalue())
        self.assertEqual([c.metadata for c in chunks[1:]], [{"finished": False}, {"finished": True}])
        self.assertEqual(chunked.read_records(chunks[1].body), [dict(e, seen="yes") for e in events])
        self.assertEqual(chunks[2].body, b"")

    def test_a_command_that_cannot_run_says_so_in_the_error_member(self) -> None:
        outstream = io.BytesIO()
        channel = Channel(io.BytesIO(), outstream)
        channel.reply_getinfo({"type": "reporting", "generating": True}, error="query= is needed")
        channel.reply([], False, [Message("WARN", "first")], error="stopped")
        chunks = replies(outstream.getvalue())
        self.assertEqual(chunks[0].metadata,
                         {"type": "reporting", "generating": True, "finished": True, "error": "query= is needed"})
        self.assertEqual(chunks[1].metadata,
                         {"finished": True, "error": "stopped", "inspector": {"messages": [["WARN", "first"]]}})

    def test_getinfo_must_come_first(self) -> None:
        with self.assertRaises(ProtocolError):
            Channel(io.BytesIO(execute([], True)), io.BytesIO()).read_getinfo()
        with self.assertRaises(ProtocolError):
            Channel(io.BytesIO(b""), io.BytesIO()).read_getinfo()

    def test_time_range_and_limits_of_searchinfo(self) -> None:
        metadata = json.loads(getinfo("ptpdns", [], "1764460800.000", "1764547200.000", 1000).split(b"\n", 1)[1])
        info = chunked.search_info(metadata)
        self.assertEqual((info.earliest_time, info.latest_time, info.maxresultrows), (1764460800.0, 1764547200.0, 1000))


if __name__ == "__main__":
    unittest.main()
