/** Adapts a result row to the {@link MatchTarget} the search matcher reads. */
import { toNumber, valuesOf, type Row } from './field-value';
import type { MatchTarget } from './search-matcher';

/** A match target over a row: `_raw` and `_time` come from the row's fields of those names. */
export function rowTarget(row: Row): MatchTarget {
    const raw = row.get('_raw');
    const time = row.get('_time');
    return {
        raw: typeof raw === 'string' ? raw : undefined,
        time: time === undefined || typeof time === 'object' ? undefined : toNumber(time),
        field: (name) => row.get(name),
        allValues: function* () {
            for (const value of row.values()) yield* valuesOf(value);
        },
    };
}
