import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import type { JobObservable, SearchJobProgress } from '@splunk/search-job';
import { BackendContext, type Backend, type JobHandle, type JobRequest } from './backend';
import { clearJobCache, JOB_TIMEOUT_MS, useSearchJob } from './useSearchJob';

/** An observable of the fake: `subscribe` as given, `toPromise` never used by the hook. */
function observable<T>(subscribe: JobObservable<T>['subscribe']): JobObservable<T> {
    return { subscribe, toPromise: () => new Promise<T>(() => undefined) };
}

/** A controllable job: the test emits progress and results, and sees cancel and unsubscribe. */
class FakeJob {
    readonly request: JobRequest;
    cancelled = false;
    private progress?: { next?: (v: { content: SearchJobProgress }) => void };
    private results?: { next?: (v: unknown) => void };
    unsubscribed = 0;

    constructor(request: JobRequest) {
        this.request = request;
    }

    instance(): JobHandle {
        const sub = () => ({ unsubscribe: () => void (this.unsubscribed += 1) });
        return {
            getProgress: () =>
                observable((o) => {
                    this.progress = o;
                    return sub();
                }),
            getResults: () =>
                observable((o) => {
                    this.results = o;
                    return sub();
                }),
            cancel: () => {
                this.cancelled = true;
                return observable(() => sub());
            },
        };
    }

    finish(rows: unknown[]): void {
        this.results?.next?.({ results: rows });
    }

    fail(text: string): void {
        this.progress?.next?.({
            content: {
                sid: 's',
                dispatchState: 'FAILED',
                isDone: true,
                isFailed: true,
                doneProgress: 1,
                resultCount: 0,
                resultPreviewCount: 0,
                eventCount: 0,
                messages: [{ type: 'FATAL', text }],
            },
        });
    }
}

function setup() {
    const jobs: FakeJob[] = [];
    const backend = {
        createJob: (request: JobRequest) => {
            const job = new FakeJob(request);
            jobs.push(job);
            return job.instance();
        },
    } as unknown as Backend;
    const wrapper = ({ children }: { children: ReactNode }) => (
        <BackendContext.Provider value={backend}>{children}</BackendContext.Provider>
    );
    return { jobs, wrapper };
}

const req = (search: string): JobRequest => ({ search, earliest: '-7d@h', latest: 'now' });

describe('useSearchJob', () => {
    beforeEach(() => clearJobCache());

    it('cancels the first job when the indicator changes mid-search and never renders its results', () => {
        const { jobs, wrapper } = setup();
        const { result, rerender } = renderHook(({ r }) => useSearchJob(r), {
            wrapper,
            initialProps: { r: req('TERM(198.51.100.1)') },
        });
        expect(result.current.state).toBe('loading');
        rerender({ r: req('TERM(198.51.100.2)') });
        expect(jobs).toHaveLength(2);
        expect(jobs[0]!.cancelled).toBe(true);
        expect(jobs[0]!.unsubscribed).toBe(2);
        act(() => jobs[0]!.finish([{ count: '99' }]));
        expect(result.current.state).toBe('loading');
        act(() => jobs[1]!.finish([{ count: '1' }]));
        expect(result.current).toEqual({ state: 'done', rows: [{ count: '1' }] });
        expect(jobs[1]!.cancelled).toBe(false);
    });

    it('reuses finished results for the session and starts no job for them', () => {
        const { jobs, wrapper } = setup();
        const initialProps: { r: JobRequest | undefined } = { r: req('a') };
        const { result, rerender } = renderHook(({ r }) => useSearchJob(r), { wrapper, initialProps });
        act(() => jobs[0]!.finish([{ x: '1' }]));
        rerender({ r: req('b') });
        rerender({ r: req('a') });
        expect(result.current).toEqual({ state: 'done', rows: [{ x: '1' }] });
        expect(jobs.map((j) => j.request.search)).toEqual(['a', 'b']);
        rerender({ r: undefined });
        expect(result.current.state).toBe('idle');
    });

    it('reports a failed job with splunkd message and cancels nothing after it settled', () => {
        const { jobs, wrapper } = setup();
        const { result, unmount } = renderHook(() => useSearchJob(req('bad')), { wrapper });
        act(() => jobs[0]!.fail("Unknown search command 'x'."));
        expect(result.current).toEqual({ state: 'error', message: "Unknown search command 'x'." });
        unmount();
        expect(jobs[0]!.cancelled).toBe(false);
    });

    it('cancels a running job when the page unmounts', () => {
        const { jobs, wrapper } = setup();
        const { unmount } = renderHook(() => useSearchJob(req('slow')), { wrapper });
        unmount();
        expect(jobs[0]!.cancelled).toBe(true);
    });

    it('gives up on a search that does not finish in time: cancels it and says what to do', () => {
        jest.useFakeTimers();
        try {
            const { jobs, wrapper } = setup();
            const { result } = renderHook(() => useSearchJob(req('stuck')), { wrapper });
            act(() => jest.advanceTimersByTime(JOB_TIMEOUT_MS - 1));
            expect(result.current.state).toBe('loading');
            act(() => jest.advanceTimersByTime(1));
            expect(result.current).toEqual({
                state: 'error',
                message: expect.stringMatching(/did not finish within 5 minutes .* open it in Search/) as unknown,
            });
            expect(jobs[0]!.cancelled).toBe(true);
            act(() => jobs[0]!.finish([{ count: '1' }]));
            expect(result.current.state).toBe('error');
        } finally {
            jest.useRealTimers();
        }
    });
});
