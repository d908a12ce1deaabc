/**
 * Test support: the real `@splunk/search-job` as a page of the app uses it, loaded after
 * {@link installPageGlobals} so that it sees the page's `$C`, CSRF cookie and fetch.
 */
import type SearchJobModule from '@splunk/search-job';
import type { SearchJobProgress } from '@splunk/search-job';
import type { BrowserSession } from './browser-session';
import { installPageGlobals, pageConfig } from './page-globals';

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
