/**
 * The app's search commands (commands.conf: `| ptpdns`, `| ptenrich` ...) through real search jobs of the stand-in:
 * splunkd runs the real Python files in `stage/bin` through the chunked protocol with the searching user's session
 * key, and the commands ask the app's REST endpoint, which asks the replay server for PassiveTotal and the open
 * providers. As admin and as analyst (the app's user role); a user outside the app's roles is told why they get nothing.
 */
import { startDevserver, type RunningDevserver } from '../server';
import { PASSWORD, devserverOptions, splunkdAsAdmin } from './stand-in';

type Row = Readonly<Record<string, string | readonly string[] | undefined>>;

interface JobContent {
    readonly dispatchState: string;
    readonly isDone: boolean;
    readonly isFailed: boolean;
    readonly messages: readonly { type: string; text: string }[];
}

interface Finished {
    readonly content: JobContent;
    readonly results: readonly Row[];
}

/** 2026-11-20 00:00 and 2026-11-27 00:00 UTC: inside the demo story's resolutions. */
const WEEK = { earliest_time: '1795132800', latest_time: '1795737600' };
const ALL_TIME = { earliest_time: '0', latest_time: 'now' };

let server: RunningDevserver;

function auth(user: string): string {
    return `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`;
}

async function splunkd(user: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
    const response = await fetch(`${server.splunkdUrl}${path}`, {
        method,
        headers: { Authorization: auth(user), 'Content-Type': 'application/x-www-form-urlencoded' },
        ...(form ? { body: new URLSearchParams({ output_mode: 'json', ...form }).toString() } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs a search job to its end as `user` in the Search app: its status (messages included) and results. */
async function search(spl: string, user = 'admin', range = ALL_TIME): Promise<Finished> {
    const ns = `/servicesNS/${user}/search`;
    const created = await splunkd(user, 'POST', `${ns}/search/jobs`, { search: spl, ...range });
    const sid = created.body['sid'];
    if (created.status !== 201 || typeof sid !== 'string') {
        throw new Error(`${String(created.status)} ${JSON.stringify(created.body)}`);
    }
    const started = Date.now();
    let content: JobContent | undefined;
    while (Date.now() - started < 60_000) {
        const status = await splunkd(user, 'GET', `${ns}/search/jobs/${sid}?output_mode=json`);
        content = (status.body['entry'] as { content: JobContent }[])[0]?.content;
        if (content?.isDone) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!content?.isDone) throw new Error(`the job of ${spl} did not finish`);
    const results = await splunkd(user, 'GET', `${ns}/search/v2/jobs/${sid}/results?output_mode=json&count=0`);
    return { content, results: results.body['results'] as Row[] };
}

function text(value: Row[string]): string {
    return typeof value === 'string' ? value : '';
}

function list(value: Row[string]): readonly string[] {
    if (value === undefined) return [];
    return typeof value === 'string' ? [value] : value;
}

beforeAll(async () => {
    // As `npm start` runs it: PassiveTotal and every open provider configured for the replay server.
    server = await startDevserver(devserverOptions());
}, 60_000);

afterAll(async () => {
    await server.close();
});

describe('the streaming enrichment', () => {
    it('looks each distinct value up once per search, and a second search is answered from the cache', async () => {
        // PassiveTotal alone for reputation, so every upstream call of the search is one of PassiveTotal's.
        const order = await splunkdAsAdmin(
            server,
            'POST',
            '/servicesNS/nobody/passivetotal/configs/conf-passivetotal/datasets',
            {
                'order.reputation': 'passivetotal',
            }
        );
        expect(order.status).toBe(200);
        const spl = 'search index=proxy dest=* | ptenrich field=dest datasets=reputation';
        server.replay?.resetStats();
        const first = await search(spl, 'analyst');
        expect(first.content.isFailed).toBe(false);
        const looked = new Set(
            first.results.filter((r) => r['pt_skipped'] === undefined).map((r) => text(r['pt_indicator']))
        );
        expect(first.results.length).toBeGreaterThan(looked.size * 10);
        const calls = Object.entries(server.replay?.stats().byRequest ?? {}).filter(([key]) =>
            key.startsWith('enrichment?')
        );
        expect(calls).toHaveLength(looked.size);
        expect(calls.every(([, count]) => count === 1)).toBe(true);

        server.replay?.resetStats();
        const second = await search(spl, 'analyst');
        expect(second.results).toHaveLength(first.results.length);
        expect(server.replay?.stats().byProvider['passivetotal'] ?? 0).toBe(0);
    }, 120_000);

    it('adds the verdict, tags, passive DNS and WHOIS to every event of the demo story', async () => {
        const job = await search(
            'search index=proxy dest="203.0.113.77" OR dest="docs-share-portal.example" OR dest="www.northwind.example" | ptenrich field=dest | table _time dest pt_*',
            'analyst'
        );
        expect(job.content.isFailed).toBe(false);
        const ip = job.results.find((r) => r['dest'] === '203.0.113.77');
        expect(ip).toMatchObject({
            pt_indicator: '203.0.113.77',
            pt_type: 'ipv4',
            pt_verdict: 'malicious',
            pt_classification: '3',
        });
        expect(list(ip?.['pt_tags'])).toContain('phishing');
        expect(Number(text(ip?.['pt_pdns_count']))).toBeGreaterThan(0);
        expect(text(ip?.['pt_pdns_first_seen'])).toMatch(/^\d+$/);
        expect(list(ip?.['pt_source'])).toContain('passivetotal');
        const site = job.results.find((r) => r['dest'] === 'docs-share-portal.example');
        expect(site?.['pt_indicator']).toBe('docs-share-portal.example');
        expect(job.results.every((r) => typeof r['_time'] === 'string')).toBe(true);
    }, 60_000);

    it('lets values that are not indicators pass with the reason', async () => {
        const job = await search(
            'search index=proxy src=* | head 5 | ptenrich field=src | table src pt_skipped',
            'analyst'
        );
        expect(job.results).toHaveLength(5);
        for (const row of job.results)
            expect(text(row['pt_skipped'])).toMatch(/^private network \(RFC 1918\), 10\.0\.0\.0\/8: not looked up$/);
    }, 60_000);
});

describe('the generating commands of version 1.0.4', () => {
    it('| ptpdns gives one result per resolution from every provider, each naming its source', async () => {
        const job = await search('| ptpdns query="login-secure-update[.]example"');
        expect(job.content).toMatchObject({ dispatchState: 'DONE', isFailed: false });
        const first = job.results[0];
        expect(first).toMatchObject({
            query: 'login-secure-update.example',
            resolve: '203.0.113.77',
            recordType: 'A',
            resolveType: 'ip',
            firstSeen: '2026-11-06 03:12:44',
            lastSeen: '2026-11-28 21:14:07',
            _time: '2026-11-28T21:14:07.000+00:00',
        });
        expect(list(first?.['source'])[0]).toBe('passivetotal');
        const providers = new Set(job.results.flatMap((r) => list(r['source'])));
        expect(providers.has('passivetotal')).toBe(true);
        expect([...providers].some((p) => p !== 'passivetotal')).toBe(true);
    }, 60_000);

    it('keeps the resolutions seen within the time range, or within earliest= and latest=', async () => {
        const all = await search('| ptpdns query="login-secure-update.example"');
        const week = await search('| ptpdns query="login-secure-update.example"', 'admin', WEEK);
        expect(week.results.length).toBeGreaterThan(0);
        expect(week.results.length).toBeLessThan(all.results.length);
        for (const row of week.results) {
            expect(Number(text(row['last_seen']))).toBeGreaterThanOrEqual(Number(WEEK.earliest_time));
            expect(Number(text(row['first_seen']))).toBeLessThan(Number(WEEK.latest_time));
        }
        // 1.0.4's dashboards passed the time picker as epoch seconds (its toEpoch macro): they win over the job's range.
        const given = await search(
            '| ptpdns query="login-secure-update.example" earliest=0 latest=1796000000',
            'admin',
            WEEK
        );
        expect(given.results).toHaveLength(all.results.length);
    }, 60_000);

    it('runs the searches of 1.0.4’s dashboards, with its field names', async () => {
        const history = await search(
            '|pthistory | rename dt AS "Datetime", username AS "Username", focus AS "Focus", source AS "Source"'
        );
        expect(history.content.isFailed).toBe(false);
        const whois = await search(
            '|ptwhois query="login-secure-update.example" earliest=0 latest=1796000000 | rename key AS "Key", value AS "Value"'
        );
        const record = whois.results.find((r) => list(r['source']).includes('passivetotal'));
        const keys = list(record?.['Key']);
        expect(list(record?.['Value'])[keys.indexOf('Registrar')]).toBe('Bargain Names Registrar, Inc.');
        const unique = await search(
            '|ptupdns query="login-secure-update.example" earliest=0 latest=1796000000 | rename resolve AS "Resolution", count AS Count'
        );
        expect(unique.results.some((r) => r['Resolution'] === '203.0.113.77' && Number(text(r['Count'])) > 0)).toBe(
            true
        );
        const ssl = await search(
            '|ptssl query="203.0.113.77" earliest=0 latest=1796000000 | rename firstSeen AS "First Seen", lastSeen AS "Last Seen", sha1 AS "SHA-1", resolve AS "IP Address"'
        );
        expect(ssl.results.map((r) => r['SHA-1'])).toContain('05005010a96416bdbb9af136b1fe34b5a1496b8a');
        const trackers = await search(
            '|pttrackers query="login-secure-update.example" earliest=0 latest=1796000000 | rename hostname AS "Resolution", firstSeen AS "First Seen", lastSeen AS "Last Seen", attributeType AS "Type", attributeValue AS "Value"'
        );
        expect(trackers.results.map((r) => r['Value'])).toContain('UA-48213377-1');
        const enrich = await search('|ptenrich query="login-secure-update.example"');
        expect(enrich.results[0]).toMatchObject({ queryValue: 'login-secure-update.example', classification: '3' });
    }, 120_000);

    it('ends the search with the reason for a value that is not an indicator', async () => {
        const job = await search('| ptpdns query="not an indicator"');
        expect(job.content.isFailed).toBe(true);
        expect(job.content.messages).toContainEqual({
            type: 'ERROR',
            text:
                'Error in \'ptpdns\' command: query="not an indicator" is not an indicator: an indicator cannot contain ' +
                'spaces. Expected an IPv4 or IPv6 address, a domain, a URL, an email address, a certificate SHA-1 or a ' +
                'tracker id such as UA-12345-1.',
        });
    }, 60_000);

    it('shows an upstream failure as a message and still gives the other providers’ records', async () => {
        const purge = await splunkdAsAdmin(server, 'DELETE', '/servicesNS/nobody/passivetotal/passivetotal/cache');
        expect(purge.status).toBe(200);
        server.replay?.setFault({ status: 429, forPath: /^dns\/passive\?/ });
        try {
            const job = await search('| ptpdns query="203.0.113.77" earliest=0', 'analyst');
            expect(job.content.isFailed).toBe(false);
            expect(job.content.messages.map((m) => m.text)).toContainEqual(
                expect.stringMatching(/^PassiveTotal quota exceeded for passive DNS/)
            );
            expect(job.results.length).toBeGreaterThan(0);
            expect(job.results.every((r) => !list(r['source']).includes('passivetotal'))).toBe(true);
        } finally {
            server.replay?.setFault(null);
        }
    }, 60_000);
});

describe('who may use the commands', () => {
    it('tells a user outside the app’s roles why they get nothing', async () => {
        const job = await search('| ptpdns query="evil.example"', 'guest');
        expect(job.content.isFailed).toBe(true);
        expect(job.content.messages).toContainEqual({
            type: 'ERROR',
            text: expect.stringContaining('your Splunk role lacks the capability passivetotal_query') as unknown,
        });
        expect(job.results).toEqual([]);
    }, 60_000);
});
