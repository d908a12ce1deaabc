/**
 * Watching an indicator end to end on the stand-in: the demo domain is watched while its replayed passive DNS lacks
 * 203.0.113.77; the app's scheduled check records that baseline; then the passive DNS resolves to 203.0.113.77,
 * which the demo's proxy and firewall events contain, and one run of the schedule (the check, then the alert
 * "PassiveTotal - Watched infrastructure contacted", enabled by the administrator) gives one change event in the
 * app's index and one fired alert with the evidence. A second run with nothing new gives neither. The stand-in's
 * scheduler is held, so the runs counted are exactly the ones the test dispatches.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevserver, type RunningDevserver } from '../server';
import { DEMO_FIXTURES, showResolution } from './resolution-change';
import { devserverOptions, provisionApp, splunkdAsAdmin } from './stand-in';

const DOMAIN = 'login-secure-update.example';
const NEW_ADDRESS = '203.0.113.77';
const CHECK = 'PassiveTotal - Check watched indicators';
const ALERT = 'PassiveTotal - Watched infrastructure contacted';
const NS = '/servicesNS/nobody/passivetotal';

type Row = Readonly<Record<string, string | readonly string[] | undefined>>;

let server: RunningDevserver;
let fixtures: string;

async function json(response: Response): Promise<Record<string, unknown>> {
    return (await response.json()) as Record<string, unknown>;
}

async function waitDone(sid: string): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < 60_000) {
        const status = await json(
            await splunkdAsAdmin(server, 'GET', `/services/search/jobs/${encodeURIComponent(sid)}`)
        );
        const content = (status.entry as { content: { isDone: boolean; isFailed: boolean; messages: unknown[] } }[])[0]
            ?.content;
        if (content?.isFailed) throw new Error(`job ${sid} failed: ${JSON.stringify(content.messages)}`);
        if (content?.isDone) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${sid} did not finish`);
}

/** Dispatches a saved search as the scheduler would at `now` (epoch seconds), and waits for it. */
async function runScheduled(name: string, now: number): Promise<void> {
    const response = await splunkdAsAdmin(server, 'POST', `${NS}/saved/searches/${encodeURIComponent(name)}/dispatch`, {
        trigger_actions: '1',
        now: String(now),
    });
    expect(response.status).toBe(201);
    await waitDone(String((await json(response)).sid));
}

async function changeEvents(): Promise<Row[]> {
    const response = await splunkdAsAdmin(server, 'POST', `${NS}/search/jobs`, {
        search: 'search index=passivetotal_changes',
        exec_mode: 'oneshot',
        earliest_time: '0',
        count: '0',
    });
    expect(response.status).toBe(200);
    return (await json(response)).results as Row[];
}

async function firedAlerts(): Promise<{ content: Record<string, unknown> }[]> {
    const response = await splunkdAsAdmin(server, 'GET', `${NS}/alerts/fired_alerts/${encodeURIComponent(ALERT)}`);
    expect(response.status).toBe(200);
    return (await json(response)).entry as { content: Record<string, unknown> }[];
}

beforeAll(async () => {
    fixtures = await mkdtemp(path.join(tmpdir(), 'watch-fixtures-'));
    await cp(DEMO_FIXTURES, fixtures, { recursive: true });
    await showResolution(fixtures, DOMAIN, NEW_ADDRESS, false);
    server = await startDevserver(devserverOptions({ ptFixtures: fixtures, unconfigured: true, noScheduler: true }));
    await provisionApp(server);
}, 60_000);

afterAll(async () => {
    await server.close();
    await rm(fixtures, { recursive: true, force: true });
});

