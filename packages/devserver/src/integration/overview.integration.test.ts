/**
 * The administrators' overview dashboard (default/data/ui/views/overview.xml) over a scripted session on the
 * stand-in: two users look indicators up through the app's endpoint (one answer a second time, from the cache; one
 * failing upstream), record investigations, and a watch finds a change with internal sightings. Every panel's
 * search, read from the dashboard's own definition with the time range input's default, then runs through splunkd's
 * search REST API and gives the rows the panel shows: the handler's log lines found in `_internal` with the app's
 * sourcetype, and the change events of `passivetotal_changes`.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevserver, type RunningDevserver } from '../server';
import { DEMO_FIXTURES, showResolution } from './resolution-change';
import { devserverOptions, PASSWORD, provisionApp, REPO_ROOT, splunkdAsAdmin } from './stand-in';

const DOMAIN = 'login-secure-update.example';
const NEW_ADDRESS = '203.0.113.77';
const BROKEN = 'broken-upstream.example';
const CHECK = 'PassiveTotal - Check watched indicators';
const NS = '/servicesNS/nobody/passivetotal';
const VIEW = path.join(REPO_ROOT, 'default/data/ui/views/overview.xml');

type Row = Readonly<Record<string, string | readonly string[] | undefined>>;
interface Definition {
    readonly inputs: Record<string, { options: { token: string; defaultValue: string } }>;
    readonly dataSources: Record<string, { type: string; options: { query: string } }>;
    readonly visualizations: Record<string, { dataSources: { primary: string } }>;
    readonly layout: { structure: { item: string }[] };
}

let server: RunningDevserver;
let fixtures: string;

async function definition(): Promise<Definition> {
    const xml = await readFile(VIEW, 'utf8');
    const json = /<definition><!\[CDATA\[([\s\S]*?)\]\]><\/definition>/.exec(xml)?.[1];
    if (json === undefined) throw new Error('overview.xml has no definition');
    return JSON.parse(json) as Definition;
}

async function asUser(user: string, method: 'GET' | 'POST', route: string, form?: Record<string, string>) {
    return fetch(`${server.splunkdUrl}${NS}/passivetotal/${route}${route.includes('?') ? '&' : '?'}output_mode=json`, {
        method,
        headers: {
            Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
}

async function json(response: Response): Promise<Record<string, unknown>> {
    return (await response.json()) as Record<string, unknown>;
}

async function runCheck(now: number): Promise<void> {
    const response = await splunkdAsAdmin(
        server,
        'POST',
        `${NS}/saved/searches/${encodeURIComponent(CHECK)}/dispatch`,
        {
            trigger_actions: '1',
            now: String(now),
        }
    );
    expect(response.status).toBe(201);
    const sid = String((await json(response)).sid);
    for (let i = 0; i < 2400; i++) {
        const status = await json(
            await splunkdAsAdmin(server, 'GET', `/services/search/jobs/${encodeURIComponent(sid)}`)
        );
        const content = (status.entry as { content: { isDone: boolean; isFailed: boolean } }[])[0]?.content;
        if (content?.isFailed) throw new Error(`the check failed: ${JSON.stringify(status)}`);
        if (content?.isDone) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the check did not finish');
}

/** The rows of a panel's search over the time range input's default, as the dashboard runs it. */
async function panelRows(def: Definition, dataSource: string): Promise<Row[]> {
    const [earliest, latest] = (Object.values(def.inputs)[0]?.options.defaultValue ?? '').split(',');
    const query = def.dataSources[dataSource]?.options.query ?? '';
    const response = await splunkdAsAdmin(server, 'POST', `${NS}/search/jobs`, {
        search: `search ${query}`,
        exec_mode: 'oneshot',
        earliest_time: earliest ?? '',
        latest_time: latest ?? '',
        count: '0',
    });
    const body = await json(response);
    expect({ dataSource, status: response.status }).toEqual({ dataSource, status: 200 });
    return body.results as Row[];
}

const num = (value: unknown): number => Number(value ?? 0);
const total = (rows: readonly Row[], column: string): number => rows.reduce((sum, r) => sum + num(r[column]), 0);

