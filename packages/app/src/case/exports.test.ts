import { parseIndicator, type Indicator, type Pivot } from '@passivetotal/core';
import { unzipSync, strFromU8 } from 'fflate';
import { csvZipExport, jsonExport, stixExport } from './exports';
import { investigationDocument, type InvestigationDocument } from './investigation-document';
import { stixBundle, type StixObject } from './stix';
import { stixProblems } from './stix-check';
import { sha1Hex, uuidV5 } from './uuid';

function ind(value: string): Indicator {
    const parsed = parseIndicator(value);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
}

const CERT = '05005010a96416bdbb9af136b1fe34b5a1496b8a';

function pivot(value: string, relation: Pivot['reasons'][number]['relation'], text: string): Pivot {
    return { indicator: ind(value), reasons: [{ relation, text, dataset: 'resolutions' }] };
}

/** The demo story's investigation of the phishing domain, as a case. */
function storyDocument(): InvestigationDocument {
    return investigationDocument({
        indicator: ind('login-secure-update.example'),
        earliest: '-7d',
        latest: 'now',
        trail: { steps: [{ type: 'domain', value: 'login-secure-update.example' }] },
        pivots: [
            pivot('203.0.113.77', 'resolves-to', 'resolved to (A record)'),
            pivot('198.51.100.10', 'resolves-to', 'resolved to (A record)'),
            pivot('j.harlow.registrant@freemail.test', 'registrant-email', 'registrant email in WHOIS'),
            pivot(CERT, 'certificate-for-name', 'certificate naming it'),
            pivot('UA-48213377-1', 'tracker-shared', 'tracker on the host'),
        ],
        sightings: {
            status: 'done',
            counts: new Map([
                ['203.0.113.77', { count: 19, firstSeen: 1_764_900_000, lastSeen: 1_764_986_400.5 }],
                ['198.51.100.10', { count: 0 }],
            ]),
            uncounted: new Map([['UA-48213377-1', 'not counted: over the limit of 1 related values']]),
        },
        internalHits: { total: 0, byIndex: [] },
        datasets: [
            [
                'resolutions',
                {
                    ok: true,
                    cached: false,
                    fetchedAt: '2026-12-06T10:00:00Z',
                    value: {
                        queryValue: 'login-secure-update.example',
                        total: 1,
                        records: [
                            {
                                value: 'login-secure-update.example',
                                resolve: '203.0.113.77',
                                resolveType: 'ip',
                                recordType: 'A',
                                firstSeen: '2026-11-01T00:00:00Z',
                                sources: ['riskiq', 'pingly'],
                                provider: 'passivetotal',
                            },
                        ],
                    },
                },
            ],
            [
                'certificates-for-name',
                {
                    ok: true,
                    cached: true,
                    value: {
                        total: 1,
                        records: [
                            {
                                sha1: CERT,
                                serialNumber: '4242',
                                issued: '2026-10-01',
                                expires: '2027-01-01',
                                subject: { commonName: 'docs-share-portal.example' },
                                issuer: { commonName: 'Example CA', organizationName: 'Example, "Inc"' },
                                subjectAlternativeNames: ['docs-share-portal.example', 'login-secure-update.example'],
                            },
                        ],
                    },
                },
            ],
            ['whois', { ok: false, kind: 'upstream', reason: 'RDAP could not be reached', expected: '' }],
            ['quota', { ok: true, cached: false, value: { limit: 10 } }],
        ],
        pins: [
            {
                type: 'ipv4',
                value: '203.0.113.77',
                why: 'resolved to (A record)',
                relation: 'resolves-to',
                from: 'resolutions',
                internalSightings: {
                    count: 19,
                    firstSeen: '2025-12-05T02:00:00.000Z',
                    lastSeen: '2025-12-06T02:00:00.500Z',
                },
                pinnedBy: 'analyst',
                pinnedAt: '2026-12-06T10:05:00.000Z',
            },
        ],
        case: {
            id: 'c0ffee',
            title: 'Phishing of Northwind via login-secure-update.example',
            verdict: 'malicious',
            state: 'open',
            assignee: 'admin',
            notes: [{ user: 'analyst', time: '2026-12-06T10:06:00Z', text: 'Three employees clicked the lure.' }],
            createdBy: 'analyst',
            createdAt: '2026-12-06T10:00:00.000Z',
            updatedBy: 'analyst',
            updatedAt: '2026-12-06T10:06:00.000Z',
        },
        exportedAt: '2026-12-06T11:00:00.000Z',
        exportedBy: 'analyst',
    });
}

