/**
 * Every GET endpoint of the PassiveTotal v2 API that the app or another client of the API may call, and the
 * well-formed empty answer each gives when the replay folder has no file for it (the last step of the lookup: no
 * `DIR/<query>/<path>.json`, no `DIR/<path>.json`). The shapes are the API's own: its field names, `null` for
 * dates it has none of, and its paging keys.
 */
import { operationIds, operationSpec, type catalogue } from '@passivetotal/core';
import { badRequest, notFound, type JsonValue } from './error-bodies';
import { queryTypeOf, stripWildcard } from './query-type';

/** What an empty answer may depend on. */
export interface EmptyContext {
    /** The (first) `query` parameter, as given; '' when absent. */
    readonly query: string;
    /** Every `query` value (bulk endpoints take several). */
    readonly queries: readonly string[];
    /** All request parameters (first value of each). */
    readonly params: Readonly<Record<string, string>>;
    /** The basic-auth username. */
    readonly username: string;
    /** The request path as received (for 404 texts). */
    readonly uri: string;
}

/** A status and body. */
export interface ReplayAnswer {
    readonly status: number;
    readonly body: JsonValue;
}

/** One endpoint of the table. */
export interface EndpointSpec {
    /** Does the endpoint require `query` (400 without it)? */
    readonly requiresQuery: boolean;
    /** Bulk endpoints take a list of queries and answer `{results: {<q>: ...}}`. */
    readonly bulkOf?: string;
    /** The answer when no fixture exists. */
    readonly empty: (ctx: EmptyContext) => ReplayAnswer;
}

const ok = (body: JsonValue): ReplayAnswer => ({ status: 200, body });
const lower = (q: string): string => q.toLowerCase();

/** Empty host-attribute style page (`success`, `totalRecords`, `facets`, `results`). */
const hostAttributes = (): ReplayAnswer => ok({ success: true, totalRecords: 0, facets: [], results: [] });

function emptyEnrichment(q: string): JsonValue {
    const common = {
        queryValue: lower(q),
        everCompromised: false,
        classification: '',
        tags: [],
        global_tags: [],
        system_tags: [],
        tag_meta: {},
    };
    if (queryTypeOf(q) === 'ip') return { ...common, queryType: 'ip', sinkhole: false };
    const labels = lower(q).split('.');
    const tld = labels.length > 1 ? `.${labels[labels.length - 1] ?? ''}` : null;
    return {
        ...common,
        queryType: 'domain',
        // Without a public-suffix list only a two-label name is surely its own registered domain.
        primaryDomain: labels.length === 2 ? lower(q) : null,
        tld,
        subdomains: [],
        dynamicDns: false,
    };
}

const SUMMARY_KEYS = [
    'resolutions',
    'certificates',
    'hashes',
    'projects',
    'articles',
    'trackers',
    'components',
    'host_pairs',
    'cookies',
] as const;

/** One `data_summary` entry with no data. */
function emptyCount(): Record<string, JsonValue> {
    const entry: Record<string, JsonValue> = { count: 0, link: null };
    return entry;
}

/** An empty summary card (built as a record: `link` would otherwise resolve to the deprecated String#link). */
function summaryCard(query: string): JsonValue {
    const card: Record<string, JsonValue> = {
        type: queryTypeOf(query) === 'ip' ? 'IP Address' : 'Domain',
        name: lower(query),
        link: null,
        netblock: 'n/a',
        os: 'n/a',
        asn: 'n/a',
        hosting_provider: 'n/a',
        data_summary: Object.fromEntries(SUMMARY_KEYS.map((k): [string, JsonValue] => [k, emptyCount()])),
    };
    return card;
}

function emptyQuotaBlock(username: string | null): JsonValue {
    return {
        owner: username,
        organization: null,
        guid: null,
        username,
        profile: { analysis: null, workflow: null },
        freebies: { search_api: 0, search_web: 0 },
        counts: {
            search_api: 0,
            search_web: 0,
            keyword_monitors: 0,
            basic_monitors: 0,
            projects_private: 0,
            projects_public: 0,
        },
        limits: {
            search_api: 10000,
            search_web: 1000,
            keyword_monitors: 1,
            basic_monitors: 100,
            monitor_results: 1,
            monitor_frequency: 'weekly',
            projects_private: 1,
            projects_public: 1000,
            create_crawls: 0,
            crawl_submissions: 0,
        },
        quotaInterval: 'monthly',
        useMonthlyQuotaInactive: false,
        licenseCounts: { searchApi: 0, searchWeb: 0 },
        licenseLimits: { searchApi: 10000, searchWeb: 1000 },
        next_reset: null,
        last_reset: null,
        event_code: null,
        event_code_expiration: null,
    };
}

const noOrganization = (ctx: EmptyContext): ReplayAnswer => ({
    status: 404,
    body: notFound(ctx.uri, 'no organization found associated with this account'),
});

