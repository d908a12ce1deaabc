/**
 * Setup, permissions and the upgrade from 1.0.4 in Chromium on the stand-in: an administrator configures the app
 * from scratch and tests the connection (each failure kind with its exact text), an analyst cannot open or save
 * the setup but can investigate, and the API key never reaches the browser.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { splunkdAsAdmin } from '@passivetotal/devserver/testing';
import { setupTestIds, testIds } from '../src/selectors';
import { byTestId, screenshot } from './browser';
import { useBrowserTests, type BrowserTests } from './fixture';

const BAD_KEY = 'wrong-key-5f1e2d3c4b5a69788796';
const GOOD_KEY = 'demo-e2e-key-0a1b2c3d4e5f60718293';
const LEGACY_KEY = 'demo-legacy-key-9f8e7d6c5b4a3f2e1d0c';
const ENDPOINT = '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal';
const SETUP_PATH = '/en-US/app/passivetotal/setup';

/**
 * A browser context of the file's Chromium signed in on its stand-in through Splunk Web's login form, on the setup
 * page, recording every response body it receives.
 */
async function signIn({ browser, server }: BrowserTests, user: 'admin' | 'analyst') {
    const context = await browser.newContext();
    const bodies = recordBodies(context);
    const page = await context.newPage();
    await page.goto(`${server.webUrl}/en-US/account/login?return_to=${encodeURIComponent(SETUP_PATH)}`);
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill('changeme');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.waitForURL((url) => url.pathname === SETUP_PATH);
    return { context, page, bodies };
}

function recordBodies(context: BrowserContext): { texts: () => Promise<string[]> } {
    const pending: Promise<string>[] = [];
    context.on('response', (response) => {
        pending.push(response.text().catch(() => ''));
    });
    return { texts: () => Promise.all(pending) };
}

/** A request from the page, with the session's CSRF header, as the app's pages send them. */
function fromPage(page: Page, method: string, path: string, form?: Record<string, string>) {
    return page.evaluate(
        async ({ method, path, form }) => {
            // No object spread here: this function runs in the page as it is compiled, without babel's helpers.
            const csrf = /splunkweb_csrf_token_\d+=([^;]+)/.exec(document.cookie);
            const init: RequestInit = {
                method,
                credentials: 'include',
                headers: {
                    'X-Splunk-Form-Key': csrf?.[1] ?? '',
                    'X-Requested-With': 'XMLHttpRequest',
                    'Content-Type': 'application/x-www-form-urlencoded',
                },
            };
            if (form) init.body = new URLSearchParams(form).toString();
            const response = await fetch(path, init);
            return { status: response.status, body: (await response.json()) as Record<string, unknown> };
        },
        { method, path, form }
    );
}

function messageCode(body: Record<string, unknown>): unknown {
    const messages = body.messages as { code?: string }[] | undefined;
    return messages?.[0]?.code;
}

async function testConnection(page: Page) {
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.locator(byTestId(setupTestIds.connectionResult));
    await result.waitFor();
    return result;
}

async function saveCredential(page: Page, username: string, key: string) {
    const replace = page.getByRole('button', { name: 'Replace' });
    if (await replace.isVisible()) await replace.click();
    const usernameField = page.getByRole('textbox', { name: 'PassiveTotal username' });
    await usernameField.fill(username);
    const keyField = page.getByLabel('PassiveTotal API key', { exact: true });
    expect(await keyField.getAttribute('type')).toBe('password');
    expect(await keyField.inputValue()).toBe('');
    await keyField.fill(key);
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await page.getByText('The PassiveTotal API key is saved.').waitFor();
}

