/**
 * Which mapper reads which PassiveTotal operation, keyed by the catalogue's operation (its API path, as in the
 * replay layout `DIR/<path>.json`), for the tests that map every fixture of a folder. The provider has its own
 * table of the operations it calls (`passivetotal-provider.ts`).
 */
import { PROVIDERS, type OperationId } from '../catalogue/catalogue.generated';
import type { Result } from '../result';
import * as mappers from '../providers/passivetotal/mappers';

/** A mapper from a parsed response body to a model value. */
export type Mapper = (json: unknown) => Result<unknown>;

/** PassiveTotal operation (API path without `/v2/`) → mapper. */
export const MAPPERS: Readonly<Partial<Record<OperationId<'passivetotal'>, Mapper>>> = Object.freeze({
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

/** True for an operation of PassiveTotal in the catalogue. */
function isPtOperation(path: string): path is OperationId<'passivetotal'> {
    return Object.hasOwn(PROVIDERS.passivetotal.operations, path);
}

/**
 * The mapper for an API path (`pt/v2/` or `v2/` and `.json` allowed around it). Undefined for the API's endpoints
 * the handler does not allow (path-parameter endpoints, bulk enrichment, articles, projects) and for the
 * operations the app does not map (the account, `actions/*`).
 *
 * @example mapperForPath('v2/dns/passive.json') === mapPassiveDns // true
 * @example mapperForPath('cookies/domain/evil.example/hosts') // undefined
 */
export function mapperForPath(path: string): Mapper | undefined {
    const p = path
        .replace(/^\/+|\/+$/g, '')
        .replace(/^(?:pt\/)?v2\//, '')
        .replace(/\.json$/, '');
    return isPtOperation(p) ? MAPPERS[p] : undefined;
}
