/**
 * Every PassiveTotal v2 GET endpoint the app (or a client of the API reference) may call, and the well-formed
 * empty answer each gives when the replay folder has no file for it (CONTRACTS §5, step 3). Shapes follow
 * `shared/reference/passivetotal-api.md`; the section of each is named in the table.
 */
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
    /** Reference section, for people reading the table. */
    readonly section: string;
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
 * The endpoint table: API path (without `/v2/`) → spec. Path-parameter endpoints (`articles/<guid>`,
 * `cookies/domain/<d>/hosts`, `components/<name>/addresses`, `trackers/<value>/hosts`,
 * `intel-profiles/<id>`) are matched by {@link endpointFor}.
 */
export const ENDPOINTS: Readonly<Record<string, EndpointSpec>> = Object.freeze({
    // §4 account (free; no query)
    account: {
        section: '4.1',
        requiresQuery: false,
        empty: (ctx) =>
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
    },
    'account/quota': {
        section: '4.2',
        requiresQuery: false,
        empty: (ctx) => ok({ user: emptyQuotaBlock(ctx.username), organization: emptyQuotaBlock(null) }),
    },
    'account/history': { section: '4.3', requiresQuery: false, empty: () => ok({ history: [] }) },
    'account/monitors': { section: '4.4', requiresQuery: false, empty: () => ok({ monitors: [] }) },
    'account/notifications': { section: '4.4', requiresQuery: false, empty: () => ok({ notifications: [] }) },
    'account/sources': { section: '4.4', requiresQuery: false, empty: () => ok({ sources: [] }) },
    'account/organization': { section: '4.4', requiresQuery: false, empty: noOrganization },
    'account/organization/teamstream': { section: '4.4', requiresQuery: false, empty: noOrganization },
    'account/classifications': {
        section: '4.4',
        requiresQuery: false,
        empty: () => ok({ malicious: [], non_malicious: [], suspicious: [], unknown: [] }),
    },

    // §5 passive DNS
    'dns/passive': {
        section: '5.1',
        requiresQuery: true,
        empty: ({ query }) =>
            ok({
                totalRecords: 0,
                firstSeen: null,
                lastSeen: null,
                results: [],
                queryValue: lower(query),
                queryType: queryTypeOf(query),
                pager: null,
            }),
    },
    'dns/passive/unique': {
        section: '5.2',
        requiresQuery: true,
        empty: ({ query }) =>
            ok({
                queryValue: lower(query),
                queryType: queryTypeOf(query),
                pager: null,
                total: 0,
                results: [],
                frequency: [],
            }),
    },
    'dns/search/keyword': {
        section: '5.3',
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: lower(query), results: [] }),
    },

    // §6 WHOIS
    whois: {
        section: '6.1',
        requiresQuery: true,
        // An unknown domain is `{}`; with history=true a page of records.
        empty: ({ params }) => ok(params['history'] === 'true' ? { results: [], totalRecords: 0 } : {}),
    },
    'whois/search': {
        section: '6.2',
        requiresQuery: true,
        empty: () => ok({ success: true, totalrecords: 0, results: [] }),
    },
    'whois/search/keyword': {
        section: '6.3',
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: lower(query), totalrecords: 0, results: [] }),
    },

    // §7 SSL certificates
    'ssl-certificate': { section: '7.2', requiresQuery: true, empty: () => ok({ success: true, results: [] }) },
    'ssl-certificate/history': {
        section: '7.3',
        requiresQuery: true,
        empty: () => ok({ success: true, results: [] }),
    },
    'ssl-certificate/search': {
        section: '7.4',
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: query, success: true, overallTotalRecords: 0, results: [] }),
    },
    'ssl-certificate/search/keyword': {
        section: '7.5',
        requiresQuery: true,
        empty: ({ query }) => ok({ queryValue: query, success: true, results: [] }),
    },

    // §8 enrichment
    enrichment: { section: '8.1', requiresQuery: true, empty: ({ query }) => ok(emptyEnrichment(query)) },
    'enrichment/bulk': {
        section: '8.2',
        requiresQuery: true,
        bulkOf: 'enrichment',
        empty: ({ queries }) => ok({ results: Object.fromEntries(queries.map((q) => [q, emptyEnrichment(q)])) }),
    },
    'enrichment/bulk/osint': {
        section: '8.2',
        requiresQuery: true,
        bulkOf: 'enrichment/osint',
        empty: ({ queries }) =>
            ok({
                success: true,
                results: Object.fromEntries(queries.map((q) => [q, { hasOsint: false, results: [] }])),
            }),
    },
    'enrichment/bulk/malware': {
        section: '8.2',
        requiresQuery: true,
        bulkOf: 'enrichment/malware',
        empty: ({ queries }) =>
            ok({ success: true, results: Object.fromEntries(queries.map((q) => [q, { results: [] }])) }),
    },
    'enrichment/osint': { section: '8.3', requiresQuery: true, empty: () => ok({ success: true, results: [] }) },
    'enrichment/malware': { section: '8.4', requiresQuery: true, empty: () => ok({ success: true, results: [] }) },
    'enrichment/subdomains': {
        section: '8.5',
        requiresQuery: true,
        empty: ({ query }) =>
            ok({
                success: true,
                queryValue: lower(query),
                primaryDomain: stripWildcard(lower(query)),
                subdomains: [],
            }),
    },

    // §9 actions (getters)
    'actions/classification': { section: '9', requiresQuery: true, empty: () => ok({ classification: '' }) },
    'actions/ever-compromised': { section: '9', requiresQuery: true, empty: () => ok({ everCompromised: false }) },
    'actions/dynamic-dns': { section: '9', requiresQuery: true, empty: () => ok({ dynamicDns: false }) },
    'actions/sinkhole': { section: '9', requiresQuery: true, empty: () => ok({ sinkhole: false }) },
    'actions/monitor': { section: '9', requiresQuery: true, empty: () => ok({ monitor: false }) },
    'actions/tags': { section: '9', requiresQuery: true, empty: () => ok({ tags: [] }) },
    'actions/tags/search': { section: '9', requiresQuery: true, empty: () => ok({ results: [] }) },
    'actions/bulk/classification': {
        section: '9',
        requiresQuery: true,
        bulkOf: 'actions/classification',
        empty: ({ queries }) =>
            ok({ success: true, results: Object.fromEntries(queries.map((q) => [q, { classification: '' }])) }),
    },

    // §10 host attributes and trackers
    'host-attributes/components': { section: '10.1', requiresQuery: true, empty: hostAttributes },
    'host-attributes/trackers': { section: '10.2', requiresQuery: true, empty: hostAttributes },
    'host-attributes/pairs': { section: '10.3', requiresQuery: true, empty: hostAttributes },
    'host-attributes/cookies': { section: '10.4', requiresQuery: true, empty: hostAttributes },
    'trackers/search': {
        section: '10.5',
        requiresQuery: true,
        empty: () => ok({ success: true, totalRecords: 0, results: [] }),
    },

    // §11 other endpoints
    services: { section: '11', requiresQuery: true, empty: () => ok({ success: true, totalRecords: 0, results: [] }) },
    'cards/summary': {
        section: '11',
        requiresQuery: true,
        empty: ({ query }) => ok(summaryCard(query)),
    },
    reputation: {
        section: '11',
        requiresQuery: true,
        empty: () => ok({ score: 0, classification: 'UNKNOWN', rules: [] }),
    },
    articles: {
        section: '11',
        requiresQuery: false,
        empty: () => ok({ success: true, totalRecords: 0, articles: [] }),
    },
    'articles/indicator': {
        section: '11',
        requiresQuery: true,
        empty: () => ok({ success: true, totalRecords: 0, articles: [] }),
    },
    'articles/indicators': {
        section: '11',
        requiresQuery: false,
        empty: () => ok({ success: true, totalRecords: 0, indicators: [] }),
    },
    'intel-profiles': { section: '11', requiresQuery: false, empty: () => ok({ totalCount: 0, results: [] }) },
    'intel-profiles/indicator': {
        section: '11',
        requiresQuery: true,
        empty: () => ok({ totalCount: 0, results: [] }),
    },
    project: { section: '11', requiresQuery: false, empty: () => ok({ success: true, results: [] }) },
    artifact: {
        section: '11',
        requiresQuery: false,
        empty: (ctx) => ({ status: 404, body: notFound(ctx.uri, 'no artifact found') }),
    },
    monitor: {
        section: '11',
        requiresQuery: false,
        empty: () => ok({ success: true, totalRecords: 0, error: null, results: {} }),
    },
});

