/**
 * What watching an indicator means before it is asked for: the value the app's watches keep (a domain or an IP
 * address; a URL is watched by its host), the end date a watch may be given, and the words for what the last check
 * of a watch found.
 */
import type { Indicator } from '../indicators/indicator';
import { fail, ok, type Result } from '../result';

/** The indicator types a watch keeps: the ones whose resolutions, certificates, WHOIS and reputation change. */
export type WatchableType = 'domain' | 'ipv4' | 'ipv6';

/** What a watch of an indicator keeps. */
export interface WatchTarget {
    /** The value watched: the indicator's, or a URL's host (what the watches route stores). */
    readonly value: string;
    readonly type: WatchableType;
    /** The form to show people (Unicode for internationalised names). */
    readonly display: string;
    /** True when the indicator is a URL and its host is what is watched. */
    readonly viaHost: boolean;
}

const EXPECTED_WATCHABLE = 'a domain, an IP address or a URL (watched by its host)';

/**
 * The value a watch of the indicator keeps: a domain or an address as it is, a URL by its host; an email address,
 * a certificate SHA-1 or a tracker id cannot be watched.
 *
 * @example watchTarget(url('https://evil.example/login.php')) // { ok: true, value: { value: 'evil.example', type: 'domain', viaHost: true, ... } }
 * @example watchTarget(email('jane@evil.example')) // { ok: false, reason: 'An email address cannot be watched', ... }
 */
export function watchTarget(indicator: Indicator): Result<WatchTarget> {
    switch (indicator.type) {
        case 'domain':
        case 'ipv4':
        case 'ipv6':
            return ok({ value: indicator.value, type: indicator.type, display: indicator.display, viaHost: false });
        case 'url': {
            const host = indicator.host;
            return ok({ value: host.value, type: host.type, display: host.display, viaHost: true });
        }
        case 'email':
            return fail('An email address cannot be watched', EXPECTED_WATCHABLE);
        case 'sha1':
            return fail('A certificate SHA-1 cannot be watched', EXPECTED_WATCHABLE);
        case 'tracker':
            return fail('A tracker id cannot be watched', EXPECTED_WATCHABLE);
    }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXPECTED_DATE = 'a date after today, as YYYY-MM-DD';

/**
 * Checks the end date of a watch as the watches route does: a real calendar date (`YYYY-MM-DD`), the watch running
 * to the end of that day UTC, which must be later than `now`. An empty text is no end date (`undefined`).
 *
 * @example watchEndDate('2027-01-31', new Date('2026-12-06T18:00:00Z')) // { ok: true, value: { date: '2027-01-31', endsAt: 1801439999 } }
 * @example watchEndDate('2026-02-30', now) // { ok: false, reason: '2026-02-30 is not a date', ... }
 */
export function watchEndDate(
    text: string,
    now: Date
): Result<{ readonly date: string; readonly endsAt: number } | undefined> {
    const trimmed = text.trim();
    if (trimmed === '') return ok(undefined);
    const m = DATE.exec(trimmed);
    if (!m) return fail(`${trimmed.slice(0, 40)} is not a date`, EXPECTED_DATE);
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const start = Date.UTC(year, month - 1, day);
    const parsed = new Date(start);
    if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day)
        return fail(`${trimmed} is not a date`, EXPECTED_DATE);
    const endsAt = start / 1000 + 86399;
    if (endsAt * 1000 <= now.getTime()) return fail(`${trimmed} has passed`, EXPECTED_DATE);
    return ok({ date: trimmed, endsAt });
}

function count(n: number, one: string, many: string): string {
    return `${String(n)} ${n === 1 ? one : many}`;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the last check of a watch found, in a few words: the parts the providers answered, counted. `undefined`
 * when the watch has not been checked.
 *
 * @example watchStateWords({ resolutions: { '203.0.113.77': 1764000000 }, tags: ['phishing'], classification: 'malicious' }) // '1 resolution, 1 tag, classified malicious'
 */
export function watchStateWords(state: unknown): string | undefined {
    if (!isRecord(state)) return undefined;
    const parts: string[] = [];
    if (isRecord(state.resolutions))
        parts.push(count(Object.keys(state.resolutions).length, 'resolution', 'resolutions'));
    if (Array.isArray(state.certificates)) parts.push(count(state.certificates.length, 'certificate', 'certificates'));
    if (isRecord(state.whois)) {
        const registrar = state.whois.registrar;
        parts.push(typeof registrar === 'string' && registrar !== '' ? `WHOIS: ${registrar}` : 'WHOIS');
    }
    if (Array.isArray(state.tags)) parts.push(count(state.tags.length, 'tag', 'tags'));
    if (typeof state.classification === 'string' && state.classification !== '')
        parts.push(`classified ${state.classification}`);
    return parts.length > 0 ? parts.join(', ') : 'nothing answered yet';
}
