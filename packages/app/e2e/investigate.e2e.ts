/**
 * The demo story of packages/devserver/demo/README.md, walked in Chromium on the stand-in, and the error cases of
 * the replay server. A screenshot of every step lands in test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { DEMO_PT_ERROR_FIXTURES_DIR } from '@passivetotal/devserver/demo';
import { testIds } from '../src/selectors';
import { byTestId, screenshot, watchErrors } from './browser';
import { useBrowserTests } from './fixture';

const DOMAIN = 'login-secure-update.example';
const IP = '203.0.113.77';
const EMAIL = 'j.harlow.registrant@freemail.test';
const CERT = '05005010a96416bdbb9af136b1fe34b5a1496b8a';

/** The visible pivot link of a value (hidden tab panels keep theirs). */
const pivot = (page: Page, value: string) =>
    page.locator(`${byTestId(testIds.pivotLink)}[data-indicator="${value}"]:visible`).first();

async function openTab(page: Page, id: string): Promise<void> {
    await page.locator(byTestId(id)).click();
}

async function hitsCount(page: Page): Promise<number> {
    const badge = page.locator(`${byTestId(testIds.internalHitsCount)}[data-count]`);
    await badge.waitFor();
    return Number(await badge.getAttribute('data-count'));
}

async function waitForIndicator(page: Page, value: string): Promise<void> {
    await page.waitForURL((url) => new URL(url).searchParams.get('indicator') === value);
    await page.locator('header h2', { hasText: value }).waitFor();
}

describe('the demo investigation in Chromium', () => {
    const e2e = useBrowserTests();

    it('walks the phishing story: domain, resolving IP with internal hits, back from the cache, WHOIS email, certificate', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        const ptCalls: string[] = [];
        page.on('request', (request) => {
            // Single calls, and the calls the page batches (`batch?r=pt/...&r=open/...`).
            const url = new URL(request.url());
            if (url.pathname.includes('/passivetotal/passivetotal/pt/')) ptCalls.push(request.url());
            if (url.pathname.endsWith('/passivetotal/passivetotal/batch')) {
                for (const call of url.searchParams.getAll('r')) if (call.startsWith('pt/')) ptCalls.push(`/${call}`);
            }
        });
        await page.goto(e2e.server.url);
        await page.locator(byTestId(testIds.pageTitle)).waitFor();
        await screenshot(page, 'investigate-01-landing');

        // 1. The domain, defanged: PassiveTotal knows it; no local event mentions it.
        await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill('login-secure-update[.]example');
        const normalized = page.locator(byTestId(testIds.indicatorNormalized));
        await expect(normalized.getAttribute('data-value')).resolves.toBe(DOMAIN);
        await expect(normalized.getAttribute('data-type')).resolves.toBe('domain');
        await page.locator(byTestId(testIds.indicatorSubmit)).click();
        await waitForIndicator(page, DOMAIN);
        expect(await hitsCount(page)).toBe(0);
        await page.getByText('Malicious', { exact: true }).waitFor();
        await screenshot(page, 'investigate-02-domain');

        // 2. Its resolutions: the current IP is marked with internal sightings by the one batched search.
        await openTab(page, testIds.tabResolutions);
        const ipSightings = page
            .locator(`${byTestId(testIds.internalSightings)}[data-indicator="${IP}"][data-count]:visible`)
            .first();
        await ipSightings.waitFor();
        expect(Number(await ipSightings.getAttribute('data-count'))).toBeGreaterThan(0);
        await screenshot(page, 'investigate-03-resolutions-sightings');
        const callsForDomain = ptCalls.length;
        expect(callsForDomain).toBeGreaterThan(0);

        // 3. Pivot to the IP: its own internal hits.
        await pivot(page, IP).click();
        await waitForIndicator(page, IP);
        expect(await hitsCount(page)).toBeGreaterThan(0);
        await openTab(page, testIds.tabInternal);
        await page.getByRole('heading', { name: 'By index and sourcetype' }).waitFor();
        await screenshot(page, 'investigate-04-ip-internal-hits');

        // 4. Browser back: the domain again, from the session cache (no new PassiveTotal request).
        const callsBeforeBack = ptCalls.length;
        await page.goBack();
        await waitForIndicator(page, DOMAIN);
        expect(await hitsCount(page)).toBe(0);
        await openTab(page, testIds.tabResolutions);
        await ipSightings.waitFor();
        expect(ptCalls.length).toBe(callsBeforeBack);
        await screenshot(page, 'investigate-05-back-to-domain');

        // The domain's certificates, found by name: the story certificate names the domain in a SAN.
        await openTab(page, testIds.tabCertificates);
        await pivot(page, CERT).waitFor();
        expect(ptCalls.filter((u) => u.includes('/pt/ssl-certificate/search?field=name&'))).toHaveLength(1);

        // 5. WHOIS: pivot by the registrant email into the WHOIS search; the campaign's domains come back.
        await openTab(page, testIds.tabWhois);
        await pivot(page, EMAIL).click();
        await waitForIndicator(page, EMAIL);
        await openTab(page, testIds.tabWhois);
        await pivot(page, 'docs-share-portal.example').waitFor();
        await expect(pivot(page, 'secure-payroll-update.test').isVisible()).resolves.toBe(true);
        await screenshot(page, 'investigate-06-whois-email');

        // 6. A certificate: from the IP's certificate history to the certificate and the hosts it was seen on.
        await page.goBack();
        await waitForIndicator(page, DOMAIN);
        await openTab(page, testIds.tabResolutions);
        await pivot(page, IP).click();
        await waitForIndicator(page, IP);
        await openTab(page, testIds.tabCertificates);
        await pivot(page, CERT).click();
        await waitForIndicator(page, CERT);
        await openTab(page, testIds.tabCertificates);
        await pivot(page, IP).waitFor();
        await screenshot(page, 'investigate-07-certificate');

        // The trail leads back to any step.
        await openTab(page, testIds.tabSummary);
        await page.getByRole('navigation', { name: 'Investigation trail' }).getByRole('link', { name: DOMAIN }).click();
        await waitForIndicator(page, DOMAIN);
        await screenshot(page, 'investigate-08-trail-back');
        expect(errors).toEqual([]);
    });

    it('lists the investigation for the team on the landing page', async () => {
        const page = await e2e.newPage({ width: 1400, height: 900 });
        await page.goto(e2e.server.url);
        await page.getByRole('heading', { name: 'Recent investigations by your team' }).waitFor();
        await pivot(page, DOMAIN).waitFor();
        await pivot(page, IP).waitFor();
        await screenshot(page, 'investigate-09-recent');
    });
});

