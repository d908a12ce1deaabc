/**
 * How search terms match text. Every rule works on the text as written and ignores case unless
 * stated; `*` is the only wildcard.
 *
 * - keyword / quoted phrase: the text contains the term where the characters just before and just
 *   after it are breakers (major or minor) or the ends of the text, so `10.0.0.1` is found in
 *   `ip=10.0.0.1:443` but not in `10.0.0.10` or `x10.0.0.1`;
 * - `TERM(x)`: the same, but bounded by major breakers only, so `TERM(10.0.0.1)` is found in
 *   `from 10.0.0.1 to` but not in `ip=10.0.0.1`;
 * - a `*` inside a keyword, phrase or term matches any run of characters that are not major breakers;
 * - field values (`field=value`): the whole value equals the pattern, `*` matching anything.
 */
import {
    ANY_BREAKER_CLASS,
    MAJOR_CLASS,
    MAJOR_SEQUENCE_ALTERNATION,
    endsWithBreaker,
    endsWithMajorBreaker,
    startsWithBreaker,
    startsWithMajorBreaker,
} from './segmenter';

/** A compiled test of one text. */
export type TextPredicate = (text: string) => boolean;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function wildcardBody(pattern: string, star: string): string {
    return pattern.split('*').map(escapeRegExp).join(star);
}

function boundedRegExp(pattern: string, majorOnly: boolean, caseSensitive: boolean): RegExp {
    const breakerClass = majorOnly ? MAJOR_CLASS : ANY_BREAKER_CLASS;
    // A term that itself begins (ends) with a breaker is already bounded on that side.
    const openStart = majorOnly ? startsWithMajorBreaker(pattern) : startsWithBreaker(pattern);
    const openEnd = majorOnly ? endsWithMajorBreaker(pattern) : endsWithBreaker(pattern);
    const before = openStart ? '' : `(?<=^|[${breakerClass}]|${MAJOR_SEQUENCE_ALTERNATION})`;
    const after = openEnd ? '' : `(?=$|[${breakerClass}]|${MAJOR_SEQUENCE_ALTERNATION})`;
    const body = wildcardBody(pattern, `[^${MAJOR_CLASS}]*`);
    return new RegExp(`${before}${body}${after}`, caseSensitive ? '' : 'i');
}

/** Matches a keyword or quoted phrase bounded by any breakers (see the module comment). */
export function keywordPredicate(pattern: string, caseSensitive = false): TextPredicate {
    return withPrefilter(pattern, caseSensitive, boundedRegExp(pattern, false, caseSensitive));
}

/** Matches `TERM(pattern)`: bounded by major breakers only. */
export function termPredicate(pattern: string): TextPredicate {
    return withPrefilter(pattern, false, boundedRegExp(pattern, true, false));
}

// The lower-cased form of the text tested last: a row is usually tested against many terms in a row (a search
// for hundreds of indicators), and lower-casing it once is what makes the cheap pre-check cheap.
let lastText: string | undefined;
let lastLower = '';

function lowerOf(text: string): string {
    if (text !== lastText) {
        lastText = text;
        lastLower = text.toLowerCase();
    }
    return lastLower;
}

/**
 * Tests the regular expression only on text that contains the pattern (or, with wildcards, its longest literal
 * piece) at all. Only for ASCII patterns, where "contains, ignoring case" is a necessary condition of a match.
 */
function withPrefilter(pattern: string, caseSensitive: boolean, re: RegExp): TextPredicate {
    // eslint-disable-next-line no-control-regex
    if (!/^[\x00-\x7f]+$/.test(pattern)) return (text) => re.test(text);
    if (hasWildcard(pattern)) {
        // Every match contains each literal piece between the wildcards: the longest is the cheapest test.
        const piece = pattern.split('*').reduce((a, b) => (b.length > a.length ? b : a), '');
        if (piece === '') return (text) => re.test(text);
        const needle = caseSensitive ? piece : piece.toLowerCase();
        return caseSensitive
            ? (text) => text.includes(needle) && re.test(text)
            : (text) => lowerOf(text).includes(needle) && re.test(text);
    }
    if (caseSensitive) return (text) => text.includes(pattern) && re.test(text);
    const needle = pattern.toLowerCase();
    return (text) => lowerOf(text).includes(needle) && re.test(text);
}

/** True when a pattern contains the `*` wildcard. */
export function hasWildcard(pattern: string): boolean {
    return pattern.includes('*');
}

/** Matches a whole field value against `pattern`, ignoring case, with `*` matching any characters. */
export function valuePredicate(pattern: string): TextPredicate {
    if (!hasWildcard(pattern)) {
        const lower = pattern.toLowerCase();
        return (text) => text.toLowerCase() === lower;
    }
    const re = new RegExp(`^${wildcardBody(pattern, '.*')}$`, 'is');
    return (text) => re.test(text);
}

/** Matches a field name against a `*` wildcard pattern, case-sensitively (for `table`, `fields`, `rename`). */
export function fieldNamePredicate(pattern: string): TextPredicate {
    if (!hasWildcard(pattern)) return (name) => name === pattern;
    const re = new RegExp(`^${wildcardBody(pattern, '(.*)')}$`, 's');
    return (name) => re.test(name);
}

/** For `rename a* as b*`: the texts the wildcards of `pattern` captured in `name`, or undefined. */
export function wildcardCaptures(pattern: string, name: string): string[] | undefined {
    const re = new RegExp(`^${wildcardBody(pattern, '(.*)')}$`, 's');
    const m = re.exec(name);
    return m ? m.slice(1) : undefined;
}
