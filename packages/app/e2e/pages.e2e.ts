import type { Browser } from 'playwright-core';
import { testIds } from '../src/selectors';
import { launchBrowser, screenshot, startStandIn, watchErrors, type StandIn } from './browser';

const byTestId = (id: string) => `[data-test="${id}"]`;

describe('the app pages in Chromium on the stand-in', () => {
    let browser: Browser;
    let server: StandIn;

    beforeAll(async () => {
        browser = await launchBrowser();
        server = await startStandIn();
    });

    afterAll(async () => {
        await browser.close();
        await server.close();
    });

    it('renders the investigate page and keeps the indicator in the URL', async () => {
        const page = await browser.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url);
        await page.locator(byTestId(testIds.pageTitle)).waitFor();
        expect(await page.title()).toBe('Investigate | PassiveTotal for Splunk');
        expect(await page.locator('h1').textContent()).toBe('Investigate');

        await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill('evil[.]example');
        await page.locator(byTestId(testIds.indicatorSubmit)).click();
        // The URL carries the normalised indicator, so every way of writing it shares one link and one cache entry.
        await page.waitForURL(/indicator=evil\.example/);
        await screenshot(page, 'foundation-investigate');

        await page.reload();
        await expect(page.locator(`${byTestId(testIds.indicatorInput)} input`).inputValue()).resolves.toBe(
            'evil.example'
        );
        expect(errors).toEqual([]);
        await page.close();
    });

    it('renders the setup page', async () => {
        const page = await browser.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url.replace(/investigate$/, 'setup'));
        await page.locator(byTestId(testIds.pageTitle)).waitFor();
        expect(await page.locator('h1').textContent()).toBe('PassiveTotal for Splunk setup');
        await screenshot(page, 'foundation-setup');
        expect(errors).toEqual([]);
        await page.close();
    });

    it('opens the default view from the app root, as Splunk Web does', async () => {
        const page = await browser.newPage();
        await page.goto(server.url.replace(/investigate$/, ''));
        await page.waitForURL(/\/app\/passivetotal\/investigate$/);
        await page.close();
    });
});

describe("the user's Splunk theme", () => {
    it('renders the page dark for a user with the dark theme', async () => {
        const browser = await launchBrowser();
        const server = await startStandIn({ theme: 'dark' });
        try {
            const page = await browser.newPage();
            await page.goto(server.url);
            await page.locator(byTestId(testIds.pageTitle)).waitFor();
            const color = await page.locator('h1').evaluate((el) => getComputedStyle(el).color);
            const [r = 0, g = 0, b = 0] = (color.match(/\d+/g) ?? []).map(Number);
            // Light text on the dark theme's background.
            expect((r + g + b) / 3).toBeGreaterThan(150);
            await screenshot(page, 'foundation-investigate-dark');
        } finally {
            await browser.close();
            await server.close();
        }
    });
});
