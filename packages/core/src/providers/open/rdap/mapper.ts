/**
 * RDAP (RFC 9083) answers into WHOIS records. The app's endpoint answers `{registry, registrar}`: the registry's
 * object (domain, IP network or autnum), and for thin registries (`.com`, `.net`) the registrar's answer the registry
 * links to (`links[rel=related, type=application/rdap+json]`), or null. Contacts come from jCard (RFC 7095)
 * `vcardArray`s of the entities by role, the registrar's answer first. Redaction (RFC 9537 `redacted`, "REDACTED FOR
 * PRIVACY" values and remarks, empty `fn`) is shown, not hidden: such a field holds the literal `[redacted]` and its
 * name is listed in `redacted`.
 */
import { parseApiDate } from '../../../model/dates';
import type { RecordPage, WhoisContact, WhoisRecord, WhoisRole } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asNumber, asObject, asText, defined, type JsonObject } from '../../passivetotal/json-reader';
import type { UpstreamReport } from '../common';
import { distinct, normalHost } from '../common';

/** The text shown in place of a field the source redacted. */
export const REDACTED = '[redacted]';

const PROVIDER = 'rdap';
const EXPECTED = 'a JSON object {registry, registrar} with RDAP (RFC 9083) answers, as the app endpoint sends';

type ContactField = keyof WhoisContact;
type MutableContact = { -readonly [K in ContactField]?: string };

/** RDAP entity roles → the model's contact roles. */
const ROLES: readonly (readonly [string, WhoisRole])[] = [
    ['registrant', 'registrant'],
    ['administrative', 'admin'],
    ['technical', 'tech'],
    ['billing', 'billing'],
];

const ROLE_LABELS: Readonly<Record<WhoisRole, string>> = {
    registrant: 'Registrant',
    admin: 'Admin',
    tech: 'Tech',
    billing: 'Billing',
    zone: 'Zone',
};

const FIELD_LABELS: Readonly<Record<ContactField, string>> = {
    name: 'Name',
    organization: 'Organization',
    email: 'Email',
    telephone: 'Phone',
    fax: 'Fax',
    street: 'Street',
    city: 'City',
    state: 'State/Province',
    postalCode: 'Postal Code',
    country: 'Country',
};

/** How values say "redacted" before RFC 9537 (`REDACTED FOR PRIVACY`, `Data Protected`...). */
const REDACTED_VALUE = /redacted|withheld for privacy|not disclosed|data protected/i;

// ---------------------------------------------------------------------------------------------------------------
// jCard

/** One jCard contact as read from `vcardArray` (RFC 7095), values as given (`[redacted]` where redacted). */
export interface JCard {
    /** `individual`, `org`, `group`... when given. */
    readonly kind?: string;
    readonly contact: WhoisContact;
    /** Fields given as redacted (empty `fn`, "REDACTED FOR PRIVACY" values). */
    readonly redactedFields: readonly ContactField[];
}

function paramList(params: JsonObject | undefined, key: string): string[] {
    const v = params?.[key];
    return (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? [x.toLowerCase()] : []));
}

/** A property value as text: strings kept, arrays (org units, street lines) joined, anything else absent. */
function propText(v: unknown): string | undefined {
    if (typeof v === 'string') return v.trim();
    if (Array.isArray(v)) {
        const parts = v.flatMap((x) => {
            const t = propText(x);
            return t === undefined || t === '' ? [] : [t];
        });
        return parts.join(', ');
    }
    return undefined;
}

interface Prop {
    readonly name: string;
    readonly params: JsonObject | undefined;
    readonly type: string;
    readonly value: unknown;
    readonly pref: number;
}

