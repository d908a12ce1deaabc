/**
 * The investigation as a graph, in Chromium on the stand-in's demo story: the phishing domain's graph shows the
 * address it resolved to with the red mark of its sightings in the company's logs, a double click adds that
 * address's own related indicators, and a click on it investigates it with why in the trail. Screenshots land in
 * test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { caseTestIds, testIds } from '../src/selectors';
import { byTestId, screenshot, watchErrors } from './browser';
import { useBrowserTests } from './fixture';

const DOMAIN = 'login-secure-update.example';
/** The address the domain resolved to that the proxy logs contacted. */
const IP = '203.0.113.77';

const node = (page: Page, value: string) =>
    page.locator(`${byTestId(testIds.graph)} ${byTestId(testIds.graphNode)}[data-indicator="${value}"]`);

async function openGraph(page: Page, base: string): Promise<void> {
    await page.goto(`${base}?indicator=${DOMAIN}`);
    // Every tab and the sightings answered, so the marks are final.
    await page.locator(`${byTestId(testIds.investigation)}[data-settled="true"]`).waitFor();
    await page.locator(byTestId(testIds.tabGraph)).click();
    await page.locator(`${byTestId(testIds.graph)}[data-ready="true"]`).waitFor();
}

describe('the investigation graph, in Chromium', () => {
    const e2e = useBrowserTests();

    it('shows the contacted address with its sightings, and a click investigates it with why in the trail', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await openGraph(page, e2e.server.url);

        const root = node(page, DOMAIN);
        expect(await root.getAttribute('data-root')).toBe('true');
        expect(await root.getAttribute('data-trail')).toBe('true');
        const ip = node(page, IP);
        expect(await ip.getAttribute('data-type')).toBe('ipv4');
        // Seen in the proxy, firewall, DNS and Zeek logs: a count, and a visible red mark.
        expect(Number(await ip.getAttribute('data-sightings'))).toBeGreaterThan(0);
        await ip.locator('[data-state="counted"]').waitFor();
        const edge = page.locator(
            `${byTestId(testIds.graphEdge)}[data-source="${DOMAIN}"][data-target="${IP}"][data-relations~="resolves-to"]`
        );
        expect(await edge.count()).toBe(1);
        // Every node says whether its value was counted; none shows a count the page did not compute.
        const states = await page
            .locator(byTestId(testIds.graphNode))
            .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-sightings')));
        expect(states.length).toBeGreaterThan(5);
        expect(states.every((s) => s === 'not-counted' || /^\d+$/.test(s ?? ''))).toBe(true);
        await screenshot(page, 'graph-01-demo-domain');

        // The case's verdict shows on its indicator, a pin on the pinned value.
        await page.locator(byTestId(caseTestIds.caseVerdict)).selectOption('malicious');
        await page.locator(byTestId(testIds.tabSummary)).click();
        await page
            .locator(`${byTestId(caseTestIds.pin)}[data-indicator="${IP}"]:visible`)
            .first()
            .click();
        await page.locator(byTestId(testIds.tabGraph)).click();
        await page
            .locator(`${byTestId(testIds.graphNode)}[data-indicator="${DOMAIN}"][data-verdict="malicious"]`)
            .waitFor();
        await page.locator(`${byTestId(testIds.graphNode)}[data-indicator="${IP}"][data-pinned="true"]`).waitFor();
        await screenshot(page, 'graph-01b-verdict-and-pin');

        await ip.click();
        await page.waitForURL((url) => new URL(url).searchParams.get('indicator') === IP);
        await page.locator('header h2', { hasText: IP }).waitFor();
        const trail = JSON.parse(new URL(page.url()).searchParams.get('trail') ?? '[]') as {
            value: string;
            via?: { from: string; relation: string };
        }[];
        expect(trail.map((s) => s.value)).toEqual([DOMAIN, IP]);
        expect(trail[1]?.via).toEqual({ from: DOMAIN, relation: 'resolves-to' });
        await screenshot(page, 'graph-02-pivoted-to-address');
        expect(errors).toEqual([]);
    });

    it('adds a node’s related indicators on a double click, and keeps the trail marked after a pivot', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await openGraph(page, e2e.server.url);
        const graph = page.locator(byTestId(testIds.graph));
        const values = () =>
            page
                .locator(byTestId(testIds.graphNode))
                .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-indicator') ?? ''));
        const before = await values();

        await node(page, IP).dblclick();
        await page.locator(`${byTestId(testIds.graphNode)}[data-indicator="${IP}"][data-expanded="true"]`).waitFor();
        const after = await values();
        expect(Number(await graph.getAttribute('data-nodes'))).toBe(after.length);
        expect(after.length).toBeGreaterThan(before.length);
        // The double click expanded and did not pivot.
        expect(new URL(page.url()).searchParams.get('indicator')).toBe(DOMAIN);
        // A value the page's sightings search did not count says so.
        const fresh = page.locator(`${byTestId(testIds.graphNode)}[data-sightings="not-counted"]`);
        expect(await fresh.count()).toBeGreaterThan(0);
        await screenshot(page, 'graph-03-expanded-address');

        // A node only the expansion added: the trail to it goes through the address, each step with its relation.
        const via = after.find((v) => !before.includes(v));
        expect(via).toBeDefined();
        if (via) {
            await node(page, via).click();
            await page.waitForURL((url) => new URL(url).searchParams.get('indicator') === via);
            const trail = JSON.parse(new URL(page.url()).searchParams.get('trail') ?? '[]') as {
                value: string;
                via?: { from: string };
            }[];
            expect(trail.map((s) => s.value)).toEqual([DOMAIN, IP, via]);
            expect(trail[2]?.via?.from).toBe(IP);
            await page.locator(byTestId(testIds.tabGraph)).click();
            await page.locator(`${byTestId(testIds.graph)}[data-ready="true"]`).waitFor();
            const onTrail = await page
                .locator(`${byTestId(testIds.graphNode)}[data-trail="true"]`)
                .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-indicator')));
            expect(onTrail.sort()).toEqual([DOMAIN, IP, via].sort());
            await screenshot(page, 'graph-04-trail-after-pivot');
        }
        expect(errors).toEqual([]);
    });
});
