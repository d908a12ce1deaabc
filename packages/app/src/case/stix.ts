/**
 * The investigation or case as a STIX 2.1 bundle, for threat-intelligence platforms and case management tools:
 *
 * - every indicator of it (the investigated one, the related values, the pinned findings, the trail) as a cyber
 *   observable (`domain-name`, `ipv4-addr`, `ipv6-addr`, `email-addr`, `url`, `x509-certificate`; tracker ids have no
 *   STIX type and are left out), with the deterministic version 5 id STIX prescribes, so the same value has the same
 *   id in every bundle;
 * - `indicator` objects with a STIX pattern for the investigated value (typed by the case's verdict), each pinned
 *   finding and each value seen in local events;
 * - `resolves-to` relationships (a name to its addresses) and `related-to` for every other reason, described in words;
 * - a `sighting` of each value seen in local events, with the count and the first and last local event, sighted
 *   where the organisation's Splunk is;
 * - for a case, its notes as `note` objects and a `grouping` of everything, named by the case's title;
 * - the producer, this app, as an `identity` every object it creates refers to.
 *
 * Timestamps are RFC 3339 in UTC with milliseconds.
 */
import type { IndicatorType } from '@passivetotal/core';
import type { InvestigationDocument, DocSighting, Verdict } from './investigation-document';
import { uuidV4, uuidV5 } from './uuid';

/** The namespace STIX 2.1 gives for the version 5 ids of cyber observables. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** This app's namespace for the version 5 ids of its identities. */
const APP_NAMESPACE = '5e4f4c63-9f53-4b6f-8a9b-7061737369766f';

export type StixObject = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

export interface StixBundle {
    readonly type: 'bundle';
    readonly id: string;
    readonly objects: readonly StixObject[];
}

const SCO_TYPES: Readonly<Partial<Record<IndicatorType, string>>> = {
    domain: 'domain-name',
    ipv4: 'ipv4-addr',
    ipv6: 'ipv6-addr',
    email: 'email-addr',
    url: 'url',
    sha1: 'x509-certificate',
};

const INDICATOR_TYPES: Readonly<Record<Verdict, readonly string[]>> = {
    malicious: ['malicious-activity'],
    suspicious: ['anomalous-activity'],
    benign: ['benign'],
    unknown: ['unknown'],
};

/** The largest `count` of a sighting STIX allows. */
const MAX_SIGHTING_COUNT = 999_999_999;

