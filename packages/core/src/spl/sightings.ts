/**
 * The batched sightings search: for a list of pivot candidates, one search job that returns per candidate how
 * often it occurs in local events, when it was first and last seen, and where (index, sourcetype). Every candidate
 * type is counted (addresses, names, URLs, e-mail addresses, certificates, tracker ids), by the same matching rule
 * as the Internal hits tab (matching.ts).
 *
 * Raw mode (one base search, then only streaming commands until `stats`, so the work runs on the indexers):
 *
 *     (`passivetotal_index`) ("198.51.100.7" OR ("evil" "example") OR ...)
 *     | eval pt_candidate=mvappend(if(match(_raw, "<pattern 0>"), "0", null()), if(match(_raw, "<pattern 1>"), "1", null()), ...)
 *     | mvexpand pt_candidate
 *     | stats count min(_time) as first_seen max(_time) as last_seen values(index) as indexes values(sourcetype) as sourcetypes by pt_candidate
 *
 * CIM mode: the same per data model with `tstats` (candidates looked up in the fields they can sit in, the
 * patterns applied to the grouped values), tracker ids in raw events, joined with `append` and summed.
 *
 * Candidates are labelled by their position, not by their value; {@link readSightings} maps rows back to
 * candidates. Beyond the administrator's limit ({@link planSightings}) candidates are not counted, and say so.
 */
import type { Indicator } from '../indicators/indicator';
import { fail, ok, type Result } from '../result';
import {
    agg,
    and,
    appendCmd,
    binary,
    call,
    evalCmd,
    isIn,
    mvexpandCmd,
    or,
    pipeline,
    searchCmd,
    searchString,
    statsCmd,
    str,
    type AggregationNode,
    type EvalExpr,
    type Pipeline,
    type SearchExpr,
    type ValueNode,
} from './ast';
import { compile } from './compiler';
import {
    anyFieldMatches,
    cimLegs,
    cimRowTest,
    cimTstats,
    FIRST_LAST_COUNT,
    FIRST_LAST_COUNT_SUMMED,
    indexScope,
    type CimLeg,
    type LocalSearchOptions,
    type SearchMode,
} from './local-search';
import { numericSetting } from '../catalogue/lookup';
import { matchRule, type MatchRule } from './matching';

/** The default most candidates one sightings search counts (`[search] max_sighting_candidates` of the catalogue). */
export const DEFAULT_MAX_SIGHTING_CANDIDATES = numericSetting('max_sighting_candidates').default;

/** The output field holding a candidate's position. */
export const SIGHTING_CANDIDATE_FIELD = 'pt_candidate';

/** Options of the sightings search. */
export interface SightingsOptions extends LocalSearchOptions {
    /** The most candidates counted; default {@link DEFAULT_MAX_SIGHTING_CANDIDATES}. */
    readonly maxCandidates?: number;
}

/** A compiled sightings search and the candidates in the order their positions refer to. */
export interface SightingsSearch {
    readonly spl: string;
    readonly pipeline: Pipeline;
    /** The mode that runs (`cim` only when some candidate has CIM fields). */
    readonly mode: SearchMode;
    /** Deduplicated candidates; row `pt_candidate=<i>` is about `candidates[i]`. */
    readonly candidates: readonly Indicator[];
}

/** A candidate the search does not count, and why. */
export interface UncountedCandidate {
    readonly indicator: Indicator;
    readonly reason: string;
}

/** What one investigation's sightings search counts, and what it leaves uncounted. */
export interface SightingsPlan {
    /** The search, or undefined when there is nothing to count. */
    readonly search?: SightingsSearch;
    readonly uncounted: readonly UncountedCandidate[];
}

