/**
 * Splunk's regular expressions are PCRE; the stand-in runs them on JavaScript's engine. This module
 * bridges the two:
 *
 * - a leading `(?i)` becomes JavaScript's `i` flag;
 * - `.`, `$` and `\s` are rewritten to what they mean in PCRE (see PCRE_DOT and its neighbours);
 *   `\S` inside a class keeps JavaScript's reading, which differs only on Unicode spaces;
 * - a lookbehind (`(?<=…)`, `(?<!…)`) must have top-level branches that each match one fixed
 *   number of characters (branches may differ from each other). PCRE refuses anything else with
 *   "lookbehind assertion is not fixed length"; JavaScript would accept it, so the stand-in refuses
 *   it the way PCRE does. A nested group inside a lookbehind counts as fixed only when all of its
 *   alternatives have the same length (`(?<=ab(c|de))` is refused, `(?<=abc|abde)` is not);
 *   backreferences and recursion are never fixed;
 * - escapes PCRE does not have (`\u`, `\L`, `\l`, `\U`, `\F`) fail with PCRE's message;
 * - PCRE syntax that JavaScript accepts but reads differently (`\A`, `\z`, `\Z`, `\G`, `\K`,
 *   `\h`, `\v`, `\R`, `\X`, `\N`, `\Q…\E`, `\e`, `\a`, `\p{…}`, `\g…`, `\o{…}`, `\x{…}`,
 *   POSIX classes such as `[[:alpha:]]`, a class starting with `]`) fails as unsupported instead of
 *   giving another answer;
 * - every distinct pattern is compiled once and kept;
 * - like PCRE's own "required code unit" optimisation, a pattern that cannot match without some
 *   run of plain characters (its longest run outside any optional part, or one of a few runs when
 *   the pattern is a choice of alternatives) first looks those runs up in the text, and does not
 *   run the regex when none is there. The answer is the same either way; only the time differs.
 */

/** A regular expression that is invalid (the message is in PCRE's words where PCRE and JavaScript differ). */
export class RegexSyntaxError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'RegexSyntaxError';
    }
}

/**
 * A regular expression using PCRE syntax that JavaScript would silently read differently (`\A`,
 * `\h`, `\Q…\E`, `[[:alpha:]]`, …). The stand-in refuses it rather than give another answer.
 */
export class RegexUnsupportedError extends Error {
    /** The construct, e.g. `\A`. */
    readonly construct: string;

    constructor(construct: string) {
        super(`'${construct}' is not supported by the stand-in: PCRE and JavaScript read it differently`);
        this.name = 'RegexUnsupportedError';
        this.construct = construct;
    }
}

/** A compiled Splunk regular expression. */
export interface SplRegex {
    /** The JavaScript regex (global when compiled with the `g` flag). */
    readonly regex: RegExp;
    /** Literals one of which every match contains (lower case when the regex ignores case); may be empty. */
    readonly requiredLiterals: readonly string[];
    /** False when the text certainly has no match (none of the required literals is in it); true otherwise. */
    mayMatch(text: string): boolean;
    /** Does the regex match somewhere in the text? (`regex.test` with the literal pre-check.) */
    test(text: string): boolean;
}

/** PCRE's message for a lookbehind whose branches are not each of fixed length. */
export const LOOKBEHIND_NOT_FIXED = 'lookbehind assertion is not fixed length';

/** PCRE's message for the Perl case-changing escapes and `\u`, which it does not have. */
const UNSUPPORTED_ESCAPE = 'PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u';

// PCRE's default reading of `.`, `$` and `\s` (no dotall, no multiline, no Unicode properties):
// `.` is any character but a newline (JavaScript's also refuses \r, \u2028 and \u2029), `$` is the
// end or the position before a final newline (JavaScript's only the end), and `\s` is ASCII white
// space (JavaScript's includes Unicode spaces such as U+00A0).
const PCRE_DOT = '[^\\n]';
const PCRE_DOLLAR = '(?=\\n?$)';
const PCRE_SPACE_CHARS = ' \\t\\n\\x0B\\f\\r';

/**
 * Escape letters with a meaning in PCRE that JavaScript reads as the plain letter (or, for `\v`,
 * as another character).
 */
