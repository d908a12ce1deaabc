/**
 * Test support: the real `@splunk/search-job` as a page of the app uses it, loaded after
 * {@link installPageGlobals} so that it sees the page's `$C`, CSRF cookie and fetch.
 */
import type SearchJobModule from '@splunk/search-job';
import type { SearchJobProgress } from '@splunk/search-job';
import type { DevserverOptions } from '../cli-options';
import type { RunningDevserver } from '../server';
import { BrowserSession } from './browser-session';
import { installPageGlobals, pageConfig } from './page-globals';
import { startStandIn } from './stand-in';

export type SearchJobStatic = typeof SearchJobModule;

/** A result row as splunkd returns it with `output_mode=json`. */
export type ResultRow = Readonly<Record<string, string | readonly string[] | undefined>>;

interface ResultsBody {
    results: ResultRow[];
}

/** The page's namespace: the app's macros are visible only in the app's context. */
export const APP_NAMESPACE = { app: 'passivetotal', owner: 'admin' };

/** The browser's Splunk client code, and how to put the process back. */
export interface PageSearchClient {
    readonly SearchJob: SearchJobStatic;
    /** Restores the globals the page code was given. */
    readonly restore: () => void;
}

/** Installs the page globals for `browser`, then imports `@splunk/search-job` with 5 ms polling (NODE_ENV=test). */
export async function loadPageSearchClient(browser: BrowserSession): Promise<PageSearchClient> {
    const restore = installPageGlobals(browser, await pageConfig(browser));
    const SearchJob = (await import('@splunk/search-job')).default;
    (await import('@splunk/search-job/progressTracker')).setIntervalTest(5);
    return { SearchJob, restore };
}

/** What the tests of a file search with: the stand-in, a browser session signed in on it, the page's client code. */
export interface PageSearch {
    readonly server: RunningDevserver;
    readonly browser: BrowserSession;
    readonly SearchJob: SearchJobStatic;
}

/**
 * Before the tests of the file it is called in: starts a stand-in (with `options`, or those `options()` gives once
 * it has written the files they name), opens a browser session on it and loads the page's Splunk client code.
 * After them: puts the process's globals back and closes the stand-in.
 *
 * @example const page = usePageSearch(); it('…', async () => { await runJob(page.SearchJob, 'search index=*', range); });
 */
export function usePageSearch(
    options: Partial<DevserverOptions> | (() => Promise<Partial<DevserverOptions>>) = {}
): PageSearch {
    let session: (PageSearch & { readonly restore: () => void }) | undefined;
    beforeAll(async () => {
        const server = await startStandIn(typeof options === 'function' ? await options() : options);
        const browser = await BrowserSession.open(server.webUrl);
        // Imported only now: @splunk/splunk-utils/config reads window.$C when it is first loaded, as on a page.
        const { SearchJob, restore } = await loadPageSearchClient(browser);
        session = { server, browser, SearchJob, restore };
    }, 60_000);
    afterAll(async () => {
        session?.restore();
        await session?.server.close();
    });
    const started = (): PageSearch => {
        if (!session) throw new Error('The stand-in is not started: use it inside a test or a hook.');
        return session;
    };
    return {
        get server() {
            return started().server;
        },
        get browser() {
            return started().browser;
        },
        get SearchJob() {
            return started().SearchJob;
        },
    };
}

/** Every value an rxjs 5 observable emits, once it completes. */
export function collect<T>(observable: {
    subscribe: (o: { next: (v: T) => void; error: (e: unknown) => void; complete: () => void }) => unknown;
}): Promise<T[]> {
    return new Promise((resolve, reject) => {
        const values: T[] = [];
        observable.subscribe({ next: (v) => values.push(v), error: reject, complete: () => resolve(values) });
    });
}

/** Runs a search to the end as the page does: create, follow the progress, then read all results. */
export async function runJob(
    SearchJob: SearchJobStatic,
    spl: string,
    timeRange: { earliest_time: string; latest_time: string },
    namespace = APP_NAMESPACE
): Promise<{ progress: SearchJobProgress; results: ResultRow[] }> {
    const job = SearchJob.create({ search: spl, ...timeRange }, namespace);
    const progress = await collect(job.getProgress());
    const last = progress[progress.length - 1]?.content;
    if (!last) throw new Error(`The job of "${spl}" reported no progress.`);
    const body = (await job.getResults({ count: 0 }).toPromise()) as ResultsBody;
    return { progress: last, results: body.results };
}
