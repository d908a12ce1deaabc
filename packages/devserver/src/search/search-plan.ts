/**
 * Uses the store's indexes to narrow the events a search expression must examine. The plan is a
 * superset of the matches (every candidate is still checked by the matcher), or `undefined` when
 * the indexes cannot help (then every event in the time range is examined).
 *
 * - keyword, phrase, `CASE()`: events whose lexicon has every minor token of the term (for a
 *   wildcard term, only the tokens not touching a `*`);
 * - `TERM(x)`: events whose lexicon has `x` as a whole segment (or every token, if `x` has breakers);
 * - `field=value`, `field IN (...)`: the field-value index (wildcards scan the field's distinct values);
 * - AND intersects, OR unites; NOT, `!=`, `<`, `>` and time bounds give no narrowing, and neither
 *   does a union of a few lists covering more than half of the store (scanning is cheaper then).
 */
import type { EventStore, IdList } from './event-store';
import type { SearchNode } from './search-ast';
import { allTokens, endsWithBreaker, majorSegments, startsWithBreaker } from './segmenter';
import { hasWildcard, valuePredicate } from './text-match';

function intersect(lists: readonly IdList[]): IdList {
    const sorted = [...lists].sort((a, b) => a.length - b.length);
    let result = sorted[0] ?? [];
    for (const list of sorted.slice(1)) {
        const next: number[] = [];
        let j = 0;
        for (const id of result) {
            while (j < list.length && (list[j] ?? Infinity) < id) j++;
            if (list[j] === id) next.push(id);
        }
        result = next;
        if (result.length === 0) break;
    }
    return result;
}

/**
 * Unites posting lists; undefined ("scan instead") when they cover most of the store anyway, unless there are many
 * (a wide OR is matched through the index, so its candidates are cheap to check but a scan is not).
 */
function unite(lists: readonly IdList[], storeSize: number): IdList | undefined {
    const nonEmpty = lists.filter((l) => l.length > 0);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
    const total = nonEmpty.reduce((n, l) => n + l.length, 0);
    if (total > storeSize / 2 && lists.length < 8) return undefined;
    const all = new Set<number>();
    for (const list of nonEmpty) for (const id of list) all.add(id);
    return [...all].sort((a, b) => a - b);
}

/** A lexicon requirement of a term: a whole entry, or (before a trailing wildcard) an entry's beginning. */
interface Required {
    readonly token: string;
    readonly prefix: boolean;
}

/**
 * What every match of a (possibly wildcarded) term must have in the lexicon: its whole tokens, and a token that a
 * `*` continues (`example*`) as the beginning of an entry. A token that a `*` precedes cannot be looked up.
 */
function requiredTokens(text: string): Required[] {
    if (!hasWildcard(text)) return allTokens(text).map((token) => ({ token, prefix: false }));
    const chunks = text.split('*');
    const out: Required[] = [];
    chunks.forEach((chunk, i) => {
        const tokens = allTokens(chunk).map((token) => ({ token, prefix: false }));
        if (i > 0 && !startsWithBreaker(chunk)) tokens.shift();
        const last = tokens[tokens.length - 1];
        if (i < chunks.length - 1 && !endsWithBreaker(chunk) && last)
            tokens[tokens.length - 1] = { ...last, prefix: true };
        out.push(...tokens);
    });
    return out;
}

function byTokens(store: EventStore, tokens: readonly Required[]): IdList | undefined {
    const lists = tokens.flatMap((t) => {
        const list = t.prefix ? store.lexiconPrefixPostings(t.token) : store.lexiconPostings(t.token);
        return list === undefined ? [] : [list];
    });
    return lists.length === 0 ? undefined : intersect(lists);
}

function byFieldValue(store: EventStore, field: string, value: string): IdList | undefined {
    if (!hasWildcard(value)) return store.fieldPostings(field, value.toLowerCase());
    const test = valuePredicate(value);
    const lists: IdList[] = [];
    for (const [v, ids] of store.fieldValueIndex(field)) if (test(v)) lists.push(ids);
    return unite(lists, store.size);
}

const INDEXLESS_FIELDS = new Set(['_raw', '_time']);

/** Candidate event ids (ascending, so newest first) for `node`, or undefined for "all events". */
export function planCandidates(node: SearchNode, store: EventStore): IdList | undefined {
    switch (node.kind) {
        case 'keyword':
        case 'case':
            return byTokens(store, requiredTokens(node.text));
        case 'term': {
            const segments = majorSegments(node.text.toLowerCase());
            if (!hasWildcard(node.text) && segments.length === 1 && segments[0] !== undefined) {
                return store.lexiconPostings(segments[0]);
            }
            return byTokens(store, requiredTokens(node.text));
        }
        case 'compare':
            if (node.op !== '=' || INDEXLESS_FIELDS.has(node.field)) return undefined;
            return byFieldValue(store, node.field, node.value);
        case 'in': {
            if (INDEXLESS_FIELDS.has(node.field)) return undefined;
            const lists: IdList[] = [];
            for (const value of node.values) {
                const list = byFieldValue(store, node.field, value);
                if (list === undefined) return undefined;
                lists.push(list);
            }
            return unite(lists, store.size);
        }
        case 'and': {
            const lists = node.children.map((c) => planCandidates(c, store)).filter((l) => l !== undefined);
            return lists.length === 0 ? undefined : intersect(lists);
        }
        case 'or': {
            const lists: IdList[] = [];
            for (const child of node.children) {
                const list = planCandidates(child, store);
                if (list === undefined) return undefined;
                lists.push(list);
            }
            return unite(lists, store.size);
        }
        case 'not':
        case 'time':
        case 'all':
            return undefined;
    }
}
