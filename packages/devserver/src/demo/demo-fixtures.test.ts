/**
 * The composed PassiveTotal demo fixtures: every file parses, is reachable through the replay server under the
 * contract's lookup, maps through packages/core's mappers with every record and date intact when it answers an
 * operation of the catalogue the model covers, and names only reserved domains and documentation addresses. The
 * error fixtures give the status each query promises.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { catalogue, mapHostPairs, parseApiDate } from '@passivetotal/core';
import { mapperForPath, type Mapper } from '@passivetotal/core/testing';
import { endpointFor } from '../replay/endpoints';
import { isOpenProviderId } from '../replay/open-providers';
import { createReplayServer, GARBAGE_BODY } from '../replay/replay-server';
import { DEMO_PT_ERROR_FIXTURES_DIR, DEMO_PT_FIXTURES_DIR } from './index';
import { unreservedNames } from './reserved-names';

const DEMO = `Basic ${Buffer.from('analyst@northwind.example:demo').toString('base64')}`;

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
        const p = path.join(dir, f);
        return statSync(p).isDirectory() ? files(p) : [p];
    });
}

/** `<q>/<path>.json` or `<path>.json` → query and API path. */
function split(relative: string): { query: string; apiPath: string } {
    const p = relative.replace(/\.json$/, '');
    if (endpointFor(p)) return { query: '', apiPath: p };
    const [query = '', ...rest] = p.split('/');
    return { query, apiPath: rest.join('/') };
}

/** PassiveTotal's files; the open providers' folders (`DIR/<provider id>/`) are checked in `replay/open-demo-fixtures.test.ts`. */
const fixtureFiles = files(DEMO_PT_FIXTURES_DIR)
    .map((f) => path.relative(DEMO_PT_FIXTURES_DIR, f))
    .filter((f) => !isOpenProviderId(f.split(path.sep)[0] ?? ''));
const read = (relative: string): unknown => JSON.parse(readFileSync(path.join(DEMO_PT_FIXTURES_DIR, relative), 'utf8'));

/**
 * Endpoints the intelligence model does not map, on purpose: the app never calls them (the stand-in still replays
 * them, e.g. `account` for the handler's connection test).
 */
/** Operations of the catalogue the model does not cover: the account, the `actions` getters. */
const UNMAPPED_OPERATIONS = /^(?:account|actions\/.+)$/;

/** Whether a path is an operation of PassiveTotal in the catalogue (the others are the API's, never asked by the app). */
const isOperation = (apiPath: string): boolean => Object.hasOwn(catalogue.PROVIDERS.passivetotal.operations, apiPath);

const DATE_KEY =
    /^(?:firstSeen|lastSeen|collected|registered|expiresAt|registryUpdatedAt|lastLoadedAt|issueDate|expirationDate|publishedDate|createdDate|collectionDate|next_reset|last_reset|firstActive|lastActive|lastScan)$/;

function walk(v: unknown, visit: (key: string, value: unknown) => void, key = ''): void {
    if (Array.isArray(v)) for (const x of v) walk(x, visit, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, visit, k);
    else visit(key, v);
}

describe('PassiveTotal demo fixtures', () => {
    it('has the story files', () => {
        expect(fixtureFiles.length).toBeGreaterThan(80);
        expect(fixtureFiles).toEqual(
            expect.arrayContaining([
                'login-secure-update.example/dns/passive.json',
                'login-secure-update.example/whois.json',
                'j.harlow.registrant@freemail.test/whois/search.json',
                'UA-48213377-1/trackers/search.json',
                'account.json',
                'account/quota.json',
            ])
        );
    });

    describe.each(fixtureFiles)('%s', (relative) => {
        const { query, apiPath } = split(relative);

        it('is JSON and not an envelope', () => {
            const body = read(relative);
            expect(typeof body).toBe('object');
            expect(body).not.toHaveProperty('$replay');
        });

        it('is what the replay server answers for its query', async () => {
            const pt = createReplayServer({ fixturesDir: DEMO_PT_FIXTURES_DIR });
            const params = new URLSearchParams(query === '' ? {} : { query });
            const res = await pt.handle({ url: `/v2/${apiPath}?${params.toString()}`, authorization: DEMO });
            expect(res.status).toBe(200);
            expect(res.headers['X-Replay-Source']).toBe(`file:${relative}`);
        });

        it('has every date readable, and maps through the core mapper with every record', () => {
            const body = read(relative);
            walk(body, (key, value) => {
                if (DATE_KEY.test(key) && value !== null)
                    expect([key, parseApiDate(value)]).toEqual([key, expect.any(String)]);
            });
            if (!isOperation(apiPath) || UNMAPPED_OPERATIONS.test(apiPath)) return;
            const mapper: Mapper | undefined =
                apiPath === 'host-attributes/pairs' ? (json) => mapHostPairs(json, 'children') : mapperForPath(apiPath);
            expect(mapper).toBeDefined();
            const mapped = mapper?.(body);
            expect(mapped).toMatchObject({ ok: true });
            const results = (body as { results?: unknown }).results;
            if (Array.isArray(results) && mapped?.ok === true) {
                const records = (mapped.value as { records?: unknown[]; hostnames?: unknown[] }).records;
                if (records) expect(records).toHaveLength(results.length);
            }
        });

        it('names only reserved domains and documentation addresses', () => {
            const bad: string[] = [];
            walk(read(relative), (_key, value) => {
                if (typeof value === 'string') bad.push(...unreservedNames(value));
            });
            expect(bad).toEqual([]);
        });
    });
});

