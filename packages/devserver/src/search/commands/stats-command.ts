/** `stats <aggregation> [as <name>] ... [by <field-list>]` (see aggregates.ts and group-by.ts). */
import { SplError } from '../spl-error';
import { aggregateRows } from './group-by';
import { parseAggregates } from './aggregates';
import { fieldList, findKeywords, lexArgs } from './arg-lexer';
import type { StreamCommand } from './result-set';

const UNSUPPORTED_OPTIONS = /^(partitions|allnum|delim|dedup_splitvals)\s*=/i;

/** Parses the arguments of `stats`. */
export function parseStatsCommand(args: string): StreamCommand {
    const option = UNSUPPORTED_OPTIONS.exec(args.trim());
    if (option?.[1] !== undefined) {
        throw new SplError(
            'unsupported-argument',
            `Error in 'stats' command: The argument '${option[1]}' is not supported.`
        );
    }
    const byAt = findKeywords(args, ['by']).at(0)?.[1];
    const aggText = byAt === undefined ? args : args.slice(0, byAt);
    const specs = parseAggregates(aggText, 'stats');
    const by =
        byAt === undefined
            ? []
            : fieldList(lexArgs(args.slice(byAt + 2), 'stats'), (d) => {
                  throw new SplError('parse', `Error in 'stats' command: ${d}`);
              });
    return { name: 'stats', apply: (input) => aggregateRows(input.rows, by, specs) };
}
