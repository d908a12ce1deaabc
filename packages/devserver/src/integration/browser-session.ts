/**
 * Test support: "a browser" talking to the stand-in's Splunk Web over HTTP. It keeps cookies as a browser does
 * (the session cookie `splunkd_<port>` and the CSRF cookie `splunkweb_csrf_token_<port>`), follows redirects,
 * resolves relative URLs against Splunk Web, and records every response it received, so tests can check what
 * reached the browser (and what never did, such as the API key).
 */
import { request as httpRequest } from 'node:http';
import { PassiveTotalProvider, proxyRoutes, type FetchLike } from '@passivetotal/core';

/** Splunk Web's locale prefix and the pages of the app. */
export const INVESTIGATE_PATH = '/en-US/app/passivetotal/investigate';
export const SETUP_PATH = '/en-US/app/passivetotal/setup';
export const LOGIN_PATH = '/en-US/account/login';
/** Splunk Web's splunkd proxy, the `SPLUNKD_PATH` of `$C`. */
export const SPLUNKD_PATH = '/en-US/splunkd/__raw';
/** The app's REST endpoint as the browser reaches it. */
export const APP_ENDPOINT = `${SPLUNKD_PATH}/servicesNS/nobody/passivetotal/passivetotal`;

/** One response the browser received. */
export interface ReceivedResponse {
    readonly method: string;
    readonly url: string;
    readonly status: number;
    /** Every header line, `Set-Cookie` included. */
    readonly headers: readonly (readonly [string, string])[];
    readonly body: string;
}

/** splunkd's error envelope with the app's stable `code`. */
export interface ErrorEnvelope {
    messages: { type: string; text: string; code?: string; resetAt?: string }[];
}

/** Node's own fetch, kept before any test replaces the global one with a session's. */
const nodeFetch: typeof fetch = globalThis.fetch.bind(globalThis);

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function requestUrl(input: string | URL | Request): string {
    if (typeof input === 'string') return input;
    return input instanceof URL ? input.href : input.url;
}

/** A browser with its cookie jar, on one Splunk Web. */
export class BrowserSession {
    readonly webUrl: string;
    /** Everything received, in order (shared between sessions when passed in). */
    readonly received: ReceivedResponse[];
    private readonly jar = new Map<string, string>();

    constructor(webUrl: string, received: ReceivedResponse[] = []) {
        this.webUrl = webUrl;
        this.received = received;
    }

    /** A browser that opened `pagePath` (default: the investigate page), so it holds the session cookies. */
    static async open(webUrl: string, pagePath = INVESTIGATE_PATH, received?: ReceivedResponse[]) {
        const session = new BrowserSession(webUrl, received);
        const page = await session.fetch(pagePath);
        if (page.status !== 200) throw new Error(`GET ${pagePath} answered ${String(page.status)}`);
        return session;
    }

    /** Splunk Web's port, part of its cookie names. */
    get port(): string {
        return new URL(this.webUrl).port;
    }

    /** The value of the `splunkweb_csrf_token_<port>` cookie, which pages send back as `X-Splunk-Form-Key`. */
    get csrfToken(): string | undefined {
        return this.jar.get(`splunkweb_csrf_token_${this.port}`);
    }

    get hasSession(): boolean {
        return this.jar.has(`splunkd_${this.port}`);
    }

    /** The `Cookie` header the browser sends (also what `document.cookie` shows, httpOnly aside). */
    get cookieHeader(): string {
        return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    }

    /** The cookies scripts can read (`document.cookie`): all but the httpOnly session cookie. */
    get documentCookie(): string {
        const csrf = this.csrfToken;
        return csrf === undefined ? '' : `splunkweb_csrf_token_${this.port}=${csrf}`;
    }

    /** Forgets every cookie (a new browser profile). */
    clearCookies(): void {
        this.jar.clear();
    }

