/**
 * How often pivot candidates occur in local events, as one batched search answers it. The container runs the
 * search (core's `planSightings` / `readSightings`); tables and pivots read from here. A value is either still
 * pending, counted (possibly 0, with its internal first and last seen), or not counted, with the reason: the app
 * never shows 0 for a value it did not count.
 */
import type { Sighting, UncountedCandidate } from '@passivetotal/core';

/** One counted value. */
export interface Counted {
    readonly count: number;
    /** Epoch seconds of the first and last local event, when seen. */
    readonly firstSeen?: number;
    readonly lastSeen?: number;
}

/** The state of the batched sightings search. */
export interface SightingsState {
    readonly status: 'idle' | 'loading' | 'done' | 'error';
    /** The counted values by normalised indicator value (0 included). */
    readonly counts: ReadonlyMap<string, Counted>;
    /** Values the search does not count, with the reason. */
    readonly uncounted: ReadonlyMap<string, string>;
    /** Why the search failed, when it did. */
    readonly message?: string;
}

const NONE = new Map<string, never>();

/** No sightings search for this view. */
export const NO_SIGHTINGS: SightingsState = Object.freeze({ status: 'idle', counts: NONE, uncounted: NONE });

/** The search is running. */
export const SIGHTINGS_LOADING: SightingsState = Object.freeze({ status: 'loading', counts: NONE, uncounted: NONE });

function uncountedMap(uncounted: readonly UncountedCandidate[]): ReadonlyMap<string, string> {
    return new Map(uncounted.map((u) => [u.indicator.value, u.reason]));
}

/** The search is running; the values it leaves out are already known. */
export function sightingsLoading(uncounted: readonly UncountedCandidate[] = []): SightingsState {
    return uncounted.length === 0 ? SIGHTINGS_LOADING : { ...SIGHTINGS_LOADING, uncounted: uncountedMap(uncounted) };
}

/**
 * A finished search from core's `readSightings` rows, and the candidates left out.
 *
 * @example sightingsFromList(readSightings(search, rows), plan.uncounted).counts.get('198.51.100.7') // { count: 3, firstSeen: …, lastSeen: … }
 */
export function sightingsFromList(
    sightings: readonly Sighting[],
    uncounted: readonly UncountedCandidate[] = []
): SightingsState {
    return {
        status: 'done',
        counts: new Map(
            sightings.map((s) => [
                s.indicator.value,
                {
                    count: s.count,
                    ...(s.firstSeen === undefined ? {} : { firstSeen: s.firstSeen }),
                    ...(s.lastSeen === undefined ? {} : { lastSeen: s.lastSeen }),
                },
            ])
        ),
        uncounted: uncountedMap(uncounted),
    };
}

/** The search failed: nothing it was to count is known. */
export function sightingsFailed(message: string, uncounted: readonly UncountedCandidate[] = []): SightingsState {
    return { status: 'error', counts: NONE, uncounted: uncountedMap(uncounted), message };
}

/** What the page knows about one value. */
export type SightingOf =
    | { readonly state: 'idle' }
    | { readonly state: 'pending' }
    | ({ readonly state: 'counted' } & Counted)
    | { readonly state: 'not-counted'; readonly reason: string };

/**
 * What the page knows about a value: pending while the search runs, its count once counted, or why it was not
 * counted (left out by the limit, the search failed, or it was not among the values searched).
 */
export function sightingOf(state: SightingsState, value: string): SightingOf {
    const reason = state.uncounted.get(value);
    if (reason !== undefined) return { state: 'not-counted', reason };
    switch (state.status) {
        case 'idle':
            return { state: 'idle' };
        case 'loading':
            return { state: 'pending' };
        case 'error':
            return {
                state: 'not-counted',
                reason: `not counted: the local search failed (${state.message ?? 'no reason given'})`,
            };
        case 'done': {
            const counted = state.counts.get(value);
            return counted
                ? { state: 'counted', ...counted }
                : { state: 'not-counted', reason: 'not counted: not among the values this investigation searched for' };
        }
    }
}

/** The count of a value once counted; `undefined` while pending or when not counted. */
export function sightingCount(state: SightingsState, value: string): number | undefined {
    const s = sightingOf(state, value);
    return s.state === 'counted' ? s.count : undefined;
}