beforeAll(async () => {
    fixtures = await mkdtemp(path.join(tmpdir(), 'overview-fixtures-'));
    await cp(DEMO_FIXTURES, fixtures, { recursive: true });
    await mkdir(path.join(fixtures, BROKEN), { recursive: true });
    await writeFile(
        path.join(fixtures, BROKEN, 'whois.json'),
        JSON.stringify({ $replay: { status: 500 }, body: { message: 'An internal server error occurred.' } })
    );
    await showResolution(fixtures, DOMAIN, NEW_ADDRESS, false);
    server = await startDevserver(devserverOptions({ ptFixtures: fixtures, unconfigured: true, noScheduler: true }));
    await provisionApp(server, { api: { retries: '0' } });

    // The session: lookups by two users, one repeated (a cache hit), one failing upstream; two investigations.
    expect((await asUser('analyst', 'GET', `pt/dns/passive?query=${DOMAIN}`)).status).toBe(200);
    expect((await asUser('analyst', 'GET', `pt/dns/passive?query=${DOMAIN}`)).status).toBe(200);
    expect((await asUser('admin', 'GET', `pt/whois?query=${DOMAIN}`)).status).toBe(200);
    expect((await asUser('admin', 'GET', `pt/whois?query=${BROKEN}`)).status).toBeGreaterThanOrEqual(500);
    for (const user of ['analyst', 'admin'])
        expect((await asUser(user, 'POST', 'investigations', { indicator: DOMAIN, type: 'domain' })).status).toBe(201);

    // A watch whose check first records the baseline, then finds the contacted address.
    expect((await asUser('admin', 'POST', 'watches', { indicator: DOMAIN, related: 'false' })).status).toBe(201);
    const start = Math.floor(Date.now() / 1000);
    await runCheck(start);
    await showResolution(fixtures, DOMAIN, NEW_ADDRESS, true);
    expect((await splunkdAsAdmin(server, 'DELETE', `${NS}/passivetotal/cache`)).status).toBe(200);
    await runCheck(start + 60);
}, 180_000);

afterAll(async () => {
    await server.close();
    await rm(fixtures, { recursive: true, force: true });
});

describe('the overview dashboard over a scripted session', () => {
    it('lays out every visualization and gives each a search data source', async () => {
        const def = await definition();
        const placed = def.layout.structure.map((s) => s.item).sort();
        expect(placed).toEqual(Object.keys(def.visualizations).sort());
        for (const viz of Object.values(def.visualizations))
            expect(def.dataSources[viz.dataSources.primary]?.type).toBe('ds.search');
    });

    it("finds the handler's lines in _internal with the app's sourcetype", async () => {
        const response = await splunkdAsAdmin(server, 'POST', `${NS}/search/jobs`, {
            search: 'search index=_internal sourcetype="passivetotal:log" upstream_call user=analyst',
            exec_mode: 'oneshot',
            earliest_time: '-1h',
            count: '0',
        });
        const rows = (await json(response)).results as Row[];
        expect(rows.map((r) => [r.provider, r.cached, r.mode, r.status])).toEqual([
            ['passivetotal', 'true', 'single', '200'],
            ['passivetotal', 'false', 'single', '200'],
        ]);
        expect(String(rows[0]?.source)).toMatch(/var\/log\/splunk\/passivetotal\.log$/);
    });

    it('shows investigations per day and per user', async () => {
        const rows = await panelRows(await definition(), 'ds_investigations');
        expect(rows).toHaveLength(8);
        expect([total(rows, 'analyst'), total(rows, 'admin')]).toEqual([1, 1]);
    });

    it('shows lookups, upstream calls and cache hits per provider and user, and the calls per provider and day', async () => {
        const def = await definition();
        const calls = await panelRows(def, 'ds_calls');
        const analyst = calls.find((r) => r.provider === 'passivetotal' && r.user === 'analyst');
        expect([analyst?.lookups, analyst?.upstream_calls, analyst?.cache_hits]).toEqual(['2', '1', '1']);
        expect(calls.find((r) => r.provider === 'passivetotal' && r.user === 'admin')?.lookups).toBe('2');
        expect(calls.some((r) => r.user === 'splunk-system-user')).toBe(true);
        const perDay = await panelRows(def, 'ds_quota');
        expect(total(perDay, 'passivetotal')).toBeGreaterThanOrEqual(3);
    });

    it('shows the cache hit rate and the errors by kind', async () => {
        const def = await definition();
        const [rate] = await panelRows(def, 'ds_hit_rate');
        expect(num(rate?.hit_rate)).toBeGreaterThan(0);
        expect(num(rate?.hit_rate)).toBeLessThan(100);
        const errors = await panelRows(def, 'ds_errors');
        // The failing PassiveTotal lookup, beside what the open providers' outages of the demo gave the watch check.
        expect(errors).toContainEqual({ error: 'upstream_error', count: '1' });
        expect(total(errors, 'count')).toBeGreaterThanOrEqual(1);
        const detail = await panelRows(def, 'ds_errors_table');
        expect(detail).toContainEqual(
            expect.objectContaining({ error: 'upstream_error', provider: 'passivetotal', errors: '1', status: '502' })
        );
    });

    it('shows the watched indicator, its change and the internal sightings of the new address', async () => {
        const def = await definition();
        const watched = await panelRows(def, 'ds_watched');
        expect(watched.map((r) => [r.indicator, r.changes, r.kinds])).toEqual([[DOMAIN, '1', 'new_resolution']]);
        const changes = await panelRows(def, 'ds_changes');
        expect(changes[0]).toMatchObject({ indicator: DOMAIN, change_type: 'new_resolution', value: NEW_ADDRESS });
        const sightings = await panelRows(def, 'ds_sightings');
        expect(total(sightings, NEW_ADDRESS)).toBeGreaterThan(0);
    });
});
