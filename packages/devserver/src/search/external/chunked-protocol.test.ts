/**
 * The chunked protocol's framing, CSV bodies and arguments, on recorded exchanges (./recorded): what the
 * stand-in wrote to the test commands of src/search-commands/test-app, and what they answered.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Row } from '../field-value';
import { ChunkDecoder, ChunkProtocolError, encodeChunk, type Chunk } from './chunked-framing';
import { decodeMultivalue, decodeRecords, encodeMultivalue, encodeRecords, parseCsv } from './chunked-csv';
import { splitCommandArgs } from './command-args';
import { getinfoMetadata } from './external-command';
import type { ExternalRunContext } from './external-types';

const recorded = (name: string): Buffer => readFileSync(path.join(__dirname, 'recorded', name));

/** Decodes a byte stream that arrives in pieces of the given sizes (then the rest). */
function decodeInPieces(bytes: Buffer, sizes: number[], decoder = new ChunkDecoder()): Chunk[] {
    const chunks: Chunk[] = [];
    let at = 0;
    for (const size of sizes) {
        chunks.push(...decoder.push(bytes.subarray(at, at + size)));
        at += size;
    }
    chunks.push(...decoder.push(bytes.subarray(at)));
    return chunks;
}

const CONTEXT: ExternalRunContext = {
    sid: '1795860930.7',
    app: 'search',
    owner: 'analyst',
    username: 'analyst',
    sessionKey: 'Xq3l1uXkR2w9Qd7s0cT8bV5nE4yHfJ6mA1zP0oK9iU8rL7eW3gD2',
    splunkdUri: 'http://127.0.0.1:8089',
    dispatchDir: '/tmp/dispatch/1795860930.7',
    splunkVersion: '10.4.2',
    env: {},
    chunkRows: 3,
    replyTimeoutMs: 1000,
    log: () => undefined,
};

const EVENTS: Row[] = [
    new Map<string, string | number | string[]>([
        ['_time', 1795860870],
        ['_raw', 'GET http://evil.example/a b'],
        ['dest', 'evil.example'],
        ['tags', ['c2', 'price$list']],
    ]),
    new Map<string, string | number | string[]>([
        ['_time', 1795860869.5],
        ['_raw', 'résumé "quoted", line\nnext'],
        ['dest', '198.51.100.7'],
    ]),
    new Map<string, string | number | string[]>([
        ['_time', 1795860868],
        ['_raw', 'no dest here'],
    ]),
    new Map<string, string | number | string[]>([
        ['_time', 1795860867],
        ['_raw', '_underscore'],
        ['dest', 'mail.example.org'],
    ]),
];

describe('what splunkd writes to a streaming command', () => {
    it('is the recorded exchange, byte for byte: getinfo with searchinfo, then the records in two chunks', () => {
        const fields = ['_time', '_raw', 'dest', 'tags'];
        const getinfo = getinfoMetadata('standinstream', splitCommandArgs('field=dest'), CONTEXT, {
            earliest: 1795774530,
            latest: 1795860930,
            searchText: 'search index=proxy | standinstream field=dest',
        });
        const written = Buffer.concat([
            encodeChunk(getinfo),
            encodeChunk({ action: 'execute', finished: false }, encodeRecords(EVENTS.slice(0, 3), fields)),
            encodeChunk({ action: 'execute', finished: true }, encodeRecords(EVENTS.slice(3), fields)),
        ]);
        expect(written.equals(recorded('stream.to-command'))).toBe(true);
    });

    it('counts bytes, not characters, in the header', () => {
        const chunks = new ChunkDecoder().push(recorded('stream.to-command'));
        expect(chunks).toHaveLength(3);
        const body = chunks[1]?.body.toString('utf8') ?? '';
        expect(body).toContain('résumé');
        expect(chunks[1]?.body.length).toBe(Buffer.byteLength(body));
        expect(body.length).toBeLessThan(chunks[1]?.body.length ?? 0);
    });

    it('reads back into the same records, multivalue fields, quotes and newlines included', () => {
        const [getinfo, first, last] = new ChunkDecoder().push(recorded('stream.to-command'));
        expect(getinfo?.metadata).toMatchObject({
            action: 'getinfo',
            preview: false,
            searchinfo: {
                args: ['field=dest'],
                raw_args: ['field=dest'],
                earliest_time: '1795774530',
                latest_time: '1795860930',
                session_key: CONTEXT.sessionKey,
                splunkd_uri: 'http://127.0.0.1:8089',
                command: 'standinstream',
                search: 'search%20index%3Dproxy%20%7C%20standinstream%20field%3Ddest',
            },
        });
        expect(first?.metadata).toEqual({ action: 'execute', finished: false });
        expect(last?.metadata).toEqual({ action: 'execute', finished: true });
        const records = decodeRecords(first?.body.toString('utf8') ?? '');
        expect(records.fields).toEqual(['_time', '_raw', 'dest', 'tags']);
        expect(records.rows.map((r) => Object.fromEntries(r))).toEqual([
            {
                _time: '1795860870',
                _raw: 'GET http://evil.example/a b',
                dest: 'evil.example',
                tags: ['c2', 'price$list'],
            },
            { _time: '1795860869.5', _raw: 'résumé "quoted", line\nnext', dest: '198.51.100.7' },
            { _time: '1795860868', _raw: 'no dest here' },
        ]);
    });
});

