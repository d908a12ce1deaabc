/**
 * `rangemap field=<field> <name>=<low>-<high> ... [default=<name>]`: sets `range` to the names of every range
 * (inclusive) the field's number falls in, or to `default` (`None` unless given) when none does or the field is
 * no number.
 */
import { toNumber, valuesOf } from '../field-value';
import { commandError } from '../spl-error';
import { isWord, lexArgs, nameOf } from './arg-lexer';
import type { StreamCommand } from './result-set';

interface Range {
    readonly name: string;
    readonly low: number;
    readonly high: number;
}

const fail = (detail: string): never => {
    throw commandError('rangemap', detail);
};

/** Parses the arguments of `rangemap`. */
export function parseRangemapCommand(args: string): StreamCommand {
    const tokens = lexArgs(args, 'rangemap');
    let field: string | undefined;
    let fallback = 'None';
    const ranges: Range[] = [];
    for (let i = 0; i < tokens.length; i += 3) {
        const key = nameOf(tokens[i]);
        const value = nameOf(tokens[i + 2]);
        if (key === undefined || tokens[i + 1]?.text !== '=' || value === undefined) {
            fail(`Invalid argument: '${tokens[i]?.text ?? ''}'`);
        }
        if (isWord(tokens[i], 'field')) field = value;
        else if (isWord(tokens[i], 'default')) fallback = value ?? 'None';
        else {
            const m = /^(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/.exec(value ?? '');
            if (!m) fail(`Invalid range '${value ?? ''}' for '${key ?? ''}'. Expected <low>-<high>.`);
            ranges.push({ name: key ?? '', low: Number(m?.[1]), high: Number(m?.[2]) });
        }
    }
    if (field === undefined) fail("The 'field' argument is required.");
    if (ranges.length === 0) fail('At least one range is required.');
    const name = field ?? '';
    return {
        name: 'rangemap',
        apply(input) {
            for (const row of input.rows) {
                const n = toNumber(valuesOf(row.get(name))[0] ?? '');
                const hits = n === undefined ? [] : ranges.filter((r) => n >= r.low && n <= r.high).map((r) => r.name);
                row.set('range', hits.length === 0 ? fallback : hits.length === 1 ? (hits[0] ?? fallback) : hits);
            }
            return { ...input, order: input.order.includes('range') ? input.order : [...input.order, 'range'] };
        },
    };
}
