import fc from 'fast-check';
import { parseIndicator, indicatorTypeLabel, EXPECTED_INDICATOR } from './parse-indicator';
import type { Indicator } from './indicator';

function parsed(input: string): Indicator {
    const r = parseIndicator(input);
    if (!r.ok) throw new Error(`expected ${input} to parse: ${r.reason}`);
    return r.value;
}

describe('parseIndicator: types and normalised values', () => {
    it.each([
        // IPv4
        ['198.51.100.7', 'ipv4', '198.51.100.7'],
        ['198[.]51[.]100[.]7', 'ipv4', '198.51.100.7'],
        ['198.51.100.7:8443', 'ipv4', '198.51.100.7'],
        ['010.001.002.003', 'ipv4', '10.1.2.3'],
        ['"8.8.8.8",', 'ipv4', '8.8.8.8'],
        // IPv6 (RFC 5952 §4: compress the longest run, lower case, no leading zeros)
        ['2001:DB8:0:0:0:0:0:1', 'ipv6', '2001:db8::1'],
        ['2001:0db8:0000:0000:0001:0000:0000:0001', 'ipv6', '2001:db8::1:0:0:1'],
        ['2001:db8:0:1:1:1:1:1', 'ipv6', '2001:db8:0:1:1:1:1:1'],
        ['[2001:db8::1]', 'ipv6', '2001:db8::1'],
        ['[2001:db8::1]:443', 'ipv6', '2001:db8::1'],
        ['fe80::1%eth0', 'ipv6', 'fe80::1'],
        ['::1', 'ipv6', '::1'],
        ['::FFFF:192.0.2.1', 'ipv6', '::ffff:192.0.2.1'],
        ['2606:4700:4700::1111', 'ipv6', '2606:4700:4700::1111'],
        // domains
        ['Evil.Example', 'domain', 'evil.example'],
        ['evil.example.', 'domain', 'evil.example'],
        ['*.evil.example', 'domain', 'evil.example'],
        ['.evil.example', 'domain', 'evil.example'],
        ['evil[.]example', 'domain', 'evil.example'],
        ['evil.example:8080', 'domain', 'evil.example'],
        ['evil.example/', 'domain', 'evil.example'],
        ['_dmarc.evil.example', 'domain', '_dmarc.evil.example'],
        ['bücher.example', 'domain', 'xn--bcher-kva.example'],
        ['BÜCHER.example', 'domain', 'xn--bcher-kva.example'],
        ['xn--bcher-kva.example', 'domain', 'xn--bcher-kva.example'],
        ['пример.рф', 'domain', 'xn--e1afmkfd.xn--p1ai'],
        ['例え。テスト', 'domain', 'xn--r8jz45g.xn--zckzah'],
        // URLs keep the URL
        ['hxxp://evil[.]example/login.php', 'url', 'http://evil.example/login.php'],
        ['hXXps://Evil.Example/Path?Q=1#x', 'url', 'https://evil.example/Path?Q=1#x'],
        ['http://198.51.100.7:8080/a', 'url', 'http://198.51.100.7:8080/a'],
        ['http://[2001:DB8::1]:8080/a', 'url', 'http://[2001:db8::1]:8080/a'],
        ['https://bücher.example/straße', 'url', 'https://xn--bcher-kva.example/straße'],
        ['evil.example/login.php', 'url', 'evil.example/login.php'],
        ['https://user@evil.example/', 'url', 'https://user@evil.example/'],
        // email
        ['Jane.Doe@Evil.Example', 'email', 'jane.doe@evil.example'],
        ['jane[at]evil[.]example', 'email', 'jane@evil.example'],
        ['mailto:jane@evil.example', 'email', 'jane@evil.example'],
        ['jane@bücher.example', 'email', 'jane@xn--bcher-kva.example'],
        // certificate SHA-1
        ['E9A6647D6ABA52DC47B3838C920C9EE59BAD7034', 'sha1', 'e9a6647d6aba52dc47b3838c920c9ee59bad7034'],
        [
            'e9:a6:64:7d:6a:ba:52:dc:47:b3:83:8c:92:0c:9e:e5:9b:ad:70:34',
            'sha1',
            'e9a6647d6aba52dc47b3838c920c9ee59bad7034',
        ],
        // trackers
        ['UA-61048133-2', 'tracker', 'UA-61048133-2'],
        ['ua-61048133', 'tracker', 'UA-61048133'],
        ['GTM-ABC123', 'tracker', 'GTM-ABC123'],
        ['G-ABCDEF1234', 'tracker', 'G-ABCDEF1234'],
    ])('%s → %s %s', (input, type, value) => {
        const indicator = parsed(input);
        expect(indicator.type).toBe(type);
        expect(indicator.value).toBe(value);
    });
});