describe('what a command answers', () => {
    it('is read whatever pieces it arrives in, the newline after a chunk skipped', () => {
        const bytes = recorded('generate.from-command');
        for (const sizes of [[1, 1, 1, 5, 17, 3], [150], [bytes.length - 1], Array<number>(bytes.length).fill(1)]) {
            const chunks = decodeInPieces(bytes, sizes);
            expect(chunks.map((c) => c.metadata['finished'])).toEqual([undefined, false, true]);
        }
    });

    it('gives the getinfo reply, the inspector messages and the records of each reply', () => {
        const [getinfo, first, last] = new ChunkDecoder().push(recorded('generate.from-command'));
        expect(getinfo?.metadata).toEqual({
            type: 'events',
            generating: true,
            inspector: {
                messages: [
                    ['INFO', 'standingen is ready'],
                    ['ERROR', 'not allowed in getinfo'],
                ],
            },
        });
        expect(getinfo?.body.length).toBe(0);
        expect(first?.metadata['inspector']).toEqual({
            messages: [
                ['INFO', 'generated 2 records'],
                ['WARN', 'this is a warning'],
                ['ERROR', 'this is an error'],
            ],
        });
        const rows = [first, last].flatMap((c) => decodeRecords(c?.body.toString('utf8') ?? '').rows);
        expect(rows.map((r) => Object.fromEntries(r))).toEqual(
            [0, 1, 2].map((n) => ({
                _time: String(1764324000 + n),
                _raw: `generated event ${n}`,
                n: String(n),
                tags: [`t$${n}`, 'shared'],
                note: 'a, "quoted"\nsecond line',
            }))
        );
    });

    it('keeps the fields of a streaming command’s answer in column order, empty values left out', () => {
        const [, first, last] = new ChunkDecoder().push(recorded('stream.from-command'));
        const decoded = decodeRecords(first?.body.toString('utf8') ?? '');
        expect(decoded.fields).toEqual(['_time', '_raw', 'dest', 'tags', 'upper', 'chunk', 'chunk_size', 'received']);
        expect(Object.fromEntries(decoded.rows[2] ?? new Map())).toEqual({
            _time: '1795860868',
            _raw: 'no dest here',
            chunk: '1',
            chunk_size: '3',
            received: ['_raw', '_time'],
        });
        expect(Object.fromEntries(decodeRecords(last?.body.toString('utf8') ?? '').rows[0] ?? new Map())).toMatchObject(
            { dest: 'mail.example.org', upper: 'MAIL.EXAMPLE.ORG', chunk: '2', chunk_size: '1' }
        );
    });
});

