/**
 * The PassiveTotal replay server: a node:http server that answers `GET /v2/<path>?query=<q>` (and
 * `/pt/v2/<path>`, the RiskIQ-era prefix) from a replay folder (`fixture-lookup.ts`), with the API's credential rule,
 * latency, fault injection and per-request statistics for the benchmark. It also stands in for the open
 * providers (README, "Open intelligence providers") under `/<provider id>/...`, from `DIR/<provider id>/` of the same folder
 * (`open-answer.ts`).
 *
 * Order of work for one request: count it; OPTIONS → CORS preflight; a fault that matches → the fault's answer;
 * credentials (basic auth, key `demo` or `demo-*`) → 401 `{"message":"invalid credentials"}` (open providers: their
 * own key rule and refusal); then the fixture,
 * the empty shape, or (with `upstreamUrl`) the upstream's answer for misses. Every response waits `latencyMs`
 * plus the envelope's and the fault's `delayMs`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDemoKey, parseBasicAuth } from './credentials';
import { defaultErrorBody, INVALID_CREDENTIALS, notFound, type JsonValue } from './error-bodies';
import { ReplayFixtureError, type FixturePayload } from './fixture-lookup';
import { answerOpenRequest, withOrigin, type OpenAnswer } from './open-answer';
import { errorAnswer } from './open-bodies';
import { contentTypeOf, isOpenProviderId, type OpenProviderId } from './open-providers';
import { bodyFields } from './open-requests';
import { answerRequest, type Answer, type ParsedRequest } from './replay-answer';

/** Options of {@link createReplayServer}. */
export interface ReplayServerOptions {
    /** The replay folder (`<q>/<path>.json` and `<path>.json` files). */
    readonly fixturesDir: string;
    /** Added delay on every response, in milliseconds (`--pt-latency`). */
    readonly latencyMs?: number;
    /**
     * A PassiveTotal-compatible base URL including its version prefix (`http://127.0.0.1:9000/v2`). When set,
     * requests that no file answers are forwarded there (same path, parameters and `Authorization`) instead of
     * getting the empty shape.
     */
    readonly upstreamUrl?: string;
}

/** A fault to inject (tests and the benchmark). */
export interface ReplayFault {
    /** Status to answer with; default 500 when `body` is given, 200 with `garbage`. */
    readonly status?: number;
    /** Body to send; default the real API's body for `status` (401, 402, 403, 429, 5xx...). */
    readonly body?: JsonValue;
    /** Delay added before answering; alone (no status, body or garbage) it only slows the normal answer. */
    readonly delayMs?: number;
    /** Send a truncated, invalid JSON body (with `Content-Type: application/json`). */
    readonly garbage?: true;
    /** Only requests whose `<path>?<sorted params>` key (see {@link ReplayStats}) matches; default all. */
    readonly forPath?: RegExp;
    /** Only the next N matching requests; default until cleared. */
    readonly times?: number;
}

/** Request counts since start or the last {@link ReplayServer.resetStats}. */
export interface ReplayStats {
    /** Every request except CORS preflights, PassiveTotal's and the open providers'. */
    readonly total: number;
    /**
     * Count per request key: the API path without `/v2/`, then `?` and the parameters sorted by name
     * (`dns/passive?query=evil.example`); non-GET methods are prefixed (`POST actions/tags?`). Open providers'
     * keys start with the provider id and take the POST body's fields as parameters
     * (`crtsh/?deduplicate=Y&exclude=expired&output=json&q=evil.example`,
     * `POST threatfox/api/v1?query=search_ioc&search_term=evil.example`).
     */
    readonly byRequest: Readonly<Record<string, number>>;
    /** Count per provider: `passivetotal` (every request that is not an open provider's), `crtsh`, `otx`... */
    readonly byProvider: Readonly<Record<string, number>>;
}

