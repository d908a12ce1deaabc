/**
 * The client for the app's own REST endpoint, which proxies PassiveTotal and the open providers and keeps every key
 * server-side. Requests go to `<base>/pt/<api path>?<params>&output_mode=json` (PassiveTotal) or
 * `<base>/open/<provider>/<operation>?q=<value>&output_mode=json` (open providers), where `<base>` is by default
 * `<splunkdPath>/servicesNS/nobody/passivetotal/passivetotal`; the route table is injectable because the proxy
 * issue owns the routes. Answers are `{data, cached, fetchedAt}`; errors splunkd's `{"messages":[...]}` envelope
 * with a stable `code`, the same for both route families.
 */
import type { ProviderError, ProviderErrorKind, AbortSignalLike } from '../provider';
import { asArray, asBoolean, asNumber, asObject, asText } from './json-reader';

/** The part of a fetch `Response` the client uses. */
export interface ResponseLike {
    readonly status: number;
    json(): Promise<unknown>;
}

/** A `fetch`-like function (the browser's `fetch`, Node's, or a test double). */
export type FetchLike = (
    url: string,
    init: {
        readonly method: 'GET';
        readonly headers: Readonly<Record<string, string>>;
        readonly signal?: AbortSignalLike;
    }
) => Promise<ResponseLike>;

/** Builds the URL of a proxied API call. */
export type RouteBuilder = (apiPath: string, params: Readonly<Record<string, string>>) => string;