/**
 * The empty answer of every PassiveTotal operation of the catalogue (what the app may ask through its `pt/` route),
 * keyed by the catalogue's operations: one added there does not compile here until the replay can answer it.
 */
const OPERATION_ANSWERS: Readonly<Record<catalogue.OperationId<'passivetotal'>, (ctx: EmptyContext) => ReplayAnswer>> =
    {
        account: (ctx) =>
            ok({
                username: ctx.username,
                firstName: null,
                lastName: null,
                organization: null,
                firstActive: null,
                lastActive: null,
                searchApiQuotaExceeded: false,
                searchWebQuotaExceeded: false,
            }),
        'account/quota': (ctx) => ok({ user: emptyQuotaBlock(ctx.username), organization: emptyQuotaBlock(null) }),
        'dns/passive': ({ query }) =>
            ok({
                totalRecords: 0,
                firstSeen: null,
                lastSeen: null,
                results: [],
                queryValue: lower(query),
                queryType: queryTypeOf(query),
                pager: null,
            }),
        'dns/passive/unique': ({ query }) =>
            ok({
                queryValue: lower(query),
                queryType: queryTypeOf(query),
                pager: null,
                total: 0,
                results: [],
                frequency: [],
            }),
        // An unknown domain is `{}`; with history=true a page of records.
        whois: ({ params }) => ok(params['history'] === 'true' ? { results: [], totalRecords: 0 } : {}),
        'whois/search': () => ok({ success: true, totalrecords: 0, results: [] }),
        'ssl-certificate': () => ok({ success: true, results: [] }),
        'ssl-certificate/history': () => ok({ success: true, results: [] }),
        'ssl-certificate/search': ({ query }) =>
            ok({ queryValue: query, success: true, overallTotalRecords: 0, results: [] }),
        enrichment: ({ query }) => ok(emptyEnrichment(query)),
        'enrichment/osint': () => ok({ success: true, results: [] }),
        'enrichment/malware': () => ok({ success: true, results: [] }),
        'enrichment/subdomains': ({ query }) =>
            ok({
                success: true,
                queryValue: lower(query),
                primaryDomain: stripWildcard(lower(query)),
                subdomains: [],
            }),
        'actions/classification': () => ok({ classification: '' }),
        'actions/ever-compromised': () => ok({ everCompromised: false }),
        'actions/dynamic-dns': () => ok({ dynamicDns: false }),
        'actions/sinkhole': () => ok({ sinkhole: false }),
        'actions/tags': () => ok({ tags: [] }),
        'host-attributes/components': hostAttributes,
        'host-attributes/trackers': hostAttributes,
        'host-attributes/pairs': hostAttributes,
        'host-attributes/cookies': hostAttributes,
        'trackers/search': () => ok({ success: true, totalRecords: 0, results: [] }),
    };

/**
 * The API's endpoints beyond the catalogue's operations, which the app never asks for: the replay stands in for
 * the whole API, so other clients of it (scripts, the 2016 app's bulk calls) get well-formed answers too.
 */
