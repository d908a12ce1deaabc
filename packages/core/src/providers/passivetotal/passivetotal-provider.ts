/** The PassiveTotal provider: the app's proxy endpoint, mapped into the intelligence model. */
import type { Indicator } from '../../indicators/indicator';
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

interface Route<D extends Dataset> {
    readonly path: (i: Indicator) => string;
    readonly params: (i: Indicator) => Record<string, string>;
    /** Maps the answer; the indicator is given for answers that are filtered by what was asked. */
    readonly map: (json: unknown, indicator: Indicator) => Result<DatasetTypes[D]>;
    readonly types: readonly Indicator['type'][];
}

const HOSTS: readonly Indicator['type'][] = ['ipv4', 'ipv6', 'domain', 'url'];
const query = (i: Indicator): Record<string, string> => ({ query: i.intelQuery });
const fixed = (path: string) => (): string => path;

/**
 * Dataset → PassiveTotal endpoint, parameters, mapper, and the indicator types it accepts. Datasets of other sources
 * (`reputation`, `host-services`) have no route.
 */
const ROUTES: { readonly [D in Dataset]?: Route<D> } = {
    resolutions: { path: fixed('dns/passive'), params: query, map: mapPassiveDns, types: HOSTS },
    'unique-resolutions': { path: fixed('dns/passive/unique'), params: query, map: mapUniqueResolutions, types: HOSTS },
    whois: { path: fixed('whois'), params: query, map: mapWhois, types: ['domain', 'url', 'ipv4'] },
    'whois-by-email': {
        path: fixed('whois/search'),
        params: (i) => ({ field: 'email', query: i.value }),
        map: mapWhoisSearch,
        types: ['email'],
    },
    'whois-by-nameserver': {
        path: fixed('whois/search'),
        params: (i) => ({ field: 'nameserver', query: i.value }),
        map: mapWhoisSearch,
        types: ['domain'],
    },
    'certificate-history': {
        path: fixed('ssl-certificate/history'),
        params: query,
        map: mapCertificateHistory,
        types: ['ipv4', 'sha1'],
    },
    'certificate-details': { path: fixed('ssl-certificate'), params: query, map: mapCertificates, types: ['sha1'] },
    // `ssl-certificate/history` takes only a SHA-1 or an IP. For a name, search by `name`: a match of the host name
    // across the SANs and the subject CN in one call (multi-domain phishing certificates name it only in a SAN).
    'certificates-for-name': {
        path: fixed('ssl-certificate/search'),
        params: (i) => ({ field: 'name', query: i.intelQuery }),
        map: (json, i) => mapCertificatesForName(json, i.intelQuery),
        types: ['domain'],
    },
    enrichment: { path: fixed('enrichment'), params: query, map: mapEnrichment, types: HOSTS },
    subdomains: {
        path: fixed('enrichment/subdomains'),
        params: (i) => ({ query: `*.${i.intelQuery}` }),
        map: mapSubdomains,
        types: ['domain'],
    },
    osint: { path: fixed('enrichment/osint'), params: query, map: mapOsint, types: HOSTS },
    malware: { path: fixed('enrichment/malware'), params: query, map: mapMalware, types: HOSTS },
    components: { path: fixed('host-attributes/components'), params: query, map: mapComponents, types: HOSTS },
    trackers: { path: fixed('host-attributes/trackers'), params: query, map: mapTrackers, types: HOSTS },
    'host-pairs-parents': {
        path: fixed('host-attributes/pairs'),
        params: (i) => ({ query: i.intelQuery, direction: 'parents' }),
        map: (json) => mapHostPairs(json, 'parents'),
        types: HOSTS,
    },
    'host-pairs-children': {
        path: fixed('host-attributes/pairs'),
        params: (i) => ({ query: i.intelQuery, direction: 'children' }),
        map: (json) => mapHostPairs(json, 'children'),
        types: HOSTS,
    },
    cookies: { path: fixed('host-attributes/cookies'), params: query, map: mapCookies, types: HOSTS },
    'tracker-hosts': {
        path: fixed('trackers/search'),
        params: (i) => ({ query: i.intelQuery, type: i.type === 'tracker' ? i.trackerType : '' }),
        map: mapTrackerSearch,
        types: ['tracker'],
    },
    quota: {
        path: fixed('account/quota'),
        params: () => ({}),
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
    readonly label = 'PassiveTotal';
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

    async fetch<D extends Dataset>(
        dataset: D,
        indicator: Indicator,
        options: FetchOptions = {}
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const route = ROUTES[dataset];
        if (!route?.types.includes(indicator.type)) {
            return providerError('unsupported', `PassiveTotal has no ${dataset} for a ${indicator.type}`);
        }
        const answer = await callProxy(
            this.options.fetch,
            this.options.routes,
            route.path(indicator),
            route.params(indicator),
            options.signal
        );
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
