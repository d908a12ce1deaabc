/**
 * Links from upstream data (OSINT and malware source URLs, URLhaus and ThreatFox references) in Chromium, with
 * hostile values replayed from packages/devserver/demo/pt-fixtures-errors/hostile-links.example: only web
 * addresses become links; `javascript:`, `data:` and `vbscript:` addresses are shown as text and never run.
 */
import { DEMO_PT_ERROR_FIXTURES_DIR } from '@passivetotal/devserver/demo';
import { testIds } from '../src/selectors';
import { byTestId, screenshot } from './browser';
import { useBrowserTests } from './fixture';

const HOSTILE = 'hostile-links.example';

describe('links from upstream data in Chromium', () => {
    const e2e = useBrowserTests({ ptFixtures: DEMO_PT_ERROR_FIXTURES_DIR });

    it('links only web addresses and shows hostile ones as text', async () => {
        const page = await e2e.newPage();
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
            dialogs.push(dialog.message());
            void dialog.dismiss();
        });
        await page.goto(`${e2e.server.url}?indicator=${HOSTILE}`);
        await page.locator(`${byTestId(testIds.investigation)}[data-settled="true"]`).waitFor({ timeout: 60_000 });
        await page.locator(byTestId(testIds.tabSummary)).click();
        const panel = page.getByRole('tabpanel');
        await panel.getByText('Hostile script link').waitFor();

        // Every href on the page is the app's own (relative, or Splunk Web's) or a web address.
        const hrefs = await page
            .locator('[href]')
            .evaluateAll((elements) => elements.map((e) => e.getAttribute('href') ?? ''));
        expect(hrefs.filter((h) => /^\s*(?:javascript|data|vbscript):/i.test(h))).toEqual([]);
        expect(hrefs).toContain('https://intel.example/reports/hostile-links');

        // The hostile ones are text, with the address in the title, and clicking them does nothing.
        for (const name of ['Hostile script link', 'Hostile data link', 'Hostile mixed-case link', 'Hostile sandbox']) {
            const cell = panel.getByText(name, { exact: true });
            await expect(cell.evaluate((e) => e.closest('a'))).resolves.toBeNull();
            await expect(cell.getAttribute('title')).resolves.toMatch(/^not a web address: /);
            await cell.click();
        }
        // The reputation references of URLhaus and ThreatFox: text, not links.
        const references = panel.getByText(/^(URLhaus|ThreatFox) page$/);
        await references.first().waitFor();
        for (const reference of await references.all()) {
            await expect(reference.evaluate((e) => e.closest('a'))).resolves.toBeNull();
        }
        await screenshot(page, 'hostile-links-01-summary');
        expect(dialogs).toEqual([]);
        expect(page.url()).toContain(`indicator=${HOSTILE}`);
    });
});
