/**
 * The indexes of the stand-in and the events in them. An index exists when Splunk ships it (`main`, `summary`,
 * `history` and the internal ones), when the app defines it in `indexes.conf`, or when the loaded events name it.
 * `collect` writes only to an index that exists, as on splunkd; what it writes becomes searchable for the searches
 * that start afterwards (a running search keeps reading the events it started with). Monitored log folders
 * (log-monitor.ts) are read into `_internal` whenever a search takes the store.
 */
import type { EventRecord, EventStore } from '../search';
import type { AppConfig } from './app-config';
import type { LogMonitor } from './log-monitor';

/** The indexes every Splunk Enterprise instance has. */
export const BUILTIN_INDEXES: readonly string[] = Object.freeze([
    'main',
    'summary',
    'history',
    '_internal',
    '_audit',
    '_introspection',
    '_telemetry',
    '_metrics',
]);

/** Stanzas of `indexes.conf` that are not indexes. */
function isIndexStanza(name: string): boolean {
    return name !== 'default' && !/^(?:volume|provider|provider-family):/.test(name);
}

/** The events searches read, and the indexes they may be written to. */
export class Indexes {
    private events: EventStore;
    private written = 0;
    private readonly monitors: LogMonitor[] = [];

    constructor(
        store: EventStore,
        private readonly config: AppConfig
    ) {
        this.events = store;
    }

    /** The events as they are now, monitored files read up to here (a search reads the store it started with). */
    get store(): EventStore {
        const read = this.monitors.flatMap((m) => m.poll());
        if (read.length > 0) this.events = this.events.withEvents(read);
        return this.events;
    }

    /** Indexes what a monitor reads from now on, as Splunk's monitor inputs do. */
    monitor(monitor: LogMonitor): void {
        this.monitors.push(monitor);
    }

    /** Events written by `collect` since the start. */
    get writtenCount(): number {
        return this.written;
    }

    /** The indexes the app defines in `indexes.conf` (default and local). */
    appIndexes(): string[] {
        return this.config
            .stanzas('indexes')
            .map((s) => s.name)
            .filter(isIndexStanza);
    }

    /** Whether an index exists. */
    has(name: string): boolean {
        return (
            BUILTIN_INDEXES.includes(name) ||
            this.appIndexes().includes(name) ||
            this.events.indexNames().includes(name)
        );
    }

    /** Indexes events into existing indexes. */
    write(records: readonly EventRecord[]): void {
        if (records.length === 0) return;
        this.events = this.events.withEvents(records);
        this.written += records.length;
    }
}
