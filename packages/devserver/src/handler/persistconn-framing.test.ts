import { encodeRequestPacket, LengthPrefixedDecoder, PERSISTCONN_OPCODE } from './persistconn-framing';
import { PersistentHandlerError } from './persistent-handler-error';

describe('encodeRequestPacket', () => {
    it('writes one INIT|BLOCK|END packet with byte-counted strings', () => {
        const packet = encodeRequestPacket({ argv: ['/b/h.py', 'é'], commandArg: 'p', block: '{"a":"ü"}' });
        expect(packet[0]).toBe(PERSISTCONN_OPCODE.INIT | PERSISTCONN_OPCODE.BLOCK | PERSISTCONN_OPCODE.END);
        expect(packet.subarray(1).toString('utf8')).toBe('2\n7\n/b/h.py2\né1\np10\n{"a":"ü"}');
    });

    it('writes an empty command arg as a zero-length string', () => {
        const packet = encodeRequestPacket({ argv: ['/h.py'], commandArg: '', block: Buffer.from([0, 1]) });
        expect([...packet]).toEqual([7, ...Buffer.from('1\n5\n/h.py0\n2\n'), 0, 1]);
    });
});

describe('LengthPrefixedDecoder', () => {
    it('splits strings however the chunks fall, newlines between strings skipped', () => {
        const wire = Buffer.from('0\n5\nhello\n3\nabc14\n{"status":200}');
        const decoder = new LengthPrefixedDecoder();
        const strings: string[] = [];
        for (const byte of wire) strings.push(...decoder.push(Buffer.from([byte])).map((b) => b.toString()));
        expect(strings).toEqual(['', 'hello', 'abc', '{"status":200}']);
        expect(decoder.midString).toBe(false);
    });

    it('returns several strings from one chunk and keeps a partial one', () => {
        const decoder = new LengthPrefixedDecoder();
        expect(decoder.push(Buffer.from('1\na2\nbc4\nde')).map(String)).toEqual(['a', 'bc']);
        expect(decoder.midString).toBe(true);
        expect(decoder.push(Buffer.from('fg')).map(String)).toEqual(['defg']);
    });

    it('counts bytes, not characters', () => {
        const decoder = new LengthPrefixedDecoder();
        expect(decoder.push(Buffer.from('2\né')).map((b) => b.toString('utf8'))).toEqual(['é']);
    });

    it.each(['x\n', 'Traceback (most recent call last):\n', '-1\n', '1234567890123'])(
        'throws a protocol error for %j',
        (wire) => {
            const decoder = new LengthPrefixedDecoder();
            expect(() => decoder.push(Buffer.from(wire))).toThrow(
                expect.objectContaining({ kind: 'protocol' }) as PersistentHandlerError
            );
        }
    );
});
