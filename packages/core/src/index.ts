/**
 * @passivetotal/core: the rules of the product, free of React and Splunk Web. Indicators, the intelligence model
 * and its providers, SPL generation for local data, pivots.
 */

/**
 * Result shapes of every total function: `{ ok: true, value }` or `{ ok: false, reason, expected }`.
 * @example const r: Result<Indicator> = parseIndicator('evil[.]example'); if (!r.ok) show(r.reason, r.expected);
 */
export type { Result, Ok, Failure } from './result';

/**
 * Indicator types after parsing.
 * @example const i: Indicator = { type: 'ipv4', value: '198.51.100.7', display: '198.51.100.7', intelQuery: '198.51.100.7' };
 */
export type {
    Indicator,
    IndicatorType,
    Ipv4Indicator,
    Ipv6Indicator,
    DomainIndicator,
    UrlIndicator,
    EmailIndicator,
    Sha1Indicator,
    TrackerIndicator,
    HostIndicator,
} from './indicators/indicator';

/**
 * Every indicator type, in display order.
 * @example INDICATOR_TYPES // ['ipv4', 'ipv6', 'domain', 'url', 'email', 'sha1', 'tracker']
 */
export { INDICATOR_TYPES } from './indicators/indicator';

/**
 * Parse what analysts paste or click (refang, trim, detect the type, normalise); label a type for people.
 * @example parseIndicator('hxxps://Evil[.]Example/login.php') // { ok: true, value: { type: 'url', value: 'https://evil.example/login.php', intelQuery: 'evil.example', ... } }
 * @example parseIndicator('[2001:DB8::1]:443') // { ok: true, value: { type: 'ipv6', value: '2001:db8::1', port: 443, special: { kind: 'documentation', ... } } }
 * @example indicatorTypeLabel('sha1') // 'certificate SHA-1'
 */
export { parseIndicator, indicatorTypeLabel, EXPECTED_INDICATOR } from './indicators/parse-indicator';

/**
 * Refang and trim on their own.
 * @example refang('jane[at]evil[.]example') // 'jane@evil.example'
 * @example trimIndicatorText('("evil.example").') // 'evil.example'
 */
export { refang, trimIndicatorText } from './indicators/refang';

/**
 * Special ranges and names, so the UI can warn before spending quota.
 * @example specialIpv4Range('10.1.2.3') // { kind: 'private', range: '10.0.0.0/8', label: 'private network (RFC 1918)' }
 * @example specialDomainName('printer.local') // { kind: 'special-use-name', range: '.local', ... }
 */
export { specialIpv4Range, specialIpv6Range, specialDomainName } from './indicators/special-ranges';
/**
 * The kind and description of a special range.
 * @example const s: SpecialRange = { kind: 'loopback', range: '127.0.0.0/8', label: 'loopback (RFC 1122)' };
 */
export type { SpecialRange, SpecialKind } from './indicators/special-ranges';

/**
 * Tracker indicators from PassiveTotal records.
 * @example trackerIndicator('GoogleAnalyticsAccountNumber', 'UA-61048133') // { type: 'tracker', value: 'UA-61048133', ... }
 */
export { trackerIndicator } from './indicators/tracker-id';

/**
 * The intelligence model every provider maps into.
 * @example const r: Resolution = { value: 'evil.example', resolve: '198.51.100.7', resolveType: 'ip', recordType: 'A', sources: [] };
 */
export type {
    RecordPage,
    Resolution,
    Resolutions,
    ResolveType,
    UniqueResolutions,
    WhoisContact,
    WhoisRole,
    WhoisRecord,
    Certificate,
    CertificateEntity,
    CertificateSighting,
    Classification,
    Enrichment,
    Subdomains,
    OsintReference,
    MalwareReference,
    Component,
    Tracker,
    HostPair,
    HostPairDirection,
    Cookie,
    EntitySighting,
    Service,
    HostService,
    ReputationEntry,
    Quota,
} from './model/intel-model';

/**
 * Lenient date parsing into ISO 8601 UTC.
 * @example parseApiDate('2014-04-14T13:00:56.000-0700') // '2014-04-14T20:00:56.000Z'
 */
export { parseApiDate } from './model/dates';

/**
 * The provider interface and its result types.
 * @example const r = await provider.fetch('whois', indicator); if (r.ok) render(r.value.records); else showError(r.kind, r.reason);
 */
