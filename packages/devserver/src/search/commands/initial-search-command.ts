/** The first `search` of a pipeline: events from the store, newest first (see event-selection.ts). */
import type { Row } from '../field-value';
import { selectEvents } from '../event-selection';
import type { SearchNode } from '../search-ast';
import { parseSearchExpression } from '../search-parser';
import type { StoredEvent } from '../stored-event';
import type { GeneratingCommand } from './generating-command';

/** The row of an event: `_time`, `_raw`, then `host`, `index`, `source`, `sourcetype` and extracted fields by name. */
export function eventRow(event: StoredEvent): Row {
    const row: Row = new Map();
    row.set('_time', event.time);
    row.set('_raw', event.raw);
    for (const name of [...event.fields.keys()].sort()) {
        const value = event.fields.get(name);
        if (value !== undefined) row.set(name, value);
    }
    return row;
}

/** Parses the arguments of the first `search`. */
export function parseInitialSearch(args: string, now: number): GeneratingCommand {
    const node: SearchNode = parseSearchExpression(args, { command: 'search', now });
    return {
        name: 'search',
        generate(context) {
            const { events, examined } = selectEvents(context.store, node, context);
            return {
                result: { rows: events.map(eventRow), order: ['_time', '_raw'] },
                eventCount: events.length,
                scanCount: examined,
                isEvents: true,
            };
        },
    };
}
