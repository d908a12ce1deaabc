import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mapperForPath } from '@passivetotal/core';
import { ENDPOINTS } from './endpoints';
import { GARBAGE_BODY, createReplayServer, type ReplayServer } from './replay-server';

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

    describe('lookup order (CONTRACTS §5)', () => {
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

        it('gives the pDNS empty shape from the brief, with queryType ip for addresses', async () => {
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
            });
            pt.resetStats();
            expect(pt.stats()).toEqual({ total: 0, byRequest: {} });
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
