/**
 * The eval functions the stand-in supports, with Splunk's semantics. Functions taking text apply
 * to the first value of a multivalue field, except `lower`, `upper`, `trim`, `ltrim`, `rtrim`,
 * `replace` and `urldecode`, which map over every value. Regular expressions run on JavaScript's
 * engine with PCRE's rules where the two differ (see pcre-regex.ts): a leading `(?i)` ignores
 * case, and a lookbehind that is not of fixed length is an error.
 */
import { createHash } from 'node:crypto';
import { cidrMatch } from './cidr';
import type { EvalNode, EvalValue } from './eval-ast';
import { asList, asNumber, asText, fromList, mapText } from './eval-coerce';
import { compareAuto, type Row } from './field-value';
import type { RegexPrefilter } from './literal-scan';
import {
    compileSplRegex,
    RegexSyntaxError,
    RegexUnsupportedError,
    tryCompileSplRegex,
    type SplRegex,
} from './pcre-regex';
import { SplError } from './spl-error';
import { strftime, strptime } from './strftime';
import { resolveTimeModifier } from './time-modifiers';

/** What a function implementation can ask of the evaluator. */
export interface EvalContext {
    /** Evaluates an argument. */
    evaluate(node: EvalNode): EvalValue;
    /** Evaluates `node` with field `name` temporarily bound to `value` (for `mvfilter`). */
    evaluateWith(node: EvalNode, name: string, value: string): EvalValue;
    /** `searchmatch()`: does the current row match this search expression? */
    searchMatch(search: string): boolean;
    /** The search's "now", in epoch seconds. */
    readonly now: number;
    /** The command name used in error messages. */
    readonly command: string;
}

type Impl = (args: readonly EvalNode[], ctx: EvalContext) => EvalValue;

/** Values bound to field names while a predicate runs (`mvfilter`); empty otherwise. */
export type Bindings = ReadonlyMap<string, string>;

/** An expression compiled to a function of the row (see eval-evaluator.ts). */
export type CompiledExpr = (row: Row, bound: Bindings) => EvalValue;

/** What the calls of one command share while they are compiled. */
export interface CompileScope {
    /** The command name used in error messages. */
    readonly command: string;
    /** The shared literal pre-check of the command's regexes with a literal pattern. */
    readonly prefilter: RegexPrefilter;
}

/**
 * A function that works on compiled arguments directly, for the calls a search may make thousands
 * of times per row (`if`, `null`, `match`, `mvappend`).
 */
type Direct = (args: readonly CompiledExpr[], nodes: readonly EvalNode[], scope: CompileScope) => CompiledExpr;

type FunctionSpec =
    | { readonly min: number; readonly max: number; readonly impl: Impl }
    | { readonly min: number; readonly max: number; readonly direct: Direct };

const MANY = Number.MAX_SAFE_INTEGER;

// The closures a search may run millions of times call these through local names: under the
// CommonJS transform the stand-in runs with, each call of an imported function first reads a
// module property.
const textOf = asText;
const valueOfList = fromList;

/**
 * Compiles a Splunk (PCRE) regular expression, once per distinct pattern (see pcre-regex.ts), failing
 * the search on a bad one with `Error in '<command>' command: Regex: <reason>`.
 */
export function compileRegex(pattern: string, command: string, flags = ''): SplRegex {
    try {
        return compileSplRegex(pattern, flags);
    } catch (e) {
        if (e instanceof RegexSyntaxError) {
            throw new SplError('runtime', `Error in '${command}' command: Regex: ${e.message}`, 'ERROR');
        }
        if (e instanceof RegexUnsupportedError) {
            throw new SplError('unsupported-argument', `Error in '${command}' command: Regex: ${e.message}.`, 'ERROR');
        }
        throw e;
    }
}

const text1 =
    (fn: (s: string) => string | null): Impl =>
    (args, ctx) => {
        const [a] = args;
        return a === undefined ? null : mapText(ctx.evaluate(a), fn);
    };

