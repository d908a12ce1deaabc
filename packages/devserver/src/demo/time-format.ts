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

/** `2026-11-28 10:23:45` (ProxySG ELFF `date time`). @example isoDateTime(0) // '1970-01-01 00:00:00' */
export function isoDateTime(epochSeconds: number): string {
    const p = parts(epochSeconds);
    return `${p.y}-${pad(p.mo + 1)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** `Nov 28 10:23:45` (RFC 3164 syslog header). @example syslogTime(0) // 'Jan  1 00:00:00' */
export function syslogTime(epochSeconds: number): string {
    const p = parts(epochSeconds);
    return `${MONTHS[p.mo] ?? 'Jan'} ${String(p.d).padStart(2, ' ')} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** `2026/11/28 10:23:45` (PAN-OS). @example panTime(0) // '1970/01/01 00:00:00' */
export function panTime(epochSeconds: number): string {
    return isoDateTime(epochSeconds).replace(/-/g, '/');
}

/** `2026-11-28T10:23:45.123Z`. @example isoTime(0) // '1970-01-01T00:00:00.000Z' */
export function isoTime(epochSeconds: number): string {
    return new Date(Math.round(epochSeconds * 1000)).toISOString();
}

/** `28-Nov-2026 10:23:45.123` (BIND/Infoblox). @example bindTime(0) // '01-Jan-1970 00:00:00.000' */
export function bindTime(epochSeconds: number): string {
    const p = parts(epochSeconds);
    return `${pad(p.d)}-${MONTHS[p.mo] ?? 'Jan'}-${p.y} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}.${pad(p.ms, 3)}`;
}
