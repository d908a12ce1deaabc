/** What flows between the commands of a pipeline. */
import type { EventStore } from '../event-store';
import type { ExternalRunContext } from '../external/external-types';
import type { Row } from '../field-value';
import type { EventRecord } from '../stored-event';

/** Rows plus the preferred order of their fields (names may be absent from every row). */
export interface ResultSet {
    /** The rows, in result order. */
    readonly rows: Row[];
    /** Preferred field order for output; fields not listed follow in order of first appearance. */
    readonly order: readonly string[];
}

/** A message of a search, for the job's `messages` (splunkd's `type` and `text`). */
export interface SearchMessage {
    readonly type: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
    readonly text: string;
}

/** What a command can use while a search runs, besides its input rows. */
export interface PipelineContext {
    /** The events (for commands that run a subsearch). */
    readonly store: EventStore;
    /** The job's earliest time, epoch seconds (inclusive), if any. */
    readonly earliest?: number;
    /** The job's latest time, epoch seconds (exclusive), if any. */
    readonly latest?: number;
    /** Indexes searched when a search names none. */
    readonly defaultIndexes?: readonly string[];
    /** Adds a message to the job's messages. */
    readonly message: (message: SearchMessage) => void;
    /** The search text after macro expansion (given to external commands). */
    readonly searchText?: string;
    /** What external search commands need from the running search; absent where none can run. */
    readonly external?: ExternalRunContext;
    /**
     * Set for the last command of the pipeline only: receives the rows produced so far while the
     * command is still running (the job's preview).
     */
    readonly preview?: (partial: ResultSet) => void;
    /** Where `collect` writes events; absent where a search cannot index anything (it then fails). */
    readonly indexer?: Indexer;
}

/** The indexes a search may write to with `collect`, as the search head sees them. */
export interface Indexer {
    /** Whether an index of that name exists (the index is never created by writing to it). */
    hasIndex(name: string): boolean;
    /** Indexes the events (they become searchable by later searches). */
    write(events: readonly EventRecord[]): void;
    /** The search head's server name: the events' default `host`. */
    readonly host: string;
    /** The events' default `source`: the saved search's name when the scheduler runs one, else the search id. */
    readonly source: string;
    /** When the search started, epoch seconds (`info_search_time`). */
    readonly searchTime: number;
    /** The search's earliest time, epoch seconds (`info_min_time`); undefined when it has none. */
    readonly infoMinTime: number | undefined;
    /** The search's latest time, epoch seconds (`info_max_time`); undefined when it has none. */
    readonly infoMaxTime: number | undefined;
}

/** A non-generating command: turns one result set into the next. */
export interface StreamCommand {
    /** The command name (for errors and tests). */
    readonly name: string;
    /** When set, the command keeps at most this many leading rows (lets the search stop early). */
    readonly rowLimit?: number;
    /** Applies the command. */
    apply(input: ResultSet, context: PipelineContext): ResultSet;
    /** Applies a command that waits on something outside the engine (an external process); preferred over `apply`. */
    applyAsync?(input: ResultSet, context: PipelineContext): Promise<ResultSet>;
    /**
     * Whether the rows stay events after this command; known for some commands only once they ran.
     * Without it, the command's name decides.
     */
    preservesEvents?(): boolean;
}
