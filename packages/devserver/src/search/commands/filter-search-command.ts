/** `search` after the first command: keeps the rows that match the search expression. */
import { rowTarget } from '../row-target';
import { compileMatcher } from '../search-matcher';
import { parseSearchExpression } from '../search-parser';
import type { StreamCommand } from './result-set';

/** Parses the arguments of a non-initial `search`. */
export function parseFilterSearchCommand(args: string, now: number): StreamCommand {
    const matcher = compileMatcher(parseSearchExpression(args, { command: 'search', now }));
    return {
        name: 'search',
        apply: (input) => ({ ...input, rows: input.rows.filter((row) => matcher(rowTarget(row))) }),
    };
}
