/**
 * Load and faults through the stand-in and the real handler: 50 concurrent investigations by several
 * users with no failed request, no duplicate upstream call and no corrupted cache entry; the upstream failing,
 * slow and answering garbage mid-session; a handler process killed mid-request; the KV store unavailable.
 * Loopback only, bounded in time.
 */
import { PassiveTotalProvider, parseIndicator, queryString, type Dataset, type FetchLike } from '@passivetotal/core';
import { startDevserver, type RunningDevserver } from '../server';
import { devserverOptions, PASSWORD, splunkdAsAdmin } from './stand-in';

jest.setTimeout(120_000);

const ENDPOINT = '/servicesNS/nobody/passivetotal/passivetotal';

/** The demo's indicators: ten investigations' worth of different PassiveTotal calls. */
const INDICATORS = [
    'login-secure-update.example',
    '203.0.113.77',
    'docs-share-portal.example',
    '198.51.100.10',
    'account-verify-portal.example',
    'weather-daily.example',
    '192.0.2.146',
    'collect.exfil-drop.test',
    '198.51.100.11',
    'j.harlow.registrant@freemail.test',
];

/** The endpoint calls (`pt/<path>?<query>`) the page makes for an indicator, from the real provider. */
async function callsFor(value: string): Promise<string[]> {
    const parsed = parseIndicator(value);
    if (!parsed.ok) throw new Error(`${value} is not an indicator`);
    const calls: string[] = [];
    const recording: FetchLike = (url) => {
        calls.push(url);
        return Promise.resolve({ status: 599, json: () => Promise.resolve({}) });
    };
    const provider = new PassiveTotalProvider({
        fetch: recording,
        routes: (apiPath, params) => `pt/${apiPath}?${queryString(params)}`,
    });
    const datasets: Dataset[] = [...provider.datasetsFor(parsed.value)];
    if (parsed.value.type === 'email') datasets.push('whois-by-email');
    await Promise.all(datasets.map((d) => provider.fetch(d, parsed.value)));
    return calls.map((c) => c.replace(/[?&]output_mode=json/, ''));
}

