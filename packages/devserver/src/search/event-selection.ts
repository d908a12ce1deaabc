/**
 * Runs a search expression over the store (the first `search` of a pipeline, and `tstats`):
 *
 * 1. time bounds: `earliest=`/`latest=` in the expression replace the job's `earliest_time` /
 *    `latest_time` (both, when either is given); `earliest` is inclusive, `latest` exclusive;
 * 2. indexes: when the expression names no `index`, only the default indexes are searched (the
 *    `defaultIndexes` option; otherwise every index whose name does not begin with `_`);
 * 3. the store's indexes narrow the candidates (search-plan.ts), and each candidate in the time
 *    range is checked with the matcher. Matches come out newest first.
 */
import type { EventStore } from './event-store';
import type { SearchNode } from './search-ast';
import { compileMatcher, type MatchTarget } from './search-matcher';
import { planCandidates } from './search-plan';
import type { StoredEvent } from './stored-event';

/** Time range and index defaults of a search job. */
export interface SelectionOptions {
    /** Job-level earliest time, epoch seconds (inclusive). */
    readonly earliest?: number;
    /** Job-level latest time, epoch seconds (exclusive). */
    readonly latest?: number;
    /** Indexes searched when the search names none (wildcards allowed); default: all not starting with `_`. */
    readonly defaultIndexes?: readonly string[];
    /** Stop after this many matches (newest first), e.g. for `search ... | head 10`. */
    readonly limit?: number;
}

/** Matches and the work done to find them. */
export interface Selection {
    /** Matching events, newest first. */
    readonly events: StoredEvent[];
    /** How many events were checked against the expression (the index avoided the rest). */
    readonly examined: number;
}

/** A match target over a stored event. */
export function eventTarget(event: StoredEvent): MatchTarget {
    return {
        raw: event.raw,
        time: event.time,
        field: (name) => event.fields.get(name),
        allValues: function* () {
            yield event.raw;
        },
    };
}

function topLevelTimes(node: SearchNode): { earliest?: number; latest?: number } {
    const out: { earliest?: number; latest?: number } = {};
    const visit = (n: SearchNode): void => {
        if (n.kind === 'time') out[n.bound] = n.epoch;
        else if (n.kind === 'and') n.children.forEach(visit);
    };
    visit(node);
    return out;
}

function mentionsIndex(node: SearchNode): boolean {
    switch (node.kind) {
        case 'compare':
        case 'in':
            return node.field === 'index';
        case 'and':
        case 'or':
            return node.children.some(mentionsIndex);
        case 'not':
            return mentionsIndex(node.child);
        default:
            return false;
    }
}

/** Selects the events matching `node` (see the module comment). */
export function selectEvents(store: EventStore, node: SearchNode, options: SelectionOptions): Selection {
    const inline = topLevelTimes(node);
    const hasInline = inline.earliest !== undefined || inline.latest !== undefined;
    const earliest = hasInline ? inline.earliest : options.earliest;
    const latest = hasInline ? inline.latest : options.latest;
    let effective = node;
    if (!mentionsIndex(node)) {
        const defaults = options.defaultIndexes ?? store.indexNames().filter((n) => !n.startsWith('_'));
        effective = { kind: 'and', children: [node, { kind: 'in', field: 'index', values: defaults }] };
    }
    let currentId = -1;
    const matcher = compileMatcher(effective, {
        candidates: (child) => {
            const ids = planCandidates(child, store);
            return ids === undefined ? undefined : new Set(ids);
        },
        currentId: () => currentId,
    });
    const { from, to } = store.timeRange(earliest, latest);
    const events: StoredEvent[] = [];
    let examined = 0;
    const limit = options.limit ?? Infinity;
    const check = (id: number): boolean => {
        examined++;
        currentId = id;
        const event = store.event(id);
        if (matcher(eventTarget(event))) events.push(event);
        return events.length < limit;
    };
    const candidates = planCandidates(effective, store);
    if (candidates === undefined) {
        for (let id = from; id < to && check(id); id++);
    } else {
        for (const id of candidates) if (id >= from && id < to && !check(id)) break;
    }
    return { events, examined };
}
