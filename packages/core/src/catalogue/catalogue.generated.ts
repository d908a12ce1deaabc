// Generated from catalogue/catalogue.json by `npm run catalogue`; do not edit.
/**
 * The catalogue, the single source of the app's providers, operations, routes, error codes and settings
 * (catalogue/README.md), with its types. The REST handler reads the same data (bin/passivetotal_app/catalogue.py).
 */

/** A provider id: PassiveTotal and every open provider. */
export type ProviderId =
    | 'passivetotal'
    | 'rdap'
    | 'crtsh'
    | 'certspotter'
    | 'mnemonic'
    | 'otx'
    | 'circl'
    | 'urlhaus'
    | 'threatfox'
    | 'internetdb';
/** The id of a provider behind the `open/<provider>/<operation>` route. */
export type OpenProviderId =
    'rdap' | 'crtsh' | 'certspotter' | 'mnemonic' | 'otx' | 'circl' | 'urlhaus' | 'threatfox' | 'internetdb';
/** A stable error code of the endpoint's error envelope. */
export type ErrorCode =
    | 'not_configured'
    | 'bad_credentials'
    | 'not_licensed'
    | 'quota_exceeded'
    | 'rate_limited'
    | 'user_limit_reached'
    | 'bad_query'
    | 'not_found'
    | 'upstream_unavailable'
    | 'upstream_timeout'
    | 'upstream_malformed'
    | 'upstream_error'
    | 'not_allowed'
    | 'invalid_settings'
    | 'method_not_allowed'
    | 'forbidden'
    | 'cache_unavailable'
    | 'invalid_input'
    | 'history_unavailable'
    | 'watches_unavailable'
    | 'watch_conflict'
    | 'internal';
/** A named value validator of an operation's parameter. */
export type ValidatorName =
    | 'domain'
    | 'ip'
    | 'host'
    | 'host_or_wildcard'
    | 'subdomain_query'
    | 'email'
    | 'sha1'
    | 'sha1_or_ip'
    | 'tracker_value'
    | 'tracker_type'
    | 'phone'
    | 'text'
    | 'date'
    | 'page'
    | 'sources'
    | 'boolean'
    | 'autnum'
    | 'one_of';
/** A route of the app's endpoint. */
export type RouteName =
    | 'pt'
    | 'open'
    | 'batch'
    | 'quota'
    | 'status'
    | 'check'
    | 'cache'
    | 'setup'
    | 'credentials'
    | 'investigations'
    | 'cases'
    | 'watches';
/** A group of the investigation page that several providers fill (`[datasets] order.<group>`). */
export type GroupId = 'whois' | 'certificates' | 'resolutions' | 'reputation' | 'host_attributes';
/** A dataset of PassiveTotal's cache lifetimes (`[cache] ttl_seconds.<dataset>`). */
export type CacheDatasetId = 'dns' | 'whois' | 'ssl' | 'enrichment' | 'actions' | 'host_attributes';
/** The name of a setup form field. */
export type SetupField =
    | 'base_url'
    | 'timeout_seconds'
    | 'https_proxy'
    | 'retries'
    | 'deadline_seconds'
    | 'calls_per_user_per_day'
    | 'cache_enabled'
    | 'ttl_seconds.dns'
    | 'ttl_seconds.whois'
    | 'ttl_seconds.ssl'
    | 'ttl_seconds.enrichment'
    | 'ttl_seconds.actions'
    | 'ttl_seconds.host_attributes'
    | 'search_mode'
    | 'search_match'
    | 'summariesonly'
    | 'max_sighting_candidates'
    | 'history_max_age_days'
    | 'history_max_records'
    | 'provider.rdap.bootstrap_url'
    | 'provider.rdap.enabled'
    | 'provider.rdap.rate_limit_per_minute'
    | 'provider.rdap.calls_per_user_per_day'
    | 'provider.rdap.ttl_seconds'
    | 'provider.rdap.timeout_seconds'
    | 'provider.crtsh.base_url'
    | 'provider.crtsh.enabled'
    | 'provider.crtsh.rate_limit_per_minute'
    | 'provider.crtsh.calls_per_user_per_day'
    | 'provider.crtsh.ttl_seconds'
    | 'provider.crtsh.timeout_seconds'
    | 'provider.certspotter.base_url'
    | 'provider.certspotter.enabled'
    | 'provider.certspotter.rate_limit_per_minute'
    | 'provider.certspotter.calls_per_user_per_day'
    | 'provider.certspotter.ttl_seconds'
    | 'provider.certspotter.timeout_seconds'
    | 'provider.mnemonic.base_url'
    | 'provider.mnemonic.enabled'
    | 'provider.mnemonic.rate_limit_per_minute'
    | 'provider.mnemonic.calls_per_user_per_day'
    | 'provider.mnemonic.ttl_seconds'
    | 'provider.mnemonic.timeout_seconds'
    | 'provider.otx.base_url'
    | 'provider.otx.enabled'
    | 'provider.otx.rate_limit_per_minute'
    | 'provider.otx.calls_per_user_per_day'
    | 'provider.otx.ttl_seconds'
    | 'provider.otx.timeout_seconds'
    | 'provider.circl.base_url'
    | 'provider.circl.enabled'
    | 'provider.circl.rate_limit_per_minute'
    | 'provider.circl.calls_per_user_per_day'
    | 'provider.circl.ttl_seconds'
    | 'provider.circl.timeout_seconds'
    | 'provider.urlhaus.base_url'
    | 'provider.urlhaus.enabled'
    | 'provider.urlhaus.rate_limit_per_minute'
    | 'provider.urlhaus.calls_per_user_per_day'
    | 'provider.urlhaus.ttl_seconds'
    | 'provider.urlhaus.timeout_seconds'
    | 'provider.threatfox.base_url'
    | 'provider.threatfox.enabled'
    | 'provider.threatfox.rate_limit_per_minute'
    | 'provider.threatfox.calls_per_user_per_day'
    | 'provider.threatfox.ttl_seconds'
    | 'provider.threatfox.timeout_seconds'
    | 'provider.internetdb.base_url'
    | 'provider.internetdb.enabled'
    | 'provider.internetdb.rate_limit_per_minute'
    | 'provider.internetdb.calls_per_user_per_day'
    | 'provider.internetdb.ttl_seconds'
    | 'provider.internetdb.timeout_seconds'
    | 'order.whois'
    | 'order.certificates'
    | 'order.resolutions'
    | 'order.reputation'
    | 'order.host_attributes';

/** One parameter of an operation. */
export interface ParamSpec {
    readonly validator: ValidatorName;
    readonly required?: boolean;
    readonly values?: readonly string[];
    readonly anyCase?: boolean;
    readonly dependsOn?: { readonly param: string; readonly validators: Readonly<Record<string, ValidatorName>> };
}

/** One operation of a provider: what the browser may ask and the one upstream request it becomes. */
export interface OperationSpec {
    readonly label: string;
    readonly dataset: string;
    readonly group?: GroupId;
    readonly method: 'GET' | 'POST';
    readonly path: string;
    readonly query?: readonly (readonly [string, string])[];
    readonly form?: readonly (readonly [string, string])[];
    readonly json?: readonly (readonly [string, string])[];
    readonly forwardParams?: boolean;
    readonly accept?: string;
    readonly kinds?: Readonly<Record<string, string>>;
    readonly bootstrap?: Readonly<Record<string, string>>;
    readonly referral?: boolean;
    readonly followRedirects?: boolean;
    readonly notFoundIsEmpty?: boolean;
    readonly cached?: boolean;
    readonly params: Readonly<Record<string, ParamSpec>>;
    readonly maxBytes: number;
    readonly response: 'json' | 'json_object' | 'ndjson';
}

