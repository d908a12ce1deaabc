/**
 * "Search my events for it": a search of the analyst's own events for a value that no intelligence source can
 * search (a registrar, an autonomous system, a network) or that the analyst wants to find locally anyway. The value
 * is a quoted phrase in the base search, scoped by the `passivetotal_index` macro; a value with characters a quoted
 * phrase cannot express literally (`*`, a backtick, control characters) is widened there and made exact by a
 * streaming `where match(_raw, ...)` of the value as a literal. All quoting is the compiler's.
 */
import {
    and,
    binary,
    call,
    fieldRef,
    literalRegex,
    or,
    phrase,
    pipeline,
    searchCmd,
    whereCmd,
    type EvalExpr,
} from './ast';
import { compile, needsExactFilter } from './compiler';
import { indexScope, type LocalSearchOptions } from './local-search';

/**
 * The SPL that finds any of the values (the same thing written several ways, e.g. `AS64501` and `64501`) in raw
 * events, or undefined when no value is left after trimming.
 *
 * @example eventsSearch(['Bargain Names Registrar, Inc.']) // '(`passivetotal_index`) "Bargain Names Registrar, Inc."'
 * @example eventsSearch(['a*b']) // '(`passivetotal_index`) "a*b"\n| where match(_raw, "(?i)a\\\\*b")'
 */
export function eventsSearch(
    values: readonly string[],
    options: Pick<LocalSearchOptions, 'indexMacro'> = {}
): string | undefined {
    const wanted = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (wanted.length === 0) return undefined;
    const base = searchCmd(and(indexScope(options), or(...wanted.map((v) => phrase(v)))));
    if (!wanted.some(needsExactFilter)) return compile(pipeline(base));
    const exact = wanted
        .map((v): EvalExpr => call('match', fieldRef('_raw'), literalRegex(v)))
        .reduce((acc, test) => binary('OR', acc, test));
    return compile(pipeline(base, whereCmd(exact)));
}
