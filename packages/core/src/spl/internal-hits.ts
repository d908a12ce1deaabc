/**
 * The two searches behind the Internal hits tab of an investigation: one aggregate (events per hour, index and
 * sourcetype, from which the page derives the total, the by-index table and the timeline) and one for what to show
 * (the latest events in raw mode; in CIM mode the matching data model rows with their counts and first and last
 * seen). Both start from the same matching rule as the sightings of pivot candidates (matching.ts), so "counted"
 * and "listed" agree with each other and with the search an analyst opens in Splunk's Search app.
 *
 * Raw mode:
 *
 *     (`passivetotal_index`) "203.0.113.77"
 *     | where match(_raw, "<pattern>")
 *     | eval bucket=floor(_time / 3600) * 3600
 *     | stats count by bucket index sourcetype
 *
 *     (`passivetotal_index`) "203.0.113.77"
 *     | where match(_raw, "<pattern>")
 *     | head 100
 *
 * CIM mode: per data model, `| tstats count … by _time index sourcetype span=1h` over the whole-value fields
 * (each event once), URL fields apart and filtered with the rule's pattern, the data models joined with `append`;
 * the rows search lists the matching field values.
 *
 * Generators only build AST nodes; `compiler.ts` does all quoting.
 */
import type { Indicator } from '../indicators/indicator';
import {
    agg,
    binary,
    call,
    evalCmd,
    fieldRef,
    headCmd,
    num,
    pipeline,
    sortCmd,
    statsCmd,
    str,
    regex,
    whereCmd,
    type EvalExpr,
    type Pipeline,
} from './ast';
import { lookupPattern } from './cim-fields';
import { compile } from './compiler';
import {
    cimCountLegs,
    cimLegs,
    cimLookups,
    cimRowTest,
    cimTstats,
    DATAMODEL_FIELD,
    FIRST_LAST_COUNT,
    joined,
    rawEventSearch,
    type CimCount,
    type CimLeg,
    type LocalSearchOptions,
    type SearchMode,
} from './local-search';
import { matchRule } from './matching';

/** The bucket width of the aggregate search, in seconds (one hour). */
export const INTERNAL_HITS_BUCKET_SECONDS = 3600;

/** How many of the latest events (raw mode) or data model rows (CIM mode) the second search returns. */
export const INTERNAL_HITS_MAX_EVENTS = 100;

/** The output field holding a bucket's start (epoch seconds). */
export const INTERNAL_HITS_BUCKET_FIELD = 'bucket';

/** Options of {@link internalHitsSearches}. */
export type InternalHitsOptions = LocalSearchOptions & {
    /** Bucket width in seconds (a whole number of hours in CIM mode); default {@link INTERNAL_HITS_BUCKET_SECONDS}. */
    readonly bucketSeconds?: number;
    /** Latest events (or data model rows) to return; default {@link INTERNAL_HITS_MAX_EVENTS}. */
    readonly maxEvents?: number;
};

/** One compiled search. */
export interface CompiledSearch {
    readonly spl: string;
    readonly pipeline: Pipeline;
}

/** The searches of the Internal hits tab. */
export interface InternalHitsSearches {
    /** The mode that runs: `cim` only when the indicator has CIM fields (tracker ids are searched raw). */
    readonly mode: SearchMode;
    /** The matching rule in a few words, e.g. "whole address, also ::ffff:-mapped". */
    readonly rule: string;
    /** The matching search itself, what "Open in Search" opens: the raw-event search, or the CIM rows search. */
    readonly base: CompiledSearch;
    /** `count` by `bucket`, `index`, `sourcetype` (and `datamodel` in CIM mode). */
    readonly aggregate: CompiledSearch;
    /** Raw mode: the latest events, newest first. CIM mode: the matching rows, most events first. */
    readonly latest: CompiledSearch;
}

function compiled(p: Pipeline): CompiledSearch {
    return Object.freeze({ spl: compile(p), pipeline: p });
}

