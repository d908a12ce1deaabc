/**
 * How the administrator wants local data searched (the endpoint's `status` answer, `search`): raw events or CIM
 * data models, thorough or fast raw matching, and how many related values one investigation counts. Anything
 * missing or malformed falls back to the app's defaults, which are the thorough ones.
 */
import { DEFAULT_MAX_SIGHTING_CANDIDATES, type MatchMode, type SearchMode } from '@passivetotal/core';

/** The local-search settings the investigation page runs with. */
export interface SearchSettings {
    readonly mode: SearchMode;
    readonly match: MatchMode;
    readonly maxSightingCandidates: number;
}

/** The app's defaults: raw events, thorough matching, core's candidate limit. */
export const DEFAULT_SEARCH_SETTINGS: SearchSettings = Object.freeze({
    mode: 'raw',
    match: 'thorough',
    maxSightingCandidates: DEFAULT_MAX_SIGHTING_CANDIDATES,
});

/**
 * Reads `status.search`.
 *
 * @example parseSearchSettings({ mode: 'cim', match: 'fast', maxSightingCandidates: 200 }) // { mode: 'cim', match: 'fast', maxSightingCandidates: 200 }
 */
export function parseSearchSettings(value: unknown): SearchSettings {
    if (typeof value !== 'object' || value === null) return DEFAULT_SEARCH_SETTINGS;
    const v = value as Record<string, unknown>;
    const max = v['maxSightingCandidates'];
    return {
        mode: v['mode'] === 'cim' ? 'cim' : 'raw',
        match: v['match'] === 'fast' ? 'fast' : 'thorough',
        maxSightingCandidates:
            typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_SIGHTING_CANDIDATES,
    };
}

/**
 * The settings in words for the Internal hits tab: "any log format" (thorough) or what the fast mode misses, and
 * where it looks.
 *
 * @example searchWords({ mode: 'raw', match: 'thorough', maxSightingCandidates: 5000 }) // 'any log format, raw events'
 */
export function searchWords(mode: SearchMode, match: MatchMode): string {
    if (mode === 'cim') return 'CIM data model fields (tstats)';
    return match === 'fast'
        ? 'raw events, fast mode: only values between spaces, commas, quotes or brackets'
        : 'any log format, raw events';
}
