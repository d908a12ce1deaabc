/**
 * Splunk's default segmentation (segmenters.conf `[default]`): text is cut at major breakers into
 * segments, and segments are cut at minor breakers into tokens. The index keeps both the segments
 * and the tokens, lower-cased, like Splunk's `full` segmentation with INTERMEDIATE_MAJORS=false.
 */

/** Single-character major breakers: `[ ] < > ( ) { } | ! ; , ' " *`, newline, CR, space, tab, `& ? +`. */
const MAJOR_CHARS = '[]<>(){}|!;,\'"*\n\r \t&?+';
/** Multi-character major breakers (URL-encoded characters and `--`), lower-cased. */
const MAJOR_SEQUENCES = [
    '%2526',
    '%2520',
    '%21',
    '%26',
    '%3b',
    '%7c',
    '%20',
    '%2b',
    '%3d',
    '--',
    '%5d',
    '%5b',
    '%3a',
    '%0a',
    '%2c',
    '%28',
    '%29',
] as const;
/** Minor breakers: `/ : = @ . - $ # % \ _`. */
const MINOR_CHARS = '/:=@.-$#%\\_';

const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);
const sequenceAlternatives = MAJOR_SEQUENCES.join('|');

/** Character class (without brackets) of the single-character major breakers, plus any whitespace. */
export const MAJOR_CLASS = `${escapeClass(MAJOR_CHARS)}\\s`;
/** Character class (without brackets) of every single-character breaker, major or minor. */
export const ANY_BREAKER_CLASS = `${MAJOR_CLASS}${escapeClass(MINOR_CHARS)}`;
/** Regular-expression alternation of the multi-character major breakers (match case-insensitively). */
export const MAJOR_SEQUENCE_ALTERNATION = sequenceAlternatives;

const MAJOR_SPLIT = new RegExp(`(?:[${MAJOR_CLASS}]|${sequenceAlternatives})+`, 'i');
const MINOR_SPLIT = new RegExp(`[${escapeClass(MINOR_CHARS)}]+`);
const BREAKER_AT_START = new RegExp(`^(?:[${ANY_BREAKER_CLASS}]|${sequenceAlternatives})`, 'i');
const BREAKER_AT_END = new RegExp(`(?:[${ANY_BREAKER_CLASS}]|${sequenceAlternatives})$`, 'i');

/** Major segments of a text (split at major breakers), in order, as written (not lower-cased). */
export function majorSegments(text: string): string[] {
    return text.split(MAJOR_SPLIT).filter((s) => s.length > 0);
}

/** Minor tokens of one segment (split at minor breakers), in order. */
export function minorTokens(segment: string): string[] {
    return segment.split(MINOR_SPLIT).filter((s) => s.length > 0);
}

/** Every minor token of a text (major then minor split), lower-cased, in order. */
export function allTokens(text: string): string[] {
    const out: string[] = [];
    for (const segment of majorSegments(text.toLowerCase())) out.push(...minorTokens(segment));
    return out;
}

/**
 * The lexicon entries of a text: every lower-cased major segment and every minor token inside it.
 * This is what the inverted index stores for `_raw`.
 */
export function lexiconEntries(text: string): Set<string> {
    const entries = new Set<string>();
    for (const segment of majorSegments(text.toLowerCase())) {
        entries.add(segment);
        for (const token of minorTokens(segment)) entries.add(token);
    }
    return entries;
}

/** True when `text` begins with a breaker (major or minor, including the multi-character ones). */
export function startsWithBreaker(text: string): boolean {
    return BREAKER_AT_START.test(text);
}

/** True when `text` ends with a breaker (major or minor, including the multi-character ones). */
export function endsWithBreaker(text: string): boolean {
    return BREAKER_AT_END.test(text);
}

/** True when `text` begins with a major breaker. */
export function startsWithMajorBreaker(text: string): boolean {
    return new RegExp(`^(?:[${MAJOR_CLASS}]|${sequenceAlternatives})`, 'i').test(text);
}

/** True when `text` ends with a major breaker. */
export function endsWithMajorBreaker(text: string): boolean {
    return new RegExp(`(?:[${MAJOR_CLASS}]|${sequenceAlternatives})$`, 'i').test(text);
}