/** A request handed to {@link ReplayServer.handle} without HTTP. */
export interface ReplayRequest {
    readonly method?: string;
    /** Path and query string, e.g. `/v2/dns/passive?query=evil.example`. */
    readonly url: string;
    /** The `Authorization` header. */
    readonly authorization?: string;
    /**
     * Other request headers, lower-case names: the open providers' key headers (`auth-key`, `x-otx-api-key`,
     * `argus-api-key`) and `host` (the origin `$REPLAY_ORIGIN` becomes; default the listening origin).
     */
    readonly headers?: Readonly<Record<string, string | undefined>>;
    /** Request body text (setters; bulk GETs with `{"query": [...]}`). */
    readonly body?: string;
}

/** What the server sends. */
export interface ReplayResponse {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
}

/** A replay server. */
export interface ReplayServer {
    /**
     * Starts listening; resolves to the API base URL to configure the client with (`http://127.0.0.1:PORT/v2`).
     * @param port default 0 (any free port)
     * @param host default 127.0.0.1
     */
    listen(port?: number, host?: string): Promise<string>;
    /** Stops listening, drops open connections and cancels pending delayed answers. */
    close(): Promise<void>;
    /** Request counts (the benchmark's upstream calls). */
    stats(): ReplayStats;
    resetStats(): void;
    /** Injects a fault, replacing the previous one; `null` clears it. */
    setFault(fault: ReplayFault | null): void;
    /** Changes the added latency. */
    setLatency(ms: number): void;
    /** Answers one request in-process, exactly as over HTTP (counted, faults and latency included). */
    handle(request: ReplayRequest): Promise<ReplayResponse>;
    /**
     * The origin the server listens on (`http://127.0.0.1:PORT`), undefined before {@link listen}. Open provider
     * `<id>` is served under `<origin>/<id>/`; the RDAP bootstrap under `<origin>/rdap/bootstrap/`.
     */
    origin(): string | undefined;
}

const BASE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, no-store',
    Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Accept,Authorization,Cache-Control,Content-Type,PT-Integration,X-RISKIQ-CONTEXT',
});

/** The body sent for `garbage` faults: valid JSON cut off mid-way. */
export const GARBAGE_BODY = '{"totalRecords": 3, "results": [{"value": "evil.example", "resolve": "203.0.11';

const MAX_BODY_BYTES = 1024 * 1024;

function payloadText(payload: FixturePayload): string {
    switch (payload.kind) {
        case 'raw':
            return payload.text;
        case 'json':
            return JSON.stringify(payload.value);
        case 'empty':
            return '{}';
    }
}

function requestKey(method: string, apiPath: string, search: URLSearchParams): string {
    const params = [...search.entries()].sort(([a, x], [b, y]) =>
        a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0
    );
    const query = new URLSearchParams(params).toString();
    return `${method === 'GET' || method === 'HEAD' ? '' : `${method} `}${apiPath}?${query}`;
}

function parseJsonBody(text: string | undefined): JsonValue | undefined {
    if (text === undefined || text.trim() === '') return undefined;
    try {
        return JSON.parse(text) as JsonValue;
    } catch {
        return undefined;
    }
}

/** Every `query` value: repeated parameters, then a JSON body's `query` list (or string). */
function queriesOf(search: URLSearchParams, body: JsonValue | undefined): string[] {
    const fromParams = search.getAll('query');
    const fromBody =
        typeof body === 'object' && body !== null && !Array.isArray(body)
            ? (body as Record<string, JsonValue>)['query']
            : undefined;
    const listed = Array.isArray(fromBody) ? fromBody : fromBody === undefined ? [] : [fromBody];
    return [...fromParams, ...listed.filter((q): q is string => typeof q === 'string')];
}

/** The first value of each parameter. */
function firstValues(search: URLSearchParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of search) if (!(k in out)) out[k] = v;
    return out;
}

