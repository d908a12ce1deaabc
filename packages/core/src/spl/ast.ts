/**
 * A small immutable AST for the SPL the product generates. Nodes are frozen plain objects with a `kind` tag and
 * carry raw, unescaped values; only `compiler.ts` turns them into text, so all quoting lives in one place.
 *
 * Field names and macro names are identifiers chosen by this code, never by users; the compiler still sanitises
 * them. Every value that may come from an indicator is a plain string in a `value` slot.
 */

// ---------------------------------------------------------------------------------------------------------------
// Search expressions (the language of `search`, the base search, `tstats ... where` and `searchmatch()`).

/** `TERM(value)`: an exact indexed term. The compiler falls back to a phrase if the value contains major breakers. */
export interface TermNode {
    readonly kind: 'term';
    readonly value: string;
}

/** `"value"`: a quoted phrase. */
export interface PhraseNode {
    readonly kind: 'phrase';
    readonly value: string;
}

/** A quoted value with intended wildcards: the `parts` are literal and joined by `*`, e.g. `["", ".evil.example"]`. */
export interface PatternNode {
    readonly kind: 'pattern';
    readonly parts: readonly string[];
}

/** A value on the right of a field comparison. */
export type ValueNode = PhraseNode | PatternNode;

/** `field=value` or `field!=value`. */
export interface CompareNode {
    readonly kind: 'compare';
    readonly field: string;
    readonly op: '=' | '!=';
    readonly value: ValueNode;
}

/** `field IN ("a", "b")`. */
export interface InNode {
    readonly kind: 'in';
    readonly field: string;
    readonly values: readonly ValueNode[];
}

/** Conjunction (implicit AND) of expressions. */
export interface AndNode {
    readonly kind: 'and';
    readonly items: readonly SearchExpr[];
}

/** Disjunction of expressions. */
export interface OrNode {
    readonly kind: 'or';
    readonly items: readonly SearchExpr[];
}

/** Negation. */
export interface NotNode {
    readonly kind: 'not';
    readonly item: SearchExpr;
}

/** A search macro invocation: `` `name` `` or `` `name("a","b")` ``. */
export interface MacroNode {
    readonly kind: 'macro';
    readonly name: string;
    readonly args: readonly string[];
}

/** Anything that can appear in a search expression. */
export type SearchExpr =
    TermNode | PhraseNode | PatternNode | CompareNode | InNode | AndNode | OrNode | NotNode | MacroNode;

// ---------------------------------------------------------------------------------------------------------------
// Eval expressions (the language of `eval` and `where`).

/** Eval functions the generator uses; the stand-in implements all of them. */
export type EvalFunction =
    | 'if'
    | 'case'
    | 'match'
    | 'searchmatch'
    | 'mvappend'
    | 'mvfilter'
    | 'mvcount'
    | 'mvfind'
    | 'isnull'
    | 'isnotnull'
    | 'null'
    | 'lower'
    | 'coalesce'
    | 'tostring'
    | 'urldecode'
    | 'floor';

/** A reference to a field (compiled as `'name'` when it is not a plain identifier). */
export interface FieldRefNode {
    readonly kind: 'field-ref';
    readonly name: string;
}

/** A string literal. */
export interface StringNode {
    readonly kind: 'string';
    readonly value: string;
}

/** A finite number literal. */
export interface NumberNode {
    readonly kind: 'number';
    readonly value: number;
}

/** A regular expression (as a string literal) that matches `text` literally; optionally anchored, case-insensitive. */
export interface LiteralRegexNode {
    readonly kind: 'literal-regex';
    readonly text: string;
    readonly ignoreCase: boolean;
    readonly anchored: boolean;
}

/**
 * A regular expression built by the matching rules (matching.ts) from escaped literal parts, in the dialect PCRE and
 * JavaScript read alike; compiled as a string literal.
 */
export interface RegexNode {
    readonly kind: 'regex';
    readonly source: string;
}

/** A search expression compiled to text and passed as a string, for `searchmatch()`. */
export interface SearchStringNode {
    readonly kind: 'search-string';
    readonly expr: SearchExpr;
}

/** A function call. */
export interface CallNode {
    readonly kind: 'call';
    readonly fn: EvalFunction;
    readonly args: readonly EvalExpr[];
}

/** A binary operator. */
export interface BinaryNode {
    readonly kind: 'binary';
    readonly op: '==' | '!=' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR' | '.' | '+' | '-' | '*' | '/';
    readonly left: EvalExpr;
    readonly right: EvalExpr;
}

/** Anything that can appear in an eval expression. */
export type EvalExpr =
    FieldRefNode | StringNode | NumberNode | LiteralRegexNode | RegexNode | SearchStringNode | CallNode | BinaryNode;

// ---------------------------------------------------------------------------------------------------------------
// Commands and pipelines.

