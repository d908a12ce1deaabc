/**
 * Where an indicator can sit in the CIM data models (Splunk Common Information Model 4.x/5.x), for the `cim`
 * search mode: which data model fields hold hosts (addresses or names), URLs, e-mail addresses and certificate
 * hashes, and the values a `tstats ... where` looks up there. The lookups are a superset (wildcards, several
 * notations); the matching rule's pattern, applied to the grouped field values, makes the answer exact.
 */
import type { Indicator } from '../indicators/indicator';
import { pattern, phrase, type ValueNode } from './ast';
import { ipv6FieldForms } from './ipv6-text';
import { sha1ColonForm, urlWithoutScheme } from './matching';

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
    readonly fields: readonly { readonly name: string; readonly kind: CimFieldKind }[];
}

/** The CIM data models the `cim` mode searches. */
export type CimDataModel =
    'Network_Traffic' | 'Web' | 'Network_Resolution' | 'Email' | 'Certificates' | 'Intrusion_Detection';

const field = (name: string, kind: CimFieldKind) => ({ name, kind });

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
            field('DNS.answer', 'host'),
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
            field('All_Email.recipient', 'email'),
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
        case 'url':
            return kind === 'url' ? [contains(urlWithoutScheme(indicator))] : [];
        case 'email':
            return kind === 'email' ? [phrase(indicator.value)] : [];
        case 'sha1':
            return kind === 'hash' ? [phrase(indicator.value), phrase(sha1ColonForm(indicator.value))] : [];
        case 'tracker':
            return [];
    }
}

/** The fields of a data model in which the indicator can sit, with their lookup values. */
export function cimFieldsFor(
    model: CimDataModelFields,
    indicator: Indicator
): readonly { readonly name: string; readonly values: readonly ValueNode[] }[] {
    return model.fields
        .map((f) => ({ name: f.name, values: cimLookupValues(indicator, f.kind) }))
        .filter((f) => f.values.length > 0);
}
