import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mapperForPath } from '@passivetotal/core/testing';
import { ENDPOINTS } from './endpoints';
import { fixtureExtensionOf, KEY_POLICIES, OPEN_PROVIDER_IDS, type OpenProviderId } from './open-providers';
import { GARBAGE_BODY, createReplayServer, type ReplayRequest, type ReplayServer } from './replay-server';
import { sampleQuery, toReplayRequest, upstreamOperations, upstreamRequest } from './upstream-requests';

const basic = (user: string, key: string): string => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
const DEMO = basic('analyst@example.com', 'demo');

let root: string;
let dir: string;

function put(relative: string, value: unknown): void {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
}

beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'replay-test-'));
    dir = path.join(root, 'fixtures');
    mkdirSync(dir);
    // A file outside the fixtures folder that no request may ever read.
    mkdirSync(path.join(root, 'secret', 'dns'), { recursive: true });
    writeFileSync(path.join(root, 'secret', 'dns', 'passive.json'), JSON.stringify({ leaked: true }));
    writeFileSync(path.join(root, 'dns.json'), JSON.stringify({ leaked: true }));

    put('evil.example/dns/passive.json', { queryValue: 'evil.example', totalRecords: 1, results: [{ source: 'q' }] });
    put('dns/passive.json', { queryValue: 'path-level', totalRecords: 0, results: [] });
    put('evil.example/enrichment/subdomains.json', { queryValue: '*.evil.example', subdomains: ['www'] });
    put('quota.example/dns/passive.json', {
        $replay: { status: 429, delayMs: 0 },
        body: { message: 'quota_exceeded: quota exceeded for operation search_api' },
    });
    put('slow.example/whois.json', { $replay: { status: 200, delayMs: 150 }, body: { domain: 'slow.example' } });
    put('slow-empty.example/enrichment.json', { $replay: { delayMs: 10 } });
    put('broken.example/dns/passive.json', { $replay: { status: 200, raw: '{"results": [' } });
    put('bad-envelope.example/dns/passive.json', { $replay: { status: 'soon' } });
    put('not-json.example/whois.json', 'this is not JSON');
    put('evil.example/host-attributes/pairs.json', {
        success: true,
        totalRecords: 3,
        results: [
            { parent: 'www.evil.example', child: 'cdn.example.net', cause: 'script.src' },
            { parent: 'redirector.example', child: 'evil.example', cause: 'redirect' },
            { parent: 'evil.example', child: 'collect.example.org', cause: 'xmlhttprequest' },
        ],
    });
    put('host-attributes/pairs.json', {
        success: true,
        totalRecords: 1,
        results: [{ parent: 'a.example', child: 'b.example', cause: 'redirect' }],
    });
    put('evil.example/enrichment.json', {
        queryValue: 'evil.example',
        queryType: 'domain',
        classification: 'malicious',
    });
    put('evil.example/enrichment/osint.json', { success: true, results: [{ source: 'x', inReport: [] }] });
    putOpenFixtures();
});

afterAll(() => {
    rmSync(root, { recursive: true, force: true });
});