const OTHER_ENDPOINTS: Readonly<Record<string, EndpointSpec>> = {
    'account/history': { requiresQuery: false, empty: () => ok({ history: [] }) },
    'account/monitors': { requiresQuery: false, empty: () => ok({ monitors: [] }) },
    'account/notifications': { requiresQuery: false, empty: () => ok({ notifications: [] }) },
    'account/sources': { requiresQuery: false, empty: () => ok({ sources: [] }) },
    'account/organization': { requiresQuery: false, empty: noOrganization },
    'account/organization/teamstream': { requiresQuery: false, empty: noOrganization },
    'account/classifications': {
        requiresQuery: false,
        empty: () => ok({ malicious: [], non_malicious: [], suspicious: [], unknown: [] }),
    },
    'dns/search/keyword': {
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: lower(query), results: [] }),
    },
    'whois/search/keyword': {
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: lower(query), totalrecords: 0, results: [] }),
    },
    'ssl-certificate/search/keyword': {
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: query, success: true, results: [] }),
    },
    'enrichment/bulk': {
        requiresQuery: true,
        bulkOf: 'enrichment',
        empty: ({ queries }) => ok({ results: Object.fromEntries(queries.map((q) => [q, emptyEnrichment(q)])) }),
    },
    'enrichment/bulk/osint': {
        requiresQuery: true,
        bulkOf: 'enrichment/osint',
        empty: ({ queries }) =>
            ok({
                success: true,
                results: Object.fromEntries(queries.map((q) => [q, { hasOsint: false, results: [] }])),
            }),
    },
    'enrichment/bulk/malware': {
        requiresQuery: true,
        bulkOf: 'enrichment/malware',
        empty: ({ queries }) =>
            ok({ success: true, results: Object.fromEntries(queries.map((q) => [q, { results: [] }])) }),
    },
    'actions/monitor': { requiresQuery: true, empty: () => ok({ monitor: false }) },
    'actions/tags/search': { requiresQuery: true, empty: () => ok({ results: [] }) },
    'actions/bulk/classification': {
        requiresQuery: true,
        bulkOf: 'actions/classification',
        empty: ({ queries }) =>
            ok({ success: true, results: Object.fromEntries(queries.map((q) => [q, { classification: '' }])) }),
    },
    services: { requiresQuery: true, empty: () => ok({ success: true, totalRecords: 0, results: [] }) },
    'cards/summary': {
        requiresQuery: true,
        empty: ({ query }) => ok(summaryCard(query)),
    },
    reputation: {
        requiresQuery: true,
        empty: () => ok({ score: 0, classification: 'UNKNOWN', rules: [] }),
    },
    articles: {
        requiresQuery: false,
        empty: () => ok({ success: true, totalRecords: 0, articles: [] }),
    },
    'articles/indicator': {
        requiresQuery: true,
        empty: () => ok({ success: true, totalRecords: 0, articles: [] }),
    },
    'articles/indicators': {
        requiresQuery: false,
        empty: () => ok({ success: true, totalRecords: 0, indicators: [] }),
    },
    'intel-profiles': { requiresQuery: false, empty: () => ok({ totalCount: 0, results: [] }) },
    'intel-profiles/indicator': {
        requiresQuery: true,
        empty: () => ok({ totalCount: 0, results: [] }),
    },
    project: { requiresQuery: false, empty: () => ok({ success: true, results: [] }) },
    artifact: {
        requiresQuery: false,
        empty: (ctx) => ({ status: 404, body: notFound(ctx.uri, 'no artifact found') }),
    },
    monitor: {
        requiresQuery: false,
        empty: () => ok({ success: true, totalRecords: 0, error: null, results: {} }),
    },
};

/**
 * The endpoint table: API path (without `/v2/`) → spec; `requiresQuery` of the catalogue's operations is their
 * `query` parameter's. Path-parameter endpoints (`articles/<guid>`, `cookies/domain/<d>/hosts`,
 * `components/<name>/addresses`, `trackers/<value>/hosts`, `intel-profiles/<id>`) are matched by {@link endpointFor}.
 */
export const ENDPOINTS: Readonly<Record<string, EndpointSpec>> = Object.freeze({
    ...Object.fromEntries(
        operationIds('passivetotal').map((op): [string, EndpointSpec] => [
            op,
            {
                requiresQuery: operationSpec('passivetotal', op).params['query']?.required === true,
                empty: OPERATION_ANSWERS[op],
            },
        ])
    ),
    ...OTHER_ENDPOINTS,
});

/** Path-parameter endpoints, matched in order. */
const PATTERNS: readonly (readonly [RegExp, EndpointSpec])[] = [
    [
        /^articles\/[^/]+$/,
        {
            requiresQuery: false,
            empty: (ctx) => ({ status: 404, body: notFound(ctx.uri, 'no article found') }),
        },
    ],
    [
        /^intel-profiles\/[^/]+\/indicators$/,
        { requiresQuery: false, empty: () => ok({ totalCount: 0, types: [], results: [] }) },
    ],
    [
        /^intel-profiles\/[^/]+$/,
        {
            requiresQuery: false,
            empty: (ctx) => ({ status: 404, body: notFound(ctx.uri, 'no profile found') }),
        },
    ],
    [
        /^cookies\/(?:domain|name)\/[^/]+\/(?:hosts|addresses)$/,
        { requiresQuery: false, empty: () => ok({ success: true, totalRecords: 0, results: [] }) },
    ],
    [
        /^components\/[^/]+\/(?:hosts|addresses)$/,
        { requiresQuery: false, empty: () => ok({ success: true, totalRecords: 0, results: [] }) },
    ],
    [
        /^trackers\/[^/]+\/(?:hosts|addresses)$/,
        { requiresQuery: false, empty: () => ok({ totalRecords: 0, results: [] }) },
    ],
];

/**
 * The spec of an API path (without `/v2/`), including path-parameter endpoints; undefined for unknown paths
 * (the replay server answers those with a 404, like the API).
 *
 * @example endpointFor('dns/passive')?.requiresQuery // true
 * @example endpointFor('cookies/domain/evil.example/hosts')?.requiresQuery // false
 * @example endpointFor('no/such/thing') // undefined
 */
export function endpointFor(path: string): EndpointSpec | undefined {
    const direct = ENDPOINTS[path];
    if (direct) return direct;
    return PATTERNS.find(([re]) => re.test(path))?.[1];
}

/** The 400 answer for a missing `query`. */
export const MISSING_QUERY: ReplayAnswer = { status: 400, body: badRequest('query is required') };