/** Path-parameter endpoints, matched in order. */
const PATTERNS: readonly (readonly [RegExp, EndpointSpec])[] = [
    [
        /^articles\/[^/]+$/,
        {
            section: '11',
            requiresQuery: false,
            empty: (ctx) => ({ status: 404, body: notFound(ctx.uri, 'no article found') }),
        },
    ],
    [
        /^intel-profiles\/[^/]+\/indicators$/,
        { section: '11', requiresQuery: false, empty: () => ok({ totalCount: 0, types: [], results: [] }) },
    ],
    [
        /^intel-profiles\/[^/]+$/,
        {
            section: '11',
            requiresQuery: false,
            empty: (ctx) => ({ status: 404, body: notFound(ctx.uri, 'no profile found') }),
        },
    ],
    [
        /^cookies\/(?:domain|name)\/[^/]+\/(?:hosts|addresses)$/,
        { section: '10.6', requiresQuery: false, empty: () => ok({ success: true, totalRecords: 0, results: [] }) },
    ],
    [
        /^components\/[^/]+\/(?:hosts|addresses)$/,
        { section: '10.6', requiresQuery: false, empty: () => ok({ success: true, totalRecords: 0, results: [] }) },
    ],
    [
        /^trackers\/[^/]+\/(?:hosts|addresses)$/,
        { section: '10.5', requiresQuery: false, empty: () => ok({ totalRecords: 0, results: [] }) },
    ],
];

/**
 * The spec of an API path (without `/v2/`), including path-parameter endpoints; undefined for unknown paths
 * (the replay server answers those with a 404, like the API).
 *
 * @example endpointFor('dns/passive')?.section // '5.1'
 * @example endpointFor('cookies/domain/evil.example/hosts')?.section // '10.6'
 * @example endpointFor('no/such/thing') // undefined
 */
export function endpointFor(path: string): EndpointSpec | undefined {
    const direct = ENDPOINTS[path];
    if (direct) return direct;
    return PATTERNS.find(([re]) => re.test(path))?.[1];
}

/** The 400 answer for a missing `query`. */
export const MISSING_QUERY: ReplayAnswer = { status: 400, body: badRequest('query is required') };
