/**
 * The Internal hits tab: two search jobs per indicator and time range (core's `internalHitsSearches`), in the
 * administrator's search mode: an aggregate by hour, index and sourcetype (total, by-index table, timeline) and the
 * latest events (raw mode) or the matching data model rows (CIM mode).
 */
import { useMemo } from 'react';
import {
    DATAMODEL_FIELD,
    INTERNAL_HITS_BUCKET_FIELD,
    internalHitsSearches,
    type Indicator,
    type SightingRow,
} from '@passivetotal/core';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import type { CimRow, HitsByIndex, InternalHits, LocalEvent } from '../components/InternalHitsTab/InternalHitsTab';
import { done, failed, IDLE, LOADING, type Remote } from '../components/PanelStatus/remote';
import type { SearchSettings } from './search-settings';
import { useSearchJob } from './useSearchJob';

function text(row: SightingRow, field: string): string | undefined {
    const v = row[field];
    return typeof v === 'string' ? v : v?.[0];
}

function number(row: SightingRow, field: string): number {
    const n = Number(text(row, field));
    return Number.isFinite(n) ? n : 0;
}

/** Fields of a CIM row that are not its counts or labels: the data model fields that matched. */
const ROW_META = new Set(['count', 'first_seen', 'last_seen', DATAMODEL_FIELD]);

/** A CIM rows answer as rows of the tab: data model, the fields with their values (`-` is "none"), counts. */
export function readCimRows(rows: readonly SightingRow[]): readonly CimRow[] {
    return rows.map((row) => {
        const fields: [string, string][] = [];
        for (const [name, value] of Object.entries(row)) {
            const v = typeof value === 'string' ? value : value?.join(', ');
            if (ROW_META.has(name) || name.startsWith('_') || v === undefined || v === '-' || v === '') continue;
            fields.push([name.slice(name.lastIndexOf('.') + 1), v]);
        }
        const first = text(row, 'first_seen');
        const last = text(row, 'last_seen');
        return {
            datamodel: text(row, DATAMODEL_FIELD) ?? '',
            fields,
            count: number(row, 'count'),
            ...(first === undefined ? {} : { firstSeen: Number(first) * 1000 }),
            ...(last === undefined ? {} : { lastSeen: Number(last) * 1000 }),
        };
    });
}

/** Reads the two searches' rows into the tab's model. */
export function readInternalHits(
    aggregate: readonly SightingRow[],
    latest: readonly SightingRow[],
    mode: 'raw' | 'cim' = 'raw'
): InternalHits {
    const byIndex = new Map<string, HitsByIndex>();
    const byBucket = new Map<number, number>();
    let total = 0;
    for (const row of aggregate) {
        const count = number(row, 'count');
        total += count;
        const index = text(row, 'index') ?? '';
        const sourcetype = text(row, 'sourcetype') ?? '';
        const datamodel = text(row, DATAMODEL_FIELD);
        const key = `${index}\u0000${sourcetype}\u0000${datamodel ?? ''}`;
        byIndex.set(key, {
            index,
            sourcetype,
            ...(datamodel === undefined ? {} : { datamodel }),
            count: (byIndex.get(key)?.count ?? 0) + count,
        });
        const bucket = number(row, INTERNAL_HITS_BUCKET_FIELD) * 1000;
        byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count);
    }
    const events =
        mode === 'raw'
            ? latest.map((row): LocalEvent => {
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
              })
            : [];
    return {
        total,
        byIndex: [...byIndex.values()],
        timeline: [...byBucket.entries()].sort(([a], [b]) => a - b).map(([time, count]) => ({ time, count })),
        events,
        ...(mode === 'cim' ? { rows: readCimRows(latest) } : {}),
    };
}

/** What the tab shows about how it searched, and the SPL behind it (for "Open in Search"). */
export interface HitsSearch {
    readonly mode: 'raw' | 'cim';
    readonly match: 'thorough' | 'fast';
    /** The matching rule in a few words. */
    readonly rule: string;
    readonly spl: string;
}

/**
 * The local events of an indicator in a time range, with the administrator's settings (nothing runs until they are
 * known), and how it searched.
 */
export function useInternalHits(
    indicator: Indicator | undefined,
    range: TimeRange,
    settings: SearchSettings | undefined
): { readonly hits: Remote<InternalHits>; readonly search: HitsSearch | undefined } {
    const searches = useMemo(
        () =>
            indicator && settings
                ? internalHitsSearches(indicator, { mode: settings.mode, match: settings.match })
                : undefined,
        [indicator, settings]
    );
    const aggregate = useSearchJob(searches && { search: searches.aggregate.spl, ...range });
    const latest = useSearchJob(searches && { search: searches.latest.spl, ...range });
    const hits = useMemo((): Remote<InternalHits> => {
        if (!indicator) return IDLE;
        if (!searches) return LOADING;
        if (aggregate.state === 'error') return failed(`The local search failed: ${aggregate.message}`);
        if (latest.state === 'error') return failed(`The local search failed: ${latest.message}`);
        if (aggregate.state === 'done' && latest.state === 'done') {
            return done(readInternalHits(aggregate.rows, latest.rows, searches.mode));
        }
        return LOADING;
    }, [indicator, searches, aggregate, latest]);
    const search = useMemo(
        () =>
            searches && settings
                ? { mode: searches.mode, match: settings.match, rule: searches.rule, spl: searches.base.spl }
                : undefined,
        [searches, settings]
    );
    return { hits, search };
}
