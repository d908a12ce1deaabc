/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerContractTests } from '../../testing/provider-contract-tests';
import { openProxyRoutes, type FetchLike, type ResponseLike } from '../passivetotal/proxy-client';
import { PROVIDERS } from '../../catalogue/catalogue.generated';
import { OPEN_PROVIDER_IDS, OPEN_PROVIDER_KEYS, PROVIDER_LABELS, type OpenProviderId } from './catalogue';
import { OpenProvider, openProviders } from './open-provider';
import { parsedIndicator as ind } from '../../testing';

const FIXTURES = join(__dirname, '../../../test/fixtures/open');
const ROUTES = openProxyRoutes('/en-US/splunkd/__raw');
const PREFIX = '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/open/';

/** The fixture answering each `<id>/<operation>` route. */
const ANSWERS: Readonly<Record<string, string>> = {
    'rdap/domain': 'rdap/domain-thin',
    'rdap/ip': 'rdap/ip-network',
    'crtsh/certificates': 'crtsh/certificates',
    'certspotter/issuances': 'certspotter/issuances',
    'mnemonic/resolutions': 'mnemonic/resolutions-domain',
    'otx/passive_dns': 'otx/passive-dns-domain',
    'otx/general': 'otx/general-domain',
    'circl/resolutions': 'circl/resolutions',
    'urlhaus/host': 'urlhaus/host',
    'threatfox/search': 'threatfox/search',
    'internetdb/host': 'internetdb/host',
};

const respond = (status: number, body: unknown): Promise<ResponseLike> =>
    Promise.resolve({ status, json: () => Promise.resolve(body) });

const routeOf = (url: string) => url.slice(PREFIX.length).split('?')[0] ?? '';

/** A fake app endpoint answering the open routes from the composed fixtures, with the success envelope. */
const fixtureFetch: FetchLike = (url) => {
    const route = routeOf(url);
    const name = ANSWERS[route];
    const file = name === undefined ? '' : join(FIXTURES, `${name}.json`);
    if (!existsSync(file))
        return respond(400, { messages: [{ type: 'ERROR', text: `no ${route}`, code: 'not_allowed' }] });
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return respond(200, { data, cached: route === 'rdap/domain', fetchedAt: '2026-02-01T00:00:00Z', provider: 'x' });
};
const downFetch: FetchLike = () => Promise.reject(new Error('ECONNREFUSED'));

/** What each provider is asked about in the contract suite, and a type it offers nothing for. */
const SUBJECTS: Readonly<Record<OpenProviderId, { known: string; unsupported: string }>> = {
    rdap: { known: 'example.com', unsupported: 'jane@example.com' },
    crtsh: { known: 'example.com', unsupported: '198.51.100.7' },
    certspotter: { known: 'example.com', unsupported: '198.51.100.7' },
    mnemonic: { known: 'www.example.com', unsupported: 'jane@example.com' },
    otx: { known: 'login-secure-update.example', unsupported: '0123456789abcdef0123456789abcdef01234567' },
    circl: { known: 'www.example.com', unsupported: 'UA-1234567-1' },
    urlhaus: { known: '203.0.113.77', unsupported: 'jane@example.com' },
    threatfox: { known: '203.0.113.77', unsupported: 'jane@example.com' },
    internetdb: { known: '203.0.113.77', unsupported: 'example.com' },
};

for (const id of OPEN_PROVIDER_IDS) {
    providerContractTests(PROVIDER_LABELS[id], () => ({
        provider: new OpenProvider(id, { fetch: fixtureFetch, routes: ROUTES }),
        known: ind(SUBJECTS[id].known),
        unsupported: ind(SUBJECTS[id].unsupported),
        failing: new OpenProvider(id, { fetch: downFetch, routes: ROUTES }),
    }));
}

/** A fetch that records the URLs and answers with one status and body. */
function recording(status: number, body: unknown): { fetch: FetchLike; urls: string[] } {
    const urls: string[] = [];
    return {
        urls,
        fetch: (url) => {
            urls.push(url);
            return respond(status, body);
        },
    };
}

