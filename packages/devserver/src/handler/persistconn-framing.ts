import { PersistentHandlerError } from './persistent-handler-error';

/** Opcode bit flags of a packet of splunkd's persistconn protocol, as Splunk's `persistconn` package reads them. */
export const PERSISTCONN_OPCODE = { INIT: 0x01, BLOCK: 0x02, END: 0x04, ALLOW_STREAM: 0x08 } as const;

/** One whole request, as splunkd sends it: a single INIT|BLOCK|END packet. */
export interface PersistconnRequest {
    /** argv[0] is the script path, then the `script.arg.<N>` values. */
    argv: readonly string[];
    /** `script.param`; empty means none. */
    commandArg: string;
    /** The request JSON. */
    block: string | Buffer;
}

const NEWLINE = 0x0a;
const MAX_LENGTH_DIGITS = 12;

function lengthPrefixed(data: Buffer): Buffer[] {
    return [Buffer.from(`${data.length}\n`, 'latin1'), data];
}

/**
 * Encodes a request as one packet: the opcode byte `0x07`, then `<argc>\n`, each argv string and the
 * command arg as `<byte length>\n<bytes>`, then the block the same way.
 * @example encodeRequestPacket({ argv: ['/b/h.py'], commandArg: '', block: '{}' }) // "\x07" "1\n" "7\n/b/h.py" "0\n" "2\n{}"
 */
export function encodeRequestPacket(request: PersistconnRequest): Buffer {
    const { INIT, BLOCK, END } = PERSISTCONN_OPCODE;
    const block = typeof request.block === 'string' ? Buffer.from(request.block, 'utf8') : request.block;
    return Buffer.concat([
        Buffer.from([INIT | BLOCK | END]),
        Buffer.from(`${request.argv.length}\n`, 'latin1'),
        ...request.argv.flatMap((arg) => lengthPrefixed(Buffer.from(arg, 'utf8'))),
        ...lengthPrefixed(Buffer.from(request.commandArg, 'utf8')),
        ...lengthPrefixed(block),
    ]);
}

/**
 * Splits the driver's output into its length-prefixed strings (`<byte length>\n<bytes>`), however the
 * bytes arrive in chunks. Newlines between strings are skipped. Malformed input throws a `protocol` error.
 */
export class LengthPrefixedDecoder {
    private chunks: Buffer[] = [];
    private size = 0;
    private expected: number | undefined;

    /** Adds a chunk; returns the strings it completed, in order. */
    push(chunk: Buffer): Buffer[] {
        this.chunks.push(chunk);
        this.size += chunk.length;
        const complete: Buffer[] = [];
        for (;;) {
            if (this.expected === undefined && !this.readHeader()) break;
            if (this.expected === undefined || this.size < this.expected) break;
            const all = this.take();
            complete.push(all.subarray(0, this.expected));
            this.keep(all.subarray(this.expected));
            this.expected = undefined;
        }
        return complete;
    }

    /** Whether a string has been started but not finished. */
    get midString(): boolean {
        return this.expected !== undefined || this.size > 0;
    }

    private take(): Buffer {
        return this.chunks.length === 1 && this.chunks[0] ? this.chunks[0] : Buffer.concat(this.chunks);
    }

    private keep(rest: Buffer): void {
        this.chunks = rest.length > 0 ? [rest] : [];
        this.size = rest.length;
    }

    private readHeader(): boolean {
        let all = this.take();
        let start = 0;
        while (start < all.length && all[start] === NEWLINE) start += 1;
        all = all.subarray(start);
        this.keep(all);
        const end = all.indexOf(NEWLINE);
        if (end < 0) {
            if (all.length > MAX_LENGTH_DIGITS) throw this.malformed(all);
            return false;
        }
        const digits = all.subarray(0, end).toString('latin1');
        if (!/^\d{1,12}$/.test(digits)) throw this.malformed(all);
        this.expected = Number(digits);
        this.keep(all.subarray(end + 1));
        return true;
    }

    private malformed(data: Buffer): PersistentHandlerError {
        const sample = JSON.stringify(data.subarray(0, 40).toString('latin1'));
        return new PersistentHandlerError('protocol', `The handler driver wrote a malformed reply: ${sample}`);
    }
}
