/**
 * Refanging: undoing the ways analysts and reports "defang" indicators so they cannot be clicked, and trimming the
 * punctuation that comes along when a value is copied out of prose. Pure string functions, no validation.
 */

/** Characters that are invisible or look like a space and must not survive into an indicator. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACE_LIKE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;

/** Dot look-alikes used by IDNA (RFC 3490 §3.1) and by some defangers. */
const DOT_LIKE = /[\u3002\uFF0E\uFF61]/g;

/** `hxxp`, `hXXps`, `hxtp`, `h**p`, `h[tt]p` ... followed by a scheme separator (plain or defanged). */
const DEFANGED_HTTP = /\b(?:hxxp|hxtp|htxp|h\*\*p|h\[tt\]p|hxxxp|meow)(s?)(?=\s*[:[({])/gi;
/** `fxp://` and `fxps://` for ftp. */
const DEFANGED_FTP = /\bfxp(s?)(?=\s*[:[({])/gi;

/** A dot or the word "dot" in any bracket, e.g. `[.]`, `(.)`, `{.}`, `[dot]`, `<dot>`, with optional spaces. */
const BRACKETED_DOT = /\s*(?:\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\}|<\s*(?:\.|dot)\s*>)\s*/gi;
/** ` dot ` written out between two words. */
const SPELLED_DOT = /\s+dot\s+/gi;
/** An `@` or "at" in brackets, e.g. `[@]`, `(at)`, `{at}`. */
const BRACKETED_AT = /\s*(?:\[\s*(?:@|at)\s*\]|\(\s*(?:@|at)\s*\)|\{\s*(?:@|at)\s*\})\s*/gi;
/** ` at ` written out between two words (`jane at example dot com`). */
const SPELLED_AT = /\s+at\s+/gi;
/** `[:]`, `(:)`, `[://]`, `[:/]`... */
const BRACKETED_COLON = /\[\s*:\s*\]|\(\s*:\s*\)|\{\s*:\s*\}/g;
const BRACKETED_SCHEME_SEP = /\[\s*:\/\/\s*\]|\(\s*:\/\/\s*\)|\[\s*:\s*\/\s*\/\s*\]/g;
/** `[/]` and `[//]`. */
const BRACKETED_SLASH = /\[\s*(\/{1,2})\s*\]|\(\s*(\/{1,2})\s*\)/g;
/** Half-bracketed dots: `evil[.example`, `evil.]example`, and a backslash-escaped dot `evil\.example`. */
const HALF_BRACKETED_DOT = /\[\.|\.\]|\\\./g;

/**
 * Replaces every common defanging with the character it stands for. Does not trim or validate.
 *
 * @example refang('hxxps://evil[.]example[/]login') // 'https://evil.example/login'
 * @example refang('jane[at]example(dot)com') // 'jane@example.com'
 */
export function refang(input: string): string {
    let s = input.normalize('NFC').replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').replace(DOT_LIKE, '.');
    s = s.replace(DEFANGED_HTTP, (_m, sec: string) => `http${sec.toLowerCase()}`);
    s = s.replace(DEFANGED_FTP, (_m, sec: string) => `ftp${sec.toLowerCase()}`);
    s = s.replace(BRACKETED_SCHEME_SEP, '://');
    s = s.replace(BRACKETED_COLON, ':');
    s = s.replace(BRACKETED_SLASH, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '/');
    s = s.replace(BRACKETED_DOT, '.');
    s = s.replace(BRACKETED_AT, '@');
    s = s.replace(HALF_BRACKETED_DOT, '.');
    const trimmed = s.trim();
    // Spelled-out words and spaces around separators only inside one value: "evil . example", "jane at example dot com".
    if (/\S\s+(?:dot|at)\s+\S/i.test(trimmed) || /\S\s*[.@]\s+\S|\S\s+[.@]\s*\S/.test(trimmed)) {
        s = trimmed
            .replace(SPELLED_DOT, '.')
            .replace(SPELLED_AT, '@')
            .replace(/\s*\.\s*/g, '.')
            .replace(/\s*@\s*/g, '@');
    }
    s = s.replace(/\s*:\/\/\s*/g, '://');
    return s;
}

const WRAPPERS: readonly (readonly [string, string])[] = [
    ['"', '"'],
    ["'", "'"],
    ['`', '`'],
    ['\u201C', '\u201D'],
    ['\u2018', '\u2019'],
    ['\u00AB', '\u00BB'],
    ['<', '>'],
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
];

const LEADING_JUNK = /^[\s"'`\u201C\u201D\u2018\u2019\u00AB\u00BB<([{]+/;
const TRAILING_JUNK = /[\s"'`\u201C\u201D\u2018\u2019\u00AB\u00BB>)\]},;:!?.]+$/;

/** True when the brackets of `s` balance for the given pair. */
function balanced(s: string, open: string, close: string): boolean {
    let depth = 0;
    for (const ch of s) {
        if (ch === open) depth += 1;
        else if (ch === close) {
            depth -= 1;
            if (depth < 0) return false;
        }
    }
    return depth === 0;
}

/**
 * Removes the quotes, brackets and trailing punctuation that come with a value copied from prose, an email or a
 * spreadsheet. Keeps the brackets of `[2001:db8::1]:443` (they are part of the value) and balanced parentheses
 * inside a URL path.
 *
 * @example trimIndicatorText('  "evil.example",  ') // 'evil.example'
 * @example trimIndicatorText('(see http://evil.example/a_(b))') // 'see http://evil.example/a_(b)'
 */
export function trimIndicatorText(input: string): string {
    let s = input.trim();
    for (let round = 0; round < 16; round += 1) {
        const before = s;
        for (const [open, close] of WRAPPERS) {
            if (s.length >= 2 && s.startsWith(open) && s.endsWith(close)) {
                const inner = s.slice(1, -1);
                if (open === close || balanced(inner, open, close)) s = inner.trim();
            }
        }
        // Trailing punctuation; a closing bracket stays when it closes one opened inside the value.
        // An IPv6 address may end in `::` (`2001:db8::`, `::`); those colons are part of it.
        const trailing = /^[0-9a-f:.]*::$/i.test(s) ? null : TRAILING_JUNK.exec(s);
        if (trailing) {
            let cut = trailing.index;
            const tail = s.slice(cut);
            // Give back closing brackets that balance an opening one in the value, e.g. `a_(b)` or `[::1]`.
            for (let i = 0; i < tail.length; i += 1) {
                const ch = tail.charAt(i);
                const pair = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : undefined;
                if (pair === undefined) break;
                const head = s.slice(0, cut + 1);
                if (balanced(head, pair, ch)) cut += 1;
                else break;
            }
            s = s.slice(0, cut);
        }
        const leading = LEADING_JUNK.exec(s);
        if (leading) {
            const rest = s.slice(leading[0].length);
            // Keep a leading `[` that opens an IPv6 literal with a port (`[2001:db8::1]:443`).
            const keepBracket = leading[0].endsWith('[') && /^[0-9a-f:.]*:[0-9a-f:.]*\]/i.test(rest);
            s = keepBracket ? `[${rest}` : rest;
        }
        s = s.trim();
        if (s === before) break;
    }
    return s;
}
