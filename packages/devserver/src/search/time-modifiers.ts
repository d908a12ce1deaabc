/**
 * Splunk time modifiers (times.conf, "Specify time modifiers in your search"), evaluated in UTC:
 *
 * - `now`; `0` (the epoch, i.e. all time for `earliest`); epoch seconds such as `1700000000.5`;
 * - relative `[+|-]<n><unit>[@<snap>[(+|-)<n><unit>]]`, e.g. `-7d`, `-24h@h`, `@d`, `-1mon@mon+1d`, `@w1`;
 *   units s/sec/secs/second/seconds, m/min/mins/minute/minutes, h/hr/hrs/hour/hours, d/day/days,
 *   w/week/weeks, mon/month/months, q/qtr/qtrs/quarter/quarters, y/yr/yrs/year/years; a missing
 *   `<n>` means 1; snap units the same plus `w0`..`w7` (day of week, 0 and 7 = Sunday);
 * - absolute `%m/%d/%Y:%H:%M:%S` (the search default `timeformat`) or `%m/%d/%Y`;
 * - ISO 8601 (`2026-11-28`, `2026-11-28T10:15:00Z`, `2026-11-28T10:15:00.000+01:00`); no zone means UTC.
 */

type Unit = 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y';

const UNIT_ALIASES: Readonly<Record<string, Unit>> = {
    s: 's',
    sec: 's',
    secs: 's',
    second: 's',
    seconds: 's',
    m: 'm',
    min: 'm',
    mins: 'm',
    minute: 'm',
    minutes: 'm',
    h: 'h',
    hr: 'h',
    hrs: 'h',
    hour: 'h',
    hours: 'h',
    d: 'd',
    day: 'd',
    days: 'd',
    w: 'w',
    week: 'w',
    weeks: 'w',
    mon: 'mon',
    month: 'mon',
    months: 'mon',
    q: 'q',
    qtr: 'q',
    qtrs: 'q',
    quarter: 'q',
    quarters: 'q',
    y: 'y',
    yr: 'y',
    yrs: 'y',
    year: 'y',
    years: 'y',
};

const SECONDS: Readonly<Record<'s' | 'm' | 'h' | 'd' | 'w', number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

const RELATIVE = /^(?:([+-])(\d*)([a-z]+))?(?:@([a-z]+?)([0-7])?(?:([+-])(\d*)([a-z]+))?)?$/;
const SPLUNK_ABSOLUTE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?::(\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;
const EPOCH = /^\d+(?:\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function addCalendar(epochMs: number, unit: Unit, amount: number): number {
    if (unit === 'mon' || unit === 'q' || unit === 'y') {
        const months = unit === 'mon' ? amount : unit === 'q' ? amount * 3 : amount * 12;
        const d = new Date(epochMs);
        const day = d.getUTCDate();
        d.setUTCDate(1);
        d.setUTCMonth(d.getUTCMonth() + months);
        const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
        d.setUTCDate(Math.min(day, lastDay));
        return d.getTime();
    }
    return epochMs + amount * SECONDS[unit] * 1000;
}

function snap(epochMs: number, unit: Unit, weekday: number | undefined): number {
    const d = new Date(epochMs);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth();
    switch (unit) {
        case 's':
            return Math.floor(epochMs / 1000) * 1000;
        case 'm':
            return Math.floor(epochMs / 60000) * 60000;
        case 'h':
            return Math.floor(epochMs / 3600000) * 3600000;
        case 'd':
            return Date.UTC(y, mo, d.getUTCDate());
        case 'w': {
            const target = (weekday ?? 0) % 7;
            const back = (d.getUTCDay() - target + 7) % 7;
            return Date.UTC(y, mo, d.getUTCDate() - back);
        }
        case 'mon':
            return Date.UTC(y, mo, 1);
        case 'q':
            return Date.UTC(y, mo - (mo % 3), 1);
        case 'y':
            return Date.UTC(y, 0, 1);
    }
}

function relative(text: string, nowSeconds: number): number | undefined {
    const m = RELATIVE.exec(text);
    if (!m || text === '') return undefined;
    const [, sign, amount, unitText, snapText, weekdayText, sign2, amount2, unit2Text] = m;
    let ms = nowSeconds * 1000;
    if (unitText !== undefined) {
        const unit = UNIT_ALIASES[unitText];
        if (unit === undefined) return undefined;
        const n = amount === undefined || amount === '' ? 1 : Number(amount);
        ms = addCalendar(ms, unit, sign === '-' ? -n : n);
    }
    if (snapText !== undefined) {
        const unit = UNIT_ALIASES[snapText];
        if (unit === undefined) return undefined;
        if (weekdayText !== undefined && unit !== 'w') return undefined;
        ms = snap(ms, unit, weekdayText === undefined ? undefined : Number(weekdayText));
        if (unit2Text !== undefined) {
            const unit2 = UNIT_ALIASES[unit2Text];
            if (unit2 === undefined) return undefined;
            const n = amount2 === undefined || amount2 === '' ? 1 : Number(amount2);
            ms = addCalendar(ms, unit2, sign2 === '-' ? -n : n);
        }
    }
    return ms / 1000;
}

/** Parses an ISO 8601 date or date-time (no zone = UTC) to epoch seconds, or undefined. */
export function parseIsoTime(text: string): number | undefined {
    if (!ISO_DATE.test(text)) return undefined;
    let normalised = text.replace(' ', 'T');
    if (/^\d{4}-\d{2}-\d{2}$/.test(normalised)) normalised += 'T00:00:00Z';
    else if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(normalised)) normalised += 'Z';
    normalised = normalised.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(normalised);
    return Number.isNaN(ms) ? undefined : ms / 1000;
}

/**
 * Resolves a time modifier to epoch seconds relative to `nowSeconds`, or undefined when the text
 * is not a time modifier (see the module comment for the accepted forms).
 */
export function resolveTimeModifier(text: string, nowSeconds: number): number | undefined {
    const t = text.trim();
    const lower = t.toLowerCase();
    if (lower === 'now') return nowSeconds;
    if (EPOCH.test(t)) return Number(t);
    const abs = SPLUNK_ABSOLUTE.exec(t);
    if (abs) {
        const [, mo, d, y, h, mi, s] = abs;
        const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
        return ms / 1000;
    }
    const iso = parseIsoTime(t);
    if (iso !== undefined) return iso;
    return relative(lower, nowSeconds);
}

/** Formats epoch seconds as Splunk's JSON output does: `2026-11-28T10:15:00.000+00:00` (UTC). */
export function formatIsoTime(epochSeconds: number): string {
    return new Date(Math.round(epochSeconds * 1000)).toISOString().replace('Z', '+00:00');
}