export type {
    IntelProvider,
    Dataset,
    DatasetTypes,
    ProviderResult,
    ProviderSuccess,
    ProviderProblem,
    ProviderError,
    ProviderErrorKind,
    FetchOptions,
    AbortSignalLike,
} from './providers/provider';

/**
 * The PassiveTotal provider through the app's proxy endpoint.
 * @example const pt = new PassiveTotalProvider({ fetch: (u, i) => fetch(u, i), routes: proxyRoutes('/en-US/splunkd/__raw') });
 */
export { PassiveTotalProvider, ON_DEMAND_DATASETS } from './providers/passivetotal/passivetotal-provider';
/**
 * Options of the PassiveTotal provider.
 * @example const options: PassiveTotalProviderOptions = { fetch: myFetch, routes: proxyRoutes('/en-US/splunkd/__raw') };
 */
export type { PassiveTotalProviderOptions } from './providers/passivetotal/passivetotal-provider';

/**
 * The proxy client: routes (PassiveTotal's `pt/` and the open providers' `open/<id>/<operation>`, prefixes from the
 * catalogue's routes), error classification by the catalogue's codes (the same envelope and codes for both, a 402
 * read per provider), one call.
 * @example proxyRoutes('/en-US/splunkd/__raw')('whois', { query: 'evil.example' }) // '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/pt/whois?query=evil.example&output_mode=json'
 * @example openProxyRoutes('/en-US/splunkd/__raw')('crtsh/certificates', { q: 'evil.example' }) // '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/open/crtsh/certificates?q=evil.example&output_mode=json'
 * @example classifyProxyError(429, { messages: [{ type: 'ERROR', text: 'quota' }] }).kind // 'quota'
 * @example classifyProxyError(402, {}, proxySource('mnemonic')).kind // 'quota'
 * @example classifyProxyError(503, { messages: [{ type: 'ERROR', text: 'x', code: 'not_configured', reason: 'disabled', provider: 'crtsh' }] }).expected // 'an administrator to turn crt.sh on on the setup page'
 * @example proxyErrorCode({ messages: [{ type: 'ERROR', text: 'x', code: 'rate_limited' }] }) // 'rate_limited'
 * @example ERROR_KINDS.not_licensed // 'forbidden'
 */
export {
    proxyRoutes,
    openProxyRoutes,
    routePrefix,
    classifyProxyError,
    callProxy,
    requestProxy,
    proxyErrorCode,
    queryString,
    providerError,
    proxySource,
    notConfiguredWords,
    ERROR_KINDS,
    PASSIVETOTAL_SOURCE,
} from './providers/passivetotal/proxy-client';
/**
 * Transport types of the proxy client.
 * @example const f: FetchLike = (url, init) => fetch(url, init);
 */
export type {
    FetchLike,
    ResponseLike,
    RouteBuilder,
    ProxyAnswer,
    ProxyFailure,
    ProxySource,
} from './providers/passivetotal/proxy-client';

/**
 * The providers by id, with labels and key needs (`OPEN_PROVIDER_KEYS`: `required`, `optional`, `none`), read from
 * the catalogue.
 * @example PROVIDER_LABELS.crtsh // 'crt.sh'
 * @example providerLabel('internetdb') // 'Shodan InternetDB'
 * @example OPEN_PROVIDER_KEYS.otx // 'required'
 */
export {
    OPEN_PROVIDER_IDS,
    PROVIDER_IDS,
    PROVIDER_LABELS,
    OPEN_PROVIDER_KEYS,
    isProviderId,
    isOpenProviderId,
    providerLabel,
} from './providers/open/catalogue';
/**
 * Provider id types.
 * @example const id: OpenProviderId = 'rdap';
 */
export type { OpenProviderId, ProviderId, KeyNeed } from './providers/open/catalogue';

/**
 * The catalogue (catalogue/catalogue.json): every provider, operation, route, error code and setting, with types.
 * @example catalogue.PROVIDERS.crtsh.operations.certificates.params.q.validator // 'domain'
 * @example catalogue.ERRORS.rate_limited.statuses // [429]
 * @example const op: catalogue.OperationId<'otx'> = 'passive_dns';
 */
