/**
 * The searches that find an indicator in local data, in the two modes an administrator can choose:
 *
 * - `raw`: the matching rule (matching.ts) over raw events scoped by the `passivetotal_index` macro: the lexicon
 *   prefilter in the base search, then a streaming `where match(_raw, ...)` that makes it exact. Both run on the
 *   indexers.
 * - `cim`: one `tstats` per CIM data model in which the indicator can sit (cim-fields.ts), `summariesonly` from the
 *   `passivetotal_summariesonly` macro, scoped by the same `passivetotal_index` macro (a `tstats` whose `where`
 *   names no index reads only the role's default indexes). Whole-value fields are looked up exactly in every
 *   notation (cim-fields.ts) and counted without grouping by them, so an event with several values in a field
 *   (DNS answers, recipients) counts once; URL fields are looked up by containment, grouped (with `fillnull_value`)
 *   and filtered with the rule's pattern. Tracker ids have no CIM field, so the `cim` mode searches raw events.
 *
 * Generators only build AST nodes; `compiler.ts` does all quoting.
 */
import type { Indicator } from '../indicators/indicator';
import {
    agg,
    and,
    appendCmd,
    binary,
    call,
    fieldRef,
    isIn,
    macro,
    not,
    or,
    pipeline,
    regex,
    searchCmd,
    statsCmd,
    tstatsCmd,
    whereCmd,
    type Command,
    type AggregationNode,
    type EvalExpr,
    type Pipeline,
    type SearchExpr,
    type TstatsCommand,
} from './ast';
import {
    CIM_DATA_MODELS,
    cimFieldsFor,
    lookupPattern,
    type CimDataModel,
    type CimDataModelFields,
    type CimFieldLookup,
} from './cim-fields';
import { compile } from './compiler';
import { INDEX_MACRO, SUMMARIES_ONLY_MACRO } from './macros';
import { matchRule, type MatchMode } from './matching';

/** Where local searches look: raw events, or CIM data models with `tstats`. */
export type SearchMode = 'raw' | 'cim';

/** How an administrator wants local data searched. */
export interface LocalSearchOptions {
    /** `raw` events (default) or CIM data models with `tstats`. */
    readonly mode?: SearchMode;
    /** Raw matching: `thorough` (default, every log format) or `fast` (`TERM()` only). */
    readonly match?: MatchMode;
    /** Index-scope macro name; default `passivetotal_index`. */
    readonly indexMacro?: string;
    /** tstats options macro name; default `passivetotal_summariesonly`. */
    readonly summariesOnlyMacro?: string;
}

/** One generated search. */
export interface LocalSearch {
    /** Stable id, e.g. `raw` or `cim-Web`. */
    readonly id: string;
    /** Human label, e.g. "Raw events" or "Web (CIM)". */
    readonly label: string;
    readonly mode: SearchMode;
    /** The data model searched (CIM mode only). */
    readonly datamodel?: CimDataModel;
    /** The SPL text to dispatch. */
    readonly spl: string;
    /** The AST the text was compiled from. */
    readonly pipeline: Pipeline;
}

/** The value `tstats` gives a by-field an event lacks (so the event still counts). */
export const CIM_MISSING_VALUE = '-';

/** The field holding the data model's name in combined CIM results. */
export const DATAMODEL_FIELD = 'datamodel';

/** The index scope of every local search. */
export function indexScope(options: LocalSearchOptions = {}): SearchExpr {
    return macro(options.indexMacro ?? INDEX_MACRO);
}

/** `match(field, <pattern>)` for each field, OR-ed. */
export function anyFieldMatches(fields: readonly string[], pattern: string): EvalExpr {
    const tests: EvalExpr[] = fields.map((f) => call('match', fieldRef(f), regex(pattern)));
    const [first, ...rest] = tests;
    if (!first) return call('match', fieldRef('_raw'), regex(pattern));
    return rest.reduce<EvalExpr>((acc, t) => binary('OR', acc, t), first);
}

/**
 * The raw-event search for an indicator: the lexicon prefilter, then the exact streaming filter.
 *
 * @example compile(rawEventSearch(ipv4('203.0.113.77')))
 * // '(`passivetotal_index`) "203.0.113.77"\n| where match(_raw, "(?i)…203\\\\.0\\\\.113\\\\.77…")'
 */
export function rawEventSearch(indicator: Indicator, options: LocalSearchOptions = {}): Pipeline {
    const rule = matchRule(indicator, options.match);
    return pipeline(
        searchCmd(and(indexScope(options), rule.prefilter)),
        whereCmd(anyFieldMatches(['_raw'], rule.pattern))
    );
}

/** One data model an indicator can sit in, with the fields and their lookup values. */
export interface CimLeg {
    readonly model: CimDataModelFields;
    readonly fields: readonly CimFieldLookup[];
}

/** The data models (and fields) an indicator can sit in; empty for tracker ids. */
export function cimLegs(indicator: Indicator): readonly CimLeg[] {
    return CIM_DATA_MODELS.map((model) => ({ model, fields: cimFieldsFor(model, indicator) })).filter(
        (leg) => leg.fields.length > 0
    );
}

/** `F1 IN (…) OR F2 IN (…)`: the lookups of the fields. */
export function cimLookups(fields: readonly CimFieldLookup[]): SearchExpr {
    return or(...fields.map((f) => isIn(f.name, f.values)));
}

