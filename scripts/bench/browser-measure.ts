/**
 * What the benchmark measures in Chromium: one investigation from submit to every tab settled (with the slowest
 * backend call it waited for), the 10,000-row table, and the scripted session of pivots and revisits.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { RunningDevserver } from '@passivetotal/devserver';
import { testIds } from '@passivetotal/app/selectors';
import { byTestId } from '@passivetotal/app/testing';
import { median } from './figures';

const SETTLE_TIMEOUT_MS = 120_000;

/** A browser context signed in through Splunk Web's login form, on the investigate page. */
export async function signedIn(
    browser: Browser,
    server: RunningDevserver,
    user: 'admin' | 'analyst'
): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const target = new URL(server.url).pathname;
    await page.goto(`${server.webUrl}/en-US/account/login?return_to=${encodeURIComponent(target)}`);
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill('changeme');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.waitForURL((url) => url.pathname === target);
    await page.locator(byTestId(testIds.indicatorInput)).waitFor();
    return { context, page };
}

/** Backend calls seen by the page: app endpoint calls, and search jobs from creation to their results. */
interface BackendCall {
    readonly name: string;
    readonly start: number;
    readonly end: number;
}

function recordBackend(page: Page): { calls: BackendCall[]; done: () => Promise<void> } {
    const calls: BackendCall[] = [];
    const pending: Promise<void>[] = [];
    const jobStart = new Map<string, number>();
    const results: { sid: string; end: number }[] = [];
    page.on('requestfinished', (request: Request) => {
        const url = request.url();
        const t = request.timing();
        const end = t.startTime + t.responseEnd;
        if (/\/passivetotal\/passivetotal\/((pt|open)\/|batch\?)/.test(url)) {
            calls.push({
                name: new URL(url).pathname.replace(/.*\/passivetotal\/passivetotal\//, ''),
                start: t.startTime,
                end,
            });
        } else if (request.method() === 'POST' && /\/search\/jobs$/.test(new URL(url).pathname)) {
            pending.push(
                (async () => {
                    const body = (await (await request.response())?.json()) as { sid?: string } | undefined;
                    if (body?.sid) jobStart.set(body.sid, t.startTime);
                })().catch(() => undefined)
            );
        } else {
            const sid = /\/search\/(?:v2\/)?jobs\/([^/]+)\/results/.exec(new URL(url).pathname)?.[1];
            if (sid) results.push({ sid: decodeURIComponent(sid), end });
        }
    });
    return {
        calls,
        done: async () => {
            await Promise.all(pending);
            for (const r of results) {
                const start = jobStart.get(r.sid);
                if (start !== undefined) calls.push({ name: `search job ${r.sid}`, start, end: r.end });
            }
        },
    };
}

/**
 * Clicks submit in the page and waits, in the page, until the investigation of `value` settled. The page's code is
 * a string: tsx would wrap a function's inner names in a helper the page does not have.
 */
async function untilSettled(page: Page, value: string): Promise<{ startEpoch: number; ms: number }> {
    const selector = JSON.stringify(`[data-test="${testIds.investigation}"][data-indicator="${value}"]`);
    const submit = JSON.stringify(byTestId(testIds.indicatorSubmit));
    return page.evaluate(`new Promise((resolve, reject) => {
        const t0 = performance.now();
        let timer;
        const observer = new MutationObserver(() => check());
        const check = () => {
            const el = document.querySelector(${selector});
            if (el && el.getAttribute('data-settled') === 'true') {
                observer.disconnect();
                clearTimeout(timer);
                resolve({ startEpoch: performance.timeOrigin + t0, ms: performance.now() - t0 });
            }
        };
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('The investigation of ' + ${JSON.stringify(value)} + ' did not settle'));
        }, ${String(SETTLE_TIMEOUT_MS)});
        document.querySelector(${submit}).click();
    })`);
}

/** One investigation in a fresh, signed-in browser context. */
export async function measureInvestigation(
    browser: Browser,
    server: RunningDevserver,
    value: string
): Promise<{ totalMs: number; slowestBackendMs: number; slowestName: string }> {
    const { context, page } = await signedIn(browser, server, 'admin');
    try {
        // A person opens the page, then types: the page's own start-up calls (status, recent investigations) are over.
        await page.waitForLoadState('networkidle');
        const backend = recordBackend(page);
        await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill(value);
        const { startEpoch, ms } = await untilSettled(page, value);
        await backend.done();
        const mine = backend.calls.filter((c) => c.start >= startEpoch - 1);
        const slowest = mine.reduce<BackendCall | undefined>(
            (a, c) => (a && a.end - a.start >= c.end - c.start ? a : c),
            undefined
        );
        return {
            totalMs: ms,
            slowestBackendMs: slowest ? slowest.end - slowest.start : 0,
            slowestName: slowest?.name ?? 'none',
        };
    } finally {
        await context.close();
    }
}

/** Runs `act` in the page and returns the milliseconds until `done` holds in the page (checked on every mutation). */
async function interaction(page: Page, act: string, done: string): Promise<number> {
    return page.evaluate(`new Promise((resolve, reject) => {
        const isDone = () => (${done});
        const t0 = performance.now();
        let timer;
        const observer = new MutationObserver(() => { if (isDone()) finish(); });
        // Include the frame that paints the change.
        const finish = () => {
            observer.disconnect();
            clearTimeout(timer);
            requestAnimationFrame(() => resolve(performance.now() - t0));
        };
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('Interaction did not finish: ' + ${JSON.stringify(act)}));
        }, 30000);
        (() => { ${act} })();
        if (isDone()) finish();
    })`);
}

const PANEL = `document.querySelector('[role=tabpanel]:not([hidden]) section[aria-label="Passive DNS"]')`;
const FIRST_ROW = `${PANEL}?.querySelector('tbody tr')?.textContent`;
const SUMMARY = `${PANEL}?.querySelector('[aria-live]')?.textContent`;

/**
 * The Resolutions tab of an address with 10,000 records: opening it, sorting a column, paging, the page size and
 * the filter, each timed from the click to the painted change. `runs` fresh pages; medians.
 */
export async function measureTable(
    browser: Browser,
    server: RunningDevserver,
    ip: string,
    runs: number
): Promise<{ renderMs: number; sortMs: number; interactionMaxMs: number; samples: Record<string, number[]> }> {
    const samples: Record<string, number[]> = { render: [], sort: [], resort: [], page: [], pageSize: [], filter: [] };
    for (let run = 0; run < runs; run += 1) {
        const { context, page } = await signedIn(browser, server, 'admin');
        try {
            await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill(ip);
            await untilSettled(page, ip);
            samples.render?.push(
                await interaction(
                    page,
                    `document.querySelector('[data-test="${testIds.tabResolutions}"]').click();`,
                    `Boolean(${PANEL}?.querySelector('tbody tr'))`
                )
            );
            const before = await page.evaluate(FIRST_ROW);
            const header = `Array.from(${PANEL}.querySelectorAll('thead th')).find((th) => th.textContent.includes('Resolve'))`;
            samples.sort?.push(
                await interaction(
                    page,
                    `(${header}.querySelector('[role=button], button') ?? ${header}).click();`,
                    `${FIRST_ROW} !== ${JSON.stringify(before)}`
                )
            );
            const sorted = await page.evaluate(FIRST_ROW);
            samples.resort?.push(
                await interaction(
                    page,
                    `(${header}.querySelector('[role=button], button') ?? ${header}).click();`,
                    `${FIRST_ROW} !== ${JSON.stringify(sorted)}`
                )
            );
            const summary = String(await page.evaluate(SUMMARY));
            samples.page?.push(
                await interaction(
                    page,
                    `${PANEL}.querySelector('[data-test="paginator"] [data-test="next"]').click();`,
                    `${SUMMARY} !== ${JSON.stringify(summary)}`
                )
            );
            const filterBox = page.getByLabel('Filter Passive DNS');
            const beforeFilter = String(await page.evaluate(SUMMARY));
            await filterBox.focus();
            samples.filter?.push(
                await interaction(
                    page,
                    `const input = document.activeElement; const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; set.call(input, 'customer-7'); input.dispatchEvent(new Event('input', { bubbles: true }));`,
                    `${SUMMARY} !== ${JSON.stringify(beforeFilter)}`
                )
            );
        } finally {
            await context.close();
        }
    }
    const m = (k: string) => median(samples[k] ?? []);
    return {
        renderMs: m('render'),
        sortMs: m('sort'),
        interactionMaxMs: Math.max(m('sort'), m('resort'), m('page'), m('filter')),
        samples,
    };
}

/**
 * The Graph tab of an investigation with more related values than the graph holds (the large case's domain: 500
 * nodes): from the click on the tab to the painted graph, including loading its code on demand and the layout.
 * `runs` fresh pages; median. Returns the nodes and relationships drawn, so the table says what was measured.
 */
export async function measureGraph(
    browser: Browser,
    server: RunningDevserver,
    value: string,
    runs: number
): Promise<{ firstRenderMs: number; nodes: number; edges: number; samples: number[] }> {
    const samples: number[] = [];
    const graph = `document.querySelector('[data-test="${testIds.graph}"][data-ready="true"]')`;
    let drawn = { nodes: 0, edges: 0 };
    for (let run = 0; run < runs; run += 1) {
        const { context, page } = await signedIn(browser, server, 'admin');
        try {
            await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill(value);
            await untilSettled(page, value);
            samples.push(
                await interaction(
                    page,
                    `document.querySelector('[data-test="${testIds.tabGraph}"]').click();`,
                    `Boolean(${graph})`
                )
            );
            drawn = await page.evaluate<{ nodes: number; edges: number }>(
                `({ nodes: ${graph}.querySelectorAll('[data-test="${testIds.graphNode}"]').length, edges: ${graph}.querySelectorAll('[data-test="${testIds.graphEdge}"]').length })`
            );
        } finally {
            await context.close();
        }
    }
    return { firstRenderMs: median(samples), ...drawn, samples };
}

/** One step of the scripted session. */
export interface SessionStep {
    readonly user: 'admin' | 'analyst';
    /** `submit` types it in the box; `pivot` clicks its pivot link; `back` uses the browser's back; `reload` opens its URL anew. */
    readonly how: 'submit' | 'pivot' | 'back' | 'reload';
    readonly value: string;
    /** The indicator was investigated before in this session (by either user). */
    readonly revisit?: boolean;
}

/**
 * Runs the session; returns the PassiveTotal calls it caused, the upstream calls of every provider on revisits
 * (which must be none), and the upstream calls of every provider in all.
 */
export async function runSession(
    browser: Browser,
    server: RunningDevserver,
    steps: readonly SessionStep[],
    ptCalls: () => number,
    upstreamCalls: () => number,
    byRequest: () => Readonly<Record<string, number>> = () => ({})
): Promise<{ calls: number; revisitCalls: number; allCalls: number; revisitRequests: string[] }> {
    const revisitRequests: string[] = [];
    const pages = new Map<string, { context: BrowserContext; page: Page }>();
    const start = ptCalls();
    const startAll = upstreamCalls();
    let revisitCalls = 0;
    try {
        for (const step of steps) {
            let session = pages.get(step.user);
            if (!session) {
                session = await signedIn(browser, server, step.user);
                pages.set(step.user, session);
            }
            const { page } = session;
            const before = upstreamCalls();
            const beforeRequests = { ...byRequest() };
            const settled = page
                .locator(`${byTestId(testIds.investigation)}[data-indicator="${step.value}"][data-settled="true"]`)
                .waitFor({ timeout: SETTLE_TIMEOUT_MS });
            if (step.how === 'submit') {
                await page.locator(`${byTestId(testIds.indicatorInput)} input`).fill(step.value);
                await page.locator(byTestId(testIds.indicatorSubmit)).click();
            } else if (step.how === 'pivot') {
                await page
                    .locator(`${byTestId(testIds.pivotLink)}[data-indicator="${step.value}"]:visible`)
                    .first()
                    .click();
            } else if (step.how === 'back') {
                await page.goBack();
            } else {
                const url = new URL(server.url);
                url.searchParams.set('indicator', step.value);
                await page.goto(url.toString());
            }
            await settled;
            if (step.revisit) {
                revisitCalls += upstreamCalls() - before;
                for (const [key, n] of Object.entries(byRequest())) {
                    if (n > (beforeRequests[key] ?? 0)) revisitRequests.push(`${step.value}: ${key}`);
                }
            }
        }
    } finally {
        for (const { context } of pages.values()) await context.close();
    }
    return { calls: ptCalls() - start, revisitCalls, allCalls: upstreamCalls() - startAll, revisitRequests };
}
