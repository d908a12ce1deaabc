/**
 * Every value a pivot, in Chromium on the stand-in with the demo's replayed PassiveTotal: a WHOIS organisation and a
 * certificate issuer search PassiveTotal and lead on with why in the trail; the registrar, which no source searches,
 * opens a search of the analyst's events; a URL's Certificates tab shows its host's certificates. Screenshots land
 * in test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { testIds } from '../src/selectors';
import { byTestId, screenshot, watchErrors } from './browser';
import { useBrowserTests } from './fixture';

const DOMAIN = 'login-secure-update.example';
const SIBLING = 'docs-share-portal.example';
const ORG = 'Secure Update Services';
const REGISTRAR = 'Bargain Names Registrar, Inc.';
const ISSUER = 'Demo Free TLS CA R3';
const CERT = '05005010a96416bdbb9af136b1fe34b5a1496b8a';
/** The campaign's payroll site's certificate, found only by its issuer. */
const PAYROLL_CERT = '4fe8b479d73dd58ef97e4315ebf6934edc799456';

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).first();

async function open(page: Page, base: string, query: string): Promise<void> {
    await page.goto(`${base}?${query}`);
    await page.locator(byTestId(testIds.investigation)).waitFor();
}

async function waitForIndicator(page: Page, value: string): Promise<void> {
    await page.waitForURL((url) => new URL(url).searchParams.get('indicator') === value);
    await page.locator('header h2', { hasText: value }).waitFor();
}

/** The trail step of the URL that reached `value`. */
function trailStep(page: Page, value: string): { via?: { from: string; relation: string; text?: string } } {
    const steps = JSON.parse(new URL(page.url()).searchParams.get('trail') ?? '[]') as {
        value: string;
        via?: { from: string; relation: string; text?: string };
    }[];
    return steps.find((s) => s.value === value) ?? {};
}

describe('every value a pivot, in Chromium', () => {
    const e2e = useBrowserTests();

    it('pivots from the WHOIS organisation to the campaign’s other domains, with why in the trail', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await open(page, e2e.server.url, `indicator=${DOMAIN}`);
        await page.locator(byTestId(testIds.tabWhois)).click();
        const org = visible(
            page,
            `${byTestId(testIds.valuePivot)}[data-kind="whois-organization"][data-value="${ORG}"]`
        );
        await org.waitFor();
        await screenshot(page, 'value-pivots-01-whois');
        await org.click();

        const results = page.locator(`${byTestId(testIds.valueSearchResults)}[data-count]`);
        await results.waitFor();
        expect(await results.getAttribute('data-count')).toBe('5');
        expect(new URL(page.url()).searchParams.get('search')).toBe('whois-organization');
        await page.getByRole('heading', { name: `WHOIS records naming the organisation ${ORG}` }).waitFor();
        await screenshot(page, 'value-pivots-02-organisation-search');

        await visible(
            page,
            `${byTestId(testIds.valueSearchResults)} ${byTestId(testIds.pivotLink)}[data-indicator="${SIBLING}"]`
        ).click();
        await waitForIndicator(page, SIBLING);
        expect(new URL(page.url()).searchParams.get('search')).toBeNull();
        expect(trailStep(page, SIBLING).via).toEqual({
            from: DOMAIN,
            relation: 'shared-whois-contact',
            text: `WHOIS names the organisation ${ORG} (organisation of ${DOMAIN}'s registrant)`,
        });
        await page.locator(byTestId(testIds.tabSummary)).click();
        await page
            .getByRole('navigation', { name: 'Investigation trail' })
            .getByText(`WHOIS names the organisation ${ORG}`, { exact: false })
            .waitFor();
        await screenshot(page, 'value-pivots-03-trail');
        expect(errors).toEqual([]);
    });

    it('offers the registrar, which no source searches, as a search of the analyst’s events over the time range', async () => {
        const page = await e2e.newPage();
        await open(page, e2e.server.url, `indicator=${DOMAIN}&earliest=-24h%40h&latest=now`);
        await page.locator(byTestId(testIds.tabWhois)).click();
        const registrar = page
            .getByRole('table', { name: 'WHOIS record' })
            .first()
            .getByRole('row', { name: /Registrar/ });
        await registrar.waitFor();
        expect(await registrar.locator(byTestId(testIds.valuePivot)).count()).toBe(0);
        const events = registrar.locator(`${byTestId(testIds.eventsSearch)}[data-value="${REGISTRAR}"]`);
        const href = new URL((await events.getAttribute('href')) ?? '', e2e.server.url);
        expect(href.pathname).toBe('/en-US/app/passivetotal/search');
        expect(href.searchParams.get('q')).toBe(`search (\`passivetotal_index\`) "${REGISTRAR}"`);
        expect([href.searchParams.get('earliest'), href.searchParams.get('latest')]).toEqual(['-24h@h', 'now']);
        expect(await events.getAttribute('target')).toBe('_blank');
    });

    it('pivots from a certificate issuer to the certificates it issued', async () => {
        const page = await e2e.newPage();
        const errors = watchErrors(page);
        await open(page, e2e.server.url, `indicator=${DOMAIN}`);
        await page.locator(byTestId(testIds.tabCertificates)).click();
        const issuer = visible(
            page,
            `${byTestId(testIds.valuePivot)}[data-kind="certificate-issuer"][data-value="${ISSUER}"]`
        );
        await issuer.click();

        const results = page.locator(`${byTestId(testIds.valueSearchResults)}[data-count]`);
        await results.waitFor();
        expect(await results.getAttribute('data-count')).toBe('4');
        await screenshot(page, 'value-pivots-04-issuer-search');
        await visible(
            page,
            `${byTestId(testIds.valueSearchResults)} ${byTestId(testIds.pivotLink)}[data-indicator="${PAYROLL_CERT}"]`
        ).click();
        await waitForIndicator(page, PAYROLL_CERT);
        const via = trailStep(page, PAYROLL_CERT).via;
        expect(via).toMatchObject({ from: DOMAIN, relation: 'shared-certificate-field' });
        expect(via?.text).toMatch(
            new RegExp(
                `^certificate with the certificate issuer ${ISSUER} \\(certificate issuer of .+'s certificate\\)$`
            )
        );
        expect(errors).toEqual([]);
    });

    it('shows a URL’s host’s certificates in its Certificates tab, and says so', async () => {
        const page = await e2e.newPage();
        const url = `https://${DOMAIN}/owa/auth/logon.aspx?next=/inbox`;
        await open(page, e2e.server.url, `indicator=${encodeURIComponent(url)}`);
        await page.locator(byTestId(testIds.tabCertificates)).click();
        const note = visible(page, byTestId(testIds.urlHost));
        await note.waitFor();
        expect(await note.getAttribute('data-host')).toBe(DOMAIN);
        expect(await note.textContent()).toBe(`Certificates of ${DOMAIN}, the URL's host.`);
        await page.getByRole('heading', { name: `Certificates naming ${DOMAIN}` }).waitFor();
        await visible(page, `${byTestId(testIds.pivotLink)}[data-indicator="${CERT}"]`).waitFor();
        await screenshot(page, 'value-pivots-05-url-certificates');
    });
});