/** A `tstats` over one data model, scoped and with `fillnull_value`, grouped by `by` (and `_time` by `span`). */
export function cimTstats(
    model: CimDataModelFields,
    where: SearchExpr,
    aggregations: readonly AggregationNode[],
    by: readonly string[],
    options: LocalSearchOptions,
    span?: string
): TstatsCommand {
    return tstatsCmd({
        optionsMacro: macro(options.summariesOnlyMacro ?? SUMMARIES_ONLY_MACRO),
        fillnull: CIM_MISSING_VALUE,
        aggregations,
        datamodel: model.datamodel,
        dataset: model.dataset,
        // Without an index constraint tstats reads only the role's default search indexes, not every index.
        where: and(indexScope(options), where),
        by,
        ...(span === undefined ? {} : { span }),
    });
}

/** The count, first and last seen of a group. */
export const FIRST_LAST_COUNT: readonly AggregationNode[] = Object.freeze([
    agg('count'),
    agg('min', '_time', 'first_seen'),
    agg('max', '_time', 'last_seen'),
]);

/** Re-aggregation of {@link FIRST_LAST_COUNT} rows (after a filter on grouped values). */
export const FIRST_LAST_COUNT_SUMMED: readonly AggregationNode[] = Object.freeze([
    agg('sum', 'count', 'count'),
    agg('min', 'first_seen', 'first_seen'),
    agg('max', 'last_seen', 'last_seen'),
]);

/** What to count per data model: the aggregations, their re-aggregation, the grouping and `_time`'s span. */
export interface CimCount {
    readonly aggregations: readonly AggregationNode[];
    readonly summed: readonly AggregationNode[];
    readonly by: readonly string[];
    readonly span?: string;
}

/**
 * The events of one data model that hold the indicator, counted exactly (each event once, whatever multivalue
 * fields it has): events whose whole-value fields match, grouped by `count.by` only; and, apart, events that only a
 * URL field may hold, grouped by that URL so the rule's pattern can be applied to it, then re-aggregated.
 */
export function cimCountLegs(leg: CimLeg, pattern: string, count: CimCount, options: LocalSearchOptions): Pipeline[] {
    const exact = leg.fields.filter((f) => f.kind !== 'url');
    const urls = leg.fields.filter((f) => f.kind === 'url');
    const legs: Pipeline[] = [];
    if (exact.length > 0) {
        legs.push(pipeline(cimTstats(leg.model, cimLookups(exact), count.aggregations, count.by, options, count.span)));
    }
    if (urls.length > 0) {
        const names = urls.map((f) => f.name);
        const onlyUrls = exact.length > 0 ? and(cimLookups(urls), not(cimLookups(exact))) : cimLookups(urls);
        legs.push(
            pipeline(
                cimTstats(leg.model, onlyUrls, count.aggregations, [...count.by, ...names], options, count.span),
                whereCmd(anyFieldMatches(names, pattern)),
                statsCmd([...count.summed], [...count.by])
            )
        );
    }
    return legs;
}

/**
 * The test that a grouped row holds the indicator: whole-value fields by their lookups (anchored), URL fields by
 * the rule's pattern.
 */
export function cimRowTest(
    fields: readonly CimFieldLookup[],
    pattern: string,
    text?: (f: CimFieldLookup) => string
): EvalExpr {
    const tests: EvalExpr[] = fields.map((f) =>
        call('match', fieldRef(text ? text(f) : f.name), regex(f.kind === 'url' ? pattern : lookupPattern(f.values)))
    );
    const [first, ...rest] = tests;
    return rest.reduce<EvalExpr>(
        (acc, t) => binary('OR', acc, t),
        first ?? call('match', fieldRef('_raw'), regex(pattern))
    );
}

/** Joins searches: the first one's commands, then each further one as an `append` subsearch. */
export function joined(legs: readonly Pipeline[], after: readonly Command[] = []): Pipeline {
    const [first, ...rest] = legs;
    return pipeline(...(first?.commands ?? []), ...rest.map((leg) => appendCmd(leg)), ...after);
}

function cimSearch(leg: CimLeg, indicator: Indicator, options: LocalSearchOptions): LocalSearch {
    const count: CimCount = { aggregations: FIRST_LAST_COUNT, summed: FIRST_LAST_COUNT_SUMMED, by: [] };
    const legs = cimCountLegs(leg, matchRule(indicator).pattern, count, options);
    const p = legs.length > 1 ? joined(legs, [statsCmd([...FIRST_LAST_COUNT_SUMMED])]) : joined(legs);
    return Object.freeze({
        id: `cim-${leg.model.datamodel}`,
        label: `${leg.model.label} (CIM)`,
        mode: 'cim',
        datamodel: leg.model.datamodel,
        spl: compile(p),
        pipeline: p,
    });
}

function rawSearch(indicator: Indicator, options: LocalSearchOptions): LocalSearch {
    const p = rawEventSearch(indicator, options);
    return Object.freeze({ id: 'raw', label: 'Raw events', mode: 'raw', spl: compile(p), pipeline: p });
}

/** True when the `cim` mode can search this indicator in data models (tracker ids cannot). */
export function hasCimFields(indicator: Indicator): boolean {
    return cimLegs(indicator).length > 0;
}

/**
 * The searches that find an indicator in local data: one raw-event search, or one `tstats` search per CIM data
 * model it can sit in (tracker ids, which have no CIM field, fall back to the raw search).
 *
 * @example localSearches(ipv4)[0].spl // '(`passivetotal_index`) "198.51.100.7"\n| where match(_raw, "…")'
 */
export function localSearches(indicator: Indicator, options: LocalSearchOptions = {}): readonly LocalSearch[] {
    if (options.mode === 'cim') {
        const legs = cimLegs(indicator);
        if (legs.length > 0) return Object.freeze(legs.map((leg) => cimSearch(leg, indicator, options)));
    }
    return Object.freeze([rawSearch(indicator, options)]);
}