const ERROR_QUERIES: readonly (readonly [string, number])[] = [
    ['invalid-credentials.example', 401],
    ['not-licensed.example', 402],
    ['daily-limit.example', 403],
    ['quota-exceeded.example', 429],
    ['server-error.example', 500],
    ['invalid-json.example', 200],
];

describe('PassiveTotal error fixtures', () => {
    const errorFiles = files(DEMO_PT_ERROR_FIXTURES_DIR).map((f) => path.relative(DEMO_PT_ERROR_FIXTURES_DIR, f));
    const paths = (q: string): string[] =>
        errorFiles.filter((f) => f.startsWith(`${q}/`)).map((f) => f.slice(q.length + 1).replace(/\.json$/, ''));

    it('covers the same endpoints for every fault query', () => {
        const expected = paths('quota-exceeded.example').sort();
        expect(expected).toEqual(
            expect.arrayContaining(['dns/passive', 'whois', 'enrichment', 'host-attributes/pairs'])
        );
        for (const q of [...ERROR_QUERIES.map(([name]) => name), 'slow-response.example']) {
            expect([q, paths(q).sort()]).toEqual([q, expected]);
        }
    });

    it.each(ERROR_QUERIES)(
        '%s answers %i on every endpoint',
        async (q, status) => {
            const pt = createReplayServer({ fixturesDir: DEMO_PT_ERROR_FIXTURES_DIR });
            for (const p of paths(q)) {
                const res = await pt.handle({
                    url: `/v2/${p}?query=${q}&direction=children`,
                    authorization: DEMO,
                });
                expect([p, res.status]).toEqual([p, status]);
                if (q === 'invalid-json.example') expect(() => JSON.parse(res.body) as unknown).toThrow(SyntaxError);
                else expect(typeof JSON.parse(res.body)).toBe('object');
            }
        },
        120_000
    );

    it('gives the real API bodies', async () => {
        const pt = createReplayServer({ fixturesDir: DEMO_PT_ERROR_FIXTURES_DIR });
        const body = async (q: string): Promise<unknown> =>
            JSON.parse((await pt.handle({ url: `/v2/dns/passive?query=${q}`, authorization: DEMO })).body);
        expect(await body('invalid-credentials.example')).toEqual({ message: 'invalid credentials' });
        expect(await body('quota-exceeded.example')).toEqual({
            message: 'quota_exceeded: quota exceeded for operation search_api',
        });
        expect(await body('daily-limit.example')).toMatchObject({ error: { http_code: 403 } });
        expect(GARBAGE_BODY).not.toBe('');
    });

    it('slows slow-response.example down by 5 s with well-formed bodies', () => {
        for (const p of paths('slow-response.example')) {
            const env = JSON.parse(
                readFileSync(path.join(DEMO_PT_ERROR_FIXTURES_DIR, 'slow-response.example', `${p}.json`), 'utf8')
            ) as { $replay: { delayMs: number } };
            expect(env.$replay.delayMs).toBe(5000);
        }
    });

    it('fails only WHOIS for partial-outage.example, with the gateway HTML page', async () => {
        const pt = createReplayServer({ fixturesDir: DEMO_PT_ERROR_FIXTURES_DIR });
        const whois = await pt.handle({ url: '/v2/whois?query=partial-outage.example', authorization: DEMO });
        expect(whois.status).toBe(502);
        expect(whois.headers['Content-Type']).toBe('text/html');
        expect(whois.body).toContain('502 Bad Gateway');
        const dns = await pt.handle({ url: '/v2/dns/passive?query=partial-outage.example', authorization: DEMO });
        expect(JSON.parse(dns.body)).toMatchObject({ totalRecords: 1 });
    });
});
