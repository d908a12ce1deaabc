/**
 * The administrators' overview dashboard in the browser: a scripted session through the app's REST endpoint (two
 * users look indicators up, one answer a second time from the cache, one upstream failing, two investigations
 * recorded, a watch whose scheduled check finds the watched domain resolving to an address the company contacted),
 * then Dashboard Studio (Splunk's own packages, on the stand-in's Splunk Web) draws every panel from its searches.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot, startStandIn, watchErrors, type StandIn } from './browser';
import { DEMO_FIXTURES, showResolution } from '@passivetotal/devserver/testing';
import { useBrowserTests } from './fixture';

const DOMAIN = 'login-secure-update.example';
const NEW_ADDRESS = '203.0.113.77';
const BROKEN = 'broken-upstream.example';
const CHECK = 'PassiveTotal - Check watched indicators';
const NS = '/servicesNS/nobody/passivetotal';

let fixtures = '';

async function start(): Promise<StandIn> {
    fixtures = await mkdtemp(path.join(tmpdir(), 'overview-e2e-'));
    await cp(DEMO_FIXTURES, fixtures, { recursive: true });
    await mkdir(path.join(fixtures, BROKEN), { recursive: true });
    await writeFile(
        path.join(fixtures, BROKEN, 'whois.json'),
        JSON.stringify({ $replay: { status: 500 }, body: { message: 'An internal server error occurred.' } })
    );
    await showResolution(fixtures, DOMAIN, NEW_ADDRESS, false);
    const server = await startStandIn({ ptFixtures: fixtures, noScheduler: true });
    return {
        ...server,
        close: async () => {
            await server.close();
            await rm(fixtures, { recursive: true, force: true });
        },
    };
}

/** The text a panel shows (its title, its table cells or its chart's description and legend) once it has data. */
async function panelText(page: Page, id: string, showing: string | RegExp): Promise<string> {
    const panel = page.locator(`[data-test="viz-item"][data-id="${id}"]`);
    await panel.filter({ hasText: showing }).waitFor({ timeout: 30_000 });
    return panel.innerText();
}

describe('the overview dashboard', () => {
    const e2e = useBrowserTests(start);

    const call = async (
        user: string,
        method: 'GET' | 'POST' | 'DELETE',
        route: string,
        form?: Record<string, string>
    ) => {
        const url = new URL(`${e2e.server.splunkdUrl}${route}`);
        url.searchParams.set('output_mode', 'json');
        return fetch(url, {
            method,
            headers: {
                Authorization: `Basic ${Buffer.from(`${user}:changeme`).toString('base64')}`,
                'Content-Type': 'application/x-www-form-urlencoded',
            },
            ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        });
    };

    /** Dispatches the watch check as the scheduler would at `now`, and waits for it to finish. */
    const runCheck = async (now: number): Promise<void> => {
        const dispatched = await call('admin', 'POST', `${NS}/saved/searches/${encodeURIComponent(CHECK)}/dispatch`, {
            trigger_actions: '1',
            now: String(now),
        });
        expect(dispatched.status).toBe(201);
        const { sid } = (await dispatched.json()) as { sid: string };
        for (let i = 0; i < 2400; i++) {
            const status = (await (await call('admin', 'GET', `/services/search/jobs/${sid}`)).json()) as {
                entry: { content: { isDone: boolean; isFailed: boolean } }[];
            };
            const content = status.entry[0]?.content;
            if (content?.isFailed) throw new Error('the watch check failed');
            if (content?.isDone) return;
            await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error('the watch check did not finish');
    };

    beforeAll(async () => {
        const pt = `${NS}/passivetotal`;
        expect((await call('analyst', 'GET', `${pt}/pt/dns/passive?query=${DOMAIN}`)).status).toBe(200);
        expect((await call('analyst', 'GET', `${pt}/pt/dns/passive?query=${DOMAIN}`)).status).toBe(200);
        expect((await call('admin', 'GET', `${pt}/pt/whois?query=${DOMAIN}`)).status).toBe(200);
        expect((await call('admin', 'GET', `${pt}/pt/whois?query=${BROKEN}`)).status).toBeGreaterThanOrEqual(500);
        for (const user of ['analyst', 'admin'])
            expect(
                (await call(user, 'POST', `${pt}/investigations`, { indicator: DOMAIN, type: 'domain' })).status
            ).toBe(201);
        expect((await call('admin', 'POST', `${pt}/watches`, { indicator: DOMAIN, related: 'false' })).status).toBe(
            201
        );
        const now = Math.floor(Date.now() / 1000);
        await runCheck(now);
        await showResolution(fixtures, DOMAIN, NEW_ADDRESS, true);
        expect((await call('admin', 'DELETE', `${pt}/cache`)).status).toBe(200);
        await runCheck(now + 60);
    }, 180_000);

    it('shows every panel with the data of the session', async () => {
        const page = await e2e.newPage({ width: 1400, height: 1000 });
        const errors = watchErrors(page);
        await page.goto(`${e2e.server.webUrl}/en-US/app/passivetotal/overview`);

        try {
            const investigations = await panelText(page, 'viz_investigations', 'analyst');
            expect(investigations).toContain('admin');
            // The single value's number (its unit, %, is drawn beside it).
            const rate = await panelText(page, 'viz_hit_rate', /spent\s*\d/);
            const percent = Number(/(\d+(?:\.\d+)?)\s*%?\s*$/.exec(rate)?.[1]);
            expect(percent).toBeGreaterThan(0);
            expect(percent).toBeLessThan(100);
            expect(await panelText(page, 'viz_quota', 'passivetotal')).toMatch(/Line chart/);
            // Lookups, upstream calls and cache hits: the analyst's repeat came from the cache, the admin's failure did not.
            const calls = await panelText(page, 'viz_calls', /passivetotal\s*analyst\s*2\s*1\s*1/);
            expect(calls).toMatch(/passivetotal\s*admin\s*2\s*2\s*0/);
            expect(calls).toContain('splunk-system-user');
            expect(await panelText(page, 'viz_errors', 'upstream_error')).not.toContain('No search results');
            expect(await panelText(page, 'viz_errors_table', 'upstream_error')).toMatch(
                /upstream_error\s+passivetotal\s+502\s+1/
            );
            expect(await panelText(page, 'viz_watched', DOMAIN)).toMatch(/new_resolution/);
            expect(await panelText(page, 'viz_changes', NEW_ADDRESS)).toContain('new_resolution');
            expect(await panelText(page, 'viz_sightings', NEW_ADDRESS)).toMatch(/chart/i);
        } finally {
            await screenshot(page, 'overview');
        }
        expect(errors).toEqual([]);
    }, 90_000);
});
