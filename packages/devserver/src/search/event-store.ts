/**
 * The embedded event store: events sorted newest first, an inverted index of the lower-cased
 * lexicon of `_raw` (major segments and minor tokens, see segmenter.ts) and an index of the
 * lower-cased values of every field, so keyword, `TERM()` and `field=value` lookups avoid full scans.
 */
import { valuesOf } from './field-value';
import { eventFromJson, loadEventFiles } from './event-loader';
import { lexiconEntries } from './segmenter';
import type { EventRecord, StoredEvent } from './stored-event';

/** Sorted (ascending) event ids; ascending id means newest first. */
export type IdList = readonly number[];

const EMPTY: IdList = Object.freeze([]);

function push(map: Map<string, number[]>, key: string, id: number): void {
    const list = map.get(key);
    if (list === undefined) map.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
}

/** Holds events and their indexes; build one with {@link EventStore.fromRecords}, `fromJson` or `load`. */
export class EventStore {
    private readonly events: readonly StoredEvent[];
    private readonly lexicon = new Map<string, number[]>();
    private readonly fieldIndex = new Map<string, Map<string, number[]>>();
    /** The lexicon's entries in order, for prefix lookups (built on first use). */
    private sortedLexicon: string[] | undefined;

    private constructor(records: readonly EventRecord[]) {
        const order = records.map((record, i) => ({ record, i }));
        order.sort((a, b) => b.record.time - a.record.time || a.i - b.i);
        this.events = order.map(({ record }, id) => Object.freeze({ id, ...record }));
        for (const event of this.events) {
            for (const entry of lexiconEntries(event.raw)) push(this.lexicon, entry, event.id);
            for (const [name, value] of event.fields) {
                let byValue = this.fieldIndex.get(name);
                if (byValue === undefined) {
                    byValue = new Map();
                    this.fieldIndex.set(name, byValue);
                }
                for (const v of valuesOf(value)) push(byValue, v.toLowerCase(), event.id);
            }
        }
    }

    /** A store of already-validated records (from {@link loadEventFiles} or `parseEventsJsonl`). */
    static fromRecords(records: readonly EventRecord[]): EventStore {
        return new EventStore(records);
    }

    /**
     * A store of plain objects in the `--events` shape, validated like lines of a file.
     * @param objects the events; errors name `label` and the 1-based position
     * @param label name used in validation errors
     */
    static fromJson(objects: readonly unknown[], label = 'events'): EventStore {
        return new EventStore(objects.map((o, i) => eventFromJson(o, label, i + 1)));
    }

    /** Loads `.jsonl` files and folders of them (see {@link loadEventFiles}) into a new store. */
    static async load(paths: readonly string[]): Promise<EventStore> {
        return new EventStore(await loadEventFiles(paths));
    }

    /**
     * A new store with these events added (indexed like the others). The store itself does not change, so a search
     * that is running keeps reading what it started with.
     */
    withEvents(records: readonly EventRecord[]): EventStore {
        const kept: EventRecord[] = this.events.map(({ time, raw, fields }) => ({ time, raw, fields }));
        return new EventStore([...kept, ...records]);
    }

    /** Number of events held. */
    get size(): number {
        return this.events.length;
    }

    /** The event with the given id (0 = newest). */
    event(id: number): StoredEvent {
        const event = this.events[id];
        if (event === undefined) throw new RangeError(`no event ${id}`);
        return event;
    }

    /** Every index name present, sorted. */
    indexNames(): string[] {
        return [...(this.fieldIndex.get('index')?.keys() ?? [])].sort();
    }

    /** Ids of the events whose `_raw` has `entry` (lower-case) as a major segment or minor token. */
    lexiconPostings(entry: string): IdList {
        return this.lexicon.get(entry) ?? EMPTY;
    }

    /**
     * Ids of the events whose lexicon has an entry beginning with `prefix` (lower-case), as the lexicon answers a
     * term with a trailing wildcard (`example*`); undefined when more than `limit` entries begin with it (the lookup
     * would not narrow the search).
     */
    lexiconPrefixPostings(prefix: string, limit = 1000): IdList | undefined {
        const keys = (this.sortedLexicon ??= [...this.lexicon.keys()].sort());
        let lo = 0;
        let hi = keys.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if ((keys[mid] ?? '') < prefix) lo = mid + 1;
            else hi = mid;
        }
        const lists: IdList[] = [];
        for (let i = lo; i < keys.length && (keys[i] ?? '').startsWith(prefix); i++) {
            if (lists.length >= limit) return undefined;
            lists.push(this.lexicon.get(keys[i] ?? '') ?? EMPTY);
        }
        if (lists.length <= 1) return lists[0] ?? EMPTY;
        const all = new Set<number>();
        for (const list of lists) for (const id of list) all.add(id);
        return [...all].sort((a, b) => a - b);
    }

    /** Ids of the events whose field `name` has a value equal to `lowerValue` ignoring case. */
    fieldPostings(name: string, lowerValue: string): IdList {
        return this.fieldIndex.get(name)?.get(lowerValue) ?? EMPTY;
    }

    /** The distinct lower-cased values of field `name` with their postings (for wildcard lookups). */
    fieldValueIndex(name: string): ReadonlyMap<string, IdList> {
        return this.fieldIndex.get(name) ?? new Map<string, IdList>();
    }

    /**
     * The id range `[from, to)` of events with `earliest <= _time < latest` (either bound optional).
     * Because events are sorted newest first, the range is contiguous.
     */
    timeRange(earliest: number | undefined, latest: number | undefined): { from: number; to: number } {
        // First id whose time is < latest, and first id whose time is < earliest.
        const firstBelow = (bound: number): number => {
            let lo = 0;
            let hi = this.events.length;
            while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                if ((this.events[mid]?.time ?? 0) < bound) hi = mid;
                else lo = mid + 1;
            }
            return lo;
        };
        const from = latest === undefined ? 0 : firstBelow(latest);
        const to = earliest === undefined ? this.events.length : firstBelow(earliest);
        return { from, to: Math.max(from, to) };
    }
}