    /**
     * `fetch` as a page's scripts see it: relative URLs resolve against Splunk Web, cookies are sent and stored,
     * redirects are followed (unless `redirect: 'manual'`). Every response is recorded.
     */
    readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
        let url = new URL(requestUrl(input), this.webUrl).href;
        let method = (init.method ?? 'GET').toUpperCase();
        let body = init.body;
        for (let hop = 0; hop < 10; hop++) {
            const headers = new Headers(init.headers);
            if (this.jar.size > 0) headers.set('Cookie', this.cookieHeader);
            const response = await nodeFetch(url, { ...init, method, body, headers, redirect: 'manual' });
            const recorded = await this.record(method, url, response);
            const location = response.headers.get('location');
            if (init.redirect === 'manual' || location === null || response.status < 300 || response.status >= 400) {
                return recorded;
            }
            url = new URL(location, url).href;
            method = 'GET';
            body = undefined;
        }
        throw new Error(`Too many redirects from ${requestUrl(input)}`);
    };

    /** The session's fetch in the shape packages/core's proxy client takes (the browser's `fetch`). */
    readonly fetchLike: FetchLike = (url, init) =>
        this.fetch(url, {
            method: init.method,
            headers: init.headers,
            ...(init.signal instanceof AbortSignal ? { signal: init.signal } : {}),
        });

    /** packages/core's PassiveTotal provider as the page makes it, calling the app's endpoint with this session. */
    ptProvider(): PassiveTotalProvider {
        return new PassiveTotalProvider({ fetch: this.fetchLike, routes: proxyRoutes(SPLUNKD_PATH) });
    }

    /** A GET (or another method) of a path sent byte for byte, without the URL normalisation `fetch` applies. */
    async raw(pathAndQuery: string, options: { method?: string; headers?: Record<string, string> } = {}) {
        const { hostname, port } = new URL(this.webUrl);
        const method = options.method ?? 'GET';
        const headers: Record<string, string> = { ...options.headers };
        if (this.jar.size > 0) headers.cookie = this.cookieHeader;
        const answer = await new Promise<{ status: number; headers: [string, string][]; body: string }>(
            (resolve, reject) => {
                const req = httpRequest({ hostname, port, path: pathAndQuery, method, headers }, (res) => {
                    const chunks: Buffer[] = [];
                    res.on('data', (chunk: Buffer) => chunks.push(chunk));
                    res.on('end', () => {
                        const pairs: [string, string][] = [];
                        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
                            pairs.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
                        }
                        resolve({
                            status: res.statusCode ?? 0,
                            headers: pairs,
                            body: Buffer.concat(chunks).toString('utf8'),
                        });
                    });
                    res.on('error', reject);
                });
                req.on('error', reject);
                req.end();
            }
        );
        this.received.push({ method, url: `${this.webUrl}${pathAndQuery}`, ...answer });
        return answer;
    }

    /** Signs in on Splunk Web's login form (POST, as the form does); the response is the redirect it answers. */
    async login(user: string, password: string, returnTo = INVESTIGATE_PATH): Promise<Response> {
        return this.fetch(LOGIN_PATH, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ username: user, password, return_to: returnTo }).toString(),
            redirect: 'manual',
        });
    }

    /** A state-changing call through the splunkd proxy with the CSRF header, as `@splunk/splunk-utils` sends it. */
    async write(method: 'POST' | 'DELETE', apiPath: string, form?: Record<string, string>): Promise<Response> {
        return this.fetch(apiPath, {
            method,
            headers: {
                'X-Splunk-Form-Key': this.csrfToken ?? '',
                'X-Requested-With': 'XMLHttpRequest',
                'Content-Type': 'application/x-www-form-urlencoded',
            },
            ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        });
    }

    private async record(method: string, url: string, response: Response): Promise<Response> {
        for (const cookie of response.headers.getSetCookie()) {
            const [pair = ''] = cookie.split(';');
            const eq = pair.indexOf('=');
            if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        const text = await response.text();
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => headers.push([name, value]));
        this.received.push({ method, url, status: response.status, headers, body: text });
        return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
        });
    }
}

/** The first message of an error envelope (status, code, text), for assertions. */
export async function errorOf(response: Response): Promise<{ status: number; code?: string; text: string }> {
    const body = (await response.json()) as ErrorEnvelope;
    const first = body.messages[0];
    return {
        status: response.status,
        ...(first?.code === undefined ? {} : { code: first.code }),
        text: first?.text ?? '',
    };
}
