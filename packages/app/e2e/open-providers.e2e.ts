/**
 * The app without a PassiveTotal subscription (`--no-passivetotal`), in Chromium on the stand-in: the demo story
 * from the open providers (replayed from packages/devserver/demo/pt-fixtures/<id>/), each row with its source,
 * what only PassiveTotal could fill said so, and providers failing beside others that answer
 * (packages/devserver/demo/pt-fixtures-errors). A screenshot of every step lands in test-results/screenshots/.
 */
import type { Locator, Page } from 'playwright-core';
import { DEMO_PT_ERROR_FIXTURES_DIR } from '@passivetotal/devserver/demo';
import { setupTestIds, testIds } from '../src/selectors';
import { byTestId, screenshot, watchErrors, type StandIn } from './browser';
import { useBrowserTests } from './fixture';

const DOMAIN = 'login-secure-update.example';
const IP = '203.0.113.77';
const OUTAGE = 'provider-outage.example';

async function openTab(page: Page, id: string): Promise<Locator> {
    await page.locator(byTestId(id)).click();
    return page.getByRole('tabpanel');
}

async function investigate(page: Page, server: StandIn, indicator: string): Promise<void> {
    await page.goto(`${server.url}?indicator=${indicator}`);
    await page.locator(`${byTestId(testIds.investigation)}[data-indicator="${indicator}"]`).waitFor();
}

/** The visible row of a table (by its label) that contains `text`. */
const row = (scope: Locator, table: string, text: string) =>
    scope.getByRole('region', { name: table }).getByRole('row').filter({ hasText: text }).first();

/** The message of a provider that failed beside others, on the visible tab. */
const problem = (page: Page, provider: string) =>
    page.locator(`${byTestId(testIds.panelError)}[data-provider="${provider}"]:visible`).first();

describe('the demo story without PassiveTotal in Chromium', () => {
    const e2e = useBrowserTests({ noPassivetotal: true });

    it('fills WHOIS, certificates, resolutions and reputation from the open providers, each row with its source', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await investigate(page, e2e.server, DOMAIN);

        // Summary: the verdict of each reputation source, at once.
        await page
            .getByText('Malicious according to URLhaus and ThreatFox; suspicious according to AlienVault OTX.', {
                exact: true,
            })
            .waitFor();
        const summary = page.getByRole('tabpanel');
        await expect(row(summary, 'Reputation', 'URLhaus').textContent()).resolves.toContain('malicious');
        await expect(row(summary, 'Reputation', 'ThreatFox').textContent()).resolves.toContain('DemoStealer');
        await screenshot(page, 'open-providers-01-summary-reputation');

        // Resolutions: the current address, reported by several passive DNS providers.
        const resolutions = await openTab(page, testIds.tabResolutions);
        const current = row(resolutions, 'Passive DNS', IP);
        await current.waitFor();
        const sources = (await current.textContent()) ?? '';
        expect(sources).toContain('mnemonic PassiveDNS');
        expect(sources).toContain('AlienVault OTX');
        await resolutions.getByText('Unique resolutions come from PassiveTotal, which is not configured.').waitFor();
        await screenshot(page, 'open-providers-02-resolutions');

        // WHOIS from RDAP: the registrar's answer with the registrant redacted.
        const whois = await openTab(page, testIds.tabWhois);
        const record = whois.getByRole('table', { name: 'WHOIS record' });
        await record.waitFor();
        await expect(record.getByRole('row', { name: /Source/ }).textContent()).resolves.toContain('RDAP');
        await expect(record.getByRole('row', { name: /Registrar/ }).textContent()).resolves.toContain(
            'Bargain Names Registrar, Inc.'
        );
        const contacts = whois.getByRole('table', { name: 'WHOIS contacts by role' });
        await expect(contacts.getByRole('row', { name: /Email/ }).textContent()).resolves.toContain('redacted');
        await expect(contacts.getByRole('row', { name: /Organisation/ }).textContent()).resolves.toContain(
            'Secure Update Services'
        );
        await whois.getByText(/^RDAP redacted \d+ fields: /).waitFor();
        await screenshot(page, 'open-providers-03-whois-rdap');

        // Certificates from crt.sh and Cert Spotter, without SHA-1s; the names still pivot.
        const certificates = await openTab(page, testIds.tabCertificates);
        const table = certificates.getByRole('region', { name: 'Certificates naming the host' });
        await table.waitFor();
        expect(await table.getByRole('row').filter({ hasText: 'crt.sh' }).count()).toBeGreaterThan(0);
        expect(await table.getByRole('row').filter({ hasText: 'Cert Spotter' }).count()).toBeGreaterThan(0);
        expect(await table.locator(`${byTestId(testIds.pivotLink)}[data-type="sha1"]`).count()).toBe(0);
        const spotter = table.getByRole('row').filter({ hasText: 'Cert Spotter' }).first();
        await spotter.getByRole('button', { name: /^Show details of certificate/ }).click();
        const details = certificates.getByRole('region', { name: /^Certificate SHA-256 / });
        await expect(details.getByRole('row', { name: /SHA-1/ }).textContent()).resolves.toContain(
            'Certificate Transparency gives no SHA-1'
        );
        await screenshot(page, 'open-providers-04-certificates');

        // Host pairs: only PassiveTotal has them, and the page says so, with the way to the setup.
        const host = await openTab(page, testIds.tabHostAttributes);
        await host.getByText('Host pairs come from PassiveTotal, which is not configured.').waitFor();
        expect(await host.getByRole('link', { name: 'Set up providers' }).count()).toBeGreaterThan(0);
        await screenshot(page, 'open-providers-05-host-pairs');

        // Pivot to the address: InternetDB's ports and software, with its terms.
        await openTab(page, testIds.tabResolutions);
        await page
            .locator(`${byTestId(testIds.pivotLink)}[data-indicator="${IP}"]:visible`)
            .first()
            .click();
        await page.locator(`${byTestId(testIds.investigation)}[data-indicator="${IP}"]`).waitFor();
        const ipHost = await openTab(page, testIds.tabHostAttributes);
        await ipHost.getByText('Shodan InternetDB: non-commercial use only.').waitFor();
        await row(ipHost, 'Open ports', '443').waitFor();
        await expect(row(ipHost, 'Components', 'nginx').textContent()).resolves.toContain('Shodan InternetDB');
        await screenshot(page, 'open-providers-06-ip-internetdb');

        expect(requests.filter((u) => u.includes('/passivetotal/passivetotal/pt/'))).toEqual([]);
        expect(requests.filter((u) => u.includes('/passivetotal/passivetotal/quota'))).toEqual([]);
        expect(errors).toEqual([]);
    });

    it('lists the providers on the setup page and tests one', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await page.goto(e2e.server.url.replace(/investigate$/, 'setup'));
        const status = page.locator(byTestId(setupTestIds.credentialStatus));
        await status.waitFor();
        expect(await status.getAttribute('data-configured')).toBe('false');
        const crtsh = page.locator(`${byTestId(setupTestIds.provider)}[data-provider="crtsh"]`);
        expect(await crtsh.getAttribute('data-ready')).toBe('true');
        expect(await crtsh.textContent()).toContain('Fills Certificates. No key needed. In use.');
        const otx = page.getByRole('region', { name: 'AlienVault OTX' });
        expect(await otx.textContent()).toContain('Key required: a key is stored.');
        await crtsh.getByRole('button', { name: 'Test crt.sh' }).click();
        const result = page.locator(`${byTestId(setupTestIds.providerCheck)}[data-provider="crtsh"]`);
        await result.waitFor();
        expect(await result.getAttribute('data-ok')).toBe('true');
        expect(await result.textContent()).toContain('crt.sh answered the test query');
        await page.getByRole('list', { name: 'Providers of Certificates' }).waitFor();
        await screenshot(page, 'open-providers-07-setup');
        expect(errors).toEqual([]);
    });
});