/** `/<id>/a/b` → the open provider and its decoded path segments; undefined when not an open provider's path. */
function openPathOf(
    pathname: string
): { provider: OpenProviderId; segments: string[] | undefined; path: string } | undefined {
    const [, first = '', ...rest] = pathname.split('/');
    if (!isOpenProviderId(first)) return undefined;
    const raw = rest.filter((s) => s !== '');
    try {
        const segments = raw.map((s) => decodeURIComponent(s));
        return { provider: first, segments, path: `${first}/${segments.join('/')}` };
    } catch {
        return { provider: first, segments: undefined, path: `${first}/${raw.join('/')}` };
    }
}

/** `/v2/a/b` or `/pt/v2/a/b` → `a/b` (segments percent-decoded); undefined for anything else. */
function apiPathOf(pathname: string): string | undefined {
    const m = /^\/(?:pt\/)?v2\/(.+?)\/*$/.exec(pathname);
    if (!m?.[1]) return undefined;
    try {
        return m[1]
            .split('/')
            .map((s) => decodeURIComponent(s))
            .join('/');
    } catch {
        return undefined;
    }
}

function toOpenAnswer(r: { status: number; contentType: string; body: string }): Omit<OpenAnswer, 'source'> {
    return { status: r.status, headers: { 'Content-Type': r.contentType }, body: r.body, delayMs: 0 };
}

/** The request's headers with one string each (repeated headers joined with `, `), lower-case names. */
function flatHeaders(req: IncomingMessage): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    return out;
}

/**
 * Creates (does not start) a replay server.
 *
 * @example
 * const pt = createReplayServer({ fixturesDir: 'packages/devserver/demo/pt-fixtures', latencyMs: 50 });
 * const base = await pt.listen(0, '127.0.0.1'); // 'http://127.0.0.1:41234/v2'
 * // GET `${base}/dns/passive?query=login-secure-update.example` with basic auth analyst@example.com:demo
 * pt.setFault({ status: 429, forPath: /^dns\/passive\?/, times: 1 });
 * pt.stats(); // { total: 1, byRequest: { 'dns/passive?query=login-secure-update.example': 1 }, byProvider: { passivetotal: 1 } }
 * // Open providers under the same origin: GET `${pt.origin()}/crtsh/?q=login-secure-update.example&output=json`
 * await pt.close();
 */