function props(vcardArray: unknown): Prop[] {
    const list = asArray(asArray(vcardArray)[1]);
    const out = list.flatMap((p, index): Prop[] => {
        const a = asArray(p);
        const name = a[0];
        if (typeof name !== 'string') return [];
        const params = asObject(a[1]);
        const pref = asNumber(params?.['pref']) ?? 100 + index / 1000;
        return [{ name: name.toLowerCase(), params, type: typeof a[2] === 'string' ? a[2] : '', value: a[3], pref }];
    });
    // Properties may repeat; a `pref` parameter orders them (stable otherwise).
    return out.sort((x, y) => x.pref - y.pref);
}

/**
 * Reads one entity's `vcardArray`: name, organisation, e-mail, voice and fax numbers (`tel:` URIs stripped),
 * the 7-part address (or its `label` when every part is empty; the country code from the `cc` parameter).
 *
 * @example readJCard(['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', ''], ['org', {}, 'text', 'Example Corp']]])
 * // { contact: { name: '[redacted]', organization: 'Example Corp' }, redactedFields: ['name'] }
 */
export function readJCard(vcardArray: unknown): JCard {
    const c: MutableContact = {};
    const redactedFields: ContactField[] = [];
    let kind: string | undefined;
    const set = (field: ContactField, raw: string | undefined, emptyIsRedacted = false) => {
        if (raw === undefined || c[field] !== undefined) return;
        if ((raw === '' && emptyIsRedacted) || (raw !== '' && REDACTED_VALUE.test(raw))) {
            c[field] = REDACTED;
            redactedFields.push(field);
        } else if (raw !== '') c[field] = raw;
    };
    for (const p of props(vcardArray)) {
        const text = propText(p.value);
        switch (p.name) {
            case 'fn':
                set('name', text, true);
                break;
            case 'org':
                set('organization', text);
                break;
            case 'kind':
                kind = text?.toLowerCase() ?? kind;
                break;
            case 'email':
                set('email', text?.toLowerCase(), true);
                break;
            case 'tel': {
                const number = p.type === 'uri' ? text?.replace(/^tel:/i, '') : text;
                set(paramList(p.params, 'type').includes('fax') ? 'fax' : 'telephone', number, true);
                break;
            }
            case 'contact-uri':
                if (text !== undefined && /^mailto:/i.test(text)) set('email', text.slice(7).toLowerCase());
                break;
            case 'adr':
                readAddress(p, set);
                break;
            default:
                break;
        }
    }
    return defined({ kind, contact: c, redactedFields });
}

function readAddress(p: Prop, set: (field: ContactField, raw: string | undefined) => void): void {
    const parts = asArray(p.value).map((x) => propText(x) ?? '');
    const [pobox = '', ext = '', street = '', city = '', state = '', postal = '', country = ''] = parts;
    const cc = asText(p.params?.['cc']);
    if ([pobox, ext, street, city, state, postal, country].every((x) => x === '')) {
        const label = asText(p.params?.['label']);
        if (label !== undefined)
            set(
                'street',
                label
                    .split(/\r?\n/)
                    .map((l) => l.trim())
                    .filter(Boolean)
                    .join(', ')
            );
    } else {
        set('street', [pobox, ext, street].filter(Boolean).join(', '));
        set('city', city);
        set('state', state);
        set('postalCode', postal);
    }
    set('country', cc?.toUpperCase() ?? (/^[a-z]{2}$/i.test(country) ? country.toUpperCase() : country));
}

// ---------------------------------------------------------------------------------------------------------------
// Entities

interface Found {
    readonly entity: JsonObject;
    readonly depth: number;
    /** Nested in a registrar entity (its own contacts, not the object's). */
    readonly underRegistrar: boolean;
}

/**
 * Every entity of an object, nested ones too: the registrar's abuse contact sits inside the registrar, ARIN's
 * points of contact inside the organisation.
 */
function allEntities(o: JsonObject | undefined, depth = 0, underRegistrar = false): Found[] {
    if (!o || depth > 4) return [];
    return asArray(o['entities']).flatMap((e) => {
        const x = asObject(e);
        if (!x) return [];
        const nestedUnder = underRegistrar || roles(x).includes('registrar');
        return [{ entity: x, depth, underRegistrar }, ...allEntities(x, depth + 1, nestedUnder)];
    });
}

