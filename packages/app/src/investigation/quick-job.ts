/**
 * A search job that is watched closely: created, polled and read with `@splunk/splunk-utils/search`, at a short
 * interval that lengthens (0.1 s, then up to 1 s), instead of `@splunk/search-job`'s fixed one-second heartbeat.
 * For the one search that waits on the intelligence (the sightings of the pivots): it starts last, so a second of
 * polling delay would be a second added to every investigation. Same handle as a `SearchJob`.
 */
import type { JobObservable, SearchJobProgress } from '@splunk/search-job';
import {
    addLeadingSearchCommand,
    batchGetSearches,
    createSearchJob,
    getData,
    postAction,
} from '@splunk/splunk-utils/search';
import type { JobHandle, JobRequest } from './backend';

/** Waits between status checks, in order; the last one repeats. */
export const POLL_DELAYS_MS: readonly number[] = [100, 100, 150, 200, 250, 300, 400, 500, 750, 1000];

/** The calls a quick job makes (splunk-utils' by default; tests give fakes). */
export interface QuickJobTransport {
    create(params: Record<string, string>, namespace: { app: string; owner: string }): Promise<{ sid?: unknown }>;
    status(sid: string): Promise<unknown>;
    results(sid: string, params: Record<string, string | number>): Promise<unknown>;
    cancel(sid: string): Promise<unknown>;
}

export const splunkUtilsTransport: QuickJobTransport = {
    create: (params, namespace) =>
        createSearchJob({ ...params, output_mode: 'json' }, namespace) as Promise<{ sid?: unknown }>,
    status: (sid) => batchGetSearches([sid], { output_mode: 'json' }) as Promise<unknown>,
    results: (sid, params) => getData(sid, 'results', params) as Promise<unknown>,
    cancel: (sid) => postAction(sid, { action: 'cancel' }) as Promise<unknown>,
};

/** The timers a quick job uses (tests give fake ones). */
export interface Timers {
    setTimeout(run: () => void, ms: number): ReturnType<typeof setTimeout>;
    clearTimeout(id: ReturnType<typeof setTimeout>): void;
}

type Observer<T> = { next?: (value: T) => void; error?: (error: unknown) => void; complete?: () => void };

function isProgress(value: unknown): value is SearchJobProgress {
    return typeof value === 'object' && value !== null && typeof (value as { isDone?: unknown }).isDone === 'boolean';
}

/** The job's status entry in a `search/jobs` answer. */
function progressOf(body: unknown, sid: string): SearchJobProgress | undefined {
    const entries = (body as { entry?: unknown } | null)?.entry;
    if (!Array.isArray(entries)) return undefined;
    for (const entry of entries as { content?: unknown; name?: unknown }[]) {
        const content = entry.content;
        if (isProgress(content) && (content.sid === sid || entry.name === sid || entries.length === 1)) return content;
    }
    return undefined;
}

/**
 * Starts `request` in the app's namespace and watches it closely.
 *
 * @example const job = quickJob({ search: spl, earliest: '-7d@h', latest: 'now' }, { app: 'passivetotal', owner: 'admin' });
 */
export function quickJob(
    request: JobRequest,
    namespace: { app: string; owner: string },
    transport: QuickJobTransport = splunkUtilsTransport,
    // Called as functions, never as methods of this object: a browser's setTimeout refuses another `this`.
    timers: Timers = { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (id) => clearTimeout(id) }
): JobHandle {
    const progressObservers = new Set<Observer<{ content: SearchJobProgress }>>();
    const resultObservers = new Map<Observer<unknown>, Record<string, string | number>>();
    let sid: string | undefined;
    let stopped = false;
    let finished: SearchJobProgress | undefined;
    let failure: unknown;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const fail = (error: unknown) => {
        if (stopped) return;
        failure = error;
        stopped = true;
        for (const o of progressObservers) o.error?.(error);
        for (const o of resultObservers.keys()) o.error?.(error);
    };

    const deliverResults = (observer: Observer<unknown>, params: Record<string, string | number>) => {
        if (!sid || !finished || finished.isFailed) return;
        transport.results(sid, params).then(
            (body) => {
                if (resultObservers.has(observer)) observer.next?.(body);
                observer.complete?.();
            },
            (error: unknown) => observer.error?.(error)
        );
    };

    const poll = (step: number) => {
        if (stopped || !sid) return;
        const current = sid;
        transport
            .status(current)
            .then((body) => {
                if (stopped) return;
                const progress = progressOf(body, current);
                if (progress) for (const o of progressObservers) o.next?.({ content: progress });
                if (progress?.isDone === true || progress?.isFailed === true) {
                    finished = progress;
                    stopped = true;
                    for (const o of progressObservers) o.complete?.();
                    for (const [o, params] of resultObservers) deliverResults(o, params);
                    return;
                }
                const delay = POLL_DELAYS_MS[Math.min(step, POLL_DELAYS_MS.length - 1)] ?? 1000;
                timer = timers.setTimeout(() => poll(step + 1), delay);
            })
            .catch(fail);
    };

    const created = transport
        .create(
            {
                search: addLeadingSearchCommand(request.search),
                earliest_time: request.earliest,
                latest_time: request.latest,
            },
            namespace
        )
        .then((answer) => {
            if (typeof answer.sid !== 'string' || answer.sid === '') throw new Error('splunkd created no search job.');
            sid = answer.sid;
            const first = POLL_DELAYS_MS[0] ?? 100;
            timer = timers.setTimeout(() => poll(1), first);
        })
        .catch(fail);

    const observable = <T>(subscribe: (o: Observer<T>) => () => void): JobObservable<T> => ({
        subscribe: (observer) => ({ unsubscribe: subscribe(observer) }),
        toPromise: () =>
            new Promise<T>((resolve, reject) => {
                subscribe({ next: resolve, error: reject });
            }),
    });

    return {
        getProgress: () =>
            observable<{ content: SearchJobProgress }>((o) => {
                if (failure !== undefined) o.error?.(failure);
                else if (finished) {
                    o.next?.({ content: finished });
                    o.complete?.();
                } else progressObservers.add(o);
                return () => progressObservers.delete(o);
            }),
        getResults: (params = {}) =>
            observable<unknown>((o) => {
                resultObservers.set(o, params);
                if (failure !== undefined) o.error?.(failure);
                else if (finished) deliverResults(o, params);
                return () => resultObservers.delete(o);
            }),
        cancel: () =>
            observable<unknown>((o) => {
                stopped = true;
                if (timer !== undefined) timers.clearTimeout(timer);
                void created.then(() => {
                    if (!sid || finished) return;
                    transport.cancel(sid).then(
                        (body) => o.next?.(body),
                        (error: unknown) => o.error?.(error)
                    );
                });
                return () => undefined;
            }),
    };
}
