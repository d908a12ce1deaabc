/**
 * The client for the app's own REST endpoint, which proxies PassiveTotal and the open providers and keeps every key
 * server-side. Requests go to `<base>/pt/<operation>?<params>&output_mode=json` (PassiveTotal) or
 * `<base>/open/<provider>/<operation>?q=<value>&output_mode=json` (open providers), where `<base>` is by default
 * `<splunkdPath>/servicesNS/nobody/passivetotal/passivetotal`; the route families and their paths are the
 * catalogue's (`ROUTES`), and the route table is injectable so tests and the stand-in can point it elsewhere.
 * Answers are `{data, cached, fetchedAt}`; errors splunkd's `{"messages":[...]}` envelope with a stable `code` of
 * the catalogue (`ERRORS`), the same for both route families.
 */
import { HTTP, ROUTES, type ErrorCode, type ProviderId, type RouteName } from '../../catalogue/catalogue.generated';
import {
    isErrorCode,
    isNotConfiguredReason,
    keyWords,
    providerSpec,
    type NotConfiguredReason,
} from '../../catalogue/lookup';
import { isProviderId } from '../open/catalogue';
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
 * The default route table: `<splunkdPath>/servicesNS/nobody/passivetotal/passivetotal/pt/<operation>?...`.
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

/**
 * The first segment of a route family's path in the catalogue (`pt/<PassiveTotal path>` → `pt`).
 *
 * @example routePrefix('open') // 'open'
 */
export function routePrefix(route: Extract<RouteName, 'pt' | 'open'>): string {
    return ROUTES[route].path.split('/')[0] ?? route;
}

function endpointRoutes(splunkdPath: string, owner: string, route: Extract<RouteName, 'pt' | 'open'>): RouteBuilder {
    const base = `${splunkdPath.replace(/\/+$/, '')}/servicesNS/${encodeURIComponent(owner)}/passivetotal/passivetotal`;
    const prefix = routePrefix(route);
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
    readonly code?: ErrorCode;
}

/**
 * The source behind a proxied route, as its errors should name it: the provider, what each kind of failure needs
 * (for people), and the kind of an HTTP 402 without a code.
 */
export interface ProxySource {
    readonly provider: ProviderId;
    /** What each kind of failure needs, for people. */
    readonly expected: Readonly<Record<ProviderErrorKind, string>>;
    /** The kind of an HTTP 402: PassiveTotal's is a licence refusal, an open provider's a spent quota. */
    readonly paymentRequired: ProviderErrorKind;
}

/**
 * The kind of every error code of the catalogue. Keyed by the catalogue's `ErrorCode`, so a code added there does
 * not compile here until it has a kind. `forbidden` is the endpoint refusing the Splunk user; `not_licensed`
 * PassiveTotal refusing the account.
 */
export const ERROR_KINDS: Readonly<Record<ErrorCode, ProviderErrorKind>> = {
    not_configured: 'not-configured',
    bad_credentials: 'unauthorized',
    not_licensed: 'forbidden',
    quota_exceeded: 'quota',
    rate_limited: 'quota',
    user_limit_reached: 'quota',
    bad_query: 'bad-request',
    not_found: 'not-found',
    upstream_unavailable: 'upstream',
    upstream_timeout: 'upstream',
    upstream_malformed: 'upstream',
    upstream_error: 'upstream',
    not_allowed: 'bad-request',
    invalid_settings: 'bad-request',
    method_not_allowed: 'bad-request',
    forbidden: 'not-permitted',
    cache_unavailable: 'upstream',
    invalid_input: 'bad-request',
    history_unavailable: 'upstream',
    watches_unavailable: 'upstream',
    watch_conflict: 'upstream',
    internal: 'upstream',
};

/** What each kind needs, for PassiveTotal. */
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
 * A provider as the source of its routes (`pt/` for PassiveTotal, `open/<id>/` for the others), its label in
 * every expectation and its 402 read by the catalogue's statuses (PassiveTotal's own `not_licensed`, the
 * others' `quota_exceeded`).
 *
 * @example proxySource('crtsh').expected.quota // 'crt.sh to accept requests again (its rate limit or the app's); wait and try again'
 * @example proxySource('passivetotal').paymentRequired // 'forbidden'
 */