describe('OpenProvider routes', () => {
    it.each([
        ['rdap', 'whois', 'example.com', 'rdap/domain?q=example.com'],
        ['rdap', 'whois', '198.51.100.7', 'rdap/ip?q=198.51.100.7'],
        ['rdap', 'whois', '[2001:DB8::1]', 'rdap/ip?q=2001%3Adb8%3A%3A1'],
        ['crtsh', 'certificates-for-name', 'hxxps://Evil[.]Example/login', 'crtsh/certificates?q=evil.example'],
        ['certspotter', 'certificates-for-name', 'example.com', 'certspotter/issuances?q=example.com'],
        ['mnemonic', 'resolutions', '198.51.100.7', 'mnemonic/resolutions?q=198.51.100.7'],
        ['otx', 'resolutions', 'example.com', 'otx/passive_dns?q=example.com'],
        ['otx', 'reputation', '198.51.100.7', 'otx/general?q=198.51.100.7'],
        ['circl', 'resolutions', 'example.com', 'circl/resolutions?q=example.com'],
        ['urlhaus', 'reputation', 'example.com', 'urlhaus/host?q=example.com'],
        ['threatfox', 'reputation', '198.51.100.7', 'threatfox/search?q=198.51.100.7'],
        ['internetdb', 'host-services', '198.51.100.7', 'internetdb/host?q=198.51.100.7'],
        ['internetdb', 'components', 'http://198.51.100.7:8080/x', 'internetdb/host?q=198.51.100.7'],
    ] as const)('%s %s for %s asks %s', async (id, dataset, value, route) => {
        const { fetch, urls } = recording(200, { data: {} });
        await new OpenProvider(id, { fetch, routes: ROUTES }).fetch(dataset, ind(value));
        expect(urls[0]).toBe(`${PREFIX}${route}&output_mode=json`);
    });

    it('offers datasets by host type', () => {
        const [rdap, crtsh, , mnemonic, otx, , , , internetdb] = openProviders({ fetch: fixtureFetch, routes: ROUTES });
        expect(rdap?.datasetsFor(ind('198.51.100.7'))).toEqual(['whois']);
        expect(crtsh?.datasetsFor(ind('https://example.com/a'))).toEqual(['certificates-for-name']);
        expect(crtsh?.datasetsFor(ind('2001:db8::1'))).toEqual([]);
        expect(mnemonic?.datasetsFor(ind('2001:db8::1'))).toEqual(['resolutions']);
        expect(otx?.datasetsFor(ind('example.com'))).toEqual(['resolutions', 'reputation']);
        expect(internetdb?.datasetsFor(ind('198.51.100.7'))).toEqual(['components', 'host-services']);
        expect(internetdb?.datasetsFor(ind('example.com'))).toEqual([]);
    });

    it('declares every dataset it can answer for some host type', () => {
        const [rdap, crtsh, , , otx, , , , internetdb] = openProviders({ fetch: fixtureFetch, routes: ROUTES });
        expect(rdap?.datasets()).toEqual(['whois']);
        expect(crtsh?.datasets()).toEqual(['certificates-for-name']);
        expect(otx?.datasets()).toEqual(['resolutions', 'reputation']);
        expect(internetdb?.datasets()).toEqual(['components', 'host-services']);
    });

    it('passes cached and fetchedAt on', async () => {
        const rdap = new OpenProvider('rdap', { fetch: fixtureFetch, routes: ROUTES });
        expect(await rdap.fetch('whois', ind('example.com'))).toMatchObject({
            ok: true,
            cached: true,
            fetchedAt: '2026-02-01T00:00:00Z',
            value: { total: 1 },
        });
    });

    it('knows which providers need a key, as the catalogue says', () => {
        for (const id of OPEN_PROVIDER_IDS) expect([id, OPEN_PROVIDER_KEYS[id]]).toEqual([id, PROVIDERS[id].auth.key]);
    });
});

