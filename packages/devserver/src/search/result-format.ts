/**
 * Turns result rows into the shape of splunkd's JSON results (`output_mode=json`): every value a
 * string, a multivalue field an array of strings, `_time` an ISO 8601 string with offset
 * (`2026-11-28T10:15:00.000+00:00`, UTC), missing fields absent from the row.
 */
import { formatNumber, toNumber, type FieldValue } from './field-value';
import type { ResultSet } from './commands/result-set';
import { formatIsoTime } from './time-modifiers';

/** A field value in splunkd's JSON results. */
export type SplunkValue = string | string[];

/** A result row in splunkd's JSON results. */
export type SplunkRow = Record<string, SplunkValue>;

/** Results in splunkd's JSON shape. */
export interface SplunkResults {
    /** Field names, in display order (`[{"name": ...}]` in splunkd's answer). */
    readonly fields: string[];
    /** The rows. */
    readonly results: SplunkRow[];
}

function formatValue(name: string, value: FieldValue): SplunkValue {
    if (name === '_time' && typeof value !== 'object') {
        const n = toNumber(value);
        if (n !== undefined) return formatIsoTime(n);
    }
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'string') return value;
    return [...value];
}

/** Formats a result set as splunkd's JSON results (see the module comment). */
export function formatResults(result: ResultSet): SplunkResults {
    const present = new Set<string>();
    for (const row of result.rows) for (const name of row.keys()) present.add(name);
    const fields = [...result.order.filter((f) => present.has(f))];
    const listed = new Set(fields);
    for (const name of present) {
        if (!listed.has(name)) {
            fields.push(name);
            listed.add(name);
        }
    }
    const results = result.rows.map((row) => {
        const out: SplunkRow = {};
        for (const [name, value] of row) out[name] = formatValue(name, value);
        return out;
    });
    return { fields, results };
}
