/**
 * Values from intelligence records as indicators, parsed once: tables parse the same host names again on every
 * data change, so results are cached (bounded) by text.
 */
import { parseIndicator, type Indicator, type Pivot } from '@passivetotal/core';

const cache = new Map<string, Indicator | null>();
const MAX_CACHED = 50_000;

/** The indicator a record value stands for, or `undefined` when it is not one (e.g. `N/A`, an organisation). */
export function asIndicator(text: string): Indicator | undefined {
    const hit = cache.get(text);
    if (hit !== undefined) return hit ?? undefined;
    const parsed = parseIndicator(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, parsed.ok ? parsed.value : null);
    return parsed.ok ? parsed.value : undefined;
}

/** Pivots by normalised value, to find the reason a table row's value is related. */
export function pivotsByValue(pivots: readonly Pivot[]): ReadonlyMap<string, Pivot> {
    return new Map(pivots.map((p) => [p.indicator.value, p]));
}
