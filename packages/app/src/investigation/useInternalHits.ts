/**
 * The Internal hits tab: at most two search jobs per indicator and time range (core's `internalHitsSearches`): an
 * aggregate by hour, index and sourcetype (total, by-index table, timeline) and the latest events.
 */
import { useMemo } from 'react';
import { INTERNAL_HITS_BUCKET_FIELD, internalHitsSearches, type Indicator, type SightingRow } from '@passivetotal/core';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import type { HitsByIndex, InternalHits, LocalEvent } from '../components/InternalHitsTab/InternalHitsTab';
import { done, failed, IDLE, LOADING, type Remote } from '../components/PanelStatus/remote';
import { useSearchJob } from './useSearchJob';

function text(row: SightingRow, field: string): string | undefined {
    const v = row[field];
    return typeof v === 'string' ? v : v?.[0];
}

function number(row: SightingRow, field: string): number {
    const n = Number(text(row, field));
    return Number.isFinite(n) ? n : 0;
}

/** Reads the two searches' rows into the tab's model. */
export function readInternalHits(aggregate: readonly SightingRow[], latest: readonly SightingRow[]): InternalHits {
    const byIndex = new Map<string, HitsByIndex>();
    const byBucket = new Map<number, number>();
    let total = 0;
    for (const row of aggregate) {
        const count = number(row, 'count');
        total += count;
        const index = text(row, 'index') ?? '';
        const sourcetype = text(row, 'sourcetype') ?? '';
        const key = `${index}\u0000${sourcetype}`;
        byIndex.set(key, { index, sourcetype, count: (byIndex.get(key)?.count ?? 0) + count });
        const bucket = number(row, INTERNAL_HITS_BUCKET_FIELD) * 1000;
        byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count);
    }
    const events = latest.map((row): LocalEvent => {
        const optional = (field: 'index' | 'sourcetype' | 'host' | 'source') => {
            const v = text(row, field);
            return v === undefined ? {} : { [field]: v };
        };
        return {
            time: text(row, '_time') ?? '',
            raw: text(row, '_raw') ?? '',
            ...optional('index'),
            ...optional('sourcetype'),
            ...optional('host'),
            ...optional('source'),
        };
    });
    return {
        total,
        byIndex: [...byIndex.values()],
        timeline: [...byBucket.entries()].sort(([a], [b]) => a - b).map(([time, count]) => ({ time, count })),
        events,
    };
}

/** The local events of an indicator in a time range, and the SPL behind them (for "Open in Search"). */
export function useInternalHits(
    indicator: Indicator | undefined,
    range: TimeRange
): { readonly hits: Remote<InternalHits>; readonly spl: string | undefined } {
    const searches = useMemo(() => (indicator ? internalHitsSearches(indicator) : undefined), [indicator]);
    const aggregate = useSearchJob(searches && { search: searches.aggregate.spl, ...range });
    const latest = useSearchJob(searches && { search: searches.latest.spl, ...range });
    const hits = useMemo((): Remote<InternalHits> => {
        if (!searches) return IDLE;
        if (aggregate.state === 'error') return failed(`The local search failed: ${aggregate.message}`);
        if (latest.state === 'error') return failed(`The local search failed: ${latest.message}`);
        if (aggregate.state === 'done' && latest.state === 'done') {
            return done(readInternalHits(aggregate.rows, latest.rows));
        }
        return LOADING;
    }, [searches, aggregate, latest]);
    return { hits, spl: searches?.base.spl };
}
