/**
 * The searches that find an indicator in local data, in the two modes an administrator can choose:
 *
 * - `raw`: one search over raw events scoped by the `passivetotal_index` macro. Exact indexed terms (`TERM()`)
 *   where the value has no major breaker, quoted phrases where it has, and for domains and URLs a phrase, because
 *   they are usually embedded in longer tokens (`http://evil.example/x`, `user@evil.example`) that `TERM()` misses.
 * - `cim`: one `tstats` search per relevant CIM data model (`summariesonly` from the `passivetotal_summariesonly`
 *   macro), scoped by the same `passivetotal_index` macro: a `tstats` whose `where` names no index reads only the
 *   role's default search indexes (often just `main`), not the indexes the data models are built from. Field names follow the Splunk Common Information Model 4.x/5.x:
 *   Network_Traffic (`All_Traffic.src`, `.dest`), Web (`Web.src`, `.dest`, `.url`), Network_Resolution
 *   (`DNS.query`, `.answer`, `.src`), Email (`All_Email.src`, `.dest`, `.src_user`, `.recipient`), Certificates
 *   (`All_Certificates.dest`, `.src`, `All_Certificates.SSL.ssl_hash`, `.ssl_subject_common_name`). Tracker ids have
 *   no CIM field, so CIM mode searches raw events for them.
 *
 * Generators only build AST nodes; `compiler.ts` does all quoting.
 */
import type { Indicator } from '../indicators/indicator';
import {
    agg,
    and,
    binary,
    call,
    eq,
    fieldRef,
    literalRegex,
    macro,
    or,
    pattern,
    phrase,
    pipeline,
    searchCmd,
    term,
    tstatsCmd,
    whereCmd,
    type Command,
    type EvalExpr,
    type Pipeline,
    type SearchExpr,
} from './ast';
import { compile, needsExactFilter } from './compiler';
import { INDEX_MACRO, SUMMARIES_ONLY_MACRO } from './macros';

/** The CIM data models the `cim` mode searches. */
export type CimDataModel = 'Network_Traffic' | 'Web' | 'Network_Resolution' | 'Email' | 'Certificates';

/** How an administrator wants local data searched. */
export interface LocalSearchOptions {
    /** `raw` events (default) or CIM data models with `tstats`. */
    readonly mode?: 'raw' | 'cim';
    /**
     * In raw mode, `term` (default) uses `TERM()` for values without major breakers: fast, but it misses values
     * joined to other text by minor breakers (`src=198.51.100.7`). `phrase` quotes every value: slower, thorough.
     */
    readonly rawMatch?: 'term' | 'phrase';
    /** Index-scope macro name; default `passivetotal_index`. */
    readonly indexMacro?: string;
    /** tstats options macro name; default `passivetotal_summariesonly`. */
    readonly summariesOnlyMacro?: string;
}

/** One generated search. */
export interface LocalSearch {
    /** Stable id, e.g. `raw` or `cim-Web`. */
    readonly id: string;
    /** Human label, e.g. "Raw events" or "Web (CIM)". */
    readonly label: string;
    readonly mode: 'raw' | 'cim';
    /** The data model searched (CIM mode only). */
    readonly datamodel?: CimDataModel;
    /** The SPL text to dispatch. */
    readonly spl: string;
    /** The AST the text was compiled from. */
    readonly pipeline: Pipeline;
}

/** The literal text that identifies the indicator in raw events. URLs without scheme (logs differ in it). */
export function rawSearchValue(indicator: Indicator): string {
    if (indicator.type === 'url') return indicator.value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
    return indicator.value;
}

/**
 * The search expression that finds an indicator in raw events (no index scope). Also used per candidate by the
 * batched sightings search, so both agree on what "found" means.
 *
 * @example rawMatchExpr(ipv4('198.51.100.7')) // term('198.51.100.7') → TERM(198.51.100.7)
 */
export function rawMatchExpr(indicator: Indicator, rawMatch: 'term' | 'phrase' = 'term'): SearchExpr {
    const value = rawSearchValue(indicator);
    switch (indicator.type) {
        case 'domain':
        case 'url':
            return phrase(value);
        case 'ipv4':
        case 'ipv6':
        case 'email':
        case 'sha1':
        case 'tracker':
            return rawMatch === 'term' ? term(value) : phrase(value);
    }
}