describe('watching the demo domain', () => {
    it('records one change and fires one alert with the evidence when the domain resolves to a contacted address', async () => {
        const watched = await splunkdAsAdmin(server, 'POST', `${NS}/passivetotal/watches`, {
            indicator: 'login-secure-update[.]example',
            note: 'phishing kit of the TI report',
            related: 'true',
        });
        expect(watched.status).toBe(201);
        const watch = (await json(watched)).watch as Record<string, unknown>;
        expect(watch).toMatchObject({ indicator: DOMAIN, type: 'domain', owner: 'admin', active: true, related: true });

        const start = Math.floor(Date.now() / 1000);
        await runScheduled(CHECK, start);
        expect(await changeEvents()).toEqual([]);

        await showResolution(fixtures, DOMAIN, NEW_ADDRESS, true);
        expect((await splunkdAsAdmin(server, 'DELETE', `${NS}/passivetotal/cache`)).status).toBe(200);
        const enabled = await splunkdAsAdmin(
            server,
            'POST',
            `${NS}/saved/searches/${encodeURIComponent(ALERT)}/enable`,
            {}
        );
        expect(enabled.status).toBe(200);

        const round = Math.floor(Date.now() / 1000);
        await runScheduled(CHECK, round);
        await runScheduled(ALERT, round + 120);

        const events = await changeEvents();
        expect(events).toHaveLength(1);
        const change = events[0]!;
        expect(change).toMatchObject({
            change_type: 'new_resolution',
            indicator: DOMAIN,
            value: NEW_ADDRESS,
            dest_ip: NEW_ADDRESS,
            sourcetype: 'stash',
            source: CHECK,
            watch_owner: 'admin',
            investigation_url: `/app/passivetotal/investigate?indicator=${NEW_ADDRESS}`,
        });
        expect(Number(change.internal_count)).toBeGreaterThan(0);
        expect(change.internal_sourcetypes).toBeDefined();

        const alerts = await firedAlerts();
        expect(alerts).toHaveLength(1);
        expect(alerts[0]!.content).toMatchObject({ savedsearch_name: ALERT, severity: 5 });
        const email = server.splunkd.savedSearches.alertActions().filter((a) => a.action === 'email');
        expect(email).toHaveLength(1);
        expect(String(email[0]!.detail.subject)).toContain(`now resolves to ${NEW_ADDRESS}`);
        const evidence = (email[0]!.detail.results as Row[])[0]!;
        expect(evidence).toMatchObject({ value: NEW_ADDRESS, indicator: DOMAIN });
        expect(Number(evidence.internal_count)).toBe(Number(change.internal_count));
        expect(evidence.internal_first_seen).toBeDefined();
        expect(evidence.internal_last_seen).toBeDefined();

        // The next run of the schedule: nothing new, so no change and no alert.
        await runScheduled(CHECK, round + 1800);
        await runScheduled(ALERT, round + 1920);
        expect(await changeEvents()).toHaveLength(1);
        expect(await firedAlerts()).toHaveLength(1);
    }, 120_000);

    it('lets only the owner or an app admin change a watch, and a user outside the app see none', async () => {
        const list = await json(await splunkdAsAdmin(server, 'GET', `${NS}/passivetotal/watches`));
        const [watch] = list.watches as { id: string }[];
        const asUser = async (user: string, method: string, route: string, form?: Record<string, string>) =>
            fetch(`${server.splunkdUrl}${NS}/passivetotal/${route}?output_mode=json`, {
                method,
                headers: {
                    Authorization: `Basic ${Buffer.from(`${user}:changeme`).toString('base64')}`,
                    'Content-Type': 'application/x-www-form-urlencoded',
                },
                ...(form ? { body: new URLSearchParams(form).toString() } : {}),
            });
        expect((await asUser('guest', 'GET', 'watches')).status).toBe(403);
        expect((await asUser('analyst', 'GET', 'watches')).status).toBe(200);
        expect((await asUser('analyst', 'POST', `watches/${watch!.id}`, { note: 'mine now' })).status).toBe(403);
        expect((await asUser('analyst', 'POST', `watches/${watch!.id}`, { state: '{}', version: '2' })).status).toBe(
            403
        );
        const ended = await asUser('admin', 'POST', `watches/${watch!.id}`, { end: 'now' });
        expect(ended.status).toBe(200);
        expect(((await ended.json()) as { watch: { active: boolean } }).watch.active).toBe(false);
    });
});
