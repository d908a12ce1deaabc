/**
 * Test data for the components: core's composed PassiveTotal fixtures, mapped with core's own mappers (the
 * same path the provider takes), so the tabs are tested on recorded shapes, not hand-written models.
 */
import {
    mapCertSpotter,
    mapCertificateHistory,
    mapCertificates,
    mapCertificatesForName,
    mapComponents,
    mapCookies,
    mapCrtsh,
    mapEnrichment,
    mapHostPairs,
    mapInternetDbComponents,
    mapInternetDbServices,
    mapMalware,
    mapMnemonic,
    mapOsint,
    mapOtxGeneral,
    mapOtxPassiveDns,
    mapPassiveDns,
    mapQuota,
    mapRdap,
    mapSubdomains,
    mapThreatfox,
    mapTrackers,
    mapUniqueResolutions,
    mapUrlhaus,
    mapWhois,
} from '@passivetotal/core';
import passiveDns from '@passivetotal/core/fixtures/passivetotal/dns-passive.json';
import passiveDnsIp from '@passivetotal/core/fixtures/passivetotal/dns-passive-ip.json';
import uniqueDns from '@passivetotal/core/fixtures/passivetotal/dns-passive-unique.json';
import whois from '@passivetotal/core/fixtures/passivetotal/whois.json';
import whoisEmpty from '@passivetotal/core/fixtures/passivetotal/whois-empty.json';
import certificate from '@passivetotal/core/fixtures/passivetotal/ssl-certificate.json';
import certificatesByName from '@passivetotal/core/fixtures/passivetotal/ssl-certificate-search-name.json';
import certificateHistory from '@passivetotal/core/fixtures/passivetotal/ssl-certificate-history.json';
import enrichmentDomain from '@passivetotal/core/fixtures/passivetotal/enrichment-domain.json';
import enrichmentIp from '@passivetotal/core/fixtures/passivetotal/enrichment-ip.json';
import osint from '@passivetotal/core/fixtures/passivetotal/enrichment-osint.json';
import malware from '@passivetotal/core/fixtures/passivetotal/enrichment-malware.json';
import subdomains from '@passivetotal/core/fixtures/passivetotal/enrichment-subdomains.json';
import components from '@passivetotal/core/fixtures/passivetotal/host-attributes-components.json';
import trackers from '@passivetotal/core/fixtures/passivetotal/host-attributes-trackers.json';
import pairs from '@passivetotal/core/fixtures/passivetotal/host-attributes-pairs.json';
import cookies from '@passivetotal/core/fixtures/passivetotal/host-attributes-cookies.json';
import quota from '@passivetotal/core/fixtures/passivetotal/account-quota.json';
import rdapRedacted from '@passivetotal/core/fixtures/open/rdap/domain-redacted.json';
import crtsh from '@passivetotal/core/fixtures/open/crtsh/certificates.json';
import certspotter from '@passivetotal/core/fixtures/open/certspotter/issuances.json';
import mnemonicDomain from '@passivetotal/core/fixtures/open/mnemonic/resolutions-domain.json';
import otxPassiveDns from '@passivetotal/core/fixtures/open/otx/passive-dns-domain.json';
import otxGeneral from '@passivetotal/core/fixtures/open/otx/general-domain.json';
import urlhaus from '@passivetotal/core/fixtures/open/urlhaus/host.json';
import { parsedIndicator, valueOf as value } from '@passivetotal/core/testing';
import threatfox from '@passivetotal/core/fixtures/open/threatfox/search.json';
import internetdb from '@passivetotal/core/fixtures/open/internetdb/host.json';

/** Parses an indicator that the test knows is valid. */
export const indicator = parsedIndicator;

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

/** The open providers' composed fixtures (packages/core/test/fixtures/open), mapped with core's mappers. */
export const recordedOpen = {
    /** RDAP for example.com with a redacted registrant (RFC 9537). */
    whoisRedacted: value(mapRdap(rdapRedacted)),
    /** crt.sh certificates of example.com (no SHA-1). */
    crtsh: value(mapCrtsh(crtsh, 'example.com')),
    /** Cert Spotter issuances of example.com (no SHA-1; the SHA-256 as fingerprint). */
    certspotter: value(mapCertSpotter(certspotter, 'example.com')),
    mnemonic: value(mapMnemonic(mnemonicDomain, 'www.example.com')),
    otxPassiveDns: value(mapOtxPassiveDns(otxPassiveDns, 'www.example.com')),
    otxGeneral: value(mapOtxGeneral(otxGeneral, 'login-secure-update.example')),
    urlhaus: value(mapUrlhaus(urlhaus)),
    threatfox: value(mapThreatfox(threatfox)),
    internetdbServices: value(mapInternetDbServices(internetdb, '203.0.113.77')),
    internetdbComponents: value(mapInternetDbComponents(internetdb, '203.0.113.77')),
};