export function createReplayServer(options: ReplayServerOptions): ReplayServer {
    let latencyMs = Math.max(0, options.latencyMs ?? 0);
    let fault: { spec: ReplayFault; remaining: number } | null = null;
    let total = 0;
    let counts = new Map<string, number>();
    let providerCounts = new Map<string, number>();
    let listeningOrigin: string | undefined;
    const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
    const upstream = options.upstreamUrl?.replace(/\/+$/, '');
    let server: Server | undefined;

    const sleep = (ms: number): Promise<void> =>
        ms <= 0
            ? Promise.resolve()
            : new Promise((resolve) => {
                  const entry = {
                      timer: setTimeout(() => {
                          timers.delete(entry);
                          resolve();
                      }, ms),
                      done: resolve,
                  };
                  timers.add(entry);
              });

    const respond = (status: number, body: string, headers: Readonly<Record<string, string>> = {}): ReplayResponse => ({
        status,
        headers: { ...BASE_HEADERS, ...headers },
        body,
    });

    /** The active fault for a request key, consuming one of its `times`. */
    function takeFault(key: string): ReplayFault | undefined {
        if (!fault) return undefined;
        const { spec } = fault;
        if (spec.forPath) {
            spec.forPath.lastIndex = 0;
            if (!spec.forPath.test(key)) return undefined;
        }
        fault.remaining -= 1;
        if (fault.remaining <= 0) fault = null;
        return spec;
    }

    async function forward(
        apiPath: string,
        search: URLSearchParams,
        authorization: string | undefined
    ): Promise<ReplayResponse> {
        const qs = search.toString();
        const target = `${upstream ?? ''}/${apiPath.split('/').map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
        try {
            const res = await fetch(target, {
                headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
            });
            return respond(res.status, await res.text(), { 'X-Replay-Source': 'upstream' });
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            return respond(502, JSON.stringify({ message: `upstream unreachable: ${reason}` }), {
                'X-Replay-Source': 'upstream',
            });
        }
    }

    /** The origin `$REPLAY_ORIGIN` stands for: the request's `Host`, else the listening origin. */
    function originFor(request: ReplayRequest): string {
        const host = request.headers?.['host'];
        return host !== undefined && host !== '' ? `http://${host}` : (listeningOrigin ?? 'http://127.0.0.1');
    }

    function count(key: string, provider: string): void {
        total += 1;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        providerCounts.set(provider, (providerCounts.get(provider) ?? 0) + 1);
    }

    /** An open provider's request: count, fault, key, then the folder (`open-answer.ts`). */
    async function answerOpen(
        request: ReplayRequest,
        method: string,
        url: URL,
        open: { provider: OpenProviderId; segments: string[] | undefined; path: string }
    ): Promise<ReplayResponse> {
        const { provider } = open;
        const search = new URLSearchParams([
            ...url.searchParams.entries(),
            ...Object.entries(bodyFields(provider, request.body)),
        ]);
        const key = requestKey(method, open.path, search);
        count(key, provider);
        let delay = latencyMs;
        const type = { 'Content-Type': contentTypeOf(provider) };

        const injected = takeFault(key);
        if (injected) {
            delay += injected.delayMs ?? 0;
            if (injected.garbage === true) {
                await sleep(delay);
                return respond(injected.status ?? 200, GARBAGE_BODY, { ...type, 'X-Replay-Source': 'fault' });
            }
            if (injected.body !== undefined) {
                await sleep(delay);
                return respond(injected.status ?? 500, JSON.stringify(injected.body), {
                    ...type,
                    'X-Replay-Source': 'fault',
                });
            }
            if (injected.status !== undefined) {
                const r = errorAnswer(provider, injected.status);
                await sleep(delay);
                return respond(r.status, r.body, {
                    'Content-Type': r.contentType,
                    ...r.headers,
                    'X-Replay-Source': 'fault',
                });
            }
        }

        const origin = originFor(request);
        let found: OpenAnswer;
        try {
            found = open.segments
                ? await answerOpenRequest(
                      options.fixturesDir,
                      {
                          method,
                          provider,
                          segments: open.segments,
                          search: url.searchParams,
                          body: request.body,
                          headers: request.headers ?? {},
                          authorization: request.authorization,
                      },
                      origin
                  )
                : { ...toOpenAnswer(errorAnswer(provider, 400)), source: 'error' };
        } catch (error) {
            const message =
                error instanceof ReplayFixtureError ? error.message : 'the replay server could not read its fixtures';
            await sleep(delay);
            return respond(500, JSON.stringify({ message }), { 'X-Replay-Source': 'error' });
        }
        await sleep(delay + found.delayMs);
        return respond(found.status, found.body, { ...found.headers, 'X-Replay-Source': found.source });
    }

    async function answer(request: ReplayRequest): Promise<ReplayResponse> {
        const method = (request.method ?? 'GET').toUpperCase();
        const url = new URL(request.url, 'http://replay.invalid');
        if (method === 'OPTIONS') return respond(204, '');
        const open = openPathOf(url.pathname);
        if (open) return answerOpen(request, method, url, open);
        const apiPath = apiPathOf(url.pathname);
        const key = requestKey(method, apiPath ?? url.pathname, url.searchParams);
        count(key, 'passivetotal');
        let delay = latencyMs;

        const injected = takeFault(key);
        if (injected) {
            delay += injected.delayMs ?? 0;
            if (injected.garbage === true) {
                await sleep(delay);
                return respond(injected.status ?? 200, GARBAGE_BODY, { 'X-Replay-Source': 'fault' });
            }
            if (injected.status !== undefined || injected.body !== undefined) {
                const status = injected.status ?? 500;
                await sleep(delay);
                return respond(status, JSON.stringify(injected.body ?? defaultErrorBody(status, url.pathname)), {
                    'X-Replay-Source': 'fault',
                });
            }
        }

        const credentials = parseBasicAuth(request.authorization);
        if (!credentials || !isDemoKey(credentials.apiKey)) {
            await sleep(delay);
            return respond(401, JSON.stringify(INVALID_CREDENTIALS), { 'X-Replay-Source': 'credentials' });
        }
        if (apiPath === undefined) {
            await sleep(delay);
            return respond(404, JSON.stringify(notFound(url.pathname)), { 'X-Replay-Source': 'error' });
        }

        const jsonBody = parseJsonBody(request.body);
        const parsed: ParsedRequest = {
            method,
            apiPath,
            uri: url.pathname,
            params: firstValues(url.searchParams),
            queries: queriesOf(url.searchParams, jsonBody),
            username: credentials.username,
            jsonBody,
        };
        let found: Answer | undefined;
        try {
            found = await answerRequest(options.fixturesDir, parsed, upstream !== undefined);
        } catch (error) {
            const message =
                error instanceof ReplayFixtureError ? error.message : 'the replay server could not read its fixtures';
            await sleep(delay);
            return respond(500, JSON.stringify({ message }), { 'X-Replay-Source': 'error' });
        }
        if (!found) {
            await sleep(delay);
            return forward(apiPath, url.searchParams, request.authorization);
        }
        await sleep(delay + found.delayMs);
        const text = payloadText(found.payload);
        return respond(found.status, found.source.startsWith('file:') ? withOrigin(text, originFor(request)) : text, {
            ...found.headers,
            'X-Replay-Source': found.source,
        });
    }

    function readBody(req: IncomingMessage): Promise<string> {
        return new Promise((resolve, reject) => {
            const chunks: Buffer[] = [];
            let size = 0;
            req.on('data', (chunk: Buffer) => {
                size += chunk.length;
                if (size > MAX_BODY_BYTES) {
                    reject(new Error('request body too large'));
                    req.destroy();
                } else chunks.push(chunk);
            });
            req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            req.on('error', reject);
        });
    }

    async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
        let result: ReplayResponse;
        try {
            const body = await readBody(req);
            result = await answer({
                method: req.method ?? 'GET',
                url: req.url ?? '/',
                authorization: req.headers.authorization,
                headers: flatHeaders(req),
                body,
            });
        } catch {
            result = respond(400, JSON.stringify({ message: 'bad request' }));
        }
        if (res.destroyed) return;
        res.writeHead(result.status, result.headers);
        res.end(req.method === 'HEAD' ? undefined : result.body);
    }

    return {
        listen(port = 0, host = '127.0.0.1') {
            return new Promise((resolve, reject) => {
                const s = createServer((req, res) => void onRequest(req, res));
                s.once('error', reject);
                s.listen(port, host, () => {
                    server = s;
                    const address = s.address() as AddressInfo;
                    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
                    listeningOrigin = `http://${shownHost}:${String(address.port)}`;
                    resolve(`${listeningOrigin}/v2`);
                });
            });
        },
        close() {
            for (const entry of timers) {
                clearTimeout(entry.timer);
                entry.done();
            }
            timers.clear();
            const s = server;
            server = undefined;
            listeningOrigin = undefined;
            if (!s) return Promise.resolve();
            return new Promise((resolve) => {
                s.close(() => resolve());
                s.closeAllConnections();
            });
        },
        stats() {
            return { total, byRequest: Object.fromEntries(counts), byProvider: Object.fromEntries(providerCounts) };
        },
        resetStats() {
            total = 0;
            counts = new Map();
            providerCounts = new Map();
        },
        setFault(spec) {
            fault = spec ? { spec, remaining: spec.times ?? Number.POSITIVE_INFINITY } : null;
        },
        setLatency(ms) {
            latencyMs = Math.max(0, ms);
        },
        handle: answer,
        origin: () => listeningOrigin,
    };
}