function roles(entity: JsonObject): string[] {
    return asArray(entity['roles']).flatMap((r) => (typeof r === 'string' ? [r.toLowerCase()] : []));
}

/** The shallowest entity with a role, preferring one with a jCard. */
function byRole(found: readonly Found[], role: string): JsonObject | undefined {
    const withRole = found.filter((f) => roles(f.entity).includes(role));
    const sorted = [...withRole].sort(
        (a, b) => Number(!('vcardArray' in a.entity)) - Number(!('vcardArray' in b.entity)) || a.depth - b.depth
    );
    return sorted[0]?.entity;
}

/** The titles (and types) of an object's remarks. */
function remarkTitles(o: JsonObject): string[] {
    return asArray(o['remarks']).flatMap((r) => {
        const x = asObject(r);
        return [asText(x?.['title']), asText(x?.['type'])].filter((t): t is string => t !== undefined);
    });
}

/**
 * A role's contact: its jCard (an organisation's `fn` as its organisation), then what its remarks say is redacted
 * ("EMAIL REDACTED FOR PRIVACY" the e-mail; "REDACTED FOR PRIVACY" or a restricted publication the name, e-mail and
 * phone), for the fields the jCard left out.
 */
function contactOf(entity: JsonObject): MutableContact {
    const card = readJCard(entity['vcardArray']);
    const contact: MutableContact = { ...card.contact };
    if (card.kind === 'org' && contact.organization === undefined && contact.name !== undefined) {
        contact.organization = contact.name;
        delete contact.name;
    }
    for (const title of remarkTitles(entity)) {
        if (!/redacted|restricted publication/i.test(title)) continue;
        const fields: ContactField[] = /e-?mail/i.test(title) ? ['email'] : ['name', 'email', 'telephone'];
        for (const f of fields) contact[f] ??= REDACTED;
    }
    return contact;
}

// ---------------------------------------------------------------------------------------------------------------
// RFC 9537

const REDACTION_NAME =
    /^(registrant|admin(?:istrative)?|tech(?:nical)?|billing)\s+(name|organi[sz]ation|org|e-?mail|phone|telephone|voice|fax|street|city|state\/province|state|province|postal\s*code|post\s*code|country(?:\s*code)?)$/i;

function redactionField(word: string): ContactField {
    const w = word.toLowerCase().replace(/\s+/g, ' ');
    if (w === 'name') return 'name';
    if (w.startsWith('org')) return 'organization';
    if (w.includes('mail')) return 'email';
    if (w === 'fax') return 'fax';
    if (w === 'street') return 'street';
    if (w === 'city') return 'city';
    if (w.startsWith('state') || w === 'province') return 'state';
    if (w.startsWith('post')) return 'postalCode';
    if (w.startsWith('country')) return 'country';
    return 'telephone';
}

function redactionRole(word: string): WhoisRole {
    const w = word.toLowerCase();
    if (w.startsWith('admin')) return 'admin';
    if (w.startsWith('tech')) return 'tech';
    return w === 'billing' ? 'billing' : 'registrant';
}

/** The names of an answer's RFC 9537 `redacted` members (`name.description`, else `name.type`). */
function redactionNames(o: JsonObject | undefined): string[] {
    return asArray(o?.['redacted']).flatMap((r) => {
        const name = asObject(asObject(r)?.['name']);
        const t = asText(name?.['description']) ?? asText(name?.['type']);
        return t === undefined ? [] : [t];
    });
}

// ---------------------------------------------------------------------------------------------------------------
// One answer

interface Read {
    readonly contacts: Partial<Record<WhoisRole, MutableContact>>;
    readonly registrar?: string;
    readonly abuseEmail?: string;
    readonly redactions: string[];
}