/** Filters that make a widened search exact again (values containing `*`, backticks or control characters). */
function exactFilter(value: string, fields: readonly string[] = ['_raw']): Command[] {
    if (!needsExactFilter(value)) return [];
    const tests: EvalExpr[] = fields.map((f) => call('match', fieldRef(f), literalRegex(value)));
    const [first, ...rest] = tests;
    if (!first) return [];
    return [whereCmd(rest.reduce<EvalExpr>((acc, t) => binary('OR', acc, t), first))];
}

function rawSearch(indicator: Indicator, options: LocalSearchOptions): LocalSearch {
    const scope = macro(options.indexMacro ?? INDEX_MACRO);
    const p = pipeline(
        searchCmd(and(scope, rawMatchExpr(indicator, options.rawMatch))),
        ...exactFilter(rawSearchValue(indicator))
    );
    return Object.freeze({ id: 'raw', label: 'Raw events', mode: 'raw', spl: compile(p), pipeline: p });
}

interface CimSpec {
    readonly datamodel: CimDataModel;
    readonly dataset: string;
    readonly where: SearchExpr;
    readonly by: readonly string[];
    /** The by-fields an exact filter applies to, when the value may need one. */
    readonly exactFields?: readonly string[];
}

/** `field="name" OR field="*.name"`: a host name and everything below it. */
function hostAndBelow(field: string, name: string): SearchExpr[] {
    return [eq(field, name), eq(field, pattern('', `.${name}`))];
}

function cimSpecs(indicator: Indicator): CimSpec[] {
    const v = indicator.value;
    switch (indicator.type) {
        case 'ipv4':
        case 'ipv6':
            return [
                {
                    datamodel: 'Network_Traffic',
                    dataset: 'All_Traffic',
                    where: or(eq('All_Traffic.src', v), eq('All_Traffic.dest', v)),
                    by: ['All_Traffic.src', 'All_Traffic.dest', 'All_Traffic.dest_port'],
                },
                {
                    datamodel: 'Web',
                    dataset: 'Web',
                    where: or(eq('Web.src', v), eq('Web.dest', v)),
                    by: ['Web.src', 'Web.dest'],
                },
                {
                    datamodel: 'Network_Resolution',
                    dataset: 'DNS',
                    where: or(eq('DNS.answer', v), eq('DNS.src', v)),
                    by: ['DNS.query', 'DNS.answer'],
                },
                {
                    datamodel: 'Email',
                    dataset: 'All_Email',
                    where: or(eq('All_Email.src', v), eq('All_Email.dest', v)),
                    by: ['All_Email.src', 'All_Email.dest'],
                },
                {
                    datamodel: 'Certificates',
                    dataset: 'All_Certificates',
                    where: or(eq('All_Certificates.dest', v), eq('All_Certificates.src', v)),
                    by: ['All_Certificates.dest', 'All_Certificates.SSL.ssl_hash'],
                },
            ];
        case 'domain':
            return [
                {
                    datamodel: 'Network_Resolution',
                    dataset: 'DNS',
                    where: or(...hostAndBelow('DNS.query', v)),
                    by: ['DNS.query', 'DNS.answer'],
                },
                {
                    datamodel: 'Web',
                    dataset: 'Web',
                    where: or(
                        ...hostAndBelow('Web.dest', v),
                        eq('Web.url', pattern('', `://${v}/`, '')),
                        eq('Web.url', pattern('', `.${v}/`, ''))
                    ),
                    by: ['Web.dest', 'Web.src'],
                },
                {
                    datamodel: 'Email',
                    dataset: 'All_Email',
                    where: or(
                        eq('All_Email.src_user', pattern('', `@${v}`)),
                        eq('All_Email.recipient', pattern('', `@${v}`))
                    ),
                    by: ['All_Email.src_user', 'All_Email.recipient'],
                },
                {
                    datamodel: 'Certificates',
                    dataset: 'All_Certificates',
                    where: or(...hostAndBelow('All_Certificates.SSL.ssl_subject_common_name', v)),
                    by: ['All_Certificates.SSL.ssl_subject_common_name', 'All_Certificates.SSL.ssl_hash'],
                },
            ];
        case 'url': {
            const bare = rawSearchValue(indicator);
            const where = bare === v ? eq('Web.url', v) : or(eq('Web.url', v), eq('Web.url', bare));
            return [
                {
                    datamodel: 'Web',
                    dataset: 'Web',
                    where,
                    by: ['Web.url', 'Web.src', 'Web.dest'],
                    exactFields: ['Web.url'],
                },
            ];
        }
        case 'email':
            return [
                {
                    datamodel: 'Email',
                    dataset: 'All_Email',
                    where: or(eq('All_Email.src_user', v), eq('All_Email.recipient', v)),
                    by: ['All_Email.src_user', 'All_Email.recipient', 'All_Email.subject'],
                    exactFields: ['All_Email.src_user', 'All_Email.recipient'],
                },
            ];
        case 'sha1': {
            const colons = v.replace(/(..)(?!$)/g, '$1:');
            return [
                {
                    datamodel: 'Certificates',
                    dataset: 'All_Certificates',
                    where: or(eq('All_Certificates.SSL.ssl_hash', v), eq('All_Certificates.SSL.ssl_hash', colons)),
                    by: [
                        'All_Certificates.SSL.ssl_hash',
                        'All_Certificates.SSL.ssl_subject_common_name',
                        'All_Certificates.dest',
                    ],
                },
            ];
        }
        case 'tracker':
            return [];
    }
}