describe('replay server, in process', () => {
    let pt: ReplayServer;
    beforeEach(() => {
        pt = createReplayServer({ fixturesDir: dir });
    });
    afterEach(async () => {
        await pt.close();
    });

    const get = async (url: string, authorization: string = DEMO) => {
        const res = await pt.handle({ url, authorization });
        return { ...res, json: (): unknown => JSON.parse(res.body) };
    };

    describe('lookup order: per-query file, path file, empty shape', () => {
        it('answers with the per-query file first', async () => {
            const res = await get('/v2/dns/passive?query=evil.example');
            expect(res.status).toBe(200);
            expect(res.json()).toMatchObject({ queryValue: 'evil.example', totalRecords: 1 });
            expect(res.headers['X-Replay-Source']).toBe('file:evil.example/dns/passive.json');
        });

        it('falls back to the path file', async () => {
            const res = await get('/v2/dns/passive?query=other.example&start=2024-01-01');
            expect(res.json()).toMatchObject({ queryValue: 'path-level' });
            expect(res.headers['X-Replay-Source']).toBe('file:dns/passive.json');
        });

        it('then answers with the endpoint empty shape, status 200', async () => {
            const res = await get('/v2/dns/passive/unique?query=Unknown.Example');
            expect(res.status).toBe(200);
            expect(res.json()).toEqual({
                queryValue: 'unknown.example',
                queryType: 'domain',
                pager: null,
                total: 0,
                results: [],
                frequency: [],
            });
            expect(res.headers['X-Replay-Source']).toBe('empty');
        });

        it("gives the API's empty passive DNS answer, with queryType ip for addresses", async () => {
            const bare = createReplayServer({ fixturesDir: path.join(root, 'no-such-folder') });
            const res = await bare.handle({ url: '/v2/dns/passive?query=198.51.100.7', authorization: DEMO });
            expect(JSON.parse(res.body)).toEqual({
                totalRecords: 0,
                firstSeen: null,
                lastSeen: null,
                results: [],
                queryValue: '198.51.100.7',
                queryType: 'ip',
                pager: null,
            });
        });

        it('finds the folder of a wildcard or differently-cased query', async () => {
            const sub = await get('/v2/enrichment/subdomains?query=*.evil.example');
            expect(sub.headers['X-Replay-Source']).toBe('file:evil.example/enrichment/subdomains.json');
            const upper = await get('/v2/dns/passive?query=EVIL.example');
            expect(upper.headers['X-Replay-Source']).toBe('file:evil.example/dns/passive.json');
        });

        it('serves /pt/v2/ like /v2/', async () => {
            const res = await get('/pt/v2/dns/passive?query=evil.example');
            expect(res.json()).toMatchObject({ totalRecords: 1 });
        });

        it('answers 400 without a required query and 404 for unknown paths', async () => {
            const missing = await get('/v2/dns/passive');
            expect(missing.status).toBe(400);
            expect(missing.json()).toEqual({ message: 'query is required' });
            const unknown = await get('/v2/no-such-endpoint?query=evil.example');
            expect(unknown.status).toBe(404);
            expect((unknown.json() as { message: string }).message).toContain('/v2/no-such-endpoint');
            const notApi = await get('/robots.txt');
            expect(notApi.status).toBe(404);
        });

        it('answers account endpoints without a query', async () => {
            const account = await get('/v2/account');
            expect(account.json()).toMatchObject({ username: 'analyst@example.com' });
            const quota = await get('/v2/account/quota');
            expect(mapperForPath('account/quota')?.(quota.json())).toMatchObject({
                ok: true,
                value: { used: 0, limit: 10000, remaining: 10000 },
            });
        });
    });

    describe('envelopes', () => {
        it('uses the envelope status and body', async () => {
            const res = await get('/v2/dns/passive?query=quota.example');
            expect(res.status).toBe(429);
            expect(res.json()).toEqual({ message: 'quota_exceeded: quota exceeded for operation search_api' });
        });

        it('waits the envelope delay', async () => {
            const started = Date.now();
            const res = await get('/v2/whois?query=slow.example');
            expect(Date.now() - started).toBeGreaterThanOrEqual(140);
            expect(res.json()).toEqual({ domain: 'slow.example' });
        });

        it('sends the empty shape for an envelope without body', async () => {
            const res = await get('/v2/enrichment?query=slow-empty.example');
            expect(res.json()).toMatchObject({ queryValue: 'slow-empty.example', queryType: 'domain', tags: [] });
        });

        it('sends raw text verbatim (invalid JSON on purpose)', async () => {
            const res = await get('/v2/dns/passive?query=broken.example');
            expect(res.status).toBe(200);
            expect(res.body).toBe('{"results": [');
            expect(res.headers['Content-Type']).toBe('application/json');
        });

        it('sends a file that is not JSON verbatim', async () => {
            const res = await get('/v2/whois?query=not-json.example');
            expect(res.body).toBe('this is not JSON');
        });

        it('answers 500 naming the file for an unusable envelope', async () => {
            const res = await get('/v2/dns/passive?query=bad-envelope.example');
            expect(res.status).toBe(500);
            expect(res.json()).toEqual({
                message: 'bad-envelope.example/dns/passive.json: "$replay.status" must be an HTTP status code',
            });
        });
    });

    describe('credentials', () => {
        it.each([
            ['demo', 'analyst@example.com'],
            ['demo-alice', 'alice@example.com'],
            ['demo-', ''],
        ])('accepts the key %j (user %j)', async (key, user) => {
            expect((await get('/v2/dns/passive?query=evil.example', basic(user, key))).status).toBe(200);
        });

        it.each([
            ['a wrong key', basic('analyst@example.com', 'd3m0')],
            ['a key that only contains demo', basic('analyst@example.com', 'xdemo-1')],
            ['no key', basic('analyst@example.com', '')],
            ['a bearer token', 'Bearer demo'],
            ['no Authorization header', undefined],
        ])('answers %s with the API 401', async (_name, authorization) => {
            const res = await pt.handle({
                url: '/v2/dns/passive?query=evil.example',
                ...(authorization ? { authorization } : {}),
            });
            expect(res.status).toBe(401);
            expect(JSON.parse(res.body)).toEqual({ message: 'invalid credentials' });
        });
    });

    describe('path traversal', () => {
        it.each([
            '../secret',
            '..',
            '.',
            '/etc/passwd',
            '..%2Fsecret',
            'a/../../secret',
            '..\\secret',
            'x'.repeat(300),
            'evil.example\u0000',
        ])('treats the query %j as not found (empty answer, nothing read outside)', async (q) => {
            const res = await get(`/v2/dns/passive?query=${encodeURIComponent(q)}`);
            expect(res.status).toBe(200);
            expect(res.body).not.toContain('leaked');
            expect(res.headers['X-Replay-Source']).toBe('file:dns/passive.json');
        });

        it.each(['/v2/..%2F..%2Fdns?query=x', '/v2/%2E%2E/dns?query=x', '/v2/dns%2F..%2F..%2Fsecret%2Fdns%2Fpassive'])(
            'never reads outside the folder through the path %s',
            async (url) => {
                const res = await get(url);
                expect(res.body).not.toContain('leaked');
            }
        );
    });

    describe('host pairs direction', () => {
        it('keeps the pairs whose parent is the query (or below it) for children', async () => {
            const res = await get('/v2/host-attributes/pairs?query=evil.example&direction=children');
            const body = res.json() as { totalRecords: number; results: { child: string }[] };
            expect(body.results.map((r) => r.child)).toEqual(['cdn.example.net', 'collect.example.org']);
            expect(body.totalRecords).toBe(2);
        });

        it('keeps the pairs whose child is the query for parents', async () => {
            const res = await get('/v2/host-attributes/pairs?query=evil.example&direction=parents');
            expect((res.json() as { results: { parent: string }[] }).results).toEqual([
                { parent: 'redirector.example', child: 'evil.example', cause: 'redirect' },
            ]);
        });

        it('refuses an unknown direction like the API', async () => {
            const res = await get('/v2/host-attributes/pairs?query=evil.example&direction=sideways');
            expect(res.status).toBe(400);
            expect(res.json()).toEqual({ message: 'direction must be one of: parents, children' });
        });

        it('serves a file that does not name the query whole', async () => {
            const res = await get('/v2/host-attributes/pairs?query=other.example&direction=parents');
            expect(res.json()).toMatchObject({ totalRecords: 1 });
        });
    });

    describe('bulk endpoints', () => {
        it('compose repeated query parameters from the per-query files', async () => {
            const res = await get('/v2/enrichment/bulk?query=evil.example&query=198.51.100.9');
            expect(res.json()).toMatchObject({
                results: {
                    'evil.example': { classification: 'malicious' },
                    '198.51.100.9': { queryValue: '198.51.100.9', queryType: 'ip' },
                },
            });
        });

        it('accept a JSON body on GET', async () => {
            const res = await pt.handle({
                url: '/v2/enrichment/bulk/osint',
                authorization: DEMO,
                body: JSON.stringify({ query: ['evil.example', 'clean.example'] }),
            });
            expect(JSON.parse(res.body)).toEqual({
                success: true,
                results: {
                    'evil.example': { hasOsint: true, results: [{ source: 'x', inReport: [] }] },
                    'clean.example': { hasOsint: false, results: [] },
                },
            });
        });
    });

    describe('actions setters', () => {
        it('echo the new state like the API', async () => {
            const post = (url: string, body: unknown, method = 'POST') =>
                pt.handle({ url, method, authorization: DEMO, body: JSON.stringify(body) });
            expect(
                JSON.parse(
                    (await post('/v2/actions/classification', { query: 'a.example', classification: 'non-malicious' }))
                        .body
                )
            ).toEqual({
                classification: 'non_malicious',
            });
            expect(
                JSON.parse((await post('/v2/actions/ever-compromised', { query: 'a.example', status: 'true' })).body)
            ).toEqual({
                everCompromised: null,
            });
            expect(
                JSON.parse((await post('/v2/actions/tags', { query: 'a.example', tags: ['x'] }, 'PUT')).body)
            ).toEqual({
                tags: ['x'],
            });
            expect((await post('/v2/dns/passive', {})).status).toBe(405);
        });
    });

    describe('latency and faults', () => {
        it('adds latencyMs to every response, errors included', async () => {
            pt.setLatency(80);
            let started = Date.now();
            await get('/v2/dns/passive?query=evil.example');
            expect(Date.now() - started).toBeGreaterThanOrEqual(75);
            started = Date.now();
            expect((await get('/v2/dns/passive?query=evil.example', basic('a', 'nope'))).status).toBe(401);
            expect(Date.now() - started).toBeGreaterThanOrEqual(75);
        });

        it('injects a status with the real API body by default', async () => {
            pt.setFault({ status: 429 });
            const res = await get('/v2/whois?query=evil.example');
            expect(res.status).toBe(429);
            expect(res.json()).toEqual({ message: 'quota_exceeded: quota exceeded for operation search_api' });
            pt.setFault({ status: 403 });
            expect((await get('/v2/whois?query=evil.example')).json()).toEqual({
                error: expect.objectContaining({ http_code: 403 }) as unknown,
            });
        });

        it('injects a given body, only for matching paths, only N times', async () => {
            pt.setFault({ status: 503, body: { message: 'maintenance' }, forPath: /^whois\?/, times: 2 });
            expect((await get('/v2/dns/passive?query=evil.example')).status).toBe(200);
            expect((await get('/v2/whois?query=evil.example')).status).toBe(503);
            expect((await get('/v2/whois?query=evil.example')).json()).toEqual({ message: 'maintenance' });
            expect((await get('/v2/whois?query=evil.example')).status).toBe(200);
        });

        it('injects invalid JSON', async () => {
            pt.setFault({ garbage: true });
            const res = await get('/v2/dns/passive?query=evil.example');
            expect(res.status).toBe(200);
            expect(res.body).toBe(GARBAGE_BODY);
            expect(() => JSON.parse(res.body) as unknown).toThrow(SyntaxError);
        });

        it('injects a delay alone without changing the answer', async () => {
            pt.setFault({ delayMs: 100 });
            const started = Date.now();
            const res = await get('/v2/dns/passive?query=evil.example');
            expect(Date.now() - started).toBeGreaterThanOrEqual(95);
            expect(res.json()).toMatchObject({ totalRecords: 1 });
        });

        it('is cleared with null', async () => {
            pt.setFault({ status: 500 });
            pt.setFault(null);
            expect((await get('/v2/dns/passive?query=evil.example')).status).toBe(200);
        });
    });

    describe('stats', () => {
        it('counts requests per path and sorted parameters, failures included', async () => {
            await get('/v2/dns/passive?query=evil.example');
            await get('/pt/v2/dns/passive?query=evil.example');
            await get('/v2/host-attributes/pairs?query=evil.example&direction=parents');
            await get('/v2/host-attributes/pairs?direction=parents&query=evil.example');
            await get('/v2/whois?query=evil.example', basic('x', 'wrong'));
            await pt.handle({ url: '/v2/dns/passive?query=evil.example', method: 'OPTIONS' });
            expect(pt.stats()).toEqual({
                total: 5,
                byRequest: {
                    'dns/passive?query=evil.example': 2,
                    'host-attributes/pairs?direction=parents&query=evil.example': 2,
                    'whois?query=evil.example': 1,
                },
                byProvider: { passivetotal: 5 },
            });
            pt.resetStats();
            expect(pt.stats()).toEqual({ total: 0, byRequest: {}, byProvider: {} });
        });
    });

    describe('empty shapes', () => {
        const paths = Object.keys(ENDPOINTS);
        it.each(paths)('%s answers a JSON object that its core mapper accepts', async (p) => {
            const params = p.includes('bulk') ? 'query=a.example&query=198.51.100.1' : 'query=a.example';
            const res = await get(`/v2/${p}?${params}&direction=children`);
            const expectedStatus = ['account/organization', 'account/organization/teamstream', 'artifact'].includes(p)
                ? 404
                : 200;
            expect(res.status).toBe(expectedStatus);
            const body = res.json();
            expect(typeof body).toBe('object');
            const mapper = mapperForPath(p);
            if (mapper && expectedStatus === 200) expect(mapper(body)).toMatchObject({ ok: true });
        });

        it.each(['cookies/domain/evil.example/hosts', 'components/nginx/addresses', 'trackers/UA-1234567-1/hosts'])(
            'path-parameter endpoint %s has an empty page',
            async (p) => {
                const res = await get(`/v2/${p}`);
                expect(res.json()).toMatchObject({ totalRecords: 0, results: [] });
            }
        );
    });
});

