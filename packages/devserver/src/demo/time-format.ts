/** UTC time stamps in the formats the demo logs use. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parts(epochSeconds: number): {
    y: number;
    mo: number;
    d: number;
    h: number;
    mi: number;
    s: number;
    ms: number;
} {
    const t = new Date(Math.round(epochSeconds * 1000));
    return {
        y: t.getUTCFullYear(),
        mo: t.getUTCMonth(),
        d: t.getUTCDate(),
        h: t.getUTCHours(),
        mi: t.getUTCMinutes(),
        s: t.getUTCSeconds(),
        ms: t.getUTCMilliseconds(),
    };
}

/** `2026-11-28 10:23:45` (FortiOS `date=` and `time=`). @example isoDateTime(0) // '1970-01-01 00:00:00' */
export function isoDateTime(epochSeconds: number): string {
    const p = parts(epochSeconds);
    return `${p.y}-${pad(p.mo + 1)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** `Nov 28 10:23:45` (RFC 3164 syslog header). @example syslogTime(0) // 'Jan  1 00:00:00' */
export function syslogTime(epochSeconds: number): string {
    const p = parts(epochSeconds);
    return `${MONTHS[p.mo] ?? 'Jan'} ${String(p.d).padStart(2, ' ')} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** `2026-11-28T10:23:45.123Z` (RFC 5424 syslog header, JSON). @example isoTime(0) // '1970-01-01T00:00:00.000Z' */
export function isoTime(epochSeconds: number): string {
    return new Date(Math.round(epochSeconds * 1000)).toISOString();
}

/**
 * `11/28/2026 9:03:07 AM`: the Windows DNS debug log's time stamp on a server with US regional settings.
 *
 * @example windowsDnsTime(0) // '1/1/1970 12:00:00 AM'
 */
export function windowsDnsTime(epochSeconds: number): string {
    const p = parts(epochSeconds);
    const hour12 = p.h % 12 === 0 ? 12 : p.h % 12;
    return `${p.mo + 1}/${p.d}/${p.y} ${hour12}:${pad(p.mi)}:${pad(p.s)} ${p.h < 12 ? 'AM' : 'PM'}`;
}
