import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import type { SearchExpr } from './ast';
import { findInText, matchRule, occursIn } from './matching';
import { toRegExp } from './regex-text';
import { lexiconTokens } from './segmentation';
import { parsedIndicator as ind } from '../testing';

/** [indicator, text, found] as real products write them, near misses included. */
const CASES: readonly (readonly [string, string, boolean])[] = [
    // IPv4
    ['203.0.113.200', 'src=10.20.1.31 url="https://203.0.113.200/gate.php" dest_ip=203.0.113.200 status=200', true],
    ['203.0.113.200', 'CEF:0|Acme|FW|1.0|100|allow|3|src=10.1.1.1 dst=203.0.113.200 dpt=443', true],
    ['203.0.113.200', '{"dest_ip":"203.0.113.200","dest_port":443}', true],
    ['203.0.113.200', 'Built outbound TCP connection 1 for outside:203.0.113.200/443 (203.0.113.200/443)', true],
    ['203.0.113.200', 'Source Network Address: ::ffff:203.0.113.200', true],
    ['203.0.113.200', 'connect 203.0.113.200:8443 ok', true],
    ['203.0.113.200', '1700000000.1\tC1\t10.0.0.1\t51000\t203.0.113.200\t443\ttcp', true],
    ['203.0.113.200', 'dst=203.0.113.200.', true],
    ['98.51.100.7', 'dst=98.51.100.70', false],
    ['98.51.100.7', 'dst=198.51.100.7', false],
    ['98.51.100.7', 'pass in on em1: 98.51.100.7.53 > 10.20.30.40.60211: 4242 A', true],
    ['98.51.100.7', 'version 98.51.100.7.5.1', false],
    ['203.0.113.200', 'LEEF:2.0|Lancope|StealthWatch|7.4.1|41|^|src=10.2.3.4^dst=203.0.113.200^sev=5', true],
    ['evil.example', 'GET /l?url=https%3A%2F%2Fevil.example%2Fgate.php HTTP/1.1', true],
    ['http://evil.example/gate.php', 'GET /l?url=http%3A%2F%2Fevil.example%2Fgate.php%3Fid%3D7 HTTP/1.1', true],
    ['http://evil.example/gate.php', 'GET /l?url=http%3A%2F%2Fevil.example%2Fgate.php%2Fx HTTP/1.1', false],
    ['jane@evil.example', 'List-Unsubscribe: <https://x.test/u?e=jane%40evil.example>', true],
    ['98.51.100.7', 'host 98.51.100.7.nip.io', false],
    ['98.51.100.7', 'oid 1.98.51.100.7', false],
    // IPv6
    ['2001:db8::53', 'dst=[2001:DB8::53]:53', true],
    ['2001:db8::53', 'dst=2001:0db8:0000:0000:0000:0000:0000:0053 x', true],
    ['2001:db8::53', 'dst=2001:db8:0:0:0:0:0:53', true],
    ['2001:db8::53', 'dst=2001:db8:0::53', true],
    ['2001:db8::53', 'addr fe80::1%eth0 2001:db8::53%eth0', true],
    ['2001:db8::53', 'ip:2001:db8::53', true],
    ['2001:db8::53', 'src:2001:db8::53', true],
    ['2001:db8::53', 'dst=2001:db8::530', false],
    ['2001:db8::53', 'dst=2001:db8::53:1', false],
    ['2001:db8::53', '2001:db8:a0b:12f0::1.50220 > 2001:db8::53.53: 4242+ A?', true],
    ['2001:db8::53', 'dst=2001:db8::1:53', false],
    ['2001:db8::53', 'x 12:2001:db8::53', false],
    ['::ffff:198.51.100.7', 'c-ip=::ffff:198.51.100.7', true],
    ['::ffff:198.51.100.7', 'c-ip=::FFFF:C633:6407', true],
    // domains
    ['example.com', 'GET https://www.EXAMPLE.com./x', true],
    ['example.com', '(3)www(7)example(3)com(0)', true],
    ['example.com', 'query: example.com. IN A', true],
    ['example.com', 'from=<a@mail.example.com>', true],
    ['example.com', 'ssl.server_name=api.example.com', true],
    ['example.com', '(9)myexample(3)com(0)', false],
    ['example.com', '(7)example(3)com(4)evil(3)net(0)', false],
    ['example.com', 'myexample.com', false],
    ['example.com', 'my-example.com', false],
    ['example.co', 'example.com', false],
    ['example.com', 'example.co', false],
    ['example.com', 'example.community', false],
    ['example.com', 'example.com.evil.net', false],
    // e-mail
    ['jane@evil.example', 'to=<Jane@Evil.Example>', true],
    ['jane@evil.example', 'From: "Jane" <jane@evil.example>', true],
    ['jane@evil.example', 'xjane@evil.example', false],
    ['jane@evil.example', 'mary.jane@evil.example', false],
    ['jane@evil.example', 'jane@evil.example.org', false],
    ['jane@evil.example', 'jane@evil.examples', false],
    // SHA-1
    [
        'e9a6647d6aba52dc47b3838c920c9ee59bad7034',
        'SHA1 Fingerprint=E9:A6:64:7D:6A:BA:52:DC:47:B3:83:8C:92:0C:9E:E5:9B:AD:70:34',
        true,
    ],
    ['e9a6647d6aba52dc47b3838c920c9ee59bad7034', 'cert_sha1="E9A6647D6ABA52DC47B3838C920C9EE59BAD7034"', true],
    ['e9a6647d6aba52dc47b3838c920c9ee59bad7034', 'sha256=e9a6647d6aba52dc47b3838c920c9ee59bad7034aa', false],
    ['e9a6647d6aba52dc47b3838c920c9ee59bad7034', 'x=00e9a6647d6aba52dc47b3838c920c9ee59bad7034', false],
    // URLs
    ['http://203.0.113.77/s/8f3k2', 'GET http://203.0.113.77/s/8f3k2?x=1 200', true],
    ['http://203.0.113.77/s/8f3k2', 'url=203.0.113.77/s/8f3k2', true],
    ['http://203.0.113.77/s/8f3k2', 'url=https://203.0.113.77/s/8f3k2', false],
    ['http://203.0.113.77/s/8f3k2', 'url=http://203.0.113.77/s/8f3k23', false],
    ['http://203.0.113.77/s/8f3k2', 'url=http://203.0.113.77/s/8f3k2/next', false],
    ['evil.example/login.php', 'url=https://evil.example/login.php', true],
    ['https://evil.example', 'GET https://evil.example/ 200', true],
    ['https://evil.example', 'GET https://evil.example/x 200', false],
    // tracker ids
    ['UA-48213377-1', "ga('create','UA-48213377-1')", true],
    ['UA-48213377-1', 'UA-48213377-12', false],
    ['UA-48213377', 'UA-48213377-1', false],
];

