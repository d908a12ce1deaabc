/**
 * The framing of the custom search command protocol version 2 ("chunked"), in both directions:
 *
 * ```
 * chunked 1.0,<metadata bytes>,<body bytes>\n<metadata JSON><body>
 * ```
 *
 * The two lengths count bytes of the UTF-8 encoding. The metadata is one JSON object (or nothing, when
 * its length is 0); the body is CSV text (or nothing). splunkd writes one chunk per request and reads
 * exactly one chunk per reply. Commands often write a newline after a chunk (the Python SDK does after
 * its getinfo reply), so white space before a header is skipped, as splunkd does.
 */

/** One chunk: its metadata object and its body. */
export interface Chunk {
    readonly metadata: Readonly<Record<string, unknown>>;
    readonly body: Buffer;
}

/** A chunk that does not follow the framing (bad header, lengths, JSON, or too large). */
export class ChunkProtocolError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ChunkProtocolError';
    }
}

const HEADER = /^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;
const PREFIX = Buffer.from('chunked', 'latin1');
/** A header line longer than this cannot be a transport header. */
const MAX_HEADER_BYTES = 256;

function isSpace(byte: number): boolean {
    return byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x09;
}

/**
 * Encodes one chunk.
 * @param metadata the metadata object; an empty object is still written as `{}`
 * @param body the body (CSV text), empty by default
 * @example encodeChunk({ action: 'execute', finished: true }) // 'chunked 1.0,36,0\n{"action":"execute","finished":true}'
 */
export function encodeChunk(metadata: Readonly<Record<string, unknown>>, body: string | Buffer = ''): Buffer {
    const meta = Buffer.from(JSON.stringify(metadata), 'utf8');
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return Buffer.concat([Buffer.from(`chunked 1.0,${meta.length},${data.length}\n`, 'latin1'), meta, data]);
}

/** Parses a metadata payload: empty means `{}`; anything else must be a JSON object. */
export function parseMetadata(bytes: Buffer): Record<string, unknown> {
    if (bytes.length === 0) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
        throw new ChunkProtocolError(
            `Failed to parse metadata of length ${bytes.length}: ${error instanceof Error ? error.message : String(error)}`
        );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new ChunkProtocolError(`The metadata of length ${bytes.length} is not a JSON object`);
    return parsed as Record<string, unknown>;
}

/**
 * Reads chunks from a byte stream that arrives in pieces (a process's stdout).
 * @example
 * const decoder = new ChunkDecoder();
 * decoder.push(Buffer.from('chunked 1.0,19,0\n{"type":"streaming"}')); // [{ metadata: { type: 'streaming' }, body: <empty> }]
 */
export class ChunkDecoder {
    private buffer: Buffer = Buffer.alloc(0);

    /**
     * @param maxChunkSize the largest metadata plus body accepted, in bytes (commands.conf `maxchunksize`); 0 for any
     */
    constructor(private readonly maxChunkSize = 0) {}

    /** True when bytes of an incomplete chunk are waiting for the rest. */
    get pending(): boolean {
        return this.buffer.some((byte) => !isSpace(byte));
    }

    /** The bytes received but not yet part of a chunk (for logging what a command wrote). */
    get unread(): Buffer {
        return this.buffer;
    }

    /** Adds bytes; returns every chunk they complete. Throws {@link ChunkProtocolError} on bad framing. */
    push(data: Buffer): Chunk[] {
        this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
        const chunks: Chunk[] = [];
        for (;;) {
            const chunk = this.next();
            if (!chunk) return chunks;
            chunks.push(chunk);
        }
    }

    private next(): Chunk | undefined {
        let start = 0;
        while (start < this.buffer.length && isSpace(this.buffer[start] ?? 0)) start++;
        const seen = this.buffer.subarray(start, start + PREFIX.length);
        if (!PREFIX.subarray(0, seen.length).equals(seen)) throw this.badHeader(start);
        const newline = this.buffer.indexOf(0x0a, start);
        if (newline < 0) {
            if (this.buffer.length - start > MAX_HEADER_BYTES) throw this.badHeader(start);
            return undefined;
        }
        const header = this.buffer.subarray(start, newline).toString('latin1');
        const match = HEADER.exec(header);
        if (!match?.[1] || !match[2]) throw this.badHeader(start);
        const metaLength = Number(match[1]);
        const bodyLength = Number(match[2]);
        if (!Number.isSafeInteger(metaLength) || !Number.isSafeInteger(bodyLength)) throw this.badHeader(start);
        if (this.maxChunkSize > 0 && metaLength + bodyLength > this.maxChunkSize) {
            throw new ChunkProtocolError(
                `Chunk of ${metaLength + bodyLength} bytes is larger than maxchunksize=${this.maxChunkSize}`
            );
        }
        const end = newline + 1 + metaLength + bodyLength;
        if (this.buffer.length < end) return undefined;
        const metadata = parseMetadata(this.buffer.subarray(newline + 1, newline + 1 + metaLength));
        const body = Buffer.from(this.buffer.subarray(newline + 1 + metaLength, end));
        this.buffer = this.buffer.subarray(end);
        return { metadata, body };
    }

    private badHeader(start: number): ChunkProtocolError {
        const line =
            this.buffer
                .subarray(start, start + 80)
                .toString('utf8')
                .split('\n')[0] ?? '';
        return new ChunkProtocolError(`Failed to parse transport header: ${JSON.stringify(line)}`);
    }
}