/** An aggregation of `stats` or `tstats`: `count`, `min(_time) as first_seen`, ... */
export interface AggregationNode {
    readonly kind: 'aggregation';
    readonly fn: 'count' | 'dc' | 'min' | 'max' | 'values' | 'sum' | 'earliest' | 'latest';
    readonly field?: string;
    readonly as?: string;
}

/** The base search (first command, no keyword) or a later `| search`. */
export interface SearchCommand {
    readonly kind: 'search';
    readonly expr: SearchExpr;
}

/** `| tstats [<macro>] <aggregations> from datamodel=<model>.<dataset> [where <expr>] [by <fields>]`. */
export interface TstatsCommand {
    readonly kind: 'tstats';
    /** A macro expanding to tstats options, e.g. `summariesonly=true`. */
    readonly optionsMacro?: MacroNode;
    readonly aggregations: readonly AggregationNode[];
    readonly datamodel: string;
    readonly dataset: string;
    readonly where?: SearchExpr;
    readonly by: readonly string[];
    /** `span=` of `_time` in the by-clause, e.g. `1h`. */
    readonly span?: string;
    /** `fillnull_value=`: groups of events that lack a by-field keep this value instead of being dropped. */
    readonly fillnull?: string;
}

/** `| append [maxout=<n>] [<subsearch>]`: the subsearch's results after the current ones. */
export interface AppendCommand {
    readonly kind: 'append';
    readonly subsearch: Pipeline;
    /** Most results kept from the subsearch. */
    readonly maxout?: number;
}

/** `| eval a=<expr>, b=<expr>`. */
export interface EvalCommand {
    readonly kind: 'eval';
    readonly assignments: readonly { readonly field: string; readonly expr: EvalExpr }[];
}

/** `| where <expr>`. */
export interface WhereCommand {
    readonly kind: 'where';
    readonly expr: EvalExpr;
}

/** `| stats <aggregations> [by <fields>]`. */
export interface StatsCommand {
    readonly kind: 'stats';
    readonly aggregations: readonly AggregationNode[];
    readonly by: readonly string[];
}

/** `| mvexpand field`. */
export interface MvexpandCommand {
    readonly kind: 'mvexpand';
    readonly field: string;
}

/** `| sort 0 - a + b`. */
export interface SortCommand {
    readonly kind: 'sort';
    readonly keys: readonly { readonly field: string; readonly descending: boolean }[];
}

/** `| head n`. */
export interface HeadCommand {
    readonly kind: 'head';
    readonly count: number;
}

/** `| table a b` or `| fields [-] a b`. */
export interface FieldListCommand {
    readonly kind: 'table' | 'fields';
    readonly fields: readonly string[];
    readonly remove: boolean;
}

/** `| rename a as b`. */
export interface RenameCommand {
    readonly kind: 'rename';
    readonly pairs: readonly { readonly from: string; readonly to: string }[];
}

/** One command of a pipeline. */
export type Command =
    | SearchCommand
    | TstatsCommand
    | EvalCommand
    | WhereCommand
    | StatsCommand
    | MvexpandCommand
    | SortCommand
    | HeadCommand
    | FieldListCommand
    | RenameCommand
    | AppendCommand;

/** A whole search: commands joined by pipes. */
export interface Pipeline {
    readonly kind: 'pipeline';
    readonly commands: readonly Command[];
}

// ---------------------------------------------------------------------------------------------------------------
// Constructors: the only way the generators build nodes. Each returns a frozen node.

function frozen<T extends object>(node: T): Readonly<T> {
    return Object.freeze(node);
}

/** `TERM(value)`, or a phrase when the value has major breakers. */
export const term = (value: string): TermNode => frozen({ kind: 'term', value });
/** A quoted phrase. */
export const phrase = (value: string): PhraseNode => frozen({ kind: 'phrase', value });
/** A quoted wildcard pattern: literal parts joined by `*`. */
export const pattern = (...parts: string[]): PatternNode => frozen({ kind: 'pattern', parts: Object.freeze(parts) });
/** `field=value`, the value quoted. */
export const eq = (field: string, value: string | ValueNode): CompareNode =>
    frozen({ kind: 'compare', field, op: '=', value: typeof value === 'string' ? phrase(value) : value });
/** `field!=value`, the value quoted. */
export const neq = (field: string, value: string | ValueNode): CompareNode =>
    frozen({ kind: 'compare', field, op: '!=', value: typeof value === 'string' ? phrase(value) : value });
/** `field IN (...)`. */
export const isIn = (field: string, values: readonly (string | ValueNode)[]): InNode =>
    frozen({
        kind: 'in',
        field,
        values: Object.freeze(values.map((v) => (typeof v === 'string' ? phrase(v) : v))),
    });
/** AND of the items (flattened). */
export const and = (...items: SearchExpr[]): AndNode =>
    frozen({ kind: 'and', items: Object.freeze(items.flatMap((i) => (i.kind === 'and' ? i.items : [i]))) });
