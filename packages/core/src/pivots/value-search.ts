/**
 * Values of intelligence records that are not indicators but worth pivoting on: a WHOIS contact's name,
 * organisation, phone number or street address, a registrar, a certificate's issuer, subject or serial number, an
 * autonomous system or a network. Each kind says which search answers it, if any (PassiveTotal's WHOIS search and
 * SSL certificate search take these fields), and what a value must look like to be searched, so a value that no
 * source can search never pretends to be a search: it is offered as a search of the analyst's own events instead.
 */
import type { RecordPage, Certificate, WhoisRecord } from '../model/intel-model';

/** The kinds of values a pivot can search by. */
export type ValueKind =
    | 'whois-name'
    | 'whois-organization'
    | 'whois-phone'
    | 'whois-address'
    | 'whois-registrar'
    | 'certificate-issuer'
    | 'certificate-issuer-organization'
    | 'certificate-subject'
    | 'certificate-subject-organization'
    | 'certificate-serial'
    | 'asn'
    | 'network';

/** Which records a value search returns. */
export type ValueSearchSource = 'whois' | 'certificates';

/** The field of PassiveTotal's `whois/search` a kind searches. */
export type WhoisSearchField = 'name' | 'organization' | 'phone' | 'address';

/** The field of PassiveTotal's `ssl-certificate/search` a kind searches. */
export type CertificateSearchField =
    'issuerCommonName' | 'issuerOrganizationName' | 'subjectCommonName' | 'subjectOrganizationName' | 'serialNumber';

/** What is known of a kind: its words, and the search that answers it (none: only the analyst's events can). */
export interface ValueKindSpec {
    /** For people, after "the": "organisation", "certificate issuer". */
    readonly label: string;
    readonly search?:
        | { readonly source: 'whois'; readonly field: WhoisSearchField }
        | { readonly source: 'certificates'; readonly field: CertificateSearchField };
}

/**
 * Every kind. The registrar has no field in PassiveTotal's WHOIS search, and no source maps an autonomous system or
 * a network to its addresses, so those three are searched in the analyst's events only.
 */
export const VALUE_KINDS: Readonly<Record<ValueKind, ValueKindSpec>> = Object.freeze({
    'whois-name': { label: 'contact name', search: { source: 'whois', field: 'name' } },
    'whois-organization': { label: 'organisation', search: { source: 'whois', field: 'organization' } },
    'whois-phone': { label: 'phone number', search: { source: 'whois', field: 'phone' } },
    'whois-address': { label: 'street address', search: { source: 'whois', field: 'address' } },
    'whois-registrar': { label: 'registrar' },
    'certificate-issuer': {
        label: 'certificate issuer',
        search: { source: 'certificates', field: 'issuerCommonName' },
    },
    'certificate-issuer-organization': {
        label: "certificate issuer's organisation",
        search: { source: 'certificates', field: 'issuerOrganizationName' },
    },
    'certificate-subject': {
        label: 'certificate subject',
        search: { source: 'certificates', field: 'subjectCommonName' },
    },
    'certificate-subject-organization': {
        label: "certificate subject's organisation",
        search: { source: 'certificates', field: 'subjectOrganizationName' },
    },
    'certificate-serial': {
        label: 'certificate serial number',
        search: { source: 'certificates', field: 'serialNumber' },
    },
    asn: { label: 'autonomous system' },
    network: { label: 'network' },
});

/** Every value kind, in the order above. */
export const VALUE_KIND_IDS = Object.freeze(Object.keys(VALUE_KINDS)) as readonly ValueKind[];

/** A value search: the kind and the value as the record gives it (trimmed). */
export interface ValueSearch {
    readonly kind: ValueKind;
    readonly value: string;
}

/** The answer of a value search: WHOIS records or certificates. */
export type ValueSearchResult =
    | { readonly source: 'whois'; readonly page: RecordPage<WhoisRecord> }
    | { readonly source: 'certificates'; readonly page: RecordPage<Certificate> };

/** The longest value a search sends (the app's endpoint refuses longer search values). */
export const MAX_SEARCH_VALUE = 256;

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\%]|\.\.|:\/\//;
const PHONE = /^[+(). 0-9-]{3,40}$/;

/**
 * True for a string that names a value kind.
 *
 * @example isValueKind('whois-organization') // true
 */
export function isValueKind(text: string): text is ValueKind {
    return Object.prototype.hasOwnProperty.call(VALUE_KINDS, text);
}

/**
 * The search of a value of a kind, or undefined for an empty value. The value is trimmed; its case is kept (free-text
 * searches are case-sensitive upstream).
 *
 * @example valueSearch('whois-organization', ' Secure Update Services ') // { kind: 'whois-organization', value: 'Secure Update Services' }
 */
export function valueSearch(kind: ValueKind, value: string): ValueSearch | undefined {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : { kind, value: trimmed };
}

/**
 * True when an intelligence source can be asked about this value: its kind has a search, and the value is one the
 * app's endpoint sends upstream (1 to 256 characters, no control characters, backslash, `%`, `..` or `://`; a phone
 * number of digits, spaces and `+ ( ) . -` with at least three digits). A value that is not is offered as a search
 * of the analyst's events only.
 *
 * @example searchable({ kind: 'whois-organization', value: 'Secure Update Services' }) // true
 * @example searchable({ kind: 'whois-registrar', value: 'Bargain Names Registrar, Inc.' }) // false: no source searches registrars
 */
export function searchable(search: ValueSearch): boolean {
    const spec = VALUE_KINDS[search.kind].search;
    const v = search.value;
    if (!spec || v === '' || v.length > MAX_SEARCH_VALUE || v !== v.trim() || UNSAFE.test(v)) return false;
    if (spec.source === 'whois' && spec.field === 'phone') return PHONE.test(v) && (v.match(/\d/g) ?? []).length >= 3;
    return true;
}

/**
 * The value with its kind, for people: "the organisation Secure Update Services".
 *
 * @example valueSearchWords({ kind: 'certificate-issuer', value: 'Demo Free TLS CA R3' }) // 'the certificate issuer Demo Free TLS CA R3'
 */
export function valueSearchWords(search: ValueSearch): string {
    return `the ${VALUE_KINDS[search.kind].label} ${search.value}`;
}
