/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Indicator, IndicatorType } from '../indicators/indicator';
import type { Certificate, Enrichment, Resolution } from '../model/intel-model';
import {
    CompositeProvider,
    DEFAULT_DATASET_ORDER,
    createCompositeProvider,
    datasetOrderFromSettings,
    groupOf,
    reputationFromEnrichment,
    type DatasetGroup,
} from './composite';
import { providerLabel } from './open/catalogue';
import { openProxyRoutes, providerError, proxyRoutes, type FetchLike } from './passivetotal/proxy-client';
import type { Dataset, DatasetTypes, IntelProvider, ProviderResult } from './provider';
import { providerContractTests } from '../testing/provider-contract-tests';
import { parsedIndicator as ind } from '../testing';

type Answers = { readonly [D in Dataset]?: ProviderResult<DatasetTypes[D]> };

/** An in-memory provider answering fixed results for the host types (or the given ones). */
function fake(
    id: string,
    answers: Answers,
    types: readonly IndicatorType[] = ['ipv4', 'ipv6', 'domain', 'url'],
    calls: string[] = []
): IntelProvider {
    return {
        id,
        label: id.toUpperCase(),
        datasets: () => Object.keys(answers) as Dataset[],
        datasetsFor: (i) => (types.includes(i.type) ? (Object.keys(answers) as Dataset[]) : []),
        fetch<D extends Dataset>(dataset: D, i: Indicator): Promise<ProviderResult<DatasetTypes[D]>> {
            calls.push(`${id}:${dataset}`);
            const a = answers[dataset];
            if (!a || !types.includes(i.type)) {
                return Promise.resolve(providerError('unsupported', `${id} has no ${dataset}`));
            }
            return Promise.resolve(a);
        },
    };
}

const okValue = <T>(value: T, cached = false, fetchedAt?: string) => ({
    ok: true as const,
    value,
    cached,
    ...(fetchedAt === undefined ? {} : { fetchedAt }),
});

const row = (
    resolve: string,
    sources: string[],
    firstSeen: string,
    lastSeen: string,
    provider?: string
): Resolution => ({
    value: 'evil.example',
    resolve,
    resolveType: 'ip',
    recordType: 'A',
    firstSeen,
    lastSeen,
    sources,
    ...(provider === undefined ? {} : { provider }),
});

const cert = (over: Partial<Certificate>): Certificate => ({
    sha1: '',
    subject: { commonName: 'evil.example' },
    issuer: { commonName: 'Example CA R1' },
    subjectAlternativeNames: ['evil.example'],
    ...over,
});

const enrichment = (over: Partial<Enrichment>): Enrichment => ({
    queryValue: 'evil.example',
    queryType: 'domain',
    classification: 'unknown',
    tags: [],
    subdomains: [],
    ...over,
});

const domain = ind('evil.example');