export function proxySource(id: ProviderId): ProxySource {
    const spec = providerSpec(id);
    const statuses: Readonly<Record<string, ErrorCode>> = { ...HTTP.statuses, ...spec.statuses };
    const paymentRequired = ERROR_KINDS[statuses['402'] ?? 'upstream_error'];
    if (spec.route === 'pt') return { provider: id, expected: EXPECTED, paymentRequired };
    const label = spec.label;
    return {
        provider: id,
        paymentRequired,
        expected: {
            ...EXPECTED,
            'not-configured': `an administrator to enable ${label} (and enter its key, if it needs one) on the setup page`,
            unauthorized: `a valid ${label} ${keyWords(id).secret} (check the setup page) and a Splunk session`,
            forbidden: `${label} to allow this query`,
            quota: `${label} to accept requests again (its rate limit or the app's); wait and try again`,
            'bad-request': `a query ${label} accepts`,
            upstream: `${label} to be reachable; try again later`,
        },
    };
}

/** PassiveTotal as the source of the `pt/` routes. */
export const PASSIVETOTAL_SOURCE: ProxySource = proxySource('passivetotal');

/**
 * What an administrator has to do about a `not_configured` answer, by its `reason` and the provider it names.
 * Without a provider (an unusable `https_proxy`) the words are about the app's settings. The switch names every
 * reason of the catalogue (`errors.not_configured.reasons`), so a reason added there does not compile here until
 * it has its words.
 *
 * @example notConfiguredWords('key_missing', 'circl') // 'an administrator to enter the CIRCL Passive DNS username and password on the setup page'
 * @example notConfiguredWords('disabled', 'crtsh') // 'an administrator to turn crt.sh on on the setup page'
 */
export function notConfiguredWords(reason: NotConfiguredReason, provider?: ProviderId): string {
    if (provider === undefined) return "an administrator to correct the app's settings on the setup page";
    const { label } = providerSpec(provider);
    const { basic, secret } = keyWords(provider);
    switch (reason) {
        case 'key_missing':
            return `an administrator to enter the ${label} ${basic ? 'username and ' : ''}${secret} on the setup page`;
        case 'disabled':
            return `an administrator to turn ${label} on on the setup page`;
        case 'invalid_settings':
            return `an administrator to correct the settings of ${label} on the setup page`;
        case 'key_host':
            return `an administrator to enter the ${label} ${basic ? 'username and ' : ''}${secret} again on the setup page (it was saved for another address)`;
    }
}

/**
 * The stable `code` of the first message of a splunkd error envelope, when it is one of the catalogue's.
 *
 * @example proxyErrorCode({ messages: [{ type: 'ERROR', text: 'x', code: 'rate_limited' }] }) // 'rate_limited'
 */
export function proxyErrorCode(body: unknown): ErrorCode | undefined {
    const code = asObject(asArray(asObject(body)?.['messages'])[0])?.['code'];
    return isErrorCode(code) ? code : undefined;
}

/** The kind of a failure without a known code, from its status. */
function kindOfStatus(status: number, source: ProxySource): ProviderErrorKind {
    if (status === 429) return 'quota';
    if (status === 401) return 'unauthorized';
    if (status === 402) return source.paymentRequired;
    if (status === 403) return 'forbidden';
    if (status === 400) return 'bad-request';
    if (status === 404) return 'not-found';
    if (status >= 500) return 'upstream';
    return 'malformed';
}

/**
 * Sorts a failed answer by kind: by the envelope's stable `code` ({@link ERROR_KINDS}) when it has one of the
 * catalogue's, else by the status; never by the message text. A `not_configured` answer says what to do by its
 * `reason` (`key_missing`, `disabled`, `invalid_settings`) and the `provider` it names.
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
    const kind = code === undefined ? kindOfStatus(status, source) : ERROR_KINDS[code];
    const reason = first?.['reason'];
    const named = asText(first?.['provider']);
    const provider = named !== undefined && isProviderId(named) ? named : undefined;
    // Without a provider, an unusable setting is the app's own (https_proxy); a missing key is the source's.
    const expected =
        code === 'not_configured' && isNotConfiguredReason(reason)
            ? notConfiguredWords(reason, provider ?? (reason === 'invalid_settings' ? undefined : source.provider))
            : source.expected[kind];
    return { ok: false, kind, reason: text, expected, status };
}

/**
 * A failure of a given kind with the standard expectation (PassiveTotal's, or the given source's).
 *
 * @example providerError('quota', 'mnemonic answered 402', 402, proxySource('mnemonic')).expected // 'mnemonic PassiveDNS to accept requests again (its rate limit or the app's); wait and try again'
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
    const failure = (error: ProviderError, code?: ErrorCode): ProxyFailure =>
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
