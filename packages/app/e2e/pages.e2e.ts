import { testIds } from '../src/selectors';
import { byTestId, screenshot, watchErrors } from './browser';
import { useBrowserTests } from './fixture';

describe('the app pages in Chromium on the stand-in', () => {
    const e2e = useBrowserTests();

    it('renders the investigate page and keeps the indicator in the URL', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await page.goto(e2e.server.url);
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
    });

    it('renders the setup page', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await page.goto(e2e.server.url.replace(/investigate$/, 'setup'));
        await page.locator(byTestId(testIds.pageTitle)).waitFor();
        expect(await page.locator('h1').textContent()).toBe('PassiveTotal for Splunk setup');
        await screenshot(page, 'foundation-setup');
        expect(errors).toEqual([]);
    });

    it('opens the default view from the app root, as Splunk Web does', async () => {
        const page = await e2e.newPage();
        await page.goto(e2e.server.url.replace(/investigate$/, ''));
        await page.waitForURL(/\/app\/passivetotal\/investigate$/);
    });
});

describe("the user's Splunk theme", () => {
    const e2e = useBrowserTests({ theme: 'dark' });

    it('renders the page dark for a user with the dark theme', async () => {
        const page = await e2e.newPage();
        await page.goto(e2e.server.url);
        await page.locator(byTestId(testIds.pageTitle)).waitFor();
        const color = await page.locator('h1').evaluate((el) => getComputedStyle(el).color);
        const [r = 0, g = 0, b = 0] = (color.match(/\d+/g) ?? []).map(Number);
        // Light text on the dark theme's background.
        expect((r + g + b) / 3).toBeGreaterThan(150);
        await screenshot(page, 'foundation-investigate-dark');
    });
});
