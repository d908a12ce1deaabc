/**
 * Where an indicator can sit in the CIM data models (Splunk Common Information Model 4.x/5.x), for the `cim`
 * search mode: which data model fields hold hosts (addresses or names), URLs, e-mail addresses and certificate
 * hashes, and the values a `tstats ... where` looks up there. A field holding a whole value (an address, a name, an
 * e-mail address, a hash) is looked up exactly, in every notation the rules accept (a name and `*.name`); a URL
 * field is looked up by containment (`*evil.example*`) and the matching rule's pattern, applied to the grouped URLs,
 * makes the answer exact.
 */
import type { Indicator } from '../indicators/indicator';
import { pattern, phrase, type ValueNode } from './ast';
import { ipv6FieldForms } from './ipv6-text';
import { sha1ColonForm, urlWithoutScheme } from './matching';
import { alternatives, IGNORE_CASE, regexLiteral } from './regex-text';

/**
 * What a data model field holds: an IP `address`, a host `name` (DNS names, certificate names, possibly with a
 * trailing dot), a `host` that is either (a web destination, a DNS answer), a `url`, an `email` address or a
 * certificate `hash`.
 */
export type CimFieldKind = 'address' | 'name' | 'host' | 'url' | 'email' | 'hash';

/** One CIM data model (its root dataset) and the fields an indicator can sit in. */
export interface CimDataModelFields {
    readonly datamodel: CimDataModel;
    readonly dataset: string;
    readonly label: string;
    readonly fields: readonly { readonly name: string; readonly kind: CimFieldKind; readonly multivalue?: boolean }[];
}

/** The CIM data models the `cim` mode searches. */
export type CimDataModel =
    'Network_Traffic' | 'Web' | 'Network_Resolution' | 'Email' | 'Certificates' | 'Intrusion_Detection';

const field = (name: string, kind: CimFieldKind) => ({ name, kind });
/** A field that often holds several values in one event (DNS answers, recipients). */
const multivalue = (name: string, kind: CimFieldKind) => ({ name, kind, multivalue: true });

/** The data models searched, in the order their results are listed. */
export const CIM_DATA_MODELS: readonly CimDataModelFields[] = Object.freeze([
    {
        datamodel: 'Network_Traffic',
        dataset: 'All_Traffic',
        label: 'Network Traffic',
        fields: [field('All_Traffic.src', 'address'), field('All_Traffic.dest', 'address')],
    },
    {
        datamodel: 'Web',
        dataset: 'Web',
        label: 'Web',
        fields: [field('Web.src', 'address'), field('Web.dest', 'host'), field('Web.url', 'url')],
    },
    {
        datamodel: 'Network_Resolution',
        dataset: 'DNS',
        label: 'DNS',
        fields: [
            field('DNS.src', 'address'),
            field('DNS.dest', 'address'),
            field('DNS.query', 'name'),
            multivalue('DNS.answer', 'host'),
        ],
    },
    {
        datamodel: 'Email',
        dataset: 'All_Email',
        label: 'Email',
        fields: [
            field('All_Email.src', 'address'),
            field('All_Email.dest', 'address'),
            field('All_Email.src_user', 'email'),
            multivalue('All_Email.recipient', 'email'),
        ],
    },
    {
        datamodel: 'Certificates',
        dataset: 'All_Certificates',
        label: 'Certificates',
        fields: [
            field('All_Certificates.src', 'address'),
            field('All_Certificates.dest', 'address'),
            field('All_Certificates.SSL.ssl_subject_common_name', 'name'),
            field('All_Certificates.SSL.ssl_hash', 'hash'),
        ],
    },
    {
        datamodel: 'Intrusion_Detection',
        dataset: 'IDS_Attacks',
        label: 'Intrusion Detection',
        fields: [field('IDS_Attacks.src', 'address'), field('IDS_Attacks.dest', 'address')],
    },
]);

/** `*text*`: the text anywhere in the value. */
const contains = (text: string): ValueNode => pattern('', text, '');

/**
 * The values a field of this kind is looked up with for the indicator, or an empty list when the indicator cannot
 * sit in such a field. Field comparisons in Splunk ignore case.
 *
 * @example cimLookupValues(domain('evil.example'), 'name') // ["evil.example", "*.evil.example", "evil.example.", "*.evil.example."]
 */
export function cimLookupValues(indicator: Indicator, kind: CimFieldKind): readonly ValueNode[] {
    const holdsAddress = kind === 'address' || kind === 'host';
    const holdsName = kind === 'name' || kind === 'host';
    switch (indicator.type) {
        case 'ipv4':
            if (holdsAddress) return [phrase(indicator.value), phrase(`::ffff:${indicator.value}`)];
            return kind === 'url' ? [contains(indicator.value)] : [];
        case 'ipv6': {
            const forms = ipv6FieldForms(indicator.value);
            if (holdsAddress) return forms.map((f) => phrase(f));
            return kind === 'url' ? forms.map((f) => contains(`[${f}]`)) : [];
        }
        case 'domain': {
            const v = indicator.value;
            const below = pattern('', `.${v}`);
            if (kind === 'name') return [phrase(v), below, phrase(`${v}.`), pattern('', `.${v}.`)];
            if (holdsName) return [phrase(v), below];
            if (kind === 'url') return [contains(v)];
            return kind === 'email' ? [pattern('', `@${v}`), below] : [];
        }
        case 'url': {
            // Also percent-encoded, as inside another URL's query (`?url=http%3A%2F%2Fevil.example%2Fgate.php`).
            const bare = urlWithoutScheme(indicator);
            const encoded = bare.replace(/[/?=&@#:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
            return kind === 'url' ? [...new Set([bare, encoded])].map((v) => contains(v)) : [];
        }
        case 'email':
            // Also as a BATV sender: `prvs=0482a1c3e9=jane@evil.example`.
            return kind === 'email' ? [phrase(indicator.value), pattern('', `=${indicator.value}`)] : [];
        case 'sha1':
            return kind === 'hash' ? [phrase(indicator.value), phrase(sha1ColonForm(indicator.value))] : [];
        case 'tracker':
            return [];
    }
}

/** A field of a data model an indicator can sit in, with its lookup values. */
export interface CimFieldLookup {
    readonly name: string;
    readonly kind: CimFieldKind;
    readonly multivalue: boolean;
    readonly values: readonly ValueNode[];
}

/** The fields of a data model in which the indicator can sit, with their lookup values. */
export function cimFieldsFor(model: CimDataModelFields, indicator: Indicator): readonly CimFieldLookup[] {
    return model.fields
        .map((f) => ({
            name: f.name,
            kind: f.kind,
            multivalue: f.multivalue === true,
            values: cimLookupValues(indicator, f.kind),
        }))
        .filter((f) => f.values.length > 0);
}

/**
 * The lookups of a field as one anchored, case-insensitive pattern (what `field IN (…)` tests, as a regular
 * expression for `match()`): `"evil.example"`, `"*.evil.example"` become `(?i)^(?:evil\.example|.*\.evil\.example)$`.
 */
export function lookupPattern(values: readonly ValueNode[]): string {
    const one = (v: ValueNode): string =>
        v.kind === 'phrase' ? regexLiteral(v.value) : v.parts.map((p) => regexLiteral(p)).join('.*');
    return `${IGNORE_CASE}^${alternatives(values.map(one))}$`;
}