export * as catalogue from './catalogue/catalogue.generated';
/**
 * Typed look-ups in the catalogue: a provider's or operation's entry, the parameter an operation takes its value in,
 * which hosts it takes, the realm of a provider's key, how its key is asked for, a setup field's setting.
 * @example operationSpec('crtsh', 'subdomains').query // [['q', '%.{q}'], ['output', 'json'], ...]
 * @example valueParam('passivetotal', 'whois') // 'query'
 * @example takesHost('internetdb', 'host', 'domain') // false
 * @example credentialRealm('circl') // 'passivetotal_circl'
 * @example keyWords('otx') // { basic: false, secret: 'API key' }
 * @example endpointPath('setup') // 'passivetotal/setup'
 * @example settingOf('max_sighting_candidates') // { stanza: 'search', key: 'max_sighting_candidates', type: 'integer', default: 5000, min: 1, max: 50000, ... }
 */
export {
    providerSpec,
    operationSpec,
    operationIds,
    valueParam,
    takesHost,
    credentialRealm,
    keyWords,
    isErrorCode,
    isNotConfiguredReason,
    settingOf,
    numericSetting,
    endpointPath,
    NOT_CONFIGURED_REASONS,
    type NotConfiguredReason,
} from './catalogue/lookup';

/**
 * The open providers through the app's endpoint (`open/<id>/<operation>?q=<value>`), each dataset answered by
 * operations of the catalogue.
 * @example const crtsh = new OpenProvider('crtsh', { fetch: myFetch, routes: openProxyRoutes('/en-US/splunkd/__raw') }); crtsh.datasetsFor(domain) // ['certificates-for-name']
 * @example openProviders({ fetch: myFetch, routes }).map((p) => p.id) // ['rdap', 'crtsh', 'certspotter', 'mnemonic', 'otx', 'circl', 'urlhaus', 'threatfox', 'internetdb']
 * @example openOperationFor('rdap', 'whois', parsed('192.0.2.1')) // 'ip'
 * @example openOperationsAsked('crtsh') // ['certificates']
 */
export { OpenProvider, openProviders, openOperationFor, openOperationsAsked } from './providers/open/open-provider';
/**
 * Options of an open provider.
 * @example const options: OpenProviderOptions = { fetch: myFetch, routes: openProxyRoutes('/en-US/splunkd/__raw') };
 */
export type { OpenProviderOptions } from './providers/open/open-provider';

/**
 * The open providers' mappers: the `data` of the endpoint's answer (the upstream body) into the model, and the errors
 * each upstream reports inside a 200 body.
 * @example mapRdap({ registry: rdapDomain, registrar: null }) // { ok: true, value: { records: [{ domain: 'example.com', contacts: { registrant: { name: '[redacted]', ... } }, redacted: ['Registrant Name'], provider: 'rdap', ... }], total: 1 } }
 * @example mapCrtsh(rows, 'example.com') // { ok: true, value: { records: [{ sha1: '', serialNumber: '1185', provider: 'crtsh', ... }], total: 1 } } (truncated: true at 10,000 rows)
 * @example mnemonicReportedError({ responseCode: 402, messages: [{ message: 'Resource limit exceeded' }] }) // { kind: 'quota', reason: 'mnemonic: Resource limit exceeded (402)', status: 402 }
 * @example mapCircl({ ndjson: '{"rrname":"a.example","rrtype":"A","rdata":"192.0.2.1","time_first":1,"time_last":2}\nbad' }, 'a.example') // { ok: true, value: { resolutions: {...}, skippedLines: 1 } }
 * @example mapThreatfox({ query_status: 'no_result', data: 'No results found.' }) // { ok: true, value: { records: [], total: 0 } }
 * @example mapInternetDbServices({ detail: 'No information available' }, '192.0.2.1') // { ok: true, value: { records: [], total: 0 } }
 */
export { mapRdap, rdapReportedError, readJCard, REDACTED } from './providers/open/rdap/mapper';
export { mapCrtsh, CRTSH_RESULT_LIMIT } from './providers/open/crtsh/mapper';
export { mapCertSpotter, certSpotterReportedError } from './providers/open/certspotter/mapper';
export { mapMnemonic, mnemonicReportedError } from './providers/open/mnemonic/mapper';
export { mapOtxPassiveDns, mapOtxGeneral, otxReportedError } from './providers/open/otx/mapper';
export { mapCircl, parseCof } from './providers/open/circl/mapper';
export { mapUrlhaus, urlhausReportedError } from './providers/open/urlhaus/mapper';
export {
    mapThreatfox,
    threatfoxReportedError,
    THREATFOX_MALICIOUS_CONFIDENCE,
} from './providers/open/threatfox/mapper';
export {
    readInternetDb,
    mapInternetDbComponents,
    mapInternetDbServices,
    cpeComponent,
    INTERNETDB_CATEGORIES,
} from './providers/open/internetdb/mapper';
/**
 * Types of the open providers' mappers.
 * @example const report: UpstreamReport = { kind: 'quota', reason: 'mnemonic: Resource limit exceeded (402)', status: 402 };
 */
