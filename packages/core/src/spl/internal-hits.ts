/**
 * The two searches behind the Internal hits tab of an investigation: one aggregate (events per hour, index and
 * sourcetype, from which the page derives the total, the by-index table and the timeline) and one for the latest
 * events. Both start from the raw-event search of {@link localSearches}, so "counted" and "listed" agree with the
 * search an analyst opens in Splunk's Search app.
 *
 *     (`passivetotal_index`) TERM(203.0.113.77)
 *     | eval bucket=floor(_time / 3600) * 3600
 *     | stats count by bucket index sourcetype
 *
 *     (`passivetotal_index`) TERM(203.0.113.77)
 *     | head 100
 *
 * Generators only build AST nodes; `compiler.ts` does all quoting.
 */
import type { Indicator } from '../indicators/indicator';
import { agg, binary, call, evalCmd, fieldRef, headCmd, num, pipeline, statsCmd, type Pipeline } from './ast';
import { compile } from './compiler';
import { localSearches, type LocalSearchOptions } from './local-search';

/** The bucket width of the aggregate search, in seconds (one hour). */
export const INTERNAL_HITS_BUCKET_SECONDS = 3600;

/** How many of the latest events the events search returns. */
export const INTERNAL_HITS_MAX_EVENTS = 100;

/** The output field holding a bucket's start (epoch seconds). */
export const INTERNAL_HITS_BUCKET_FIELD = 'bucket';

/** Options of {@link internalHitsSearches}: raw matching and the index macro (the mode is always raw). */
export type InternalHitsOptions = Omit<LocalSearchOptions, 'mode' | 'summariesOnlyMacro'> & {
    /** Bucket width in seconds; default {@link INTERNAL_HITS_BUCKET_SECONDS}. */
    readonly bucketSeconds?: number;
    /** Latest events to return; default {@link INTERNAL_HITS_MAX_EVENTS}. */
    readonly maxEvents?: number;
};

/** One compiled search. */
export interface CompiledSearch {
    readonly spl: string;
    readonly pipeline: Pipeline;
}

/** The searches of the Internal hits tab. */
export interface InternalHitsSearches {
    /** The raw-event search itself (what "Open in Search" opens). */
    readonly base: CompiledSearch;
    /** `count` by `bucket`, `index`, `sourcetype`. */
    readonly aggregate: CompiledSearch;
    /** The latest events, newest first. */
    readonly latest: CompiledSearch;
}

function compiled(p: Pipeline): CompiledSearch {
    return Object.freeze({ spl: compile(p), pipeline: p });
}

/**
 * The aggregate and latest-events searches for an indicator, built from its raw-event search.
 *
 * @example internalHitsSearches(ipv4('203.0.113.77')).aggregate.spl
 * // '(`passivetotal_index`) TERM(203.0.113.77)\n| eval bucket=floor(_time / 3600) * 3600\n| stats count by bucket index sourcetype'
 * @example internalHitsSearches(ipv4('203.0.113.77')).latest.spl // '(`passivetotal_index`) TERM(203.0.113.77)\n| head 100'
 */
export function internalHitsSearches(indicator: Indicator, options: InternalHitsOptions = {}): InternalHitsSearches {
    const { bucketSeconds, maxEvents, ...local } = options;
    const width =
        bucketSeconds !== undefined && Number.isInteger(bucketSeconds) && bucketSeconds > 0
            ? bucketSeconds
            : INTERNAL_HITS_BUCKET_SECONDS;
    const events =
        maxEvents !== undefined && Number.isInteger(maxEvents) && maxEvents > 0 ? maxEvents : INTERNAL_HITS_MAX_EVENTS;
    const raw = localSearches(indicator, { ...local, mode: 'raw' })[0];
    const base = raw ? raw.pipeline : pipeline();
    const bucket = binary('*', call('floor', binary('/', fieldRef('_time'), num(width))), num(width));
    return Object.freeze({
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