/** One provider: its address, key, limits and operations. */
export interface ProviderSpec {
    readonly label: string;
    readonly route: 'pt' | 'open';
    readonly baseUrl: string;
    readonly urlSetting: 'base_url' | 'bootstrap_url';
    readonly auth: {
        readonly key: 'none' | 'optional' | 'required';
        readonly style?: 'basic' | 'bearer' | 'header';
        readonly header?: string;
        readonly secret?: string;
    };
    readonly rateLimitPerMinute: number;
    readonly ttlSeconds?: number;
    readonly timeoutSeconds: number;
    readonly statuses?: Readonly<Record<string, ErrorCode>>;
    readonly reportsErrorsIn2xx?: boolean;
    readonly quotaOperation?: string;
    readonly resolver?: { readonly kind: string; readonly timeoutSeconds: number; readonly maxBytes: number };
    readonly check: {
        readonly operation: string;
        readonly params: Readonly<Record<string, string>>;
        readonly text?: string;
    };
    readonly note: string;
    readonly operations: Readonly<Record<string, OperationSpec>>;
}

/** One error code: its HTTP statuses, when it is answered, and the fields its message may carry. */
export interface ErrorSpec {
    readonly statuses: readonly number[];
    readonly when: string;
    readonly extra?: readonly string[];
    readonly reasons?: Readonly<Record<string, string>>;
}

/** The HTTP client's limits, and the error code of each upstream status. */
export interface HttpSpec {
    readonly connectTimeoutSeconds: number;
    readonly retryStatuses: readonly number[];
    readonly timeoutRetries: number;
    readonly backoffFirstSeconds: number;
    readonly backoffMaxSeconds: number;
    readonly maxRetryAfterSeconds: number;
    readonly maxRedirects: number;
    readonly statuses: Readonly<Record<string, ErrorCode>>;
}

/** One route of the endpoint. */
export interface RouteSpec {
    readonly path: string;
    readonly methods: readonly ('GET' | 'POST' | 'DELETE')[];
    readonly capability: 'passivetotal_query' | 'passivetotal_admin' | null;
    readonly doing: string;
    readonly methodHint?: string;
}

/** One key of passivetotal.conf, placeholders filled in. */
export interface SettingSpec {
    readonly stanza: string;
    readonly key: string;
    readonly type: 'url' | 'proxy' | 'number' | 'integer' | 'boolean' | 'choice' | 'order';
    readonly default: string | number | boolean | readonly string[];
    readonly min?: number;
    readonly max?: number;
    readonly values?: readonly string[];
    readonly setup?: SetupField;
    readonly json?: string;
    readonly provider?: ProviderId;
    readonly dataset?: CacheDatasetId;
    readonly group?: GroupId;
}

/** Limits of the endpoint's requests. */
export const LIMITS = {
    maxPathChars: 200,
    maxValueChars: 512,
    maxParams: 10,
    ignoredParams: ['output_mode'],
    batchMaxCalls: 40,
    batchThreads: 24,
    batchMaxBytes: 301989888,
} as const;

/** The HTTP client's timeouts, retries and redirects, and the error code of each upstream status. */
export const HTTP = {
    connectTimeoutSeconds: 10,
    retryStatuses: [502, 503, 504],
    timeoutRetries: 1,
    backoffFirstSeconds: 0.5,
    backoffMaxSeconds: 4,
    maxRetryAfterSeconds: 5,
    maxRedirects: 3,
    statuses: {
        '400': 'bad_query',
        '401': 'bad_credentials',
        '402': 'quota_exceeded',
        '403': 'bad_credentials',
        '404': 'not_found',
        '429': 'rate_limited',
        '502': 'upstream_unavailable',
        '503': 'upstream_unavailable',
        '504': 'upstream_timeout',
    },
} as const satisfies HttpSpec;

/** Every error code. */
export const ERRORS = {
    not_configured: {
        statuses: [503],
        when: 'PassiveTotal has no credential in storage/passwords; a provider lacks a required key, is turned off or has an unusable address; its stored key was entered for another host; https_proxy is unsafe',
        extra: ['provider', 'reason'],
        reasons: {
            key_missing: 'no key (or PassiveTotal credential) is stored for the provider',
            disabled: 'the provider is turned off in [provider:<id>] enabled',
            invalid_settings: "the provider's address (or https_proxy) cannot be used",
            key_host:
                "the stored key (or PassiveTotal credential) was entered for another host than the provider's address names now; an administrator enters it again",
        },
    },
    bad_credentials: {
        statuses: [401],
        when: "the upstream refused the stored key or credentials (PassiveTotal 401; an open provider's 401 or 403), or refused a request without a key",
    },
    not_licensed: {
        statuses: [402, 403],
        when: 'PassiveTotal 402, or a 403 that is not about quota',
    },
    quota_exceeded: {
        statuses: [429],
        when: "PassiveTotal 429; a 403 or error report that speaks of a quota; an open provider's 402 (mnemonic's resource limit)",
        extra: ['provider', 'resetAt'],
    },
    rate_limited: {
        statuses: [429],
        when: "an open provider's 429, or the app's own limit of that provider ([provider:<id>] rate_limit_per_minute)",
        extra: ['provider', 'resetAt'],
    },
    user_limit_reached: {
        statuses: [429],
        when: 'the Splunk user has made as many upstream lookups of the provider today (UTC) as [api] or [provider:<id>] calls_per_user_per_day allows; answers from the cache are still served',
        extra: ['provider', 'resetAt'],
    },
    bad_query: {
        statuses: [400],
        when: 'the upstream answered 400',
    },
    not_found: {
        statuses: [404],
        when: 'the upstream answered 404 (kept in the cache like an answer), no RDAP service is known for the value, or the endpoint has no such route',
    },
    upstream_unavailable: {
        statuses: [502],
        when: '502 or 503 after the retries, connection refused, DNS failure, connection reset, TLS failure',
    },
    upstream_timeout: {
        statuses: [504],
        when: 'no answer within timeout_seconds (a timeout is retried once), the answer not finished within the time budget, or 504 after the retries',
    },
    upstream_malformed: {
        statuses: [502],
        when: "a 2xx answer that is not the JSON (or NDJSON) the operation expects, one larger than the operation's maxBytes, or an error report without an error status",
    },
    upstream_error: {
        statuses: [502],
        when: '500 or another 5xx, a redirect the app does not follow, another 4xx (405, 409, ...)',
    },
    not_allowed: {
        statuses: [400],
        when: 'the request breaks the allow-list (path, parameters, values)',
    },
    invalid_settings: {
        statuses: [400],
        when: 'a setup form field or credential that is not valid, each named in fields',
        extra: ['fields'],
    },
    method_not_allowed: {
        statuses: [405],
        when: 'a method the route does not accept',
    },
    forbidden: {
        statuses: [403],
        when: 'the Splunk user lacks the capability the route needs, or came without a session',
    },
    cache_unavailable: {
        statuses: [503],
        when: 'the KV store is unavailable during DELETE cache',
    },
    invalid_input: {
        statuses: [400],
        when: 'POST investigations with a field that is not valid',
    },
    history_unavailable: {
        statuses: [503],
        when: 'the KV store is unavailable for GET or POST investigations or cases',
    },
    watches_unavailable: {
        statuses: [503],
        when: 'the KV store is unavailable for the watches routes',
    },
    watch_conflict: {
        statuses: [409],
        when: 'POST watches/<id> with a state read at a version that another check has replaced since',
    },
    internal: {
        statuses: [500],
        when: 'a bug of the app, or splunkd not answering for settings, credentials or capabilities; the text names an incident id found in the log',
    },
} as const satisfies Readonly<Record<ErrorCode, ErrorSpec>>;