export type { JCard } from './providers/open/rdap/mapper';
export type { CofResolutions } from './providers/open/circl/mapper';
export type { InternetDbHost } from './providers/open/internetdb/mapper';
export type { UpstreamReport } from './providers/open/common';

/**
 * The composite provider: every configured provider behind one `IntelProvider`, per the setup's dataset order.
 * @example const intel = createCompositeProvider({ fetch: myFetch, ptRoutes: proxyRoutes(splunkd), openRoutes: openProxyRoutes(splunkd), order: datasetOrderFromSettings(settings), configured: ['rdap', 'crtsh', 'mnemonic'] });
 * @example await intel.fetch('resolutions', ip) // { ok: true, value: { records: [merged rows, each with provider and sources], ... }, problems: [{ provider: 'otx', error: { kind: 'quota', ... } }] }
 * @example intel.wouldFill('host-pairs-parents') // ['PassiveTotal']
 * @example groupOf('certificates-for-name') // 'certificates'
 */
export {
    CompositeProvider,
    createCompositeProvider,
    datasetOrderFromSettings,
    groupOf,
    reputationFromEnrichment,
    DATASET_GROUPS,
    GROUP_DATASETS,
    DEFAULT_DATASET_ORDER,
} from './providers/composite';
/**
 * Types of the composite provider.
 * @example const order: DatasetOrder = { whois: ['rdap'], certificates: ['passivetotal', 'crtsh', 'certspotter'] };
 */
export type { CompositeOptions, CompositeSetup, DatasetGroup, DatasetOrder } from './providers/composite';

/**
 * PassiveTotal response mappers (one per endpoint family).
 * @example mapPassiveDns(body) // { ok: true, value: { queryValue: 'evil.example', records: [...], total: 5 } }
 * @example mapCertificatesForName(searchBody, 'evil.example') // { ok: true, value: { records: [certificates naming evil.example], total: 1 } }
 */
export {
    mapPassiveDns,
    mapUniqueResolutions,
    mapWhois,
    mapWhoisSearch,
    mapCertificates,
    mapCertificatesForName,
    mapCertificateHistory,
    mapEnrichment,
    mapSubdomains,
    mapOsint,
    mapMalware,
    mapComponents,
    mapTrackers,
    mapHostPairs,
    mapCookies,
    mapTrackerSearch,
    mapQuota,
    classification,
} from './providers/passivetotal/mappers';

/**
 * The matching rules: what "this indicator occurs in an event" means, one definition for every local search and
 * for highlighting.
 * @example matchRule(parsed('203.0.113.77')).prefilter // phrase: "203.0.113.77"; .pattern: '(?i)…203\\.0\\.113\\.77…'
 * @example findInText(parsed('evil.example'), 'GET https://www.evil.example/') // [{ start: 12, end: 28 }]
 */
export {
    matchRule,
    findInText,
    occursIn,
    sha1ColonForm,
    urlWithoutScheme,
    MATCH_MODES,
    FAST_MODE_MISSES,
    type MatchMode,
    type MatchRule,
    type TextMatch,
} from './spl/matching';
/**
 * Regular expressions of the matching rules as JavaScript `RegExp`s (a leading `(?i)` becomes the `i` flag).
 * @example toRegExp(matchRule(ip).pattern, 'g')
 */
export { toRegExp } from './spl/regex-text';
/**
 * Splunk's segmentation of a value into lexicon tokens.
 * @example lexiconTokens('login-secure-update.example') // ['login', 'secure', 'update', 'example']
 */
export { lexiconTokens } from './spl/segmentation';
/**
 * The CIM data models and fields the `cim` mode searches.
 * @example CIM_DATA_MODELS.map((m) => m.datamodel) // ['Network_Traffic', 'Web', ...]
 */
export { CIM_DATA_MODELS, type CimDataModel, type CimDataModelFields, type CimFieldKind } from './spl/cim-fields';

/**
 * Local searches for an indicator, in raw or CIM mode.
 * @example localSearches(parsed('198.51.100.7'))[0].spl // '(`passivetotal_index`) "198.51.100.7"\n| where match(_raw, "…")'
 * @example localSearches(parsed('evil.example'), { mode: 'cim' })[0].spl // '| tstats `passivetotal_summariesonly` fillnull_value="-" count … from datamodel=Network_Traffic.All_Traffic where …'
 */
