/**
 * Helpers shared by the open providers' mappers: passive DNS rows in the model's orientation, certificate names and
 * distinguished names, and the errors an upstream reports inside a successful answer.
 */
import type { HostIndicator, Indicator } from '../../indicators/indicator';
import type { Certificate, CertificateEntity, Resolution, Resolutions, ResolveType } from '../../model/intel-model';
import type { ProviderErrorKind } from '../provider';
import { defined } from '../passivetotal/json-reader';

/** An error the upstream reported inside a 200 answer (mnemonic `responseCode`, URLhaus `query_status`...). */
export interface UpstreamReport {
    readonly kind: ProviderErrorKind;
    readonly reason: string;
    /** The status the upstream reported, if it gave one. */
    readonly status?: number;
}

/** The host an open provider is asked about: the indicator itself, or a URL's host; undefined otherwise. */
export function hostOf(indicator: Indicator): HostIndicator | undefined {
    if (indicator.type === 'url') return indicator.host;
    if (indicator.type === 'ipv4' || indicator.type === 'ipv6' || indicator.type === 'domain') return indicator;
    return undefined;
}

/** True for an IPv4 or IPv6 address (as the sources write them). */
export function looksLikeIp(value: string): boolean {
    return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(value) || (value.includes(':') && /^[0-9a-f:.]+$/i.test(value));
}

/**
 * What an answer is: an address, an email (SOA rname written with `@`), a host name, or unknown (empty, or record
 * data that is not a name, such as TXT or SVCB parameters).
 */
export function resolveTypeOf(resolve: string): ResolveType {
    if (looksLikeIp(resolve)) return 'ip';
    if (/^[^\s@]+@[^\s@]+$/.test(resolve)) return 'email';
    return /^[a-z0-9_*-]+(?:\.[a-z0-9_-]+)*$/i.test(resolve) ? 'domain' : 'unknown';
}

/** A host name or answer as the model keeps it: trimmed, lower case, no trailing dot. */
export function normalHost(value: string): string {
    return value.trim().toLowerCase().replace(/\.$/, '');
}

/** The fields of one passive DNS observation, as a source gives it. */
export interface Observation {
    /** The owner name (rrname, query, hostname). */
    readonly name: string;
    /** The answer (rdata, answer, address). */
    readonly answer: string;
    readonly recordType: string;
    readonly firstSeen?: string;
    readonly lastSeen?: string;
}

/**
 * A passive DNS observation as a model row from the query's side, as PassiveTotal answers: for an address query the
 * address is `value` and the name `resolve` (the sources give name → address); for a name, the name is `value`.
 *
 * @example observedResolution({ name: 'www.example.com', answer: '192.0.2.10', recordType: 'a' }, '192.0.2.10', 'mnemonic')
 * // { value: '192.0.2.10', resolve: 'www.example.com', resolveType: 'domain', recordType: 'A', sources: ['mnemonic'], provider: 'mnemonic' }
 */
export function observedResolution(o: Observation, query: string, provider: string): Resolution {
    const name = normalHost(o.name);
    const answer = normalHost(o.answer);
    const q = normalHost(query);
    const reverse = looksLikeIp(q) && answer === q && name !== q;
    const value = reverse ? answer : name;
    const resolve = reverse ? name : answer;
    return defined({
        value,
        resolve,
        resolveType: resolveTypeOf(resolve),
        recordType: o.recordType.trim().toUpperCase(),
        firstSeen: o.firstSeen,
        lastSeen: o.lastSeen,
        sources: [provider],
        provider,
    });
}

/** The earliest and latest of some ISO dates. */
export function dateRange(dates: readonly (string | undefined)[]): { firstSeen?: string; lastSeen?: string } {
    const known = dates.filter((d): d is string => d !== undefined).sort();
    return defined({ firstSeen: known[0], lastSeen: known[known.length - 1] });
}

/** A passive DNS page: the query, the rows, the total the source reported (or the row count), and the date range. */
export function resolutionsPage(queryValue: string, records: readonly Resolution[], reported?: number): Resolutions {
    const range = dateRange(records.flatMap((r) => [r.firstSeen, r.lastSeen]));
    return defined({
        records,
        total: Math.max(records.length, reported ?? 0),
        queryValue: normalHost(queryValue),
        ...range,
    });
}

/** Distinct strings in first-seen order (case-insensitive; the first spelling kept). */
export function distinct(values: readonly string[]): string[] {
    const seen = new Set<string>();
    return values.filter((v) => {
        const k = v.toLowerCase();
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
}

const DN_KEYS: Readonly<Record<string, keyof CertificateEntity>> = {
    cn: 'commonName',
    o: 'organizationName',
    ou: 'organizationUnitName',
    c: 'country',
    st: 'stateOrProvinceName',
    l: 'localityName',
    street: 'streetAddress',
    emailaddress: 'emailAddress',
    e: 'emailAddress',
    givenname: 'givenName',
    sn: 'surname',
    serialnumber: 'serialNumber',
};

/**
 * Reads a distinguished name as crt.sh and Cert Spotter write it (`C=US, O="Example, Inc.", CN=Example CA R1`):
 * attributes split on commas outside quotes, quotes and `\\` escapes removed; unknown attributes ignored.
 *
 * @example parseDistinguishedName('C=US, O=Example Trust, CN=Example CA R1') // { country: 'US', organizationName: 'Example Trust', commonName: 'Example CA R1' }
 */
export function parseDistinguishedName(dn: string): CertificateEntity {
    const parts: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < dn.length; i++) {
        const ch = dn.charAt(i);
        if (ch === '\\' && i + 1 < dn.length) {
            current += dn.charAt(i + 1);
            i++;
        } else if (ch === '"') quoted = !quoted;
        else if ((ch === ',' || ch === '/') && !quoted && /^\s*[A-Za-z][\w.]*=/.test(dn.slice(i + 1))) {
            parts.push(current);
            current = '';
        } else current += ch;
    }
    parts.push(current);
    const entity: Partial<Record<keyof CertificateEntity, string>> = {};
    for (const part of parts) {
        const eq = part.indexOf('=');
        if (eq <= 0) continue;
        const key = DN_KEYS[part.slice(0, eq).trim().toLowerCase()];
        const value = part.slice(eq + 1).trim();
        if (key !== undefined && value !== '' && entity[key] === undefined) entity[key] = value;
    }
    return entity;
}

/**
 * A certificate serial number in hex (crt.sh `serial_number`, with or without colons) as the decimal string
 * PassiveTotal used; undefined when it is not hex.
 *
 * @example hexSerialToDecimal('04a1') // '1185'
 */
export function hexSerialToDecimal(hex: string): string | undefined {
    const digits = hex.replace(/[:\s]/g, '');
    if (!/^[0-9a-f]+$/i.test(digits)) return undefined;
    return BigInt(`0x${digits}`).toString(10);
}

/** True when the certificate's subject CN or a SAN is `host` or a name below it (`www.<host>`, `*.<host>`). */
export function certificateNames(certificate: Certificate, host: string): boolean {
    const h = normalHost(host);
    return [certificate.subject.commonName, ...certificate.subjectAlternativeNames].some((n) => {
        if (n === undefined) return false;
        const name = normalHost(n);
        return name === h || name.endsWith(`.${h}`);
    });
}
