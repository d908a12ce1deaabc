/** What flows between the commands of a pipeline. */
import type { EventStore } from '../event-store';
import type { Row } from '../field-value';

/** Rows plus the preferred order of their fields (names may be absent from every row). */
export interface ResultSet {
    /** The rows, in result order. */
    readonly rows: Row[];
    /** Preferred field order for output; fields not listed follow in order of first appearance. */
    readonly order: readonly string[];
}

/** A message of a search that did not fail, for the job's `messages` (splunkd's `type` and `text`). */
export interface SearchMessage {
    readonly type: 'INFO' | 'WARN' | 'ERROR';
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
}

/** A non-generating command: turns one result set into the next. */
export interface StreamCommand {
    /** The command name (for errors and tests). */
    readonly name: string;
    /** When set, the command keeps at most this many leading rows (lets the search stop early). */
    readonly rowLimit?: number;
    /** Applies the command. */
    apply(input: ResultSet, context: PipelineContext): ResultSet;
}