describe('OpenProvider errors: the same envelope and codes as pt/', () => {
    const ask = async (status: number, body: unknown, id: OpenProviderId = 'mnemonic') => {
        const { fetch } = recording(status, body);
        const dataset = id === 'rdap' ? 'whois' : id === 'internetdb' ? 'host-services' : 'resolutions';
        return new OpenProvider(id, { fetch, routes: ROUTES }).fetch(dataset, ind('198.51.100.7'));
    };
    const envelope = (text: string, code?: string) => ({
        messages: [{ type: 'ERROR', text, ...(code === undefined ? {} : { code }) }],
    });

    it.each([
        [429, envelope('mnemonic answered 429', 'quota_exceeded'), 'quota'],
        [429, envelope('more than 10 calls a minute to mnemonic', 'rate_limited'), 'quota'],
        [402, envelope('Payment Required'), 'quota'],
        [402, envelope('resource limit', 'quota_exceeded'), 'quota'],
        [503, envelope('mnemonic is turned off', 'not_configured'), 'not-configured'],
        [403, envelope('may not query', 'forbidden'), 'not-permitted'],
        [401, envelope('bad key', 'bad_credentials'), 'unauthorized'],
        [400, envelope('parameter x is not allowed', 'not_allowed'), 'bad-request'],
        [404, envelope('Not Found'), 'not-found'],
        [502, envelope('unavailable', 'upstream_unavailable'), 'upstream'],
        [504, envelope('timed out', 'upstream_timeout'), 'upstream'],
    ])('%i %j → %s', async (status, body, kind) => {
        expect(await ask(status, body)).toMatchObject({ ok: false, kind, status });
    });

    it.each([
        ['key_missing', 'otx', 'an administrator to enter the AlienVault OTX API key on the setup page'],
        [
            'key_missing',
            'circl',
            'an administrator to enter the CIRCL Passive DNS username and password on the setup page',
        ],
        ['disabled', 'mnemonic', 'an administrator to turn mnemonic PassiveDNS on on the setup page'],
        [
            'invalid_settings',
            'mnemonic',
            'an administrator to correct the settings of mnemonic PassiveDNS on the setup page',
        ],
    ] as const)('says what to do about not_configured with reason %s for %s', async (reason, provider, expected) => {
        const body = { messages: [{ type: 'ERROR', text: 'not usable', code: 'not_configured', reason, provider }] };
        expect(await ask(503, body, provider)).toEqual({
            ok: false,
            kind: 'not-configured',
            reason: 'not usable',
            expected,
            status: 503,
        });
    });

    it("names the app's settings for a not_configured without a provider (an unusable https_proxy)", async () => {
        const body = { messages: [{ type: 'ERROR', text: 'x', code: 'not_configured', reason: 'invalid_settings' }] };
        expect(await ask(503, body)).toMatchObject({
            kind: 'not-configured',
            expected: "an administrator to correct the app's settings on the setup page",
        });
    });

    it("names the provider in what is expected, and keeps the envelope's text as the reason", async () => {
        const r = await ask(429, envelope('more than 10 calls a minute to mnemonic', 'rate_limited'));
        expect(r).toEqual({
            ok: false,
            kind: 'quota',
            reason: 'more than 10 calls a minute to mnemonic',
            expected: "mnemonic PassiveDNS to accept requests again (its rate limit or the app's); wait and try again",
            status: 429,
        });
    });

    it("reads the upstream's 404 (code not_found) as an empty answer", async () => {
        expect(await ask(404, envelope('no record', 'not_found'), 'internetdb')).toEqual({
            ok: true,
            value: { records: [], total: 0 },
            cached: false,
        });
        expect(await ask(404, envelope('no record', 'not_found'))).toMatchObject({
            ok: true,
            value: { queryValue: '198.51.100.7', records: [], total: 0 },
        });
    });

    it('reads errors reported inside a 200 body', async () => {
        const limit = JSON.parse(readFileSync(join(FIXTURES, 'mnemonic/resource-limit.json'), 'utf8')) as unknown;
        expect(await ask(200, { data: limit })).toMatchObject({ ok: false, kind: 'quota', status: 402 });
        const rdap429 = { registry: { errorCode: 429, title: 'Too Many Requests' }, registrar: null };
        expect(await ask(200, { data: rdap429 }, 'rdap')).toMatchObject({ ok: false, kind: 'quota' });
        const { fetch } = recording(200, { data: { query_status: 'invalid_host' } });
        const urlhaus = new OpenProvider('urlhaus', { fetch, routes: ROUTES });
        expect(await urlhaus.fetch('reputation', ind('example.com'))).toMatchObject({
            ok: false,
            kind: 'bad-request',
            reason: 'URLhaus: invalid_host',
            expected: 'a query URLhaus accepts',
        });
    });

    it('reads a body that is not the documented shape as malformed', async () => {
        expect(await ask(200, { data: 'text' })).toMatchObject({ ok: false, kind: 'malformed' });
        expect(await ask(200, { nodata: true })).toMatchObject({ ok: false, kind: 'malformed' });
    });

    it('reports an aborted call as aborted', async () => {
        const mnemonic = new OpenProvider('mnemonic', { fetch: downFetch, routes: ROUTES });
        expect(await mnemonic.fetch('resolutions', ind('example.com'), { signal: { aborted: true } })).toMatchObject({
            ok: false,
            kind: 'aborted',
        });
    });
});

