/**
 * Tokens of a search expression. Bare words end at whitespace, parentheses, a double quote, a comma
 * or a comparison operator; after an operator, the value runs to whitespace or a parenthesis (so
 * `url=http://a/?b=c` is one comparison). Quoted strings take `\"` and `\\` escapes; any other
 * backslash is kept as written.
 */
import { SplError, commandError } from './spl-error';
import type { CompareOp } from './search-ast';

/** A token of a search expression. */
export type SearchToken =
    | { readonly kind: 'word'; readonly text: string }
    | { readonly kind: 'string'; readonly text: string }
    | { readonly kind: 'op'; readonly op: CompareOp }
    | { readonly kind: 'lparen' }
    | { readonly kind: 'rparen' }
    | { readonly kind: 'comma' }
    /** `TERM(...)` or `CASE(...)` with its content. */
    | { readonly kind: 'directive'; readonly name: 'TERM' | 'CASE'; readonly text: string };

const isSpace = (c: string): boolean => /\s/.test(c);

/**
 * Reads a double-quoted string starting at `start` (the opening quote).
 * @returns the unescaped content and the index just after the closing quote
 */
export function readQuoted(text: string, start: number, command: string): { value: string; end: number } {
    let value = '';
    for (let i = start + 1; i < text.length; i++) {
        const c = text.charAt(i);
        if (c === '\\' && i + 1 < text.length) {
            const next = text.charAt(i + 1);
            if (next === '"' || next === '\\') {
                value += next;
                i++;
                continue;
            }
        }
        if (c === '"') return { value, end: i + 1 };
        value += c;
    }
    throw new SplError('parse', `Error in '${command}' command: Unbalanced quotes.`);
}

function opAt(text: string, i: number): CompareOp | undefined {
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') return two;
    const c = text.charAt(i);
    if (c === '=' || c === '<' || c === '>') return c;
    return undefined;
}

/** Tokenises a search expression; `command` names the command in error messages. */
export function lexSearch(text: string, command = 'search'): SearchToken[] {
    const tokens: SearchToken[] = [];
    let i = 0;
    let afterOp = false;
    while (i < text.length) {
        const c = text.charAt(i);
        if (isSpace(c)) {
            i++;
            continue;
        }
        if (c === '"') {
            const { value, end } = readQuoted(text, i, command);
            tokens.push({ kind: 'string', text: value });
            i = end;
            afterOp = false;
            continue;
        }
        if (c === '(' || c === ')') {
            tokens.push({ kind: c === '(' ? 'lparen' : 'rparen' });
            i++;
            afterOp = false;
            continue;
        }
        if (afterOp) {
            let j = i;
            while (j < text.length && !isSpace(text.charAt(j)) && !'()"'.includes(text.charAt(j))) j++;
            tokens.push({ kind: 'word', text: text.slice(i, j) });
            i = j;
            afterOp = false;
            continue;
        }
        if (c === ',') {
            tokens.push({ kind: 'comma' });
            i++;
            continue;
        }
        const op = opAt(text, i);
        if (op !== undefined) {
            tokens.push({ kind: 'op', op });
            i += op.length;
            afterOp = true;
            continue;
        }
        let j = i;
        while (j < text.length) {
            const d = text.charAt(j);
            if (isSpace(d) || '()",'.includes(d) || opAt(text, j) !== undefined) break;
            j++;
        }
        const word = text.slice(i, j);
        const upper = word.toUpperCase();
        if ((upper === 'TERM' || upper === 'CASE') && text.charAt(j) === '(') {
            let k = j + 1;
            while (k < text.length && isSpace(text.charAt(k))) k++;
            let content: string;
            if (text.charAt(k) === '"') {
                const quoted = readQuoted(text, k, command);
                content = quoted.value;
                k = quoted.end;
                while (k < text.length && isSpace(text.charAt(k))) k++;
            } else {
                const close = text.indexOf(')', k);
                if (close < 0) {
                    throw commandError(
                        command,
                        `Unable to parse the search: ${upper}() is missing its closing parenthesis.`
                    );
                }
                content = text.slice(k, close).trim();
                k = close;
            }
            if (text.charAt(k) !== ')') {
                throw commandError(
                    command,
                    `Unable to parse the search: ${upper}() is missing its closing parenthesis.`
                );
            }
            tokens.push({ kind: 'directive', name: upper, text: content });
            i = k + 1;
            continue;
        }
        tokens.push({ kind: 'word', text: word });
        i = j;
    }
    if (tokens.at(-1)?.kind === 'op') {
        throw commandError(command, 'Unable to parse the search: a comparison is missing its value.');
    }
    return tokens;
}
