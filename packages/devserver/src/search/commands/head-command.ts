/** `head [N] [limit=N]`, or `head (<eval-expression>)`: the first N rows (10 by default), or rows until the expression is not true. */
import { EvalEvaluator } from '../eval-evaluator';
import { parseEvalExpression } from '../eval-parser';
import { SplError, commandError } from '../spl-error';
import type { StreamCommand } from './result-set';

/** Parses the arguments of `head`. */
export function parseHeadCommand(args: string, now: number): StreamCommand {
    const text = args.trim();
    if (text.startsWith('(')) {
        if (!text.endsWith(')')) throw commandError('head', 'The expression is malformed.');
        const expr = parseEvalExpression(text, 'head');
        const evaluator = new EvalEvaluator({ now, command: 'head' });
        return {
            name: 'head',
            apply(input) {
                const stop = input.rows.findIndex((row) => evaluator.evaluate(expr, row) !== true);
                return { ...input, rows: stop < 0 ? input.rows : input.rows.slice(0, stop) };
            },
        };
    }
    let limit = 10;
    for (const part of text === '' ? [] : text.split(/\s+/)) {
        const m = /^(?:limit=)?(\d+)$/i.exec(part);
        if (m?.[1] !== undefined) {
            limit = Number(m[1]);
            continue;
        }
        if (/^(null|keeplast)=/i.test(part)) {
            throw new SplError(
                'unsupported-argument',
                `Error in 'head' command: The argument '${part}' is not supported.`
            );
        }
        throw commandError('head', `Invalid argument: '${part}'`);
    }
    return { name: 'head', rowLimit: limit, apply: (input) => ({ ...input, rows: input.rows.slice(0, limit) }) };
}