function cimAggregateLegs(leg: CimLeg, pattern: string, hours: number, options: LocalSearchOptions): Pipeline[] {
    const count: CimCount = {
        aggregations: [agg('count')],
        summed: [agg('sum', 'count', 'count')],
        by: ['_time', 'index', 'sourcetype'],
        span: `${hours}h`,
    };
    const label = evalCmd(
        { field: INTERNAL_HITS_BUCKET_FIELD, expr: fieldRef('_time') },
        { field: DATAMODEL_FIELD, expr: str(leg.model.datamodel) }
    );
    return cimCountLegs(leg, pattern, count, options).map((p) => pipeline(...p.commands, label));
}

/**
 * The matching rows of one data model for the tab: grouped by the fields that hold one value per event, with the
 * values of multivalue fields (DNS answers, recipients) listed, so each event is in one row.
 */
function cimRowsLeg(leg: CimLeg, pattern: string, options: LocalSearchOptions): Pipeline {
    const singles = leg.fields.filter((f) => !f.multivalue);
    const multi = leg.fields.filter((f) => f.multivalue);
    const tests: EvalExpr[] = [
        ...(singles.length > 0 ? [cimRowTest(singles, pattern)] : []),
        ...multi.map((f) => call('isnotnull', call('mvfind', fieldRef(f.name), regex(lookupPattern(f.values))))),
    ];
    const [first, ...rest] = tests;
    return pipeline(
        cimTstats(
            leg.model,
            cimLookups(leg.fields),
            [...FIRST_LAST_COUNT, ...multi.map((f) => agg('values', f.name, f.name))],
            singles.map((f) => f.name),
            options
        ),
        ...(first ? [whereCmd(rest.reduce<EvalExpr>((acc, t) => binary('OR', acc, t), first))] : []),
        evalCmd({ field: DATAMODEL_FIELD, expr: str(leg.model.datamodel) })
    );
}

/**
 * The aggregate and latest-events searches for an indicator.
 *
 * @example internalHitsSearches(ipv4('203.0.113.77')).latest.spl // '(`passivetotal_index`) "203.0.113.77"\n| where match(_raw, "…")\n| head 100'
 * @example internalHitsSearches(ipv4('203.0.113.77'), { mode: 'cim' }).aggregate.spl // '| tstats … | append [| tstats …] …'
 */
export function internalHitsSearches(indicator: Indicator, options: InternalHitsOptions = {}): InternalHitsSearches {
    const { bucketSeconds, maxEvents, ...local } = options;
    const width =
        bucketSeconds !== undefined && Number.isInteger(bucketSeconds) && bucketSeconds > 0
            ? bucketSeconds
            : INTERNAL_HITS_BUCKET_SECONDS;
    const events =
        maxEvents !== undefined && Number.isInteger(maxEvents) && maxEvents > 0 ? maxEvents : INTERNAL_HITS_MAX_EVENTS;
    const rule = matchRule(indicator, local.match);
    const legs = local.mode === 'cim' ? cimLegs(indicator) : [];
    if (legs.length > 0) {
        const hours = Math.max(1, Math.round(width / 3600));
        const pattern = matchRule(indicator).pattern;
        const rows = joined(legs.map((leg) => cimRowsLeg(leg, pattern, local)));
        return Object.freeze({
            mode: 'cim',
            rule: matchRule(indicator).summary,
            base: compiled(rows),
            aggregate: compiled(joined(legs.flatMap((leg) => cimAggregateLegs(leg, pattern, hours, local)))),
            latest: compiled(
                pipeline(...rows.commands, sortCmd({ field: 'count', descending: true }), headCmd(events))
            ),
        });
    }
    const base = rawEventSearch(indicator, local);
    const bucket = binary('*', call('floor', binary('/', fieldRef('_time'), num(width))), num(width));
    return Object.freeze({
        mode: 'raw',
        rule: rule.summary,
        base: compiled(base),
        aggregate: compiled(
            pipeline(
                ...base.commands,
                evalCmd({ field: INTERNAL_HITS_BUCKET_FIELD, expr: bucket }),
                statsCmd([agg('count')], [INTERNAL_HITS_BUCKET_FIELD, 'index', 'sourcetype'])
            )
        ),
        latest: compiled(pipeline(...base.commands, headCmd(events))),
    });
}
