/** Web tracker identifiers that can be recognised from their shape alone, typed with PassiveTotal's names. */
import type { TrackerIndicator } from './indicator';

/** A tracker id pattern and the PassiveTotal tracker type it maps to; the value is upper-cased when `upper`. */
interface TrackerPattern {
    readonly pattern: RegExp;
    readonly trackerType: string;
    readonly upper: boolean;
}

/**
 * Recognised shapes. Each is anchored and unambiguous, so order does not matter (no later pattern overrides an
 * earlier one). GA4 `G-` ids are mapped to `GoogleAnalyticsTrackingId`, the closest PassiveTotal type [?].
 */
const PATTERNS: readonly TrackerPattern[] = [
    { pattern: /^UA-\d{4,10}-\d{1,4}$/i, trackerType: 'GoogleAnalyticsTrackingId', upper: true },
    { pattern: /^UA-\d{4,10}$/i, trackerType: 'GoogleAnalyticsAccountNumber', upper: true },
    { pattern: /^G-[A-Z0-9]{6,12}$/i, trackerType: 'GoogleAnalyticsTrackingId', upper: true },
    { pattern: /^GTM-[A-Z0-9]{4,9}$/i, trackerType: 'GoogleTagManagerId', upper: true },
    { pattern: /^[0-9a-f]{62}$/i, trackerType: 'JarmHash', upper: false },
];

/**
 * Recognises a tracker id, or returns undefined.
 *
 * @example parseTrackerId('ua-61048133-2') // { type: 'tracker', value: 'UA-61048133-2', trackerType: 'GoogleAnalyticsTrackingId', ... }
 */
export function parseTrackerId(text: string): TrackerIndicator | undefined {
    const hit = PATTERNS.find((p) => p.pattern.test(text));
    if (!hit) return undefined;
    const value = hit.upper ? text.toUpperCase() : text.toLowerCase();
    return { type: 'tracker', value, display: value, intelQuery: value, trackerType: hit.trackerType };
}

/**
 * A tracker indicator for a known type and value (for pivots from PassiveTotal tracker records).
 *
 * @example trackerIndicator('GoogleAnalyticsAccountNumber', 'UA-61048133') // { type: 'tracker', value: 'UA-61048133', ... }
 */
export function trackerIndicator(trackerType: string, value: string): TrackerIndicator {
    const v = value.trim();
    return { type: 'tracker', value: v, display: v, intelQuery: v, trackerType };
}