const DIVERGENT_ESCAPES = new Set('AzZGKhHvVRXNQEeapPogC');

/** Throws for an escape (outside or inside a class) that PCRE rejects or that JavaScript reads differently. */
function checkEscape(letter: string, next: string): void {
    if ('FLlUu'.includes(letter) || (letter === 'N' && next === '{')) throw new RegexSyntaxError(UNSUPPORTED_ESCAPE);
    if (DIVERGENT_ESCAPES.has(letter)) throw new RegexUnsupportedError(`\\${letter}`);
    if (letter === 'x' && next === '{') throw new RegexUnsupportedError('\\x{...}');
}

// ---------------------------------------------------------------------------------------------
// A small parser of the pattern, enough to measure lengths, find literal runs and note the spots
// to rewrite for JavaScript.

type Node =
    /** One literal character; `js` is the character JavaScript matches, when it is plainly that character. */
    | { readonly kind: 'char'; readonly js: string | undefined }
    /** One character from a set: a class, `.`, `\d` and the like. */
    | { readonly kind: 'set' }
    /** Zero width: anchors, `\b`, lookarounds, option settings, comments. */
    | { readonly kind: 'assert' }
    /** Never of fixed length: backreferences and recursion. */
    | { readonly kind: 'variable' }
    /** A group that consumes: capturing, non-capturing, named, atomic, with options. */
    | { readonly kind: 'group'; readonly alternatives: readonly (readonly Node[])[] }
    /** A quantified node. */
    | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

/** Thrown when the parser meets syntax it does not follow; JavaScript then decides alone. */
class GiveUp extends Error {}

function fixedLength(node: Node): number | undefined {
    switch (node.kind) {
        case 'char':
        case 'set':
            return 1;
        case 'assert':
            return 0;
        case 'variable':
            return undefined;
        case 'group': {
            const lengths = node.alternatives.map(branchLength);
            const first = lengths[0];
            return first !== undefined && lengths.every((l) => l === first) ? first : undefined;
        }
        case 'repeat': {
            const inner = fixedLength(node.node);
            if (inner === 0) return 0;
            return inner !== undefined && node.min === node.max ? inner * node.min : undefined;
        }
    }
}

function branchLength(branch: readonly Node[]): number | undefined {
    let total = 0;
    for (const node of branch) {
        const length = fixedLength(node);
        if (length === undefined) return undefined;
        total += length;
    }
    return total;
}

const HEX = /^[0-9A-Fa-f]{2}/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

class PatternParser {
    private i = 0;
    /** False once the pattern has syntax where JavaScript's reading is not plain (literal runs are then not used). */
    literalsSafe = true;
    /** Rewrites that give JavaScript PCRE's reading: [start, end, replacement] in the pattern. */
    readonly edits: [number, number, string][] = [];

    constructor(private readonly s: string) {}

    parse(): (readonly Node[])[] {
        const alternatives = this.alternatives();
        if (this.i < this.s.length) throw new GiveUp(); // an unmatched ')'
        return alternatives;
    }

    private alternatives(): Node[][] {
        const out: Node[][] = [this.sequence()];
        while (this.s.charAt(this.i) === '|') {
            this.i++;
            out.push(this.sequence());
        }
        return out;
    }

    private sequence(): Node[] {
        const nodes: Node[] = [];
        while (this.i < this.s.length) {
            const c = this.s.charAt(this.i);
            if (c === '|' || c === ')') break;
            const atom = this.atom();
            nodes.push(this.quantified(atom));
        }
        return nodes;
    }

    private atom(): Node {
        const c = this.s.charAt(this.i);
        switch (c) {
            case '(':
                return this.group();
            case '[':
                this.skipClass();
                return { kind: 'set' };
            case '\\':
                return this.escape();
            case '.':
                this.edit(1, PCRE_DOT);
                return { kind: 'set' };
            case '$':
                this.edit(1, PCRE_DOLLAR);
                return { kind: 'assert' };
            case '^':
                this.i++;
                return { kind: 'assert' };
            case '*':
            case '+':
            case '?':
                throw new GiveUp(); // nothing to repeat
            default:
                this.i++;
                return { kind: 'char', js: c };
        }
    }

