/**
 * Test data for the components: core's composed PassiveTotal fixtures, mapped with core's own mappers (the
 * same path the provider takes), so the tabs are tested on recorded shapes, not hand-written models.
 */
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
    mapTrackers,
    mapUniqueResolutions,
    mapWhois,
    parseIndicator,
    type Indicator,
    type Result,
} from '@passivetotal/core';
import passiveDns from '@passivetotal/core/src/providers/passivetotal/fixtures/dns-passive.json';
import passiveDnsIp from '@passivetotal/core/src/providers/passivetotal/fixtures/dns-passive-ip.json';
import uniqueDns from '@passivetotal/core/src/providers/passivetotal/fixtures/dns-passive-unique.json';
import whois from '@passivetotal/core/src/providers/passivetotal/fixtures/whois.json';
import whoisEmpty from '@passivetotal/core/src/providers/passivetotal/fixtures/whois-empty.json';
import certificate from '@passivetotal/core/src/providers/passivetotal/fixtures/ssl-certificate.json';
import certificatesByName from '@passivetotal/core/src/providers/passivetotal/fixtures/ssl-certificate-search-name.json';
import certificateHistory from '@passivetotal/core/src/providers/passivetotal/fixtures/ssl-certificate-history.json';
import enrichmentDomain from '@passivetotal/core/src/providers/passivetotal/fixtures/enrichment-domain.json';
import enrichmentIp from '@passivetotal/core/src/providers/passivetotal/fixtures/enrichment-ip.json';
import osint from '@passivetotal/core/src/providers/passivetotal/fixtures/enrichment-osint.json';
import malware from '@passivetotal/core/src/providers/passivetotal/fixtures/enrichment-malware.json';
import subdomains from '@passivetotal/core/src/providers/passivetotal/fixtures/enrichment-subdomains.json';
import components from '@passivetotal/core/src/providers/passivetotal/fixtures/host-attributes-components.json';
import trackers from '@passivetotal/core/src/providers/passivetotal/fixtures/host-attributes-trackers.json';
import pairs from '@passivetotal/core/src/providers/passivetotal/fixtures/host-attributes-pairs.json';
import cookies from '@passivetotal/core/src/providers/passivetotal/fixtures/host-attributes-cookies.json';
import quota from '@passivetotal/core/src/providers/passivetotal/fixtures/account-quota.json';

function value<T>(result: Result<T>): T {
    if (!result.ok) throw new Error(`fixture did not map: ${result.reason}`);
    return result.value;
}

/** Parses an indicator that the test knows is valid. */
export function indicator(text: string): Indicator {
    return value(parseIndicator(text));
}

/** The recorded intelligence, as the provider would answer it. */
export const recorded = {
    resolutions: value(mapPassiveDns(passiveDns)),
    resolutionsIp: value(mapPassiveDns(passiveDnsIp)),
    uniqueResolutions: value(mapUniqueResolutions(uniqueDns)),
    whois: value(mapWhois(whois)),
    whoisEmpty: value(mapWhois(whoisEmpty)),
    certificates: value(mapCertificates(certificate)),
    certificateHistory: value(mapCertificateHistory(certificateHistory)),
    /** The certificates naming `evil.example` (an SSL certificate search by name). */
    certificatesForName: value(mapCertificatesForName(certificatesByName, 'evil.example')),
    enrichmentDomain: value(mapEnrichment(enrichmentDomain)),
    enrichmentIp: value(mapEnrichment(enrichmentIp)),
    osint: value(mapOsint(osint)),
    malware: value(mapMalware(malware)),
    subdomains: value(mapSubdomains(subdomains)),
    components: value(mapComponents(components)),
    trackers: value(mapTrackers(trackers)),
    hostPairsChildren: value(mapHostPairs(pairs, 'children')),
    cookies: value(mapCookies(cookies)),
    quota: value(mapQuota(quota)),
};
