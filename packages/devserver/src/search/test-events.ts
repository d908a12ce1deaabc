/** Small event sets for the engine's tests. */
import { EventStore } from './event-store';

/** "Now" of the tests: Saturday 2026-11-28 10:15:30 UTC, in epoch seconds. */
export const TEST_NOW = Date.UTC(2026, 10, 28, 10, 15, 30) / 1000;

/** Epoch seconds of an ISO time (UTC when no zone is given). */
export function at(iso: string): number {
    return Date.parse(iso.endsWith('Z') || /[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`) / 1000;
}

/**
 * An event object in the `--events` shape, with defaults for the metadata fields.
 * @param raw `_raw`
 * @param fields `_time` (default {@link TEST_NOW} - 60) and any other field
 */
export function event(raw: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        _time: TEST_NOW - 60,
        index: 'main',
        sourcetype: 'test',
        host: 'host1',
        source: 'test.log',
        _raw: raw,
        ...fields,
    };
}

/** A store of the given event objects. */
export function storeOf(...events: Record<string, unknown>[]): EventStore {
    return EventStore.fromJson(events, 'test');
}
