import { POLL_DELAYS_MS, quickJob, type QuickJobTransport } from './quick-job';

const NS = { app: 'passivetotal', owner: 'analyst' };
const REQUEST = { search: '(`passivetotal_index`) TERM(203.0.113.77)', earliest: '-7d@h', latest: 'now' };

function status(sid: string, isDone: boolean, isFailed = false) {
    return {
        entry: [
            {
                name: sid,
                content: {
                    sid,
                    dispatchState: isDone ? 'DONE' : 'RUNNING',
                    isDone,
                    isFailed,
                    doneProgress: isDone ? 1 : 0.5,
                    resultCount: 1,
                    resultPreviewCount: 0,
                    eventCount: 1,
                    messages: isFailed ? [{ type: 'FATAL', text: 'Unknown command' }] : [],
                },
            },
        ],
    };
}

function fakeTransport(doneAfterPolls: number, failed = false) {
    const calls: string[] = [];
    let polls = 0;
    const transport: QuickJobTransport = {
        create: (params) => {
            calls.push(`create ${params['search'] ?? ''}`);
            return Promise.resolve({ sid: 'sid-1' });
        },
        status: (sid) => {
            polls += 1;
            calls.push(`status ${sid}`);
            return Promise.resolve(status(sid, polls >= doneAfterPolls, failed && polls >= doneAfterPolls));
        },
        results: (sid) => {
            calls.push(`results ${sid}`);
            return Promise.resolve({ results: [{ pt_candidate: '0', count: '19' }] });
        },
        cancel: (sid) => {
            calls.push(`cancel ${sid}`);
            return Promise.resolve({});
        },
    };
    return { transport, calls };
}

async function flush(): Promise<void> {
    for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('a closely watched search job', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('polls at short, lengthening intervals and delivers the results as soon as the job is done', async () => {
        const { transport, calls } = fakeTransport(3);
        const job = quickJob(REQUEST, NS, transport);
        const results: unknown[] = [];
        job.getResults({ count: 0, output_mode: 'json' }).subscribe({ next: (r) => results.push(r) });
        await flush();
        expect(calls).toEqual(['create search (`passivetotal_index`) TERM(203.0.113.77)']);
        // Three checks within the first 100 + 100 + 150 ms, not a second.
        for (const delay of POLL_DELAYS_MS.slice(0, 3)) {
            jest.advanceTimersByTime(delay);
            await flush();
        }
        expect(calls.filter((c) => c.startsWith('status'))).toHaveLength(3);
        expect(results).toEqual([{ results: [{ pt_candidate: '0', count: '19' }] }]);
    });

    it('reports a failed job through its progress and fetches no results', async () => {
        const { transport, calls } = fakeTransport(1, true);
        const job = quickJob(REQUEST, NS, transport);
        const failures: string[] = [];
        job.getProgress().subscribe({
            next: ({ content }) => {
                if (content.isFailed) failures.push(content.messages?.[0]?.text ?? '');
            },
        });
        job.getResults().subscribe({});
        await flush();
        jest.advanceTimersByTime(POLL_DELAYS_MS[0] ?? 100);
        await flush();
        expect(failures).toEqual(['Unknown command']);
        expect(calls.some((c) => c.startsWith('results'))).toBe(false);
    });

    it('fails, rather than waits for ever, when splunkd answers without a job id', async () => {
        const { transport } = fakeTransport(1);
        const job = quickJob(REQUEST, NS, { ...transport, create: () => Promise.resolve({}) });
        const errors: unknown[] = [];
        job.getResults().subscribe({ error: (e) => errors.push(e) });
        await flush();
        expect(String(errors[0])).toMatch(/created no search job/);
    });

    it('runs with the browser timers as plain functions', async () => {
        jest.useRealTimers();
        const { transport } = fakeTransport(1);
        const job = quickJob(REQUEST, NS, transport);
        const results = await job.getResults().toPromise();
        expect(results).toEqual({ results: [{ pt_candidate: '0', count: '19' }] });
    });

    it('cancels a running job on the server and stops polling', async () => {
        const { transport, calls } = fakeTransport(99);
        const job = quickJob(REQUEST, NS, transport);
        await flush();
        jest.advanceTimersByTime(100);
        await flush();
        job.cancel().subscribe({});
        await flush();
        jest.advanceTimersByTime(5_000);
        await flush();
        expect(calls.filter((c) => c.startsWith('status'))).toHaveLength(1);
        expect(calls).toContain('cancel sid-1');
    });
});
