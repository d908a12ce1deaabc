/**
 * UUIDs for STIX identifiers: version 5 (SHA-1 of a namespace and a name, RFC 9562), so the same observable gets the
 * same id in every bundle, and version 4 (random) for objects that are new each time. SHA-1 is computed here,
 * synchronously, because the browser's `crypto.subtle` is asynchronous and not available on plain http.
 */

/** UTF-8 bytes of a text (lone surrogates as U+FFFD, as `TextEncoder` does). */
function utf8(text: string): Uint8Array {
    const out: number[] = [];
    for (const char of text) {
        let code = char.codePointAt(0) ?? 0xfffd;
        if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
        if (code < 0x80) out.push(code);
        else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
        else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
        else
            out.push(
                0xf0 | (code >> 18),
                0x80 | ((code >> 12) & 0x3f),
                0x80 | ((code >> 6) & 0x3f),
                0x80 | (code & 0x3f)
            );
    }
    return Uint8Array.from(out);
}

/** SHA-1 of bytes (FIPS 180-4). */
export function sha1(bytes: Uint8Array): Uint8Array {
    const bitLength = bytes.length * 8;
    const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) << 6);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(padded.length - 4, bitLength >>> 0);
    let h0 = 0x67452301;
    let h1 = 0xefcdab89;
    let h2 = 0x98badcfe;
    let h3 = 0x10325476;
    let h4 = 0xc3d2e1f0;
    const w = new Uint32Array(80);
    for (let offset = 0; offset < padded.length; offset += 64) {
        for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
        for (let i = 16; i < 80; i++) {
            const x = (w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0);
            w[i] = (x << 1) | (x >>> 31);
        }
        let a = h0;
        let b = h1;
        let c = h2;
        let d = h3;
        let e = h4;
        for (let i = 0; i < 80; i++) {
            const [f, k] =
                i < 20
                    ? [(b & c) | (~b & d), 0x5a827999]
                    : i < 40
                      ? [b ^ c ^ d, 0x6ed9eba1]
                      : i < 60
                        ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
                        : [b ^ c ^ d, 0xca62c1d6];
            const t = (((a << 5) | (a >>> 27)) + f + e + k + (w[i] ?? 0)) >>> 0;
            e = d;
            d = c;
            c = (b << 30) | (b >>> 2);
            b = a;
            a = t;
        }
        h0 = (h0 + a) >>> 0;
        h1 = (h1 + b) >>> 0;
        h2 = (h2 + c) >>> 0;
        h3 = (h3 + d) >>> 0;
        h4 = (h4 + e) >>> 0;
    }
    const out = new Uint8Array(20);
    const outView = new DataView(out.buffer);
    [h0, h1, h2, h3, h4].forEach((h, i) => outView.setUint32(i * 4, h));
    return out;
}

function format(bytes: Uint8Array): string {
    const hex = Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function parse(uuid: string): Uint8Array {
    const hex = uuid.replace(/-/g, '');
    return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/**
 * A version 5 UUID of `name` in `namespace`.
 *
 * @example uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com') // '2ed6657d-e927-568b-95e1-2665a8aea6a2'
 */
export function uuidV5(namespace: string, name: string): string {
    const nameBytes = utf8(name);
    const input = new Uint8Array(16 + nameBytes.length);
    input.set(parse(namespace));
    input.set(nameBytes, 16);
    const hash = sha1(input);
    hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
    hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
    return format(hash);
}

/** A random version 4 UUID. */
export function uuidV4(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
    const bytes = random(new Uint8Array(16));
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    return format(bytes);
}

/** SHA-1 of a text as hexadecimal (tests). */
export function sha1Hex(text: string): string {
    return Array.from(sha1(utf8(text)), (b) => b.toString(16).padStart(2, '0')).join('');
}
