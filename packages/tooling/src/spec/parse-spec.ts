import { compileSpecPattern, type SpecPattern } from './spec-pattern';

/**
 * A parser for Splunk `.conf.spec` files.
 *
 * Only column 0 carries structure; everything else is documentation:
 * - a line that starts with `[` and ends with `]` is a stanza header (`[id]`, `[script:<uniqueName>]`);
 * - a line that starts with a key token followed by `=` is a key (`name = <string>`,
 *   `ttl_seconds.<dataset> = ...`); a key token is a run of characters without blanks and `=`, where
 *   `<...>` placeholders may hold blanks (`alert:<indicator name>.disabled`);
 * - lines that start with `#`, `*` or a blank, and column-0 prose without `key =`, are ignored.
 * Keys before the first header are global (Splunk's GLOBAL SETTINGS, allowed in every stanza); so are
 * the keys of an explicit `[default]` stanza in the spec.
 * A spec without any column-0 stanza header (`indexes.conf.spec`, `searchbnf.conf.spec`,
 * `sourcetypes.conf.spec`) documents a file whose stanza names are chosen by the user: `freeStanzas` is
 * then true and every stanza takes the global keys.
 */

/** A key name declared by a spec, with the line it is declared on. */
export interface SpecKey extends SpecPattern {
    readonly line: number;
}

/** A stanza declared by a spec, with the keys documented under it. */
export interface SpecStanza extends SpecPattern {
    readonly line: number;
    readonly keys: readonly SpecKey[];
}

/** One parsed spec file. */
export interface SpecFile {
    /** The conf file it describes, without extension: `app` for `app.conf.spec`. */
    readonly confName: string;
    /** Path or name given to `parseSpec`, used in messages. */
    readonly fileName: string;
    /** Keys declared before the first stanza header or in `[default]`: allowed in every stanza. */
    readonly globalKeys: readonly SpecKey[];
    /** Keys declared before the first stanza header only (AppInspect forbids them in an app's own spec). */
    readonly keysBeforeFirstStanza: readonly SpecKey[];
    readonly stanzas: readonly SpecStanza[];
    /** True when the spec has no stanza header at all: any stanza name is allowed. */
    readonly freeStanzas: boolean;
}

const keyLine = /^((?:<[^<>]*>|[^\s=<>[\]#*])(?:<[^<>]*>|[^\s=<>])*)\s*=/;

/** `app` for `app.conf.spec` or `/x/README/app.conf.spec`. */
export function confNameOfSpec(fileName: string): string {
    const base = fileName.split(/[\\/]/).pop() ?? fileName;
    return base.replace(/\.conf\.spec$/, '');
}

/**
 * Parses the text of a `.conf.spec` file.
 *
 * @example
 * parseSpec('[ui]\nlabel = <string>\n* The label.\n', 'app.conf.spec').stanzas[0]?.keys[0]?.source // → 'label'
 */
export function parseSpec(text: string, fileName: string): SpecFile {
    const before: SpecKey[] = [];
    const fromDefault: SpecKey[] = [];
    const stanzas: { pattern: SpecPattern; line: number; keys: SpecKey[] }[] = [];
    let current: { pattern: SpecPattern; line: number; keys: SpecKey[] } | undefined;

    text.replace(/^\uFEFF/, '')
        .split(/\r\n|\n|\r/)
        .forEach((raw, index) => {
            const line = index + 1;
            const trimmedEnd = raw.trimEnd();
            if (trimmedEnd.startsWith('[') && trimmedEnd.endsWith(']')) {
                current = { pattern: compileSpecPattern(trimmedEnd.slice(1, -1).trim()), line, keys: [] };
                stanzas.push(current);
                return;
            }
            const match = keyLine.exec(raw);
            if (!match?.[1]) return;
            const key: SpecKey = { ...compileSpecPattern(match[1]), line };
            if (!current) before.push(key);
            else if (current.pattern.source === 'default') fromDefault.push(key);
            else current.keys.push(key);
        });

    return {
        confName: confNameOfSpec(fileName),
        fileName,
        globalKeys: [...before, ...fromDefault],
        keysBeforeFirstStanza: before,
        stanzas: stanzas.map((s) => ({ ...s.pattern, line: s.line, keys: s.keys })),
        freeStanzas: stanzas.length === 0,
    };
}