export { localSearches, rawEventSearch, hasCimFields, CIM_MISSING_VALUE, DATAMODEL_FIELD } from './spl/local-search';
/**
 * Options and results of local searches.
 * @example const o: LocalSearchOptions = { mode: 'cim', match: 'thorough' };
 */
export type { LocalSearch, LocalSearchOptions, SearchMode } from './spl/local-search';

/**
 * The batched sightings search, the plan of what it counts, and reading its rows.
 * @example planSightings([ip, domain], { maxCandidates: 5000 }).search?.spl // '(`passivetotal_index`) ("198.51.100.7" OR ("evil" "example"))\n| eval pt_candidate=mvappend(...)\n| mvexpand pt_candidate\n| stats count ... by pt_candidate'
 * @example readSightings(search, rows) // [{ indicator, count: 3, firstSeen: 1700000000, indexes: ['main'], sourcetypes: ['squid'] }, ...]
 */
export {
    sightingsSearch,
    planSightings,
    readSightings,
    DEFAULT_MAX_SIGHTING_CANDIDATES,
    SIGHTING_CANDIDATE_FIELD,
} from './spl/sightings';
/**
 * Types of the sightings search.
 * @example const s: Sighting = { indicator, count: 0, indexes: [], sourcetypes: [] };
 */
export type {
    Sighting,
    SightingRow,
    SightingsSearch,
    SightingsOptions,
    SightingsPlan,
    UncountedCandidate,
} from './spl/sightings';

/**
 * The searches of the Internal hits tab: an aggregate by hour, index and sourcetype, and the latest events (raw) or
 * matching data model rows (CIM).
 * @example internalHitsSearches(ip).aggregate.spl // '(`passivetotal_index`) "203.0.113.77"\n| where match(_raw, "…")\n| eval bucket=floor(_time / 3600) * 3600\n| stats count by bucket index sourcetype'
 * @example internalHitsSearches(ip).latest.spl // '(`passivetotal_index`) "203.0.113.77"\n| where match(_raw, "…")\n| head 100'
 */
export {
    internalHitsSearches,
    INTERNAL_HITS_BUCKET_SECONDS,
    INTERNAL_HITS_MAX_EVENTS,
    INTERNAL_HITS_BUCKET_FIELD,
} from './spl/internal-hits';
/**
 * Types of the internal-hits searches.
 * @example const s: InternalHitsSearches = internalHitsSearches(ip); s.aggregate.spl;
 */
export type { InternalHitsSearches, InternalHitsOptions, CompiledSearch } from './spl/internal-hits';

/**
 * Macro names the generated SPL assumes, and the definitions the app ships.
 * @example DEFAULT_MACRO_DEFINITIONS // { passivetotal_index: 'index=*', passivetotal_summariesonly: 'summariesonly=true' }
 */
export { INDEX_MACRO, SUMMARIES_ONLY_MACRO, DEFAULT_MACRO_DEFINITIONS } from './spl/macros';

/**
 * The SPL AST constructors and the one compiler.
 * @example compile(pipeline(searchCmd(and(macro('passivetotal_index'), term('198.51.100.7'))), headCmd(10))) // '(`passivetotal_index`) TERM(198.51.100.7)\n| head 10'
 * @example compileSearchExpr(eq('url', 'a"b')) // 'url="a\\"b"'
 */
export * as spl from './spl/ast';
/**
 * Compiler entry points and the quoting predicates.
 * @example canUseTerm('evil.example') // true
 * @example needsExactFilter('a*b') // true
 */
export {
    compile,
    compileSearchExpr,
    compileEvalExpr,
    canUseTerm,
    hasMajorBreaker,
    needsExactFilter,
    sanitizeIdentifier,
    quotedArgument,
} from './spl/compiler';
/**
 * The app's search commands as searches for one indicator ("Open in Search" of the intelligence tabs).
 * @example commandSearch('ptpdns', parsed('evil.example')) // '| ptpdns query="evil.example"'
 */
export { commandSearch, type IndicatorCommand } from './spl/command-search';

/**
 * Pivots from every dataset, merged with their reasons.
 * @example pivotsFromResolutions(parsed('evil.example'), resolutions.records) // [{ indicator: 198.51.100.7, reasons: [{ relation: 'resolves-to', text: 'resolved to (A record)', ... }] }]
 * @example mergePivots(fromDns, fromWhois) // one entry per indicator, every reason kept
 * @example pivotsFromCertificatesForName(parsed('evil.example'), certs) // [{ indicator: sha1 0123…, reasons: [{ relation: 'certificate-for-name', … }] }, { indicator: other SAN, reasons: [{ relation: 'certificate-name', … }] }]
 */