describe('CompositeProvider: resolutions', () => {
    const pt = fake('passivetotal', {
        resolutions: okValue(
            {
                queryValue: 'evil.example',
                records: [row('198.51.100.7', ['riskiq'], '2020-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z')],
                total: 40,
                firstSeen: '2020-01-01T00:00:00.000Z',
                lastSeen: '2021-01-01T00:00:00.000Z',
            },
            true,
            '2026-01-02T00:00:00Z'
        ),
    });
    const mnemonic = fake('mnemonic', {
        resolutions: okValue(
            {
                queryValue: 'evil.example',
                records: [
                    row(
                        '198.51.100.7',
                        ['mnemonic'],
                        '2019-06-01T00:00:00.000Z',
                        '2020-06-01T00:00:00.000Z',
                        'mnemonic'
                    ),
                    row(
                        '203.0.113.77',
                        ['mnemonic'],
                        '2025-01-01T00:00:00.000Z',
                        '2026-01-01T00:00:00.000Z',
                        'mnemonic'
                    ),
                ],
                total: 2,
                truncated: true,
            },
            false,
            '2026-01-01T00:00:00Z'
        ),
    });
    const otx = fake('otx', { resolutions: providerError('quota', 'OTX answered 429', 429) });
    const intel = new CompositeProvider({
        providers: [otx, mnemonic, pt],
        order: { resolutions: ['passivetotal', 'mnemonic', 'otx'] },
    });

    it('merges rows with the same value, answer and type: sources united, earliest first, latest last seen', async () => {
        const r = await intel.fetch('resolutions', domain);
        if (!r.ok) throw new Error(r.reason);
        expect(r.value.records).toEqual([
            {
                ...row('198.51.100.7', ['riskiq', 'mnemonic'], '2019-06-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z'),
                provider: 'passivetotal',
            },
            row('203.0.113.77', ['mnemonic'], '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'mnemonic'),
        ]);
        // 2 merged rows, plus the 39 PassiveTotal reported beyond the row it sent.
        expect(r.value).toMatchObject({
            total: 41,
            truncated: true,
            queryValue: 'evil.example',
            firstSeen: '2019-06-01T00:00:00.000Z',
            lastSeen: '2026-01-01T00:00:00.000Z',
        });
    });

    it('keeps failures beside the data as problems; cached only when every answer was, fetchedAt the oldest', async () => {
        const r = await intel.fetch('resolutions', domain);
        expect(r).toMatchObject({
            ok: true,
            cached: false,
            fetchedAt: '2026-01-01T00:00:00Z',
            problems: [{ provider: 'otx', error: { ok: false, kind: 'quota', status: 429 } }],
        });
    });

    it('answers the first error in order when every provider failed', async () => {
        const down = new CompositeProvider({
            providers: [
                fake('mnemonic', { resolutions: providerError('network', 'down') }),
                fake('passivetotal', { resolutions: providerError('quota', 'PassiveTotal quota') }),
            ],
            order: { resolutions: ['passivetotal', 'mnemonic'] },
        });
        expect(await down.fetch('resolutions', domain)).toMatchObject({ ok: false, kind: 'quota' });
    });

    it('carries the problems of a provider that answered (skipped lines)', async () => {
        const problem = { provider: 'circl', error: providerError('malformed', '2 lines skipped') };
        const circl = fake('circl', {
            resolutions: { ...okValue({ queryValue: 'evil.example', records: [], total: 0 }), problems: [problem] },
        });
        const r = await new CompositeProvider({ providers: [circl], order: { resolutions: ['circl'] } }).fetch(
            'resolutions',
            domain
        );
        expect(r.ok && r.problems).toEqual([problem]);
    });
});

describe('CompositeProvider: other datasets', () => {
    it('concatenates certificates in order and drops a certificate already seen (SHA-1, fingerprint, serial)', async () => {
        const pt = fake('passivetotal', {
            'certificates-for-name': okValue({
                records: [cert({ sha1: 'ab'.repeat(20), serialNumber: '1185' })],
                total: 1,
            }),
        });
        const crtsh = fake('crtsh', {
            'certificates-for-name': okValue({
                records: [
                    cert({ serialNumber: '1185', provider: 'crtsh' }),
                    cert({ serialNumber: '99', provider: 'crtsh' }),
                ],
                total: 2,
            }),
        });
        const certspotter = fake('certspotter', {
            'certificates-for-name': okValue({
                records: [
                    cert({ fingerprint: 'cc:cc', provider: 'certspotter' }),
                    cert({ fingerprint: 'CC:CC', provider: 'certspotter' }),
                ],
                total: 2,
            }),
        });
        const intel = new CompositeProvider({
            providers: [pt, crtsh, certspotter],
            order: { certificates: ['crtsh', 'passivetotal', 'certspotter'] },
        });
        const r = await intel.fetch('certificates-for-name', domain);
        expect(r.ok && r.value.records.map((c) => [c.provider, c.serialNumber ?? c.fingerprint])).toEqual([
            ['crtsh', '1185'],
            ['crtsh', '99'],
            ['certspotter', 'cc:cc'],
        ]);
        expect(r.ok && r.value.total).toBe(3);
    });

    it('stamps the provider on rows that lack it, and passes single values through', async () => {
        const pt = fake('passivetotal', {
            components: okValue({ records: [{ host: 'evil.example', label: 'nginx' }], total: 1 }),
            enrichment: okValue(enrichment({ classification: 'malicious', tags: ['phishing'] })),
        });
        const intel = new CompositeProvider({ providers: [pt] });
        const c = await intel.fetch('components', domain);
        expect(c.ok && c.value.records).toEqual([{ host: 'evil.example', label: 'nginx', provider: 'passivetotal' }]);
        const e = await intel.fetch('enrichment', domain);
        expect(e.ok && e.value.classification).toBe('malicious');
    });

    it("takes PassiveTotal's reputation from its enrichment", async () => {
        const calls: string[] = [];
        const pt = fake(
            'passivetotal',
            { enrichment: okValue(enrichment({ classification: 'malicious', tags: ['phishing'], sinkhole: true })) },
            undefined,
            calls
        );
        const urlhaus = fake('urlhaus', {
            reputation: okValue({ records: [{ provider: 'urlhaus', verdict: 'malicious', tags: ['elf'] }], total: 1 }),
        });
        const intel = new CompositeProvider({ providers: [urlhaus, pt] });
        expect(intel.datasetsFor(domain)).toEqual(['reputation', 'enrichment']);
        const r = await intel.fetch('reputation', domain);
        expect(r.ok && r.value.records).toEqual([
            { provider: 'passivetotal', verdict: 'malicious', tags: ['phishing', 'sinkhole'] },
            { provider: 'urlhaus', verdict: 'malicious', tags: ['elf'] },
        ]);
        expect(calls).toEqual(['passivetotal:enrichment']);
        expect(reputationFromEnrichment(enrichment({}))).toEqual([]);
    });

    it('asks PassiveTotal for on-demand searches and the quota, which it does not offer in datasetsFor', async () => {
        const calls: string[] = [];
        const pt = fake(
            'passivetotal',
            {
                'whois-by-email': okValue({ records: [], total: 0 }),
                quota: okValue({ used: 1, limit: 10 }),
            },
            ['email'],
            calls
        );
        const intel = new CompositeProvider({
            providers: [pt, fake('rdap', { whois: okValue({ records: [], total: 0 }) })],
        });
        expect(await intel.fetch('whois-by-email', ind('jane@evil.example'))).toMatchObject({ ok: true });
        expect(await intel.fetch('quota', ind('jane@evil.example'))).toMatchObject({ ok: true, value: { used: 1 } });
        expect(calls).toEqual(['passivetotal:whois-by-email', 'passivetotal:quota']);
    });
});

describe('CompositeProvider: the order and what is missing', () => {
    const pt = fake('passivetotal', {
        resolutions: okValue({ queryValue: 'evil.example', records: [], total: 0 }),
        'certificates-for-name': okValue({ records: [], total: 0 }),
        'host-pairs-parents': okValue({ records: [], total: 0 }),
    });
    const mnemonic = fake('mnemonic', { resolutions: okValue({ queryValue: 'evil.example', records: [], total: 0 }) });
    const otx = fake('otx', { resolutions: okValue({ queryValue: 'evil.example', records: [], total: 0 }) });

    it('asks only the providers of the group, in its order; datasets outside groups from any provider', () => {
        const intel = new CompositeProvider({
            providers: [pt, mnemonic],
            order: { resolutions: ['mnemonic', 'passivetotal'], certificates: ['crtsh'] },
            unavailable: [otx],
        });
        expect(intel.providersFor('resolutions', domain)).toEqual(['mnemonic', 'passivetotal']);
        expect(intel.providersFor('certificates-for-name', domain)).toEqual([]);
        expect(intel.datasetsFor(domain)).toEqual(['resolutions', 'host-pairs-parents']);
        expect(intel.providerIds).toEqual(['passivetotal', 'mnemonic']);
    });

    it('names who could fill a dataset it cannot, or could add to one it can', async () => {
        const intel = new CompositeProvider({ providers: [mnemonic], unavailable: [pt, otx] });
        expect(intel.wouldFill('host-pairs-parents')).toEqual(['PASSIVETOTAL']);
        expect(intel.wouldFill('resolutions', domain)).toEqual(['PASSIVETOTAL', 'OTX']);
        expect(intel.wouldFill('resolutions', ind('jane@evil.example'))).toEqual([]);
        expect(intel.wouldFill('reputation')).toEqual([]);
        expect(await intel.fetch('host-pairs-parents', domain)).toMatchObject({
            ok: false,
            kind: 'unsupported',
            reason: 'No configured source offers host-pairs-parents for a domain; PASSIVETOTAL could',
        });
    });

    it('names a configured provider the order leaves out', () => {
        const intel = new CompositeProvider({ providers: [pt, mnemonic], order: { certificates: [] } });
        expect(intel.wouldFill('certificates-for-name', domain)).toEqual(['PASSIVETOTAL']);
        expect(intel.datasetsFor(domain)).not.toContain('certificates-for-name');
    });

    it('maps the setup groups onto datasets', () => {
        expect(groupOf('certificates-for-name')).toBe('certificates');
        expect(groupOf('host-services')).toBe('host_attributes');
        expect(groupOf('components')).toBe('host_attributes');
        expect(groupOf('host-pairs-parents')).toBeUndefined();
    });

    it('reads the order settings, dropping unknown ids and repeats; missing groups keep the default', () => {
        expect(
            datasetOrderFromSettings({
                'order.whois': 'rdap',
                'order.certificates': ' crtsh, passivetotal ,crtsh, virustotal,',
                resolutions: ['mnemonic'],
                'order.unknown': 'rdap',
            })
        ).toEqual({
            ...DEFAULT_DATASET_ORDER,
            whois: ['rdap'],
            certificates: ['crtsh', 'passivetotal'],
            resolutions: ['mnemonic'],
        });
    });
});

// ---------------------------------------------------------------------------------------------------------------
// The factory, on the app endpoint's routes answered from the composed fixtures of both families.

const PT_FIXTURES = join(__dirname, 'passivetotal/fixtures');
const OPEN_FIXTURES = join(__dirname, '../../test/fixtures/open');
const BASE = '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/';
const OPEN_ANSWERS: Readonly<Record<string, string>> = {
    'rdap/domain': 'rdap/domain-thin',
    'rdap/ip': 'rdap/ip-network',
    'crtsh/certificates': 'crtsh/certificates',
    'mnemonic/resolutions': 'mnemonic/resolutions-domain',
    'internetdb/host': 'internetdb/host',
    'urlhaus/host': 'urlhaus/host',
};

const json = (path: string): unknown => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});

