/** Dates as analysts compare them: UTC, to the minute, in one fixed format, with the full ISO value kept. */

/**
 * Formats an ISO 8601 instant (or epoch milliseconds) as `YYYY-MM-DD HH:MM UTC`; `undefined` and unparseable
 * values give an em dash.
 *
 * @example formatDateTime('2024-01-30T08:00:01.000Z') // '2024-01-30 08:00 UTC'
 */
export function formatDateTime(value: string | number | undefined): string {
    if (value === undefined || value === '') return '—';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '—';
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface DateTimeProps {
    /** ISO 8601 instant or epoch milliseconds. */
    readonly value: string | number | undefined;
}

/** A `<time>` element with the formatted date and the machine-readable value. */
export function DateTime({ value }: DateTimeProps) {
    if (value === undefined || value === '') return <span aria-label="unknown">—</span>;
    const iso = typeof value === 'number' ? new Date(value).toISOString() : value;
    return <time dateTime={iso}>{formatDateTime(value)}</time>;
}
