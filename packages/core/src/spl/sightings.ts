/**
 * The batched sightings search: for a list of pivot candidates, one search job that returns per candidate how
 * often it occurs in local events, when it was first and last seen, and where (index, sourcetype).
 *
 * Shape (one base search, then only eval/mvexpand/stats, which the stand-in implements):
 *
 *     (`passivetotal_index`) (TERM(198.51.100.7) OR "evil.example" OR ...)
 *     | eval pt_candidate=mvappend(if(searchmatch("TERM(198.51.100.7)"), "0", null()), if(searchmatch("\"evil.example\""), "1", null()), ...)
 *     | mvexpand pt_candidate
 *     | stats count min(_time) as first_seen max(_time) as last_seen values(index) as indexes values(sourcetype) as sourcetypes by pt_candidate
 *
 * Candidates are labelled by their position, not by their value, so no indicator text is ever needed in an eval
 * string; {@link readSightings} maps rows back to candidates. `searchmatch()` uses the same expression as the base
 * search, so "counted" and "found" cannot disagree; values the search can only widen get an exact `match()` test.
 */
import type { Indicator } from '../indicators/indicator';
import { fail, ok, type Result } from '../result';
import {
    agg,
    and,
    call,
    evalCmd,
    fieldRef,
    literalRegex,
    macro,
    mvexpandCmd,
    or,
    pipeline,
    searchCmd,
    searchString,
    statsCmd,
    str,
    type EvalExpr,
    type Pipeline,
} from './ast';
import { compile, needsExactFilter } from './compiler';
import { rawMatchExpr, rawSearchValue } from './local-search';
import { INDEX_MACRO } from './macros';

/** The most candidates one sightings search takes; the UI batches beyond that. */
export const MAX_SIGHTING_CANDIDATES = 500;

/** The output field holding a candidate's position. */
export const SIGHTING_CANDIDATE_FIELD = 'pt_candidate';

/** Options of the sightings search. */
export interface SightingsOptions {
    readonly rawMatch?: 'term' | 'phrase';
    readonly indexMacro?: string;
}

/** A compiled sightings search and the candidates in the order their positions refer to. */
export interface SightingsSearch {
    readonly spl: string;
    readonly pipeline: Pipeline;
    /** Deduplicated candidates; row `pt_candidate=<i>` is about `candidates[i]`. */
    readonly candidates: readonly Indicator[];
}

/**
 * Builds the one search job that counts every candidate in local events.
 *
 * @example sightingsSearch([ipv4('198.51.100.7'), domain('evil.example')])
 * // { ok: true, value: { spl: '(`passivetotal_index`) (TERM(198.51.100.7) OR "evil.example")\n| eval pt_candidate=mvappend(...)...' } }
 */
export function sightingsSearch(
    candidates: readonly Indicator[],
    options: SightingsOptions = {}
): Result<SightingsSearch> {
    const seen = new Set<string>();
    const unique = candidates.filter((c) => {
        const key = `${c.type}\u0000${c.value}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
    if (unique.length === 0) return fail('there are no candidates to look for', 'at least one indicator');
    if (unique.length > MAX_SIGHTING_CANDIDATES) {
        return fail(
            `${unique.length} candidates are too many for one search`,
            `at most ${MAX_SIGHTING_CANDIDATES} candidates; split the list`
        );
    }
    const matchers = unique.map((c) => rawMatchExpr(c, options.rawMatch));
    const labels: EvalExpr[] = unique.map((c, i) => {
        const value = rawSearchValue(c);
        const test = needsExactFilter(value)
            ? call('match', fieldRef('_raw'), literalRegex(value))
            : call('searchmatch', searchString(matchers[i] ?? rawMatchExpr(c, options.rawMatch)));
        return call('if', test, str(String(i)), call('null'));
    });
    const p = pipeline(
        searchCmd(and(macro(options.indexMacro ?? INDEX_MACRO), or(...matchers))),
        evalCmd({ field: SIGHTING_CANDIDATE_FIELD, expr: call('mvappend', ...labels) }),
        mvexpandCmd(SIGHTING_CANDIDATE_FIELD),
        statsCmd(
            [
                agg('count'),
                agg('min', '_time', 'first_seen'),
                agg('max', '_time', 'last_seen'),
                agg('values', 'index', 'indexes'),
                agg('values', 'sourcetype', 'sourcetypes'),
            ],
            [SIGHTING_CANDIDATE_FIELD]
        )
    );
    return ok(Object.freeze({ spl: compile(p), pipeline: p, candidates: Object.freeze(unique) }));
}

/** How often one candidate occurs in local events. */
export interface Sighting {
    readonly indicator: Indicator;
    readonly count: number;
    /** Epoch seconds, or undefined when never seen. */
    readonly firstSeen?: number;
    readonly lastSeen?: number;
    readonly indexes: readonly string[];
    readonly sourcetypes: readonly string[];
}

/** A result row of the sightings search as splunkd returns it (values are strings or string arrays). */
export type SightingRow = Readonly<Record<string, string | readonly string[] | undefined>>;

function asList(v: string | readonly string[] | undefined): readonly string[] {
    if (v === undefined) return [];
    return typeof v === 'string' ? [v] : v;
}

function asNumber(v: string | readonly string[] | undefined): number | undefined {
    const first = asList(v)[0];
    if (first === undefined || first.trim() === '') return undefined;
    const n = Number(first);
    return Number.isFinite(n) ? n : undefined;
}

/**
 * Maps the result rows of a sightings search back to its candidates; every candidate gets an entry, with count 0
 * when no row names it. Rows naming no known candidate are ignored.
 *
 * @example readSightings(search, [{ pt_candidate: '0', count: '3', first_seen: '1700000000', indexes: ['main'] }])
 * // [{ indicator: candidates[0], count: 3, firstSeen: 1700000000, indexes: ['main'], ... }, { indicator: candidates[1], count: 0, ... }]
 */
export function readSightings(search: SightingsSearch, rows: readonly SightingRow[]): readonly Sighting[] {
    const byPosition = new Map<number, SightingRow>();
    for (const row of rows) {
        const pos = asNumber(row[SIGHTING_CANDIDATE_FIELD]);
        if (pos !== undefined && Number.isInteger(pos)) byPosition.set(pos, row);
    }
    return search.candidates.map((indicator, i) => {
        const row = byPosition.get(i);
        const firstSeen = asNumber(row?.['first_seen']);
        const lastSeen = asNumber(row?.['last_seen']);
        return {
            indicator,
            count: asNumber(row?.['count']) ?? 0,
            ...(firstSeen === undefined ? {} : { firstSeen }),
            ...(lastSeen === undefined ? {} : { lastSeen }),
            indexes: asList(row?.['indexes']),
            sourcetypes: asList(row?.['sourcetypes']),
        };
    });
}
