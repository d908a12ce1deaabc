/**
 * The client for the app's own REST endpoint, which proxies PassiveTotal and keeps the API key server-side.
 * Requests go to `<base>/pt/<api path>?<params>&output_mode=json`, where `<base>` is by default
 * `<splunkdPath>/servicesNS/nobody/passivetotal/passivetotal`; the route table is injectable because the proxy
 * issue owns the routes. Answers are `{data, cached, fetchedAt}`; errors splunkd's `{"messages":[...]}` envelope.
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
    const base = `${splunkdPath.replace(/\/+$/, '')}/servicesNS/${encodeURIComponent(owner)}/passivetotal/passivetotal`;
    return (apiPath, params) =>
        `${base}/pt/${apiPath.split('/').map(encodeURIComponent).join('/')}?${queryString(params)}`;
}

/** A successful proxied answer. */
export interface ProxyAnswer {
    readonly ok: true;
    readonly data: unknown;
    readonly cached: boolean;
    readonly fetchedAt?: string;
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

/**
 * Sorts a failed answer by kind, from the status and the envelope's stable `code` (never the message text). The
 * endpoint's own refusal (code `forbidden`: the Splunk user lacks the app's capability) is `not-permitted`; a
 * refusal by PassiveTotal (code `not_licensed`, or a 402/403 without a code) is `forbidden`.
 *
 * @example classifyProxyError(429, { messages: [{ type: 'ERROR', text: 'quota exceeded' }] }).kind // 'quota'
 * @example classifyProxyError(403, { messages: [{ type: 'ERROR', text: '…', code: 'forbidden' }] }).kind // 'not-permitted'
 */
export function classifyProxyError(status: number, body: unknown): ProviderError {
    const first = asObject(asArray(asObject(body)?.['messages'])[0]);
    const code = asText(first?.['code']);
    const text = asText(first?.['text']) ?? `the app endpoint answered with status ${status}`;
    let kind: ProviderErrorKind;
    if (code === 'not_configured') kind = 'not-configured';
    else if (code === 'forbidden') kind = 'not-permitted';
    else if (code === 'quota_exceeded' || status === 429) kind = 'quota';
    else if (status === 401) kind = 'unauthorized';
    else if (status === 402 || status === 403) kind = 'forbidden';
    else if (status === 400) kind = 'bad-request';
    else if (status === 404) kind = 'not-found';
    else if (status >= 500) kind = 'upstream';
    else kind = 'malformed';
    return { ok: false, kind, reason: text, expected: EXPECTED[kind], status };
}

/** A failure of a given kind with the standard expectation. */
export function providerError(kind: ProviderErrorKind, reason: string, status?: number): ProviderError {
    return { ok: false, kind, reason, expected: EXPECTED[kind], ...(status === undefined ? {} : { status }) };
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
    signal?: AbortSignalLike
): Promise<ProxyAnswer | ProviderError> {
    let response: ResponseLike;
    try {
        response = await fetchFn(routes(apiPath, params), {
            method: 'GET',
            headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
            ...(signal ? { signal } : {}),
        });
    } catch {
        return signal?.aborted
            ? providerError('aborted', 'the request was cancelled')
            : providerError('network', 'the app endpoint could not be reached');
    }
    let body: unknown;
    try {
        body = await response.json();
    } catch {
        if (signal?.aborted) return providerError('aborted', 'the request was cancelled');
        return response.status >= 200 && response.status < 300
            ? providerError('malformed', 'the app endpoint answered with something that is not JSON', response.status)
            : classifyProxyError(response.status, undefined);
    }
    if (response.status < 200 || response.status >= 300) return classifyProxyError(response.status, body);
    const o = asObject(body);
    if (!o || !('data' in o)) return providerError('malformed', 'the answer has no "data" member', response.status);
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
