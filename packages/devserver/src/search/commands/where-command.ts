/** `where <eval-expression>`: keeps the rows for which the expression is `true`. */
import { EvalEvaluator } from '../eval-evaluator';
import { isBooleanExpression, parseEvalExpression } from '../eval-parser';
import { commandError } from '../spl-error';
import type { StreamCommand } from './result-set';

/** Parses the arguments of `where`. */
export function parseWhereCommand(args: string, now: number): StreamCommand {
    const expr = parseEvalExpression(args, 'where');
    if (!isBooleanExpression(expr)) {
        throw commandError('where', 'The expression is malformed. Expected a boolean expression.');
    }
    const evaluator = new EvalEvaluator({ now, command: 'where' });
    return {
        name: 'where',
        apply: (input) => ({ ...input, rows: input.rows.filter((row) => evaluator.evaluate(expr, row) === true) }),
    };
}
