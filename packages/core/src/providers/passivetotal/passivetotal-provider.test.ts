/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerContractTests } from '../../testing/provider-contract-tests';
import { PassiveTotalProvider } from './passivetotal-provider';
import { callProxy, classifyProxyError, proxyRoutes, type FetchLike } from './proxy-client';
import { parsedIndicator as ind } from '../../testing';

const FIXTURES = join(__dirname, 'fixtures');
const ROUTES = proxyRoutes('/en-US/splunkd/__raw');
const PREFIX = '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/pt/';

/** A fake proxy answering from the composed fixtures (`dns/passive` → `dns-passive.json`), empty `{}` otherwise. */
const fixtureFetch: FetchLike = (url) => {
    const path = url.slice(PREFIX.length).split('?')[0] ?? '';
    const file = join(FIXTURES, `${path.split('/').join('-')}.json`);
    const data: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    return Promise.resolve({
        status: 200,
        json: () => Promise.resolve({ data, cached: path === 'whois', fetchedAt: '2024-01-01T00:00:00Z' }),
    });
};
const downFetch: FetchLike = () => Promise.reject(new Error('ECONNREFUSED'));

providerContractTests('PassiveTotal', () => ({
    provider: new PassiveTotalProvider({ fetch: fixtureFetch, routes: ROUTES }),
    known: ind('evil.example'),
    failing: new PassiveTotalProvider({ fetch: downFetch, routes: ROUTES }),
}));

describe('PassiveTotalProvider', () => {
    it('calls the proxy route with the intelligence query and maps the answer', async () => {
        const urls: string[] = [];
        const fetchFn: FetchLike = (url, init) => {
            urls.push(url);
            return fixtureFetch(url, init);
        };
        const pt = new PassiveTotalProvider({ fetch: fetchFn, routes: ROUTES });
        const r = await pt.fetch('resolutions', ind('hxxps://evil[.]example/login.php'));
        expect(urls).toEqual([`${PREFIX}dns/passive?query=evil.example&output_mode=json`]);
        expect(r).toMatchObject({ ok: true, cached: false, fetchedAt: '2024-01-01T00:00:00Z', value: { total: 5 } });
        await pt.fetch('host-pairs-parents', ind('evil.example'));
        expect(urls[1]).toBe(`${PREFIX}host-attributes/pairs?direction=parents&query=evil.example&output_mode=json`);
        await pt.fetch('tracker-hosts', ind('UA-1234567-1'));
        expect(urls[2]).toBe(
            `${PREFIX}trackers/search?query=UA-1234567-1&type=GoogleAnalyticsTrackingId&output_mode=json`
        );
    });

    it('searches the certificates naming a domain by `name` (SANs and CN in one call), keeping true matches', async () => {
        const urls: string[] = [];
        const data: unknown = JSON.parse(readFileSync(join(FIXTURES, 'ssl-certificate-search-name.json'), 'utf8'));
        const fetchFn: FetchLike = (url) => {
            urls.push(url);
            return Promise.resolve({ status: 200, json: () => Promise.resolve({ data, cached: false }) });
        };
        const pt = new PassiveTotalProvider({ fetch: fetchFn, routes: ROUTES });
        const r = await pt.fetch('certificates-for-name', ind('Evil[.]example.'));
        expect(urls).toEqual([`${PREFIX}ssl-certificate/search?field=name&query=evil.example&output_mode=json`]);
        expect(r.ok && r.value.records.map((c) => c.sha1)).toEqual([
            '89abcdef0123456789abcdef0123456789abcdef',
            'fedcba9876543210fedcba9876543210fedcba98',
        ]);
        expect(r.ok && r.value.total).toBe(2);
        await expect(pt.fetch('certificates-for-name', ind('198.51.100.7'))).resolves.toMatchObject({
            ok: false,
            kind: 'unsupported',
        });
        expect(urls).toHaveLength(1);
    });

    it('offers datasets by indicator type', () => {
        const ptDomain = new PassiveTotalProvider({ fetch: fixtureFetch, routes: ROUTES });
        expect(ptDomain.datasetsFor(ind('evil.example'))).toContain('certificates-for-name');
        expect(ptDomain.datasetsFor(ind('evil.example'))).not.toContain('certificate-history');
        expect(ptDomain.datasetsFor(ind('198.51.100.7'))).toContain('certificate-history');
        expect(ptDomain.datasetsFor(ind('198.51.100.7'))).not.toContain('certificates-for-name');
        const pt = new PassiveTotalProvider({ fetch: fixtureFetch, routes: ROUTES });
        expect(pt.datasetsFor(ind('e9a6647d6aba52dc47b3838c920c9ee59bad7034'))).toEqual([
            'certificate-history',
            'certificate-details',
        ]);
        expect(pt.datasetsFor(ind('jane@evil.example'))).toEqual([]);
        expect(pt.datasetsFor(ind('UA-1234567-1'))).toEqual(['tracker-hosts']);
    });
});