describe('matching rules on text as products write it', () => {
    it.each(CASES)('%s in %s: %s', (value, text, found) => {
        expect(occursIn(ind(value), text)).toBe(found);
    });

    it('highlights the matched text in place', () => {
        const text = 'GET https://www.EVIL.example/x from 10.0.0.1 to myevil.example';
        expect(findInText(ind('evil.example'), text).map((m) => text.slice(m.start, m.end))).toEqual(['EVIL.example']);
    });
});

/** Every lexicon token the prefilter requires (AND) or allows (OR): does the text's lexicon satisfy it? */
function satisfied(expr: SearchExpr, lexicon: ReadonlySet<string>, raw: string): boolean {
    switch (expr.kind) {
        case 'and':
            return expr.items.every((i) => satisfied(i, lexicon, raw));
        case 'or':
            return expr.items.some((i) => satisfied(i, lexicon, raw));
        case 'phrase':
        case 'term':
            // A phrase of one token is a keyword; a phrase of several must appear as written (ignoring case).
            return lexiconTokens(expr.value).length === 1
                ? lexicon.has(lexiconTokens(expr.value)[0] ?? '')
                : raw.toLowerCase().includes(expr.value.toLowerCase());
        default:
            return true;
    }
}

describe('the thorough prefilter never loses a match', () => {
    it.each(CASES.filter(([, , found]) => found))('%s in %s', (value, text) => {
        const rule = matchRule(ind(value));
        expect(satisfied(rule.prefilter, new Set(lexiconTokens(text)), text)).toBe(true);
    });

    it('holds for random IPv4 addresses in random delimiters', () => {
        fc.assert(
            fc.property(
                fc.ipV4(),
                fc.constantFrom('dst=', 'dst_ip="', 'outside:', '://', ' ', '::ffff:', '\t', '['),
                fc.constantFrom(':443', '/', '"', ' ', ']', ',', '.'),
                (ip, before, after) => {
                    const text = `a ${before}${ip}${after} z`;
                    const rule = matchRule(ind(ip));
                    expect(occursIn(ind(ip), text)).toBe(true);
                    expect(satisfied(rule.prefilter, new Set(lexiconTokens(text)), text)).toBe(true);
                }
            ),
            { seed: 15, numRuns: 300 }
        );
    });
});

