/**
 * The set-up and tear-down every browser test file shares: Chromium and a stand-in started once before the tests
 * of the file (of the describe block it is called in, where a file needs two stand-ins) and closed after them.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startStandIn, type StandIn, type StandInOptions } from './browser';

/** The viewport of a page from {@link BrowserTests.newPage}: the investigate page with its tabs side by side. */
const VIEWPORT = { width: 1400, height: 1000 };

/** What the tests of a file work with. */
export interface BrowserTests<S extends StandIn = StandIn> {
    /** Chromium, launched before the first test. */
    readonly browser: Browser;
    /** The stand-in, started before the first test. */
    readonly server: S;
    /**
     * A new page of Chromium. A page opened by a test is closed after that test; one opened in a `beforeAll`, when
     * the browser closes.
     */
    newPage(viewport?: { readonly width: number; readonly height: number }): Promise<Page>;
}

/**
 * Starts Chromium and a stand-in (the command line with `options`, or what `start` starts) before the tests of the
 * describe block or file it is called in, and closes both after them.
 *
 * @example const e2e = useBrowserTests({ user: 'analyst' }); it('…', async () => { const page = await e2e.newPage(); await page.goto(e2e.server.url); });
 */
export function useBrowserTests(options?: StandInOptions): BrowserTests;
export function useBrowserTests<S extends StandIn>(start: () => Promise<S>): BrowserTests<S>;
export function useBrowserTests(how: StandInOptions | (() => Promise<StandIn>) = {}): BrowserTests {
    const start = typeof how === 'function' ? how : () => startStandIn(how);
    let browser: Browser | undefined;
    let server: StandIn | undefined;
    let testPages: Page[] | undefined;

    beforeAll(async () => {
        const [launched, started] = await Promise.allSettled([launchBrowser(), start()]);
        if (launched.status === 'fulfilled') browser = launched.value;
        if (started.status === 'fulfilled') server = started.value;
        if (launched.status === 'rejected') throw launched.reason;
        if (started.status === 'rejected') throw started.reason;
    });
    beforeEach(() => {
        testPages = [];
    });
    afterEach(async () => {
        const pages = testPages ?? [];
        testPages = undefined;
        await Promise.all(pages.map((page) => page.close()));
    });
    afterAll(async () => {
        await Promise.all([browser?.close(), server?.close()]);
    });

    const started = <T>(value: T | undefined, what: string): T => {
        if (value === undefined) throw new Error(`${what} is not started: use it inside a test or a hook.`);
        return value;
    };
    return {
        get browser() {
            return started(browser, 'Chromium');
        },
        get server() {
            return started(server, 'The stand-in');
        },
        async newPage(viewport = VIEWPORT) {
            const page = await started(browser, 'Chromium').newPage({ viewport });
            testPages?.push(page);
            return page;
        },
    };
}
