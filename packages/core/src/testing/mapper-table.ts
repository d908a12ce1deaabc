/**
 * Which mapper reads which PassiveTotal endpoint, keyed by API path (as in the replay layout
 * `DIR/<path>.json`), for the tests that map every fixture of a folder. The provider has its own table of the
 * endpoints it calls (`passivetotal-provider.ts`).
 */
import type { Result } from '../result';
import {
    mapCertificateHistory,
    mapCertificates,
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
} from '../providers/passivetotal/mappers';

/** A mapper from a parsed response body to a model value. */
export type Mapper = (json: unknown) => Result<unknown>;

/** API path (without `/v2/`) → mapper. Path-parameter endpoints are matched by {@link mapperForPath}. */
export const MAPPERS: Readonly<Record<string, Mapper>> = Object.freeze({
    'dns/passive': mapPassiveDns,
    'dns/passive/unique': mapUniqueResolutions,
    whois: mapWhois,
    'whois/search': mapWhoisSearch,
    'ssl-certificate': mapCertificates,
    'ssl-certificate/search': mapCertificates,
    'ssl-certificate/history': mapCertificateHistory,
    enrichment: mapEnrichment,
    'enrichment/subdomains': mapSubdomains,
    'enrichment/osint': mapOsint,
    'enrichment/malware': mapMalware,
    'host-attributes/components': mapComponents,
    'host-attributes/trackers': mapTrackers,
    'host-attributes/pairs': (json: unknown) => mapHostPairs(json),
    'host-attributes/cookies': mapCookies,
    'trackers/search': mapTrackerSearch,
    'account/quota': mapQuota,
});

/**
 * The mapper for an API path, including path-parameter endpoints (`cookies/domain/<d>/hosts`,
 * `components/<name>/addresses`, `trackers/<value>/hosts`). Undefined for the endpoints the app does not call
 * (the account and its administration, articles, actions, services, summary cards, bulk enrichment).
 *
 * @example mapperForPath('cookies/domain/evil.example/hosts') === mapCookies // true
 */
export function mapperForPath(path: string): Mapper | undefined {
    const p = path
        .replace(/^\/+|\/+$/g, '')
        .replace(/^(?:pt\/)?v2\//, '')
        .replace(/\.json$/, '');
    const direct = MAPPERS[p];
    if (direct) return direct;
    if (/^cookies\/(?:domain|name)\/[^/]+\/(?:hosts|addresses)$/.test(p)) return mapCookies;
    if (/^components\/[^/]+\/(?:hosts|addresses)$/.test(p)) return mapComponents;
    if (/^trackers\/[^/]+\/(?:hosts|addresses)$/.test(p)) return mapTrackerSearch;
    return undefined;
}
