import { parseIndicator } from '../indicators/parse-indicator';
import type { Indicator } from '../indicators/indicator';
import { watchEndDate, watchStateWords, watchTarget } from './watch-target';

function indicator(text: string): Indicator {
    const parsed = parseIndicator(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
}

describe('what a watch of an indicator keeps', () => {
    it('watches a domain and an address as they are', () => {
        expect(watchTarget(indicator('Login-Secure-Update[.]example'))).toEqual({
            ok: true,
            value: {
                value: 'login-secure-update.example',
                type: 'domain',
                display: 'login-secure-update.example',
                viaHost: false,
            },
        });
        expect(watchTarget(indicator('203.0.113.77'))).toMatchObject({
            ok: true,
            value: { type: 'ipv4', viaHost: false },
        });
        expect(watchTarget(indicator('2001:DB8::1'))).toMatchObject({
            ok: true,
            value: { value: '2001:db8::1', type: 'ipv6' },
        });
    });

    it('watches a URL by its host, and says so', () => {
        expect(watchTarget(indicator('hxxps://evil[.]example/login.php?a=1'))).toMatchObject({
            ok: true,
            value: { value: 'evil.example', type: 'domain', viaHost: true },
        });
        expect(watchTarget(indicator('http://198.51.100.7:8080/x'))).toMatchObject({
            ok: true,
            value: { value: '198.51.100.7', type: 'ipv4', viaHost: true },
        });
    });

    it('refuses what has no resolutions to watch, naming what can be watched', () => {
        for (const text of ['jane@evil.example', 'a'.repeat(40)]) {
            const target = watchTarget(indicator(text));
            expect(target.ok).toBe(false);
            expect(!target.ok && target.expected).toBe('a domain, an IP address or a URL (watched by its host)');
        }
    });
});

describe('the end date of a watch', () => {
    const now = new Date('2026-12-06T18:00:00Z');

    it('runs to the end of the day, UTC', () => {
        expect(watchEndDate('2027-01-31', now)).toEqual({
            ok: true,
            value: { date: '2027-01-31', endsAt: Date.UTC(2027, 0, 31, 23, 59, 59) / 1000 },
        });
        expect(watchEndDate('2026-12-06', now)).toMatchObject({ ok: true, value: { date: '2026-12-06' } });
    });

    it('may be left out', () => {
        expect(watchEndDate('  ', now)).toEqual({ ok: true, value: undefined });
    });

    it('refuses a day that has passed, a day that does not exist and anything else', () => {
        expect(watchEndDate('2026-12-05', now)).toMatchObject({ ok: false, reason: '2026-12-05 has passed' });
        expect(watchEndDate('2027-02-30', now)).toMatchObject({ ok: false, reason: '2027-02-30 is not a date' });
        expect(watchEndDate('31/01/2027', now)).toMatchObject({
            ok: false,
            expected: 'a date after today, as YYYY-MM-DD',
        });
    });
});

describe('what the last check found, in words', () => {
    it('counts the parts the providers answered', () => {
        expect(
            watchStateWords({
                resolutions: { '203.0.113.77': 1764000000, '198.51.100.7': null },
                certificates: ['a'.repeat(40)],
                whois: { registrar: 'Example Registrar' },
                tags: ['phishing'],
                classification: 'malicious',
            })
        ).toBe('2 resolutions, 1 certificate, WHOIS: Example Registrar, 1 tag, classified malicious');
    });

    it('says when nothing was checked or answered', () => {
        expect(watchStateWords(null)).toBeUndefined();
        expect(watchStateWords({ sources: {} })).toBe('nothing answered yet');
    });
});