const endpointFetch: FetchLike = (url) => {
    const path = url.slice(BASE.length).split('?')[0] ?? '';
    let data: unknown;
    if (path.startsWith('pt/')) data = json(join(PT_FIXTURES, `${path.slice(3).split('/').join('-')}.json`));
    else {
        const name = OPEN_ANSWERS[path.slice('open/'.length)];
        if (name === undefined) {
            const body = { messages: [{ type: 'ERROR', text: `${path} refused`, code: 'not_allowed' }] };
            return Promise.resolve({ status: 400, json: () => Promise.resolve(body) });
        }
        data = json(join(OPEN_FIXTURES, `${name}.json`));
    }
    return Promise.resolve({ status: 200, json: () => Promise.resolve({ data, cached: false }) });
};
const downFetch: FetchLike = () => Promise.reject(new Error('ECONNREFUSED'));

const setup = (fetch: FetchLike, configured: readonly string[]) =>
    createCompositeProvider({
        fetch,
        ptRoutes: proxyRoutes('/en-US/splunkd/__raw'),
        openRoutes: openProxyRoutes('/en-US/splunkd/__raw'),
        configured,
    });

const EVERYTHING_KEYLESS = ['passivetotal', 'rdap', 'crtsh', 'mnemonic', 'internetdb', 'urlhaus'];

