/** `eval <field>=<expression> (, <field>=<expression>)*`: assignments run left to right per row. */
import type { EvalNode } from '../eval-ast';
import { EvalEvaluator } from '../eval-evaluator';
import { isBooleanExpression, parseEvalExpression } from '../eval-parser';
import { commandError } from '../spl-error';
import type { ResultSet, StreamCommand } from './result-set';

const BOOLEAN_ASSIGNMENT = 'Fields cannot be assigned a boolean result. Instead, try if([bool expr], [expr], [expr]).';

function splitAssignments(text: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let quote: string | undefined;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quote !== undefined) {
            if (c === '\\' && quote === '"') i++;
            else if (c === quote) quote = undefined;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
        else if (c === ',' && depth === 0) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(text.slice(start));
    return parts.map((p) => p.trim());
}

/** Parses the arguments of `eval`. */
export function parseEvalCommand(args: string, now: number): StreamCommand {
    if (args.trim() === '') throw commandError('eval', 'Missing the destination field and expression.');
    const assignments = splitAssignments(args).map((part): { field: string; expr: EvalNode } => {
        const m = /^(?:'([^']+)'|"([^"]+)"|([^\s=!<>]+))\s*=(?!=)([\s\S]*)$/.exec(part);
        const field = m?.[1] ?? m?.[2] ?? m?.[3];
        const exprText = m?.[4];
        if (field === undefined || exprText === undefined) {
            throw commandError('eval', `The expression is malformed. Expected <field>=<expression> in '${part}'.`);
        }
        const expr = parseEvalExpression(exprText, 'eval');
        if (isBooleanExpression(expr)) throw commandError('eval', BOOLEAN_ASSIGNMENT);
        return { field, expr };
    });
    const evaluator = new EvalEvaluator({ now, command: 'eval' });
    return {
        name: 'eval',
        apply(input: ResultSet): ResultSet {
            for (const row of input.rows) {
                for (const { field, expr } of assignments) {
                    const value = evaluator.evaluate(expr, row);
                    if (typeof value === 'boolean') throw commandError('eval', BOOLEAN_ASSIGNMENT, 'runtime');
                    if (value === null) row.delete(field);
                    else row.set(field, value);
                }
            }
            return input;
        },
    };
}