describe('replay server over HTTP', () => {
    let pt: ReplayServer;
    let base: string;
    beforeAll(async () => {
        pt = createReplayServer({ fixturesDir: dir, latencyMs: 0 });
        base = await pt.listen(0, '127.0.0.1');
    });
    afterAll(async () => {
        await pt.close();
    });

    it('listens and returns the API base URL', async () => {
        expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
        const res = await fetch(`${base}/dns/passive?query=evil.example`, { headers: { Authorization: DEMO } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(res.headers.get('cache-control')).toBe('no-cache, no-store');
        expect(await res.json()).toMatchObject({ totalRecords: 1 });
    });

    it('answers 401 without credentials and CORS preflights without counting them', async () => {
        pt.resetStats();
        const res = await fetch(`${base}/account`);
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ message: 'invalid credentials' });
        const preflight = await fetch(`${base}/account`, { method: 'OPTIONS' });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
        expect(pt.stats().total).toBe(1);
    });

    it('forwards misses to an upstream when one is configured', async () => {
        const front = createReplayServer({ fixturesDir: path.join(root, 'empty-front'), upstreamUrl: base });
        const frontBase = await front.listen(0, '127.0.0.1');
        try {
            const res = await fetch(`${frontBase}/dns/passive?query=evil.example`, {
                headers: { Authorization: DEMO },
            });
            expect(await res.json()).toMatchObject({ totalRecords: 1 });
            expect(res.headers.get('x-replay-source')).toBe('upstream');
        } finally {
            await front.close();
        }
    });

    it('close() cancels delayed answers', async () => {
        const slow = createReplayServer({ fixturesDir: dir, latencyMs: 10_000 });
        const slowBase = await slow.listen(0, '127.0.0.1');
        const pending = fetch(`${slowBase}/account`, { headers: { Authorization: DEMO } }).catch(() => 'closed');
        await new Promise((r) => setTimeout(r, 50));
        const started = Date.now();
        await slow.close();
        await pending;
        expect(Date.now() - started).toBeLessThan(5000);
    });
});