providerContractTests('composite (PassiveTotal and open providers)', () => ({
    provider: setup(endpointFetch, EVERYTHING_KEYLESS),
    known: ind('evil.example'),
    unsupported: ind('jane@evil.example'),
    failing: setup(downFetch, EVERYTHING_KEYLESS),
}));

providerContractTests('composite (open providers only)', () => ({
    provider: setup(endpointFetch, ['rdap', 'crtsh', 'mnemonic', 'internetdb']),
    known: ind('203.0.113.77'),
    unsupported: ind('0123456789abcdef0123456789abcdef01234567'),
    failing: setup(downFetch, ['rdap', 'crtsh', 'mnemonic', 'internetdb']),
}));

describe('createCompositeProvider', () => {
    it('offers what the configured providers can fill, in the default order', () => {
        const configured = ['rdap', 'crtsh', 'mnemonic', 'internetdb'];
        const intel = setup(endpointFetch, configured);
        expect(intel.datasetsFor(ind('example.com'))).toEqual(['whois', 'certificates-for-name', 'resolutions']);
        expect(intel.datasetsFor(ind('203.0.113.77'))).toEqual(['whois', 'resolutions', 'components', 'host-services']);
        expect(intel.wouldFill('host-pairs-parents')).toEqual(['PassiveTotal']);
        // The others of the group's shipped order (the catalogue's), which are not configured.
        const others = (group: DatasetGroup) =>
            DEFAULT_DATASET_ORDER[group].filter((id) => !configured.includes(id)).map(providerLabel);
        expect(intel.wouldFill('reputation', ind('example.com'))).toEqual(others('reputation'));
        expect(intel.wouldFill('resolutions', ind('example.com'))).toEqual(others('resolutions'));
    });

    it("merges PassiveTotal and crt.sh certificates and keeps each row's provider", async () => {
        const intel = setup(endpointFetch, ['passivetotal', 'crtsh']);
        const r = await intel.fetch('certificates-for-name', ind('example.com'));
        if (!r.ok) throw new Error(r.reason);
        expect(r.value.records.length).toBeGreaterThan(0);
        expect(r.value.records.every((c) => c.provider === 'passivetotal' || c.provider === 'crtsh')).toBe(true);
        expect(r.value.records.some((c) => c.provider === 'crtsh')).toBe(true);
    });

    it('reports a provider the endpoint refuses as a problem beside the others', async () => {
        const intel = setup(endpointFetch, ['rdap', 'crtsh', 'certspotter']);
        const r = await intel.fetch('certificates-for-name', ind('example.com'));
        expect(r).toMatchObject({
            ok: true,
            problems: [{ provider: 'certspotter', error: { kind: 'bad-request', status: 400 } }],
        });
    });

    it('uses the setup order', () => {
        const intel = createCompositeProvider({
            fetch: endpointFetch,
            ptRoutes: proxyRoutes('/s'),
            openRoutes: openProxyRoutes('/s'),
            order: datasetOrderFromSettings({ 'order.resolutions': 'mnemonic,passivetotal' }),
            configured: ['passivetotal', 'mnemonic', 'otx'],
        });
        expect(intel.providersFor('resolutions', ind('example.com'))).toEqual(['mnemonic', 'passivetotal']);
        expect(intel.wouldFill('resolutions', ind('example.com'))).toEqual(['AlienVault OTX', 'CIRCL Passive DNS']);
    });
});
