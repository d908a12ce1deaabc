/**
 * Mappers from every PassiveTotal v2 response shape (as documented and as recorded) into the intelligence
 * model. Each takes the parsed JSON body and returns a {@link Result}: a failure only when the body is not the
 * kind of JSON value the endpoint answers with at all; missing fields, odd date formats, old key spellings and the
 * differences between endpoints are tolerated.
 */
import { parseApiDate } from '../../model/dates';
import type {
    Certificate,
    CertificateEntity,
    CertificateSighting,
    Classification,
    Component,
    Cookie,
    Enrichment,
    EntitySighting,
    HostPair,
    HostPairDirection,
    MalwareReference,
    OsintReference,
    Quota,
    RecordPage,
    Resolution,
    Resolutions,
    ResolveType,
    Subdomains,
    Tracker,
    UniqueResolutions,
    WhoisContact,
    WhoisRecord,
    WhoisRole,
} from '../../model/intel-model';
import { fail, ok, type Result } from '../../result';
import {
    asArray,
    asBoolean,
    asHost,
    asNumber,
    asObject,
    asText,
    asTextList,
    defined,
    pick,
    type JsonObject,
} from './json-reader';

const EXPECTED_OBJECT = 'a JSON object, as PassiveTotal answers';

function body(json: unknown, endpoint: string): Result<JsonObject> {
    const o = asObject(json);
    return o ? ok(o) : fail(`the ${endpoint} response is not a JSON object`, EXPECTED_OBJECT);
}

function page<T>(records: T[], reported: unknown): RecordPage<T> {
    return { records, total: asNumber(reported) ?? records.length };
}

function dates(o: JsonObject): { firstSeen?: string; lastSeen?: string } {
    return defined({ firstSeen: parseApiDate(o['firstSeen']), lastSeen: parseApiDate(o['lastSeen']) });
}

// ---------------------------------------------------------------------------------------------------------------
// Passive DNS

function resolveType(v: unknown, resolve: string): ResolveType {
    const t = asText(v)?.toLowerCase();
    if (t === 'ip' || t === 'domain' || t === 'email') return t;
    if (/^[\d.]+$/.test(resolve) || resolve.includes(':')) return 'ip';
    if (resolve.includes('@')) return 'email';
    return resolve === '' ? 'unknown' : 'domain';
}

/**
 * `GET /dns/passive`.
 *
 * @example mapPassiveDns({ queryValue: 'passivetotal.org', results: [{ value: 'passivetotal.org', resolve: '54.153.123.93', ... }] })
 */
export function mapPassiveDns(json: unknown): Result<Resolutions> {
    const b = body(json, 'passive DNS');
    if (!b.ok) return b;
    const o = b.value;
    const records = asArray(o['results']).flatMap((r): Resolution[] => {
        const x = asObject(r);
        if (!x) return [];
        const resolve = asHost(x['resolve']) ?? '';
        return [
            defined({
                value: asHost(x['value']) ?? asHost(o['queryValue']) ?? '',
                resolve,
                resolveType: resolveType(x['resolveType'], resolve),
                recordType: asText(x['recordType']) ?? '',
                ...dates(x),
                collected: parseApiDate(x['collected']),
                sources: asTextList(x['source']),
                recordHash: asText(x['recordHash']),
            }),
        ];
    });
    return ok(defined({ ...page(records, o['totalRecords']), queryValue: asText(o['queryValue']) ?? '', ...dates(o) }));
}

/** `GET /dns/passive/unique` (note `total`, not `totalRecords`, and `[value, count]` frequency pairs). */
export function mapUniqueResolutions(json: unknown): Result<UniqueResolutions> {
    const b = body(json, 'unique resolutions');
    if (!b.ok) return b;
    const o = b.value;
    const counts = new Map<string, number>();
    for (const pair of asArray(o['frequency'])) {
        const [value, count] = asArray(pair);
        const v = asHost(value);
        if (v !== undefined) counts.set(v, asNumber(count) ?? 0);
    }
    const values = asTextList(o['results']).map((v) => v.toLowerCase().replace(/\.$/, ''));
    const all = values.length > 0 ? values : [...counts.keys()];
    const records = all.map((resolve) => ({ resolve, count: counts.get(resolve) ?? 0 }));
    return ok({ ...page(records, o['total'] ?? o['totalRecords']), queryValue: asText(o['queryValue']) ?? '' });
}

