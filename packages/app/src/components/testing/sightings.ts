/** Sightings states for component tests. */
import type { Counted, SightingsState } from '../SightingBadge/sightings';

/**
 * A finished sightings search that counted these values (with optional internal first and last seen, epoch
 * seconds) and left out `uncounted` with their reasons.
 *
 * @example counted([['198.51.100.7', 5, 1700000000, 1700003600]])
 */
export function counted(
    entries: readonly (readonly [string, number, number?, number?])[],
    uncounted: readonly (readonly [string, string])[] = []
): SightingsState {
    return {
        status: 'done',
        counts: new Map(
            entries.map(([value, count, firstSeen, lastSeen]): [string, Counted] => [
                value,
                {
                    count,
                    ...(firstSeen === undefined ? {} : { firstSeen }),
                    ...(lastSeen === undefined ? {} : { lastSeen }),
                },
            ])
        ),
        uncounted: new Map(uncounted),
    };
}
