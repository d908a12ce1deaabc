/**
 * Commands that choose or rename fields. Field names are case-sensitive and may use `*` wildcards.
 *
 * - `table f1 f2 ...`: only those fields, in that order (a wildcard adds the matching fields in
 *   order of first appearance); `_raw` and `_time` are dropped unless listed;
 * - `fields [+] f1, f2`: keep those fields plus `_raw` and `_time`; `fields - f1, f2`: remove them;
 * - `rename a as b, c* as d*`: rename (a missing source changes nothing; an existing target is replaced).
 */
import type { Row } from '../field-value';
import { commandError } from '../spl-error';
import { fieldNamePredicate, hasWildcard, wildcardCaptures } from '../text-match';
import { fieldList, isWord, lexArgs, nameOf } from './arg-lexer';
import type { ResultSet, StreamCommand } from './result-set';

function presentFields(input: ResultSet): string[] {
    const seen = new Set<string>(input.order.filter((f) => input.rows.some((r) => r.has(f))));
    for (const row of input.rows) for (const f of row.keys()) seen.add(f);
    return [...seen];
}

function expand(patterns: readonly string[], available: readonly string[]): string[] {
    const out = new Set<string>();
    for (const pattern of patterns) {
        if (!hasWildcard(pattern)) {
            out.add(pattern);
            continue;
        }
        const test = fieldNamePredicate(pattern);
        for (const f of available) if (test(f)) out.add(f);
    }
    return [...out];
}

/** Parses the arguments of `table`. */
export function parseTableCommand(args: string): StreamCommand {
    const patterns = fieldList(lexArgs(args, 'table'), (d) => {
        throw commandError('table', d);
    });
    return {
        name: 'table',
        apply(input) {
            const fields = expand(patterns, presentFields(input));
            const rows = input.rows.map((row) => {
                const out: Row = new Map();
                for (const f of fields) {
                    const v = row.get(f);
                    if (v !== undefined) out.set(f, v);
                }
                return out;
            });
            return { rows, order: fields };
        },
    };
}

/** Parses the arguments of `fields`. */
export function parseFieldsCommand(args: string): StreamCommand {
    const tokens = lexArgs(args, 'fields');
    let remove = false;
    const first = tokens[0];
    if (first?.kind === 'word' && (first.text === '+' || first.text === '-')) {
        remove = first.text === '-';
        tokens.shift();
    }
    const patterns = fieldList(tokens, (d) => {
        throw commandError('fields', d);
    });
    if (patterns.length === 0) throw commandError('fields', 'A field list is required.');
    return {
        name: 'fields',
        apply(input) {
            const available = presentFields(input);
            const listed = new Set(expand(patterns, available));
            if (remove) {
                for (const row of input.rows) for (const f of listed) row.delete(f);
                return { rows: input.rows, order: input.order.filter((f) => !listed.has(f)) };
            }
            const keep = (f: string): boolean => listed.has(f) || f === '_raw' || f === '_time';
            const ordered = expand(patterns, available);
            const rows = input.rows.map((row) => {
                const out: Row = new Map();
                for (const f of [...ordered, '_time', '_raw']) {
                    const v = row.get(f);
                    if (v !== undefined && keep(f)) out.set(f, v);
                }
                return out;
            });
            return { rows, order: ordered };
        },
    };
}

/** Parses the arguments of `rename`. */
export function parseRenameCommand(args: string): StreamCommand {
    const tokens = lexArgs(args, 'rename');
    const pairs: [string, string][] = [];
    for (let i = 0; i < tokens.length;) {
        if (tokens[i]?.text === ',') {
            i++;
            continue;
        }
        const from = nameOf(tokens[i]);
        const to = nameOf(tokens[i + 2]);
        if (from === undefined || !isWord(tokens[i + 1], 'as') || to === undefined) {
            throw commandError('rename', "Syntax error: expected '<field> as <new name>'.");
        }
        if (hasWildcard(from) !== hasWildcard(to) || from.split('*').length !== to.split('*').length) {
            throw commandError('rename', `Wildcard mismatch: '${from}' as '${to}'.`);
        }
        pairs.push([from, to]);
        i += 3;
    }
    if (pairs.length === 0) throw commandError('rename', "Syntax error: expected '<field> as <new name>'.");
    const target = (name: string, from: string, to: string): string | undefined => {
        if (!hasWildcard(from)) return name === from ? to : undefined;
        const captures = wildcardCaptures(from, name);
        if (captures === undefined) return undefined;
        let k = 0;
        return to.replace(/\*/g, () => captures[k++] ?? '');
    };
    return {
        name: 'rename',
        apply(input) {
            let order = [...input.order];
            for (const [from, to] of pairs) {
                const names = presentFields({ rows: input.rows, order });
                for (const name of names) {
                    const newName = target(name, from, to);
                    if (newName === undefined || newName === name) continue;
                    for (const row of input.rows) {
                        const v = row.get(name);
                        if (v === undefined) continue;
                        row.delete(name);
                        row.set(newName, v);
                    }
                    order = order.filter((f) => f !== newName).map((f) => (f === name ? newName : f));
                }
            }
            return { rows: input.rows, order };
        },
    };
}
