/**
 * Internal hits as an analyst sees them on the demo data (key=value proxy, CEF firewall, Windows DNS debug and Zeek
 * logs): how the tab matched, the events as one flowing text with the matches marked in place, the sightings
 * badges counted, not counted beyond the administrator's limit (never 0), and the CIM data model mode.
 */
import type { Page } from 'playwright-core';
import { splunkdAsAdmin } from '@passivetotal/devserver/testing';
import { testIds } from '../src/selectors';
import { byTestId, screenshot, watchErrors, type StandIn } from './browser';
import { useBrowserTests } from './fixture';

const DOMAIN = 'login-secure-update.example';
const IP = '203.0.113.77';

/** Saves search settings through the app's endpoint, as the setup page does (basic auth on splunkd). */
async function saveSearchSettings(server: StandIn, form: Record<string, string>): Promise<void> {
    const response = await splunkdAsAdmin(server, 'POST', '/servicesNS/nobody/passivetotal/passivetotal/setup', form);
    if (response.status !== 200) throw new Error(`setup answered ${String(response.status)}: ${await response.text()}`);
}

async function investigate(page: Page, server: StandIn, value: string): Promise<void> {
    await page.goto(`${server.url}?indicator=${encodeURIComponent(value)}`);
    await page.locator(`${byTestId(testIds.investigation)}[data-settled="true"]`).waitFor({ timeout: 60_000 });
}

async function hitsCount(page: Page): Promise<number> {
    const badge = page.locator(`${byTestId(testIds.internalHitsCount)}[data-count]`);
    await badge.waitFor();
    return Number(await badge.getAttribute('data-count'));
}

describe('internal hits in Chromium', () => {
    const e2e = useBrowserTests();

    it('shows how it matched and every event as one flowing text with the address marked in place', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await investigate(page, e2e.server, IP);
        const total = await hitsCount(page);
        expect(total).toBeGreaterThan(10);
        await page.locator(byTestId(testIds.tabInternal)).click();
        const rule = page.locator(`${byTestId(testIds.internalHitsRule)}:visible`);
        await expect(rule.textContent()).resolves.toBe(
            'Matched as: Whole address, also ::ffff:-mapped; any log format, raw events; last 7 days.'
        );
        await expect(rule.getAttribute('data-mode')).resolves.toBe('raw');
        const events = page.locator(`${byTestId(testIds.localEvent)}:visible`);
        await events.first().waitFor();
        const count = await events.count();
        expect(count).toBe(Math.min(total, 25));
        // Every listed event has the address marked, inside the event's one text block.
        for (let i = 0; i < count; i += 1) {
            const event = events.nth(i);
            const marks = await event.locator('mark').allTextContents();
            expect(marks.length).toBeGreaterThan(0);
            expect(new Set(marks)).toEqual(new Set([IP]));
        }
        const layout = await events.first().evaluate((item) => {
            const mark = item.querySelector('mark');
            const text = mark?.parentElement;
            if (!mark || !text) return undefined;
            const style = getComputedStyle(text);
            // The raw text and its marks are one inline flow: the mark's parent holds the whole event text.
            return { whiteSpace: style.whiteSpace, display: getComputedStyle(mark).display, text: text.textContent };
        });
        expect(layout?.whiteSpace).toBe('pre-wrap');
        expect(layout?.display).toBe('inline');
        expect(layout?.text).toContain(IP);
        // Key=value lines are found: the thorough mode's reason to exist.
        const raws = await events.allTextContents();
        expect(raws.some((r) => new RegExp(`[a-z_]+=${IP.replace(/\./g, '\\.')}`).test(r))).toBe(true);
        await screenshot(page, 'internal-hits-01-events');
        expect(errors).toEqual([]);
    });

    it('counts related values up to the limit and says "not counted", never 0, for the rest', async () => {
        await saveSearchSettings(e2e.server, { max_sighting_candidates: '2' });
        const page = await e2e.newPage();
        try {
            await investigate(page, e2e.server, DOMAIN);
            await page.locator(byTestId(testIds.tabResolutions)).click();
            const badges = page.locator(`${byTestId(testIds.internalSightings)}:visible`);
            await badges.first().waitFor();
            const states = await badges.evaluateAll((list) =>
                list.map((b) => ({
                    state: b.getAttribute('data-state'),
                    count: b.getAttribute('data-count'),
                    title: b.getAttribute('title'),
                    text: b.textContent,
                }))
            );
            const counted = states.filter((s) => s.state === 'counted');
            const notCounted = states.filter((s) => s.state === 'not-counted');
            expect(counted.length).toBeGreaterThan(0);
            expect(notCounted.length).toBeGreaterThan(0);
            for (const s of notCounted) {
                expect(s.count).toBeNull();
                expect(s.text).toBe('not counted');
                expect(s.title).toMatch(/^not counted: \d+ related values, and the limit of one search is 2 /);
            }
            expect(states.every((s) => s.state === 'counted' || s.state === 'not-counted')).toBe(true);
            await screenshot(page, 'internal-hits-02-not-counted');
        } finally {
            await saveSearchSettings(e2e.server, { max_sighting_candidates: '5000' });
        }
    });

    it('in CIM mode searches the data models and lists the matching rows', async () => {
        await saveSearchSettings(e2e.server, { search_mode: 'cim' });
        const page = await e2e.newPage();
        try {
            const errors = watchErrors(page);
            await investigate(page, e2e.server, IP);
            expect(await hitsCount(page)).toBeGreaterThan(0);
            await page.locator(byTestId(testIds.tabInternal)).click();
            const rule = page.locator(`${byTestId(testIds.internalHitsRule)}:visible`);
            await expect(rule.getAttribute('data-mode')).resolves.toBe('cim');
            await expect(rule.textContent()).resolves.toContain('CIM data model fields (tstats)');
            const rows = page.getByRole('region', { name: 'Matching data model rows' });
            await rows.locator('mark', { hasText: IP }).first().waitFor();
            await screenshot(page, 'internal-hits-03-cim');
            await investigate(page, e2e.server, DOMAIN);
            await page.locator(byTestId(testIds.tabResolutions)).click();
            const ipBadge = page
                .locator(`${byTestId(testIds.internalSightings)}[data-indicator="${IP}"][data-state="counted"]:visible`)
                .first();
            await ipBadge.waitFor();
            expect(Number(await ipBadge.getAttribute('data-count'))).toBeGreaterThan(0);
            expect(errors).toEqual([]);
        } finally {
            await saveSearchSettings(e2e.server, { search_mode: 'raw' });
        }
    });
});
