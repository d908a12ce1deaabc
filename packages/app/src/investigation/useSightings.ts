/**
 * Internal sightings of pivot candidates: ONE search job (core's `planSightings`) over every candidate of every
 * type, started once the intelligence has settled, in the administrator's search mode. Candidates beyond the
 * administrator's limit are not counted and say so.
 */
import { useMemo } from 'react';
import { planSightings, readSightings, type Indicator, type Pivot } from '@passivetotal/core';
import {
    NO_SIGHTINGS,
    sightingsFailed,
    sightingsFromList,
    sightingsLoading,
    type SightingsState,
} from '../components/SightingBadge/sightings';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import type { SearchSettings } from './search-settings';
import { useSearchJob } from './useSearchJob';

/** The candidates worth counting locally: every pivot, closest relations first (the order of the pivots). */
export function sightingCandidates(pivots: readonly Pivot[]): readonly Indicator[] {
    return pivots.map((p) => p.indicator);
}

/**
 * Counts `pivots` in local events once `ready` (the intelligence settled and the settings are known).
 *
 * @example const sightings = useSightings(pivots, intel.settled, range, settings); sightingOf(sightings, '203.0.113.77')
 */
export function useSightings(
    pivots: readonly Pivot[],
    ready: boolean,
    range: TimeRange,
    settings: SearchSettings | undefined
): SightingsState {
    const plan = useMemo(() => {
        if (!ready || !settings) return undefined;
        return planSightings(sightingCandidates(pivots), {
            mode: settings.mode,
            match: settings.match,
            maxCandidates: settings.maxSightingCandidates,
        });
    }, [pivots, ready, settings]);
    const search = plan?.search;
    // Urgent: it starts when the intelligence settled, so its result is the last thing an investigation waits for.
    const job = useSearchJob(search && { search: search.spl, ...range, urgent: true });
    return useMemo((): SightingsState => {
        if (!plan) return pivots.length > 0 ? sightingsLoading() : NO_SIGHTINGS;
        if (!search) return sightingsFromList([], plan.uncounted);
        switch (job.state) {
            case 'done':
                return sightingsFromList(readSightings(search, job.rows), plan.uncounted);
            case 'error':
                return sightingsFailed(job.message, plan.uncounted);
            default:
                return sightingsLoading(plan.uncounted);
        }
    }, [plan, pivots.length, search, job]);
}
