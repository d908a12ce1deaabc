/**
 * The PassiveTotal provider: the app's proxy endpoint, mapped into the intelligence model. The operations it asks
 * and their parameters are typed by the catalogue (`OperationId<'passivetotal'>`, `OperationParam`), so a route
 * or parameter the handler does not allow does not compile.
 */
import { PROVIDERS, type OperationId, type OperationParam } from '../../catalogue/catalogue.generated';
import type { Indicator } from '../../indicators/indicator';
import {
    VALUE_KINDS,
    VALUE_KIND_IDS,
    searchable,
    type ValueKind,
    type ValueSearch,
    type ValueSearchResult,
} from '../../pivots/value-search';
import type { Result } from '../../result';
import type { Dataset, DatasetTypes, FetchOptions, IntelProvider, ProviderResult } from '../provider';
import {
    mapCertificateHistory,
    mapCertificates,
    mapCertificatesForName,
    mapComponents,
    mapCookies,
    mapEnrichment,
    mapHostPairs,
    mapMalware,
    mapOsint,
    mapPassiveDns,
    mapQuota,
    mapSubdomains,
    mapTrackerSearch,
    mapTrackers,
    mapUniqueResolutions,
    mapWhois,
    mapWhoisSearch,
} from './mappers';
import { callProxy, providerError, type FetchLike, type RouteBuilder } from './proxy-client';

/** A PassiveTotal operation of the catalogue. */
type PtOperation = OperationId<'passivetotal'>;

/** The parameters of a call: some of the operation's, or none for an operation without parameters. */
type ParamsOf<Name extends string> = [Name] extends [never]
    ? Readonly<Record<string, never>>
    : Readonly<Partial<Record<Name, string>>>;

/** One call of the `pt/` route: a catalogue operation with parameters it takes. */
export type PtCall = {
    readonly [O in PtOperation]: {
        readonly operation: O;
        readonly params: ParamsOf<OperationParam<'passivetotal', O>>;
    };
}[PtOperation];

interface Route<D extends Dataset> {
    readonly call: (i: Indicator) => PtCall;
    /** Maps the answer; the indicator is given for answers that are filtered by what was asked. */
    readonly map: (json: unknown, indicator: Indicator) => Result<DatasetTypes[D]>;
    readonly types: readonly Indicator['type'][];
}

const HOSTS: readonly Indicator['type'][] = ['ipv4', 'ipv6', 'domain', 'url'];

/** The PassiveTotal operations with a `query` parameter. */
type QueryOperation = {
    [O in PtOperation]: 'query' extends OperationParam<'passivetotal', O> ? O : never;
}[PtOperation];

/** The call of an operation that takes the indicator's query value as `query`. */
function byQuery(operation: QueryOperation): (i: Indicator) => PtCall {
    return (i) => ({ operation, params: { query: i.intelQuery } });
}

/**
 * Dataset → PassiveTotal operation and parameters, mapper, and the indicator types it accepts. Datasets of other
 * sources (`reputation`, `host-services`) have no route.
 */
const ROUTES: { readonly [D in Dataset]?: Route<D> } = {
    resolutions: { call: byQuery('dns/passive'), map: mapPassiveDns, types: HOSTS },
    'unique-resolutions': { call: byQuery('dns/passive/unique'), map: mapUniqueResolutions, types: HOSTS },
    whois: { call: byQuery('whois'), map: mapWhois, types: ['domain', 'url', 'ipv4'] },
    'whois-by-email': {
        call: (i) => ({ operation: 'whois/search', params: { field: 'email', query: i.value } }),
        map: mapWhoisSearch,
        types: ['email'],
    },
    'whois-by-nameserver': {
        call: (i) => ({ operation: 'whois/search', params: { field: 'nameserver', query: i.value } }),
        map: mapWhoisSearch,
        types: ['domain'],
    },
    'certificate-history': {
        call: byQuery('ssl-certificate/history'),
        map: mapCertificateHistory,
        types: ['ipv4', 'sha1'],
    },
    'certificate-details': { call: byQuery('ssl-certificate'), map: mapCertificates, types: ['sha1'] },
    // `ssl-certificate/history` takes only a SHA-1 or an IP. For a name, search by `name`: a match of the host name
    // across the SANs and the subject CN in one call (multi-domain phishing certificates name it only in a SAN).
    'certificates-for-name': {
        call: (i) => ({ operation: 'ssl-certificate/search', params: { field: 'name', query: i.intelQuery } }),
        map: (json, i) => mapCertificatesForName(json, i.intelQuery),
        types: ['domain'],
    },
    enrichment: { call: byQuery('enrichment'), map: mapEnrichment, types: HOSTS },
    subdomains: {
        call: (i) => ({ operation: 'enrichment/subdomains', params: { query: `*.${i.intelQuery}` } }),
        map: mapSubdomains,
        types: ['domain'],
    },
    osint: { call: byQuery('enrichment/osint'), map: mapOsint, types: HOSTS },
    malware: { call: byQuery('enrichment/malware'), map: mapMalware, types: HOSTS },
    components: { call: byQuery('host-attributes/components'), map: mapComponents, types: HOSTS },
    trackers: { call: byQuery('host-attributes/trackers'), map: mapTrackers, types: HOSTS },
    'host-pairs-parents': {
        call: (i) => ({ operation: 'host-attributes/pairs', params: { query: i.intelQuery, direction: 'parents' } }),
        map: (json) => mapHostPairs(json, 'parents'),
        types: HOSTS,
    },
    'host-pairs-children': {
        call: (i) => ({ operation: 'host-attributes/pairs', params: { query: i.intelQuery, direction: 'children' } }),
        map: (json) => mapHostPairs(json, 'children'),
        types: HOSTS,
    },
    cookies: { call: byQuery('host-attributes/cookies'), map: mapCookies, types: HOSTS },
    'tracker-hosts': {
        call: (i) => ({
            operation: 'trackers/search',
            params: { query: i.intelQuery, type: i.type === 'tracker' ? i.trackerType : '' },
        }),
        map: mapTrackerSearch,
        types: ['tracker'],
    },
    quota: {
        call: () => ({ operation: 'account/quota', params: {} }),
        map: mapQuota,
        types: ['ipv4', 'ipv6', 'domain', 'url', 'email', 'sha1', 'tracker'],
    },
};

