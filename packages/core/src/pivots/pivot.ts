/**
 * Pivots: from every dataset, the values worth investigating next, each typed (parsed like analyst input, so the
 * values are normalised the same way) and with why it is related. One value related in several ways is one pivot
 * with several reasons.
 */
import type { Indicator } from '../indicators/indicator';
import { parseIndicator } from '../indicators/parse-indicator';
import { trackerIndicator } from '../indicators/tracker-id';
import { VALUE_KINDS, valueSearchWords, type ValueSearch, type ValueSearchResult } from './value-search';
import type {
    Certificate,
    CertificateSighting,
    Cookie,
    HostPair,
    OsintReference,
    Resolution,
    Subdomains,
    Tracker,
    WhoisRecord,
} from '../model/intel-model';

/** How a pivot relates to the indicator under investigation. */
export type Relation =
    | 'resolves-to'
    | 'resolved-from'
    | 'name-server'
    | 'mail-server'
    | 'soa-email'
    | 'registrant-email'
    | 'contact-email'
    | 'whois-name-server'
    | 'certificate-seen-on'
    | 'certificate-on-address'
    | 'certificate-for-name'
    | 'certificate-name'
    | 'tracker-shared'
    | 'tracker-host'
    | 'parent-host'
    | 'child-host'
    | 'subdomain'
    | 'cookie-domain'
    | 'osint-co-mention'
    | 'shared-whois-contact'
    | 'shared-certificate-field';

