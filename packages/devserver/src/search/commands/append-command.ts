/**
 * `append [extendtimerange=<bool>] [maxtime=<int>] [maxout=<int>] [timeout=<int>] [<subsearch>]`:
 * runs the subsearch, a search of its own (`[search …]`, `[| tstats …]` or a bare search
 * expression, with further commands), over the same events and job time range, and puts its
 * result rows after the current ones. The result is a table, not events.
 *
 * - `maxout` (default 50000, which is also its ceiling, limits.conf `maxresultrows`): the
 *   subsearch's rows beyond it are dropped, with a job message saying so, as Splunk does. A larger
 *   value is lowered to 50000, with Splunk's message.
 * - `maxtime` (seconds before the subsearch is finalized) is accepted, but the stand-in runs a
 *   subsearch to the end at once, so it never finalizes one early.
 * - `timeout` (how long Splunk caches a subsearch's results) is accepted; the stand-in caches
 *   nothing.
 * - `extendtimerange` is accepted; it only matters to commands the stand-in does not have
 *   (`timechart`).
 */
import { commandError, SplError } from '../spl-error';
import { closingBracket } from '../split-pipeline';
import { parseBool } from './arg-lexer';
import type { PipelineContext, ResultSet, StreamCommand } from './result-set';

/** A compiled subsearch. */
export interface Subsearch {
    /** Runs the subsearch with the outer search's events, time range and message list. */
    run(context: PipelineContext): ResultSet;
    /** The same, waiting on external commands the subsearch may use. */
    runAsync(context: PipelineContext): Promise<ResultSet>;
}

/** The default and the ceiling of `maxout` (limits.conf `[searchresults] maxresultrows`). */
export const APPEND_MAXOUT = 50000;

const LAST_ARG = 'The last argument must be a subsearch.';

interface Options {
    maxout: number;
}

function readOptions(text: string): { options: Options; rest: string; warnings: string[] } {
    const options: Options = { maxout: APPEND_MAXOUT };
    const seen = new Set<string>();
    const warnings: string[] = [];
    let rest = text.trimStart();
    while (rest !== '' && !rest.startsWith('[')) {
        const m = /^([A-Za-z_]\w*)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s[\]"]+)\s*/.exec(rest);
        if (m?.[1] === undefined || m[2] === undefined) {
            throw commandError('append', `Invalid argument: '${/^\S+/.exec(rest)?.[0] ?? rest}'`);
        }
        const key = m[1];
        const value = m[2].startsWith('"') ? m[2].slice(1, -1).replace(/\\(["\\])/g, '$1') : m[2];
        if (seen.has(key)) throw commandError('append', `Option '${key}' should not be specified more than once.`);
        seen.add(key);
        const expecting = (type: string): never => {
            throw commandError(
                'append',
                `Invalid option value. Expecting a '${type}' for option '${key}'. Instead got '${value}'.`
            );
        };
        if (key === 'extendtimerange') {
            if (parseBool(value) === undefined) expecting('bool');
        } else if (key === 'maxtime' || key === 'maxout' || key === 'timeout') {
            if (!/^\d+$/.test(value)) expecting('int');
            const n = Number(value);
            if (key === 'maxout') {
                if (n === 0) {
                    throw new SplError(
                        'unsupported-argument',
                        "Error in 'append' command: The argument 'maxout=0' is not supported."
                    );
                }
                if (n > APPEND_MAXOUT) {
                    warnings.push(
                        `The subsearch 'maxout' value of ${n} cannot be greater than the limits.conf [search] 'maxresultrows' value of ${APPEND_MAXOUT}. Lowering 'maxout' to ${APPEND_MAXOUT}.`
                    );
                }
                options.maxout = Math.min(n, APPEND_MAXOUT);
            }
        } else {
            throw commandError('append', `Option '${key}' is invalid.`);
        }
        rest = rest.slice(m[0].length);
    }
    return { options, rest, warnings };
}

/**
 * Parses the arguments of `append`.
 * @param args the text after the command name
 * @param compileSubsearch compiles the text between the brackets (parse errors fail the whole search)
 */
export function parseAppendCommand(args: string, compileSubsearch: (text: string) => Subsearch): StreamCommand {
    const { options, rest, warnings } = readOptions(args);
    if (!rest.startsWith('[')) throw commandError('append', LAST_ARG);
    const close = closingBracket(rest, 0);
    if (close < 0) throw new SplError('parse', "Error in 'SearchParser': Mismatched '['.");
    if (rest.slice(close + 1).trim() !== '') throw commandError('append', LAST_ARG);
    const subsearch = compileSubsearch(rest.slice(1, close));
    const combine = (input: ResultSet, sub: ResultSet, context: PipelineContext): ResultSet => {
        let rows = sub.rows;
        if (rows.length > options.maxout) {
            context.message({
                type: 'WARN',
                text: `Subsearch produced ${rows.length} results, truncating to maxout ${options.maxout}.`,
            });
            rows = rows.slice(0, options.maxout);
        }
        const order = [...input.order, ...sub.order.filter((f) => !input.order.includes(f))];
        return { rows: [...input.rows, ...rows], order };
    };
    return {
        name: 'append',
        apply(input, context) {
            for (const text of warnings) context.message({ type: 'WARN', text });
            return combine(input, subsearch.run(context), context);
        },
        async applyAsync(input, context) {
            for (const text of warnings) context.message({ type: 'WARN', text });
            // The subsearch's rows are not the outer search's preview.
            const inner = { ...context, preview: undefined };
            return combine(input, await subsearch.runAsync(inner), context);
        },
    };
}
