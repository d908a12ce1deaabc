/**
 * Internal sightings of pivot candidates: ONE search job (core's `sightingsSearch`) over every candidate, started
 * once the intelligence has settled, capped at core's `MAX_SIGHTING_CANDIDATES`.
 */
import { useMemo } from 'react';
import { readSightings, sightingsSearch, type Indicator, type Pivot } from '@passivetotal/core';
import {
    NO_SIGHTINGS,
    SIGHTINGS_LOADING,
    sightingsFromList,
    type SightingsState,
} from '../components/SightingBadge/sightings';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import { useSearchJob } from './useSearchJob';

/** The candidates worth counting locally: addresses, names, emails and certificates, at most the cap. */
export function sightingCandidates(pivots: readonly Pivot[]): readonly Indicator[] {
    return pivots
        .map((p) => p.indicator)
        .filter((i) => i.type !== 'tracker' && i.type !== 'url')
        .slice(0, 500);
}

/**
 * Counts `pivots` in local events once `ready` (the intelligence settled).
 *
 * @example const sightings = useSightings(pivots, intel.settled, range); sightings.counts.get('203.0.113.77')
 */
export function useSightings(pivots: readonly Pivot[], ready: boolean, range: TimeRange): SightingsState {
    const search = useMemo(() => {
        if (!ready) return undefined;
        const built = sightingsSearch(sightingCandidates(pivots));
        return built.ok ? built.value : undefined;
    }, [pivots, ready]);
    // Urgent: it starts when the intelligence settled, so its result is the last thing an investigation waits for.
    const job = useSearchJob(search && { search: search.spl, ...range, urgent: true });
    return useMemo((): SightingsState => {
        if (!ready) return pivots.length > 0 ? SIGHTINGS_LOADING : NO_SIGHTINGS;
        if (!search) return sightingsFromList([]);
        switch (job.state) {
            case 'done':
                return sightingsFromList(readSightings(search, job.rows));
            case 'error':
                return { status: 'error', counts: new Map(), message: job.message };
            default:
                return SIGHTINGS_LOADING;
        }
    }, [ready, pivots.length, search, job]);
}
