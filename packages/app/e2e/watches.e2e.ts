/**
 * Watching indicators in the browser: an analyst watches the demo domain from its investigation with a note and an
 * end date, finds it on the Watches page and ends it there as its owner; an app admin sees it and may end it, the
 * analyst sees the admin's watch and may not; a user without the app's role is told why there are none. The
 * stand-in's scheduler is held, so no scheduled check changes the watches under the test.
 */
import type { Browser, Page } from 'playwright-core';
import { byTestId, screenshot, watchErrors, type StandIn } from './browser';
import { useBrowserTests } from './fixture';
import { testIds, watchTestIds } from '../src/selectors';

const INVESTIGATE_PATH = '/en-US/app/passivetotal/investigate';
const WATCHES_PATH = '/en-US/app/passivetotal/watches';
const DOMAIN = 'login-secure-update.example';
const IOC_IP = '203.0.113.77';
const NOTE = 'Phishing kit of the TI report: tell the SOC when it moves';

jest.setTimeout(180_000);

async function signIn(browser: Browser, server: StandIn, user: 'admin' | 'analyst' | 'guest', path: string) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.webUrl}/en-US/account/login?return_to=${encodeURIComponent(path)}`);
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill('changeme');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.waitForURL((url) => url.pathname === path.split('?')[0]);
    return { page, errors };
}

function row(page: Page, indicator: string, owner: string) {
    return page.locator(
        `${byTestId(watchTestIds.watchListItem)}[data-indicator="${indicator}"][data-owner="${owner}"]`
    );
}

describe('watching indicators', () => {
    const e2e = useBrowserTests({ login: true, noScheduler: true });

    it('an analyst watches the demo domain with a note and an end date, and sees it on the Watches page', async () => {
        const { page, errors } = await signIn(
            e2e.browser,
            e2e.server,
            'analyst',
            `${INVESTIGATE_PATH}?indicator=${encodeURIComponent('login-secure-update[.]example')}`
        );
        await page
            .locator(`${byTestId(testIds.investigation)}[data-indicator="${DOMAIN}"][data-settled="true"]`)
            .waitFor({ timeout: 60_000 });
        const control = page.locator(`${byTestId(watchTestIds.watchControl)}[data-indicator="${DOMAIN}"]`);
        await control.locator(byTestId(watchTestIds.watchOpen)).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('switch', { name: 'Include related infrastructure' }).click();
        await dialog.getByRole('textbox', { name: 'Note' }).fill(NOTE);
        const end = dialog.getByRole('combobox', { name: 'End date' });
        await end.fill('1/31/2099');
        await end.press('Enter');
        await screenshot(page, 'watches-01-watch-form');
        await dialog.locator(byTestId(watchTestIds.watchSubmit)).click();

        const since = control.locator(byTestId(watchTestIds.watchSince));
        await since.waitFor();
        expect(await since.textContent()).toMatch(
            /^Watching since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, until 2099-01-31$/
        );
        expect(await control.getAttribute('data-watching')).toBe('true');
        await screenshot(page, 'watches-02-watching');

        await control.locator(byTestId(watchTestIds.watchesLink)).click();
        await page.waitForURL((url) => url.pathname === WATCHES_PATH);
        const mine = row(page, DOMAIN, 'analyst');
        await mine.waitFor();
        expect(await mine.getAttribute('data-active')).toBe('true');
        expect(await mine.textContent()).toContain(NOTE);
        expect(await mine.textContent()).toContain('Until 2099-01-31');
        expect(await mine.textContent()).toContain('with related infrastructure');
        await screenshot(page, 'watches-03-list-analyst');
        expect(errors).toEqual([]);
        await page.context().close();
    });

    it('an app admin sees the analyst’s watch and may end it; the analyst may not end the admin’s', async () => {
        const admin = await signIn(e2e.browser, e2e.server, 'admin', `${INVESTIGATE_PATH}?indicator=${IOC_IP}`);
        const control = admin.page.locator(`${byTestId(watchTestIds.watchControl)}[data-indicator="${IOC_IP}"]`);
        await control.locator(byTestId(watchTestIds.watchOpen)).click();
        const dialog = admin.page.getByRole('dialog');
        await dialog.getByRole('textbox', { name: 'Note' }).fill('Contacted from the proxy: watch its neighbours');
        await dialog.locator(byTestId(watchTestIds.watchSubmit)).click();
        await control.locator(byTestId(watchTestIds.watchSince)).waitFor();

        await admin.page.goto(`${e2e.server.webUrl}${WATCHES_PATH}`);
        const analysts = row(admin.page, DOMAIN, 'analyst');
        // An app admin may end anyone's watch.
        await analysts.locator(byTestId(watchTestIds.watchEnd)).waitFor();
        await screenshot(admin.page, 'watches-04-list-admin');
        expect(admin.errors).toEqual([]);
        await admin.page.context().close();

        const analyst = await signIn(e2e.browser, e2e.server, 'analyst', WATCHES_PATH);
        const admins = row(analyst.page, IOC_IP, 'admin');
        await admins.waitFor();
        // Once the analyst's own watch offers its actions (the user is known), the admin's offers none.
        const mine = row(analyst.page, DOMAIN, 'analyst');
        await mine.locator(byTestId(watchTestIds.watchEnd)).waitFor();
        expect(await admins.locator(byTestId(watchTestIds.watchEnd)).count()).toBe(0);
        expect(await admins.locator(byTestId(watchTestIds.watchEditNote)).count()).toBe(0);

        // The analyst ends their own watch: it stays listed, ended.
        await mine.locator(byTestId(watchTestIds.watchEnd)).click();
        await analyst.page
            .locator(`${byTestId(watchTestIds.watchListItem)}[data-indicator="${DOMAIN}"][data-active="false"]`)
            .waitFor();
        expect(await mine.textContent()).toMatch(/Ended \d{4}-\d{2}-\d{2}/);
        await screenshot(analyst.page, 'watches-05-ended-by-owner');

        // Back on the investigation, the domain is no longer watched.
        await analyst.page.goto(`${e2e.server.webUrl}${INVESTIGATE_PATH}?indicator=${DOMAIN}`);
        const control2 = analyst.page.locator(`${byTestId(watchTestIds.watchControl)}[data-indicator="${DOMAIN}"]`);
        await control2.locator(byTestId(watchTestIds.watchOpen)).waitFor();
        expect(await control2.getAttribute('data-watching')).toBe('false');
        expect(analyst.errors).toEqual([]);
        await analyst.page.context().close();
    });

    it('a user without the app’s role is told why there are no watches', async () => {
        const { page } = await signIn(e2e.browser, e2e.server, 'guest', WATCHES_PATH);
        const message = page.locator(byTestId(watchTestIds.watchMessage));
        await message.waitFor();
        expect(await message.getAttribute('data-code')).toBe('forbidden');
        expect(await message.textContent()).toContain('passivetotal_user or passivetotal_admin');
        await screenshot(page, 'watches-06-guest');
        await page.context().close();
    });
});
