/** IPv4 / IPv6 address parsing and CIDR matching for `cidrmatch()` and `sort ip(...)`. */

/** Parses an IPv4 address to a 32-bit number, or undefined. */
export function parseIpv4(text: string): number | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
    if (!m) return undefined;
    const parts = m.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** Parses an IPv6 address (with `::` and an embedded IPv4 tail) to a 128-bit bigint, or undefined. */
export function parseIpv6(text: string): bigint | undefined {
    let t = text.trim().toLowerCase();
    if (!t.includes(':')) return undefined;
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
    if (v4?.[1] !== undefined) {
        const n = parseIpv4(v4[1]);
        if (n === undefined) return undefined;
        t = `${t.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
    }
    const halves = t.split('::');
    if (halves.length > 2) return undefined;
    const head = halves[0] ? halves[0].split(':') : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
    const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
    return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** True when `ip` lies in `cidr` (`10.0.0.0/8`, `2001:db8::/32`, or a bare address for /32, /128). */
export function cidrMatch(cidr: string, ip: string): boolean {
    const [base = '', bitsText] = cidr.trim().split('/');
    const v4Base = parseIpv4(base);
    if (v4Base !== undefined) {
        const addr = parseIpv4(ip);
        const bits = bitsText === undefined ? 32 : Number(bitsText);
        if (addr === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
        const size = 2 ** (32 - bits);
        return Math.floor(addr / size) === Math.floor(v4Base / size);
    }
    const v6Base = parseIpv6(base);
    const addr = parseIpv6(ip);
    const bits = bitsText === undefined ? 128 : Number(bitsText);
    if (v6Base === undefined || addr === undefined || !Number.isInteger(bits) || bits < 0 || bits > 128) return false;
    const shift = BigInt(128 - bits);
    return addr >> shift === v6Base >> shift;
}
