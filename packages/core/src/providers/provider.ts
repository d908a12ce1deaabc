/**
 * The provider interface: any intelligence source maps its answers into the model of `model/intel-model.ts`, so
 * the UI works with PassiveTotal today and another source later without changes.
 */
import type { Indicator } from '../indicators/indicator';
import type {
    Certificate,
    CertificateSighting,
    Component,
    Cookie,
    Enrichment,
    EntitySighting,
    HostPair,
    HostService,
    MalwareReference,
    OsintReference,
    Quota,
    RecordPage,
    ReputationEntry,
    Resolutions,
    Subdomains,
    Tracker,
    UniqueResolutions,
    WhoisRecord,
} from '../model/intel-model';
import type { ValueKind, ValueSearch, ValueSearchResult } from '../pivots/value-search';

/** Each dataset a provider can answer, and the model type it answers with. */
export interface DatasetTypes {
    resolutions: Resolutions;
    'unique-resolutions': UniqueResolutions;
    whois: RecordPage<WhoisRecord>;
    /** WHOIS records naming an email address (a WHOIS search; asked on demand, never in `datasetsFor`). */
    'whois-by-email': RecordPage<WhoisRecord>;
    /** WHOIS records naming a name server (a WHOIS search; asked on demand, never in `datasetsFor`). */
    'whois-by-nameserver': RecordPage<WhoisRecord>;
    'certificate-history': RecordPage<CertificateSighting>;
    'certificate-details': RecordPage<Certificate>;
    /**
     * Certificates naming a domain or host name in their subject common name or subject alternative names (an SSL
     * certificate search), as full records, so showing one needs no further call.
     */
    'certificates-for-name': RecordPage<Certificate>;
    enrichment: Enrichment;
    subdomains: Subdomains;
    osint: RecordPage<OsintReference>;
    malware: RecordPage<MalwareReference>;
    components: RecordPage<Component>;
    trackers: RecordPage<Tracker>;
    'host-pairs-parents': RecordPage<HostPair>;
    'host-pairs-children': RecordPage<HostPair>;
    cookies: RecordPage<Cookie>;
    'tracker-hosts': RecordPage<EntitySighting>;
    quota: Quota;
    /** Verdicts, threats, malware and tags from reputation sources (OTX, URLhaus, ThreatFox; PassiveTotal's enrichment). */
    reputation: RecordPage<ReputationEntry>;
    /** Open ports of an address (Shodan InternetDB). */
    'host-services': RecordPage<HostService>;
}

/** A dataset name. */
export type Dataset = keyof DatasetTypes;

/**
 * Why a provider call failed, decided from status codes and stable error codes, never from message text.
 * `forbidden` is PassiveTotal refusing the account (licence); `not-permitted` is Splunk refusing the user (the app's
 * endpoint answered 403 `forbidden`: the user lacks the capability `passivetotal_query`).
 */
export type ProviderErrorKind =
    | 'not-configured'
    | 'unauthorized'
    | 'forbidden'
    | 'not-permitted'
    | 'quota'
    | 'bad-request'
    | 'not-found'
    | 'upstream'
    | 'network'
    | 'aborted'
    | 'malformed'
    | 'unsupported';

/** A failed provider call (never thrown). */
export interface ProviderError {
    readonly ok: false;
    readonly kind: ProviderErrorKind;
    readonly reason: string;
    readonly expected: string;
    /** HTTP status, when there was a response. */
    readonly status?: number;
}

/** What went wrong with one provider of a call that still succeeded (another provider answered). */
export interface ProviderProblem {
    /** The provider id (`crtsh`, `otx`...). */
    readonly provider: string;
    readonly error: ProviderError;
}

/** A successful provider call. */
export interface ProviderSuccess<T> {
    readonly ok: true;
    readonly value: T;
    /** True when the proxy answered from its cache. */
    readonly cached: boolean;
    /** When the data was fetched from the source (ISO 8601), if known. */
    readonly fetchedAt?: string;
    /**
     * Providers that failed while others answered (a composite call), or parts of an answer that were skipped
     * (unreadable NDJSON lines): shown beside the data, never instead of it. Absent when there were none.
     */
    readonly problems?: readonly ProviderProblem[];
}

/** The result of a provider call. */
export type ProviderResult<T> = ProviderSuccess<T> | ProviderError;

/** Options of one call. */
export interface FetchOptions {
    readonly signal?: AbortSignalLike;
}

/** The part of `AbortSignal` the providers use (core has no DOM types). */
export interface AbortSignalLike {
    readonly aborted: boolean;
}

/** An intelligence source. */
export interface IntelProvider {
    /** Stable id, e.g. `passivetotal`. */
    readonly id: string;
    /** Label for people. */
    readonly label: string;
    /**
     * Every dataset this provider can answer for some indicator, those it answers only when asked (searches, the
     * quota) included: what it could fill at all, whatever is investigated.
     */
    datasets(): readonly Dataset[];
    /** The datasets this provider offers for an indicator (empty when none); a part of {@link datasets}. */
    datasetsFor(indicator: Indicator): readonly Dataset[];
    /** Fetches one dataset. Never rejects: every failure is a {@link ProviderError}. */
    fetch<D extends Dataset>(
        dataset: D,
        indicator: Indicator,
        options?: FetchOptions
    ): Promise<ProviderResult<DatasetTypes[D]>>;
    /**
     * The kinds of values this provider searches by (a WHOIS organisation, a certificate issuer...); absent or empty
     * when it searches none.
     */
    valueSearches?(): readonly ValueKind[];
    /** Searches by a value of one of {@link valueSearches}. Never rejects: every failure is a {@link ProviderError}. */
    searchValue?(search: ValueSearch, options?: FetchOptions): Promise<ProviderResult<ValueSearchResult>>;
}
