/**
 * How often pivot candidates occur in local events, as one batched search answers it. The container runs the
 * search (core's `sightingsSearch` / `readSightings`); tables and pivots read counts from here.
 */
import type { Sighting } from '@passivetotal/core';

/** The state of the batched sightings search. */
export interface SightingsState {
    readonly status: 'idle' | 'loading' | 'done' | 'error';
    /** Counts by normalised indicator value. After `done`, a candidate that is absent was not seen (0). */
    readonly counts: ReadonlyMap<string, number>;
    /** Why the search failed, when it did. */
    readonly message?: string;
}

/** No sightings search for this view. */
export const NO_SIGHTINGS: SightingsState = Object.freeze({ status: 'idle', counts: new Map<string, number>() });

/** The search is running. */
export const SIGHTINGS_LOADING: SightingsState = Object.freeze({
    status: 'loading',
    counts: new Map<string, number>(),
});

/**
 * A finished search from core's `readSightings` rows.
 *
 * @example sightingsFromList(readSightings(search, rows)).counts.get('198.51.100.7') // 3
 */
export function sightingsFromList(sightings: readonly Sighting[]): SightingsState {
    return { status: 'done', counts: new Map(sightings.map((s) => [s.indicator.value, s.count])) };
}

/** The count of a value: a number once the search has finished, `undefined` while unknown. */
export function sightingCount(state: SightingsState, value: string): number | undefined {
    if (state.status !== 'done') return undefined;
    return state.counts.get(value) ?? 0;
}
