/**
 * Cases and exports in the browser: an analyst pins findings, sets a verdict, writes a note and saves the demo's
 * investigation as a case; a colleague (another Splunk user) opens it from the landing page exactly as saved, takes
 * it over and closes it; the exports (JSON, CSV zip, STIX 2.1) are downloaded and checked against their formats.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { byTestId, screenshot, type StandIn } from './browser';
import { useBrowserTests } from './fixture';
import { caseTestIds, testIds } from '../src/selectors';
import { stixProblems } from '../src/case/stix-check';

const INVESTIGATE_PATH = '/en-US/app/passivetotal/investigate';
const DOMAIN = 'login-secure-update.example';
const IOC_IP = '203.0.113.77';

jest.setTimeout(180_000);

async function signIn(browser: Browser, server: StandIn, user: 'admin' | 'analyst', path: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.webUrl}/en-US/account/login?return_to=${encodeURIComponent(path)}`);
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill('changeme');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.waitForURL((url) => url.pathname === INVESTIGATE_PATH);
    return page;
}

async function settled(page: Page, indicator: string): Promise<void> {
    await page
        .locator(`${byTestId(testIds.investigation)}[data-indicator="${indicator}"][data-settled="true"]`)
        .waitFor({
            timeout: 60_000,
        });
}

async function download(page: Page, testId: string): Promise<{ download: Download; data: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId(testId)).click()]);
    const path = await file.path();
    return { download: file, data: await readFile(path) };
}

describe('cases and exports', () => {
    const e2e = useBrowserTests({ login: true });

    it('shows a newcomer the demo story as the team’s recent work: an investigation and a case', async () => {
        const page = await signIn(e2e.browser, e2e.server, 'analyst', INVESTIGATE_PATH);
        const demoCase = page.locator(byTestId(caseTestIds.caseListItem)).first();
        await demoCase.waitFor();
        expect(await demoCase.textContent()).toBe(`Phishing campaign behind ${DOMAIN}`);
        await page
            .locator(`${byTestId(testIds.pivotLink)}[data-indicator="${DOMAIN}"]`)
            .first()
            .waitFor();
        await demoCase.click();
        await settled(page, DOMAIN);
        const pinned = page.locator(`${byTestId(caseTestIds.pinnedFinding)}[data-indicator="${IOC_IP}"]`);
        await pinned.waitFor();
        expect(await page.locator(byTestId(caseTestIds.caseNoteEntry)).textContent()).toContain('Internal hits');
        await page.context().close();
    });

    it('pins, saves, reopens as saved, hands over and closes a case, as two users; exports it', async () => {
        const analyst = await signIn(
            e2e.browser,
            e2e.server,
            'analyst',
            `${INVESTIGATE_PATH}?indicator=${encodeURIComponent(DOMAIN)}`
        );
        await settled(analyst, DOMAIN);
        const panel = analyst.locator(byTestId(caseTestIds.casePanel));
        // Pin the contacted address from a tab's row, and the domain itself.
        await analyst
            .locator(`${byTestId(caseTestIds.pin)}[data-indicator="${IOC_IP}"]`)
            .first()
            .click();
        await panel.locator(`${byTestId(caseTestIds.pin)}[data-indicator="${DOMAIN}"]`).click();
        await analyst.locator(byTestId(caseTestIds.caseTitle)).fill('Northwind phishing via login-secure-update');
        await analyst.locator(byTestId(caseTestIds.caseVerdict)).selectOption('malicious');
        await analyst.locator(byTestId(caseTestIds.caseNote)).fill('Three employees reached 203.0.113.77.');
        await analyst.locator(byTestId(caseTestIds.caseSave)).click();
        const message = analyst.locator(byTestId(caseTestIds.caseMessage));
        await message.waitFor();
        expect(await message.getAttribute('data-ok')).toBe('true');
        const caseId = await panel.getAttribute('data-case-id');
        expect(caseId).toBeTruthy();
        expect(new URL(analyst.url()).searchParams.get('case')).toBe(caseId);
        const pinned = analyst.locator(`${byTestId(caseTestIds.pinnedFinding)}[data-indicator="${IOC_IP}"]`);
        expect(Number(await pinned.getAttribute('data-count'))).toBeGreaterThan(0);

        // Exports of the case.
        const json = await download(analyst, caseTestIds.exportJson);
        expect(json.download.suggestedFilename()).toMatch(/^case-.*\.json$/);
        const doc = JSON.parse(json.data.toString('utf8')) as {
            datasets: Record<string, { ok: boolean }>;
            pins: { value: string; internalSightings: { count: number } }[];
            case: { verdict: string; notes: { user: string }[] };
            trail: unknown[];
            related: { value: string }[];
        };
        expect(doc.datasets.resolutions?.ok).toBe(true);
        expect(doc.pins.map((p) => p.value)).toEqual([IOC_IP, DOMAIN]);
        expect(doc.pins[0]?.internalSightings.count).toBeGreaterThan(0);
        expect(doc.case.verdict).toBe('malicious');
        expect(doc.case.notes[0]?.user).toBe('analyst');
        expect(doc.related.some((r) => r.value === IOC_IP)).toBe(true);
        const zip = await download(analyst, caseTestIds.exportCsv);
        expect(zip.download.suggestedFilename()).toMatch(/\.zip$/);
        const entries = unzipSync(new Uint8Array(zip.data));
        const names = Object.keys(entries);
        const resolutions = names.find((n) => n.endsWith('/resolutions/resolutions.csv'));
        expect(resolutions).toBeDefined();
        const csv = (name: string | undefined) => strFromU8(entries[name ?? ''] ?? new Uint8Array());
        expect(csv(resolutions).split('\r\n')[0]).toContain('resolve');
        expect(csv(names.find((n) => n.endsWith('/pins.csv')))).toContain(IOC_IP);
        const stix = await download(analyst, caseTestIds.exportStix);
        expect(stix.download.suggestedFilename()).toMatch(/\.stix\.json$/);
        const bundle = JSON.parse(stix.data.toString('utf8')) as { objects: { type: string; count?: number }[] };
        expect(stixProblems(bundle)).toEqual([]);
        expect(bundle.objects.some((o) => o.type === 'sighting' && (o.count ?? 0) > 0)).toBe(true);
        await screenshot(analyst, 'case-saved');

        // A colleague opens it from the landing page, exactly as saved, takes it over and closes it.
        const admin = await signIn(e2e.browser, e2e.server, 'admin', INVESTIGATE_PATH);
        const item = admin.locator(`${byTestId(caseTestIds.caseListItem)}[data-case-id="${caseId ?? ''}"]`);
        await item.waitFor();
        expect(await item.getAttribute('data-assignee')).toBe('analyst');
        await screenshot(admin, 'case-list');
        await item.click();
        const snapshotNote = admin.locator(byTestId(caseTestIds.caseSnapshot));
        await snapshotNote.waitFor();
        expect(await snapshotNote.getAttribute('data-snapshot-at')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        await settled(admin, DOMAIN);
        expect(await admin.locator(byTestId(caseTestIds.pinnedFinding)).count()).toBe(2);
        expect(await admin.locator(byTestId(caseTestIds.caseNoteEntry)).first().getAttribute('data-user')).toBe(
            'analyst'
        );
        await admin.locator(byTestId(caseTestIds.caseAssignee)).fill('admin');
        await admin.locator(byTestId(caseTestIds.caseNote)).fill('Taking this over.');
        await admin.locator(byTestId(caseTestIds.caseSave)).click();
        await admin.locator(`${byTestId(caseTestIds.caseAssignee)}[data-assignee="admin"]`).waitFor();
        await admin.locator(byTestId(caseTestIds.caseClose)).click();
        await admin.locator(`${byTestId(caseTestIds.casePanel)}[data-state="closed"]`).waitFor();
        await admin.locator(byTestId(caseTestIds.caseRefresh)).click();
        await snapshotNote.waitFor({ state: 'detached' });
        await screenshot(admin, 'case-closed');

        // The analyst sees the hand-over and the closing on the landing page.
        await analyst.goto(`${e2e.server.webUrl}${INVESTIGATE_PATH}`);
        const mine = analyst.locator(`${byTestId(caseTestIds.caseListItem)}[data-case-id="${caseId ?? ''}"]`);
        await mine.waitFor();
        expect(await mine.getAttribute('data-assignee')).toBe('admin');
        expect(await mine.getAttribute('data-state')).toBe('closed');
        await analyst.context().close();
        await admin.context().close();
    });
});
