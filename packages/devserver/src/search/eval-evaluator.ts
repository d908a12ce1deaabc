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
import {
    compileCall,
    likeMatch,
    type Bindings,
    type CompiledExpr,
    type CompileScope,
    type EvalContext,
} from './eval-functions';
import { toNumber, type Row } from './field-value';
import { RegexPrefilter } from './literal-scan';
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

const NO_BINDINGS: Bindings = new Map();
// Called through a local name from the closure every field reference runs: under the CommonJS
// transform the stand-in runs with, each call of an imported function first reads a module property.
const fieldValue = fromField;
const COMPARISONS: ReadonlySet<EvalBinaryOp> = new Set(['=', '==', '!=', '<', '<=', '>', '>=', 'LIKE']);

/**
 * Evaluates expressions against one row at a time. Each expression is compiled once, on first use,
 * into nested functions of the row, so a long expression costs no tree walking per row. Reuse one
 * evaluator per command (it also keeps the parsed `searchmatch` expressions).
 */
export class EvalEvaluator {
    private readonly matchers = new Map<string, RowMatcher>();
    private readonly compiled = new Map<EvalNode, CompiledExpr>();
    private readonly scope: CompileScope;

    /** @param options the search's now and the command name for errors */
    constructor(private readonly options: EvalOptions) {
        this.scope = { command: options.command, prefilter: new RegexPrefilter() };
    }

    /** Evaluates `node` over `row`. */
    evaluate(node: EvalNode, row: Row): EvalValue {
        // An earlier expression may have changed the row's _raw or _time.
        this.target = undefined;
        return this.compiledOf(node)(row, NO_BINDINGS);
    }

    // The context of the row being evaluated, made once per row and bindings rather than once per call.
    private lastContext: { row: Row; bound: Bindings; context: EvalContext } | undefined;

    private contextOf(row: Row, bound: Bindings): EvalContext {
        const last = this.lastContext;
        if (last?.row === row && last.bound === bound) return last.context;
        const context = this.context(row, bound);
        this.lastContext = { row, bound, context };
        return context;
    }

    private context(row: Row, bound: Bindings): EvalContext {
        return {
            evaluate: (n) => this.compiledOf(n)(row, bound),
            evaluateWith: (n, name, value) => this.compiledOf(n)(row, new Map([...bound, [name, value]])),
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

    private compiledOf(node: EvalNode): CompiledExpr {
        let fn = this.compiled.get(node);
        if (fn === undefined) {
            fn = this.compile(node);
            this.compiled.set(node, fn);
        }
        return fn;
    }

    private compile(node: EvalNode): CompiledExpr {
        switch (node.kind) {
            case 'literal': {
                const { value } = node;
                return () => value;
            }
            case 'field': {
                const { name } = node;
                return (row, bound) => (bound.size === 0 ? undefined : bound.get(name)) ?? fieldValue(row.get(name));
            }
            case 'call':
                return compileCall(
                    node.name,
                    node.args,
                    node.args.map((a) => this.compiledOf(a)),
                    this.scope,
                    (row, bound) => this.contextOf(row, bound)
                );
            case 'unary': {
                const operand = this.compiledOf(node.operand);
                if (node.op === 'NOT') {
                    return (row, bound) => {
                        const v = operand(row, bound);
                        return v === null ? null : v !== true;
                    };
                }
                return (row, bound) => {
                    const n = asNumber(operand(row, bound));
                    return n === null ? null : -n;
                };
            }
            case 'binary': {
                const { op } = node;
                const left = this.compiledOf(node.left);
                const right = this.compiledOf(node.right);
                if (op === 'AND') return (row, bound) => left(row, bound) === true && right(row, bound) === true;
                if (op === 'OR') return (row, bound) => left(row, bound) === true || right(row, bound) === true;
                if (op === 'XOR') return (row, bound) => (left(row, bound) === true) !== (right(row, bound) === true);
                if (COMPARISONS.has(op)) return (row, bound) => compare(op, left(row, bound), right(row, bound));
                return (row, bound) => arithmetic(op, left(row, bound), right(row, bound));
            }
        }
    }
}
