/**
 * `fillnull [value=<string>] [<field-list>]`: gives a value (default `0`) to the fields a row lacks: the listed
 * fields (created where no row has them), or without a list every field some row of the results has.
 */
import { commandError } from '../spl-error';
import { fieldList, isWord, lexArgs, nameOf } from './arg-lexer';
import type { StreamCommand } from './result-set';

/** Parses the arguments of `fillnull`. */
export function parseFillnullCommand(args: string): StreamCommand {
    const tokens = lexArgs(args, 'fillnull');
    let value = '0';
    const rest = [...tokens];
    if (isWord(rest[0], 'value') && rest[1]?.text === '=') {
        const given = nameOf(rest[2]);
        if (given === undefined) throw commandError('fillnull', "Invalid value for 'value'.");
        value = given;
        rest.splice(0, 3);
    }
    const fields = fieldList(rest, (detail) => {
        throw commandError('fillnull', detail);
    });
    return {
        name: 'fillnull',
        apply(input) {
            let names = fields;
            if (names.length === 0) {
                const seen = new Set<string>();
                for (const row of input.rows) for (const name of row.keys()) if (!name.startsWith('_')) seen.add(name);
                names = [...seen];
            }
            for (const row of input.rows) {
                for (const name of names) {
                    const current = row.get(name);
                    if (current === undefined || current === '') row.set(name, value);
                }
            }
            return { ...input, order: [...input.order, ...names.filter((n) => !input.order.includes(n))] };
        },
    };
}