describe('setup and permissions on a freshly installed app', () => {
    const e2e = useBrowserTests({ unconfigured: true, login: true });

    it('lets the administrator configure the app and test the connection', async () => {
        const { context, page, bodies } = await signIn(e2e, 'admin');
        const status = page.locator(byTestId(setupTestIds.credentialStatus));
        await status.waitFor();
        expect(await status.getAttribute('data-configured')).toBe('false');

        // Failure kind 1: nothing configured yet.
        let result = await testConnection(page);
        expect(await result.getAttribute('data-code')).toBe('not_configured');
        expect(await result.textContent()).toContain(
            "PassiveTotal is not configured: an administrator has to enter the PassiveTotal username and API key on the app's setup page."
        );

        // The upstream: the stand-in's replay server (plain http is accepted for a loopback host only).
        await page.getByRole('textbox', { name: 'Base URL' }).fill(e2e.server.ptBaseUrl);
        await page.getByRole('textbox', { name: 'Indexes' }).fill('proxy, dns');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page.getByText('The settings are saved.').waitFor();

        // Failure kind 2: PassiveTotal refuses the key.
        await saveCredential(page, 'soc@northwind.example', BAD_KEY);
        result = await testConnection(page);
        expect(await result.getAttribute('data-code')).toBe('bad_credentials');
        await result
            .getByText(
                "PassiveTotal refused the username or API key (HTTP 401). An administrator can enter valid credentials on the app's setup page.",
                { exact: true }
            )
            .waitFor();

        await saveCredential(page, 'soc@northwind.example', GOOD_KEY);
        expect(await status.textContent()).toContain('API key: set for soc@northwind.example.');
        result = await testConnection(page);
        expect(await result.getAttribute('data-ok')).toBe('true');
        const words = await result.textContent();
        expect(words).toContain(
            'PassiveTotal accepted the credentials of analyst@northwind.example (Demo Analyst, organization northwind-demo).'
        );
        expect(words).toContain('Your quota: 137 of 10,000 API searches used this month, 9,863 left');
        await screenshot(page, 'setup-admin-configured');

        // A reload shows the saved state, never the key.
        await page.reload();
        await status.waitFor();
        expect(await status.getAttribute('data-configured')).toBe('true');
        expect(await page.getByRole('textbox', { name: 'Base URL' }).inputValue()).toBe(e2e.server.ptBaseUrl);
        expect(await page.getByRole('textbox', { name: 'Indexes' }).inputValue()).toBe('proxy, dns');

        for (const text of await bodies.texts()) {
            expect(text).not.toContain(GOOD_KEY);
            expect(text).not.toContain(BAD_KEY);
        }
        await context.close();
    });

    it('lets the analyst investigate but not open or save the setup', async () => {
        const { context, page, bodies } = await signIn(e2e, 'analyst');
        const note = page.locator(byTestId(setupTestIds.forbidden));
        await note.waitFor();
        expect(await note.textContent()).toContain(
            'Your Splunk account (analyst) does not have the capability passivetotal_admin.'
        );
        expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
        await screenshot(page, 'setup-analyst-forbidden');

        // The endpoint refuses the analyst's saves whatever the page shows.
        for (const [method, route, form] of [
            ['GET', 'setup', undefined],
            ['POST', 'setup', { retries: '0' }],
            ['POST', 'credentials', { username: 'x@example.com', api_key: 'demo-x-123456789' }],
            ['DELETE', 'credentials', undefined],
        ] as const) {
            const answer = await fromPage(page, method, `${ENDPOINT}/${route}?output_mode=json`, form);
            expect([method, route, answer.status, messageCode(answer.body)]).toEqual([method, route, 403, 'forbidden']);
        }

        // The analyst runs an investigation: the page opens with the indicator, and the proxied PassiveTotal call
        // the page makes succeeds for the analyst.
        await page.goto(
            `${e2e.server.webUrl}/en-US/app/passivetotal/investigate?indicator=account-verify-portal.example`
        );
        const input = page.locator(`${byTestId(testIds.indicatorInput)} input`);
        await input.waitFor();
        expect(await input.inputValue()).toBe('account-verify-portal.example');
        const dns = await fromPage(
            page,
            'GET',
            `${ENDPOINT}/pt/dns/passive?query=account-verify-portal.example&output_mode=json`
        );
        expect(dns.status).toBe(200);
        expect(dns.body).toMatchObject({ provider: 'passivetotal', dataset: 'dns', endpoint: 'dns/passive' });
        const status = await fromPage(page, 'GET', `${ENDPOINT}/status?output_mode=json`);
        expect(status.body).toMatchObject({ configured: true, capabilities: { query: true, admin: false } });

        for (const text of await bodies.texts()) expect(text).not.toContain(GOOD_KEY);
        await context.close();
    });
});

describe('the upgrade from 1.0.4', () => {
    const e2e = useBrowserTests({ unconfigured: true });

    it('moves the plain-text credentials into the credential store and tells the administrator', async () => {
        const { server } = e2e;
        // What 1.0.4's setup.xml left behind: [api-setup] username and apikey in local/passivetotal.conf.
        const conf = '/servicesNS/nobody/passivetotal/configs/conf-passivetotal';
        expect((await splunkdAsAdmin(server, 'POST', `${conf}/api`, { base_url: server.ptBaseUrl })).status).toBe(200);
        const created = await splunkdAsAdmin(server, 'POST', conf, {
            name: 'api-setup',
            username: 'legacy@northwind.example',
            apikey: LEGACY_KEY,
        });
        expect(created.status).toBe(201);

        const context = await e2e.browser.newContext();
        const bodies = recordBodies(context);
        const page = await context.newPage();
        await page.goto(`${server.webUrl}${SETUP_PATH}`);
        const note = page.locator(byTestId(setupTestIds.migrationNote));
        await note.waitFor();
        await note
            .getByText(
                "Upgrade from version 1.0.4: Moved the PassiveTotal credentials of version 1.0.4 from passivetotal.conf into Splunk's credential store and removed the plain-text copy.",
                { exact: true }
            )
            .waitFor();
        expect(await page.locator(byTestId(setupTestIds.credentialStatus)).textContent()).toContain(
            'API key: set for legacy@northwind.example.'
        );
        const result = await testConnection(page);
        expect(await result.getAttribute('data-ok')).toBe('true');
        await screenshot(page, 'setup-migrated-from-1.0.4');

        const stanza = await (await splunkdAsAdmin(server, 'GET', `${conf}/api-setup`)).text();
        expect(stanza).not.toContain(LEGACY_KEY);
        expect(stanza).toContain('"migrated_from":"1.0.4"');
        for (const text of await bodies.texts()) expect(text).not.toContain(LEGACY_KEY);
        await context.close();
    });
});
