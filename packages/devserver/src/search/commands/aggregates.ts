/**
 * Aggregation functions shared by `stats` and `tstats`: `count`/`c` (rows, or values of a field),
 * `dc`/`distinct_count`, `values` (distinct, sorted by text), `list` (in order, at most 100),
 * `min`/`max` (numeric when any value is numeric, else by text), `sum`, `avg`/`mean`, `range`,
 * `median`, `mode`, `first`/`last` (first/last row seen), `earliest`/`latest` (value at the
 * smallest/largest `_time`), `earliest_time`/`latest_time` (that `_time`).
 */
import { compareAuto, fromValues, toNumber, valuesOf, type FieldValue, type Row } from '../field-value';
import { SplError } from '../spl-error';
import { lexArgs, isWord, nameOf, type ArgToken } from './arg-lexer';

/** One aggregation of a `stats`/`tstats` command. */
export interface AggregateSpec {
    /** Function name as written, lower-cased (`count`, `dc`, `values`, ...). */
    readonly fn: string;
    /** The field it reads, or undefined for `count` without a field. */
    readonly field: string | undefined;
    /** Output field name: the `as` name, or `fn(field)` / `fn`. */
    readonly output: string;
}

/** Accumulates one aggregation over the rows of a group. */
export interface Accumulator {
    add(row: Row): void;
    result(): FieldValue | undefined;
}

const SUPPORTED = new Set([
    'count',
    'c',
    'dc',
    'distinct_count',
    'values',
    'list',
    'min',
    'max',
    'sum',
    'avg',
    'mean',
    'range',
    'median',
    'mode',
    'first',
    'last',
    'earliest',
    'latest',
    'earliest_time',
    'latest_time',
]);

function timeOf(row: Row): number | undefined {
    const t = row.get('_time');
    return t === undefined || typeof t === 'object' ? undefined : toNumber(t);
}

function numbers(values: readonly string[]): number[] {
    return values.map((v) => toNumber(v)).filter((n): n is number => n !== undefined);
}

/** Creates the accumulator of an aggregation. */
export function createAccumulator(spec: AggregateSpec): Accumulator {
    const { fn, field } = spec;
    if ((fn === 'count' || fn === 'c') && field === undefined) {
        let n = 0;
        return {
            add: () => {
                n++;
            },
            result: () => n,
        };
    }
    const all: string[] = [];
    let first: FieldValue | undefined;
    let last: FieldValue | undefined;
    let early: { t: number; v: FieldValue } | undefined;
    let late: { t: number; v: FieldValue } | undefined;
    const add = (row: Row): void => {
        const value = field === undefined ? undefined : row.get(field);
        if (value === undefined) return;
        all.push(...valuesOf(value));
        first ??= value;
        last = value;
        const t = timeOf(row);
        if (t !== undefined) {
            if (early === undefined || t < early.t) early = { t, v: value };
            if (late === undefined || t >= late.t) late = { t, v: value };
        }
    };
    const result = (): FieldValue | undefined => {
        switch (fn) {
            case 'count':
            case 'c':
                return all.length;
            case 'dc':
            case 'distinct_count':
                return new Set(all).size;
            case 'values':
                return fromValues([...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
            case 'list':
                return fromValues(all.slice(0, 100));
            case 'min':
            case 'max': {
                const nums = numbers(all);
                if (nums.length > 0) return fn === 'min' ? Math.min(...nums) : Math.max(...nums);
                if (all.length === 0) return undefined;
                const sorted = [...all].sort(compareAuto);
                return fn === 'min' ? sorted[0] : sorted[sorted.length - 1];
            }
            case 'sum':
            case 'avg':
            case 'mean':
            case 'range':
            case 'median': {
                const nums = numbers(all);
                if (nums.length === 0) return undefined;
                const sum = nums.reduce((a, b) => a + b, 0);
                if (fn === 'sum') return sum;
                if (fn === 'range') return Math.max(...nums) - Math.min(...nums);
                if (fn === 'median') {
                    const sorted = [...nums].sort((a, b) => a - b);
                    return sorted[Math.floor((sorted.length - 1) / 2)];
                }
                return sum / nums.length;
            }
            case 'mode': {
                const counts = new Map<string, number>();
                for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
                let best: string | undefined;
                let bestCount = 0;
                for (const [v, c] of counts) {
                    if (c > bestCount) {
                        best = v;
                        bestCount = c;
                    }
                }
                return best;
            }
            case 'first':
                return first;
            case 'last':
                return last;
            case 'earliest':
                return early?.v;
            case 'latest':
                return late?.v;
            case 'earliest_time':
                return early?.t;
            case 'latest_time':
                return late?.t;
            default:
                return undefined;
        }
    };
    return { add, result };
}

/**
 * Parses the aggregation part of `stats`/`tstats`: `count`, `count(x)`, `values(x) as y`, separated
 * by spaces or commas. Throws a Splunk-style error for unknown functions or unsupported forms.
 */
export function parseAggregates(text: string, command: string): AggregateSpec[] {
    const tokens = lexArgs(text, command);
    const specs: AggregateSpec[] = [];
    const fail = (detail: string, code: 'parse' | 'unsupported-function' | 'unsupported-argument' = 'parse'): never => {
        throw new SplError(code, `Error in '${command}' command: ${detail}`);
    };
    let i = 0;
    const at = (k: number): ArgToken | undefined => tokens[k];
    while (i < tokens.length) {
        const token = at(i);
        if (token?.kind === 'punct' && token.text === ',') {
            i++;
            continue;
        }
        if (token?.kind !== 'word') return fail(`The argument '${token?.text ?? ''}' is invalid.`);
        const written = token.text;
        const fn = written.toLowerCase();
        i++;
        let field: string | undefined;
        if (at(i)?.kind === 'punct' && at(i)?.text === '(') {
            const inner = at(i + 1);
            if (inner?.kind === 'word' && at(i + 2)?.kind === 'punct' && at(i + 2)?.text === '(') {
                fail(
                    `The argument '${written}(${inner.text}(...))' is invalid: eval expressions inside aggregations are not supported.`,
                    'unsupported-argument'
                );
            }
            field = nameOf(inner);
            if (field === undefined || at(i + 2)?.text !== ')') fail(`The argument '${written}(' is invalid.`);
            i += 3;
        }
        if (!SUPPORTED.has(fn)) {
            fail(`The aggregation function '${written}' is not supported.`, 'unsupported-function');
        }
        if (field === undefined && fn !== 'count' && fn !== 'c') {
            fail(`The argument '${written}' is invalid: '${written}' needs a field.`);
        }
        if (field?.includes('*')) {
            fail(
                `The argument '${written}(${field})' is invalid: wildcard fields are not supported.`,
                'unsupported-argument'
            );
        }
        let output = field === undefined ? written : `${written}(${field})`;
        if (isWord(at(i), 'as')) {
            const name = nameOf(at(i + 1));
            if (name === undefined) return fail("The argument 'as' must be followed by a field name.");
            output = name;
            i += 2;
        }
        specs.push({ fn, field, output });
    }
    if (specs.length === 0) fail('You must specify at least one aggregation function.');
    return specs;
}