/** Query string from parameters (sorted, so equal requests give equal URLs), always with `output_mode=json`. */
export function queryString(params: Readonly<Record<string, string>>): string {
    const pairs: [string, string][] = [
        ...Object.entries(params).sort(([a], [b]) => a.localeCompare(b)),
        ['output_mode', 'json'],
    ];
    return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/**
 * The default route table: `<splunkdPath>/servicesNS/nobody/passivetotal/passivetotal/pt/<api path>?...`.
 *
 * @example proxyRoutes('/en-US/splunkd/__raw')('dns/passive', { query: 'evil.example' })
 * // '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/pt/dns/passive?query=evil.example&output_mode=json'
 */
export function proxyRoutes(splunkdPath: string, owner = 'nobody'): RouteBuilder {
    return endpointRoutes(splunkdPath, owner, 'pt');
}

/**
 * The route table of the open providers: `<splunkdPath>/servicesNS/nobody/passivetotal/passivetotal/open/<id>/<operation>?q=...`,
 * where the API path is `<id>/<operation>`.
 *
 * @example openProxyRoutes('/en-US/splunkd/__raw')('crtsh/certificates', { q: 'evil.example' })
 * // '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/open/crtsh/certificates?q=evil.example&output_mode=json'
 */
export function openProxyRoutes(splunkdPath: string, owner = 'nobody'): RouteBuilder {
    return endpointRoutes(splunkdPath, owner, 'open');
}

function endpointRoutes(splunkdPath: string, owner: string, prefix: 'pt' | 'open'): RouteBuilder {
    const base = `${splunkdPath.replace(/\/+$/, '')}/servicesNS/${encodeURIComponent(owner)}/passivetotal/passivetotal`;
    return (apiPath, params) =>
        `${base}/${prefix}/${apiPath.split('/').map(encodeURIComponent).join('/')}?${queryString(params)}`;
}

/** A successful proxied answer. */
export interface ProxyAnswer {
    readonly ok: true;
    readonly data: unknown;
    readonly cached: boolean;
    readonly fetchedAt?: string;
}

/** A failed proxied answer: the classified error, and the envelope's stable `code` when it had one. */
export interface ProxyFailure {
    readonly ok: false;
    readonly error: ProviderError;
    readonly code?: string;
}

/**
 * The source behind a proxied route, as its errors should name it. PassiveTotal's 402 is a licence refusal; the open
 * providers answer 402 when a quota is spent (mnemonic's "Payment Required").
 */
export interface ProxySource {
    /** What each kind of failure needs, for people. */
    readonly expected: Readonly<Record<ProviderErrorKind, string>>;
    /** The kind of an HTTP 402. */
    readonly paymentRequired: 'forbidden' | 'quota';
}

const EXPECTED: Readonly<Record<ProviderErrorKind, string>> = {
    'not-configured': 'an administrator to enter PassiveTotal credentials on the setup page',
    unauthorized: 'valid PassiveTotal credentials (check the setup page) and a Splunk session',
    forbidden: 'a PassiveTotal licence that includes this dataset',
    'not-permitted':
        'the PassiveTotal for Splunk user role (capability passivetotal_query); ask a Splunk administrator',
    quota: 'remaining PassiveTotal quota; wait for the quota to reset',
    'bad-request': 'a query PassiveTotal accepts for this dataset',
    'not-found': 'an existing record or endpoint',
    upstream: 'PassiveTotal to be reachable; try again later',
    network: 'a working connection to Splunk',
    aborted: 'nothing; the request was cancelled',
    malformed: 'a JSON answer from the app endpoint',
    unsupported: 'a dataset this provider offers for this indicator type',
};

/** PassiveTotal as the source of the `pt/` routes. */
export const PASSIVETOTAL_SOURCE: ProxySource = { expected: EXPECTED, paymentRequired: 'forbidden' };

/**
 * An open provider as the source of the `open/<id>/` routes, its label in every expectation.
 *
 * @example openProxySource('crt.sh').expected.quota // 'crt.sh to accept requests again (its rate limit or the app's); wait and try again'
 */
export function openProxySource(label: string): ProxySource {
    return {
        paymentRequired: 'quota',
        expected: {
            ...EXPECTED,
            'not-configured': `an administrator to enable ${label} (and enter its key, if it needs one) on the setup page`,
            unauthorized: `a valid ${label} key (check the setup page) and a Splunk session`,
            forbidden: `${label} to allow this query`,
            quota: `${label} to accept requests again (its rate limit or the app's); wait and try again`,
            'bad-request': `a query ${label} accepts`,
            upstream: `${label} to be reachable; try again later`,
        },
    };
}

/** Envelope codes meaning "not set up": PassiveTotal credentials, or an open provider disabled or without its key. */
const NOT_CONFIGURED_CODES: ReadonlySet<string> = new Set([
    'not_configured',
    'provider_not_configured',
    'provider_disabled',
]);
/** Envelope codes meaning "too many requests": the upstream's quota, or the app's own rate limit. */
const QUOTA_CODES: ReadonlySet<string> = new Set(['quota_exceeded', 'rate_limited']);

/** The stable `code` of the first message of a splunkd error envelope, if any. */
export function proxyErrorCode(body: unknown): string | undefined {
    return asText(asObject(asArray(asObject(body)?.['messages'])[0])?.['code']);
}

/**
 * Sorts a failed answer by kind, from the status and the envelope's stable `code` (never the message text). The
 * endpoint's own refusal (code `forbidden`: the Splunk user lacks the app's capability) is `not-permitted`; a
 * refusal by PassiveTotal (code `not_licensed`, or a 402/403 without a code) is `forbidden`.
 *
 * @example classifyProxyError(429, { messages: [{ type: 'ERROR', text: 'quota exceeded' }] }).kind // 'quota'
 * @example classifyProxyError(403, { messages: [{ type: 'ERROR', text: '…', code: 'forbidden' }] }).kind // 'not-permitted'
 */
export function classifyProxyError(
    status: number,
    body: unknown,
    source: ProxySource = PASSIVETOTAL_SOURCE
): ProviderError {
    const first = asObject(asArray(asObject(body)?.['messages'])[0]);
    const code = proxyErrorCode(body);
    const text = asText(first?.['text']) ?? `the app endpoint answered with status ${status}`;
    let kind: ProviderErrorKind;
    if (code !== undefined && NOT_CONFIGURED_CODES.has(code)) kind = 'not-configured';
    else if (code === 'forbidden') kind = 'not-permitted';
    else if ((code !== undefined && QUOTA_CODES.has(code)) || status === 429) kind = 'quota';
    else if (status === 401) kind = 'unauthorized';
    else if (status === 402) kind = source.paymentRequired;
    else if (status === 403) kind = 'forbidden';
    else if (status === 400) kind = 'bad-request';
    else if (status === 404) kind = 'not-found';
    else if (status >= 500) kind = 'upstream';
    else kind = 'malformed';
    return { ok: false, kind, reason: text, expected: source.expected[kind], status };
}

/**
 * A failure of a given kind with the standard expectation (PassiveTotal's, or the given source's).
 *
 * @example providerError('quota', 'mnemonic answered 402', 402, openProxySource('mnemonic')).expected // 'mnemonic to accept requests again (its rate limit or the app's); wait and try again'
 */
export function providerError(
    kind: ProviderErrorKind,
    reason: string,
    status?: number,
    source: ProxySource = PASSIVETOTAL_SOURCE
): ProviderError {
    return { ok: false, kind, reason, expected: source.expected[kind], ...(status === undefined ? {} : { status }) };
}

/**
 * Calls the proxy. Never rejects: network failures, aborts, error envelopes and malformed bodies all come back as
 * a {@link ProviderError}.
 */
export async function callProxy(
    fetchFn: FetchLike,
    routes: RouteBuilder,
    apiPath: string,
    params: Readonly<Record<string, string>>,
    signal?: AbortSignalLike,
    source: ProxySource = PASSIVETOTAL_SOURCE
): Promise<ProxyAnswer | ProviderError> {
    const answer = await requestProxy(fetchFn, routes, apiPath, params, signal, source);
    return answer.ok ? answer : answer.error;
}

/**
 * {@link callProxy}, keeping the error envelope's stable `code` beside the classified error (an open provider reads
 * `not_found` as "no record" and any other 404 as a failure).
 */
export async function requestProxy(
    fetchFn: FetchLike,
    routes: RouteBuilder,
    apiPath: string,
    params: Readonly<Record<string, string>>,
    signal?: AbortSignalLike,
    source: ProxySource = PASSIVETOTAL_SOURCE
): Promise<ProxyAnswer | ProxyFailure> {
    const failure = (error: ProviderError, code?: string): ProxyFailure =>
        code === undefined ? { ok: false, error } : { ok: false, error, code };
    const fault = (kind: ProviderErrorKind, reason: string, status?: number) =>
        failure(providerError(kind, reason, status, source));
    let response: ResponseLike;
    try {
        response = await fetchFn(routes(apiPath, params), {
            method: 'GET',
            headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
            ...(signal ? { signal } : {}),
        });
    } catch {
        return signal?.aborted
            ? fault('aborted', 'the request was cancelled')
            : fault('network', 'the app endpoint could not be reached');
    }
    let body: unknown;
    try {
        body = await response.json();
    } catch {
        if (signal?.aborted) return fault('aborted', 'the request was cancelled');
        return response.status >= 200 && response.status < 300
            ? fault('malformed', 'the app endpoint answered with something that is not JSON', response.status)
            : failure(classifyProxyError(response.status, undefined, source));
    }
    if (response.status < 200 || response.status >= 300) {
        return failure(classifyProxyError(response.status, body, source), proxyErrorCode(body));
    }
    const o = asObject(body);
    if (!o || !('data' in o)) return fault('malformed', 'the answer has no "data" member', response.status);
    const fetchedAt =
        asText(o['fetchedAt']) ??
        (asNumber(o['fetchedAt']) === undefined
            ? undefined
            : new Date((asNumber(o['fetchedAt']) ?? 0) * 1000).toISOString());
    return {
        ok: true,
        data: o['data'],
        cached: asBoolean(o['cached']) ?? false,
        ...(fetchedAt === undefined ? {} : { fetchedAt }),
    };
}
