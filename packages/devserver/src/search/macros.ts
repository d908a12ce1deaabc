/**
 * Search macros from `macros.conf` text and their expansion. A stanza `[name]` defines a macro
 * without arguments and `[name(n)]` one with n arguments (`args = a, b`, referenced as `$a$`).
 * Calls are `` `name` `` or `` `name(x, y)` ``; arguments are split at top-level commas (commas in
 * double quotes or parentheses do not split), trimmed, and an argument written in double quotes is
 * substituted without them (`` `drop_dm_object_name("Web")` `` with `rename $object$.* AS *` gives
 * `rename Web.* AS *`). Expansion is recursive, limited to {@link MAX_MACRO_DEPTH} levels, and never
 * happens inside double quotes. An `iseval = true` macro's definition is an eval expression, evaluated
 * (with the search's "now") after its arguments are substituted; its value is the expansion.
 * `validation` is ignored.
 */
import { EvalEvaluator } from './eval-evaluator';
import { parseEvalExpression } from './eval-parser';
import { SplError } from './spl-error';

/** One macro definition. */
export interface MacroDefinition {
    /** Name without the argument count. */
    readonly name: string;
    /** Argument names, in order (empty for a macro without arguments). */
    readonly args: readonly string[];
    /** The definition text, with `$arg$` placeholders. */
    readonly definition: string;
    /** True when the stanza says `iseval = true`: the definition is an eval expression. */
    readonly isEval: boolean;
}

/** Macros keyed by stanza name: `name` or `name(n)`. */
export type MacroTable = ReadonlyMap<string, MacroDefinition>;

/** Deepest nesting of macro calls expanded before expansion is declared a loop. */
export const MAX_MACRO_DEPTH = 50;

const TRUE_VALUES = new Set(['1', 'true', 't', 'yes', 'y']);

/** Parses the text of a `macros.conf` file. Unknown keys are ignored; the later stanza of a name wins. */
export function parseMacrosConf(text: string): MacroTable {
    const table = new Map<string, MacroDefinition>();
    const lines = text.split(/\r?\n/);
    let stanza: string | undefined;
    let keys = new Map<string, string>();
    const flush = (): void => {
        if (stanza === undefined) return;
        const m = /^(.+?)\((\d+)\)$/.exec(stanza);
        const name = m?.[1] ?? stanza;
        const arity = m ? Number(m[2]) : 0;
        const args = arity === 0 ? [] : (keys.get('args') ?? '').split(',').map((a) => a.trim());
        table.set(stanza, {
            name,
            args: args.filter((a) => a !== ''),
            definition: keys.get('definition') ?? '',
            isEval: TRUE_VALUES.has((keys.get('iseval') ?? '').trim().toLowerCase()),
        });
    };
    for (let i = 0; i < lines.length; i++) {
        let line = lines[i] ?? '';
        if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
        const header = /^\s*\[(.*)\]\s*$/.exec(line);
        if (header) {
            flush();
            stanza = header[1]?.trim();
            keys = new Map();
            continue;
        }
        while (line.endsWith('\\') && i + 1 < lines.length) {
            i++;
            line = `${line.slice(0, -1)}\n${lines[i] ?? ''}`;
        }
        const eq = line.indexOf('=');
        if (eq > 0) keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
    flush();
    return table;
}

/** Combines macro tables; a later table's stanza replaces an earlier one of the same name. */
export function mergeMacros(...tables: readonly MacroTable[]): MacroTable {
    const merged = new Map<string, MacroDefinition>();
    for (const table of tables) for (const [k, v] of table) merged.set(k, v);
    return merged;
}

function unknownMacro(key: string): SplError {
    return new SplError(
        'unknown-macro',
        `Error in 'SearchParser': The search specifies a macro '${key}' that cannot be found. Reasons include: ` +
            `the macro name is misspelled, you do not have "read" permission for the macro, or the macro has not ` +
            `been shared with this application. Click Settings, Advanced search, Search Macros to view macro information.`
    );
}

function splitArgs(text: string): string[] {
    const args: string[] = [];
    let depth = 0;
    let quoted = false;
    let current = '';
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted && c === '\\' && i + 1 < text.length) {
            current += c + text.charAt(i + 1);
            i++;
            continue;
        }
        if (c === '"') quoted = !quoted;
        else if (!quoted && c === '(') depth++;
        else if (!quoted && c === ')') depth--;
        else if (!quoted && depth === 0 && c === ',') {
            args.push(current.trim());
            current = '';
            continue;
        }
        current += c;
    }
    args.push(current.trim());
    return args;
}

