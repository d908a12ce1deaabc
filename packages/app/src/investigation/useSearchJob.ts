/**
 * One Splunk search job (`@splunk/search-job`) as React state. The job is created when the request changes and,
 * when the request changes again or the page unmounts before it finished, both subscriptions are closed and the
 * job is cancelled, so its results are never rendered. Finished results are kept for the session by search text
 * and time range, so returning to an indicator starts no new job.
 */
import { useEffect, useState } from 'react';
import type { SightingRow } from '@passivetotal/core';
import { useBackend, type JobRequest } from './backend';

/** The state of a search job. */
export type JobState =
    | { readonly state: 'idle' }
    | { readonly state: 'loading' }
    | { readonly state: 'done'; readonly rows: readonly SightingRow[] }
    | { readonly state: 'error'; readonly message: string };

/**
 * How long a search may run before the page gives up on it, cancels it and says so (a stuck or overloaded search
 * head must not leave a tab loading for ever). Searches over a day or a week of indexed data finish well within it.
 */
export const JOB_TIMEOUT_MS = 5 * 60_000;

const IDLE: JobState = { state: 'idle' };
const LOADING: JobState = { state: 'loading' };
const finished = new Map<string, JobState>();

/** Forgets every finished job (tests). */
export function clearJobCache(): void {
    finished.clear();
}

function jobKey(r: JobRequest): string {
    return `${r.earliest}\u0000${r.latest}\u0000${r.search}`;
}

function isRow(value: unknown): value is SightingRow {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rows of a `results` answer (`null` for 204 means none). */
export function rowsOf(body: unknown): readonly SightingRow[] {
    const results = (body as { results?: unknown } | null)?.results;
    return Array.isArray(results) ? results.filter(isRow) : [];
}

function messageOf(error: unknown): string {
    if (error instanceof Error && error.message) return error.message;
    return typeof error === 'string' && error ? error : 'the search job failed';
}

/**
 * Runs `request` (nothing when undefined) and returns its state.
 *
 * @example const job = useSearchJob({ search: spl, earliest: '-7d@h', latest: 'now' }); if (job.state === 'done') job.rows
 */
export function useSearchJob(request: JobRequest | undefined): JobState {
    const backend = useBackend();
    const key = request ? jobKey(request) : undefined;
    const [state, setState] = useState<{ key: string | undefined; job: JobState }>({ key: undefined, job: IDLE });

    useEffect(() => {
        if (!request || key === undefined) return;
        const cached = finished.get(key);
        if (cached) {
            setState({ key, job: cached });
            return;
        }
        setState({ key, job: LOADING });
        const job = backend.createJob(request);
        let settled = false;
        const settle = (next: JobState) => {
            if (settled) return;
            settled = true;
            if (next.state === 'done') finished.set(key, next);
            setState({ key, job: next });
        };
        const progress = job.getProgress().subscribe({
            next: ({ content }) => {
                if (!content.isFailed) return;
                const text = content.messages?.find((m) => m.type === 'ERROR' || m.type === 'FATAL')?.text;
                settle({ state: 'error', message: text ?? 'the search job failed' });
            },
            error: (error) => settle({ state: 'error', message: messageOf(error) }),
        });
        const results = job.getResults({ count: 0, output_mode: 'json' }).subscribe({
            next: (body) => settle({ state: 'done', rows: rowsOf(body) }),
            error: (error) => settle({ state: 'error', message: messageOf(error) }),
        });
        const timer = setTimeout(() => {
            progress.unsubscribe();
            results.unsubscribe();
            settle({
                state: 'error',
                message: `The search did not finish within ${String(JOB_TIMEOUT_MS / 60_000)} minutes and was cancelled; open it in Search to run it without a limit, or choose a shorter time range`,
            });
            job.cancel().subscribe({ error: () => undefined });
        }, JOB_TIMEOUT_MS);
        return () => {
            clearTimeout(timer);
            progress.unsubscribe();
            results.unsubscribe();
            if (!settled) {
                settled = true;
                job.cancel().subscribe({ error: () => undefined });
            }
        };
        // `key` names the search and the time range.
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [backend, key]);

    if (key === undefined) return IDLE;
    if (state.key === key) return state.job;
    return finished.get(key) ?? LOADING;
}