const byType = (objects: readonly StixObject[], type: string) => objects.filter((o) => o.type === type);

describe('uuid', () => {
    it('computes SHA-1 and version 5 UUIDs as RFC 9562 does', () => {
        expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
        expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
        expect(sha1Hex('a'.repeat(1000))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
        expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
            '2ed6657d-e927-568b-95e1-2665a8aea6a2'
        );
    });
});

describe('JSON export', () => {
    it('is application/json with a .json name and holds every tab, the pins, sightings, notes and trail', () => {
        const file = jsonExport(storyDocument());
        expect(file.type).toBe('application/json');
        expect(file.name).toBe('case-c0ffee-login-secure-update.example.json');
        const doc = JSON.parse(String(file.data)) as InvestigationDocument;
        expect(Object.keys(doc.datasets).sort()).toEqual(['certificates-for-name', 'resolutions', 'whois']);
        expect(doc.datasets.resolutions).toMatchObject({
            ok: true,
            tab: 'resolutions',
            fetchedAt: '2026-12-06T10:00:00Z',
        });
        expect(doc.datasets.whois).toMatchObject({ ok: false, reason: 'RDAP could not be reached' });
        expect(doc.related.find((r) => r.value === '203.0.113.77')?.internalSightings).toEqual({
            count: 19,
            firstSeen: '2025-12-05T02:00:00.000Z',
            lastSeen: '2025-12-06T02:00:00.500Z',
        });
        expect(doc.related.find((r) => r.value === 'UA-48213377-1')?.internalSightings).toEqual({
            count: null,
            notCounted: 'not counted: over the limit of 1 related values',
        });
        expect(doc.pins[0]).toMatchObject({ value: '203.0.113.77', pinnedBy: 'analyst' });
        expect(doc.case?.notes[0]?.text).toBe('Three employees clicked the lure.');
        expect(doc.trail).toEqual([{ type: 'domain', value: 'login-secure-update.example' }]);
    });
});

describe('CSV archive', () => {
    it('is a zip whose CSV files each parse with their header', async () => {
        const file = await csvZipExport(storyDocument());
        expect(file.type).toBe('application/zip');
        expect(file.name).toBe('case-c0ffee-login-secure-update.example-csv.zip');
        const entries = unzipSync(file.data as Uint8Array);
        const base = 'case-c0ffee-login-secure-update.example/';
        expect(Object.keys(entries).sort()).toEqual(
            [
                'certificates/certificates-for-name.csv',
                'internal-hits.csv',
                'notes.csv',
                'pins.csv',
                'related.csv',
                'resolutions/resolutions.csv',
                'trail.csv',
                'whois/whois.csv',
            ].map((n) => base + n)
        );
        const csv = (name: string) => strFromU8(entries[base + name]!).split('\r\n');
        expect(csv('resolutions/resolutions.csv').slice(0, 2)).toEqual([
            'value,resolve,resolveType,recordType,firstSeen,sources,provider',
            'login-secure-update.example,203.0.113.77,ip,A,2026-11-01T00:00:00Z,riskiq; pingly,passivetotal',
        ]);
        expect(csv('certificates/certificates-for-name.csv')[0]).toBe(
            'sha1,serialNumber,issued,expires,subject.commonName,issuer.commonName,issuer.organizationName,subjectAlternativeNames'
        );
        expect(csv('certificates/certificates-for-name.csv')[1]).toContain('"Example, ""Inc"""');
        expect(csv('related.csv')[0]).toBe(
            'type,value,why,internal_sightings,internal_first_seen,internal_last_seen,not_counted'
        );
        expect(csv('related.csv')).toContain(
            'ipv4,203.0.113.77,resolved to (A record),19,2025-12-05T02:00:00.000Z,2025-12-06T02:00:00.500Z,'
        );
        expect(csv('whois/whois.csv').slice(0, 2)).toEqual(['error', 'RDAP could not be reached']);
        expect(csv('notes.csv')[1]).toBe('analyst,2026-12-06T10:06:00Z,Three employees clicked the lure.');
    });
});

