/**
 * The SPL compiler: the only module that turns values into SPL text. Every quoting, escaping and identifier rule
 * lives here, so the guarantees can be proven in one place:
 *
 * - A value from an indicator only ever appears inside `TERM(...)` (when it consists of characters that are safe
 *   there and contains no major breaker of Splunk's default segmenter, `segmenters.conf [default] MAJOR`), inside
 *   a double-quoted string (with `\` and `"` escaped by a backslash), or as an escaped regular expression.
 * - The compiler never emits a backtick except for macro invocations it was asked for, never emits `[` or `]`
 *   outside a quoted string except around an `append` subsearch it was asked for, and never emits a `|` except
 *   between commands, whatever the values are.
 * - Characters that Splunk's `search` cannot express literally inside quotes (`*` is a wildcard even in a quoted
 *   phrase; a backtick would start a macro; control characters) are widened to `*`. The search then finds a
 *   superset, and {@link needsExactFilter} tells the generator to add an exact `where match(...)` filter.
 */
import type { AggregationNode, Command, EvalExpr, MacroNode, Pipeline, SearchExpr, ValueNode } from './ast';
import { regexLiteral } from './regex-text';
import { MAJOR_CHARS, MAJOR_SEQUENCES } from './segmentation';

/** Single-character major breakers of `segmenters.conf` `[default]`. */
const MAJOR_CHAR_CLASS = new RegExp(`[${MAJOR_CHARS.replace(/[\\\]^-]/g, (c) => `\\${c}`)}]`);