/**
 * On a tab: the message of the provider that failed (its id and the label its message names), and in a table (its
 * label) rows of a provider that answered beside it.
 */
async function failsBeside(
    page: Page,
    tab: string,
    [id, label]: readonly [string, string],
    [table, answered]: readonly [string, string]
): Promise<void> {
    const panel = await openTab(page, tab);
    const message = problem(page, id);
    await message.waitFor();
    expect(await message.textContent()).toContain(label);
    const rows = panel.getByRole('region', { name: table }).getByRole('row').filter({ hasText: answered });
    expect(await rows.count()).toBeGreaterThan(0);
}

describe('open providers failing beside others in Chromium', () => {
    const e2e = useBrowserTests({ noPassivetotal: true, ptFixtures: DEMO_PT_ERROR_FIXTURES_DIR });

    it(`${OUTAGE}: crt.sh and mnemonic fail while Cert Spotter and OTX fill their tabs`, async () => {
        const page = await e2e.newPage();
        await investigate(page, e2e.server, OUTAGE);

        await failsBeside(
            page,
            testIds.tabCertificates,
            ['crtsh', 'crt.sh'],
            ['Certificates naming the host', 'Cert Spotter']
        );
        await expect(page.locator(byTestId(testIds.tabCertificates)).textContent()).resolves.toContain('1 failed');
        await screenshot(page, 'open-providers-errors-01-certificates');

        await failsBeside(page, testIds.tabResolutions, ['mnemonic', 'mnemonic'], ['Passive DNS', 'AlienVault OTX']);
        await screenshot(page, 'open-providers-errors-02-resolutions');

        const summary = await openTab(page, testIds.tabSummary);
        await problem(page, 'threatfox').waitFor();
        await summary.getByRole('region', { name: 'Reputation' }).waitFor();
        expect(
            await summary
                .getByRole('region', { name: 'Reputation' })
                .getByRole('row')
                .filter({ hasText: 'URLhaus' })
                .count()
        ).toBeGreaterThan(0);
        await screenshot(page, 'open-providers-errors-03-reputation');

        await openTab(page, testIds.tabWhois);
        await screenshot(page, 'open-providers-errors-04-whois');
    });
});
