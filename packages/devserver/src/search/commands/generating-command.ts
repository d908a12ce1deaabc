/** Commands that produce the first result set of a pipeline from the event store. */
import type { EventStore } from '../event-store';
import type { SelectionOptions } from '../event-selection';
import type { PipelineContext, ResultSet } from './result-set';

/** Everything a generating command reads besides its arguments. */
export interface GenerateContext extends SelectionOptions {
    /** The events. */
    readonly store: EventStore;
}

/** What a generating command produced. */
export interface Generated {
    /** The result set. */
    readonly result: ResultSet;
    /** Events matched by the search (Splunk's `eventCount`). */
    readonly eventCount: number;
    /** Events examined to find them (Splunk's `scanCount`). */
    readonly scanCount: number;
    /** True when the rows are events (a search-only pipeline), newest first. */
    readonly isEvents: boolean;
}

/** A generating command: `search` at the start of a pipeline, `tstats`, or an app's external command. */
export interface GeneratingCommand {
    /** Command name. */
    readonly name: string;
    /** Produces the first result set. */
    generate(context: GenerateContext): Generated;
    /** Produces the first result set by waiting on something outside the engine; preferred over `generate`. */
    generateAsync?(context: GenerateContext, pipeline: PipelineContext): Promise<Generated>;
}
