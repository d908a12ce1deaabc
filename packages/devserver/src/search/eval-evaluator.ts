/**
 * Evaluates eval expressions over a row. Field values that read as numbers are numbers; `+` adds
 * numbers and concatenates texts; `-`, `*`, `/`, `%` need numbers (else null; division by zero is
 * null); `.` concatenates texts. Comparisons are numeric when both sides are numbers, else by text
 * (case-sensitive); a comparison with null is null, which `where` and `if` treat as false; with a
 * multivalue field a comparison is true when any value compares true. `AND`, `OR`, `XOR`, `NOT`
 * treat anything but `true` as false.
 */
import type { EvalBinaryOp, EvalNode, EvalValue } from './eval-ast';
import { asList, asNumber, asText, fromField } from './eval-coerce';
import { callFunction, likeMatch, type EvalContext } from './eval-functions';
import { toNumber, type Row } from './field-value';
import { rowTarget } from './row-target';
import { compileMatcher, type MatchTarget, type RowMatcher } from './search-matcher';
import { parseSearchExpression } from './search-parser';

/** Options of an evaluation. */
export interface EvalOptions {
    /** The search's "now" in epoch seconds (`now()`, relative times in `searchmatch`). */
    readonly now: number;
    /** Command name for error messages. */
    readonly command: string;
}

function scalarCompare(op: EvalBinaryOp, a: string, b: string): boolean {
    const na = toNumber(a);
    const nb = toNumber(b);
    const diff = na !== undefined && nb !== undefined ? na - nb : a < b ? -1 : a > b ? 1 : 0;
    switch (op) {
        case '=':
        case '==':
            return diff === 0;
        case '!=':
            return diff !== 0;
        case '<':
            return diff < 0;
        case '<=':
            return diff <= 0;
        case '>':
            return diff > 0;
        case '>=':
            return diff >= 0;
        case 'LIKE':
            return likeMatch(a, b);
        default:
            return false;
    }
}

function compare(op: EvalBinaryOp, left: EvalValue, right: EvalValue): EvalValue {
    if (left === null || right === null) return null;
    const ls = asList(left);
    const rs = asList(right);
    if (op === '!=') return !ls.some((l) => rs.some((r) => scalarCompare('=', l, r)));
    return ls.some((l) => rs.some((r) => scalarCompare(op, l, r)));
}

function arithmetic(op: EvalBinaryOp, left: EvalValue, right: EvalValue): EvalValue {
    if (op === '.') {
        const l = asText(left);
        const r = asText(right);
        return l === null || r === null ? null : l + r;
    }
    const a = asNumber(left);
    const b = asNumber(right);
    if (op === '+' && (a === null || b === null)) {
        const l = typeof left === 'string' ? left : null;
        const r = typeof right === 'string' ? right : null;
        return l === null || r === null ? null : l + r;
    }
    if (a === null || b === null) return null;
    switch (op) {
        case '+':
            return a + b;
        case '-':
            return a - b;
        case '*':
            return a * b;
        case '/':
            return b === 0 ? null : a / b;
        case '%':
            return b === 0 ? null : a % b;
        default:
            return null;
    }
}

/** Evaluates expressions against one row at a time; reuse one per command to cache `searchmatch` parses. */
export class EvalEvaluator {
    private readonly matchers = new Map<string, RowMatcher>();

    /** @param options the search's now and the command name for errors */
    constructor(private readonly options: EvalOptions) {}

    /** Evaluates `node` over `row`. */
    evaluate(node: EvalNode, row: Row): EvalValue {
        // An earlier expression may have changed the row's _raw or _time.
        this.target = undefined;
        return this.run(node, row, new Map());
    }

    // The context of the row being evaluated, made once per row and bindings rather than once per call.
    private lastContext: { row: Row; bound: ReadonlyMap<string, string>; context: EvalContext } | undefined;

    private contextOf(row: Row, bound: ReadonlyMap<string, string>): EvalContext {
        const last = this.lastContext;
        if (last?.row === row && last.bound === bound) return last.context;
        const context = this.context(row, bound);
        this.lastContext = { row, bound, context };
        return context;
    }

    private context(row: Row, bound: ReadonlyMap<string, string>): EvalContext {
        return {
            evaluate: (n) => this.run(n, row, bound),
            evaluateWith: (n, name, value) => this.run(n, row, new Map([...bound, [name, value]])),
            searchMatch: (search) => this.matcher(search)(this.targetOf(row)),
            now: this.options.now,
            command: this.options.command,
        };
    }

    // The match target of the row being evaluated: one per row, however many searchmatch() calls it has.
    private target: { row: Row; target: MatchTarget } | undefined;

    private targetOf(row: Row): MatchTarget {
        if (this.target?.row !== row) this.target = { row, target: rowTarget(row) };
        return this.target.target;
    }

    private matcher(search: string): RowMatcher {
        let m = this.matchers.get(search);
        if (m === undefined) {
            m = compileMatcher(parseSearchExpression(search, { command: this.options.command, now: this.options.now }));
            this.matchers.set(search, m);
        }
        return m;
    }

    private run(node: EvalNode, row: Row, bound: ReadonlyMap<string, string>): EvalValue {
        switch (node.kind) {
            case 'literal':
                return node.value;
            case 'field':
                return bound.get(node.name) ?? fromField(row.get(node.name));
            case 'call':
                return callFunction(node.name, node.args, this.contextOf(row, bound));
            case 'unary': {
                const v = this.run(node.operand, row, bound);
                if (node.op === 'NOT') return v === null ? null : v !== true;
                const n = asNumber(v);
                return n === null ? null : -n;
            }
            case 'binary': {
                const { op } = node;
                if (op === 'AND') {
                    return this.run(node.left, row, bound) === true && this.run(node.right, row, bound) === true;
                }
                if (op === 'OR') {
                    return this.run(node.left, row, bound) === true || this.run(node.right, row, bound) === true;
                }
                const left = this.run(node.left, row, bound);
                const right = this.run(node.right, row, bound);
                if (op === 'XOR') return (left === true) !== (right === true);
                if (['=', '==', '!=', '<', '<=', '>', '>=', 'LIKE'].includes(op)) return compare(op, left, right);
                return arithmetic(op, left, right);
            }
        }
    }
}
