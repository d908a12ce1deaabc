/**
 * Every pivot candidate of an investigation, from whatever datasets have answered (core's `pivotsFrom*`,
 * merged with all their reasons by `mergePivots`).
 */
import {
    mergePivots,
    parseIndicator,
    pivotsFromCertificateHistory,
    pivotsFromCertificatesForName,
    pivotsFromCookies,
    pivotsFromHostPairs,
    pivotsFromOsint,
    pivotsFromResolutions,
    pivotsFromSubdomains,
    pivotsFromTrackerHosts,
    pivotsFromTrackers,
    pivotsFromWhois,
    type Dataset,
    type DatasetTypes,
    type Indicator,
    type Pivot,
    type RecordPage,
    type WhoisRecord,
} from '@passivetotal/core';
import type { IntelResults } from './useIntel';

/** The domains a WHOIS search found, as pivots ("registered with the same email / name server"). */
export function pivotsFromWhoisSearch(
    query: Indicator,
    page: RecordPage<WhoisRecord>,
    by: 'email' | 'nameserver'
): readonly Pivot[] {
    const pivots: Pivot[] = [];
    for (const record of page.records) {
        const parsed = parseIndicator(record.domain);
        if (!parsed.ok || parsed.value.value === query.value) continue;
        pivots.push({
            indicator: parsed.value,
            reasons: [
                by === 'email'
                    ? { relation: 'registrant-email', text: `WHOIS names ${query.value}`, dataset: 'whois' }
                    : { relation: 'whois-name-server', text: `name server ${query.value} in WHOIS`, dataset: 'whois' },
            ],
        });
    }
    return pivots;
}

/** Every pivot candidate of the answers so far. */
export function investigationPivots(indicator: Indicator, intel: IntelResults): readonly Pivot[] {
    const value = <D extends Dataset>(d: D): DatasetTypes[D] | undefined => {
        const r = intel.get(d);
        return r?.ok ? r.value : undefined;
    };
    const lists: (readonly Pivot[])[] = [];
    const resolutions = value('resolutions');
    if (resolutions) lists.push(pivotsFromResolutions(indicator, resolutions.records));
    const whois = value('whois');
    if (whois) lists.push(pivotsFromWhois(indicator, whois.records));
    const byEmail = value('whois-by-email');
    if (byEmail) lists.push(pivotsFromWhoisSearch(indicator, byEmail, 'email'));
    const byNs = value('whois-by-nameserver');
    if (byNs) lists.push(pivotsFromWhoisSearch(indicator, byNs, 'nameserver'));
    const history = value('certificate-history');
    if (history) lists.push(pivotsFromCertificateHistory(indicator, history.records));
    const namedCertificates = value('certificates-for-name');
    if (namedCertificates) lists.push(pivotsFromCertificatesForName(indicator, namedCertificates.records));
    const trackers = value('trackers');
    if (trackers) lists.push(pivotsFromTrackers(indicator, trackers.records));
    const trackerHosts = value('tracker-hosts');
    if (trackerHosts) lists.push(pivotsFromTrackerHosts(indicator, trackerHosts.records));
    for (const d of ['host-pairs-parents', 'host-pairs-children'] as const) {
        const pairs = value(d);
        if (pairs) lists.push(pivotsFromHostPairs(indicator, pairs.records));
    }
    const subdomains = value('subdomains');
    if (subdomains) lists.push(pivotsFromSubdomains(indicator, subdomains));
    const cookies = value('cookies');
    if (cookies) lists.push(pivotsFromCookies(indicator, cookies.records));
    const osint = value('osint');
    if (osint) lists.push(pivotsFromOsint(indicator, osint.records));
    return mergePivots(...lists);
}