function unique(candidates: readonly Indicator[]): Indicator[] {
    const seen = new Set<string>();
    return candidates.filter((c) => {
        const key = `${c.type}\u0000${c.value}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

const label = (test: EvalExpr, position: number): EvalExpr => call('if', test, str(String(position)), call('null'));

const PER_CANDIDATE: readonly AggregationNode[] = Object.freeze([
    agg('values', 'index', 'indexes'),
    agg('values', 'sourcetype', 'sourcetypes'),
]);

/**
 * The test that an event holds a candidate, as the Internal hits tab decides it: the rule's pattern; in the fast
 * mode also the candidate's own `TERM()` lookup, since the base search brings in events for every candidate and
 * the pattern alone would count what `TERM()` does not find.
 */
function rawTest(rule: MatchRule): EvalExpr {
    const exact = anyFieldMatches(['_raw'], rule.pattern);
    return rule.mode === 'fast' ? binary('AND', call('searchmatch', searchString(rule.prefilter)), exact) : exact;
}

/** The candidates at these positions, counted in raw events. */
function rawLeg(rules: readonly MatchRule[], positions: readonly number[], options: LocalSearchOptions): Pipeline {
    const chosen = positions.flatMap((i) => {
        const rule = rules[i];
        return rule ? [{ rule, i }] : [];
    });
    return pipeline(
        searchCmd(and(indexScope(options), or(...chosen.map((c) => c.rule.prefilter)))),
        evalCmd({
            field: SIGHTING_CANDIDATE_FIELD,
            expr: call('mvappend', ...chosen.map((c) => label(rawTest(c.rule), c.i))),
        }),
        mvexpandCmd(SIGHTING_CANDIDATE_FIELD),
        statsCmd([...FIRST_LAST_COUNT, ...PER_CANDIDATE], [SIGHTING_CANDIDATE_FIELD])
    );
}

/**
 * The candidates that can sit in one data model, counted with `tstats` grouped by the fields: each candidate's
 * test is the Internal hits tab's (whole-value fields by their lookups, URL fields by the rule's pattern). A field
 * that often holds several values in one event (DNS answers, recipients) would make every other field's match count
 * once per value, so it is grouped in a search of its own, which counts a candidate only where no other field of the
 * event holds it: each event counts once, unless two values of that one field hold the candidate.
 */
function cimLegsOf(
    model: CimLeg['model'],
    members: readonly { readonly i: number; readonly fields: CimLeg['fields']; readonly pattern: string }[],
    options: LocalSearchOptions
): Pipeline[] {
    const singles = (m: (typeof members)[number]) => m.fields.filter((f) => !f.multivalue);
    const groups = [...new Set(members.flatMap((m) => m.fields.map((f) => (f.multivalue ? f.name : ''))))].sort();
    const singleNames = model.fields
        .filter((f) => !f.multivalue && members.some((m) => m.fields.some((g) => g.name === f.name)))
        .map((f) => f.name);
    return groups.flatMap((group) => {
        const tested = members.flatMap((m) => {
            const fields = m.fields.filter((f) => (group === '' ? !f.multivalue : f.name === group));
            return fields.length > 0 ? [{ ...m, fields }] : [];
        });
        if (tested.length === 0) return [];
        const looked = new Map<string, ValueNode[]>();
        for (const m of tested)
            for (const f of m.fields) looked.set(f.name, [...(looked.get(f.name) ?? []), ...f.values]);
        const names = model.fields.map((f) => f.name).filter((n) => looked.has(n));
        const where: SearchExpr = or(...names.map((n) => isIn(n, looked.get(n) ?? [])));
        const by = group === '' ? names : [group, ...singleNames];
        const test = (m: (typeof tested)[number]): EvalExpr => {
            const own = label(cimRowTest(m.fields, m.pattern), m.i);
            const elsewhere = group === '' ? [] : singles(members.find((x) => x.i === m.i) ?? m);
            return elsewhere.length === 0 ? own : call('if', cimRowTest(elsewhere, m.pattern), call('null'), own);
        };
        return [
            pipeline(
                cimTstats(model, where, FIRST_LAST_COUNT, [...by, 'index', 'sourcetype'], options),
                evalCmd({ field: SIGHTING_CANDIDATE_FIELD, expr: call('mvappend', ...tested.map(test)) }),
                mvexpandCmd(SIGHTING_CANDIDATE_FIELD),
                statsCmd([...FIRST_LAST_COUNT_SUMMED, ...PER_CANDIDATE], [SIGHTING_CANDIDATE_FIELD])
            ),
        ];
    });
}

function cimPipeline(list: readonly Indicator[], rules: readonly MatchRule[], options: LocalSearchOptions): Pipeline {
    const legs: Pipeline[] = [];
    const perModel = new Map<CimLeg['model'], { i: number; fields: CimLeg['fields']; pattern: string }[]>();
    const rawOnly: number[] = [];
    list.forEach((indicator, i) => {
        const found = cimLegs(indicator);
        if (found.length === 0) rawOnly.push(i);
        // The CIM patterns are the thorough ones: field values are short and exact matching is cheap there.
        const pattern = matchRule(indicator).pattern;
        for (const leg of found)
            perModel.set(leg.model, [...(perModel.get(leg.model) ?? []), { i, fields: leg.fields, pattern }]);
    });
    for (const [model, members] of perModel) legs.push(...cimLegsOf(model, members, options));
    if (rawOnly.length > 0) legs.push(rawLeg(rules, rawOnly, options));
    const [first, ...rest] = legs;
    if (!first || rest.length === 0) return first ?? pipeline();
    return pipeline(
        ...first.commands,
        ...rest.map((leg) => appendCmd(leg)),
        statsCmd(
            [
                agg('sum', 'count', 'count'),
                agg('min', 'first_seen', 'first_seen'),
                agg('max', 'last_seen', 'last_seen'),
                agg('values', 'indexes', 'indexes'),
                agg('values', 'sourcetypes', 'sourcetypes'),
            ],
            [SIGHTING_CANDIDATE_FIELD]
        )
    );
}

/**
 * Builds the one search job that counts every candidate in local events.
 *
 * @example sightingsSearch([ipv4('198.51.100.7'), domain('evil.example')])
 * // { ok: true, value: { spl: '(`passivetotal_index`) ("198.51.100.7" OR ("evil" "example"))\n| eval pt_candidate=mvappend(...)...' } }
 */
export function sightingsSearch(
    candidates: readonly Indicator[],
    options: SightingsOptions = {}
): Result<SightingsSearch> {
    const list = unique(candidates);
    if (list.length === 0) return fail('there are no candidates to look for', 'at least one indicator');
    const max = options.maxCandidates ?? DEFAULT_MAX_SIGHTING_CANDIDATES;
    if (list.length > max) {
        return fail(`${list.length} candidates are too many for one search`, `at most ${max} candidates`);
    }
    const rules = list.map((c) => matchRule(c, options.match));
    const cim = options.mode === 'cim' && list.some((c) => cimLegs(c).length > 0);
    const p = cim
        ? cimPipeline(list, rules, options)
        : rawLeg(
              rules,
              list.map((_, i) => i),
              options
          );
    return ok(
        Object.freeze({ spl: compile(p), pipeline: p, mode: cim ? 'cim' : 'raw', candidates: Object.freeze(list) })
    );
}

/**
 * What to count: the first `maxCandidates` distinct candidates (in the order given, so the closest relations come
 * first), and the rest as "not counted" with the reason.
 *
 * @example planSightings(pivots.map((p) => p.indicator), { maxCandidates: 2 }).uncounted[0].reason
 * // 'not counted: 3 related values, and the limit of one search is 2 (max_sighting_candidates)'
 */
export function planSightings(candidates: readonly Indicator[], options: SightingsOptions = {}): SightingsPlan {
    const list = unique(candidates);
    const max = Math.max(0, Math.floor(options.maxCandidates ?? DEFAULT_MAX_SIGHTING_CANDIDATES));
    const counted = list.slice(0, max);
    const reason = `not counted: ${list.length.toLocaleString('en-US')} related values, and the limit of one search is ${max.toLocaleString('en-US')} (max_sighting_candidates)`;
    const uncounted = list.slice(max).map((indicator) => Object.freeze({ indicator, reason }));
    if (counted.length === 0) return Object.freeze({ uncounted: Object.freeze(uncounted) });
    const built = sightingsSearch(counted, { ...options, maxCandidates: counted.length });
    return Object.freeze({ ...(built.ok ? { search: built.value } : {}), uncounted: Object.freeze(uncounted) });
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