function readBody(o: JsonObject): Read {
    const found = allEntities(o);
    const contacts: Partial<Record<WhoisRole, MutableContact>> = {};
    for (const [rdapRole, role] of ROLES) {
        // A registrar's own technical contact is not the object's.
        const entity = byRole(
            found.filter((f) => !f.underRegistrar),
            rdapRole
        );
        const contact = entity ? contactOf(entity) : undefined;
        if (contact && Object.keys(contact).length > 0) contacts[role] = contact;
    }
    const registrarEntity = byRole(found, 'registrar');
    const registrarCard = registrarEntity ? readJCard(registrarEntity['vcardArray']).contact : undefined;
    const abuse = byRole(found, 'abuse');
    const abuseEmail = abuse ? readJCard(abuse['vcardArray']).contact.email : undefined;
    return defined({
        contacts,
        registrar: [registrarCard?.name, registrarCard?.organization].find((v) => v !== undefined && v !== REDACTED),
        abuseEmail,
        redactions: redactionNames(o),
    });
}

function eventDate(o: JsonObject | undefined, action: string): string | undefined {
    for (const e of asArray(o?.['events'])) {
        const x = asObject(e);
        if (asText(x?.['eventAction'])?.toLowerCase() === action) return parseApiDate(x?.['eventDate']);
    }
    return undefined;
}

function statuses(o: JsonObject | undefined): string[] {
    return asArray(o?.['status']).flatMap((s) => {
        const t = asText(s);
        return t === undefined ? [] : [t];
    });
}

function nameServers(o: JsonObject | undefined): string[] {
    return asArray(o?.['nameservers']).flatMap((n) => {
        const t = asText(asObject(n)?.['ldhName']) ?? asText(asObject(n)?.['unicodeName']);
        return t === undefined ? [] : [normalHost(t)];
    });
}

const RIRS: readonly (readonly [RegExp, string])[] = [
    [/arin/i, 'ARIN'],
    [/ripe/i, 'RIPE NCC'],
    [/apnic/i, 'APNIC'],
    [/lacnic/i, 'LACNIC'],
    [/afrinic/i, 'AFRINIC'],
];

/** The regional registry of an IP network or AS number, from `port43`, the handle's suffix or the `self` link. */
function rirOf(o: JsonObject): string | undefined {
    const self = asArray(o['links']).flatMap((l) => {
        const x = asObject(l);
        return asText(x?.['rel']) === 'self' ? [asText(x?.['href']) ?? ''] : [];
    });
    const hints = [asText(o['port43']) ?? '', (asText(o['handle']) ?? '').replace(/^.*-/, ''), ...self];
    for (const hint of hints) {
        const rir = RIRS.find(([re]) => re.test(hint));
        if (rir) return rir[1];
    }
    return undefined;
}

function cidrs(o: JsonObject): string[] {
    return asArray(o['cidr0_cidrs']).flatMap((c) => {
        const x = asObject(c);
        const prefix = asText(x?.['v4prefix']) ?? asText(x?.['v6prefix']);
        const length = asNumber(x?.['length']);
        return prefix === undefined || length === undefined ? [] : [`${prefix}/${length}`];
    });
}

/** A start address without the `/32` or `/128` suffix old RIPE answers carried. */
function address(v: unknown): string | undefined {
    return asText(v)?.replace(/\/\d+$/, '');
}

function rawLines(lines: readonly (readonly [string, string | undefined])[]): string | undefined {
    const text = lines.flatMap(([k, v]) => (v === undefined || v === '' ? [] : [`${k}: ${v}`])).join('\n');
    return text === '' ? undefined : text;
}