/** Every upstream operation of each provider (the catalogue's), with the query it is asked for in these tests. */
const OPEN_CASES: readonly (readonly [OpenProviderId, string, string])[] = OPEN_PROVIDER_IDS.flatMap((id) =>
    upstreamOperations(id).map((op) => [id, op, sampleQuery(id, op)] as const)
);

/** The open providers' files of these tests, in the same folder as PassiveTotal's. */
function putOpenFixtures(): void {
    for (const [id, op, q] of OPEN_CASES) {
        if (fixtureExtensionOf(id) === 'ndjson') {
            put(
                `circl/${q}/${op}.ndjson`,
                `{"rrname":"${q}","rrtype":"A","rdata":["192.0.2.1"],"time_first":1,"time_last":2}\n`
            );
            put(
                `circl/${op}.ndjson`,
                '{"rrname":"path-level","rrtype":"A","rdata":"192.0.2.2","time_first":1,"time_last":2}\n'
            );
        } else {
            put(`${id}/${q}/${op}.json`, { marker: `per-query ${id} ${op}`, origin: '$REPLAY_ORIGIN/rdap/' });
            put(`${id}/${op}.json`, { marker: `path ${id} ${op}` });
        }
    }
    put('crtsh/quota.example/certificates.json', {
        $replay: {
            status: 429,
            headers: { 'Content-Type': 'text/html', 'Retry-After': '60' },
            raw: '<html>429</html>',
        },
    });
    put('mnemonic/quota.example/resolutions.json', { $replay: { status: 402 } });
    put('otx/slow.example/general.json', { $replay: { delayMs: 120 } });
    put('circl/quota.example/resolutions.ndjson', { $replay: { status: 429, raw: '429 Too Many Requests\n' } });
    put('certspotter/paged.example/issuances.json', [{ id: '1' }, { id: '2' }, { id: '3' }]);
    put('mnemonic/paged.example/resolutions.json', {
        responseCode: 200,
        limit: 0,
        offset: 0,
        count: 3,
        metaData: {},
        messages: [],
        data: [{ answer: 'a' }, { answer: 'b' }, { answer: 'c' }],
        size: 3,
    });
}