/** One reason a value is related. */
export interface PivotReason {
    readonly relation: Relation;
    /** For people: "resolved to (A record)", "registrant email in WHOIS", "child host (script.src)". */
    readonly text: string;
    readonly dataset: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** A value worth investigating next. */
export interface Pivot {
    readonly indicator: Indicator;
    readonly reasons: readonly PivotReason[];
}

/** A raw candidate before parsing and merging. */
interface Candidate {
    readonly value: string;
    readonly reason: PivotReason;
    readonly tracker?: string;
}

function reason(
    relation: Relation,
    text: string,
    dataset: string,
    seen: { firstSeen?: string; lastSeen?: string } = {}
): PivotReason {
    return {
        relation,
        text,
        dataset,
        ...(seen.firstSeen === undefined ? {} : { firstSeen: seen.firstSeen }),
        ...(seen.lastSeen === undefined ? {} : { lastSeen: seen.lastSeen }),
    };
}

/**
 * Parses and merges candidates: unparseable values are dropped, the query itself is excluded, and the same value
 * reached several ways keeps every distinct reason. Order: first appearance.
 */
function merge(query: Indicator | undefined, candidates: readonly Candidate[]): readonly Pivot[] {
    const out = new Map<string, { indicator: Indicator; reasons: PivotReason[] }>();
    for (const c of candidates) {
        let indicator: Indicator | undefined;
        if (c.tracker !== undefined) indicator = trackerIndicator(c.tracker, c.value);
        else {
            const parsed = parseIndicator(c.value);
            indicator = parsed.ok ? parsed.value : undefined;
        }
        if (!indicator) continue;
        if (query && indicator.type === query.type && indicator.value === query.value) continue;
        if (query?.type === 'url' && indicator.value === query.host.value) continue;
        const key = `${indicator.type}\u0000${indicator.value}`;
        const entry = out.get(key) ?? { indicator, reasons: [] };
        if (!entry.reasons.some((r) => r.relation === c.reason.relation && r.text === c.reason.text))
            entry.reasons.push(c.reason);
        out.set(key, entry);
    }
    return [...out.values()];
}

/**
 * Pivots from passive DNS: answers of a name, names of an address, name and mail servers, SOA emails.
 *
 * @example pivotsFromResolutions(domain('evil.example'), records) // [{ indicator: ipv4 198.51.100.7, reasons: [{ relation: 'resolves-to', text: 'resolved to (A record)' }] }]
 */
export function pivotsFromResolutions(query: Indicator, records: readonly Resolution[]): readonly Pivot[] {
    const isAddress = query.type === 'ipv4' || query.type === 'ipv6';
    return merge(
        query,
        records.flatMap((r): Candidate[] => {
            const seen = {
                ...(r.firstSeen ? { firstSeen: r.firstSeen } : {}),
                ...(r.lastSeen ? { lastSeen: r.lastSeen } : {}),
            };
            const type = r.recordType.toUpperCase();
            if (isAddress)
                return [
                    {
                        value: r.resolve,
                        reason: reason(
                            'resolved-from',
                            `resolved to this address (${type || 'A'} record)`,
                            'resolutions',
                            seen
                        ),
                    },
                ];
            if (type === 'NS')
                return [
                    { value: r.resolve, reason: reason('name-server', 'name server (NS record)', 'resolutions', seen) },
                ];
            if (type === 'MX')
                return [
                    { value: r.resolve, reason: reason('mail-server', 'mail server (MX record)', 'resolutions', seen) },
                ];
            if (type === 'SOA' || r.resolveType === 'email') {
                return [
                    { value: r.resolve, reason: reason('soa-email', 'zone contact (SOA record)', 'resolutions', seen) },
                ];
            }
            return [
                {
                    value: r.resolve,
                    reason: reason('resolves-to', `resolved to (${type || r.resolveType} record)`, 'resolutions', seen),
                },
            ];
        })
    );
}

/** Pivots from WHOIS: contact emails by role, the contact email, name servers. */
export function pivotsFromWhois(query: Indicator | undefined, records: readonly WhoisRecord[]): readonly Pivot[] {
    return merge(
        query,
        records.flatMap((w): Candidate[] => [
            ...Object.entries(w.contacts).flatMap(([role, c]): Candidate[] =>
                c.email === undefined
                    ? []
                    : [
                          {
                              value: c.email,
                              reason: reason(
                                  role === 'registrant' ? 'registrant-email' : 'contact-email',
                                  `${role} email in WHOIS`,
                                  'whois'
                              ),
                          },
                      ]
            ),
            ...(w.contactEmail
                ? [{ value: w.contactEmail, reason: reason('contact-email', 'contact email in WHOIS', 'whois') }]
                : []),
            ...w.nameServers.map((ns) => ({
                value: ns,
                reason: reason('whois-name-server', 'name server in WHOIS', 'whois'),
            })),
        ])
    );
}

/** Pivots from certificate history: certificates seen on an address, or addresses a certificate was seen on. */
export function pivotsFromCertificateHistory(
    query: Indicator,
    records: readonly CertificateSighting[]
): readonly Pivot[] {
    return merge(
        query,
        records.flatMap((c): Candidate[] => {
            const seen = {
                ...(c.firstSeen ? { firstSeen: c.firstSeen } : {}),
                ...(c.lastSeen ? { lastSeen: c.lastSeen } : {}),
            };
            if (query.type === 'sha1') {
                return [...c.ipAddresses, ...c.domains].map((v) => ({
                    value: v,
                    reason: reason('certificate-on-address', 'certificate seen on this host', 'certificates', seen),
                }));
            }
            return [
                {
                    value: c.sha1,
                    reason: reason('certificate-seen-on', 'certificate seen on this address', 'certificates', seen),
                },
            ];
        })
    );
}

/** Pivots from certificate details: the names it was issued for, and its subject email. */
export function pivotsFromCertificate(query: Indicator | undefined, cert: Certificate): readonly Pivot[] {
    const names = [cert.subject.commonName, ...cert.subjectAlternativeNames].filter(
        (n): n is string => n !== undefined
    );
    return merge(query, [
        ...names.map((n) => ({
            value: n,
            reason: reason('certificate-name', 'name in the certificate', 'certificates'),
        })),
        ...(cert.subject.emailAddress
            ? [
                  {
                      value: cert.subject.emailAddress,
                      reason: reason('contact-email', 'email in the certificate subject', 'certificates'),
                  },
              ]
            : []),
    ]);
}

/**
 * Pivots from the certificates naming a domain or host name (an SSL certificate search by name): each certificate's
 * SHA-1, and the other names and subject email each certificate carries (the sites sharing it).
 *
 * @example pivotsFromCertificatesForName(domain('login-secure-update.example'), certs) // sha1 05005010… ('certificate-for-name'), docs-share-portal.example ('certificate-name'), …
 */
export function pivotsFromCertificatesForName(query: Indicator, certs: readonly Certificate[]): readonly Pivot[] {
    const own = merge(
        query,
        certs.map((c) => ({
            value: c.sha1,
            reason: reason('certificate-for-name', 'certificate issued for this name', 'certificates', c),
        }))
    );
    return mergePivots(own, ...certs.map((c) => pivotsFromCertificate(query, c)));
}

/** Pivots from trackers on a host: each tracker id, shared with other hosts. */
export function pivotsFromTrackers(query: Indicator | undefined, records: readonly Tracker[]): readonly Pivot[] {
    return merge(
        query,
        records.map((t) => ({
            value: t.value,
            tracker: t.trackerType,
            reason: reason('tracker-shared', `tracker ${t.trackerType} on ${t.host}`, 'trackers', t),
        }))
    );
}

/** Pivots from a tracker search: the hosts sharing the tracker. */
export function pivotsFromTrackerHosts(
    query: Indicator,
    hosts: readonly { entity: string; firstSeen?: string; lastSeen?: string }[]
): readonly Pivot[] {
    return merge(
        query,
        hosts.map((h) => ({
            value: h.entity,
            reason: reason('tracker-host', `shares tracker ${query.value}`, 'trackers', h),
        }))
    );
}

/** Pivots from host pairs: the other side of each pair, with the cause. */
export function pivotsFromHostPairs(query: Indicator, pairs: readonly HostPair[]): readonly Pivot[] {
    const q = query.type === 'url' ? query.host.value : query.value;
    return merge(
        query,
        pairs.flatMap((p): Candidate[] => {
            const out: Candidate[] = [];
            if (p.parent !== q)
                out.push({
                    value: p.parent,
                    reason: reason('parent-host', `parent host (${p.cause})`, 'host pairs', p),
                });
            if (p.child !== q)
                out.push({ value: p.child, reason: reason('child-host', `child host (${p.cause})`, 'host pairs', p) });
            return out;
        })
    );
}

/** Pivots from subdomains. */
export function pivotsFromSubdomains(query: Indicator | undefined, subdomains: Subdomains): readonly Pivot[] {
    return merge(
        query,
        subdomains.hostnames.map((h) => ({
            value: h,
            reason: reason('subdomain', `subdomain of ${subdomains.primaryDomain}`, 'subdomains'),
        }))
    );
}

/** Pivots from cookies: the cookie domains. */
export function pivotsFromCookies(query: Indicator | undefined, cookies: readonly Cookie[]): readonly Pivot[] {
    return merge(
        query,
        cookies.map((c) => ({
            value: c.domain,
            reason: reason('cookie-domain', `domain of cookie ${c.name}`, 'cookies', c),
        }))
    );
}

/** Pivots from OSINT: other indicators named in the same public reports. */
export function pivotsFromOsint(query: Indicator | undefined, refs: readonly OsintReference[]): readonly Pivot[] {
    return merge(
        query,
        refs.flatMap((r) =>
            r.inReport.map((v) => ({
                value: v,
                reason: reason('osint-co-mention', `named in the same ${r.source} report`, 'osint'),
            }))
        )
    );
}

/**
 * Pivots from a value search: the domains (or addresses) whose WHOIS record names the value, or the certificates
 * carrying it, each with why it is related. `about` says where the value was found ("login-secure-update.example's
 * registrant"), so the trail keeps it.
 *
 * @example pivotsFromValueSearch({ kind: 'whois-organization', value: 'Secure Update Services' }, answer, "login-secure-update.example's registrant")
 * // [{ indicator: domain docs-share-portal.example, reasons: [{ relation: 'shared-whois-contact', text: "WHOIS names the organisation Secure Update Services (organisation of login-secure-update.example's registrant)" }] }, …]
 */
export function pivotsFromValueSearch(
    search: ValueSearch,
    result: ValueSearchResult,
    about?: string
): readonly Pivot[] {
    const origin = about === undefined ? '' : ` (${VALUE_KINDS[search.kind].label} of ${about})`;
    if (result.source === 'whois') {
        const text = `WHOIS names ${valueSearchWords(search)}${origin}`;
        return merge(
            undefined,
            result.page.records.map((w) => ({
                value: w.domain,
                reason: reason('shared-whois-contact', text, 'whois'),
            }))
        );
    }
    const text = `certificate with ${valueSearchWords(search)}${origin}`;
    return merge(
        undefined,
        result.page.records.flatMap((c) =>
            c.sha1 === ''
                ? []
                : [{ value: c.sha1, reason: reason('shared-certificate-field', text, 'certificates', c) }]
        )
    );
}

/**
 * Merges pivot lists from several datasets into one, keeping every reason.
 *
 * @example mergePivots(pivotsFromResolutions(q, r), pivotsFromWhois(q, w)) // one entry per distinct indicator
 */
export function mergePivots(...lists: (readonly Pivot[])[]): readonly Pivot[] {
    const out = new Map<string, { indicator: Indicator; reasons: PivotReason[] }>();
    for (const p of lists.flat()) {
        const key = `${p.indicator.type}\u0000${p.indicator.value}`;
        const entry = out.get(key) ?? { indicator: p.indicator, reasons: [] };
        for (const r of p.reasons) {
            if (!entry.reasons.some((x) => x.relation === r.relation && x.text === r.text)) entry.reasons.push(r);
        }
        out.set(key, entry);
    }
    return [...out.values()];
}