describe('STIX 2.1 bundle', () => {
    it('is a valid bundle: required properties, type--uuid ids, millisecond UTC times, references inside', () => {
        const file = stixExport(storyDocument());
        expect(file.type).toBe('application/stix+json;version=2.1');
        expect(file.name).toBe('case-c0ffee-login-secure-update.example.stix.json');
        const bundle = JSON.parse(String(file.data)) as unknown;
        expect(stixProblems(bundle)).toEqual([]);
    });

    it('maps the observables, resolves-to and related-to, the sightings and the case', () => {
        const { objects } = stixBundle(storyDocument());
        const values = (type: string) => byType(objects, type).map((o) => o.value);
        expect(values('domain-name')).toEqual(['login-secure-update.example']);
        expect(values('ipv4-addr').sort()).toEqual(['198.51.100.10', '203.0.113.77']);
        expect(values('email-addr')).toEqual(['j.harlow.registrant@freemail.test']);
        const [cert] = byType(objects, 'x509-certificate');
        expect(cert).toMatchObject({
            hashes: { 'SHA-1': CERT },
            issuer: 'commonName=Example CA, organizationName=Example, "Inc"',
            validity_not_before: '2026-10-01T00:00:00.000Z',
        });
        // Observables have STIX's deterministic ids.
        expect(byType(objects, 'domain-name')[0]?.id).toBe(
            `domain-name--${uuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"login-secure-update.example"}')}`
        );
        const idOf = (value: string) => objects.find((o) => o.value === value)?.id;
        const rels = byType(objects, 'relationship');
        expect(rels).toContainEqual(
            expect.objectContaining({
                relationship_type: 'resolves-to',
                source_ref: idOf('login-secure-update.example'),
                target_ref: idOf('203.0.113.77'),
            })
        );
        expect(rels).toContainEqual(
            expect.objectContaining({
                relationship_type: 'related-to',
                target_ref: idOf('j.harlow.registrant@freemail.test'),
                description: 'registrant email in WHOIS',
            })
        );
        const indicators = byType(objects, 'indicator');
        const main = indicators.find((i) => i.name === 'login-secure-update.example');
        expect(main).toMatchObject({
            pattern: "[domain-name:value = 'login-secure-update.example']",
            indicator_types: ['malicious-activity'],
            valid_from: '2026-12-06T10:00:00.000Z',
        });
        const sightings = byType(objects, 'sighting');
        expect(sightings).toHaveLength(1);
        const ipIndicator = indicators.find((i) => i.name === '203.0.113.77');
        expect(sightings[0]).toMatchObject({
            sighting_of_ref: ipIndicator?.id,
            count: 19,
            first_seen: '2025-12-05T02:00:00.000Z',
            last_seen: '2025-12-06T02:00:00.500Z',
        });
        expect(byType(objects, 'note')[0]).toMatchObject({
            content: 'Three employees clicked the lure.',
            authors: ['analyst'],
        });
        expect(byType(objects, 'grouping')[0]).toMatchObject({
            name: 'Phishing of Northwind via login-secure-update.example',
            context: 'suspicious-activity',
        });
        expect(byType(objects, 'identity').map((o) => o.name)).toEqual([
            'PassiveTotal for Splunk',
            'Local events in Splunk',
        ]);
    });

    it('escapes patterns and leaves out what STIX cannot name (tracker ids)', () => {
        const doc = { ...storyDocument(), pins: [], case: undefined, related: [] };
        const url = "http://evil.example/a'b\\c";
        const bundle = stixBundle({ ...doc, indicator: { type: 'url', value: url } });
        expect(stixProblems(bundle)).toEqual([]);
        expect(byType(bundle.objects, 'indicator')[0]?.pattern).toBe("[url:value = 'http://evil.example/a\\'b\\\\c']");
        const tracker = stixBundle({ ...doc, indicator: { type: 'tracker', value: 'UA-48213377-1' } });
        expect(stixProblems(tracker)).toEqual([]);
        expect(tracker.objects.every((o) => o.value !== 'UA-48213377-1')).toBe(true);
    });

    it('finds the problems of a broken bundle', () => {
        const bundle = stixBundle(storyDocument());
        const broken = {
            ...bundle,
            objects: [
                ...bundle.objects.filter((o) => o.type !== 'identity'),
                {
                    type: 'sighting',
                    spec_version: '2.1',
                    id: 'sighting--1',
                    created: '2026-12-06T10:00:00Z',
                    modified: 'x',
                },
            ],
        };
        const problems = stixProblems(broken);
        expect(problems.some((p) => p.includes('is not in the bundle'))).toBe(true);
        expect(problems.some((p) => p.includes('is not <type>--<uuid>'))).toBe(true);
        expect(problems.some((p) => p.includes('not RFC 3339 UTC with milliseconds'))).toBe(true);
        expect(problems.some((p) => p.includes('sighting_of_ref is missing'))).toBe(true);
    });
});
