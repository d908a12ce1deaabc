/**
 * Which mapper reads which PassiveTotal endpoint, keyed by API path (as in the replay layout
 * `DIR/<path>.json`), for the tests that map every fixture of a folder. The provider has its own table of the
 * endpoints it calls (`passivetotal-provider.ts`).
 */
import type { Result } from '../result';
import * as mappers from '../providers/passivetotal/mappers';

/** A mapper from a parsed response body to a model value. */
export type Mapper = (json: unknown) => Result<unknown>;

/** API path (without `/v2/`) → mapper. Path-parameter endpoints are matched by {@link mapperForPath}. */
export const MAPPERS: Readonly<Record<string, Mapper>> = Object.freeze({
    'dns/passive': mappers.mapPassiveDns,
    'dns/passive/unique': mappers.mapUniqueResolutions,
    whois: mappers.mapWhois,
    'whois/search': mappers.mapWhoisSearch,
    'ssl-certificate': mappers.mapCertificates,
    'ssl-certificate/search': mappers.mapCertificates,
    'ssl-certificate/history': mappers.mapCertificateHistory,
    enrichment: mappers.mapEnrichment,
    'enrichment/subdomains': mappers.mapSubdomains,
    'enrichment/osint': mappers.mapOsint,
    'enrichment/malware': mappers.mapMalware,
    'host-attributes/components': mappers.mapComponents,
    'host-attributes/trackers': mappers.mapTrackers,
    'host-attributes/pairs': (json: unknown) => mappers.mapHostPairs(json),
    'host-attributes/cookies': mappers.mapCookies,
    'trackers/search': mappers.mapTrackerSearch,
    'account/quota': mappers.mapQuota,
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
    if (/^cookies\/(?:domain|name)\/[^/]+\/(?:hosts|addresses)$/.test(p)) return mappers.mapCookies;
    if (/^components\/[^/]+\/(?:hosts|addresses)$/.test(p)) return mappers.mapComponents;
    if (/^trackers\/[^/]+\/(?:hosts|addresses)$/.test(p)) return mappers.mapTrackerSearch;
    return undefined;
}