const numeric1 =
    (fn: (n: number) => number): Impl =>
    (args, ctx) => {
        const n = args[0] === undefined ? null : asNumber(ctx.evaluate(args[0]));
        if (n === null) return null;
        const r = fn(n);
        return Number.isFinite(r) ? r : null;
    };

const likeCache = new Map<string, RegExp>();

function likeToRegExp(pattern: string): RegExp {
    let re = likeCache.get(pattern);
    if (re === undefined) {
        const body = pattern.replace(/[.*+?^${}()|[\]\\/%_]/g, (c) => (c === '%' ? '.*' : c === '_' ? '.' : `\\${c}`));
        re = new RegExp(`^${body}$`, 's');
        if (likeCache.size >= 10_000) likeCache.clear();
        likeCache.set(pattern, re);
    }
    return re;
}

/** SQL-style LIKE: `%` any characters, `_` one character, case-sensitive. */
export function likeMatch(text: string, pattern: string): boolean {
    return likeToRegExp(pattern).test(text);
}

function hash(algorithm: string): Impl {
    return (args, ctx) => {
        const t = args[0] === undefined ? null : asText(ctx.evaluate(args[0]));
        return t === null ? null : createHash(algorithm).update(t).digest('hex');
    };
}

function roundHalfAway(n: number, digits: number): number {
    const f = 10 ** digits;
    return (Math.sign(n) * Math.round(Math.abs(n) * f)) / f;
}

function extreme(direction: 1 | -1): Impl {
    return (args, ctx) => {
        let best: string | number | null = null;
        for (const a of args) {
            for (const v of asList(ctx.evaluate(a))) {
                const candidate = asNumber(v) ?? v;
                if (best === null || direction * compareAuto(candidate, best) > 0) best = candidate;
            }
        }
        return best;
    };
}

function toStringImpl(args: readonly EvalNode[], ctx: EvalContext): EvalValue {
    const [a, f] = args;
    if (a === undefined) return null;
    const value = ctx.evaluate(a);
    if (value === null) return null;
    if (f === undefined) return typeof value === 'object' ? value : asText(value);
    const format = asText(ctx.evaluate(f));
    const n = asNumber(value);
    if (n === null) return asText(value);
    if (format === 'hex') return `0x${Math.trunc(n).toString(16).toUpperCase()}`;
    if (format === 'commas') {
        const fixed = Number.isInteger(n) ? n.toFixed(0) : n.toFixed(2);
        const [int = '', frac] = fixed.split('.');
        const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        return frac === undefined ? grouped : `${grouped}.${frac}`;
    }
    if (format === 'duration') {
        const total = Math.floor(Math.abs(n));
        const days = Math.floor(total / 86400);
        const rest = total % 86400;
        const hms = [Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60]
            .map((x) => String(x).padStart(2, '0'))
            .join(':');
        return days > 0 ? `${days}+${hms}` : hms;
    }
    return asText(value);
}

function toNumberImpl(args: readonly EvalNode[], ctx: EvalContext): EvalValue {
    const [a, b] = args;
    if (a === undefined) return null;
    const value = ctx.evaluate(a);
    if (typeof value === 'number') return value;
    const t = asText(value)?.trim();
    if (t === undefined || t === '') return null;
    const base = b === undefined ? 10 : asNumber(ctx.evaluate(b));
    if (base === 10) return asNumber(t);
    if (base === null || base < 2 || base > 36) return null;
    const digits = t.replace(/^0x/i, '');
    const parsed = parseInt(digits, base);
    return Number.isNaN(parsed) || !new RegExp(`^[0-9a-z]+$`, 'i').test(digits) ? null : parsed;
}

function substrImpl(args: readonly EvalNode[], ctx: EvalContext): EvalValue {
    const [a, s, l] = args;
    if (a === undefined || s === undefined) return null;
    const text = asText(ctx.evaluate(a));
    const start = asNumber(ctx.evaluate(s));
    if (text === null || start === null) return null;
    const length = l === undefined ? undefined : asNumber(ctx.evaluate(l));
    if (length === null) return null;
    const chars = Array.from(text);
    let from = start > 0 ? start - 1 : start < 0 ? chars.length + start : 0;
    if (from < 0) from = 0;
    const to = length === undefined ? chars.length : from + Math.max(0, Math.trunc(length));
    return chars.slice(from, to).join('');
}

