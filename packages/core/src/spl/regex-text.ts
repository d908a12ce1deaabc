/**
 * Regular-expression text in the dialect that both PCRE (Splunk's `match()`, `regex`, `rex`) and JavaScript (the
 * page's highlighting, the stand-in) read the same way: literals escaped, character classes, non-capturing groups,
 * lookaheads, fixed-length lookbehinds, bounded repeats and one optional leading `(?i)`. Nothing else: no named
 * groups, no inline modifiers in the middle, no variable-length lookbehind (PCRE refuses it).
 */

/**
 * A pattern matching `text` literally: every ASCII character other than a letter or digit is escaped, control
 * characters, quotes, backticks and spaces as `\xHH` (so the pattern survives any quoting around it).
 *
 * @example regexLiteral('a.b') // 'a\\.b'
 */
export function regexLiteral(text: string): string {
    let out = '';
    for (const ch of text) {
        const code = ch.codePointAt(0) ?? 0;
        if (/[A-Za-z0-9]/.test(ch) || code > 0x7f) out += ch;
        else if (code < 0x20 || code === 0x7f || ch === '"' || ch === '`' || ch === ' ' || ch === "'") {
            out += `\\x${code.toString(16).padStart(2, '0')}`;
        } else out += `\\${ch}`;
    }
    return out;
}

/** `(?:a|b|c)`, or the single alternative bare. */
export function alternatives(items: readonly string[]): string {
    const unique = [...new Set(items)];
    return unique.length === 1 ? (unique[0] ?? '') : `(?:${unique.join('|')})`;
}

/** The leading flag that makes a pattern case-insensitive in PCRE (the stand-in and the page read it too). */
export const IGNORE_CASE = '(?i)';

/**
 * A JavaScript `RegExp` for a pattern of this dialect: a leading `(?i)` becomes the `i` flag.
 *
 * @example toRegExp('(?i)evil\\.example', 'g').test('EVIL.example') // true
 */
export function toRegExp(pattern: string, flags = ''): RegExp {
    if (pattern.startsWith(IGNORE_CASE)) return new RegExp(pattern.slice(IGNORE_CASE.length), `${flags}i`);
    return new RegExp(pattern, flags);
}