describe('framing errors', () => {
    it('refuses output that is not a transport header as soon as it cannot become one', () => {
        expect(() => new ChunkDecoder().push(Buffer.from('hello'))).toThrow(ChunkProtocolError);
        expect(() => new ChunkDecoder().push(Buffer.from('chunked 2.0,1,0\n{'))).toThrow(
            /Failed to parse transport header/
        );
        expect(() => new ChunkDecoder().push(Buffer.from(`chunked${' '.repeat(300)}`))).toThrow(ChunkProtocolError);
    });

    it('refuses metadata that is not a JSON object', () => {
        expect(() => new ChunkDecoder().push(Buffer.from('chunked 1.0,3,0\n{x}'))).toThrow(/Failed to parse metadata/);
        expect(() => new ChunkDecoder().push(Buffer.from('chunked 1.0,2,0\n[]'))).toThrow(/not a JSON object/);
    });

    it('refuses a chunk larger than maxchunksize, before reading it', () => {
        expect(() => new ChunkDecoder(10).push(Buffer.from('chunked 1.0,6,6\n'))).toThrow(/maxchunksize=10/);
        expect(new ChunkDecoder(12).push(Buffer.from('chunked 1.0,7,5\n{"a":1}a,b\n1'))).toHaveLength(1);
    });

    it('waits for the rest of a chunk that has not fully arrived', () => {
        const decoder = new ChunkDecoder();
        expect(decoder.push(Buffer.from('chunked 1.0,2,3\n{}ab'))).toEqual([]);
        expect(decoder.pending).toBe(true);
        expect(decoder.push(Buffer.from('c'))).toEqual([{ metadata: {}, body: Buffer.from('abc') }]);
        expect(decoder.pending).toBe(false);
    });

    it('reads an empty metadata payload as an empty object', () => {
        expect(new ChunkDecoder().push(Buffer.from('chunked 1.0,0,0\n'))).toEqual([
            { metadata: {}, body: Buffer.alloc(0) },
        ]);
    });
});

describe('CSV bodies', () => {
    it('encode a multivalue field in both columns, and decode it back', () => {
        expect(encodeMultivalue(['a', 'b$c', ''])).toBe('$a$;$b$$c$;$$');
        expect(decodeMultivalue('$a$;$b$$c$;$$')).toEqual(['a', 'b$c', '']);
        expect(decodeMultivalue('not;a;list')).toBeUndefined();
        expect(encodeRecords([new Map([['ip', ['10.0.0.1', '10.0.0.2']]])], ['ip'])).toBe(
            'ip,"__mv_ip"\n"10.0.0.1\n10.0.0.2",$10.0.0.1$;$10.0.0.2$\n'
        );
    });

    it('read CRLF and LF rows, quoted commas, quotes and line breaks', () => {
        expect(parseCsv('a,b\r\n"x,1","say ""hi"""\r\n"two\r\nlines",\n')).toEqual([
            ['a', 'b'],
            ['x,1', 'say "hi"'],
            ['two\r\nlines', ''],
        ]);
    });

    it('use the plain column when the multivalue column is empty or malformed, and drop empty values', () => {
        const decoded = decodeRecords('a,__mv_a,b,__mv_b,c\n1,,,,3\n"x\ny",garbled,,$only$,\n');
        expect(decoded.rows.map((r) => Object.fromEntries(r))).toEqual([
            { a: '1', c: '3' },
            { a: 'x\ny', b: 'only' },
        ]);
    });

    it('take a field that only has a multivalue column', () => {
        expect(Object.fromEntries(decodeRecords('__mv_t\n$a$;$b$\n').rows[0] ?? new Map())).toEqual({ t: ['a', 'b'] });
    });

    it('write numbers as Splunk prints them, and no body without fields', () => {
        expect(encodeRecords([new Map([['n', 3]]), new Map([['n', 0.25]])], ['n'])).toBe('n,"__mv_n"\n3,\n0.25,\n');
        expect(encodeRecords([], [])).toBe('');
    });
});

describe('command arguments', () => {
    it('keep the quotes in raw_args and drop them in args', () => {
        expect(splitCommandArgs('query="evil example"  earliest=-30d "a \\"b\\" \\\\ \\w" x=\\w+')).toEqual({
            args: ['query=evil example', 'earliest=-30d', 'a "b" \\ \\w', 'x=\\w+'],
            rawArgs: ['query="evil example"', 'earliest=-30d', '"a \\"b\\" \\\\ \\w"', 'x=\\w+'],
        });
        expect(splitCommandArgs('   ')).toEqual({ args: [], rawArgs: [] });
    });
});
