/**
 * The one way the pages talk to splunkd: through Splunk Web's `/splunkd/__raw` proxy with the session's CSRF
 * header, `output_mode=json`, and one typed error for every failure.
 *
 * - URLs come from `createRESTURL` (`servicesNS/<owner>/<app>/<endpoint>` when `app` is given).
 * - Requests use `createFetchInit` (credentials, `X-Splunk-Form-Key`, `X-Requested-With`, form content type).
 * - A non-2xx answer throws {@link RestError} with the status, splunkd's `messages` and the app endpoint's stable
 *   `code` (README.md, "Errors"), so callers act on the code and status, never on the text.
 * - An aborted request rejects with the browser's `AbortError`, never with a RestError: callers skip it with
 *   {@link isAbortError}, so a cancelled request is never shown as a failure.
 */
import { createRESTURL } from '@splunk/splunk-utils/url';
import { createFetchInit, findErrorMessage, handleResponse } from '@splunk/splunk-utils/fetch';

/** The app id; the default namespace of {@link RestOptions.app}. */
export const APP = 'passivetotal';

/**
 * The longest the page waits for one answer of Splunk Web (the app's endpoint gives up on the upstream after its
 * `deadline_seconds`, 25 by default, and Splunk Web on splunkd after 30).
 */
export const REQUEST_TIMEOUT_MS = 60_000;

/** A query or form value; arrays repeat the key, `undefined` leaves it out. */
export type RestValue = string | number | boolean;
export type RestParams = Readonly<Record<string, RestValue | readonly RestValue[] | undefined>>;

/** One entry of splunkd's `messages` (the app endpoint adds `code` and, for some errors, more fields). */
export interface RestMessage {
    readonly type: string;
    readonly text: string;
    readonly code?: string;
    readonly [extra: string]: unknown;
}

export interface RestOptions {
    /** App namespace; with it the URL is `servicesNS/<owner>/<app>/…`. Omit it (or `null`) for `services/…`. */
    readonly app?: string | null;
    /** Owner of the namespace; default `nobody`. */
    readonly owner?: string;
    /** URL parameters (`output_mode=json` is always added). */
    readonly query?: RestParams;
    /** Form fields of a POST, sent form-encoded. */
    readonly form?: RestParams;
    readonly signal?: AbortSignal;
}

/** A failed splunkd call: the HTTP status (0 when Splunk Web did not answer), the messages and the stable code. */
export class RestError extends Error {
    readonly status: number;
    readonly messages: readonly RestMessage[];
    /** The app endpoint's stable error code (`bad_credentials`, `forbidden`, …), `network` or `malformed`. */
    readonly code: string | undefined;

    constructor(status: number, messages: readonly RestMessage[], code?: string) {
        super(messages[0]?.text ?? `Splunk answered ${String(status)}.`);
        this.name = 'RestError';
        this.status = status;
        this.messages = messages;
        this.code = code ?? messages.find((m) => typeof m.code === 'string')?.code;
    }

    /** The first ERROR message, for fields such as `fields` or `resetAt` that the app endpoint adds. */
    get detail(): RestMessage | undefined {
        return this.messages[0];
    }
}

/** True for the rejection of an aborted request, which is not a failure. */
export function isAbortError(error: unknown): boolean {
    return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSearchParams(params: RestParams | undefined): URLSearchParams {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params ?? {})) {
        if (value === undefined) continue;
        const values: readonly RestValue[] = Array.isArray(value)
            ? (value as readonly RestValue[])
            : [value as RestValue];
        for (const v of values) search.append(key, String(v));
    }
    return search;
}

/** The URL of an endpoint, e.g. `/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/status?output_mode=json`. */
export function restUrl(endpoint: string, options: Pick<RestOptions, 'app' | 'owner' | 'query'> = {}): string {
    const app = options.app === undefined ? APP : options.app;
    const namespace = app === null ? {} : { app, owner: options.owner ?? 'nobody' };
    const query = toSearchParams(options.query);
    query.delete('output_mode');
    query.append('output_mode', 'json');
    return `${createRESTURL(endpoint, namespace)}?${query.toString()}`;
}

function messagesOf(body: unknown): RestMessage[] {
    if (!isRecord(body) || !Array.isArray(body.messages)) return [];
    return body.messages.filter(
        (m): m is RestMessage => isRecord(m) && typeof m.type === 'string' && typeof m.text === 'string'
    );
}

async function errorFrom(response: Response): Promise<RestError> {
    let body: unknown;
    try {
        body = JSON.parse(await response.text());
    } catch {
        body = undefined;
    }
    const messages = messagesOf(body);
    const error: unknown = findErrorMessage(isRecord(body) ? body : {});
    const first = messages.find((m) => m === error) ?? messages[0];
    if (first) return new RestError(response.status, [first, ...messages.filter((m) => m !== first)]);
    const reason = response.statusText ? ` ${response.statusText}` : '';
    return new RestError(response.status, [
        { type: 'ERROR', text: `Splunk answered ${String(response.status)}${reason} without an explanation.` },
    ]);
}

/** One request; resolves with the parsed JSON (`null` for 204) or throws {@link RestError} / an AbortError. */
export async function restRequest(
    method: 'GET' | 'POST' | 'DELETE',
    endpoint: string,
    options: RestOptions = {}
): Promise<unknown> {
    // Every request has a time limit: the caller's signal, or REQUEST_TIMEOUT_MS, whichever ends it first.
    const limit = new AbortController();
    const forward = () => limit.abort();
    options.signal?.addEventListener('abort', forward);
    if (options.signal?.aborted === true) limit.abort();
    const limitState = { timedOut: false };
    const timer = setTimeout(() => {
        limitState.timedOut = true;
        limit.abort();
    }, REQUEST_TIMEOUT_MS);
    const init = createFetchInit({
        method,
        ...(options.form === undefined ? {} : { body: toSearchParams(options.form).toString() }),
        signal: limit.signal,
    });
    let response: Response;
    try {
        response = await fetch(restUrl(endpoint, options), init);
    } catch (error) {
        if (limitState.timedOut) {
            throw new RestError(
                0,
                [
                    {
                        type: 'ERROR',
                        text: `Splunk Web did not answer within ${String(REQUEST_TIMEOUT_MS / 1000)} seconds. Try again; if it keeps happening, the search head is overloaded.`,
                    },
                ],
                'network'
            );
        }
        if (isAbortError(error) || options.signal?.aborted === true) throw error;
        throw new RestError(
            0,
            [{ type: 'ERROR', text: 'Splunk Web did not answer. Check the connection and reload the page.' }],
            'network'
        );
    } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', forward);
    }
    try {
        const parsed: unknown = await handleResponse([200, 201, 204])(response);
        return parsed;
    } catch (failure) {
        if (isAbortError(failure) || options.signal?.aborted === true) throw failure;
        if (failure === response) throw await errorFrom(response);
        throw new RestError(
            response.status,
            [{ type: 'ERROR', text: 'Splunk answered with something that is not JSON.' }],
            'malformed'
        );
    }
}

/** `GET endpoint`. */
export function restGet(endpoint: string, options: Omit<RestOptions, 'form'> = {}): Promise<unknown> {
    return restRequest('GET', endpoint, options);
}

/** `POST endpoint` with `options.form`. */
export function restPost(endpoint: string, options: RestOptions = {}): Promise<unknown> {
    return restRequest('POST', endpoint, options);
}

/** `DELETE endpoint`. */
export function restDelete(endpoint: string, options: Omit<RestOptions, 'form'> = {}): Promise<unknown> {
    return restRequest('DELETE', endpoint, options);
}