/** What an IP network or AS number is, where the record's fields do not say it: a WHOIS-like summary. */
function summary(o: JsonObject, kind: 'ip network' | 'autnum'): { domain: string; rawText?: string } {
    const handle = asText(o['handle']);
    const common: [string, string | undefined][] = [
        ['Handle', handle],
        ['Name', asText(o['name'])],
        ['Type', asText(o['type'])],
        ['Country', asText(o['country'])?.toUpperCase()],
        ['Status', statuses(o).join(', ')],
    ];
    if (kind === 'autnum') {
        const start = asNumber(o['startAutnum']);
        const end = asNumber(o['endAutnum']);
        const range =
            start === undefined
                ? undefined
                : end === undefined || end === start
                  ? `AS${start}`
                  : `AS${start} - AS${end}`;
        return defined({ domain: range ?? handle ?? '', rawText: rawLines([['Range', range], ...common]) });
    }
    const start = address(o['startAddress']);
    const end = address(o['endAddress']);
    const range = start !== undefined && end !== undefined ? `${start} - ${end}` : start;
    const blocks = cidrs(o);
    const origins = asArray(o['arin_originas0_originautnums']).flatMap((n) => {
        const a = asNumber(n);
        return a === undefined ? [] : [`AS${a}`];
    });
    return defined({
        domain: blocks.length > 0 ? blocks.join(', ') : (range ?? handle ?? ''),
        rawText: rawLines([
            ['Range', range],
            ['CIDR', blocks.join(', ')],
            ...common,
            ['Parent', asText(o['parentHandle'])],
            ['Origin AS', origins.join(', ')],
        ]),
    });
}

/** Field by field: a real value of the first, else of the second, else what either has (`[redacted]`). */
function mergeContact(
    first: MutableContact | undefined,
    second: MutableContact | undefined
): MutableContact | undefined {
    if (!first || !second) return first ?? second;
    const contact: MutableContact = {};
    const fields = new Set([...Object.keys(first), ...Object.keys(second)] as ContactField[]);
    for (const f of fields) {
        const a = first[f];
        const b = second[f];
        contact[f] = a !== undefined && a !== REDACTED ? a : b !== undefined && b !== REDACTED ? b : (a ?? b);
    }
    return contact;
}

/** Applies RFC 9537 names to the contacts: a redacted field the answer left out is shown as `[redacted]`. */
function applyRedactions(contacts: Partial<Record<WhoisRole, MutableContact>>, names: readonly string[]): void {
    for (const n of names) {
        const m = REDACTION_NAME.exec(n.trim());
        if (!m) continue;
        const role = redactionRole(m[1] ?? '');
        const field = redactionField(m[2] ?? '');
        const c = (contacts[role] ??= {});
        c[field] ??= REDACTED;
    }
}

function isRdapError(o: JsonObject | undefined): boolean {
    return o !== undefined && asNumber(o['errorCode']) !== undefined && !('objectClassName' in o);
}

function record(registry: JsonObject, registrar: JsonObject | undefined): WhoisRecord {
    const kind = asText(registry['objectClassName'])?.toLowerCase() ?? 'domain';
    const own = readBody(registry);
    const theirs = registrar ? readBody(registrar) : undefined;
    const contacts: Partial<Record<WhoisRole, MutableContact>> = {};
    for (const [, role] of ROLES) {
        const merged = mergeContact(theirs?.contacts[role], own.contacts[role]);
        if (merged) contacts[role] = merged;
    }
    const names = distinct([...own.redactions, ...(theirs?.redactions ?? [])]);
    applyRedactions(contacts, names);
    const derived = ROLES.flatMap(([, role]) =>
        Object.entries(contacts[role] ?? {}).flatMap(([field, value]) =>
            value === REDACTED ? [`${ROLE_LABELS[role]} ${FIELD_LABELS[field as ContactField]}`] : []
        )
    );
    const redacted = distinct([...names, ...derived]);
    const isNetwork = kind === 'ip network' || kind === 'autnum';
    const described = isNetwork ? summary(registry, kind) : undefined;
    const date = (action: string) => eventDate(registry, action) ?? eventDate(registrar, action);
    const servers = nameServers(registry);
    return defined({
        domain:
            described?.domain ??
            normalHost(
                asText(registry['ldhName']) ?? asText(registry['unicodeName']) ?? asText(registry['handle']) ?? ''
            ),
        registrar: isNetwork ? rirOf(registry) : (own.registrar ?? theirs?.registrar),
        whoisServer: asText(registry['port43']) ?? asText(registrar?.['port43']),
        registered: date('registration'),
        updated: date('last changed'),
        expires: date('expiration'),
        lastLoaded: date('last update of rdap database'),
        contactEmail: theirs?.abuseEmail ?? own.abuseEmail,
        nameServers: servers.length > 0 ? servers : nameServers(registrar),
        contacts,
        domainStatus: distinct([...statuses(registry), ...statuses(registrar)]),
        rawText: described?.rawText,
        redacted: redacted.length > 0 ? redacted : undefined,
        provider: PROVIDER,
    });
}

