/**
 * Tokens of command arguments (for `stats`, `tstats`, `sort`, `table`, `fields`, `rename`,
 * `mvexpand`, `head`): words end at whitespace, `(`, `)`, `,`, `=` or `"`; quoted strings take
 * `\"` and `\\` escapes.
 */
import { readQuoted } from '../search-lexer';

/** One argument token. */
export type ArgToken =
    | { readonly kind: 'word'; readonly text: string }
    | { readonly kind: 'string'; readonly text: string }
    | { readonly kind: 'punct'; readonly text: '(' | ')' | ',' | '=' };

/** Tokenises command arguments; `command` names the command in errors. */
export function lexArgs(text: string, command: string): ArgToken[] {
    const tokens: ArgToken[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text.charAt(i);
        if (/\s/.test(c)) {
            i++;
        } else if (c === '"') {
            const { value, end } = readQuoted(text, i, command);
            tokens.push({ kind: 'string', text: value });
            i = end;
        } else if (c === '(' || c === ')' || c === ',' || c === '=') {
            tokens.push({ kind: 'punct', text: c });
            i++;
        } else {
            let j = i;
            while (j < text.length && !/[\s(),="]/.test(text.charAt(j))) j++;
            tokens.push({ kind: 'word', text: text.slice(i, j) });
            i = j;
        }
    }
    return tokens;
}

/** True when the token is the word `word` (case-insensitive). */
export function isWord(token: ArgToken | undefined, word: string): boolean {
    return token?.kind === 'word' && token.text.toLowerCase() === word;
}

/** A field name token: a word or a quoted string. */
export function nameOf(token: ArgToken | undefined): string | undefined {
    return token?.kind === 'word' || token?.kind === 'string' ? token.text : undefined;
}

/**
 * Finds the top-level (outside quotes and parentheses) occurrences of keywords in command text,
 * as whole words, case-insensitively. Returns [keyword, index] pairs in order.
 */
export function findKeywords(text: string, keywords: readonly string[]): [string, number][] {
    const found: [string, number][] = [];
    let depth = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted) {
            if (c === '\\') i++;
            else if (c === '"') quoted = false;
            continue;
        }
        if (c === '"') quoted = true;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
        else if (depth === 0 && (i === 0 || /\s/.test(text.charAt(i - 1)))) {
            for (const keyword of keywords) {
                const end = i + keyword.length;
                if (
                    text.slice(i, end).toLowerCase() === keyword &&
                    (end === text.length || /\s/.test(text.charAt(end)))
                ) {
                    found.push([keyword, i]);
                }
            }
        }
    }
    return found;
}

/** Parses a Splunk boolean (`t`, `true`, `1`, `yes` / `f`, `false`, `0`, `no`), or undefined. */
export function parseBool(text: string): boolean | undefined {
    const lower = text.toLowerCase();
    if (['t', 'true', '1', 'yes', 'y'].includes(lower)) return true;
    if (['f', 'false', '0', 'no', 'n'].includes(lower)) return false;
    return undefined;
}

/** Reads a field list (`a, b c "d e"`), returning the names; throws via `fail` on anything else. */
export function fieldList(tokens: readonly ArgToken[], fail: (detail: string) => never): string[] {
    const names: string[] = [];
    for (const token of tokens) {
        if (token.kind === 'punct' && token.text === ',') continue;
        const name = nameOf(token);
        if (name === undefined) fail(`Invalid argument: '${token.text}'`);
        names.push(name);
    }
    return names;
}