describe('proxy errors are sorted by status and code, not by text', () => {
    it.each([
        [401, { messages: [{ type: 'ERROR', text: 'bad credentials' }] }, 'unauthorized'],
        [402, { messages: [{ type: 'ERROR', text: 'not licensed' }] }, 'forbidden'],
        [402, { messages: [{ type: 'ERROR', text: 'x', code: 'not_licensed' }] }, 'forbidden'],
        [403, { messages: [{ type: 'ERROR', text: 'x', code: 'not_licensed' }] }, 'forbidden'],
        [403, { messages: [{ type: 'ERROR', text: 'Forbidden' }] }, 'forbidden'],
        // The app endpoint's own refusal: the Splunk user lacks passivetotal_query (code forbidden).
        [
            403,
            { messages: [{ type: 'ERROR', text: 'may not query PassiveTotal', code: 'forbidden' }] },
            'not-permitted',
        ],
        [403, { messages: [{ type: 'ERROR', text: 'x', code: 'not_configured' }] }, 'not-configured'],
        [429, { messages: [{ type: 'ERROR', text: 'Search limit reached' }] }, 'quota'],
        [403, { messages: [{ type: 'ERROR', text: 'anything', code: 'quota_exceeded' }] }, 'quota'],
        [400, { messages: [{ type: 'ERROR', text: 'query is required' }] }, 'bad-request'],
        [404, { messages: [] }, 'not-found'],
        [502, 'gateway', 'upstream'],
        [500, { messages: [{ type: 'ERROR', text: 'internal' }] }, 'upstream'],
        [418, {}, 'malformed'],
    ])('%i %j → %s', (status, body, kind) => {
        expect(classifyProxyError(status, body).kind).toBe(kind);
    });

    it('tells the analyst whom to ask: a Splunk administrator for the role, the account owner for the licence', () => {
        const role = classifyProxyError(403, { messages: [{ type: 'ERROR', text: 'no', code: 'forbidden' }] });
        expect(role.expected).toBe(
            'the PassiveTotal for Splunk user role (capability passivetotal_query); ask a Splunk administrator'
        );
        const licence = classifyProxyError(403, { messages: [{ type: 'ERROR', text: 'no', code: 'not_licensed' }] });
        expect(licence.expected).toBe('a PassiveTotal licence that includes this dataset');
    });

    it('reports aborts, network failures and non-JSON bodies without rejecting', async () => {
        const aborted = await callProxy(downFetch, ROUTES, 'whois', { query: 'x' }, { aborted: true });
        expect(aborted).toMatchObject({ ok: false, kind: 'aborted' });
        expect(await callProxy(downFetch, ROUTES, 'whois', {})).toMatchObject({ ok: false, kind: 'network' });
        const notJson: FetchLike = () =>
            Promise.resolve({ status: 200, json: () => Promise.reject(new Error('bad json')) });
        expect(await callProxy(notJson, ROUTES, 'whois', {})).toMatchObject({
            ok: false,
            kind: 'malformed',
            status: 200,
        });
        const noData: FetchLike = () => Promise.resolve({ status: 200, json: () => Promise.resolve({ results: [] }) });
        expect(await callProxy(noData, ROUTES, 'whois', {})).toMatchObject({ ok: false, kind: 'malformed' });
        const error: FetchLike = () =>
            Promise.resolve({
                status: 401,
                json: () => Promise.resolve({ messages: [{ type: 'ERROR', text: 'no' }] }),
            });
        expect(await callProxy(error, ROUTES, 'whois', {})).toEqual({
            ok: false,
            kind: 'unauthorized',
            reason: 'no',
            expected: expect.any(String) as unknown,
            status: 401,
        });
    });

    it('encodes route parts and parameters', () => {
        expect(proxyRoutes('/en-US/splunkd/__raw/', 'a b')('cookies/name/a&b/hosts', { query: 'x y&z' })).toBe(
            '/en-US/splunkd/__raw/servicesNS/a%20b/passivetotal/passivetotal/pt/cookies/name/a%26b/hosts?query=x%20y%26z&output_mode=json'
        );
    });
});
