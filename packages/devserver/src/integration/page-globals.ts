/**
 * Test support: makes this Node process look like a page of the app to the real `@splunk/splunk-utils` and
 * `@splunk/search-job` code, which read `window.$C` when they are first imported, the CSRF token from
 * `document.cookie`, and call the global `fetch` with URLs relative to Splunk Web. Import those packages (with
 * `await import(...)`) only after {@link installPageGlobals}.
 */
import type { BrowserSession } from './browser-session';

/** `window.$C` as Splunk Web's `/en-US/config?autoload=1` script defines it. */
export type PageConfig = Readonly<Record<string, unknown>>;

interface PageGlobals {
    $C?: PageConfig;
    document?: unknown;
    fetch: typeof fetch;
}

/** Loads the `$C` a page gets from Splunk Web's config script (as the browser would, with the session cookies). */
export async function pageConfig(session: BrowserSession): Promise<PageConfig> {
    const response = await session.fetch('/en-US/config?autoload=1');
    const script = await response.text();
    const json = /^window\.\$C = ([\s\S]*);\s*$/.exec(script)?.[1];
    if (json === undefined) throw new Error(`The config script is not "window.$C = {...};": ${script.slice(0, 200)}`);
    return JSON.parse(json) as PageConfig;
}

/**
 * Installs `$C`, a `document` whose `cookie` is what the page's scripts could read, and a `fetch` that sends
 * requests for Splunk Web (relative URLs and its origin) through the browser session (cookies, recording).
 * Returns the function that restores the previous globals.
 */
export function installPageGlobals(session: BrowserSession, config: PageConfig): () => void {
    const g = globalThis as unknown as PageGlobals;
    const saved = { $C: g.$C, document: g.document, fetch: g.fetch };
    g.$C = config;
    g.document = {
        get cookie() {
            return session.documentCookie;
        },
    };
    // Only the page's own requests go through the browser: the in-process stand-in (Splunk Web's proxy calling
    // splunkd) shares this global and must keep Node's fetch.
    const own = saved.fetch;
    g.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const page = url.startsWith('/') || new URL(url).origin === new URL(session.webUrl).origin;
        return page ? session.fetch(input, init) : own(input, init);
    };
    return () => {
        g.$C = saved.$C;
        g.document = saved.document;
        g.fetch = saved.fetch;
    };
}
