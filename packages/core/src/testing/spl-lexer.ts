/**
 * A small SPL lexer used by the safety tests to inspect generated text: it splits SPL into quoted strings,
 * `TERM(...)`, macros, punctuation and words, the way Splunk's parser sees the boundaries that matter for
 * injection (quotes, backticks, pipes, brackets). Not a full SPL parser.
 */

/** One lexical token. */
export type SplToken =
    | { readonly kind: 'string'; readonly value: string }
    | { readonly kind: 'term'; readonly value: string }
    | { readonly kind: 'macro'; readonly name: string }
    | { readonly kind: 'punct'; readonly text: string }
    | { readonly kind: 'word'; readonly text: string }
    | { readonly kind: 'error'; readonly text: string };

/**
 * Splits SPL text into tokens. Inside double quotes, a backslash escapes the next character.
 *
 * @example lexSpl('a="b\\"c" | head 1') // [word a, punct =, string 'b"c', punct |, word head, word 1]
 */
export function lexSpl(text: string): SplToken[] {
    const tokens: SplToken[] = [];
    let i = 0;
    while (i < text.length) {
        const ch = text.charAt(i);
        if (/\s/.test(ch)) {
            i += 1;
        } else if (ch === '"') {
            let value = '';
            let j = i + 1;
            let closed = false;
            while (j < text.length) {
                const c = text.charAt(j);
                if (c === '\\' && j + 1 < text.length) {
                    value += text.charAt(j + 1);
                    j += 2;
                } else if (c === '"') {
                    closed = true;
                    j += 1;
                    break;
                } else {
                    value += c;
                    j += 1;
                }
            }
            tokens.push(closed ? { kind: 'string', value } : { kind: 'error', text: text.slice(i) });
            i = j;
        } else if (ch === '`') {
            const end = text.indexOf('`', i + 1);
            if (end < 0) {
                tokens.push({ kind: 'error', text: text.slice(i) });
                break;
            }
            tokens.push({ kind: 'macro', name: text.slice(i + 1, end) });
            i = end + 1;
        } else if (text.startsWith('TERM(', i)) {
            const end = text.indexOf(')', i);
            if (end < 0) {
                tokens.push({ kind: 'error', text: text.slice(i) });
                break;
            }
            tokens.push({ kind: 'term', value: text.slice(i + 5, end) });
            i = end + 1;
        } else if ('|[](),='.includes(ch) || (ch === '!' && text.charAt(i + 1) === '=')) {
            const op = ch === '!' ? '!=' : ch;
            tokens.push({ kind: 'punct', text: op });
            i += op.length;
        } else {
            const m = /^[^\s"`|[\](),=]+/.exec(text.slice(i));
            const word = m?.[0] ?? ch;
            tokens.push({ kind: 'word', text: word });
            i += word.length;
        }
    }
    return tokens;
}

/**
 * The structure of SPL text with every value replaced by `VAL`: two searches with the same skeleton differ only in
 * their values, so a value cannot have added a command, a subsearch, a macro, a keyword or an operator.
 *
 * @example splSkeleton('TERM(a) OR "b"') // 'VAL OR VAL'
 */
export function splSkeleton(text: string): string {
    return lexSpl(text)
        .map((t) => {
            switch (t.kind) {
                case 'string':
                case 'term':
                    return 'VAL';
                case 'macro':
                    return `\`${t.name}\``;
                case 'punct':
                case 'word':
                case 'error':
                    return t.text;
            }
        })
        .join(' ');
}