const CIM_LABELS: Readonly<Record<CimDataModel, string>> = {
    Network_Traffic: 'Network Traffic (CIM)',
    Web: 'Web (CIM)',
    Network_Resolution: 'DNS (CIM)',
    Email: 'Email (CIM)',
    Certificates: 'Certificates (CIM)',
};

function cimSearch(spec: CimSpec, indicator: Indicator, options: LocalSearchOptions): LocalSearch {
    const p = pipeline(
        tstatsCmd({
            optionsMacro: macro(options.summariesOnlyMacro ?? SUMMARIES_ONLY_MACRO),
            aggregations: [agg('count'), agg('min', '_time', 'first_seen'), agg('max', '_time', 'last_seen')],
            datamodel: spec.datamodel,
            dataset: spec.dataset,
            // Without an index constraint tstats reads only the role's default search indexes, not every index.
            where: and(macro(options.indexMacro ?? INDEX_MACRO), spec.where),
            by: spec.by,
        }),
        // tstats wildcards cannot be escaped either; an exact filter on the grouped field restores exactness.
        ...(spec.exactFields ? exactFilter(rawSearchValue(indicator), spec.exactFields) : [])
    );
    return Object.freeze({
        id: `cim-${spec.datamodel}`,
        label: CIM_LABELS[spec.datamodel],
        mode: 'cim',
        datamodel: spec.datamodel,
        spl: compile(p),
        pipeline: p,
    });
}

/**
 * The searches that find an indicator in local data: one raw-event search, or one `tstats` search per relevant
 * CIM data model (tracker ids, which have no CIM field, fall back to the raw search).
 *
 * @example localSearches(ipv4Indicator) // [{ id: 'raw', spl: '(`passivetotal_index`) TERM(198.51.100.7)', ... }]
 * @example localSearches(domainIndicator, { mode: 'cim' })[0].spl
 * // '| tstats `passivetotal_summariesonly` count min(_time) as first_seen max(_time) as last_seen
 * //  from datamodel=Network_Resolution.DNS where (`passivetotal_index`) (DNS.query="evil.example" OR DNS.query="*.evil.example")
 * //  by DNS.query DNS.answer'
 */
export function localSearches(indicator: Indicator, options: LocalSearchOptions = {}): readonly LocalSearch[] {
    if (options.mode === 'cim') {
        const specs = cimSpecs(indicator);
        if (specs.length > 0) return Object.freeze(specs.map((s) => cimSearch(s, indicator, options)));
    }
    return Object.freeze([rawSearch(indicator, options)]);
}
