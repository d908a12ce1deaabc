/**
 * The provider-neutral intelligence model. Every provider maps its responses into these records; the UI and the
 * pivots only know these. Dates are ISO 8601 UTC strings (undefined when the source had none or an unparseable
 * one); host names are lower case without a trailing dot; lists are never undefined.
 */

/** A list of records with the total the source reported (which can exceed `records.length` when paged). */
export interface RecordPage<T> {
    readonly records: readonly T[];
    /** The total reported by the source, or `records.length` when it reported none. */
    readonly total: number;
    /**
     * True when the source cut the answer at its own limit without saying how much more there is (crt.sh stops at
     * 10,000 matching names), so `total` is only a lower bound. Absent when the answer is complete or paged.
     */
    readonly truncated?: boolean;
}

/** The id of the provider a record came from (`passivetotal`, `rdap`, `crtsh`...); absent on single-source data. */
interface FromProvider {
    readonly provider?: string;
}

/** What a resolution points to. */
export type ResolveType = 'ip' | 'domain' | 'email' | 'unknown';

/** One passive DNS record. */
export interface Resolution extends FromProvider {
    /** The name or address the record is about (lower case). */
    readonly value: string;
    /** The answer (lower case, trailing dot removed). */
    readonly resolve: string;
    readonly resolveType: ResolveType;
    /** `A`, `AAAA`, `CNAME`, `NS`, `MX`, `SOA`, `TXT (SPF1)`...; empty when unknown. */
    readonly recordType: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
    readonly collected?: string;
    readonly sources: readonly string[];
    readonly recordHash?: string;
}