export {
    pivotsFromResolutions,
    pivotsFromWhois,
    pivotsFromCertificateHistory,
    pivotsFromCertificate,
    pivotsFromCertificatesForName,
    pivotsFromTrackers,
    pivotsFromTrackerHosts,
    pivotsFromHostPairs,
    pivotsFromSubdomains,
    pivotsFromCookies,
    pivotsFromOsint,
    pivotsFromValueSearch,
    mergePivots,
} from './pivots/pivot';
/**
 * Pivot types.
 * @example const p: Pivot = { indicator, reasons: [{ relation: 'registrant-email', text: 'registrant email in WHOIS', dataset: 'whois' }] };
 */
export type { Pivot, PivotReason, Relation } from './pivots/pivot';

/**
 * The investigation trail.
 * @example pathTo(extendTrail(extendTrail(EMPTY_TRAIL, root), { ...ip, via: { from: 'evil.example', relation: 'resolves-to' } }), '198.51.100.7')
 * @example trailFromJson('[{"type":"domain","value":"evil.example"}]') // { ok: true, value: { steps: [...] } }
 */
export { EMPTY_TRAIL, extendTrail, pathTo, trailToJson, trailFromJson } from './pivots/investigation-trail';
/**
 * Trail types.
 * @example const step: TrailStep = { type: 'domain', value: 'evil.example' };
 */
export type { Trail, TrailStep } from './pivots/investigation-trail';

/**
 * The investigation as a graph: indicators as nodes, relations as labelled edges, the trail marked; grown by
 * expanding a node with its own pivots, at most 500 nodes unless told otherwise (the rest counted in `omitted`).
 * @example expandGraph(buildInvestigationGraph(indicator, pivots, trail), '203.0.113.77', pivotsOfIt)
 * @example trailToNode(graph, trail, '198.51.100.9') // the trail extended along the way the node was reached
 */
export {
    GRAPH_MAX_NODES,
    RELATION_LABELS,
    buildInvestigationGraph,
    expandGraph,
    carryExpansions,
    trailToNode,
} from './graph/investigation-graph';
export type { GraphEdge, GraphNode, GraphOptions, GraphVia, InvestigationGraph } from './graph/investigation-graph';

/**
 * Values that are not indicators but worth pivoting on (a WHOIS organisation, a certificate issuer, a registrar, an
 * ASN): which search answers each kind, whether a value can be sent, and the words for it.
 * @example searchable({ kind: 'whois-organization', value: 'Secure Update Services' }) // true
 * @example VALUE_KINDS['whois-registrar'].search // undefined: searched in the analyst's events only
 */
export {
    VALUE_KINDS,
    VALUE_KIND_IDS,
    MAX_SEARCH_VALUE,
    isValueKind,
    searchable,
    valueSearch,
    valueSearchWords,
} from './pivots/value-search';
/**
 * Value search types.
 * @example const s: ValueSearch = { kind: 'certificate-issuer', value: 'Demo Free TLS CA R3' };
 */
export type {
    ValueKind,
    ValueKindSpec,
    ValueSearch,
    ValueSearchResult,
    ValueSearchSource,
    WhoisSearchField,
    CertificateSearchField,
} from './pivots/value-search';

/**
 * "Search my events for it": the SPL finding a value in raw events, quoted by the compiler.
 * @example eventsSearch(['Bargain Names Registrar, Inc.']) // '(`passivetotal_index`) "Bargain Names Registrar, Inc."'
 */
export { eventsSearch } from './spl/events-search';

/**
 * Watching an indicator: what a watch keeps (a URL by its host), its end date checked as the watches route does, and
 * the last check's state in words.
 * @example watchTarget(url('https://evil.example/login.php')) // { ok: true, value: { value: 'evil.example', type: 'domain', viaHost: true, ... } }
 * @example watchEndDate('2027-01-31', new Date()) // { ok: true, value: { date: '2027-01-31', endsAt: 1801439999 } }
 * @example watchStateWords({ resolutions: { '203.0.113.77': null } }) // '1 resolution'
 */
export { watchTarget, watchEndDate, watchStateWords } from './watches/watch-target';
export type { WatchTarget, WatchableType } from './watches/watch-target';