describe('OpenProvider: CIRCL skipped lines', () => {
    it('returns the records and a problem naming the skipped lines', async () => {
        const circl = new OpenProvider('circl', { fetch: fixtureFetch, routes: ROUTES });
        const r = await circl.fetch('resolutions', ind('www.example.com'));
        expect(r.ok && r.value.records).toHaveLength(6);
        expect(r.ok && r.problems).toEqual([
            {
                provider: 'circl',
                error: {
                    ok: false,
                    kind: 'malformed',
                    reason: '3 lines of the CIRCL answer were not a passive DNS record and were skipped',
                    expected: 'a JSON answer from the app endpoint',
                },
            },
        ]);
    });
});

describe('OpenProvider: RDAP for a host name below the registered domain', () => {
    const registered = JSON.parse(readFileSync(join(FIXTURES, 'rdap/domain-thin.json'), 'utf8')) as unknown;

    it('asks the parent names in turn while the answer is empty, down to two labels', async () => {
        const urls: string[] = [];
        const envelope404 = { messages: [{ type: 'ERROR', text: 'not registered', code: 'not_found' }] };
        const fetch: FetchLike = (url) => {
            urls.push(url);
            const q = new URLSearchParams(url.split('?')[1]).get('q');
            if (q === 'a.www.example.com') return respond(404, envelope404);
            if (q === 'www.example.com') return respond(200, { data: { registry: null, registrar: null } });
            return respond(200, { data: registered });
        };
        const rdap = new OpenProvider('rdap', { fetch, routes: ROUTES });
        const r = await rdap.fetch('whois', ind('a.www.example.com'));
        expect(urls.map((u) => new URLSearchParams(u.split('?')[1]).get('q'))).toEqual([
            'a.www.example.com',
            'www.example.com',
            'example.com',
        ]);
        expect(r.ok && r.value.records[0]?.domain).toBe('example.com');
    });

    it('stops at two labels and at most two parents, and on an error', async () => {
        const empty = recording(200, { data: { registry: null, registrar: null } });
        const rdap = new OpenProvider('rdap', { fetch: empty.fetch, routes: ROUTES });
        expect(await rdap.fetch('whois', ind('a.b.c.d.example'))).toMatchObject({ ok: true, value: { total: 0 } });
        expect(empty.urls).toHaveLength(3);
        const failing = recording(502, { messages: [{ type: 'ERROR', text: 'down', code: 'upstream_unavailable' }] });
        const down = new OpenProvider('rdap', { fetch: failing.fetch, routes: ROUTES });
        expect(await down.fetch('whois', ind('www.example.com'))).toMatchObject({ ok: false, kind: 'upstream' });
        expect(failing.urls).toHaveLength(1);
        const two = recording(200, { data: { registry: null, registrar: null } });
        await new OpenProvider('rdap', { fetch: two.fetch, routes: ROUTES }).fetch('whois', ind('example.com'));
        expect(two.urls).toHaveLength(1);
    });
});