// ---------------------------------------------------------------------------------------------------------------
// WHOIS

const CONTACT_FIELDS = [
    'name',
    'organization',
    'email',
    'telephone',
    'fax',
    'street',
    'city',
    'state',
    'postalCode',
    'country',
] as const;
const ROLES: readonly WhoisRole[] = ['registrant', 'admin', 'tech', 'billing', 'zone'];

function contact(v: unknown): WhoisContact | undefined {
    const o = asObject(v);
    if (!o) return undefined;
    const c: Record<string, string> = {};
    for (const f of CONTACT_FIELDS) {
        const t = asText(o[f]);
        if (t !== undefined) c[f] = f === 'email' ? t.toLowerCase() : t;
    }
    return Object.keys(c).length > 0 ? c : undefined;
}

/** Raw WHOIS text kept exactly (not trimmed), when it has any content. */
function rawText(v: unknown): string | undefined {
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function whoisRecord(o: JsonObject): WhoisRecord {
    const contacts: Partial<Record<WhoisRole, WhoisContact>> = {};
    for (const role of ROLES) {
        // Graph TI calls the technical contact `technical`.
        const c = contact(o[role] ?? (role === 'tech' ? o['technical'] : undefined));
        if (c) contacts[role] = c;
    }
    return defined({
        domain: asHost(o['domain']) ?? '',
        registrar: asText(o['registrar']),
        whoisServer: asText(o['whoisServer']),
        registered: parseApiDate(o['registered']),
        updated: parseApiDate(o['registryUpdatedAt']),
        expires: parseApiDate(o['expiresAt']),
        lastLoaded: parseApiDate(o['lastLoadedAt']),
        contactEmail: asText(o['contactEmail'])?.toLowerCase(),
        nameServers: asTextList(o['nameServers']).map((n) => n.toLowerCase().replace(/\.$/, '')),
        contacts,
        domainStatus: (asText(o['domainStatus']) ?? '').split(',').flatMap((s) => (s.trim() === '' ? [] : [s.trim()])),
        rawText: rawText(o['rawText']) ?? rawText(o['text']),
    });
}

/** `GET /whois`: one record, or with `history=true` a page of records. An empty `{}` means no record. */
export function mapWhois(json: unknown): Result<RecordPage<WhoisRecord>> {
    const b = body(json, 'WHOIS');
    if (!b.ok) return b;
    const o = b.value;
    if (Array.isArray(o['results'])) return mapWhoisSearch(o);
    if (asText(o['domain']) === undefined && Object.keys(o).length === 0) return ok(page([], 0));
    return ok(page([whoisRecord(o)], undefined));
}

/** `GET /whois/search` (`totalrecords` in lower case on newer answers). */
export function mapWhoisSearch(json: unknown): Result<RecordPage<WhoisRecord>> {
    const b = body(json, 'WHOIS search');
    if (!b.ok) return b;
    const records = asArray(b.value['results']).flatMap((r) => {
        const x = asObject(r);
        return x ? [whoisRecord(x)] : [];
    });
    return ok(page(records, b.value['totalRecords'] ?? b.value['totalrecords']));
}

// ---------------------------------------------------------------------------------------------------------------
// SSL certificates

const ENTITY_FIELDS: readonly (readonly [keyof CertificateEntity, string])[] = [
    ['commonName', 'CommonName'],
    ['organizationName', 'OrganizationName'],
    ['organizationUnitName', 'OrganizationUnitName'],
    ['country', 'Country'],
    ['stateOrProvinceName', 'StateOrProvinceName'],
    ['localityName', 'LocalityName'],
    ['streetAddress', 'StreetAddress'],
    ['emailAddress', 'EmailAddress'],
    ['givenName', 'GivenName'],
    ['surname', 'Surname'],
    ['serialNumber', 'SerialNumber'],
];

function entity(o: JsonObject, prefix: 'subject' | 'issuer'): CertificateEntity {
    const e: Partial<Record<keyof CertificateEntity, string>> = {};
    for (const [key, suffix] of ENTITY_FIELDS) {
        const t = asText(
            pick(o, `${prefix}${suffix}`) ?? (key === 'stateOrProvinceName' ? pick(o, `${prefix}Province`) : undefined)
        );
        if (t !== undefined) e[key] = t;
    }
    return e;
}

function certificate(o: JsonObject): Certificate {
    return defined({
        sha1: (asText(o['sha1']) ?? '').toLowerCase(),
        fingerprint: asText(o['fingerprint'])?.toLowerCase(),
        serialNumber: asText(pick(o, 'serialNumber')),
        sslVersion: asText(o['sslVersion']),
        issued: parseApiDate(o['issueDate']),
        expires: parseApiDate(o['expirationDate']),
        ...dates(o),
        subject: entity(o, 'subject'),
        issuer: entity(o, 'issuer'),
        subjectAlternativeNames: asTextList(pick(o, 'subjectAlternativeNames')).map((n) => n.toLowerCase()),
    });
}

/**
 * `GET /ssl-certificate` (`{results:[cert]}`, or a bare certificate in the 2016 format) and
 * `GET /ssl-certificate/search` (`{results:[cert]}`, with 2016 lower-case key spellings tolerated).
 */
export function mapCertificates(json: unknown): Result<RecordPage<Certificate>> {
    const b = body(json, 'SSL certificate');
    if (!b.ok) return b;
    const o = b.value;
    if (!Array.isArray(o['results'])) {
        return ok(asText(o['sha1']) === undefined ? page([], 0) : page([certificate(o)], undefined));
    }
    const records = asArray(o['results']).flatMap((r) => {
        const x = asObject(r);
        return x ? [certificate(x)] : [];
    });
    return ok(page(records, o['overallTotalRecords'] ?? o['totalRecords']));
}

/**
 * `GET /ssl-certificate/search?field=name&query=<name>`, keeping only the certificates that really name `name`: its
 * subject CN or a SAN is the name or a name below it (`www.<name>`, `*.<name>`). PassiveTotal matches `name` as a
 * substring, so `evil.example` also finds `notevil.example`; those are dropped and not counted in `total`.
 *
 * @example mapCertificatesForName(body, 'evil.example') // { ok: true, value: { records: [cert with SAN evil.example], total: 1 } }
 */
export function mapCertificatesForName(json: unknown, name: string): Result<RecordPage<Certificate>> {
    const mapped = mapCertificates(json);
    if (!mapped.ok) return mapped;
    const host = name.toLowerCase();
    const names = (c: Certificate) => [c.subject.commonName?.toLowerCase(), ...c.subjectAlternativeNames];
    const records = mapped.value.records.filter((c) =>
        names(c).some((n) => n !== undefined && (n === host || n.endsWith(`.${host}`)))
    );
    const dropped = mapped.value.records.length - records.length;
    return ok({ records, total: Math.max(records.length, mapped.value.total - dropped) });
}

/** `GET /ssl-certificate/history` (by SHA-1 or IP; `ipAddresses` may be the string `"N/A"`). */
export function mapCertificateHistory(json: unknown): Result<RecordPage<CertificateSighting>> {
    const b = body(json, 'SSL certificate history');
    if (!b.ok) return b;
    const records = asArray(b.value['results']).flatMap((r): CertificateSighting[] => {
        const x = asObject(r);
        if (!x) return [];
        return [
            defined({
                sha1: (asText(x['sha1']) ?? '').toLowerCase(),
                ...dates(x),
                ipAddresses: asTextList(x['ipAddresses']),
                domains: asTextList(x['domains']).map((d) => d.toLowerCase()),
            }),
        ];
    });
    return ok(page(records, b.value['totalRecords']));
}

// ---------------------------------------------------------------------------------------------------------------
// Enrichment

/** Normalises a classification (`non-malicious`, `NON_MALICIOUS`, `""` ...). */
export function classification(v: unknown): Classification {
    const t = (asText(v) ?? '').toLowerCase().replace('-', '_');
    return t === 'malicious' || t === 'suspicious' || t === 'non_malicious' ? t : 'unknown';
}

function enrichment(o: JsonObject): Enrichment {
    const queryType = asText(o['queryType'])?.toLowerCase();
    const tags = new Set([...asTextList(o['tags']), ...asTextList(o['global_tags']), ...asTextList(o['system_tags'])]);
    return defined({
        queryValue: asText(o['queryValue']) ?? '',
        queryType: queryType === 'domain' || queryType === 'ip' ? queryType : 'unknown',
        classification: classification(o['classification']),
        tags: [...tags],
        everCompromised: asBoolean(o['everCompromised']),
        sinkhole: asBoolean(o['sinkhole']),
        dynamicDns: asBoolean(o['dynamicDns']),
        asn: asNumber(o['autonomousSystemNumber']),
        asName: asText(o['autonomousSystemName']),
        network: asText(o['network']),
        country: asText(o['country'])?.toUpperCase(),
        primaryDomain: asHost(o['primaryDomain']),
        tld: asText(o['tld'])?.toLowerCase(),
        subdomains: asTextList(o['subdomains']).map((s) => s.toLowerCase()),
    });
}

/** `GET /enrichment`. */
export function mapEnrichment(json: unknown): Result<Enrichment> {
    const b = body(json, 'enrichment');
    return b.ok ? ok(enrichment(b.value)) : b;
}

/** `GET /enrichment/subdomains`: labels relative to `primaryDomain` (from the response, not the query). */
export function mapSubdomains(json: unknown): Result<Subdomains> {
    const b = body(json, 'subdomains');
    if (!b.ok) return b;
    const o = b.value;
    const queryValue = asText(o['queryValue']) ?? '';
    const primaryDomain = asHost(o['primaryDomain']) ?? queryValue.toLowerCase().replace(/^\*?\./, '');
    const hostnames = asTextList(o['subdomains']).map((label) => {
        const l = label.toLowerCase().replace(/\.$/, '');
        return l.endsWith(`.${primaryDomain}`) || l === primaryDomain ? l : `${l}.${primaryDomain}`;
    });
    return ok({ queryValue, primaryDomain, hostnames });
}

function osint(x: JsonObject): OsintReference {
    return defined({
        source: asText(x['source']) ?? 'unknown',
        sourceUrl: asText(x['sourceUrl'] ?? x['source_url']),
        inReport: asTextList(x['inReport']).map((s) => s.toLowerCase()),
        tags: asTextList(x['tags']),
    });
}

/** `GET /enrichment/osint`. */
export function mapOsint(json: unknown): Result<RecordPage<OsintReference>> {
    const b = body(json, 'OSINT');
    if (!b.ok) return b;
    const records = asArray(b.value['results']).flatMap((r) => {
        const x = asObject(r);
        return x ? [osint(x)] : [];
    });
    return ok(page(records, b.value['totalRecords']));
}

/** `GET /enrichment/malware`. */
export function mapMalware(json: unknown): Result<RecordPage<MalwareReference>> {
    const b = body(json, 'malware');
    if (!b.ok) return b;
    const records = asArray(b.value['results']).flatMap((r): MalwareReference[] => {
        const x = asObject(r);
        const sample = asText(x?.['sample']);
        if (!x || sample === undefined) return [];
        return [
            defined({
                sample: sample.toLowerCase(),
                source: asText(x['source']),
                sourceUrl: asText(x['sourceUrl'] ?? x['source_url']),
                collected: parseApiDate(x['collectionDate']),
            }),
        ];
    });
    return ok(page(records, b.value['totalRecords']));
}

// ---------------------------------------------------------------------------------------------------------------
// Host attributes

function hostOf(x: JsonObject): string {
    return asHost(x['hostname']) ?? asHost(x['address']) ?? asHost(x['host']) ?? '';
}

function results<T>(json: unknown, endpoint: string, map: (x: JsonObject) => T | undefined): Result<RecordPage<T>> {
    const b = body(json, endpoint);
    if (!b.ok) return b;
    const records = asArray(b.value['results']).flatMap((r) => {
        const x = asObject(r);
        const m = x ? map(x) : undefined;
        return m === undefined ? [] : [m];
    });
    return ok(page(records, b.value['totalRecords']));
}

/** `GET /host-attributes/components` and `GET /components/{name}/hosts|addresses`. */
export function mapComponents(json: unknown): Result<RecordPage<Component>> {
    return results(json, 'components', (x) =>
        defined({
            host: hostOf(x),
            label: asText(x['label']) ?? '',
            category: asText(x['category']),
            version: asText(x['version']),
            ...dates(x),
        })
    );
}

/** `GET /host-attributes/trackers`. */
export function mapTrackers(json: unknown): Result<RecordPage<Tracker>> {
    return results(json, 'trackers', (x) => {
        const value = asText(x['attributeValue']);
        if (value === undefined) return undefined;
        return defined({ host: hostOf(x), trackerType: asText(x['attributeType']) ?? 'unknown', value, ...dates(x) });
    });
}

/** `GET /host-attributes/pairs`; `direction` is the request parameter (`parents` or `children`). */
export function mapHostPairs(json: unknown, direction: HostPairDirection = 'unknown'): Result<RecordPage<HostPair>> {
    return results(json, 'host pairs', (x) => {
        const parent = asHost(x['parent']);
        const child = asHost(x['child']);
        if (parent === undefined || child === undefined) return undefined;
        return defined({ parent, child, cause: asText(x['cause']) ?? 'unknown', direction, ...dates(x) });
    });
}

/** `GET /host-attributes/cookies` and `GET /cookies/domain|name/{value}/hosts|addresses`. */
export function mapCookies(json: unknown): Result<RecordPage<Cookie>> {
    return results(json, 'cookies', (x) =>
        defined({
            host: hostOf(x),
            name: asText(x['cookieName']) ?? '',
            domain: asHost(x['cookieDomain']) ?? '',
            ...dates(x),
        })
    );
}

/** `GET /trackers/search` (`entity`, or `hostname` in the 2016 shape) and `GET /trackers/{value}/hosts|addresses`. */
export function mapTrackerSearch(json: unknown): Result<RecordPage<EntitySighting>> {
    return results(json, 'tracker search', (x) => {
        const entity = asHost(x['entity']) ?? asHost(x['hostname']) ?? asHost(x['address']);
        return entity === undefined ? undefined : defined({ entity, ...dates(x) });
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Quota

function quotaBlock(v: unknown): { used?: number; limit?: number; remaining?: number } {
    const o = asObject(v);
    const used = asNumber(asObject(o?.['counts'])?.['search_api']);
    const limit = asNumber(asObject(o?.['limits'])?.['search_api']);
    const remaining = used !== undefined && limit !== undefined ? Math.max(0, limit - used) : undefined;
    return defined({ used, limit, remaining });
}

/** `GET /account/quota`: the user's `search_api` counters (and the organisation's, when it has any). */
export function mapQuota(json: unknown): Result<Quota> {
    const b = body(json, 'quota');
    if (!b.ok) return b;
    const user = asObject(b.value['user']);
    const org = quotaBlock(b.value['organization']);
    return ok(
        defined({
            interval: asText(user?.['quotaInterval']),
            ...quotaBlock(user),
            nextReset: parseApiDate(user?.['next_reset']),
            organization: org.limit === undefined ? undefined : org,
        })
    );
}
