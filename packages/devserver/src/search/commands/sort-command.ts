/**
 * `sort [N] [limit=N] (+|-)(field | auto(f) | num(f) | str(f) | ip(f)), ... [d|desc]`. The default
 * limit is 10000 rows; 0 means no limit. `auto` (the default) orders numbers numerically before
 * text, text by code unit; `num` orders numbers only (others last); `str` orders by text; `ip`
 * orders IPv4 addresses numerically. A row missing the field sorts before every value when
 * ascending. Multivalue fields sort by their first value. The sort is stable.
 */
import { parseIpv4 } from '../cidr';
import { compareAuto, firstValue, scalarToString, toNumber, type Row } from '../field-value';
import { commandError } from '../spl-error';
import { lexArgs, nameOf, type ArgToken } from './arg-lexer';
import type { StreamCommand } from './result-set';

type SortType = 'auto' | 'num' | 'str' | 'ip';

interface SortKey {
    readonly field: string;
    readonly descending: boolean;
    readonly type: SortType;
}

const DEFAULT_LIMIT = 10000;

function compareTyped(type: SortType, a: string | number, b: string | number): number {
    switch (type) {
        case 'auto':
            return compareAuto(a, b);
        case 'num': {
            const na = toNumber(a);
            const nb = toNumber(b);
            if (na === undefined || nb === undefined) return na === undefined ? (nb === undefined ? 0 : 1) : -1;
            return na - nb;
        }
        case 'str': {
            const sa = scalarToString(a);
            const sb = scalarToString(b);
            return sa < sb ? -1 : sa > sb ? 1 : 0;
        }
        case 'ip': {
            const ia = parseIpv4(scalarToString(a));
            const ib = parseIpv4(scalarToString(b));
            if (ia === undefined || ib === undefined) return compareAuto(a, b);
            return ia - ib;
        }
    }
}

function compareRows(keys: readonly SortKey[], a: Row, b: Row): number {
    for (const key of keys) {
        const va = firstValue(a.get(key.field));
        const vb = firstValue(b.get(key.field));
        let d: number;
        if (va === undefined || vb === undefined) d = va === undefined ? (vb === undefined ? 0 : -1) : 1;
        else d = compareTyped(key.type, va, vb);
        if (d !== 0) return key.descending ? -d : d;
    }
    return 0;
}

/** Parses the arguments of `sort`. */
export function parseSortCommand(args: string): StreamCommand {
    const tokens = lexArgs(args, 'sort');
    let limit = DEFAULT_LIMIT;
    let i = 0;
    const fail = (detail: string): never => {
        throw commandError('sort', detail);
    };
    const first = tokens[0];
    if (first?.kind === 'word' && /^\d+$/.test(first.text)) {
        limit = Number(first.text);
        i = 1;
    } else if (first?.kind === 'word' && first.text.toLowerCase() === 'limit' && tokens[1]?.text === '=') {
        limit = Number(nameOf(tokens[2]));
        if (!Number.isInteger(limit)) fail("Invalid value for 'limit'.");
        i = 3;
    }
    const keys: SortKey[] = [];
    let reverseAll = false;
    const at = (k: number): ArgToken | undefined => tokens[k];
    while (i < tokens.length) {
        const token = at(i);
        if (token?.kind === 'punct' && token.text === ',') {
            i++;
            continue;
        }
        let text = nameOf(token);
        if (text === undefined) return fail(`Invalid argument: '${token?.text ?? ''}'`);
        i++;
        if (i === tokens.length && keys.length > 0 && token?.kind === 'word' && ['d', 'desc'].includes(text)) {
            reverseAll = true;
            break;
        }
        let descending = false;
        if (text === '+' || text === '-') {
            descending = text === '-';
            text = nameOf(at(i));
            if (text === undefined) return fail('A field name must follow + or -.');
            i++;
        } else if (token?.kind === 'word' && (text.startsWith('+') || text.startsWith('-'))) {
            descending = text.startsWith('-');
            text = text.slice(1);
        }
        let type: SortType = 'auto';
        const lower = text.toLowerCase();
        if (['auto', 'num', 'str', 'ip'].includes(lower) && at(i)?.text === '(') {
            const inner = nameOf(at(i + 1));
            if (inner === undefined || at(i + 2)?.text !== ')') return fail(`Invalid argument: '${text}('`);
            type = lower as SortType;
            text = inner;
            i += 3;
        }
        keys.push({ field: text, descending, type });
    }
    if (keys.length === 0) fail('You must specify at least one field to sort by.');
    const finalKeys = reverseAll ? keys.map((k) => ({ ...k, descending: !k.descending })) : keys;
    return {
        name: 'sort',
        apply(input) {
            const sorted = [...input.rows].sort((a, b) => compareRows(finalKeys, a, b));
            return { ...input, rows: limit === 0 ? sorted : sorted.slice(0, limit) };
        },
    };
}