/** Passive DNS for a query. */
export interface Resolutions extends RecordPage<Resolution> {
    readonly queryValue: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** Distinct answers with how often each was seen. */
export interface UniqueResolutions extends RecordPage<{ readonly resolve: string; readonly count: number }> {
    readonly queryValue: string;
}

/** A WHOIS contact; every field optional. */
export interface WhoisContact {
    readonly name?: string;
    readonly organization?: string;
    readonly email?: string;
    readonly telephone?: string;
    readonly fax?: string;
    readonly street?: string;
    readonly city?: string;
    readonly state?: string;
    readonly postalCode?: string;
    readonly country?: string;
}

/** The contact roles of a WHOIS record. */
export type WhoisRole = 'registrant' | 'admin' | 'tech' | 'billing' | 'zone';

/** One WHOIS record (current or historical). */
export interface WhoisRecord extends FromProvider {
    /** The domain, or the network for IP WHOIS (not always an FQDN). */
    readonly domain: string;
    readonly registrar?: string;
    readonly whoisServer?: string;
    readonly registered?: string;
    readonly updated?: string;
    readonly expires?: string;
    /** When the record was last fetched ("last seen" for history). */
    readonly lastLoaded?: string;
    readonly contactEmail?: string;
    /** Lower case, trailing dot removed. */
    readonly nameServers: readonly string[];
    /** Contacts by role; roles with an empty contact are absent. */
    readonly contacts: Readonly<Partial<Record<WhoisRole, WhoisContact>>>;
    readonly domainStatus: readonly string[];
    readonly rawText?: string;
    /**
     * The fields the source said it redacted (RDAP, RFC 9537 `redacted` names such as `Registrant Email`, and
     * fields found as "REDACTED FOR PRIVACY" or empty). Such a field of a contact holds the literal `[redacted]`.
     */
    readonly redacted?: readonly string[];
}

/** Subject or issuer of a certificate. */
export interface CertificateEntity {
    readonly commonName?: string;
    readonly organizationName?: string;
    readonly organizationUnitName?: string;
    readonly country?: string;
    readonly stateOrProvinceName?: string;
    readonly localityName?: string;
    readonly streetAddress?: string;
    readonly emailAddress?: string;
    readonly givenName?: string;
    readonly surname?: string;
    readonly serialNumber?: string;
}

/** Full details of a certificate. */
export interface Certificate extends FromProvider {
    /** 40 lower-case hex digits; empty when the source does not give it (Certificate Transparency searches). */
    readonly sha1: string;
    readonly fingerprint?: string;
    readonly serialNumber?: string;
    readonly sslVersion?: string;
    readonly issued?: string;
    readonly expires?: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
    readonly subject: CertificateEntity;
    readonly issuer: CertificateEntity;
    readonly subjectAlternativeNames: readonly string[];
}

/** A certificate seen on addresses (history by IP or by SHA-1). */
export interface CertificateSighting {
    readonly sha1: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
    readonly ipAddresses: readonly string[];
    readonly domains: readonly string[];
}

/** Classification of an indicator. */
export type Classification = 'malicious' | 'suspicious' | 'non_malicious' | 'unknown';

/** Enrichment (metadata) of a domain or address. */
export interface Enrichment {
    readonly queryValue: string;
    readonly queryType: 'domain' | 'ip' | 'unknown';
    readonly classification: Classification;
    readonly tags: readonly string[];
    readonly everCompromised?: boolean;
    readonly sinkhole?: boolean;
    readonly dynamicDns?: boolean;
    readonly asn?: number;
    readonly asName?: string;
    readonly network?: string;
    /** ISO 3166 alpha-2, upper case. */
    readonly country?: string;
    readonly primaryDomain?: string;
    /** With the leading dot, e.g. `.com`. */
    readonly tld?: string;
    readonly subdomains: readonly string[];
}

/** Subdomains of a domain, as full host names. */
export interface Subdomains {
    readonly queryValue: string;
    readonly primaryDomain: string;
    readonly hostnames: readonly string[];
}

/** A public report mentioning the indicator. */
export interface OsintReference extends FromProvider {
    readonly source: string;
    readonly sourceUrl?: string;
    readonly inReport: readonly string[];
    readonly tags: readonly string[];
}

/** A malware sample associated with the indicator. */
export interface MalwareReference extends FromProvider {
    readonly sample: string;
    readonly source?: string;
    readonly sourceUrl?: string;
    readonly collected?: string;
}

/** A web component seen on a host. */
export interface Component extends FromProvider {
    readonly host: string;
    readonly label: string;
    readonly category?: string;
    readonly version?: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** A tracker id seen on a host. */
export interface Tracker extends FromProvider {
    readonly host: string;
    readonly trackerType: string;
    readonly value: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** Which side of the pair the query was on. */
export type HostPairDirection = 'parents' | 'children' | 'unknown';

/** Two hosts linked by a page load or redirect. */
export interface HostPair {
    readonly parent: string;
    readonly child: string;
    /** `script.src`, `redirect`, `iframe.src`...; `unknown` when absent. */
    readonly cause: string;
    readonly direction: HostPairDirection;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** A cookie set by a host. */
export interface Cookie {
    readonly host: string;
    readonly name: string;
    readonly domain: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** A host or address found by a tracker, component or cookie search. */
export interface EntitySighting {
    readonly entity: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/** A port and what answered on it. */
export interface Service {
    readonly port: number;
    readonly protocol: string;
    readonly status: string;
    readonly count?: number;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
    readonly lastScan?: string;
    readonly banners: readonly string[];
    readonly currentServices: readonly {
        readonly label: string;
        readonly category?: string;
        readonly version?: string;
    }[];
}

/** A port seen open on a host, with the provider that saw it (Shodan InternetDB lists ports only). */
export type HostService = Service & FromProvider;

/**
 * One provider's opinion of an indicator: a verdict, what threat and malware it was tied to, and tags. One entry per
 * source record (a ThreatFox IOC) or per source summary (URLhaus host, OTX pulses, PassiveTotal classification).
 */
export interface ReputationEntry {
    /** The provider id (`otx`, `urlhaus`, `threatfox`, `passivetotal`). */
    readonly provider: string;
    readonly verdict: Classification;
    /** The kind of threat (`malware_download`, `botnet_cc`, `3 OTX pulses`...), when the source says. */
    readonly threat?: string;
    /** Malware family names, comma separated (`Cobalt Strike`, `Mozi`). */
    readonly malware?: string;
    readonly tags: readonly string[];
    readonly firstSeen?: string;
    readonly lastSeen?: string;
    /** A page about the indicator at the source (URL). */
    readonly reference?: string;
}

/** Usage and limit of API lookups. */
export interface Quota {
    readonly interval?: string;
    readonly used?: number;
    readonly limit?: number;
    /** `limit - used`, never negative. */
    readonly remaining?: number;
    readonly nextReset?: string;
    readonly organization?: { readonly used?: number; readonly limit?: number; readonly remaining?: number };
    /** The signed-in user's own lookups today against the app's daily allowance per user (none: no allowance). */
    readonly mine?: { readonly used: number; readonly limit: number };
}