/** An argument as substituted: without the double quotes it was written in. */
function unquoted(arg: string): string {
    return arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"') ? arg.slice(1, -1) : arg;
}

/** The value of an eval-based macro's expression, as search text. */
function evalExpansion(key: string, expression: string, now: number): string {
    let value;
    try {
        value = new EvalEvaluator({ now, command: 'eval' }).evaluate(
            parseEvalExpression(expression, 'eval'),
            new Map()
        );
    } catch (error) {
        const why = error instanceof SplError ? error.message : String(error);
        throw new SplError('macro-expansion', `Error in 'SearchParser': The eval-based macro '${key}' failed: ${why}`);
    }
    if (value === null || typeof value === 'boolean' || Array.isArray(value)) {
        throw new SplError(
            'macro-expansion',
            `Error in 'SearchParser': The definition of the eval-based macro '${key}' must return a string.`
        );
    }
    return String(value);
}

function expandCall(call: string, macros: MacroTable, depth: number, now: number): string {
    const m = /^\s*([\w.:-]+)\s*(?:\(([\s\S]*)\))?\s*$/.exec(call);
    if (!m?.[1]) throw unknownMacro(call);
    const name = m[1];
    const args = m[2] === undefined ? [] : splitArgs(m[2]);
    const key = args.length === 0 ? name : `${name}(${args.length})`;
    const macro = macros.get(key);
    if (macro === undefined) throw unknownMacro(key);
    let body = macro.definition;
    macro.args.forEach((argName, i) => {
        body = body.split(`$${argName}$`).join(unquoted(args[i] ?? ''));
    });
    if (macro.isEval) body = evalExpansion(key, body, now);
    return expand(body, macros, depth + 1, now);
}

function expand(text: string, macros: MacroTable, depth: number, now: number): string {
    if (depth > MAX_MACRO_DEPTH) {
        throw new SplError(
            'macro-expansion',
            `Error in 'SearchParser': Reached maximum recursion depth (${MAX_MACRO_DEPTH}) while expanding macros. ` +
                `Check for infinitely recursive macro definitions.`
        );
    }
    let out = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted && c === '\\' && i + 1 < text.length) {
            out += c + text.charAt(i + 1);
            i++;
            continue;
        }
        if (c === '"') quoted = !quoted;
        if (c === '`' && !quoted) {
            const end = text.indexOf('`', i + 1);
            if (end < 0) {
                throw new SplError('parse', "Error in 'SearchParser': Mismatched ']' or missing closing backtick (`).");
            }
            out += expandCall(text.slice(i + 1, end), macros, depth, now);
            i = end;
            continue;
        }
        out += c;
    }
    return out;
}

/**
 * Expands every macro call in a search string. Throws {@link SplError} (`unknown-macro`,
 * `macro-expansion` or `parse`) like Splunk's SearchParser.
 * @example expandMacros('`pt_index` TERM(1.2.3.4)', parseMacrosConf('[pt_index]\ndefinition = index=main'))
 *   // 'index=main TERM(1.2.3.4)'
 */
export function expandMacros(search: string, macros: MacroTable, now = Date.now() / 1000): string {
    return expand(search, macros, 0, now);
}