/** OR of the items (flattened). */
export const or = (...items: SearchExpr[]): OrNode =>
    frozen({ kind: 'or', items: Object.freeze(items.flatMap((i) => (i.kind === 'or' ? i.items : [i]))) });
/** NOT item. */
export const not = (item: SearchExpr): NotNode => frozen({ kind: 'not', item });
/** A macro invocation. */
export const macro = (name: string, ...args: string[]): MacroNode =>
    frozen({ kind: 'macro', name, args: Object.freeze(args) });

/** A field reference in eval. */
export const fieldRef = (name: string): FieldRefNode => frozen({ kind: 'field-ref', name });
/** A string literal in eval. */
export const str = (value: string): StringNode => frozen({ kind: 'string', value });
/** A number literal in eval. */
export const num = (value: number): NumberNode => frozen({ kind: 'number', value });
/** A regex matching `text` literally. */
export const literalRegex = (
    text: string,
    options: { ignoreCase?: boolean; anchored?: boolean } = {}
): LiteralRegexNode =>
    frozen({
        kind: 'literal-regex',
        text,
        ignoreCase: options.ignoreCase ?? true,
        anchored: options.anchored ?? false,
    });
/** A regular expression of the matching rules, as a string literal. */
export const regex = (source: string): RegexNode => frozen({ kind: 'regex', source });
/** A search expression as a string, for `searchmatch()`. */
export const searchString = (expr: SearchExpr): SearchStringNode => frozen({ kind: 'search-string', expr });
/** A function call. */
export const call = (fn: EvalFunction, ...args: EvalExpr[]): CallNode =>
    frozen({ kind: 'call', fn, args: Object.freeze(args) });
/** A binary operation. */
export const binary = (op: BinaryNode['op'], left: EvalExpr, right: EvalExpr): BinaryNode =>
    frozen({ kind: 'binary', op, left, right });

/** An aggregation, e.g. `agg('min', '_time', 'first_seen')`. */
export const agg = (fn: AggregationNode['fn'], field?: string, as?: string): AggregationNode =>
    frozen({ kind: 'aggregation', fn, ...(field === undefined ? {} : { field }), ...(as === undefined ? {} : { as }) });

/** The base search or `| search`. */
export const searchCmd = (expr: SearchExpr): SearchCommand => frozen({ kind: 'search', expr });
/** `| tstats`. */
export const tstatsCmd = (spec: Omit<TstatsCommand, 'kind'>): TstatsCommand =>
    frozen({
        ...spec,
        kind: 'tstats',
        aggregations: Object.freeze([...spec.aggregations]),
        by: Object.freeze([...spec.by]),
    });
/** `| eval`. */
export const evalCmd = (...assignments: { field: string; expr: EvalExpr }[]): EvalCommand =>
    frozen({ kind: 'eval', assignments: Object.freeze(assignments.map((a) => Object.freeze(a))) });
/** `| where`. */
export const whereCmd = (expr: EvalExpr): WhereCommand => frozen({ kind: 'where', expr });
/** `| stats`. */
export const statsCmd = (aggregations: AggregationNode[], by: string[] = []): StatsCommand =>
    frozen({ kind: 'stats', aggregations: Object.freeze(aggregations), by: Object.freeze(by) });
/** `| mvexpand`. */
export const mvexpandCmd = (field: string): MvexpandCommand => frozen({ kind: 'mvexpand', field });
/** `| sort 0 ...`. */
export const sortCmd = (...keys: { field: string; descending: boolean }[]): SortCommand =>
    frozen({ kind: 'sort', keys: Object.freeze(keys.map((k) => Object.freeze(k))) });
/** `| head n`. */
export const headCmd = (count: number): HeadCommand => frozen({ kind: 'head', count });
/** `| table`. */
export const tableCmd = (...fields: string[]): FieldListCommand =>
    frozen({ kind: 'table', fields: Object.freeze(fields), remove: false });
/** `| fields` (or `| fields -` when `remove`). */
export const fieldsCmd = (fields: string[], remove = false): FieldListCommand =>
    frozen({ kind: 'fields', fields: Object.freeze(fields), remove });
/** `| rename a as b`. */
export const renameCmd = (...pairs: { from: string; to: string }[]): RenameCommand =>
    frozen({ kind: 'rename', pairs: Object.freeze(pairs.map((p) => Object.freeze(p))) });
/** `| append [subsearch]`. */
export const appendCmd = (subsearch: Pipeline, maxout?: number): AppendCommand =>
    frozen({ kind: 'append', subsearch, ...(maxout === undefined ? {} : { maxout }) });
/** A pipeline of commands. */
export const pipeline = (...commands: Command[]): Pipeline =>
    frozen({ kind: 'pipeline', commands: Object.freeze(commands) });
