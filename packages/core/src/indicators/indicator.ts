/**
 * The indicator types the product understands, after parsing and normalisation. Every indicator carries the
 * normalised `value` (what is searched and shown in `data-value`), a `display` form for people (Unicode for
 * internationalised names) and `intelQuery`, the value to ask intelligence providers about.
 */
import type { SpecialRange } from './special-ranges';

/** The indicator types, as used in `data-type` on the investigation page. */
export type IndicatorType = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'sha1' | 'tracker';

/** Every indicator type, in the order the UI lists them. */
export const INDICATOR_TYPES: readonly IndicatorType[] = Object.freeze([
    'ipv4',
    'ipv6',
    'domain',
    'url',
    'email',
    'sha1',
    'tracker',
]);

interface IndicatorCommon {
    /** The normalised value: compressed lower-case IPv6, lower-case punycode host names, the URL for URLs. */
    readonly value: string;
    /** The form to show people: Unicode for internationalised names, otherwise `value`. */
    readonly display: string;
    /** The value to send to intelligence providers (for a URL, its host; for an email, the address). */
    readonly intelQuery: string;
    /** The special range or special-use name the value falls under; absent for public values. */
    readonly special?: SpecialRange;
}

/** An IPv4 address in dotted-quad form (leading zeros read as decimal and removed). */
export interface Ipv4Indicator extends IndicatorCommon {
    readonly type: 'ipv4';
    /** The port given with the address (`198.51.100.7:8443`), if any. */
    readonly port?: number;
}

/** An IPv6 address in RFC 5952 form (compressed, lower case; IPv4-mapped ones in mixed notation). */
export interface Ipv6Indicator extends IndicatorCommon {
    readonly type: 'ipv6';
    /** The port given with a bracketed address (`[2001:db8::1]:443`), if any. */
    readonly port?: number;
}

/** A domain or host name: lower-case ASCII (punycode), no trailing dot, no leading `*.`. */
export interface DomainIndicator extends IndicatorCommon {
    readonly type: 'domain';
    /** The Unicode form (same as `value` for ASCII names). */
    readonly unicode: string;
    /** True when the input was a wildcard (`*.example.com`) or started with a dot. */
    readonly wildcard: boolean;
    /** The port given with the name (`evil.example:8080`), if any. */
    readonly port?: number;
}

/** The host part of a URL. */
export type HostIndicator = Ipv4Indicator | Ipv6Indicator | DomainIndicator;

/** A URL. Local searches use the URL; intelligence uses its host. */
export interface UrlIndicator extends IndicatorCommon {
    readonly type: 'url';
    /** Lower-case scheme, or '' when the input had none (`evil.example/login.php`). */
    readonly scheme: string;
    /** The host, parsed and normalised. */
    readonly host: HostIndicator;
    /** The port written in the URL, if any. */
    readonly port?: number;
    /** Path, query and fragment exactly as given (refanged), e.g. `/login.php?a=1`. */
    readonly path: string;
}

/** An email address, lower case, with its domain parsed. */
export interface EmailIndicator extends IndicatorCommon {
    readonly type: 'email';
    readonly localPart: string;
    readonly domain: DomainIndicator;
}

/** A certificate SHA-1 fingerprint: 40 lower-case hex digits (colon-separated input is accepted). */
export interface Sha1Indicator extends IndicatorCommon {
    readonly type: 'sha1';
}

/** A web tracker identifier, typed with PassiveTotal's tracker type names. */
export interface TrackerIndicator extends IndicatorCommon {
    readonly type: 'tracker';
    /** PassiveTotal tracker type, e.g. `GoogleAnalyticsTrackingId`, `GoogleTagManagerId`, `JarmHash`. */
    readonly trackerType: string;
}

/** A parsed, normalised indicator. */
export type Indicator =
    Ipv4Indicator | Ipv6Indicator | DomainIndicator | UrlIndicator | EmailIndicator | Sha1Indicator | TrackerIndicator;