function mvindexImpl(args: readonly EvalNode[], ctx: EvalContext): EvalValue {
    const [a, s, e] = args;
    if (a === undefined || s === undefined) return null;
    const values = asList(ctx.evaluate(a));
    const norm = (i: number): number => (i < 0 ? values.length + i : i);
    const start = asNumber(ctx.evaluate(s));
    if (start === null) return null;
    const from = norm(Math.trunc(start));
    if (e === undefined) return values[from] ?? null;
    const end = asNumber(ctx.evaluate(e));
    if (end === null) return null;
    const to = norm(Math.trunc(end));
    if (from < 0 || from >= values.length || to < from) return null;
    return fromList(values.slice(from, to + 1));
}

function firstFieldName(node: EvalNode): string | undefined {
    switch (node.kind) {
        case 'field':
            return node.name;
        case 'literal':
            return undefined;
        case 'unary':
            return firstFieldName(node.operand);
        case 'binary':
            return firstFieldName(node.left) ?? firstFieldName(node.right);
        case 'call':
            for (const a of node.args) {
                const name = firstFieldName(a);
                if (name !== undefined) return name;
            }
            return undefined;
    }
}

const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
    [
        'if',
        {
            min: 3,
            max: 3,
            direct:
                ([c, t, f]) =>
                (row, bound) =>
                    c?.(row, bound) === true ? (t ? t(row, bound) : null) : f ? f(row, bound) : null,
        },
    ],
    [
        'case',
        {
            min: 2,
            max: MANY,
            impl: (args, ctx) => {
                for (let i = 0; i + 1 < args.length; i += 2) {
                    const cond = args[i];
                    const value = args[i + 1];
                    if (cond && value && ctx.evaluate(cond) === true) return ctx.evaluate(value);
                }
                return null;
            },
        },
    ],
    [
        'coalesce',
        {
            min: 1,
            max: MANY,
            impl: (args, ctx) => {
                for (const a of args) {
                    const v = ctx.evaluate(a);
                    if (v !== null) return v;
                }
                return null;
            },
        },
    ],
    [
        'nullif',
        {
            min: 2,
            max: 2,
            impl: ([a, b], ctx) => {
                if (!a || !b) return null;
                const x = ctx.evaluate(a);
                return asText(x) === asText(ctx.evaluate(b)) ? null : x;
            },
        },
    ],
    ['null', { min: 0, max: 0, direct: () => () => null }],
    ['true', { min: 0, max: 0, impl: () => true }],
    ['false', { min: 0, max: 0, impl: () => false }],
    ['isnull', { min: 1, max: 1, impl: ([a], ctx) => (a ? ctx.evaluate(a) === null : true) }],
    ['isnotnull', { min: 1, max: 1, impl: ([a], ctx) => (a ? ctx.evaluate(a) !== null : false) }],
    [
        'isnum',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const v = a ? ctx.evaluate(a) : null;
                return typeof v === 'number' || (typeof v === 'string' && asNumber(v) !== null);
            },
        },
    ],
    [
        'isint',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const v = a ? ctx.evaluate(a) : null;
                const n = typeof v === 'number' || typeof v === 'string' ? asNumber(v) : null;
                return n !== null && Number.isInteger(n);
            },
        },
    ],
    [
        'isstr',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const v = a ? ctx.evaluate(a) : null;
                return typeof v === 'string' && asNumber(v) === null;
            },
        },
    ],
    [
        'typeof',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const v = a ? ctx.evaluate(a) : null;
                if (v === null) return 'Invalid';
                if (typeof v === 'boolean') return 'Boolean';
                if (typeof v === 'number' || asNumber(v) !== null) return 'Number';
                return typeof v === 'string' ? 'String' : 'Multivalue';
            },
        },
    ],
    ['lower', { min: 1, max: 1, impl: text1((s) => s.toLowerCase()) }],
    ['upper', { min: 1, max: 1, impl: text1((s) => s.toUpperCase()) }],
    [
        'urldecode',
        {
            min: 1,
            max: 1,
            impl: text1((s) => {
                try {
                    return decodeURIComponent(s.replace(/\+/g, ' '));
                } catch {
                    return s;
                }
            }),
        },
    ],
    ...(['trim', 'ltrim', 'rtrim'] as const).map((name): [string, FunctionSpec] => [
        name,
        {
            min: 1,
            max: 2,
            impl: (args, ctx) => {
                const [a, c] = args;
                if (!a) return null;
                const chars = c === undefined ? ' \t' : (asText(ctx.evaluate(c)) ?? '');
                const set = new Set(Array.from(chars));
                return mapText(ctx.evaluate(a), (s) => {
                    const list = Array.from(s);
                    let from = 0;
                    let to = list.length;
                    if (name !== 'rtrim') while (from < to && set.has(list[from] ?? '')) from++;
                    if (name !== 'ltrim') while (to > from && set.has(list[to - 1] ?? '')) to--;
                    return list.slice(from, to).join('');
                });
            },
        },
    ]),
    [
        'len',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const t = a ? asText(ctx.evaluate(a)) : null;
                return t === null ? null : Array.from(t).length;
            },
        },
    ],
    ['substr', { min: 2, max: 3, impl: substrImpl }],
    [
        'replace',
        {
            min: 3,
            max: 3,
            impl: ([a, r, s], ctx) => {
                if (!a || !r || !s) return null;
                const pattern = asText(ctx.evaluate(r));
                const replacement = asText(ctx.evaluate(s));
                if (pattern === null || replacement === null) return null;
                const re = compileRegex(pattern, ctx.command, 'g');
                const jsReplacement = replacement.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
                return mapText(ctx.evaluate(a), (t) => (re.mayMatch(t) ? t.replace(re.regex, jsReplacement) : t));
            },
        },
    ],
    [
        'match',
        {
            min: 2,
            max: 2,
            direct: ([a, r], [, rNode], { command, prefilter }) => {
                if (!a || !r) return () => null;
                if (rNode?.kind === 'literal') {
                    // A literal pattern joins the command's shared pre-check now; a bad one fails at the
                    // first row that needs it, as any other pattern does.
                    const pattern = asText(rNode.value);
                    const known = pattern === null ? undefined : tryCompileSplRegex(pattern);
                    const mayMatch = known === undefined ? undefined : prefilter.register(known);
                    let re: SplRegex | undefined;
                    return (row, bound) => {
                        const t = textOf(a(row, bound));
                        if (pattern === null || t === null) return null;
                        re ??= compileRegex(pattern, command);
                        return (mayMatch === undefined ? re.mayMatch(t) : mayMatch(t)) && re.regex.test(t);
                    };
                }
                return (row, bound) => {
                    const pattern = asText(r(row, bound));
                    const t = asText(a(row, bound));
                    if (pattern === null || t === null) return null;
                    return compileRegex(pattern, command).test(t);
                };
            },
        },
    ],
    [
        'like',
        {
            min: 2,
            max: 2,
            impl: ([a, p], ctx) => {
                if (!a || !p) return null;
                const t = asText(ctx.evaluate(a));
                const pattern = asText(ctx.evaluate(p));
                return t === null || pattern === null ? null : likeMatch(t, pattern);
            },
        },
    ],
    [
        'searchmatch',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const t = a ? asText(ctx.evaluate(a)) : null;
                return t === null ? null : ctx.searchMatch(t);
            },
        },
    ],
    [
        'cidrmatch',
        {
            min: 2,
            max: 2,
            impl: ([c, i], ctx) => {
                if (!c || !i) return null;
                const cidr = asText(ctx.evaluate(c));
                if (cidr === null) return null;
                return asList(ctx.evaluate(i)).some((ip) => cidrMatch(cidr, ip));
            },
        },
    ],
    [
        'in',
        {
            min: 2,
            max: MANY,
            impl: ([a, ...list], ctx) => {
                if (!a) return null;
                const values = asList(ctx.evaluate(a));
                const candidates = list.flatMap((n) => asList(ctx.evaluate(n)));
                return values.some((v) => candidates.includes(v));
            },
        },
    ],
    [
        'mvappend',
        {
            min: 1,
            max: MANY,
            direct: (args) => (row, bound) => {
                const out: string[] = [];
                for (const arg of args) {
                    const value = arg(row, bound);
                    if (value === null) continue;
                    if (typeof value === 'object') out.push(...value);
                    else out.push(textOf(value) ?? '');
                }
                return valueOfList(out);
            },
        },
    ],
    [
        'mvcount',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) => {
                const values = a ? asList(ctx.evaluate(a)) : [];
                return values.length === 0 ? null : values.length;
            },
        },
    ],
    ['mvindex', { min: 2, max: 3, impl: mvindexImpl }],
    [
        'mvjoin',
        {
            min: 2,
            max: 2,
            impl: ([a, d], ctx) => {
                if (!a || !d) return null;
                const values = asList(ctx.evaluate(a));
                const delim = asText(ctx.evaluate(d));
                return values.length === 0 || delim === null ? null : values.join(delim);
            },
        },
    ],
    ['mvdedup', { min: 1, max: 1, impl: ([a], ctx) => (a ? fromList([...new Set(asList(ctx.evaluate(a)))]) : null) }],
    [
        'mvsort',
        {
            min: 1,
            max: 1,
            impl: ([a], ctx) =>
                a ? fromList([...asList(ctx.evaluate(a))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) : null,
        },
    ],
    [
        'mvfind',
        {
            min: 2,
            max: 2,
            impl: ([a, r], ctx) => {
                if (!a || !r) return null;
                const pattern = asText(ctx.evaluate(r));
                if (pattern === null) return null;
                const re = compileRegex(pattern, ctx.command);
                const i = asList(ctx.evaluate(a)).findIndex((v) => re.test(v));
                return i < 0 ? null : i;
            },
        },
    ],
    [
        'mvfilter',
        {
            min: 1,
            max: 1,
            impl: ([predicate], ctx) => {
                if (!predicate) return null;
                const name = firstFieldName(predicate);
                if (name === undefined) return null;
                const values = asList(ctx.evaluate({ kind: 'field', name }));
                return fromList(values.filter((v) => ctx.evaluateWith(predicate, name, v) === true));
            },
        },
    ],
    [
        'mvzip',
        {
            min: 2,
            max: 3,
            impl: ([a, b, d], ctx) => {
                if (!a || !b) return null;
                const x = asList(ctx.evaluate(a));
                const y = asList(ctx.evaluate(b));
                const delim = d === undefined ? ',' : (asText(ctx.evaluate(d)) ?? ',');
                const n = Math.min(x.length, y.length);
                return fromList(x.slice(0, n).map((v, i) => `${v}${delim}${y[i] ?? ''}`));
            },
        },
    ],
    [
        'split',
        {
            min: 2,
            max: 2,
            impl: ([a, d], ctx) => {
                if (!a || !d) return null;
                const t = asText(ctx.evaluate(a));
                const delim = asText(ctx.evaluate(d));
                if (t === null || delim === null) return null;
                return fromList(delim === '' ? Array.from(t) : t.split(delim));
            },
        },
    ],
    ['tostring', { min: 1, max: 2, impl: toStringImpl }],
    ['tonumber', { min: 1, max: 2, impl: toNumberImpl }],
    [
        'round',
        {
            min: 1,
            max: 2,
            impl: ([a, d], ctx) => {
                const n = a ? asNumber(ctx.evaluate(a)) : null;
                const digits = d === undefined ? 0 : asNumber(ctx.evaluate(d));
                return n === null || digits === null ? null : roundHalfAway(n, Math.trunc(digits));
            },
        },
    ],
    ['abs', { min: 1, max: 1, impl: numeric1(Math.abs) }],
    ['ceil', { min: 1, max: 1, impl: numeric1(Math.ceil) }],
    ['ceiling', { min: 1, max: 1, impl: numeric1(Math.ceil) }],
    ['floor', { min: 1, max: 1, impl: numeric1(Math.floor) }],
    ['sqrt', { min: 1, max: 1, impl: numeric1(Math.sqrt) }],
    ['exp', { min: 1, max: 1, impl: numeric1(Math.exp) }],
    ['ln', { min: 1, max: 1, impl: numeric1(Math.log) }],
    [
        'log',
        {
            min: 1,
            max: 2,
            impl: ([a, b], ctx) => {
                const n = a ? asNumber(ctx.evaluate(a)) : null;
                const base = b === undefined ? 10 : asNumber(ctx.evaluate(b));
                if (n === null || base === null || n <= 0 || base <= 0) return null;
                return Math.log(n) / Math.log(base);
            },
        },
    ],
    [
        'pow',
        {
            min: 2,
            max: 2,
            impl: ([a, b], ctx) => {
                const x = a ? asNumber(ctx.evaluate(a)) : null;
                const y = b ? asNumber(ctx.evaluate(b)) : null;
                return x === null || y === null ? null : x ** y;
            },
        },
    ],
    ['pi', { min: 0, max: 0, impl: () => Math.PI }],
    ['exact', { min: 1, max: 1, impl: ([a], ctx) => (a ? ctx.evaluate(a) : null) }],
    ['min', { min: 1, max: MANY, impl: extreme(-1) }],
    ['max', { min: 1, max: MANY, impl: extreme(1) }],
    ['now', { min: 0, max: 0, impl: (_args, ctx) => ctx.now }],
    ['time', { min: 0, max: 0, impl: () => Date.now() / 1000 }],
    [
        'strftime',
        {
            min: 2,
            max: 2,
            impl: ([a, f], ctx) => {
                const t = a ? asNumber(ctx.evaluate(a)) : null;
                const format = f ? asText(ctx.evaluate(f)) : null;
                return t === null || format === null ? null : strftime(t, format);
            },
        },
    ],
    [
        'strptime',
        {
            min: 2,
            max: 2,
            impl: ([a, f], ctx) => {
                const t = a ? asText(ctx.evaluate(a)) : null;
                const format = f ? asText(ctx.evaluate(f)) : null;
                return t === null || format === null ? null : strptime(t, format);
            },
        },
    ],
    [
        'relative_time',
        {
            min: 2,
            max: 2,
            impl: ([a, m], ctx) => {
                const t = a ? asNumber(ctx.evaluate(a)) : null;
                const modifier = m ? asText(ctx.evaluate(m)) : null;
                return t === null || modifier === null ? null : (resolveTimeModifier(modifier, t) ?? null);
            },
        },
    ],
    ['md5', { min: 1, max: 1, impl: hash('md5') }],
    ['sha1', { min: 1, max: 1, impl: hash('sha1') }],
    ['sha256', { min: 1, max: 1, impl: hash('sha256') }],
    ['sha512', { min: 1, max: 1, impl: hash('sha512') }],
]);

/** Supported function names (lower case) with their [minimum, maximum] argument counts. */
export const FUNCTION_ARITY: ReadonlyMap<string, readonly [number, number]> = new Map(
    [...FUNCTIONS].map(([name, spec]) => [name, [spec.min, spec.max] as const])
);

/**
 * Compiles a call of a supported function (the parser has already checked the name and argument
 * count). `contextOf` gives the context of a row for functions that evaluate their arguments
 * themselves.
 */
export function compileCall(
    name: string,
    nodes: readonly EvalNode[],
    args: readonly CompiledExpr[],
    scope: CompileScope,
    contextOf: (row: Row, bound: Bindings) => EvalContext
): CompiledExpr {
    const spec = FUNCTIONS.get(name);
    if (spec === undefined) {
        return () => {
            throw new SplError(
                'unsupported-function',
                `Error in '${scope.command}' command: The '${name}' function is unsupported or undefined.`
            );
        };
    }
    if ('direct' in spec) return spec.direct(args, nodes, scope);
    const { impl } = spec;
    return (row, bound) => impl(nodes, contextOf(row, bound));
}