/** An RFC 3339 timestamp in UTC with milliseconds, from any date text; undefined when it is not a date. */
export function stixTime(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** JSON with sorted keys (RFC 8785 for the flat values of the ids' contributing properties). */
function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
        const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}

/** The STIX pattern that matches an observable. */
export function stixPattern(type: IndicatorType, value: string): string | undefined {
    const scoType = SCO_TYPES[type];
    if (!scoType) return undefined;
    const literal = `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    return type === 'sha1' ? `[x509-certificate:hashes.'SHA-1' = ${literal}]` : `[${scoType}:value = ${literal}]`;
}

/** Certificate facts the tabs know about a SHA-1, for its `x509-certificate` object. */
function certificateFacts(doc: InvestigationDocument, sha1: string): Record<string, unknown> {
    for (const dataset of ['certificate-details', 'certificates-for-name'] as const) {
        const answer = doc.datasets[dataset];
        if (!answer?.ok) continue;
        const records = (answer.value as { records?: unknown }).records;
        if (!Array.isArray(records)) continue;
        const cert = records.find(
            (r): r is Record<string, unknown> =>
                typeof r === 'object' && r !== null && (r as { sha1?: unknown }).sha1 === sha1
        );
        if (!cert) continue;
        const entity = (e: unknown) => {
            if (typeof e !== 'object' || e === null) return undefined;
            const parts = Object.entries(e as Record<string, unknown>)
                .filter(([, v]) => typeof v === 'string' && v !== '')
                .map(([k, v]) => `${k}=${String(v)}`);
            return parts.length ? parts.join(', ') : undefined;
        };
        const issuer = entity(cert.issuer);
        const subject = entity(cert.subject);
        const notBefore = stixTime(typeof cert.issued === 'string' ? cert.issued : undefined);
        const notAfter = stixTime(typeof cert.expires === 'string' ? cert.expires : undefined);
        return {
            ...(issuer ? { issuer } : {}),
            ...(subject ? { subject } : {}),
            ...(notBefore ? { validity_not_before: notBefore } : {}),
            ...(notAfter ? { validity_not_after: notAfter } : {}),
        };
    }
    return {};
}

/** Options of {@link stixBundle}: the random source of the version 4 ids (tests make them repeatable). */
export interface StixOptions {
    readonly random?: (bytes: Uint8Array) => Uint8Array;
}

/** The bundle of an investigation or a case. */
export function stixBundle(doc: InvestigationDocument, options: StixOptions = {}): StixBundle {
    const newId = (type: string) => `${type}--${uuidV4(options.random)}`;
    const now = stixTime(doc.exportedAt) ?? new Date().toISOString();
    const created = stixTime(doc.case?.createdAt) ?? now;
    const modified = stixTime(doc.case?.updatedAt) ?? now;
    const objects: StixObject[] = [];

    const producer: StixObject = {
        type: 'identity',
        spec_version: '2.1',
        id: `identity--${uuidV5(APP_NAMESPACE, 'PassiveTotal for Splunk')}`,
        created: now,
        modified: now,
        name: 'PassiveTotal for Splunk',
        identity_class: 'system',
        description: 'The Splunk app that investigated these indicators and counted them in local events.',
    };
    const internal: StixObject = {
        type: 'identity',
        spec_version: '2.1',
        id: `identity--${uuidV5(APP_NAMESPACE, 'Splunk local events')}`,
        created: now,
        modified: now,
        name: 'Local events in Splunk',
        identity_class: 'system',
        description: 'The events of the organisation indexed in Splunk, where the sightings were counted.',
        created_by_ref: producer.id,
    };
    objects.push(producer, internal);

    // Observables, one per value.
    const observables = new Map<string, StixObject>();
    const observable = (type: IndicatorType, value: string): StixObject | undefined => {
        const scoType = SCO_TYPES[type];
        if (!scoType) return undefined;
        const known = observables.get(`${type}\u0000${value}`);
        if (known) return known;
        const contributing = type === 'sha1' ? { hashes: { 'SHA-1': value } } : { value };
        const sco: StixObject = {
            type: scoType,
            spec_version: '2.1',
            id: `${scoType}--${uuidV5(STIX_SCO_NAMESPACE, canonical(contributing))}`,
            ...contributing,
            ...(type === 'sha1' ? certificateFacts(doc, value) : {}),
        };
        observables.set(`${type}\u0000${value}`, sco);
        return sco;
    };

    // Indicators, one per value that needs one.
    const indicators = new Map<string, StixObject>();
    const indicatorFor = (type: IndicatorType, value: string, extra: Record<string, unknown> = {}) => {
        const key = `${type}\u0000${value}`;
        const known = indicators.get(key);
        if (known) return known;
        const pattern = stixPattern(type, value);
        if (!pattern) return undefined;
        const sdo: StixObject = {
            type: 'indicator',
            spec_version: '2.1',
            id: newId('indicator'),
            created,
            modified,
            created_by_ref: producer.id,
            name: value,
            pattern,
            pattern_type: 'stix',
            pattern_version: '2.1',
            valid_from: created,
            ...extra,
        };
        indicators.set(key, sdo);
        return sdo;
    };

    const main = doc.indicator;
    const mainSco = observable(main.type, main.value);
    const verdict = doc.case?.verdict;
    indicatorFor(main.type, main.value, {
        description: `Investigated in PassiveTotal for Splunk${doc.case ? ` (case "${doc.case.title}")` : ''}.`,
        ...(verdict ? { indicator_types: INDICATOR_TYPES[verdict] } : {}),
    });
    for (const pin of doc.pins) {
        observable(pin.type, pin.value);
        indicatorFor(pin.type, pin.value, { description: `Pinned finding${pin.why ? `: ${pin.why}` : ''}.` });
    }

    // Relationships: between the investigated value and each related one, and along the trail.
    const relationships = new Map<string, StixObject>();
    const relate = (
        from: { type: IndicatorType; value: string },
        to: { type: IndicatorType; value: string },
        relation: string,
        text: string
    ) => {
        let source = observable(from.type, from.value);
        let target = observable(to.type, to.value);
        if (!source || !target || source.id === target.id) return;
        let type = 'related-to';
        if (relation === 'resolved-from') [source, target] = [target, source];
        if (
            (relation === 'resolves-to' || relation === 'resolved-from') &&
            source.type === 'domain-name' &&
            ['ipv4-addr', 'ipv6-addr', 'domain-name'].includes(target.type)
        ) {
            type = 'resolves-to';
        }
        const key = `${source.id}|${type}|${target.id}`;
        const known = relationships.get(key);
        if (known) {
            const description = typeof known.description === 'string' ? known.description : '';
            if (!description.split('; ').includes(text))
                relationships.set(key, { ...known, description: `${description}; ${text}` });
            return;
        }
        relationships.set(key, {
            type: 'relationship',
            spec_version: '2.1',
            id: newId('relationship'),
            created,
            modified,
            created_by_ref: producer.id,
            relationship_type: type,
            source_ref: source.id,
            target_ref: target.id,
            description: text,
        });
    };
    for (const related of doc.related) {
        observable(related.type, related.value);
        for (const reason of related.reasons) relate(main, related, reason.relation, reason.text);
    }
    const typeOf = new Map(doc.trail.map((s) => [s.value, s.type]));
    for (const step of doc.trail) {
        observable(step.type, step.value);
        const fromType = step.via ? typeOf.get(step.via.from) : undefined;
        if (step.via && fromType) {
            relate({ type: fromType, value: step.via.from }, step, step.via.relation, `pivot: ${step.via.relation}`);
        }
    }

    // Sightings of everything counted in local events.
    const sightings: StixObject[] = [];
    const sight = (type: IndicatorType, value: string, s: DocSighting) => {
        if (s.count === null || s.count <= 0) return;
        const indicator = indicatorFor(type, value, { description: 'Seen in local events.' });
        if (!indicator) return;
        const first = stixTime(s.firstSeen);
        const last = stixTime(s.lastSeen);
        sightings.push({
            type: 'sighting',
            spec_version: '2.1',
            id: newId('sighting'),
            created: now,
            modified: now,
            created_by_ref: producer.id,
            sighting_of_ref: indicator.id,
            where_sighted_refs: [internal.id],
            count: Math.min(s.count, MAX_SIGHTING_COUNT),
            ...(first ? { first_seen: first } : {}),
            ...(last ? { last_seen: last } : {}),
            description: `${String(s.count)} local event${s.count === 1 ? '' : 's'} in Splunk (${doc.timeRange.earliest} to ${doc.timeRange.latest}).`,
        });
    };
    const sighted = new Set<string>();
    const sightOnce = (type: IndicatorType, value: string, s: DocSighting) => {
        if (sighted.has(value) || s.count === null || s.count <= 0) return;
        sighted.add(value);
        sight(type, value, s);
    };
    if (doc.internalHits.total !== null) sightOnce(main.type, main.value, { count: doc.internalHits.total });
    for (const pin of doc.pins) sightOnce(pin.type, pin.value, pin.internalSightings);
    for (const related of doc.related) sightOnce(related.type, related.value, related.internalSightings);

    objects.push(...observables.values(), ...indicators.values(), ...relationships.values(), ...sightings);

    if (doc.case) {
        const subject = indicators.get(`${main.type}\u0000${main.value}`)?.id ?? mainSco?.id;
        for (const note of doc.case.notes) {
            const time = stixTime(note.time) ?? now;
            objects.push({
                type: 'note',
                spec_version: '2.1',
                id: newId('note'),
                created: time,
                modified: time,
                created_by_ref: producer.id,
                authors: [note.user],
                content: note.text,
                object_refs: subject ? [subject] : [producer.id],
            });
        }
        const grouped = objects.filter((o) => o.type !== 'identity').map((o) => o.id);
        objects.push({
            type: 'grouping',
            spec_version: '2.1',
            id: newId('grouping'),
            created,
            modified,
            created_by_ref: producer.id,
            name: doc.case.title,
            description: `Case ${doc.case.id} (${doc.case.state}, verdict ${doc.case.verdict}), assigned to ${doc.case.assignee || 'nobody'}.`,
            context: verdict === 'malicious' || verdict === 'suspicious' ? 'suspicious-activity' : 'unspecified',
            object_refs: grouped.length > 0 ? grouped : [producer.id],
        });
    }

    return { type: 'bundle', id: newId('bundle'), objects };
}
