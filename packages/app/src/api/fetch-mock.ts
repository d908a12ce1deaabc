/**
 * Test helper: a stand-in for `fetch` that answers like splunkd through Splunk Web, for the jsdom tests (jsdom has
 * no fetch). Every request is recorded; a request no route answers fails the test (like MSW's
 * `onUnhandledRequest: 'error'`). Aborting a request rejects it with an `AbortError`, as browsers do.
 */

/** A request as the fake saw it. */
export interface RecordedRequest {
    readonly method: string;
    readonly url: URL;
    /** `/servicesNS/...` or `/services/...`: the path after Splunk Web's splunkd proxy prefix. */
    readonly path: string;
    readonly form: URLSearchParams;
    readonly headers: Readonly<Record<string, string>>;
}

/** A fake answer: status and JSON body (a string is sent as it is). */
export interface FakeAnswer {
    readonly status: number;
    readonly body?: unknown;
}

export type FakeRoute = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer> | undefined;

/** splunkd's error envelope with the app endpoint's code. */
export function splunkdError(
    status: number,
    text: string,
    code?: string,
    extra: Record<string, unknown> = {}
): FakeAnswer {
    return { status, body: { messages: [{ type: 'ERROR', text, ...(code ? { code } : {}), ...extra }] } };
}

function abortError(): Error {
    const error = new Error('The operation was aborted.');
    error.name = 'AbortError';
    return error;
}

function response(answer: FakeAnswer): Response {
    const text =
        answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const fake = {
        status: answer.status,
        ok: answer.status >= 200 && answer.status < 300,
        statusText: '',
        json: () => Promise.resolve(JSON.parse(text) as unknown),
        text: () => Promise.resolve(text),
    };
    return fake as unknown as Response;
}

/**
 * Replaces `globalThis.fetch` until `restore()`. `route` answers each request, or returns undefined for "no route",
 * which rejects the request and is reported by `unhandled`.
 */
export function installFetch(route: FakeRoute): {
    readonly calls: RecordedRequest[];
    readonly unhandled: string[];
    restore: () => void;
} {
    const calls: RecordedRequest[] = [];
    const unhandled: string[] = [];
    const original = globalThis.fetch;
    const fake = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
        const url = new URL(
            typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
            'http://127.0.0.1:8000'
        );
        const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
        const recorded: RecordedRequest = {
            method: init.method ?? 'GET',
            url,
            path: url.pathname.replace(/^\/[a-z]{2}-[A-Z]{2}\/splunkd\/__raw/, ''),
            form: new URLSearchParams(typeof init.body === 'string' ? init.body : ''),
            headers,
        };
        calls.push(recorded);
        const signal = init.signal ?? undefined;
        if (signal?.aborted) throw abortError();
        const answer = await Promise.race([
            Promise.resolve(route(recorded)),
            new Promise<never>((_resolve, reject) => signal?.addEventListener('abort', () => reject(abortError()))),
        ]);
        if (answer === undefined) {
            unhandled.push(`${recorded.method} ${recorded.path}`);
            throw new Error(`Unhandled request in a test: ${recorded.method} ${recorded.path}`);
        }
        return response(answer);
    };
    globalThis.fetch = fake;
    return {
        calls,
        unhandled,
        restore: () => {
            globalThis.fetch = original;
        },
    };
}