describe('parseIndicator: details', () => {
    it('keeps ports and brackets apart', () => {
        expect(parsed('[2001:db8::1]:443')).toMatchObject({ type: 'ipv6', port: 443 });
        expect(parsed('198.51.100.7:8443')).toMatchObject({ type: 'ipv4', port: 8443 });
    });

    it('shows internationalised names in Unicode and asks intelligence in punycode', () => {
        expect(parsed('xn--bcher-kva.example')).toMatchObject({
            value: 'xn--bcher-kva.example',
            display: 'bücher.example',
            unicode: 'bücher.example',
            intelQuery: 'xn--bcher-kva.example',
        });
        expect(parsed('https://bücher.example/a').display).toBe('https://bücher.example/a');
    });

    it('uses the host of a URL for intelligence', () => {
        const url = parsed('hxxps://www.evil[.]example/a/b?c=d');
        expect(url).toMatchObject({ type: 'url', scheme: 'https', path: '/a/b?c=d', intelQuery: 'www.evil.example' });
        expect(parsed('http://[2001:db8::1]/').intelQuery).toBe('2001:db8::1');
    });

    it('marks wildcards', () => {
        expect(parsed('*.evil.example')).toMatchObject({ wildcard: true });
        expect(parsed('evil.example')).toMatchObject({ wildcard: false });
    });

    it('types tracker ids with PassiveTotal names', () => {
        expect(parsed('UA-61048133-2')).toMatchObject({ trackerType: 'GoogleAnalyticsTrackingId' });
        expect(parsed('UA-61048133')).toMatchObject({ trackerType: 'GoogleAnalyticsAccountNumber' });
        expect(parsed('GTM-ABC123')).toMatchObject({ trackerType: 'GoogleTagManagerId' });
        expect(parsed('2ad2ad0002ad2ad00042d42d000000ad9bf51cc3f5a1e29eecb81d0c7b06eb')).toMatchObject({
            type: 'tracker',
            trackerType: 'JarmHash',
        });
    });
});

describe('parseIndicator: special ranges', () => {
    it.each([
        ['10.1.2.3', 'private'],
        ['172.16.0.1', 'private'],
        ['192.168.1.1', 'private'],
        ['127.0.0.1', 'loopback'],
        ['169.254.1.1', 'link-local'],
        ['100.64.0.1', 'carrier-grade-nat'],
        ['192.0.2.1', 'documentation'],
        ['198.51.100.7', 'documentation'],
        ['203.0.113.9', 'documentation'],
        ['224.0.0.1', 'multicast'],
        ['255.255.255.255', 'broadcast'],
        ['0.0.0.0', 'unspecified'],
        ['240.0.0.1', 'reserved'],
        ['198.18.0.1', 'benchmarking'],
        ['::1', 'loopback'],
        ['::', 'unspecified'],
        ['2001:db8::1', 'documentation'],
        ['fd00::1', 'unique-local'],
        ['fe80::1', 'link-local'],
        ['ff02::1', 'multicast'],
        ['::ffff:10.0.0.1', 'private'],
        ['printer.local', 'special-use-name'],
        ['evil.example', 'special-use-name'],
        ['www.example.com', 'special-use-name'],
        ['router.home.arpa', 'special-use-name'],
        ['http://10.0.0.1/admin', 'private'],
        ['jane@corp.internal', 'special-use-name'],
    ])('%s is %s', (input, kind) => {
        expect(parsed(input).special?.kind).toBe(kind);
    });

    it.each(['8.8.8.8', '2606:4700:4700::1111', 'passivetotal.org', 'https://riskiq.net/'])('%s is public', (input) => {
        expect(parsed(input).special).toBeUndefined();
    });
});

