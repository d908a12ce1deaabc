/** Conversions between eval values used by the evaluator and the eval functions. */
import type { EvalValue } from './eval-ast';
import { formatNumber, toNumber, type FieldValue } from './field-value';

/** The text of a value (first value of a multivalue), or null. */
export function asText(value: EvalValue): string | null {
    if (value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return value[0] ?? null;
}

/** The number of a value (numbers, numeric text, first value of a multivalue), or null. */
export function asNumber(value: EvalValue): number | null {
    if (value === null || typeof value === 'boolean') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    const text = typeof value === 'string' ? value : value[0];
    if (text === undefined) return null;
    return toNumber(text) ?? null;
}

/** Every value as text: [] for null, one element for a single value. */
export function asList(value: EvalValue): readonly string[] {
    if (value === null) return [];
    if (typeof value === 'object') return value;
    const text = asText(value);
    return text === null ? [] : [text];
}

/** Builds a value from texts: null for none, text for one, multivalue otherwise. */
export function fromList(values: readonly string[]): EvalValue {
    if (values.length === 0) return null;
    if (values.length === 1) return values[0] ?? null;
    return values;
}

/** Reads a row field as an eval value (absent → null). */
export function fromField(value: FieldValue | undefined): EvalValue {
    return value ?? null;
}

/** True only for the boolean `true`. */
export function isTrue(value: EvalValue): boolean {
    return value === true;
}

/** Applies a text function to each value of a multivalue, or to the single value. */
export function mapText(value: EvalValue, fn: (text: string) => string | null): EvalValue {
    if (value === null) return null;
    if (typeof value === 'object') {
        return fromList(value.map(fn).filter((v): v is string => v !== null));
    }
    const text = asText(value);
    return text === null ? null : fn(text);
}
