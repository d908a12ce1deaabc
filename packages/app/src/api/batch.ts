/**
 * Calls of the app's endpoint made in the same moment travel as one `batch` request. An investigation asks for
 * fifteen datasets or more at once, and a browser opens at most six connections to Splunk Web: one by one they
 * would queue behind each other. The endpoint answers each call of a batch exactly as the single GET
 * (`passivetotal/pt/...` or `passivetotal/open/...`) would, so callers see no difference; when the endpoint has
 * no `batch` route (an older app version on another search head), the calls go one by one.
 */
import { catalogue } from '@passivetotal/core';

/** The answer to one call: the reply status and its JSON body (an error envelope for 4xx and 5xx). */
export interface CallAnswer {
    readonly status: number;
    readonly body: unknown;
}

/** How a batcher reaches the endpoint. */
export interface BatchTransport {
    /** Sends calls (`pt/<path>?<query>`) as one batch; resolves to one answer per call, in order. */
    batch(calls: readonly string[]): Promise<readonly CallAnswer[]>;
    /** Sends one call alone. */
    single(call: string, signal?: AbortSignal): Promise<CallAnswer>;
}

/** A batcher's `get`. */
export type BatchedGet = (call: string, signal?: AbortSignal) => Promise<CallAnswer>;

interface Pending {
    readonly call: string;
    readonly signal: AbortSignal | undefined;
    readonly resolve: (answer: CallAnswer) => void;
    readonly reject: (error: unknown) => void;
}

/** The most calls in one batch (the endpoint's limit, the catalogue's `batchMaxCalls`). */
export const MAX_BATCH_CALLS: number = catalogue.LIMITS.batchMaxCalls;

function abortError(): Error {
    return new DOMException('The operation was aborted.', 'AbortError');
}

/** Is this the endpoint saying it has no `batch` route? */
function noBatchRoute(error: unknown): boolean {
    const status = (error as { status?: unknown } | null)?.status;
    return status === 404 || status === 405;
}

/**
 * A `get` that gathers the calls made before the current task ends into batches.
 *
 * @example const get = createBatcher(transport); const [a, b] = await Promise.all([get('pt/whois?query=x'), get('pt/enrichment?query=x')]);
 */
export function createBatcher(transport: BatchTransport): BatchedGet {
    let queue: Pending[] = [];
    let scheduled = false;
    let batchRoute = true;

    const settle = (p: Pending, answer: Promise<CallAnswer>) => {
        answer.then(
            (a) => (p.signal?.aborted ? p.reject(abortError()) : p.resolve(a)),
            (error: unknown) => p.reject(error)
        );
    };

    const flush = () => {
        scheduled = false;
        const live = queue.filter((p) => {
            if (p.signal?.aborted) p.reject(abortError());
            return !p.signal?.aborted;
        });
        queue = [];
        if (!batchRoute || live.length === 1) {
            for (const p of live) settle(p, transport.single(p.call, p.signal));
            return;
        }
        for (let start = 0; start < live.length; start += MAX_BATCH_CALLS) {
            const group = live.slice(start, start + MAX_BATCH_CALLS);
            transport.batch(group.map((p) => p.call)).then(
                (answers) => {
                    group.forEach((p, i) => {
                        const answer = answers[i];
                        if (answer) settle(p, Promise.resolve(answer));
                        else p.reject(new Error('The batch answer has fewer answers than calls.'));
                    });
                },
                (error: unknown) => {
                    if (noBatchRoute(error)) {
                        batchRoute = false;
                        for (const p of group) settle(p, transport.single(p.call, p.signal));
                    } else {
                        for (const p of group) p.reject(error);
                    }
                }
            );
        }
    };

    return (call, signal) =>
        new Promise<CallAnswer>((resolve, reject) => {
            if (signal?.aborted) {
                reject(abortError());
                return;
            }
            queue.push({ call, signal, resolve, reject });
            if (!scheduled) {
                scheduled = true;
                setTimeout(flush, 0);
            }
        });
}