describe('PassiveTotal errors in Chromium', () => {
    const e2e = useBrowserTests({ ptFixtures: DEMO_PT_ERROR_FIXTURES_DIR });

    it.each([
        ['quota-exceeded.example', 'The PassiveTotal query quota is used up (HTTP 429)'],
        ['invalid-credentials.example', 'PassiveTotal refused the username or API key (HTTP 401)'],
    ])('%s: the message shows in every intelligence tab while Internal hits still works', async (domain, words) => {
        const page = await e2e.newPage({ width: 1400, height: 900 });
        await page.goto(`${e2e.server.url}?indicator=${domain}`);
        await waitForIndicator(page, domain);
        expect(await hitsCount(page)).toBe(0);
        const texts: string[] = [];
        for (const tab of [testIds.tabSummary, testIds.tabResolutions, testIds.tabWhois, testIds.tabHostAttributes]) {
            await openTab(page, tab);
            const error = page.locator(`${byTestId(testIds.panelError)}:visible`).first();
            await error.waitFor();
            texts.push((await error.textContent()) ?? '');
            if (tab === testIds.tabResolutions)
                await screenshot(page, `investigate-errors-${domain.split('.')[0] ?? domain}-tab`);
        }
        expect(texts).toHaveLength(4);
        for (const text of texts) expect(text).toContain(words);
        await openTab(page, testIds.tabInternal);
        await expect(page.locator(`${byTestId(testIds.panelError)}:visible`).count()).resolves.toBe(0);
        await page.getByText(`No local events mention ${domain}`).waitFor();
        await screenshot(page, `investigate-errors-${domain.split('.')[0] ?? domain}`);
    });
});
