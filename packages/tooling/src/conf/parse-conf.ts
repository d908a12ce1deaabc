/**
 * A parser for Splunk `.conf` files (and `.meta` files, which share the syntax).
 *
 * What it follows from Splunk's own reader:
 * - `[name]` opens a stanza; the name is everything between the first `[` and the last `]` of the line,
 *   so stanza names may hold brackets (`[source::...[ab]]`). `[]` is a valid, empty name (default.meta).
 * - `key = value`: split at the first `=`, key and value trimmed. Keys are case-sensitive.
 * - A line whose first non-blank character is `#` is a comment. There are no inline comments: a `#` after
 *   a value belongs to the value, as in Splunk.
 * - A line ending in a backslash continues on the next line; the backslash is dropped and the lines are
 *   joined with `\n`, which is how Splunk keeps multi-line values such as searches.
 * - Keys before any stanza belong to the `default` stanza; a later explicit `[default]` is merged into it.
 * - A key set twice in one stanza: the last value wins, and a `duplicate-key` problem is reported.
 *   A stanza opened twice in one file is merged (Splunk does the same) and `duplicate-stanza` is reported.
 *
 * Line numbers are 1-based and point at the first physical line of a (continued) key line.
 */

/** One `key = value` setting of a stanza. */
export interface ConfKey {
    /** The key as written, trimmed. */
    readonly key: string;
    /** The value, trimmed; continued lines are joined with `\n`. May be empty. */
    readonly value: string;
    /** 1-based line of the (last) assignment. */
    readonly line: number;
}

/** One stanza with its keys in order of first appearance; each key appears once (the last value wins). */
export interface ConfStanza {
    /** The stanza name without brackets; `default` for keys before any stanza header. */
    readonly name: string;
    /** 1-based line of the header, or of the first key for an implicit `default` stanza. */
    readonly line: number;
    readonly keys: readonly ConfKey[];
}

/** What kind of irregularity the parser met; none of them stops parsing. */
export type ConfProblemKind = 'duplicate-key' | 'duplicate-stanza' | 'malformed-line' | 'unterminated-continuation';

/** An irregularity in the file, with its position. */
export interface ConfProblem {
    readonly kind: ConfProblemKind;
    readonly line: number;
    readonly message: string;
}

/** A parsed `.conf` file. */
export interface ConfFile {
    /** The name given to `parseConf`, used in messages (e.g. `default/app.conf`). */
    readonly fileName: string;
    /** Stanzas in order of first appearance; names are unique. */
    readonly stanzas: readonly ConfStanza[];
    readonly problems: readonly ConfProblem[];
}

interface MutableStanza {
    name: string;
    line: number;
    keys: ConfKey[];
    /** False for the `default` stanza opened by keys before any header. */
    explicit: boolean;
}

/** Physical lines joined across trailing backslashes, each with the line number it starts on. */
function logicalLines(text: string, problems: ConfProblem[]): { text: string; line: number }[] {
    const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    const result: { text: string; line: number }[] = [];
    let pending: { text: string; line: number } | undefined;
    physical.forEach((raw, index) => {
        const continues = raw.endsWith('\\');
        const body = continues ? raw.slice(0, -1) : raw;
        if (pending) {
            pending.text += '\n' + body;
        } else {
            pending = { text: body, line: index + 1 };
        }
        if (!continues) {
            result.push(pending);
            pending = undefined;
        }
    });
    if (pending) {
        problems.push({
            kind: 'unterminated-continuation',
            line: pending.line,
            message: 'the last line ends with a backslash but nothing follows',
        });
        result.push(pending);
    }
    return result;
}

/**
 * Parses the text of a Splunk `.conf` or `.meta` file. Never throws; irregular lines become `problems`.
 *
 * @example
 * parseConf('[ui]\nlabel = PassiveTotal\n', 'app.conf').stanzas
 * // → [{ name: 'ui', line: 1, keys: [{ key: 'label', value: 'PassiveTotal', line: 2 }] }]
 */
export function parseConf(text: string, fileName: string): ConfFile {
    const problems: ConfProblem[] = [];
    const stanzas: MutableStanza[] = [];
    const byName = new Map<string, MutableStanza>();
    let current: MutableStanza | undefined;

    const open = (name: string, line: number, explicit: boolean): MutableStanza => {
        const existing = byName.get(name);
        if (existing) {
            if (explicit && !existing.explicit) {
                existing.explicit = true;
            } else if (explicit) {
                problems.push({
                    kind: 'duplicate-stanza',
                    line,
                    message: `stanza [${name}] is already opened on line ${existing.line}; Splunk merges both`,
                });
            }
            return existing;
        }
        const stanza: MutableStanza = { name, line, keys: [], explicit };
        stanzas.push(stanza);
        byName.set(name, stanza);
        return stanza;
    };

    for (const { text: lineText, line } of logicalLines(text, problems)) {
        const trimmed = lineText.trim();
        if (trimmed === '' || trimmed.startsWith('#')) continue;
        if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
            current = open(trimmed.slice(1, -1).trim(), line, true);
            continue;
        }
        const equals = trimmed.indexOf('=');
        if (equals <= 0) {
            problems.push({
                kind: 'malformed-line',
                line,
                message: `neither a [stanza], a comment nor a "key = value" line: ${JSON.stringify(trimmed.slice(0, 60))}`,
            });
            continue;
        }
        const key = trimmed.slice(0, equals).trim();
        const value = trimmed.slice(equals + 1).trim();
        current ??= open('default', line, false);
        const previous = current.keys.findIndex((k) => k.key === key);
        const entry: ConfKey = { key, value, line };
        if (previous >= 0) {
            const earlier = current.keys[previous];
            problems.push({
                kind: 'duplicate-key',
                line,
                message: `key "${key}" in [${current.name}] is already set on line ${earlier?.line ?? '?'}; the last value wins`,
            });
            current.keys[previous] = entry;
        } else {
            current.keys.push(entry);
        }
    }
    return { fileName, stanzas: stanzas.map(({ name, line, keys }) => ({ name, line, keys })), problems };
}

/** The stanza called `name`, if the file has one. */
export function findStanza(conf: ConfFile, name: string): ConfStanza | undefined {
    return conf.stanzas.find((s) => s.name === name);
}

/** The entry of `key` in stanza `stanza`, if set. */
export function findKey(conf: ConfFile, stanza: string, key: string): ConfKey | undefined {
    return findStanza(conf, stanza)?.keys.find((k) => k.key === key);
}

/** The value of `key` in stanza `stanza`, or `undefined` when the stanza or key is absent. */
export function confValue(conf: ConfFile, stanza: string, key: string): string | undefined {
    return findKey(conf, stanza, key)?.value;
}

/**
 * The file as a plain object `{ stanza: { key: value } }`, handy for the stand-in and for tests.
 *
 * @example
 * confToObject(parseConf('[a]\nx = 1\n', 'x.conf')) // → { a: { x: '1' } }
 */
export function confToObject(conf: ConfFile): Record<string, Record<string, string>> {
    const result: Record<string, Record<string, string>> = {};
    for (const stanza of conf.stanzas) {
        result[stanza.name] = Object.fromEntries(stanza.keys.map((k) => [k.key, k.value]));
    }
    return result;
}