/** Every validator, with the words that say what a value must be. */
export const VALIDATORS = {
    domain: {
        words: 'a domain name',
    },
    ip: {
        words: 'an IP address',
    },
    host: {
        words: 'a domain name or an IP address',
    },
    host_or_wildcard: {
        words: 'a domain name, an IP address or *.domain',
    },
    subdomain_query: {
        words: '*.domain, .domain or a domain name',
    },
    email: {
        words: 'an email address',
    },
    sha1: {
        words: 'a SHA-1 (40 hexadecimal digits)',
    },
    sha1_or_ip: {
        words: 'a SHA-1 or an IP address',
    },
    tracker_value: {
        words: 'a tracker id such as UA-12345-1',
    },
    tracker_type: {
        words: 'a tracker type such as GoogleAnalyticsTrackingId',
    },
    phone: {
        words: 'a phone number',
    },
    text: {
        words: 'search text of 1 to 256 characters',
    },
    date: {
        words: 'YYYY-MM-DD or YYYY-MM-DD HH:MM:SS',
    },
    page: {
        words: 'a page number from 0 to 10000',
    },
    sources: {
        words: 'a comma-separated list of source names',
    },
    boolean: {
        words: 'true or false',
    },
    autnum: {
        words: 'an AS number',
    },
    one_of: {
        words: null,
    },
} as const satisfies Readonly<Record<ValidatorName, { readonly words: string | null }>>;

/** The routes of the app's endpoint. */
export const ROUTES = {
    pt: {
        path: 'pt/<PassiveTotal path>',
        methods: ['GET'],
        capability: 'passivetotal_query',
        doing: 'query PassiveTotal',
        methodHint: 'Writes to PassiveTotal are not supported.',
    },
    open: {
        path: 'open/<provider>/<operation>',
        methods: ['GET'],
        capability: 'passivetotal_query',
        doing: 'query the open intelligence providers',
        methodHint: 'The open providers are read-only.',
    },
    batch: {
        path: 'batch',
        methods: ['GET'],
        capability: 'passivetotal_query',
        doing: 'query PassiveTotal',
    },
    quota: {
        path: 'quota',
        methods: ['GET'],
        capability: 'passivetotal_query',
        doing: 'query PassiveTotal',
    },
    status: {
        path: 'status',
        methods: ['GET'],
        capability: null,
        doing: "read the app's status",
    },
    check: {
        path: 'check',
        methods: ['GET'],
        capability: 'passivetotal_query',
        doing: 'query PassiveTotal',
    },
    cache: {
        path: 'cache',
        methods: ['DELETE'],
        capability: 'passivetotal_admin',
        doing: 'purge the PassiveTotal cache',
    },
    setup: {
        path: 'setup',
        methods: ['GET', 'POST'],
        capability: 'passivetotal_admin',
        doing: 'configure the PassiveTotal app',
    },
    credentials: {
        path: 'credentials',
        methods: ['POST', 'DELETE'],
        capability: 'passivetotal_admin',
        doing: 'change the PassiveTotal credentials',
    },
    investigations: {
        path: 'investigations',
        methods: ['GET', 'POST'],
        capability: 'passivetotal_query',
        doing: 'query PassiveTotal',
    },
    cases: {
        path: 'cases/<case id>',
        methods: ['GET', 'POST'],
        capability: 'passivetotal_query',
        doing: "read or save the team's cases",
        methodHint: 'A case is closed, not deleted: POST cases/<id> with state closed.',
    },
    watches: {
        path: 'watches/<watch id>',
        methods: ['GET', 'POST', 'DELETE'],
        capability: 'passivetotal_query',
        doing: 'watch indicators',
    },
} as const satisfies Readonly<Record<RouteName, RouteSpec>>;

/** The groups several providers fill, with their default order. */
export const GROUPS = {
    whois: {
        label: 'WHOIS',
        order: ['passivetotal', 'rdap'],
    },
    certificates: {
        label: 'certificates',
        order: ['passivetotal', 'crtsh', 'certspotter'],
    },
    resolutions: {
        label: 'resolutions',
        order: ['passivetotal', 'mnemonic', 'otx', 'circl'],
    },
    reputation: {
        label: 'reputation',
        order: ['passivetotal', 'otx', 'urlhaus', 'threatfox'],
    },
    host_attributes: {
        label: 'host attributes',
        order: ['passivetotal', 'internetdb'],
    },
} as const satisfies Readonly<Record<GroupId, { readonly label: string; readonly order: readonly ProviderId[] }>>;

/** PassiveTotal's cache datasets and their default lifetimes. */
export const CACHE_DATASETS = {
    dns: {
        label: 'passive DNS',
        ttlSeconds: 86400,
    },
    whois: {
        label: 'WHOIS',
        ttlSeconds: 604800,
    },
    ssl: {
        label: 'certificates',
        ttlSeconds: 604800,
    },
    enrichment: {
        label: 'enrichment',
        ttlSeconds: 86400,
    },
    actions: {
        label: 'tags and classifications',
        ttlSeconds: 21600,
    },
    host_attributes: {
        label: 'host attributes and tracker search',
        ttlSeconds: 86400,
    },
} as const satisfies Readonly<Record<CacheDatasetId, { readonly label: string; readonly ttlSeconds: number }>>;