describe('IPv6: every textual form of the address, no other address', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    const address = fc.array(group, { minLength: 8, maxLength: 8 });

    function forms(parts: readonly number[]): string[] {
        const compressed = new ipaddr.IPv6([...parts]).toRFC5952String();
        const expanded = parts.map((p) => p.toString(16).padStart(4, '0')).join(':');
        const unpadded = parts.map((p) => p.toString(16)).join(':');
        return [compressed, compressed.toUpperCase(), expanded, unpadded, `[${compressed}]:443`];
    }

    it('finds every form and never a neighbour differing in one group', () => {
        fc.assert(
            fc.property(address, fc.integer({ min: 0, max: 7 }), (parts, change) => {
                const value = new ipaddr.IPv6([...parts]).toRFC5952String();
                const indicator = ind(value);
                if (indicator.type !== 'ipv6') return;
                for (const form of forms(parts)) {
                    expect(occursIn(indicator, `dst=${form} x`)).toBe(true);
                    expect(satisfied(matchRule(indicator).prefilter, new Set(lexiconTokens(form)), form)).toBe(true);
                }
                const other = [...parts];
                other[change] = ((other[change] ?? 0) + 1) % 0x10000;
                for (const form of forms(other)) expect(occursIn(indicator, `dst=${form} x`)).toBe(false);
            }),
            { seed: 6, numRuns: 200 }
        );
    });
});

/** Lookbehinds in a pattern whose branches are not all of one fixed length (PCRE refuses them). */
function variableLookbehinds(pattern: string): string[] {
    const bad: string[] = [];
    for (let i = pattern.indexOf('(?<'); i !== -1; i = pattern.indexOf('(?<', i + 1)) {
        if (pattern[i + 3] !== '=' && pattern[i + 3] !== '!') continue;
        let depth = 0;
        let j = i;
        for (; j < pattern.length; j++) {
            if (pattern[j] === '\\') {
                j++;
                continue;
            }
            if (pattern[j] === '[') {
                while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
                continue;
            }
            if (pattern[j] === '(') depth++;
            if (pattern[j] === ')' && --depth === 0) break;
        }
        const body = pattern.slice(i + 4, j);
        if (/[*+?]|\{\d+,/.test(body.replace(/\\./g, '').replace(/\[[^\]]*\]/g, ''))) bad.push(body);
    }
    return bad;
}

describe('patterns are in the dialect PCRE and JavaScript share', () => {
    const samples = [
        '203.0.113.77',
        '2001:db8::53',
        '::ffff:198.51.100.7',
        'login-secure-update.example',
        'xn--bcher-kva.example',
        'http://203.0.113.77/s/8f3k2?a=1&b=[2]',
        'jane.o+tag@evil.example',
        'e9a6647d6aba52dc47b3838c920c9ee59bad7034',
        'UA-48213377-1',
    ];
    it.each(samples)('%s', (value) => {
        const pattern = matchRule(ind(value)).pattern;
        expect(pattern.startsWith('(?i)')).toBe(true);
        expect(pattern.slice(4)).not.toContain('(?i)');
        expect(pattern).not.toMatch(/\(\?<[A-Za-z]|\(\?P|\\[pPkKgRhHvVNX]/);
        expect(variableLookbehinds(pattern)).toEqual([]);
        expect(() => toRegExp(pattern)).not.toThrow();
    });

    it('the lookbehind checker itself sees a variable-length lookbehind', () => {
        expect(variableLookbehinds('(?<![a-z]+)x(?<=a|bc)')).toEqual(['[a-z]+']);
    });
});

describe('fast mode', () => {
    it('keeps TERM() for exact values and says what it misses', () => {
        const rule = matchRule(ind('203.0.113.77'), 'fast');
        expect(rule.prefilter).toEqual({ kind: 'term', value: '203.0.113.77' });
        expect(rule.summary).toContain('only between spaces, commas, quotes or brackets');
        expect(rule.pattern).toBe(matchRule(ind('203.0.113.77')).pattern);
    });
});