/** Another query of the same kind, which has no per-query file. */
const otherQuery = (q: string): string =>
    q === '64500' ? '64511' : q.includes('.example') ? 'other.example' : '198.51.100.8';

const ext = (id: OpenProviderId): string => fixtureExtensionOf(id);

describe('open providers, in process', () => {
    let pt: ReplayServer;
    const HOST = '127.0.0.1:4100';

    beforeEach(() => {
        pt = createReplayServer({ fixturesDir: dir });
    });
    afterEach(async () => {
        await pt.close();
    });

    const ask = async (id: OpenProviderId, op: string, q: string, key: string | null = 'demo', host = HOST) => {
        const res = await pt.handle(toReplayRequest(upstreamRequest(id, op, q, key), host));
        return { ...res, json: (): unknown => JSON.parse(res.body) };
    };

    describe('lookup order: DIR/<id>/<q>/<operation>, then DIR/<id>/<operation>, then the empty answer', () => {
        it.each(OPEN_CASES)('%s %s answers with the per-query file', async (id, op, q) => {
            const res = await ask(id, op, q);
            expect(res.status).toBe(200);
            expect(res.headers['X-Replay-Source']).toBe(`file:${id}/${q}/${op}.${ext(id)}`);
            if (id === 'circl') expect(res.body).toContain(`"rrname":"${q}"`);
            else expect(res.json()).toMatchObject({ marker: `per-query ${id} ${op}` });
        });

        it.each(OPEN_CASES)('%s %s falls back to the path file', async (id, op, q) => {
            const res = await ask(id, op, otherQuery(q));
            expect(res.headers['X-Replay-Source']).toBe(`file:${id}/${op}.${ext(id)}`);
        });

        it('finds a differently-cased query folder, and crt.sh subdomains without the "%."', async () => {
            const res = await ask('rdap', 'domain', 'EVIL.Example');
            expect(res.headers['X-Replay-Source']).toBe('file:rdap/evil.example/domain.json');
            const sub = await ask('crtsh', 'subdomains', 'evil.example');
            expect(sub.headers['X-Replay-Source']).toBe('file:crtsh/evil.example/subdomains.json');
        });

        it('answers with the content type of each provider', async () => {
            expect((await ask('rdap', 'domain', 'evil.example')).headers['Content-Type']).toBe('application/rdap+json');
            expect((await ask('circl', 'resolutions', 'evil.example')).headers['Content-Type']).toBe(
                'application/x-ndjson'
            );
            expect((await ask('crtsh', 'certificates', 'evil.example')).headers['Content-Type']).toBe(
                'application/json'
            );
        });

        it('never reads outside the folder', async () => {
            for (const url of [
                '/mnemonic/pdns/v3/..%2F..%2Fsecret',
                '/internetdb/..%2F..%2Fdns',
                '/rdap/domain/..',
                '/circl/pdns/query/%2E%2E',
            ]) {
                const res = await pt.handle({
                    url,
                    headers: { host: HOST },
                    authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}`,
                });
                expect([url, res.body.includes('leaked')]).toEqual([url, false]);
            }
        });
    });

    describe('empty answers (no file)', () => {
        let bare: ReplayServer;
        beforeAll(() => {
            bare = createReplayServer({ fixturesDir: path.join(root, 'no-such-folder') });
        });
        const empty = async (id: OpenProviderId, op: string, q: string) => {
            const res = await bare.handle(toReplayRequest(upstreamRequest(id, op, q), HOST));
            expect(res.headers['X-Replay-Source']).toBe('empty');
            return res;
        };

        it('RDAP: 404 with an RFC 9083 error body', async () => {
            for (const [op, q] of [
                ['domain', 'evil.example'],
                ['registrar/domain', 'evil.example'],
                ['ip', '198.51.100.7'],
                ['autnum', '64500'],
            ] as const) {
                const res = await empty('rdap', op, q);
                expect(res.status).toBe(404);
                expect(res.headers['Content-Type']).toBe('application/rdap+json');
                expect(JSON.parse(res.body)).toMatchObject({
                    errorCode: 404,
                    title: 'Not Found',
                    rdapConformance: ['rdap_level_0'],
                });
            }
        });

        it.each([
            ['crtsh', 'certificates', 'evil.example', 200, []],
            ['crtsh', 'subdomains', 'evil.example', 200, []],
            ['certspotter', 'issuances', 'evil.example', 200, []],
            [
                'mnemonic',
                'resolutions',
                'evil.example',
                200,
                { responseCode: 200, limit: 1000, offset: 0, count: 0, metaData: {}, messages: [], data: [], size: 0 },
            ],
            ['otx', 'passive_dns', 'evil.example', 200, { passive_dns: [], count: 0 }],
            ['urlhaus', 'host', 'evil.example', 200, { query_status: 'no_results' }],
            ['threatfox', 'search', 'evil.example', 200, { query_status: 'no_result', data: 'No results found.' }],
            ['internetdb', 'host', '198.51.100.7', 404, { detail: 'No information available' }],
        ] as const)('%s %s: %i %j', async (id, op, q, status, body) => {
            const res = await empty(id, op, q);
            expect(res.status).toBe(status);
            expect(JSON.parse(res.body)).toEqual(body);
        });

        it('OTX general: the indicator with no pulses', async () => {
            const res = await empty('otx', 'general', '198.51.100.7');
            expect(JSON.parse(res.body)).toMatchObject({
                indicator: '198.51.100.7',
                type: 'IPv4',
                pulse_info: { count: 0, pulses: [] },
                validation: [],
            });
        });

        it('CIRCL: empty NDJSON text', async () => {
            const res = await empty('circl', 'resolutions', 'evil.example');
            expect(res.status).toBe(200);
            expect(res.body).toBe('');
            expect(res.headers['Content-Type']).toBe('application/x-ndjson');
        });
    });

    describe('envelopes', () => {
        it('take status, headers and raw text', async () => {
            const res = await ask('crtsh', 'certificates', 'quota.example');
            expect(res.status).toBe(429);
            expect(res.headers['Content-Type']).toBe('text/html');
            expect(res.headers['Retry-After']).toBe('60');
            expect(res.body).toBe('<html>429</html>');
        });

        it("send the provider's error body for an error status without a body", async () => {
            const res = await ask('mnemonic', 'resolutions', 'quota.example');
            expect(res.status).toBe(402);
            expect(res.json()).toMatchObject({
                responseCode: 402,
                data: null,
                messages: [{ message: expect.stringContaining('Resource limit') as unknown }],
            });
        });

        it('send the empty answer after the delay for a 200 without a body', async () => {
            const started = Date.now();
            const res = await ask('otx', 'general', 'slow.example');
            expect(Date.now() - started).toBeGreaterThanOrEqual(110);
            expect(res.json()).toMatchObject({ indicator: 'slow.example', pulse_info: { count: 0 } });
        });

        it('are read from CIRCL .ndjson files too', async () => {
            const res = await ask('circl', 'resolutions', 'quota.example');
            expect(res.status).toBe(429);
            expect(res.body).toBe('429 Too Many Requests\n');
        });
    });

    describe('$REPLAY_ORIGIN', () => {
        it('becomes the Host the request was sent to', async () => {
            const res = await ask('rdap', 'domain', 'evil.example', 'demo', '127.0.0.1:5555');
            expect(res.json()).toMatchObject({ origin: 'http://127.0.0.1:5555/rdap/' });
            expect(res.body).not.toContain('$REPLAY_ORIGIN');
        });

        it('is replaced in PassiveTotal files as well', async () => {
            put('origin.example/whois.json', { domain: 'origin.example', rawText: 'see $REPLAY_ORIGIN/v2' });
            const res = await pt.handle({
                url: '/v2/whois?query=origin.example',
                authorization: DEMO,
                headers: { host: HOST },
            });
            expect(JSON.parse(res.body)).toMatchObject({ rawText: `see http://${HOST}/v2` });
        });
    });

    describe('the RDAP bootstrap', () => {
        it.each(['dns', 'ipv4', 'ipv6', 'asn'])('%s.json is built in, every entry on the replay', async (kind) => {
            const bare = createReplayServer({ fixturesDir: path.join(root, 'no-such-folder') });
            const res = await bare.handle({ url: `/rdap/bootstrap/${kind}.json`, headers: { host: HOST } });
            expect(res.status).toBe(200);
            expect(res.headers['X-Replay-Source']).toBe('builtin');
            const body = JSON.parse(res.body) as { version: string; services: [string[], string[]][] };
            expect(body.version).toBe('1.0');
            expect(body.services).toHaveLength(1);
            expect(body.services[0]?.[1]).toEqual([`http://${HOST}/rdap/`]);
            const entries = body.services[0]?.[0] ?? [];
            const expected = {
                dns: ['example', 'test', 'com', 'org', 'nl', 'io'],
                ipv4: ['0.0.0.0/8', '203.0.0.0/8', '255.0.0.0/8'],
                ipv6: ['2000::/4'],
                asn: ['0-4294967295'],
            }[kind];
            expect(entries).toEqual(expect.arrayContaining(expected ?? []));
        });

        it('is read from DIR/rdap/bootstrap/<kind>.json when the folder has one', async () => {
            put('rdap/bootstrap/dns.json', { version: '1.0', services: [[['example'], ['$REPLAY_ORIGIN/rdap/']]] });
            const res = await pt.handle({ url: '/rdap/bootstrap/dns.json', headers: { host: HOST } });
            expect(res.headers['X-Replay-Source']).toBe('file:rdap/bootstrap/dns.json');
            expect(JSON.parse(res.body)).toEqual({
                version: '1.0',
                services: [[['example'], [`http://${HOST}/rdap/`]]],
            });
        });

        it('refuses unknown bootstrap files and paths RDAP does not have', async () => {
            expect((await pt.handle({ url: '/rdap/bootstrap/object-tags.json' })).status).toBe(404);
            const bad = await pt.handle({ url: '/rdap/whatever/evil.example' });
            expect(bad.status).toBe(400);
            expect(JSON.parse(bad.body)).toMatchObject({ errorCode: 400 });
            expect((await pt.handle({ url: '/rdap/autnum/AS64500' })).status).toBe(400);
        });

        it('takes ip/<address>/<length> as one query', async () => {
            const res = await pt.handle({ url: '/rdap/ip/198.51.100.0/24', headers: { host: HOST } });
            expect(res.headers['X-Replay-Source']).toBe('file:rdap/ip.json');
        });
    });

    describe('keys (demo or demo-*, like PassiveTotal)', () => {
        it.each(OPEN_PROVIDER_IDS.filter((id) => KEY_POLICIES[id]))('%s accepts demo and demo-*', async (id) => {
            const [, op = '', q = ''] = OPEN_CASES.find(([p]) => p === id) ?? [];
            expect((await ask(id, op, q, 'demo')).status).toBe(200);
            expect((await ask(id, op, q, 'demo-alice')).status).toBe(200);
        });

        it.each([
            ['otx', 'passive_dns', 403, { detail: 'Authentication required' }, { detail: 'Invalid API key' }],
            ['urlhaus', 'host', 401, { query_status: 'unknown_auth_key' }, { query_status: 'unknown_auth_key' }],
            ['threatfox', 'search', 401, { query_status: 'unknown_auth_key' }, { query_status: 'unknown_auth_key' }],
        ] as const)('%s requires a key: %i without or with a wrong one', async (id, op, status, missing, wrong) => {
            const none = await ask(id, op, 'evil.example', null);
            expect([none.status, none.json()]).toEqual([status, missing]);
            const bad = await ask(id, op, 'evil.example', 'xdemo');
            expect([bad.status, bad.json()]).toEqual([status, wrong]);
            expect(bad.headers['X-Replay-Source']).toBe('credentials');
        });

        it('circl requires basic auth with the demo password', async () => {
            const none = await ask('circl', 'resolutions', 'evil.example', null);
            expect(none.status).toBe(401);
            expect(none.headers['WWW-Authenticate']).toBe('Basic realm="pdns"');
            expect((await ask('circl', 'resolutions', 'evil.example', 'wrong')).status).toBe(401);
        });

        it('certspotter and mnemonic take an optional key: none is fine, a wrong one is refused', async () => {
            expect((await ask('certspotter', 'issuances', 'evil.example', null)).status).toBe(200);
            const bad = await ask('certspotter', 'issuances', 'evil.example', 'nope');
            expect([bad.status, bad.json()]).toEqual([
                401,
                { code: 'invalid_api_key', message: expect.any(String) as unknown },
            ]);
            expect((await ask('mnemonic', 'resolutions', 'evil.example', null)).status).toBe(200);
            const wrong = await pt.handle({
                url: '/mnemonic/pdns/v3/evil.example',
                headers: { 'argus-api-key': 'nope' },
            });
            expect(JSON.parse(wrong.body)).toMatchObject({ responseCode: 401 });
        });

        it('keyless providers take no key at all', async () => {
            for (const [id, op, q] of OPEN_CASES.filter(([p]) => !KEY_POLICIES[p])) {
                expect([id, op, (await ask(id, op, q, null)).status]).toEqual([id, op, 200]);
            }
        });
    });

    describe('requests the providers refuse', () => {
        it.each<[string, ReplayRequest, number]>([
            ['crt.sh without output=json', { url: '/crtsh/?q=evil.example' }, 400],
            ['crt.sh with another %', { url: '/crtsh/?q=ev%25il.example&output=json' }, 400],
            ['an unknown Cert Spotter path', { url: '/certspotter/v0/certs?domain=evil.example' }, 404],
            ['Cert Spotter without a domain', { url: '/certspotter/v1/issuances' }, 400],
            [
                'an unknown OTX section',
                { url: '/otx/api/v1/indicators/file/x/general', headers: { 'x-otx-api-key': 'demo' } },
                404,
            ],
            ['URLhaus by GET', { url: '/urlhaus/v1/host/', headers: { 'auth-key': 'demo' } }, 405],
            ['InternetDB by POST', { url: '/internetdb/198.51.100.7', method: 'POST' }, 405],
        ])('%s → %i', async (_name, request, status) => {
            expect((await pt.handle(request)).status).toBe(status);
        });

        it('ThreatFox answers other queries and missing terms in its query_status', async () => {
            const post = (body: unknown) =>
                pt.handle({
                    url: '/threatfox/api/v1/',
                    method: 'POST',
                    headers: { 'auth-key': 'demo' },
                    body: JSON.stringify(body),
                });
            expect(JSON.parse((await post({ query: 'get_iocs', days: 1 })).body)).toEqual({
                query_status: 'unknown_query',
            });
            expect(JSON.parse((await post({ query: 'search_ioc' })).body)).toEqual({
                query_status: 'illegal_search_term',
            });
        });
    });

    describe('paging, as the real services page', () => {
        it("Cert Spotter's after= cursor", async () => {
            const all = await pt.handle({ url: '/certspotter/v1/issuances?domain=paged.example' });
            expect(JSON.parse(all.body)).toHaveLength(3);
            const rest = await pt.handle({ url: '/certspotter/v1/issuances?domain=paged.example&after=2' });
            expect(JSON.parse(rest.body)).toEqual([{ id: '3' }]);
            const end = await pt.handle({ url: '/certspotter/v1/issuances?domain=paged.example&after=3' });
            expect(JSON.parse(end.body)).toEqual([]);
        });

        it("mnemonic's offset and limit, count staying the total", async () => {
            const res = await pt.handle({ url: '/mnemonic/pdns/v3/paged.example?limit=2&offset=1' });
            expect(JSON.parse(res.body)).toMatchObject({
                count: 3,
                limit: 2,
                offset: 1,
                size: 2,
                data: [{ answer: 'b' }, { answer: 'c' }],
            });
            const all = await pt.handle({ url: '/mnemonic/pdns/v3/paged.example?limit=1000' });
            expect(JSON.parse(all.body)).toMatchObject({ count: 3, size: 3 });
        });
    });

    describe('latency, faults and statistics', () => {
        it('adds latencyMs to provider answers, refusals included', async () => {
            pt.setLatency(80);
            let started = Date.now();
            await ask('crtsh', 'certificates', 'evil.example');
            expect(Date.now() - started).toBeGreaterThanOrEqual(75);
            started = Date.now();
            expect((await ask('otx', 'general', 'evil.example', 'wrong')).status).toBe(403);
            expect(Date.now() - started).toBeGreaterThanOrEqual(75);
        });

        it("injects a status with the provider's own error answer, only where forPath matches", async () => {
            pt.setFault({ status: 502, forPath: /^crtsh\//, times: 1 });
            expect((await ask('certspotter', 'issuances', 'evil.example')).status).toBe(200);
            const crtsh = await ask('crtsh', 'certificates', 'evil.example');
            expect(crtsh.status).toBe(502);
            expect(crtsh.headers['Content-Type']).toBe('text/html');
            expect(crtsh.body).toContain('502 Bad Gateway');
            expect(crtsh.headers['X-Replay-Source']).toBe('fault');
            expect((await ask('crtsh', 'certificates', 'evil.example')).status).toBe(200);

            pt.setFault({ status: 503, forPath: /^mnemonic\// });
            const mnemonic = await ask('mnemonic', 'resolutions', 'evil.example');
            expect([mnemonic.status, mnemonic.json()]).toEqual([503, expect.objectContaining({ responseCode: 503 })]);
            pt.setFault({ status: 429 });
            expect((await ask('rdap', 'domain', 'evil.example')).json()).toMatchObject({ errorCode: 429 });
            expect((await pt.handle({ url: '/v2/whois?query=evil.example', authorization: DEMO })).status).toBe(429);
        });

        it('injects a given body, garbage and delays', async () => {
            pt.setFault({ status: 500, body: { detail: 'boom' }, forPath: /^otx\// });
            expect((await ask('otx', 'general', 'evil.example')).json()).toEqual({ detail: 'boom' });
            pt.setFault({ garbage: true, forPath: /^internetdb\// });
            const garbage = await ask('internetdb', 'host', '198.51.100.7');
            expect(garbage.body).toBe(GARBAGE_BODY);
            pt.setFault({ delayMs: 100, forPath: /^rdap\// });
            const started = Date.now();
            expect((await ask('rdap', 'domain', 'evil.example')).status).toBe(200);
            expect(Date.now() - started).toBeGreaterThanOrEqual(95);
        });

        it('counts every provider call per request and per provider', async () => {
            await ask('crtsh', 'certificates', 'evil.example');
            await ask('crtsh', 'subdomains', 'evil.example');
            await ask('urlhaus', 'host', 'evil.example');
            await ask('threatfox', 'search', '198.51.100.7');
            await ask('otx', 'general', 'evil.example', 'wrong');
            await pt.handle({ url: '/v2/whois?query=evil.example', authorization: DEMO });
            await pt.handle({ url: '/crtsh/?q=evil.example&output=json', method: 'OPTIONS' });
            expect(pt.stats()).toEqual({
                total: 6,
                byRequest: {
                    'crtsh/?deduplicate=Y&exclude=expired&output=json&q=evil.example': 1,
                    'crtsh/?deduplicate=Y&exclude=expired&output=json&q=%25.evil.example': 1,
                    'POST urlhaus/v1/host?host=evil.example': 1,
                    'POST threatfox/api/v1?query=search_ioc&search_term=198.51.100.7': 1,
                    'otx/api/v1/indicators/domain/evil.example/general?': 1,
                    'whois?query=evil.example': 1,
                },
                byProvider: { crtsh: 2, urlhaus: 1, threatfox: 1, otx: 1, passivetotal: 1 },
            });
        });
    });
});

describe('open providers over HTTP', () => {
    let pt: ReplayServer;
    let origin: string;
    beforeAll(async () => {
        pt = createReplayServer({ fixturesDir: dir });
        await pt.listen(0, '127.0.0.1');
        origin = pt.origin() ?? '';
    });
    afterAll(async () => {
        await pt.close();
        expect(pt.origin()).toBeUndefined();
    });

    it('serves every provider under <origin>/<id>/ with the keys as headers', async () => {
        expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        for (const id of OPEN_PROVIDER_IDS) {
            const [, op = '', q = ''] = OPEN_CASES.find(([p]) => p === id) ?? [];
            const r = upstreamRequest(id, op, q);
            const res = await fetch(`${origin}${r.url}`, {
                method: r.method,
                headers: r.headers,
                ...(r.body === undefined ? {} : { body: r.body }),
            });
            expect([id, res.status, res.headers.get('x-replay-source')]).toEqual([
                id,
                200,
                `file:${id}/${q}/${op}.${ext(id)}`,
            ]);
        }
    });

    it('replaces $REPLAY_ORIGIN with the origin it listens on and builds the bootstrap for it', async () => {
        const res = await fetch(`${origin}/rdap/domain/evil.example`);
        expect(await res.json()).toMatchObject({ origin: `${origin}/rdap/` });
        const bootstrap = (await (await fetch(`${origin}/rdap/bootstrap/ipv4.json`)).json()) as {
            services: unknown[][];
        };
        expect(bootstrap.services[0]?.[1]).toEqual([`${origin}/rdap/`]);
    });
});