    /** Reads a quantifier after `atom`, if there is one. */
    private quantified(atom: Node): Node {
        const c = this.s.charAt(this.i);
        let min: number;
        let max: number;
        if (c === '*' || c === '+' || c === '?') {
            min = c === '+' ? 1 : 0;
            max = c === '?' ? 1 : Infinity;
            this.i++;
        } else if (c === '{') {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
            if (m?.[1] === undefined) return atom; // a literal '{'
            min = Number(m[1]);
            max = m[2] === undefined ? min : m[3] === '' || m[3] === undefined ? Infinity : Number(m[3]);
            this.i += m[0].length;
        } else {
            return atom;
        }
        const mode = this.s.charAt(this.i);
        if (mode === '?' || mode === '+') this.i++;
        return { kind: 'repeat', node: atom, min, max };
    }

    private group(): Node {
        const rest = this.s.slice(this.i);
        let m: RegExpExecArray | null;
        if (rest.startsWith('(?#')) {
            const end = this.s.indexOf(')', this.i);
            if (end < 0) throw new GiveUp();
            this.i = end + 1;
            this.literalsSafe = false;
            return { kind: 'assert' };
        }
        if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
            this.i += 4;
            const alternatives = this.alternatives();
            this.close();
            if (alternatives.some((branch) => branchLength(branch) === undefined)) {
                throw new RegexSyntaxError(LOOKBEHIND_NOT_FIXED);
            }
            return { kind: 'assert' };
        }
        if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
            this.i += 3;
            this.alternatives();
            this.close();
            return { kind: 'assert' };
        }
        if ((m = /^\(\?[imnsxJU]*(?:-[imnsxJU]*)?\)/.exec(rest))) {
            // An option setting such as (?s) or (?-i) in the middle of the pattern.
            this.i += m[0].length;
            this.literalsSafe = false;
            return { kind: 'assert' };
        }
        if ((m = /^\(\?(?:R|[+-]?\d+|&\w+|P>\w+|P=\w+)\)/.exec(rest))) {
            // Recursion, subroutine calls and named backreferences.
            this.i += m[0].length;
            this.literalsSafe = false;
            return { kind: 'variable' };
        }
        m =
            /^\((?:\?<[A-Za-z_]\w*>|\?:|\?P<[A-Za-z_]\w*>|\?'[A-Za-z_]\w*'|\?>|\?\||\?[imnsxJU]*(?:-[imnsxJU]*)?:)?/.exec(
                rest
            );
        const opening = m?.[0] ?? '(';
        // Conditionals, verbs and other `(?` syntax that JavaScript rejects anyway.
        if (opening === '(' && rest.startsWith('(?')) throw new GiveUp();
        // Groups JavaScript does not have (atomic, branch reset, PCRE's named forms, options) read differently there.
        if (!/^\((?:\?:|\?<[A-Za-z_]\w*>)?$/.test(opening)) this.literalsSafe = false;
        this.i += opening.length;
        const alternatives = this.alternatives();
        this.close();
        return { kind: 'group', alternatives };
    }

    /** Replaces the next `length` characters with `text` in the JavaScript source, and moves past them. */
    private edit(length: number, text: string): void {
        this.edits.push([this.i, this.i + length, text]);
        this.i += length;
    }

    private close(): void {
        if (this.s.charAt(this.i) !== ')') throw new GiveUp();
        this.i++;
    }

    private skipClass(): void {
        let i = this.i + 1;
        if (this.s.charAt(i) === '^') i++;
        // PCRE reads a leading ']' as a member; JavaScript reads `[]` as an empty class.
        if (this.s.charAt(i) === ']') throw new RegexUnsupportedError(this.s.slice(this.i, i + 1));
        while (i < this.s.length) {
            const c = this.s.charAt(i);
            if (c === '\\') {
                checkEscape(this.s.charAt(i + 1), this.s.charAt(i + 2));
                if (this.s.charAt(i + 1) === 's') this.edits.push([i, i + 2, PCRE_SPACE_CHARS]);
                i += 2;
            } else if (c === '[' && /^\[[:.=]/.test(this.s.slice(i, i + 2))) {
                // POSIX classes such as [:alpha:], which JavaScript reads as single characters.
                const end = this.s.indexOf(']', i + 2);
                throw new RegexUnsupportedError(this.s.slice(i, end < 0 ? undefined : end + 1));
            } else if (c === ']') {
                this.i = i + 1;
                return;
            } else i++;
        }
        throw new GiveUp(); // unterminated class
    }

    private escape(): Node {
        const c = this.s.charAt(this.i + 1);
        if (c === '') throw new GiveUp(); // a trailing backslash
        checkEscape(c, this.s.charAt(this.i + 2));
        if (c === 's' || c === 'S') {
            this.edit(2, c === 's' ? `[${PCRE_SPACE_CHARS}]` : `[^${PCRE_SPACE_CHARS}]`);
            return { kind: 'set' };
        }
        this.i += 2;
        if ('dDwW'.includes(c)) return { kind: 'set' };
        if (c === 'b' || c === 'B') return { kind: 'assert' };
        if (/[1-9]/.test(c)) {
            while (/\d/.test(this.s.charAt(this.i))) this.i++;
            return { kind: 'variable' };
        }
        if (c === 'k') {
            const m = /^<[^>]*>/.exec(this.s.slice(this.i));
            if (m) this.i += m[0].length;
            return { kind: 'variable' };
        }
        if (c === 'x') {
            const hex = HEX.exec(this.s.slice(this.i))?.[0];
            if (hex === undefined) return { kind: 'char', js: undefined };
            this.i += 2;
            return { kind: 'char', js: String.fromCharCode(parseInt(hex, 16)) };
        }
        if (c === 'c') {
            this.i++;
            return { kind: 'char', js: undefined };
        }
        if (c === '0') {
            const end = this.i + 2;
            while (this.i < end && /[0-7]/.test(this.s.charAt(this.i))) this.i++;
            return { kind: 'char', js: undefined };
        }
        const simple = SIMPLE_ESCAPES[c];
        if (simple !== undefined) return { kind: 'char', js: simple };
        // An escaped punctuation character stands for itself in both engines.
        return { kind: 'char', js: /[A-Za-z0-9]/.test(c) || c.charCodeAt(0) > 0x7f ? undefined : c };
    }
}

/**
 * Literals at least one of which every match of `branch` contains: the longest run of plain
 * characters outside any optional part, or, when it is more selective, a group every alternative of
 * which has such literals (then any one of them will do). Empty when there is none.
 */
function requiredLiterals(branch: readonly Node[], ignoreCase: boolean): readonly string[] {
    let best: readonly string[] = [];
    const score = (literals: readonly string[]): number =>
        literals.length === 0 ? 0 : Math.min(...literals.map((l) => l.length));
    const consider = (literals: readonly string[]): void => {
        if (score(literals) > score(best) || (score(literals) === score(best) && literals.length < best.length)) {
            best = literals;
        }
    };
    let run = '';
    const flush = (): void => {
        if (run !== '') consider([run]);
        run = '';
    };
    for (const item of branch) {
        const node = item.kind === 'repeat' ? item.node : item;
        const min = item.kind === 'repeat' ? item.min : 1;
        const max = item.kind === 'repeat' ? item.max : 1;
        if (node.kind === 'group') {
            flush();
            if (min >= 1) consider(anyOf(node.alternatives, ignoreCase));
            continue;
        }
        const ch = node.kind === 'char' ? node.js : undefined;
        // Case-insensitive runs keep to ASCII, whose case folding is the same in every engine.
        if (ch === undefined || (ignoreCase && ch.charCodeAt(0) > 0x7f)) {
            flush();
            continue;
        }
        const text = ignoreCase ? ch.toLowerCase() : ch;
        if (min === max) {
            run += text.repeat(min);
        } else {
            if (min >= 1) run += text;
            flush();
        }
    }
    flush();
    return best;
}

/** Literals one of which every match of one of the alternatives contains; empty when some alternative has none. */
function anyOf(alternatives: readonly (readonly Node[])[], ignoreCase: boolean): readonly string[] {
    const all: string[] = [];
    for (const branch of alternatives) {
        const literals = requiredLiterals(branch, ignoreCase);
        if (literals.length === 0) return [];
        all.push(...literals);
    }
    return [...new Set(all)];
}

// ---------------------------------------------------------------------------------------------

/**
 * Checks a pattern body (without a leading `(?i)`) against PCRE's rules, throwing
 * {@link RegexSyntaxError} or {@link RegexUnsupportedError}. Returns the JavaScript source that
 * reads it as PCRE does, and the literals one of which every match contains (empty when there are
 * none, or when the syntax is beyond this parser; JavaScript then judges the pattern as written).
 */
function analyse(body: string, ignoreCase: boolean): { source: string; literals: readonly string[] } {
    const parser = new PatternParser(body);
    let alternatives: (readonly Node[])[];
    try {
        alternatives = parser.parse();
    } catch (e) {
        if (e instanceof GiveUp) return { source: body, literals: [] };
        throw e;
    }
    let source = '';
    let at = 0;
    for (const [start, end, text] of parser.edits) {
        source += body.slice(at, start) + text;
        at = end;
    }
    source += body.slice(at);
    return { source, literals: parser.literalsSafe ? anyOf(alternatives, ignoreCase) : [] };
}

// The text of the last case-insensitive check and its lower-case form: a search tests many patterns
// against the same `_raw` in a row, so it is lower-cased once.
let lastText: string | undefined;
let lastLower = '';

/** The lower-case form of a text, made once for the same text in a row. */
export function lowerOf(text: string): string {
    if (text !== lastText) {
        lastText = text;
        lastLower = text.toLowerCase();
    }
    return lastLower;
}

function makeRegex(regex: RegExp, requiredLiterals: readonly string[]): SplRegex {
    const [first, ...others] = requiredLiterals;
    let mayMatch: (text: string) => boolean;
    if (first === undefined) mayMatch = () => true;
    else if (others.length === 0) {
        mayMatch = regex.ignoreCase ? (text) => lowerOf(text).includes(first) : (text) => text.includes(first);
    } else {
        mayMatch = (text) => {
            const haystack = regex.ignoreCase ? lowerOf(text) : text;
            return requiredLiterals.some((literal) => haystack.includes(literal));
        };
    }
    return {
        regex,
        requiredLiterals,
        mayMatch,
        test: (text) => mayMatch(text) && regex.test(text),
    };
}

const MAX_CACHED = 20_000;
// Keyed by flags, then by pattern: a pattern usually comes from a literal of the search, the same
// string object on every call, whose hash the engine keeps.
const cache = new Map<string, Map<string, SplRegex | RegexSyntaxError | RegexUnsupportedError>>();
let cached = 0;

/**
 * Compiles a Splunk (PCRE) regular expression, once per distinct pattern and flags.
 * @param pattern the pattern as written in the search; a leading `(?i)` ignores case
 * @param flags extra JavaScript flags (`g` for replacing)
 * @throws RegexSyntaxError when PCRE or JavaScript rejects the pattern, RegexUnsupportedError for
 *   PCRE syntax JavaScript would read differently
 */
export function compileSplRegex(pattern: string, flags = ''): SplRegex {
    let byPattern = cache.get(flags);
    if (byPattern === undefined) {
        byPattern = new Map();
        cache.set(flags, byPattern);
    }
    let entry = byPattern.get(pattern);
    if (entry === undefined) {
        entry = build(pattern, flags);
        if (cached >= MAX_CACHED) {
            for (const map of cache.values()) map.clear();
            cached = 0;
        }
        byPattern.set(pattern, entry);
        cached++;
    }
    if (entry instanceof Error) throw entry;
    return entry;
}

/** {@link compileSplRegex}, or undefined for a pattern that does not compile. */
export function tryCompileSplRegex(pattern: string, flags = ''): SplRegex | undefined {
    try {
        return compileSplRegex(pattern, flags);
    } catch {
        return undefined;
    }
}

function build(pattern: string, flags: string): SplRegex | RegexSyntaxError | RegexUnsupportedError {
    let body = pattern;
    let allFlags = flags;
    if (body.startsWith('(?i)')) {
        body = body.slice(4);
        allFlags += 'i';
    }
    try {
        const { source, literals } = analyse(body, allFlags.includes('i'));
        return makeRegex(new RegExp(source, allFlags), literals);
    } catch (e) {
        if (e instanceof RegexSyntaxError || e instanceof RegexUnsupportedError) return e;
        return new RegexSyntaxError(e instanceof Error ? e.message : String(e));
    }
}
