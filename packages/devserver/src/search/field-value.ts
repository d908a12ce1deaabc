/**
 * Values held in result rows. Splunk keeps every field value as text; the engine keeps numbers that
 * commands compute (counts, sums, `_time`) as numbers and turns them into text only for output.
 */

/** One field's value in a row: a single value, or a multivalue (at least one element). */
export type FieldValue = string | number | readonly string[];

/** A result row: field name (case-sensitive) to value. A missing field is simply absent. */
export type Row = Map<string, FieldValue>;

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Splunk's notion of a numeric value: a number, or text that reads as a decimal number. */
export function toNumber(value: string | number): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (!NUMERIC.test(value)) return undefined;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
}

/** Renders a number as Splunk prints it: integers without a fraction, others in shortest form. */
export function formatNumber(value: number): string {
    if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
    return String(value);
}

/** Text form of a single value. */
export function scalarToString(value: string | number): string {
    return typeof value === 'number' ? formatNumber(value) : value;
}

/** Every value of a field as text (one element for a single value). */
export function valuesOf(value: FieldValue | undefined): readonly string[] {
    if (value === undefined) return [];
    if (typeof value === 'string') return [value];
    if (typeof value === 'number') return [formatNumber(value)];
    return value;
}

/** The first value of a field (what most commands use for a multivalue field), or undefined. */
export function firstValue(value: FieldValue | undefined): string | number | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' || typeof value === 'number') return value;
    return value[0];
}

/** Builds a field value from a list of texts: undefined for none, a string for one, else a multivalue. */
export function fromValues(values: readonly string[]): FieldValue | undefined {
    if (values.length === 0) return undefined;
    if (values.length === 1) return values[0];
    return values;
}

/**
 * Splunk's default ordering of two values ("auto"): numbers before text, numbers numerically,
 * text by code unit (so upper case before lower case). Returns <0, 0 or >0.
 */
export function compareAuto(a: string | number, b: string | number): number {
    const na = toNumber(a);
    const nb = toNumber(b);
    if (na !== undefined && nb !== undefined) return na - nb;
    if (na !== undefined) return -1;
    if (nb !== undefined) return 1;
    const sa = scalarToString(a);
    const sb = scalarToString(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
}