async function login(server: RunningDevserver, user: string): Promise<string> {
    const response = await fetch(`${server.splunkdUrl}/services/auth/login?output_mode=json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: user, password: PASSWORD }).toString(),
    });
    const body = (await response.json()) as { sessionKey?: string };
    if (!body.sessionKey) throw new Error(`no session for ${user}`);
    return body.sessionKey;
}

interface Answer {
    readonly status: number;
    readonly body: { readonly cached?: boolean; readonly messages?: readonly { code?: string; text?: string }[] };
}

async function get(server: RunningDevserver, token: string, route: string): Promise<Answer> {
    const response = await fetch(
        `${server.splunkdUrl}${ENDPOINT}/${route}${route.includes('?') ? '&' : '?'}output_mode=json`,
        {
            headers: { Authorization: `Splunk ${token}` },
        }
    );
    return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function batch(server: RunningDevserver, token: string, calls: readonly string[]): Promise<Answer[]> {
    const query = calls.map((c) => `r=${encodeURIComponent(c)}`).join('&');
    const reply = await get(server, token, `batch?${query}`);
    expect(reply.status).toBe(200);
    return (reply.body as unknown as { responses: Answer[] }).responses;
}

interface CacheDoc {
    readonly _key: string;
    readonly body?: string;
    readonly fetched_at?: number;
    readonly expires_at?: number;
    readonly lease?: boolean;
}

async function cacheDocs(server: RunningDevserver): Promise<CacheDoc[]> {
    const response = await splunkdAsAdmin(
        server,
        'GET',
        '/servicesNS/nobody/passivetotal/storage/collections/data/passivetotal_cache'
    );
    return (await response.json()) as CacheDoc[];
}

describe('50 concurrent investigations by several users', () => {
    let server: RunningDevserver;

    beforeAll(async () => {
        server = await startDevserver(devserverOptions({ ptLatencyMs: 150 }));
    });

    afterAll(async () => {
        await server.close();
    });

    it('fail no request, ask the upstream once per item and leave every cache entry whole', async () => {
        const sessions = await Promise.all(
            ['admin', 'analyst', 'admin', 'analyst', 'analyst'].map((u) => login(server, u))
        );
        const investigations = await Promise.all(INDICATORS.map(callsFor));
        server.replay?.resetStats();

        // Five investigations of each indicator at once, from five sessions of two users: half of them through
        // the batch route (as the page does), half as single GETs (as an older page or another app would).
        const runs = Array.from({ length: 50 }, (_, i) => {
            const calls = investigations[i % INDICATORS.length] ?? [];
            const token = sessions[i % sessions.length] ?? '';
            return i % 2 === 0 ? batch(server, token, calls) : Promise.all(calls.map((c) => get(server, token, c)));
        });
        const answers = (await Promise.all(runs)).flat();

        const distinct = new Set(investigations.flat());
        expect(answers).toHaveLength(investigations.reduce((n, c) => n + c.length, 0) * 5);
        const failed = answers.filter((a) => a.status !== 200);
        expect(failed).toEqual([]);

        const upstream = server.replay?.stats();
        const repeated = Object.entries(upstream?.byRequest ?? {}).filter(([, n]) => n > 1);
        expect(repeated).toEqual([]);
        expect(upstream?.total).toBe(distinct.size);

        const docs = await cacheDocs(server);
        expect(docs.filter((d) => d.lease)).toEqual([]);
        expect(docs).toHaveLength(distinct.size);
        for (const doc of docs) {
            expect(() => JSON.parse(doc.body ?? '') as unknown).not.toThrow();
            expect(doc.expires_at).toBeGreaterThan(doc.fetched_at ?? Infinity);
        }

        // A revisit within the cache lifetime costs no upstream call.
        const again = await batch(server, sessions[1] ?? '', investigations[0] ?? []);
        expect(again.every((a) => a.status === 200 && a.body.cached === true)).toBe(true);
        expect(server.replay?.stats().total).toBe(distinct.size);
    });
});

describe('faults mid-session', () => {
    let server: RunningDevserver;
    let token: string;

    beforeAll(async () => {
        server = await startDevserver(devserverOptions());
        token = await login(server, 'analyst');
        // Short budgets so a slow upstream is given up quickly.
        const set = await splunkdAsAdmin(
            server,
            'POST',
            '/servicesNS/nobody/passivetotal/configs/conf-passivetotal/api',
            {
                timeout_seconds: '1',
                deadline_seconds: '2',
                retries: '0',
            }
        );
        expect(set.status).toBeLessThan(300);
    });

    afterAll(async () => {
        server.replay?.setFault(null);
        server.splunkd.setKvstoreAvailable(true);
        await server.close();
    });

    const code = (a: Answer) => a.body.messages?.[0]?.code;

    it('answers each call of an investigation on its own when the upstream fails, is slow or sends garbage', async () => {
        const calls = await callsFor('docs-share-portal.example');
        server.replay?.setFault({ status: 500, forPath: /^whois\?/ });
        let answers = await batch(server, token, calls);
        const whois = calls.findIndex((c) => c.startsWith('pt/whois?'));
        expect(answers[whois]?.status).toBe(502);
        expect(code(answers[whois] as Answer)).toBe('upstream_error');
        expect(answers.filter((a) => a.status === 200)).toHaveLength(calls.length - 1);

        server.replay?.setFault({ garbage: true, forPath: /^whois\?/ });
        answers = await batch(server, token, calls);
        expect(code(answers[whois] as Answer)).toBe('upstream_malformed');

        server.replay?.setFault({ delayMs: 5_000, forPath: /^whois\?/ });
        const started = Date.now();
        answers = await batch(server, token, calls);
        expect(Date.now() - started).toBeLessThan(4_500);
        expect(answers[whois]?.status).toBe(504);
        expect(code(answers[whois] as Answer)).toBe('upstream_timeout');
        expect(answers[whois]?.body.messages?.[0]?.text).toMatch(/PassiveTotal did not answer/i);
        server.replay?.setFault(null);
        // The others were cached by the earlier rounds; whois (never cached while failing) is fetched now.
        answers = await batch(server, token, calls);
        expect(answers.every((a) => a.status === 200)).toBe(true);
    });

    it('serves the next request after a handler process is killed mid-request, as splunkd restarts it', async () => {
        server.replay?.setFault({ delayMs: 1_500, forPath: /^enrichment\?query=weather/ });
        const slow = get(server, token, 'pt/enrichment?query=weather-daily.example');
        const deadline = Date.now() + 3_000;
        while (server.handlerPids().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 300));
        const victims = [...server.handlerPids()];
        for (const pid of victims) process.kill(pid, 'SIGKILL');
        const killed = await slow;
        expect(killed.status).toBeGreaterThanOrEqual(500);
        expect(JSON.stringify(killed.body)).not.toMatch(/Traceback/);
        server.replay?.setFault(null);
        // The killed idle processes are noticed when their exit is reported, as splunkd notices its children.
        const noticed = Date.now() + 3_000;
        while (server.handlerPids().some((pid) => victims.includes(pid)) && Date.now() < noticed) {
            await new Promise((r) => setTimeout(r, 20));
        }
        const next = await get(server, token, 'pt/enrichment?query=weather-daily.example');
        expect(next.status).toBe(200);
        expect(server.handlerPids().some((pid) => !victims.includes(pid))).toBe(true);
    });

    it('answers uncached while the KV store is unavailable, and caches again when it is back', async () => {
        server.splunkd.setKvstoreAvailable(false);
        const first = await get(server, token, 'pt/enrichment?query=198.51.100.11');
        const second = await get(server, token, 'pt/enrichment?query=198.51.100.11');
        expect([first.status, second.status]).toEqual([200, 200]);
        expect([first.body.cached, second.body.cached]).toEqual([false, false]);
        server.splunkd.setKvstoreAvailable(true);
        await get(server, token, 'pt/enrichment?query=198.51.100.11');
        expect((await get(server, token, 'pt/enrichment?query=198.51.100.11')).body.cached).toBe(true);
    });
});