/** Every provider, PassiveTotal first. */
export const PROVIDERS = {
    passivetotal: {
        label: 'PassiveTotal',
        route: 'pt',
        baseUrl: 'https://api.passivetotal.org/v2',
        urlSetting: 'base_url',
        auth: {
            key: 'required',
            style: 'basic',
            secret: 'API key',
        },
        rateLimitPerMinute: 0,
        timeoutSeconds: 20,
        statuses: {
            '402': 'not_licensed',
            '403': 'not_licensed',
            '429': 'quota_exceeded',
        },
        reportsErrorsIn2xx: true,
        quotaOperation: 'account/quota',
        check: {
            operation: 'account',
            params: {},
            text: 'PassiveTotal accepted the credentials.',
        },
        note: '',
        operations: {
            'dns/passive': {
                label: 'passive DNS',
                dataset: 'dns',
                group: 'resolutions',
                method: 'GET',
                path: '/dns/passive',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host_or_wildcard',
                        required: true,
                    },
                    start: {
                        validator: 'date',
                    },
                    end: {
                        validator: 'date',
                    },
                    sources: {
                        validator: 'sources',
                    },
                },
                maxBytes: 33554432,
                response: 'json',
            },
            'dns/passive/unique': {
                label: 'unique passive DNS',
                dataset: 'dns',
                group: 'resolutions',
                method: 'GET',
                path: '/dns/passive/unique',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host_or_wildcard',
                        required: true,
                    },
                    start: {
                        validator: 'date',
                    },
                    end: {
                        validator: 'date',
                    },
                    sources: {
                        validator: 'sources',
                    },
                },
                maxBytes: 16777216,
                response: 'json',
            },
            whois: {
                label: 'WHOIS',
                dataset: 'whois',
                group: 'whois',
                method: 'GET',
                path: '/whois',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                    history: {
                        validator: 'boolean',
                    },
                    compact_record: {
                        validator: 'boolean',
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'whois/search': {
                label: 'WHOIS search',
                dataset: 'whois',
                group: 'whois',
                method: 'GET',
                path: '/whois/search',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'text',
                        required: true,
                        dependsOn: {
                            param: 'field',
                            validators: {
                                email: 'email',
                                domain: 'domain',
                                nameserver: 'domain',
                                phone: 'phone',
                                name: 'text',
                                organization: 'text',
                                address: 'text',
                            },
                        },
                    },
                    field: {
                        validator: 'one_of',
                        required: true,
                        values: ['email', 'domain', 'name', 'organization', 'address', 'phone', 'nameserver'],
                        anyCase: true,
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'ssl-certificate': {
                label: 'SSL certificate',
                dataset: 'ssl',
                group: 'certificates',
                method: 'GET',
                path: '/ssl-certificate',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'sha1',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
            'ssl-certificate/history': {
                label: 'SSL certificate history',
                dataset: 'ssl',
                group: 'certificates',
                method: 'GET',
                path: '/ssl-certificate/history',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'sha1_or_ip',
                        required: true,
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'ssl-certificate/search': {
                label: 'SSL certificate search',
                dataset: 'ssl',
                group: 'certificates',
                method: 'GET',
                path: '/ssl-certificate/search',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'text',
                        required: true,
                        dependsOn: {
                            param: 'field',
                            validators: {
                                sha1: 'sha1',
                                subjectEmailAddress: 'email',
                                issuerEmailAddress: 'email',
                            },
                        },
                    },
                    field: {
                        validator: 'one_of',
                        required: true,
                        values: [
                            'name',
                            'sha1',
                            'fingerprint',
                            'serialNumber',
                            'sslVersion',
                            'subjectAlternativeName',
                            'issuerAlternativeName',
                            'subjectCommonName',
                            'subjectOrganizationName',
                            'subjectOrganizationUnitName',
                            'subjectCountry',
                            'subjectStateOrProvinceName',
                            'subjectProvince',
                            'subjectLocalityName',
                            'subjectStreetAddress',
                            'subjectEmailAddress',
                            'subjectGivenName',
                            'subjectSurname',
                            'subjectSerialNumber',
                            'issuerCommonName',
                            'issuerOrganizationName',
                            'issuerOrganizationUnitName',
                            'issuerCountry',
                            'issuerStateOrProvinceName',
                            'issuerProvince',
                            'issuerLocalityName',
                            'issuerStreetAddress',
                            'issuerEmailAddress',
                            'issuerGivenName',
                            'issuerSurname',
                            'issuerSerialNumber',
                        ],
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            enrichment: {
                label: 'enrichment',
                dataset: 'enrichment',
                group: 'reputation',
                method: 'GET',
                path: '/enrichment',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
            'enrichment/osint': {
                label: 'OSINT',
                dataset: 'enrichment',
                group: 'reputation',
                method: 'GET',
                path: '/enrichment/osint',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
            'enrichment/malware': {
                label: 'malware',
                dataset: 'enrichment',
                group: 'reputation',
                method: 'GET',
                path: '/enrichment/malware',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
            'enrichment/subdomains': {
                label: 'subdomains',
                dataset: 'enrichment',
                group: 'reputation',
                method: 'GET',
                path: '/enrichment/subdomains',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'subdomain_query',
                        required: true,
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'actions/tags': {
                label: 'tags',
                dataset: 'actions',
                group: 'reputation',
                method: 'GET',
                path: '/actions/tags',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 1048576,
                response: 'json',
            },
            'actions/classification': {
                label: 'classification',
                dataset: 'actions',
                group: 'reputation',
                method: 'GET',
                path: '/actions/classification',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 1048576,
                response: 'json',
            },
            'actions/ever-compromised': {
                label: 'ever-compromised status',
                dataset: 'actions',
                group: 'reputation',
                method: 'GET',
                path: '/actions/ever-compromised',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 1048576,
                response: 'json',
            },
            'actions/sinkhole': {
                label: 'sinkhole status',
                dataset: 'actions',
                group: 'reputation',
                method: 'GET',
                path: '/actions/sinkhole',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 1048576,
                response: 'json',
            },
            'actions/dynamic-dns': {
                label: 'dynamic DNS status',
                dataset: 'actions',
                group: 'reputation',
                method: 'GET',
                path: '/actions/dynamic-dns',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 1048576,
                response: 'json',
            },
            'host-attributes/components': {
                label: 'components',
                dataset: 'host_attributes',
                group: 'host_attributes',
                method: 'GET',
                path: '/host-attributes/components',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                    start: {
                        validator: 'date',
                    },
                    end: {
                        validator: 'date',
                    },
                    page: {
                        validator: 'page',
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'host-attributes/trackers': {
                label: 'trackers',
                dataset: 'host_attributes',
                group: 'host_attributes',
                method: 'GET',
                path: '/host-attributes/trackers',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                    start: {
                        validator: 'date',
                    },
                    end: {
                        validator: 'date',
                    },
                    page: {
                        validator: 'page',
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'host-attributes/pairs': {
                label: 'host pairs',
                dataset: 'host_attributes',
                group: 'host_attributes',
                method: 'GET',
                path: '/host-attributes/pairs',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                    direction: {
                        validator: 'one_of',
                        required: true,
                        values: ['parents', 'children'],
                    },
                    start: {
                        validator: 'date',
                    },
                    end: {
                        validator: 'date',
                    },
                    page: {
                        validator: 'page',
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'host-attributes/cookies': {
                label: 'cookies',
                dataset: 'host_attributes',
                group: 'host_attributes',
                method: 'GET',
                path: '/host-attributes/cookies',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'host',
                        required: true,
                    },
                    start: {
                        validator: 'date',
                    },
                    end: {
                        validator: 'date',
                    },
                    page: {
                        validator: 'page',
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            'trackers/search': {
                label: 'tracker search',
                dataset: 'host_attributes',
                group: 'host_attributes',
                method: 'GET',
                path: '/trackers/search',
                forwardParams: true,
                params: {
                    query: {
                        validator: 'tracker_value',
                        required: true,
                    },
                    type: {
                        validator: 'tracker_type',
                        required: true,
                    },
                    searchType: {
                        validator: 'one_of',
                        values: ['hosts', 'addresses'],
                    },
                    page: {
                        validator: 'page',
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
            account: {
                label: 'account',
                dataset: 'account',
                method: 'GET',
                path: '/account',
                forwardParams: true,
                params: {},
                cached: false,
                maxBytes: 1048576,
                response: 'json',
            },
            'account/quota': {
                label: 'quota',
                dataset: 'account',
                method: 'GET',
                path: '/account/quota',
                forwardParams: true,
                params: {},
                cached: false,
                maxBytes: 1048576,
                response: 'json',
            },
        },
    },
    rdap: {
        label: 'RDAP',
        route: 'open',
        baseUrl: 'https://data.iana.org/rdap/',
        urlSetting: 'bootstrap_url',
        auth: {
            key: 'none',
        },
        rateLimitPerMinute: 30,
        ttlSeconds: 21600,
        timeoutSeconds: 15,
        resolver: {
            kind: 'rdap_bootstrap',
            timeoutSeconds: 5,
            maxBytes: 4194304,
        },
        check: {
            operation: 'domain',
            params: {
                q: 'example.com',
            },
        },
        note: '',
        operations: {
            domain: {
                label: 'domain registration',
                dataset: 'whois',
                method: 'GET',
                path: '/domain/{q}',
                accept: 'application/rdap+json, application/json',
                params: {
                    q: {
                        validator: 'domain',
                        required: true,
                    },
                },
                bootstrap: {
                    domain: 'dns',
                },
                referral: true,
                followRedirects: true,
                maxBytes: 2097152,
                response: 'json_object',
            },
            ip: {
                label: 'IP network registration',
                dataset: 'whois',
                method: 'GET',
                path: '/ip/{q}',
                accept: 'application/rdap+json, application/json',
                params: {
                    q: {
                        validator: 'ip',
                        required: true,
                    },
                },
                bootstrap: {
                    ipv4: 'ipv4',
                    ipv6: 'ipv6',
                },
                followRedirects: true,
                maxBytes: 2097152,
                response: 'json_object',
            },
            autnum: {
                label: 'AS number registration',
                dataset: 'whois',
                method: 'GET',
                path: '/autnum/{q}',
                accept: 'application/rdap+json, application/json',
                params: {
                    q: {
                        validator: 'autnum',
                        required: true,
                    },
                },
                bootstrap: {
                    autnum: 'asn',
                },
                followRedirects: true,
                maxBytes: 2097152,
                response: 'json_object',
            },
        },
    },
    crtsh: {
        label: 'crt.sh',
        route: 'open',
        baseUrl: 'https://crt.sh',
        urlSetting: 'base_url',
        auth: {
            key: 'none',
        },
        rateLimitPerMinute: 5,
        ttlSeconds: 21600,
        timeoutSeconds: 28,
        check: {
            operation: 'certificates',
            params: {
                q: 'example.com',
            },
        },
        note: 'Best effort: crt.sh is slow for large domains and limits heavy use.',
        operations: {
            certificates: {
                label: 'certificates',
                dataset: 'certificates',
                method: 'GET',
                path: '/',
                query: [
                    ['q', '{q}'],
                    ['output', 'json'],
                    ['exclude', 'expired'],
                    ['deduplicate', 'Y'],
                ],
                params: {
                    q: {
                        validator: 'domain',
                        required: true,
                    },
                },
                maxBytes: 33554432,
                response: 'json',
            },
            subdomains: {
                label: 'certificates of subdomains',
                dataset: 'certificates',
                method: 'GET',
                path: '/',
                query: [
                    ['q', '%.{q}'],
                    ['output', 'json'],
                    ['exclude', 'expired'],
                    ['deduplicate', 'Y'],
                ],
                params: {
                    q: {
                        validator: 'domain',
                        required: true,
                    },
                },
                maxBytes: 33554432,
                response: 'json',
            },
        },
    },
    certspotter: {
        label: 'Cert Spotter',
        route: 'open',
        baseUrl: 'https://api.certspotter.com',
        urlSetting: 'base_url',
        auth: {
            key: 'optional',
            style: 'bearer',
            secret: 'API key',
        },
        rateLimitPerMinute: 5,
        ttlSeconds: 3600,
        timeoutSeconds: 15,
        check: {
            operation: 'issuances',
            params: {
                q: 'example.com',
            },
        },
        note: 'Without a key about 100 queries an hour; lists unexpired certificates.',
        operations: {
            issuances: {
                label: 'certificate issuances',
                dataset: 'certificates',
                method: 'GET',
                path: '/v1/issuances',
                query: [
                    ['domain', '{q}'],
                    ['include_subdomains', 'true'],
                    ['expand', 'dns_names'],
                    ['expand', 'issuer'],
                ],
                params: {
                    q: {
                        validator: 'domain',
                        required: true,
                    },
                },
                maxBytes: 16777216,
                response: 'json',
            },
        },
    },
    mnemonic: {
        label: 'mnemonic PassiveDNS',
        route: 'open',
        baseUrl: 'https://api.mnemonic.no',
        urlSetting: 'base_url',
        auth: {
            key: 'optional',
            style: 'header',
            header: 'Argus-API-Key',
            secret: 'API key',
        },
        rateLimitPerMinute: 10,
        ttlSeconds: 3600,
        timeoutSeconds: 15,
        check: {
            operation: 'resolutions',
            params: {
                q: 'example.com',
            },
        },
        note: 'Public data without a key, with a resource limit; a key raises it.',
        operations: {
            resolutions: {
                label: 'passive DNS',
                dataset: 'resolutions',
                method: 'GET',
                path: '/pdns/v3/{q}',
                query: [['limit', '1000']],
                params: {
                    q: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 8388608,
                response: 'json',
            },
        },
    },
    otx: {
        label: 'AlienVault OTX',
        route: 'open',
        baseUrl: 'https://otx.alienvault.com',
        urlSetting: 'base_url',
        auth: {
            key: 'required',
            style: 'header',
            header: 'X-OTX-API-KEY',
            secret: 'API key',
        },
        rateLimitPerMinute: 30,
        ttlSeconds: 3600,
        timeoutSeconds: 15,
        check: {
            operation: 'general',
            params: {
                q: 'example.com',
            },
        },
        note: 'Needs a free OTX account key.',
        operations: {
            passive_dns: {
                label: 'passive DNS',
                dataset: 'resolutions',
                method: 'GET',
                path: '/api/v1/indicators/{kind}/{q}/passive_dns',
                kinds: {
                    ipv4: 'IPv4',
                    ipv6: 'IPv6',
                    domain: 'domain',
                },
                params: {
                    q: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 16777216,
                response: 'json',
            },
            general: {
                label: 'pulses and tags',
                dataset: 'reputation',
                method: 'GET',
                path: '/api/v1/indicators/{kind}/{q}/general',
                kinds: {
                    ipv4: 'IPv4',
                    ipv6: 'IPv6',
                    domain: 'domain',
                },
                params: {
                    q: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
        },
    },
    circl: {
        label: 'CIRCL Passive DNS',
        route: 'open',
        baseUrl: 'https://www.circl.lu',
        urlSetting: 'base_url',
        auth: {
            key: 'required',
            style: 'basic',
            secret: 'password',
        },
        rateLimitPerMinute: 30,
        ttlSeconds: 3600,
        timeoutSeconds: 15,
        check: {
            operation: 'resolutions',
            params: {
                q: 'example.com',
            },
        },
        note: 'Access is granted by CIRCL on request (username and password).',
        operations: {
            resolutions: {
                label: 'passive DNS',
                dataset: 'resolutions',
                method: 'GET',
                path: '/pdns/query/{q}',
                accept: 'application/x-ndjson, application/json',
                params: {
                    q: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 16777216,
                response: 'ndjson',
            },
        },
    },
    urlhaus: {
        label: 'URLhaus',
        route: 'open',
        baseUrl: 'https://urlhaus-api.abuse.ch',
        urlSetting: 'base_url',
        auth: {
            key: 'required',
            style: 'header',
            header: 'Auth-Key',
            secret: 'API key',
        },
        rateLimitPerMinute: 30,
        ttlSeconds: 3600,
        timeoutSeconds: 15,
        check: {
            operation: 'host',
            params: {
                q: 'example.com',
            },
        },
        note: 'Needs a free abuse.ch Auth-Key.',
        operations: {
            host: {
                label: 'malware URLs',
                dataset: 'reputation',
                method: 'POST',
                path: '/v1/host/',
                form: [['host', '{q}']],
                params: {
                    q: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
        },
    },
    threatfox: {
        label: 'ThreatFox',
        route: 'open',
        baseUrl: 'https://threatfox-api.abuse.ch',
        urlSetting: 'base_url',
        auth: {
            key: 'required',
            style: 'header',
            header: 'Auth-Key',
            secret: 'API key',
        },
        rateLimitPerMinute: 30,
        ttlSeconds: 3600,
        timeoutSeconds: 15,
        check: {
            operation: 'search',
            params: {
                q: 'example.com',
            },
        },
        note: 'Needs a free abuse.ch Auth-Key.',
        operations: {
            search: {
                label: 'IOCs',
                dataset: 'reputation',
                method: 'POST',
                path: '/api/v1/',
                json: [
                    ['query', 'search_ioc'],
                    ['search_term', '{q}'],
                ],
                params: {
                    q: {
                        validator: 'host',
                        required: true,
                    },
                },
                maxBytes: 4194304,
                response: 'json',
            },
        },
    },
    internetdb: {
        label: 'Shodan InternetDB',
        route: 'open',
        baseUrl: 'https://internetdb.shodan.io',
        urlSetting: 'base_url',
        auth: {
            key: 'none',
        },
        rateLimitPerMinute: 30,
        ttlSeconds: 86400,
        timeoutSeconds: 10,
        check: {
            operation: 'host',
            params: {
                q: '8.8.8.8',
            },
        },
        note: 'Free for non-commercial use only; data refreshed about weekly.',
        operations: {
            host: {
                label: 'host attributes',
                dataset: 'host_attributes',
                method: 'GET',
                path: '/{q}',
                params: {
                    q: {
                        validator: 'ip',
                        required: true,
                    },
                },
                notFoundIsEmpty: true,
                maxBytes: 1048576,
                response: 'json',
            },
        },
    },
} as const satisfies Readonly<Record<ProviderId, ProviderSpec>>;

/** Every provider id, in catalogue order. */
export const PROVIDER_IDS = [
    'passivetotal',
    'rdap',
    'crtsh',
    'certspotter',
    'mnemonic',
    'otx',
    'circl',
    'urlhaus',
    'threatfox',
    'internetdb',
] as const satisfies readonly ProviderId[];

/** The open providers' ids, in catalogue order. */
export const OPEN_PROVIDER_IDS = [
    'rdap',
    'crtsh',
    'certspotter',
    'mnemonic',
    'otx',
    'circl',
    'urlhaus',
    'threatfox',
    'internetdb',
] as const satisfies readonly OpenProviderId[];

/** Every error code, in catalogue order. */
export const ERROR_CODES = [
    'not_configured',
    'bad_credentials',
    'not_licensed',
    'quota_exceeded',
    'rate_limited',
    'user_limit_reached',
    'bad_query',
    'not_found',
    'upstream_unavailable',
    'upstream_timeout',
    'upstream_malformed',
    'upstream_error',
    'not_allowed',
    'invalid_settings',
    'method_not_allowed',
    'forbidden',
    'cache_unavailable',
    'invalid_input',
    'history_unavailable',
    'watches_unavailable',
    'watch_conflict',
    'internal',
] as const satisfies readonly ErrorCode[];

/** The operations of a provider. */
export type OperationId<P extends ProviderId> = Extract<keyof (typeof PROVIDERS)[P]['operations'], string>;

/** The parameters of a provider's operation. */
export type OperationParam<
    P extends ProviderId,
    O extends OperationId<P>,
> = (typeof PROVIDERS)[P]['operations'][O] extends { readonly params: infer Params }
    ? Extract<keyof Params, string>
    : never;

/** Every key of passivetotal.conf, placeholders filled in, defaults resolved. */
export const SETTINGS = [
    {
        stanza: 'api',
        key: 'base_url',
        type: 'url',
        default: 'https://api.passivetotal.org/v2',
        setup: 'base_url',
        json: 'baseUrl',
        provider: 'passivetotal',
    },
    {
        stanza: 'api',
        key: 'timeout_seconds',
        type: 'number',
        default: 20,
        min: 1,
        max: 300,
        setup: 'timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'passivetotal',
    },
    {
        stanza: 'api',
        key: 'https_proxy',
        type: 'proxy',
        default: '',
        setup: 'https_proxy',
        json: 'httpsProxy',
        provider: 'passivetotal',
    },
    {
        stanza: 'api',
        key: 'retries',
        type: 'integer',
        default: 2,
        min: 0,
        max: 5,
        setup: 'retries',
        json: 'retries',
        provider: 'passivetotal',
    },
    {
        stanza: 'api',
        key: 'deadline_seconds',
        type: 'number',
        default: 25,
        min: 1,
        max: 600,
        setup: 'deadline_seconds',
        json: 'deadlineSeconds',
        provider: 'passivetotal',
    },
    {
        stanza: 'api',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 500,
        min: 0,
        max: 1000000,
        setup: 'calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'passivetotal',
    },
    {
        stanza: 'cache',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'cache_enabled',
        json: 'cacheEnabled',
    },
    {
        stanza: 'cache',
        key: 'ttl_seconds.dns',
        type: 'integer',
        default: 86400,
        min: 0,
        max: 31536000,
        setup: 'ttl_seconds.dns',
        dataset: 'dns',
    },
    {
        stanza: 'cache',
        key: 'ttl_seconds.whois',
        type: 'integer',
        default: 604800,
        min: 0,
        max: 31536000,
        setup: 'ttl_seconds.whois',
        dataset: 'whois',
    },
    {
        stanza: 'cache',
        key: 'ttl_seconds.ssl',
        type: 'integer',
        default: 604800,
        min: 0,
        max: 31536000,
        setup: 'ttl_seconds.ssl',
        dataset: 'ssl',
    },
    {
        stanza: 'cache',
        key: 'ttl_seconds.enrichment',
        type: 'integer',
        default: 86400,
        min: 0,
        max: 31536000,
        setup: 'ttl_seconds.enrichment',
        dataset: 'enrichment',
    },
    {
        stanza: 'cache',
        key: 'ttl_seconds.actions',
        type: 'integer',
        default: 21600,
        min: 0,
        max: 31536000,
        setup: 'ttl_seconds.actions',
        dataset: 'actions',
    },
    {
        stanza: 'cache',
        key: 'ttl_seconds.host_attributes',
        type: 'integer',
        default: 86400,
        min: 0,
        max: 31536000,
        setup: 'ttl_seconds.host_attributes',
        dataset: 'host_attributes',
    },
    {
        stanza: 'cache',
        key: 'max_entries',
        type: 'integer',
        default: 50000,
        min: 100,
        max: 10000000,
    },
    {
        stanza: 'cache',
        key: 'max_entry_kb',
        type: 'integer',
        default: 4096,
        min: 1,
        max: 16000,
    },
    {
        stanza: 'search',
        key: 'mode',
        type: 'choice',
        default: 'raw',
        values: ['raw', 'cim'],
        setup: 'search_mode',
        json: 'searchMode',
    },
    {
        stanza: 'search',
        key: 'match',
        type: 'choice',
        default: 'thorough',
        values: ['thorough', 'fast'],
        setup: 'search_match',
        json: 'searchMatch',
    },
    {
        stanza: 'search',
        key: 'summariesonly',
        type: 'boolean',
        default: true,
        setup: 'summariesonly',
        json: 'summariesonly',
    },
    {
        stanza: 'search',
        key: 'max_sighting_candidates',
        type: 'integer',
        default: 5000,
        min: 1,
        max: 50000,
        setup: 'max_sighting_candidates',
        json: 'maxSightingCandidates',
    },
    {
        stanza: 'history',
        key: 'max_age_days',
        type: 'integer',
        default: 90,
        min: 1,
        max: 3650,
        setup: 'history_max_age_days',
        json: 'historyMaxAgeDays',
    },
    {
        stanza: 'history',
        key: 'max_records',
        type: 'integer',
        default: 10000,
        min: 100,
        max: 1000000,
        setup: 'history_max_records',
        json: 'historyMaxRecords',
    },
    {
        stanza: 'logging',
        key: 'level',
        type: 'choice',
        default: 'INFO',
        values: ['DEBUG', 'INFO', 'WARNING', 'ERROR'],
    },
    {
        stanza: 'provider:rdap',
        key: 'bootstrap_url',
        type: 'url',
        default: 'https://data.iana.org/rdap/',
        setup: 'provider.rdap.bootstrap_url',
        json: 'baseUrl',
        provider: 'rdap',
    },
    {
        stanza: 'provider:rdap',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.rdap.enabled',
        json: 'enabled',
        provider: 'rdap',
    },
    {
        stanza: 'provider:rdap',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 30,
        min: 0,
        max: 10000,
        setup: 'provider.rdap.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'rdap',
    },
    {
        stanza: 'provider:rdap',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.rdap.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'rdap',
    },
    {
        stanza: 'provider:rdap',
        key: 'ttl_seconds',
        type: 'integer',
        default: 21600,
        min: 0,
        max: 31536000,
        setup: 'provider.rdap.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'rdap',
    },
    {
        stanza: 'provider:rdap',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.rdap.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'rdap',
    },
    {
        stanza: 'provider:crtsh',
        key: 'base_url',
        type: 'url',
        default: 'https://crt.sh',
        setup: 'provider.crtsh.base_url',
        json: 'baseUrl',
        provider: 'crtsh',
    },
    {
        stanza: 'provider:crtsh',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.crtsh.enabled',
        json: 'enabled',
        provider: 'crtsh',
    },
    {
        stanza: 'provider:crtsh',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 5,
        min: 0,
        max: 10000,
        setup: 'provider.crtsh.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'crtsh',
    },
    {
        stanza: 'provider:crtsh',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.crtsh.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'crtsh',
    },
    {
        stanza: 'provider:crtsh',
        key: 'ttl_seconds',
        type: 'integer',
        default: 21600,
        min: 0,
        max: 31536000,
        setup: 'provider.crtsh.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'crtsh',
    },
    {
        stanza: 'provider:crtsh',
        key: 'timeout_seconds',
        type: 'number',
        default: 28,
        min: 1,
        max: 300,
        setup: 'provider.crtsh.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'crtsh',
    },
    {
        stanza: 'provider:certspotter',
        key: 'base_url',
        type: 'url',
        default: 'https://api.certspotter.com',
        setup: 'provider.certspotter.base_url',
        json: 'baseUrl',
        provider: 'certspotter',
    },
    {
        stanza: 'provider:certspotter',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.certspotter.enabled',
        json: 'enabled',
        provider: 'certspotter',
    },
    {
        stanza: 'provider:certspotter',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 5,
        min: 0,
        max: 10000,
        setup: 'provider.certspotter.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'certspotter',
    },
    {
        stanza: 'provider:certspotter',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.certspotter.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'certspotter',
    },
    {
        stanza: 'provider:certspotter',
        key: 'ttl_seconds',
        type: 'integer',
        default: 3600,
        min: 0,
        max: 31536000,
        setup: 'provider.certspotter.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'certspotter',
    },
    {
        stanza: 'provider:certspotter',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.certspotter.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'certspotter',
    },
    {
        stanza: 'provider:mnemonic',
        key: 'base_url',
        type: 'url',
        default: 'https://api.mnemonic.no',
        setup: 'provider.mnemonic.base_url',
        json: 'baseUrl',
        provider: 'mnemonic',
    },
    {
        stanza: 'provider:mnemonic',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.mnemonic.enabled',
        json: 'enabled',
        provider: 'mnemonic',
    },
    {
        stanza: 'provider:mnemonic',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 10,
        min: 0,
        max: 10000,
        setup: 'provider.mnemonic.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'mnemonic',
    },
    {
        stanza: 'provider:mnemonic',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.mnemonic.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'mnemonic',
    },
    {
        stanza: 'provider:mnemonic',
        key: 'ttl_seconds',
        type: 'integer',
        default: 3600,
        min: 0,
        max: 31536000,
        setup: 'provider.mnemonic.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'mnemonic',
    },
    {
        stanza: 'provider:mnemonic',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.mnemonic.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'mnemonic',
    },
    {
        stanza: 'provider:otx',
        key: 'base_url',
        type: 'url',
        default: 'https://otx.alienvault.com',
        setup: 'provider.otx.base_url',
        json: 'baseUrl',
        provider: 'otx',
    },
    {
        stanza: 'provider:otx',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.otx.enabled',
        json: 'enabled',
        provider: 'otx',
    },
    {
        stanza: 'provider:otx',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 30,
        min: 0,
        max: 10000,
        setup: 'provider.otx.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'otx',
    },
    {
        stanza: 'provider:otx',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.otx.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'otx',
    },
    {
        stanza: 'provider:otx',
        key: 'ttl_seconds',
        type: 'integer',
        default: 3600,
        min: 0,
        max: 31536000,
        setup: 'provider.otx.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'otx',
    },
    {
        stanza: 'provider:otx',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.otx.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'otx',
    },
    {
        stanza: 'provider:circl',
        key: 'base_url',
        type: 'url',
        default: 'https://www.circl.lu',
        setup: 'provider.circl.base_url',
        json: 'baseUrl',
        provider: 'circl',
    },
    {
        stanza: 'provider:circl',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.circl.enabled',
        json: 'enabled',
        provider: 'circl',
    },
    {
        stanza: 'provider:circl',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 30,
        min: 0,
        max: 10000,
        setup: 'provider.circl.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'circl',
    },
    {
        stanza: 'provider:circl',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.circl.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'circl',
    },
    {
        stanza: 'provider:circl',
        key: 'ttl_seconds',
        type: 'integer',
        default: 3600,
        min: 0,
        max: 31536000,
        setup: 'provider.circl.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'circl',
    },
    {
        stanza: 'provider:circl',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.circl.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'circl',
    },
    {
        stanza: 'provider:urlhaus',
        key: 'base_url',
        type: 'url',
        default: 'https://urlhaus-api.abuse.ch',
        setup: 'provider.urlhaus.base_url',
        json: 'baseUrl',
        provider: 'urlhaus',
    },
    {
        stanza: 'provider:urlhaus',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.urlhaus.enabled',
        json: 'enabled',
        provider: 'urlhaus',
    },
    {
        stanza: 'provider:urlhaus',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 30,
        min: 0,
        max: 10000,
        setup: 'provider.urlhaus.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'urlhaus',
    },
    {
        stanza: 'provider:urlhaus',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.urlhaus.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'urlhaus',
    },
    {
        stanza: 'provider:urlhaus',
        key: 'ttl_seconds',
        type: 'integer',
        default: 3600,
        min: 0,
        max: 31536000,
        setup: 'provider.urlhaus.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'urlhaus',
    },
    {
        stanza: 'provider:urlhaus',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.urlhaus.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'urlhaus',
    },
    {
        stanza: 'provider:threatfox',
        key: 'base_url',
        type: 'url',
        default: 'https://threatfox-api.abuse.ch',
        setup: 'provider.threatfox.base_url',
        json: 'baseUrl',
        provider: 'threatfox',
    },
    {
        stanza: 'provider:threatfox',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.threatfox.enabled',
        json: 'enabled',
        provider: 'threatfox',
    },
    {
        stanza: 'provider:threatfox',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 30,
        min: 0,
        max: 10000,
        setup: 'provider.threatfox.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'threatfox',
    },
    {
        stanza: 'provider:threatfox',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.threatfox.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'threatfox',
    },
    {
        stanza: 'provider:threatfox',
        key: 'ttl_seconds',
        type: 'integer',
        default: 3600,
        min: 0,
        max: 31536000,
        setup: 'provider.threatfox.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'threatfox',
    },
    {
        stanza: 'provider:threatfox',
        key: 'timeout_seconds',
        type: 'number',
        default: 15,
        min: 1,
        max: 300,
        setup: 'provider.threatfox.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'threatfox',
    },
    {
        stanza: 'provider:internetdb',
        key: 'base_url',
        type: 'url',
        default: 'https://internetdb.shodan.io',
        setup: 'provider.internetdb.base_url',
        json: 'baseUrl',
        provider: 'internetdb',
    },
    {
        stanza: 'provider:internetdb',
        key: 'enabled',
        type: 'boolean',
        default: true,
        setup: 'provider.internetdb.enabled',
        json: 'enabled',
        provider: 'internetdb',
    },
    {
        stanza: 'provider:internetdb',
        key: 'rate_limit_per_minute',
        type: 'integer',
        default: 30,
        min: 0,
        max: 10000,
        setup: 'provider.internetdb.rate_limit_per_minute',
        json: 'rateLimitPerMinute',
        provider: 'internetdb',
    },
    {
        stanza: 'provider:internetdb',
        key: 'calls_per_user_per_day',
        type: 'integer',
        default: 1000,
        min: 0,
        max: 1000000,
        setup: 'provider.internetdb.calls_per_user_per_day',
        json: 'callsPerUserPerDay',
        provider: 'internetdb',
    },
    {
        stanza: 'provider:internetdb',
        key: 'ttl_seconds',
        type: 'integer',
        default: 86400,
        min: 0,
        max: 31536000,
        setup: 'provider.internetdb.ttl_seconds',
        json: 'ttlSeconds',
        provider: 'internetdb',
    },
    {
        stanza: 'provider:internetdb',
        key: 'timeout_seconds',
        type: 'number',
        default: 10,
        min: 1,
        max: 300,
        setup: 'provider.internetdb.timeout_seconds',
        json: 'timeoutSeconds',
        provider: 'internetdb',
    },
    {
        stanza: 'datasets',
        key: 'order.whois',
        type: 'order',
        default: ['passivetotal', 'rdap'],
        setup: 'order.whois',
        group: 'whois',
    },
    {
        stanza: 'datasets',
        key: 'order.certificates',
        type: 'order',
        default: ['passivetotal', 'crtsh', 'certspotter'],
        setup: 'order.certificates',
        group: 'certificates',
    },
    {
        stanza: 'datasets',
        key: 'order.resolutions',
        type: 'order',
        default: ['passivetotal', 'mnemonic', 'otx', 'circl'],
        setup: 'order.resolutions',
        group: 'resolutions',
    },
    {
        stanza: 'datasets',
        key: 'order.reputation',
        type: 'order',
        default: ['passivetotal', 'otx', 'urlhaus', 'threatfox'],
        setup: 'order.reputation',
        group: 'reputation',
    },
    {
        stanza: 'datasets',
        key: 'order.host_attributes',
        type: 'order',
        default: ['passivetotal', 'internetdb'],
        setup: 'order.host_attributes',
        group: 'host_attributes',
    },
] as const satisfies readonly SettingSpec[];

/** The range of every numeric setup field. */
export const SETTING_RANGES = {
    timeout_seconds: {
        min: 1,
        max: 300,
    },
    retries: {
        min: 0,
        max: 5,
    },
    deadline_seconds: {
        min: 1,
        max: 600,
    },
    calls_per_user_per_day: {
        min: 0,
        max: 1000000,
    },
    'ttl_seconds.dns': {
        min: 0,
        max: 31536000,
    },
    'ttl_seconds.whois': {
        min: 0,
        max: 31536000,
    },
    'ttl_seconds.ssl': {
        min: 0,
        max: 31536000,
    },
    'ttl_seconds.enrichment': {
        min: 0,
        max: 31536000,
    },
    'ttl_seconds.actions': {
        min: 0,
        max: 31536000,
    },
    'ttl_seconds.host_attributes': {
        min: 0,
        max: 31536000,
    },
    max_sighting_candidates: {
        min: 1,
        max: 50000,
    },
    history_max_age_days: {
        min: 1,
        max: 3650,
    },
    history_max_records: {
        min: 100,
        max: 1000000,
    },
    'provider.rdap.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.rdap.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.rdap.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.rdap.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.crtsh.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.crtsh.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.crtsh.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.crtsh.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.certspotter.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.certspotter.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.certspotter.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.certspotter.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.mnemonic.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.mnemonic.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.mnemonic.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.mnemonic.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.otx.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.otx.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.otx.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.otx.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.circl.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.circl.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.circl.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.circl.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.urlhaus.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.urlhaus.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.urlhaus.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.urlhaus.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.threatfox.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.threatfox.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.threatfox.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.threatfox.timeout_seconds': {
        min: 1,
        max: 300,
    },
    'provider.internetdb.rate_limit_per_minute': {
        min: 0,
        max: 10000,
    },
    'provider.internetdb.calls_per_user_per_day': {
        min: 0,
        max: 1000000,
    },
    'provider.internetdb.ttl_seconds': {
        min: 0,
        max: 31536000,
    },
    'provider.internetdb.timeout_seconds': {
        min: 1,
        max: 300,
    },
} as const satisfies Readonly<Partial<Record<SetupField, { readonly min: number; readonly max: number }>>>;
