/** `strftime` / `strptime` for the common conversion specifiers, always in UTC. */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Formats epoch seconds with Splunk's `strftime` specifiers: %Y %y %m %d %e %H %I %M %S %p %j %a %A
 * %b %B %h %Z %z %s %F %T %D %R %N (%3N, %6N, %9N) %Q %% — in UTC.
 */
export function strftime(epochSeconds: number, format: string): string {
    const d = new Date(epochSeconds * 1000);
    const fraction = epochSeconds - Math.floor(epochSeconds);
    return format.replace(/%(\d)?([A-Za-z%])/g, (whole, digits: string | undefined, spec: string) => {
        const h = d.getUTCHours();
        switch (spec) {
            case 'Y':
                return String(d.getUTCFullYear());
            case 'y':
                return pad(d.getUTCFullYear() % 100);
            case 'm':
                return pad(d.getUTCMonth() + 1);
            case 'd':
                return pad(d.getUTCDate());
            case 'e':
                return String(d.getUTCDate()).padStart(2, ' ');
            case 'H':
                return pad(h);
            case 'I':
                return pad(h % 12 === 0 ? 12 : h % 12);
            case 'p':
                return h < 12 ? 'AM' : 'PM';
            case 'M':
                return pad(d.getUTCMinutes());
            case 'S':
                return pad(d.getUTCSeconds());
            case 'j': {
                const start = Date.UTC(d.getUTCFullYear(), 0, 1);
                return pad(Math.floor((d.getTime() - start) / 86400000) + 1, 3);
            }
            case 'a':
                return (DAYS[d.getUTCDay()] ?? '').slice(0, 3);
            case 'A':
                return DAYS[d.getUTCDay()] ?? '';
            case 'b':
            case 'h':
                return (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3);
            case 'B':
                return MONTHS[d.getUTCMonth()] ?? '';
            case 'Z':
                return 'UTC';
            case 'z':
                return '+0000';
            case 's':
                return String(Math.floor(epochSeconds));
            case 'F':
                return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
            case 'T':
                return `${pad(h)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
            case 'D':
                return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
            case 'R':
                return `${pad(h)}:${pad(d.getUTCMinutes())}`;
            case 'N': {
                const width = digits === undefined ? 9 : Number(digits);
                return Math.floor(fraction * 10 ** width)
                    .toString()
                    .padStart(width, '0');
            }
            case 'Q':
                return pad(Math.floor(fraction * 1000), 3);
            case '%':
                return '%';
            default:
                return whole;
        }
    });
}

/**
 * Parses text with a `strptime` format (%Y %y %m %d %e %H %M %S %b %B %p %I %z %Z %s %N %Q %F %T and
 * literal text), in UTC unless %z gives an offset. Returns epoch seconds or null when it does not fit.
 */
export function strptime(text: string, format: string): number | null {
    let pattern = '';
    const fields: string[] = [];
    for (let i = 0; i < format.length; i++) {
        const c = format.charAt(i);
        if (c !== '%') {
            pattern += /\s/.test(c) ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
            continue;
        }
        let spec = format.charAt(++i);
        if (/\d/.test(spec)) spec = format.charAt(++i);
        const groups: Record<string, string> = {
            Y: '(\\d{4})',
            y: '(\\d{2})',
            m: '(\\d{1,2})',
            d: '(\\d{1,2})',
            e: '\\s?(\\d{1,2})',
            H: '(\\d{1,2})',
            I: '(\\d{1,2})',
            M: '(\\d{1,2})',
            S: '(\\d{1,2})',
            b: '([A-Za-z]{3})',
            h: '([A-Za-z]{3})',
            B: '([A-Za-z]+)',
            p: '([AaPp][Mm])',
            z: '([+-]\\d{2}:?\\d{2}|Z)',
            Z: '([A-Za-z]+)',
            s: '(\\d+)',
            N: '(\\d+)',
            Q: '(\\d+)',
        };
        if (spec === 'F') {
            pattern += '(\\d{4})-(\\d{1,2})-(\\d{1,2})';
            fields.push('Y', 'm', 'd');
        } else if (spec === 'T') {
            pattern += '(\\d{1,2}):(\\d{1,2}):(\\d{1,2})';
            fields.push('H', 'M', 'S');
        } else if (spec === '%') {
            pattern += '%';
        } else {
            const group = groups[spec];
            if (group === undefined) return null;
            pattern += group;
            fields.push(spec);
        }
    }
    const m = new RegExp(`^${pattern}`).exec(text.trim());
    if (!m) return null;
    let year = 1970;
    let month = 0;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let fraction = 0;
    let offsetMinutes = 0;
    let pm: boolean | undefined;
    let epoch: number | undefined;
    fields.forEach((spec, i) => {
        const v = m[i + 1] ?? '';
        const n = Number(v);
        if (spec === 'Y') year = n;
        else if (spec === 'y') year = n < 69 ? 2000 + n : 1900 + n;
        else if (spec === 'm') month = n - 1;
        else if (spec === 'd' || spec === 'e') day = n;
        else if (spec === 'H' || spec === 'I') hour = n;
        else if (spec === 'M') minute = n;
        else if (spec === 'S') second = n;
        else if (spec === 'p') pm = v.toLowerCase() === 'pm';
        else if (spec === 'b' || spec === 'h' || spec === 'B') {
            month = MONTHS.findIndex((name) => name.toLowerCase().startsWith(v.toLowerCase().slice(0, 3)));
        } else if (spec === 'z' && v !== 'Z') {
            const zm = /([+-])(\d{2}):?(\d{2})/.exec(v);
            if (zm) offsetMinutes = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3]));
        } else if (spec === 's') epoch = n;
        else if (spec === 'N' || spec === 'Q') fraction = Number(`0.${v}`);
    });
    if (epoch !== undefined) return epoch;
    if (month < 0) return null;
    if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
    return Date.UTC(year, month, day, hour, minute, second) / 1000 - offsetMinutes * 60 + fraction;
}
