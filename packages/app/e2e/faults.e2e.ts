/**
 * The upstream failing, slow and answering garbage in the middle of a session, in Chromium: no tab
 * hangs, every tab settles with an answer or a message within the endpoint's time budget, and a tab that failed
 * never blanks the others. The stand-in runs in-process so the test can change the replay server's behaviour.
 */
import type { Page } from 'playwright-core';
import { OPEN_PROVIDER_IDS } from '@passivetotal/core';
import { startDevserver } from '@passivetotal/devserver';
import { devserverOptions, splunkdAsAdmin } from '@passivetotal/devserver/testing';
import { testIds } from '../src/selectors';
import { byTestId, screenshot, STAGE } from './browser';
import { useBrowserTests } from './fixture';

async function investigate(page: Page, value: string, withinMs: number): Promise<number> {
    const started = Date.now();
    await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill(value);
    await page.locator(byTestId(testIds.indicatorSubmit)).click();
    await page
        .locator(`${byTestId(testIds.investigation)}[data-indicator="${value}"][data-settled="true"]`)
        .waitFor({ timeout: withinMs });
    return Date.now() - started;
}

/** The text of every visible panel error. */
function visibleErrors(page: Page): Promise<string[]> {
    return page.locator(`${byTestId(testIds.panelError)}:visible`).allTextContents();
}

describe('faults mid-session in the browser', () => {
    const e2e = useBrowserTests(() => startDevserver(devserverOptions({ user: 'analyst', stage: STAGE })));
    let page: Page;

    beforeAll(async () => {
        // The administrator's short budgets: one attempt, two seconds for the whole call, for every source.
        const configure = async (stanza: string, form: Record<string, string>) => {
            const path = `/servicesNS/nobody/passivetotal/configs/conf-passivetotal/${stanza}`;
            const response = await splunkdAsAdmin(e2e.server, 'POST', path, form);
            expect(response.status).toBeLessThan(300);
        };
        await configure('api', { timeout_seconds: '1', deadline_seconds: '2', retries: '0' });
        for (const id of OPEN_PROVIDER_IDS) await configure(`provider:${id}`, { timeout_seconds: '1' });
        page = await e2e.newPage();
        await page.goto(e2e.server.url);
    });

    jest.setTimeout(120_000);

    it('settles every tab with a message when the upstream turns slow, then garbage, then recovers', async () => {
        // A normal investigation first.
        await investigate(page, 'login-secure-update.example', 30_000);
        expect(await visibleErrors(page)).toEqual([]);

        // Every upstream call now takes 10 s: the endpoint gives up after its 2 s budget, the page says so.
        e2e.server.replay?.setFault({ delayMs: 10_000 });
        const slowMs = await investigate(page, 'docs-share-portal.example', 15_000);
        expect(slowMs).toBeLessThan(10_000);
        await screenshot(page, 'faults-01-upstream-slow');
        const summary = await visibleErrors(page);
        expect(summary.join(' ')).toMatch(/did not answer|timed out|time/i);

        // Garbage: each tab says the answer could not be read; the internal hits (local data) are still there.
        e2e.server.replay?.setFault({ garbage: true });
        await investigate(page, 'account-verify-portal.example', 15_000);
        await screenshot(page, 'faults-02-upstream-garbage');
        expect((await visibleErrors(page)).join(' ')).toMatch(/could not be read|not valid|malformed|invalid/i);
        await page.locator(byTestId(testIds.tabInternal)).click();
        await page.locator(`${byTestId(testIds.internalHitsCount)}[data-count]`).waitFor();

        // The upstream is back: the next investigation is whole.
        e2e.server.replay?.setFault(null);
        await investigate(page, '203.0.113.77', 30_000);
        await page.locator(byTestId(testIds.tabSummary)).click();
        expect(await visibleErrors(page)).toEqual([]);
    });
});