/** Characters allowed inside `TERM()`: minor breakers and word characters that carry no meaning in SPL. */
const TERM_SAFE = /^[A-Za-z0-9._:@/#-]+$/;

/** Search-language words that must never be emitted bare, even inside `TERM()`. */
const KEYWORDS = new Set(['OR', 'AND', 'NOT', 'TERM', 'CASE', 'IN', 'AS', 'BY', 'WHERE', 'FROM', 'LIKE', 'XOR']);

/** Characters a quoted search value cannot express literally: wildcard, backtick (macro), control characters. */
// eslint-disable-next-line no-control-regex
const UNEXPRESSIBLE = /[*`\u0000-\u001f\u007f]/g;

/**
 * True when the value contains a major breaker of Splunk's default segmenter (so `TERM()` cannot find it).
 *
 * @example hasMajorBreaker('evil.example') // false
 * @example hasMajorBreaker('a?b') // true
 */
export function hasMajorBreaker(value: string): boolean {
    if (MAJOR_CHAR_CLASS.test(value)) return true;
    const upper = value.toUpperCase();
    return MAJOR_SEQUENCES.some((seq) => upper.includes(seq));
}

/**
 * True when `TERM(value)` is both exact and safe: no major breakers, only word characters and minor breakers.
 *
 * @example canUseTerm('198.51.100.7') // true
 * @example canUseTerm('http://evil.example/?a=1') // false
 */
export function canUseTerm(value: string): boolean {
    return TERM_SAFE.test(value) && !hasMajorBreaker(value) && !KEYWORDS.has(value.toUpperCase());
}

/**
 * True when a quoted search for this value is only a superset (it contains `*`, a backtick or a control character),
 * so an exact `where match(...)` filter must follow.
 *
 * @example needsExactFilter('http://evil.example/a*b') // true
 */
export function needsExactFilter(value: string): boolean {
    return new RegExp(UNEXPRESSIBLE.source).test(value);
}

/** Escapes text for the inside of a double-quoted SPL string: backslash and double quote get a backslash. */
function escapeQuoted(text: string): string {
    return text.replace(/[\\"]/g, (ch) => `\\${ch}`);
}

/**
 * A command argument as one double-quoted value (`query="a \"b\""`): backslash and double quote escaped. A
 * backtick in quotes starts no macro.
 *
 * @example quotedArgument('evil.example') // '"evil.example"'
 */
export function quotedArgument(value: string): string {
    // eslint-disable-next-line no-control-regex
    return `"${escapeQuoted(value.replace(/[\u0000-\u001f\u007f]/g, ' '))}"`;
}

/** A double-quoted search value; unexpressible characters widened to `*`. */
function quoteSearchValue(value: string): string {
    return `"${escapeQuoted(value.replace(UNEXPRESSIBLE, '*'))}"`;
}

/** A double-quoted search pattern: literal parts (each widened and escaped) joined by intended `*` wildcards. */
function quotePattern(parts: readonly string[]): string {
    return `"${parts.map((p) => escapeQuoted(p.replace(UNEXPRESSIBLE, '*'))).join('*')}"`;
}

/**
 * Sanitises an identifier (field, data model, dataset, eval target): anything outside `[A-Za-z0-9_.:]` becomes `_`,
 * and a leading digit gets a `_` prefix. Identifiers come from this code, never from users; this is a backstop.
 */
export function sanitizeIdentifier(name: string): string {
    const cleaned = name.replace(/[^A-Za-z0-9_.:]/g, '_');
    if (cleaned === '') return '_';
    return /^[0-9.:]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** A field name in eval: bare when it is a plain word, otherwise in single quotes (dots would mean concatenation). */
function evalField(name: string): string {
    const clean = sanitizeIdentifier(name);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(clean) ? clean : `'${clean}'`;
}

function compileMacro(node: MacroNode): string {
    const name = node.name.replace(/[^A-Za-z0-9_]/g, '_') || '_';
    if (node.args.length === 0) return `\`${name}\``;
    const args = node.args.map((a) => `"${escapeQuoted(a.replace(/[^A-Za-z0-9_.:*-]/g, '_'))}"`);
    return `\`${name}(${args.join(',')})\``;
}

function compileValue(value: ValueNode): string {
    return value.kind === 'phrase' ? quoteSearchValue(value.value) : quotePattern(value.parts);
}

/**
 * Contexts of a sub-expression, to parenthesise where needed. In SPL, OR binds tighter than AND (`a b OR c` is
 * `a AND (b OR c)`), so an AND inside an OR needs parentheses; an OR inside an AND gets them too, for readers.
 */
const PREC = { or: 1, and: 2, not: 3, atom: 4 } as const;

function compileSearch(expr: SearchExpr, parent: number): string {
    switch (expr.kind) {
        case 'term':
            return canUseTerm(expr.value) ? `TERM(${expr.value})` : quoteSearchValue(expr.value);
        case 'phrase':
            return quoteSearchValue(expr.value);
        case 'pattern':
            return quotePattern(expr.parts);
        case 'compare':
            return `${sanitizeIdentifier(expr.field)}${expr.op}${compileValue(expr.value)}`;
        case 'in':
            if (expr.values.length === 0) return parent > PREC.or ? '(NOT *)' : 'NOT *';
            return `${sanitizeIdentifier(expr.field)} IN (${expr.values.map(compileValue).join(', ')})`;
        case 'and': {
            if (expr.items.length === 0) return '*';
            if (expr.items.length === 1 && expr.items[0]) return compileSearch(expr.items[0], parent);
            // A macro next to other terms is parenthesised: its definition may contain OR.
            const text = expr.items
                .map((i) => (i.kind === 'macro' ? `(${compileMacro(i)})` : compileSearch(i, PREC.and)))
                .join(' ');
            return parent === PREC.and || parent === 0 ? text : `(${text})`;
        }
        case 'or': {
            if (expr.items.length === 0) return parent > PREC.or ? '(NOT *)' : 'NOT *';
            if (expr.items.length === 1 && expr.items[0]) return compileSearch(expr.items[0], parent);
            const text = expr.items.map((i) => compileSearch(i, PREC.or)).join(' OR ');
            return parent > PREC.or ? `(${text})` : text;
        }
        case 'not':
            return `NOT ${compileSearch(expr.item, PREC.atom)}`;
        case 'macro':
            return parent > 0 ? `(${compileMacro(expr)})` : compileMacro(expr);
    }
}

/**
 * Compiles a search expression (base search, `| search`, `tstats ... where`, `searchmatch()` argument).
 *
 * @example compileSearchExpr(or(term('198.51.100.7'), phrase('a "b"'))) // 'TERM(198.51.100.7) OR "a \\"b\\""'
 */
export function compileSearchExpr(expr: SearchExpr): string {
    return compileSearch(expr, 0);
}

/** A double-quoted eval string. Backticks and control characters are spliced in with `urldecode("%XX")`. */
function evalString(value: string): string {
    // eslint-disable-next-line no-control-regex
    const pieces = value.split(/([`\u0000-\u001f\u007f])/);
    const parts: string[] = [];
    pieces.forEach((piece, i) => {
        if (i % 2 === 1) {
            const hex = piece.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
            parts.push(`urldecode("%${hex}")`);
        } else if (piece !== '' || pieces.length === 1) {
            parts.push(`"${escapeQuoted(piece)}"`);
        }
    });
    return parts.length === 1 ? (parts[0] ?? '""') : `(${parts.join(' . ')})`;
}

function compileEval(expr: EvalExpr, nested: boolean): string {
    switch (expr.kind) {
        case 'field-ref':
            return evalField(expr.name);
        case 'string':
            return evalString(expr.value);
        case 'number':
            return Number.isFinite(expr.value) ? String(expr.value) : '0';
        case 'literal-regex': {
            const body = regexLiteral(expr.text);
            const anchored = expr.anchored ? `^${body}$` : body;
            return evalString(`${expr.ignoreCase ? '(?i)' : ''}${anchored}`);
        }
        case 'regex':
            return evalString(expr.source);
        case 'search-string':
            return evalString(compileSearchExpr(expr.expr));
        case 'call':
            return `${expr.fn}(${expr.args.map((a) => compileEval(a, false)).join(', ')})`;
        case 'binary': {
            // A chain of one associative operator needs no parentheses: `a OR b OR c`, `a . " " . b`.
            const chained = (side: EvalExpr): boolean =>
                (expr.op === 'OR' || expr.op === 'AND' || expr.op === '.') &&
                side.kind === 'binary' &&
                side.op === expr.op;
            const text = `${compileEval(expr.left, !chained(expr.left))} ${expr.op} ${compileEval(expr.right, !chained(expr.right))}`;
            return nested ? `(${text})` : text;
        }
    }
}

/**
 * Compiles an eval expression (for `eval` and `where`).
 *
 * @example compileEvalExpr(call('match', fieldRef('_raw'), literalRegex('a.b'))) // 'match(_raw, "(?i)a\\\\.b")'
 */
export function compileEvalExpr(expr: EvalExpr): string {
    return compileEval(expr, false);
}

function compileAggregation(a: AggregationNode): string {
    const fn = a.field === undefined ? a.fn : `${a.fn}(${sanitizeIdentifier(a.field)})`;
    return a.as === undefined ? fn : `${fn} as ${sanitizeIdentifier(a.as)}`;
}

function fieldList(fields: readonly string[]): string {
    return fields.map(sanitizeIdentifier).join(' ');
}

function byClause(fields: readonly string[]): string {
    return fields.length === 0 ? '' : ` by ${fieldList(fields)}`;
}

function compileCommand(cmd: Command, first: boolean): string {
    switch (cmd.kind) {
        case 'search':
            return first ? compileSearchExpr(cmd.expr) : `| search ${compileSearchExpr(cmd.expr)}`;
        case 'tstats': {
            const options = cmd.optionsMacro ? ` ${compileMacro(cmd.optionsMacro)}` : '';
            const aggs = cmd.aggregations.map(compileAggregation).join(' ');
            const from = `${sanitizeIdentifier(cmd.datamodel).replace(/[.:]/g, '_')}.${sanitizeIdentifier(cmd.dataset).replace(/[.:]/g, '_')}`;
            const where = cmd.where ? ` where ${compileSearchExpr(cmd.where)}` : '';
            const fillnull = cmd.fillnull === undefined ? '' : ` fillnull_value=${quoteSearchValue(cmd.fillnull)}`;
            const span = cmd.span !== undefined && /^\d+[smhd]$/.test(cmd.span) ? ` span=${cmd.span}` : '';
            return `| tstats${options}${fillnull} ${aggs} from datamodel=${from}${where}${byClause(cmd.by)}${span}`;
        }
        case 'eval':
            return `| eval ${cmd.assignments.map((a) => `${evalField(a.field)}=${compileEvalExpr(a.expr)}`).join(', ')}`;
        case 'where':
            return `| where ${compileEvalExpr(cmd.expr)}`;
        case 'stats':
            return `| stats ${cmd.aggregations.map(compileAggregation).join(' ')}${byClause(cmd.by)}`;
        case 'mvexpand':
            return `| mvexpand ${sanitizeIdentifier(cmd.field)}`;
        case 'sort':
            return `| sort 0 ${cmd.keys.map((k) => `${k.descending ? '-' : '+'}${sanitizeIdentifier(k.field)}`).join(' ')}`;
        case 'head':
            return `| head ${Number.isFinite(cmd.count) ? Math.max(1, Math.floor(cmd.count)) : 1}`;
        case 'table':
            return `| table ${fieldList(cmd.fields)}`;
        case 'fields':
            return `| fields ${cmd.remove ? '- ' : ''}${fieldList(cmd.fields)}`;
        case 'rename':
            return `| rename ${cmd.pairs.map((p) => `${sanitizeIdentifier(p.from)} as ${sanitizeIdentifier(p.to)}`).join(', ')}`;
        case 'append': {
            const maxout =
                cmd.maxout !== undefined && Number.isInteger(cmd.maxout) && cmd.maxout > 0
                    ? ` maxout=${cmd.maxout}`
                    : '';
            return `| append${maxout} [${compile(cmd.subsearch).split('\n').join(' ')}]`;
        }
    }
}

/**
 * Compiles a pipeline to SPL text, one command a line. A pipeline that does not start with a search or `tstats`
 * gets a leading `*` base search.
 *
 * @example compile(pipeline(searchCmd(and(macro('passivetotal_index'), term('198.51.100.7'))), headCmd(10)))
 * // '(`passivetotal_index`) TERM(198.51.100.7)\n| head 10'
 */
export function compile(p: Pipeline): string {
    const lines: string[] = [];
    p.commands.forEach((cmd, i) => {
        if (i === 0 && cmd.kind !== 'search' && cmd.kind !== 'tstats') lines.push('*');
        lines.push(compileCommand(cmd, i === 0));
    });
    return lines.join('\n');
}