/**
 * The app endpoint's RDAP answer (`{registry, registrar}`; a bare RDAP object is read as the registry's) as a page of
 * at most one WHOIS record: a domain (registrar, dates, name servers, status, contacts by role, abuse e-mail as
 * `contactEmail`), an IP network (`domain` is its CIDR or range, `registrar` the regional registry, the net name,
 * type, country and origin AS in `rawText`) or an AS number. An RDAP 404 error body (not registered) and a null
 * registry are an empty page; a registrar answer that is an error is ignored.
 *
 * @example mapRdap({ registry: { objectClassName: 'domain', ldhName: 'EXAMPLE.COM', ... }, registrar: null }) // { ok: true, value: { records: [{ domain: 'example.com', ... }], total: 1 } }
 */
export function mapRdap(json: unknown): Result<RecordPage<WhoisRecord>> {
    const o = asObject(json);
    if (!o) return fail('the RDAP answer is not a JSON object', EXPECTED);
    const bare = 'objectClassName' in o || 'errorCode' in o;
    const registry = bare ? o : asObject(o['registry']);
    if (!bare && !('registry' in o)) return fail('the RDAP answer has no "registry" member', EXPECTED);
    if (!registry || isRdapError(registry)) return ok({ records: [], total: 0 });
    const registrarBody = bare ? undefined : asObject(o['registrar']);
    const registrar = isRdapError(registrarBody) ? undefined : registrarBody;
    return ok({ records: [record(registry, registrar)], total: 1 });
}

/**
 * An error an RDAP server reported in the registry answer (RFC 9083 `errorCode`), other than 404 (not registered,
 * an empty answer): 429 is `quota`, 501 (query type not implemented) `unsupported`.
 *
 * @example rdapReportedError({ registry: { errorCode: 429, title: 'Too Many Requests' }, registrar: null }) // { kind: 'quota', reason: 'RDAP: Too Many Requests (429)', status: 429 }
 */
export function rdapReportedError(json: unknown): UpstreamReport | undefined {
    const o = asObject(json);
    const registry = o && ('errorCode' in o ? o : asObject(o['registry']));
    if (!registry || !isRdapError(registry)) return undefined;
    const code = asNumber(registry['errorCode']) ?? 0;
    if (code === 404) return undefined;
    const description = asArray(registry['description']).flatMap((d) => {
        const t = asText(d);
        return t === undefined ? [] : [t];
    });
    const title = asText(registry['title']) ?? description[0] ?? 'error';
    const reason = `RDAP: ${title} (${code})`;
    if (code === 429) return { kind: 'quota', reason, status: code };
    if (code === 501) return { kind: 'unsupported', reason, status: code };
    if (code === 401) return { kind: 'unauthorized', reason, status: code };
    if (code === 403) return { kind: 'forbidden', reason, status: code };
    if (code >= 400 && code < 500) return { kind: 'bad-request', reason, status: code };
    return { kind: 'upstream', reason, status: code };
}
