/**
 * Lenient date parsing for the many formats intelligence APIs use (PassiveTotal alone has seven, field by field:
 * `YYYY-MM-DD HH:MM:SS` in UTC, `YYYY-MM-DD`, epoch milliseconds, OpenSSL's `Feb 04 23:59:59 2017 GMT`, ISO 8601
 * with an offset without a colon, with microseconds and no zone, and Java's `Mon Aug 29 20:00:00 VET 2016`).
 * Every parsed date becomes an ISO 8601 UTC string; anything unparseable becomes undefined.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets of zone abbreviations seen in recorded data, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
    UTC: 0,
    GMT: 0,
    Z: 0,
    EST: -300,
    EDT: -240,
    CST: -360,
    CDT: -300,
    MST: -420,
    MDT: -360,
    PST: -480,
    PDT: -420,
    VET: -240,
    CET: 60,
    CEST: 120,
};

function iso(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0, offsetMin = 0): string | undefined {
    if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
    const t = Date.UTC(year, month - 1, day, h, m, s, ms) - offsetMin * 60_000;
    if (!Number.isFinite(t)) return undefined;
    const d = new Date(t);
    // Reject overflow such as February 31st.
    if (offsetMin === 0 && d.getUTCDate() !== day) return undefined;
    return d.toISOString();
}

/**
 * Parses a date from an API response into ISO 8601 UTC, or undefined. Accepts epoch milliseconds or seconds,
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` (UTC), ISO 8601 with or without a zone, with offsets like `-0700`, with
 * microseconds, OpenSSL `Feb 04 23:59:59 2017 GMT`, and Java `Mon Aug 29 20:00:00 VET 2016`.
 *
 * @example parseApiDate('2014-04-14T13:00:56.000-0700') // '2014-04-14T20:00:56.000Z'
 * @example parseApiDate(1383116400000) // '2013-10-30T07:00:00.000Z'
 * @example parseApiDate('Feb 04 23:59:59 2017 GMT') // '2017-02-04T23:59:59.000Z'
 * @example parseApiDate('n/a') // undefined
 */
export function parseApiDate(value: unknown): string | undefined {
    if (typeof value === 'number') {
        if (!Number.isFinite(value) || value <= 0) return undefined;
        const ms = value > 1e11 ? value : value * 1000;
        const d = new Date(ms);
        return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
    }
    if (typeof value !== 'string') return undefined;
    const s = value.trim();
    if (/^\d{9,13}$/.test(s)) return parseApiDate(Number(s));
    let m =
        /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(
            s
        );
    if (m) {
        const [, y, mo, d, h, mi, se, frac, zone] = m;
        let offset = 0;
        if (zone && /^[+-]/.test(zone)) {
            const digits = zone.replace(':', '');
            offset = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
        }
        const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
        return iso(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0), ms, offset);
    }
    // OpenSSL: "Feb 04 23:59:59 2017 GMT"; Java: "Mon Aug 29 20:00:00 VET 2016".
    m =
        /^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(?:(\d{4})\s+([A-Za-z]{1,5})|([A-Za-z]{1,5})\s+(\d{4}))$/.exec(
            s
        );
    if (m) {
        const [, mon, d, h, mi, se, y1, z1, z2, y2] = m;
        const month = MONTHS.indexOf((mon ?? '').toLowerCase()) + 1;
        const zone = ZONES[(z1 ?? z2 ?? '').toUpperCase()];
        if (month === 0 || zone === undefined) return undefined;
        return iso(Number(y1 ?? y2), month, Number(d), Number(h), Number(mi), Number(se), 0, zone);
    }
    return undefined;
}
