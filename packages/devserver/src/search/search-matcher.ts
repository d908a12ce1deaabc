/**
 * Decides whether one event or result row matches a search expression. Keywords, phrases, `TERM()`
 * and `CASE()` test `_raw`; a row without `_raw` (after `stats`, say) matches a keyword when any
 * value of any of its fields does. Field comparisons:
 *
 * - `field=value`: some value of the field equals `value` ignoring case (`*` wildcards allowed);
 * - `field!=value`: the field exists and none of its values equals `value`;
 * - `field<value` (and `<=`, `>`, `>=`): some value compares true, numerically when both sides are
 *   numbers, else by text;
 * - `field IN (a, b)`: as `field=a OR field=b`;
 * - `earliest=` / `latest=`: `earliest <= _time < latest`.
 */
import { toNumber, valuesOf, type FieldValue } from './field-value';
import type { CompareOp, SearchNode } from './search-ast';
import { keywordPredicate, termPredicate, valuePredicate, type TextPredicate } from './text-match';

/** What a search expression is matched against. */
export interface MatchTarget {
    /** `_raw`, when the row has one. */
    readonly raw: string | undefined;
    /** `_time` in epoch seconds, when the row has one. */
    readonly time: number | undefined;
    /** The value of a field (case-sensitive name). */
    field(name: string): FieldValue | undefined;
    /** Every value of every field (used for keywords when there is no `_raw`). */
    allValues(): Iterable<string>;
}

/** A compiled search expression. */
export type RowMatcher = (target: MatchTarget) => boolean;

function textMatcher(predicate: TextPredicate): RowMatcher {
    return (target) => {
        if (target.raw !== undefined) return predicate(target.raw);
        for (const v of target.allValues()) if (predicate(v)) return true;
        return false;
    };
}

function ordered(op: CompareOp, actual: string, expected: string): boolean {
    const a = toNumber(actual);
    const b = toNumber(expected);
    const diff = a !== undefined && b !== undefined ? a - b : actual < expected ? -1 : actual > expected ? 1 : 0;
    switch (op) {
        case '<':
            return diff < 0;
        case '<=':
            return diff <= 0;
        case '>':
            return diff > 0;
        case '>=':
            return diff >= 0;
        default:
            return false;
    }
}

function fieldValues(target: MatchTarget, field: string): readonly string[] {
    if (field === '_raw') return target.raw === undefined ? [] : [target.raw];
    if (field === '_time' && target.time !== undefined) return [String(target.time)];
    return valuesOf(target.field(field));
}

function compareMatcher(field: string, op: CompareOp, value: string): RowMatcher {
    if (op === '=' || op === '!=') {
        const equals = valuePredicate(value);
        if (op === '=') return (t) => fieldValues(t, field).some(equals);
        return (t) => {
            const values = fieldValues(t, field);
            return values.length > 0 && !values.some(equals);
        };
    }
    return (t) => fieldValues(t, field).some((v) => ordered(op, v, value));
}

/**
 * The store's indexes, for matching stored events: in a wide OR (many terms, like a search for hundreds of
 * indicators) each alternative is tested only on the events its index entries allow, as splunkd's lexicon does.
 */
export interface MatcherIndex {
    /** The events `node` can match (a superset), or undefined when the indexes cannot tell. */
    candidates(node: SearchNode): ReadonlySet<number> | undefined;
    /** The id of the event being matched. */
    currentId(): number;
}

/** ORs with at least this many alternatives are matched through the index. */
const WIDE_OR = 8;

/** Compiles a search expression into a matcher (regular expressions are built once). */
export function compileMatcher(node: SearchNode, index?: MatcherIndex): RowMatcher {
    const compile = (child: SearchNode) => compileMatcher(child, index);
    switch (node.kind) {
        case 'all':
            return () => true;
        case 'and': {
            const parts = node.children.map(compile);
            return (t) => parts.every((p) => p(t));
        }
        case 'or': {
            if (index && node.children.length >= WIDE_OR) {
                const guided = node.children.map((c) => ({ match: compile(c), only: index.candidates(c) }));
                return (t) => {
                    const id = index.currentId();
                    return guided.some((g) => (g.only === undefined || g.only.has(id)) && g.match(t));
                };
            }
            const parts = node.children.map(compile);
            return (t) => parts.some((p) => p(t));
        }
        case 'not': {
            const inner = compile(node.child);
            return (t) => !inner(t);
        }
        case 'keyword':
            return textMatcher(keywordPredicate(node.text));
        case 'case':
            return textMatcher(keywordPredicate(node.text, true));
        case 'term':
            return textMatcher(termPredicate(node.text));
        case 'compare':
            return compareMatcher(node.field, node.op, node.value);
        case 'in': {
            const tests = node.values.map(valuePredicate);
            return (t) => fieldValues(t, node.field).some((v) => tests.some((test) => test(v)));
        }
        case 'time':
            return node.bound === 'earliest'
                ? (t) => t.time !== undefined && t.time >= node.epoch
                : (t) => t.time !== undefined && t.time < node.epoch;
    }
}
