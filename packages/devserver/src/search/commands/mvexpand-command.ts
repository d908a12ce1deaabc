/**
 * `mvexpand <field> [limit=N]`: one row per value of the field (the first N values with a limit).
 * Rows without the field are dropped, as Splunk does.
 */
import { valuesOf } from '../field-value';
import { commandError } from '../spl-error';
import { lexArgs, nameOf } from './arg-lexer';
import type { StreamCommand } from './result-set';

/** Parses the arguments of `mvexpand`. */
export function parseMvexpandCommand(args: string): StreamCommand {
    const tokens = lexArgs(args, 'mvexpand');
    let field: string | undefined;
    let limit = Infinity;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token?.kind === 'word' && token.text.toLowerCase() === 'limit' && tokens[i + 1]?.text === '=') {
            const n = Number(nameOf(tokens[i + 2]));
            if (!Number.isInteger(n) || n < 0) throw commandError('mvexpand', "Invalid value for 'limit'.");
            limit = n === 0 ? Infinity : n;
            i += 2;
        } else if (field === undefined && nameOf(token) !== undefined) {
            field = nameOf(token);
        } else {
            throw commandError('mvexpand', `Invalid argument: '${token?.text ?? ''}'`);
        }
    }
    if (field === undefined) throw commandError('mvexpand', 'A field name is required.');
    const name = field;
    return {
        name: 'mvexpand',
        apply(input) {
            const rows = input.rows.flatMap((row) =>
                valuesOf(row.get(name))
                    .slice(0, limit)
                    .map((v) => new Map(row).set(name, v))
            );
            return { ...input, rows };
        },
    };
}