/**
 * Datasets that are searches a pivot asks for (a WHOIS search by email or name server), fetched on demand and never
 * offered by `datasetsFor`, so an ordinary investigation does not spend quota on them.
 */
export const ON_DEMAND_DATASETS: readonly Dataset[] = Object.freeze(['whois-by-email', 'whois-by-nameserver']);

/** Options of {@link PassiveTotalProvider}. */
export interface PassiveTotalProviderOptions {
    /** `fetch` or a stand-in; called with a GET and `output_mode=json`. */
    readonly fetch: FetchLike;
    /** The proxy's route table, e.g. `proxyRoutes('/en-US/splunkd/__raw')`. */
    readonly routes: RouteBuilder;
}

/**
 * PassiveTotal through the app's proxy endpoint.
 *
 * @example
 * const pt = new PassiveTotalProvider({ fetch, routes: proxyRoutes('/en-US/splunkd/__raw') });
 * const r = await pt.fetch('resolutions', indicator); // { ok: true, value: { records: [...] }, cached: false }
 */
export class PassiveTotalProvider implements IntelProvider {
    readonly id = 'passivetotal';
    readonly label = PROVIDERS.passivetotal.label;
    private readonly options: PassiveTotalProviderOptions;

    constructor(options: PassiveTotalProviderOptions) {
        this.options = options;
    }

    datasets(): readonly Dataset[] {
        return Object.keys(ROUTES) as Dataset[];
    }

    datasetsFor(indicator: Indicator): readonly Dataset[] {
        return (Object.keys(ROUTES) as Dataset[]).filter(
            (d) => d !== 'quota' && !ON_DEMAND_DATASETS.includes(d) && ROUTES[d]?.types.includes(indicator.type)
        );
    }

    /** Every kind with a search: PassiveTotal's WHOIS search and SSL certificate search take all their fields. */
    valueSearches(): readonly ValueKind[] {
        return VALUE_KIND_IDS.filter((k) => VALUE_KINDS[k].search !== undefined);
    }

    /** `whois/search` or `ssl-certificate/search` with the kind's field and the value as `query`. */
    async searchValue(search: ValueSearch, options: FetchOptions = {}): Promise<ProviderResult<ValueSearchResult>> {
        const spec = VALUE_KINDS[search.kind].search;
        if (!spec || !searchable(search)) {
            return providerError(
                'unsupported',
                `${this.label} cannot search by this ${VALUE_KINDS[search.kind].label}`
            );
        }
        const call: PtCall =
            spec.source === 'whois'
                ? { operation: 'whois/search', params: { field: spec.field, query: search.value } }
                : { operation: 'ssl-certificate/search', params: { field: spec.field, query: search.value } };
        const answer = await callProxy(
            this.options.fetch,
            this.options.routes,
            call.operation,
            call.params,
            options.signal
        );
        if (!answer.ok) return answer;
        let result: ValueSearchResult;
        if (spec.source === 'whois') {
            const page = mapWhoisSearch(answer.data);
            if (!page.ok) return providerError('malformed', page.reason);
            result = { source: 'whois', page: page.value };
        } else {
            const page = mapCertificates(answer.data);
            if (!page.ok) return providerError('malformed', page.reason);
            result = { source: 'certificates', page: page.value };
        }
        return {
            ok: true,
            value: result,
            cached: answer.cached,
            ...(answer.fetchedAt === undefined ? {} : { fetchedAt: answer.fetchedAt }),
        };
    }

    async fetch<D extends Dataset>(
        dataset: D,
        indicator: Indicator,
        options: FetchOptions = {}
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const route = ROUTES[dataset];
        if (!route?.types.includes(indicator.type)) {
            return providerError('unsupported', `${this.label} has no ${dataset} for a ${indicator.type}`);
        }
        const { operation, params } = route.call(indicator);
        const answer = await callProxy(this.options.fetch, this.options.routes, operation, params, options.signal);
        if (!answer.ok) return answer;
        const mapped = route.map(answer.data, indicator);
        if (!mapped.ok) return providerError('malformed', mapped.reason);
        return {
            ok: true,
            value: mapped.value,
            cached: answer.cached,
            ...(answer.fetchedAt === undefined ? {} : { fetchedAt: answer.fetchedAt }),
        };
    }
}
