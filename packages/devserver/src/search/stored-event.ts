/** The event as the store keeps it. */
import type { FieldValue } from './field-value';

/** Metadata fields every event has, besides `_time` and `_raw`. */
export const METADATA_FIELDS = ['index', 'sourcetype', 'host', 'source'] as const;

/** One event: `_time`, `_raw`, metadata and extracted fields. Immutable once loaded. */
export interface StoredEvent {
    /** Position in the store: 0 is the newest event. */
    readonly id: number;
    /** `_time` in epoch seconds (may have a fraction). */
    readonly time: number;
    /** `_raw`, as given. */
    readonly raw: string;
    /** `index`, `sourcetype`, `host`, `source` and every extracted field (not `_time`/`_raw`). */
    readonly fields: ReadonlyMap<string, FieldValue>;
}

/** An event before it has a position in a store. */
export type EventRecord = Omit<StoredEvent, 'id'>;
