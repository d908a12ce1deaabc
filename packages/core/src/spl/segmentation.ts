/**
 * Splunk's default segmentation (`segmenters.conf [default]`), as far as the generated searches depend on it:
 * events are cut into segments at major breakers and segments into tokens at minor breakers, and the lexicon on the
 * indexers holds both. A keyword search looks its tokens up in the lexicon; `TERM()` looks up a whole segment.
 */

/** Multi-character major breakers (URL-encoded breakers and `--`), upper case. */
export const MAJOR_SEQUENCES: readonly string[] = [
    '%2526',
    '%2520',
    '%21',
    '%26',
    '%3B',
    '%7C',
    '%20',
    '%2B',
    '%3D',
    '--',
    '%5D',
    '%5B',
    '%3A',
    '%0A',
    '%2C',
    '%28',
    '%29',
];

/** Single-character major breakers. */
export const MAJOR_CHARS = '[]<>(){}|!;,\'"*\n\r \t&?+';

/** Minor breakers. */
export const MINOR_CHARS = '/:=@.-$#%\\_';

const classOf = (chars: string): string => chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);
const sequences = MAJOR_SEQUENCES.map((s) => s.replace(/[-]/g, '\\-')).join('|');
const ANY_BREAKER = new RegExp(`(?:${sequences}|[${classOf(MAJOR_CHARS)}\\s${classOf(MINOR_CHARS)}])+`, 'i');

/**
 * The tokens of a value as the lexicon holds them: cut at every major and minor breaker, lower-cased, distinct, in
 * order of first appearance. A keyword search for each token finds every event in which the value occurs as text.
 *
 * @example lexiconTokens('login-secure-update.example') // ['login', 'secure', 'update', 'example']
 * @example lexiconTokens('xn--bcher-kva.example') // ['xn', 'bcher', 'kva', 'example']
 */
export function lexiconTokens(value: string): string[] {
    const out: string[] = [];
    for (const token of value.toLowerCase().split(ANY_BREAKER)) {
        if (token !== '' && !out.includes(token)) out.push(token);
    }
    return out;
}