describe('parseIndicator: failures name what was expected', () => {
    it.each([
        ['', 'nothing was entered', EXPECTED_INDICATOR],
        ['   ', 'nothing was entered', EXPECTED_INDICATOR],
        ['hello world', 'an indicator cannot contain spaces', EXPECTED_INDICATOR],
        ['hello', '"hello" is not an indicator', EXPECTED_INDICATOR],
        ['999.1.1.1', '999 is not a number from 0 to 255', expect.stringContaining('IPv4') as unknown],
        ['1.2.3', '1.2.3 does not have four parts', expect.stringContaining('IPv4') as unknown],
        ['10.0.0.0/8', '10.0.0.0/8 is a network range', expect.stringContaining('CIDR') as unknown],
        ['2001:db8:::1', '2001:db8:::1 is not a valid IPv6 address', expect.stringContaining('IPv6') as unknown],
        ['[2001:db8::1]:99999', '99999 is not a port number', expect.any(String) as unknown],
        ['evil..example', 'evil..example has an empty label (two dots in a row)', expect.any(String) as unknown],
        ['-evil.example', expect.stringContaining('not a valid label') as unknown, expect.any(String) as unknown],
        ['evil.123', 'the last label "123" is a number', expect.any(String) as unknown],
        ['jane@', 'jane@ is not of the form name@domain', expect.stringContaining('email') as unknown],
        ['ja ne@evil.example', 'an indicator cannot contain spaces', EXPECTED_INDICATOR],
        ['http:///path', 'http:///path has no host', expect.stringContaining('URL') as unknown],
        [
            'http://exa_mple!/',
            expect.stringContaining('host of the URL') as unknown,
            expect.stringContaining('URL') as unknown,
        ],
        [
            `${'a'.repeat(64)}.example`,
            expect.stringContaining('not a valid label') as unknown,
            expect.any(String) as unknown,
        ],
    ])('%j', (input, reason, expected) => {
        expect(parseIndicator(input)).toEqual({ ok: false, reason, expected });
    });

    it('never throws, and every success is stable under re-parsing its value (fuzzed)', () => {
        fc.assert(
            fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
                const r = parseIndicator(s);
                if (!r.ok) {
                    expect(r.reason.length).toBeGreaterThan(0);
                    expect(r.expected.length).toBeGreaterThan(0);
                    return;
                }
                const again = parseIndicator(r.value.value);
                expect(again.ok && again.value.type).toBe(r.value.type);
                expect(again.ok && again.value.value).toBe(r.value.value);
            }),
            { seed: 20240531, numRuns: 2000 }
        );
    });

    it('normalisation is idempotent for generated domains and addresses', () => {
        const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
        fc.assert(
            fc.property(
                fc.array(label, { minLength: 1, maxLength: 4 }),
                fc.constantFrom('com', 'org', 'xn--p1ai'),
                (labels, tld) => {
                    const name = [...labels, tld].join('.');
                    const r = parseIndicator(name.toUpperCase());
                    expect(r.ok && r.value.value).toBe(name);
                }
            ),
            { seed: 7 }
        );
        fc.assert(
            fc.property(fc.ipV6(), (v6) => {
                const r = parseIndicator(v6);
                expect(r.ok && r.value.type).toBe('ipv6');
                const again = r.ok ? parseIndicator(r.value.value) : r;
                expect(again.ok && r.ok && again.value.value === r.value.value).toBe(true);
            }),
            { seed: 11 }
        );
    });
});

describe('indicatorTypeLabel', () => {
    it('names every type', () => {
        expect(indicatorTypeLabel('sha1')).toBe('certificate SHA-1');
        expect(indicatorTypeLabel('ipv6')).toBe('IPv6 address');
    });
});
