"""Packet framing: what splunkd sends (opcode, argv, command_arg, block) and length-prefixed strings."""

import io
import unittest

import support  # noqa: F401  (puts the driver on sys.path)
from persistconn_driver import (
    OPCODE_BLOCK,
    OPCODE_END,
    OPCODE_INIT,
    Packet,
    ProtocolError,
    encode_packet,
    read_packet,
    read_string,
    write_string,
)


class FramingTest(unittest.TestCase):
    def test_a_whole_request_is_one_packet_with_init_block_and_end(self) -> None:
        data = encode_packet(["/a/b.py", "x"], "param", b'{"method":"GET"}')
        self.assertEqual(data[0], OPCODE_INIT | OPCODE_BLOCK | OPCODE_END)
        self.assertEqual(data[1:], b'2\n7\n/a/b.py1\nx5\nparam16\n{"method":"GET"}')

    def test_read_packet_parses_what_splunkd_sends(self) -> None:
        stream = io.BytesIO(b"\x07" + b"2\n7\n/a/b.py1\nx5\nparam3\nabc")
        self.assertEqual(read_packet(stream), Packet(7, ["/a/b.py", "x"], "param", b"abc"))
        self.assertIsNone(read_packet(stream))

    def test_an_empty_command_arg_means_none(self) -> None:
        packet = read_packet(io.BytesIO(encode_packet(["/s.py"], None, b"{}")))
        assert packet is not None
        self.assertIsNone(packet.command_arg)

    def test_newlines_before_the_opcode_are_skipped(self) -> None:
        stream = io.BytesIO(b"\n\n" + encode_packet(["/s.py"], None, b"1") + b"\n" + encode_packet(None, None, b"2"))
        first, second = read_packet(stream), read_packet(stream)
        assert first is not None and second is not None
        self.assertEqual((first.block, second.block), (b"1", b"2"))
        self.assertEqual(second.opcode, OPCODE_BLOCK | OPCODE_END)

    def test_strings_are_counted_in_bytes_not_characters(self) -> None:
        stream = io.BytesIO(encode_packet(["/tmp/\u00e9t\u00e9.py"], "\u2603", "caf\u00e9".encode("utf-8")))
        packet = read_packet(stream)
        assert packet is not None
        self.assertEqual(packet.argv, ["/tmp/\u00e9t\u00e9.py"])
        self.assertEqual(packet.command_arg, "\u2603")
        self.assertEqual(packet.block, "caf\u00e9".encode("utf-8"))

    def test_binary_blocks_survive(self) -> None:
        block = bytes(range(256)) * 3
        packet = read_packet(io.BytesIO(encode_packet(None, None, block)))
        assert packet is not None
        self.assertEqual(packet.block, block)

    def test_end_only_packet(self) -> None:
        self.assertEqual(read_packet(io.BytesIO(bytes([OPCODE_END]))), Packet(OPCODE_END, [], None, None))

    def test_malformed_input_is_a_protocol_error(self) -> None:
        for data in (b"\x07x\n", b"\x02" + b"5\nab", b"\x02" + b"-1\n", b"\x40", b"\x00", b"\x02" + b"9" * 20 + b"\n"):
            with self.subTest(data=data):
                with self.assertRaises(ProtocolError):
                    read_packet(io.BytesIO(data))

    def test_write_string_is_length_prefixed(self) -> None:
        out = io.BytesIO()
        write_string(out, b"")
        write_string(out, "h\u00e9".encode("utf-8"))
        self.assertEqual(out.getvalue(), b"0\n3\nh\xc3\xa9")
        out.seek(0)
        self.assertEqual((read_string(out), read_string(out)), (b"", "h\u00e9".encode("utf-8")))


if __name__ == "__main__":
    unittest.main()
