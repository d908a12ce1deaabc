import SearchJob, { type SearchJobProgress } from '@splunk/search-job';
import { resetTest, setIntervalTest } from '@splunk/search-job/progressTracker';
import { getDefaultFetchInit } from '@splunk/splunk-utils/fetch';
import { form, startHarness, type Harness } from './test-harness';

interface ResultsBody {
    preview: boolean;
    init_offset: number;
    messages: { type: string; text: string }[];
    fields: { name: string }[];
    results: Record<string, string | string[]>[];
}

let h: Harness;

function useToken(token: string): void {
    const init = getDefaultFetchInit();
    SearchJob.setBaseFetchInit({
        ...init,
        headers: { ...(init.headers as Record<string, string>), Authorization: `Splunk ${token}` },
    });
}

function collect<T>(observable: {
    subscribe: (o: { next: (v: T) => void; error: (e: unknown) => void; complete: () => void }) => unknown;
}): Promise<T[]> {
    return new Promise((resolve, reject) => {
        const values: T[] = [];
        observable.subscribe({ next: (v) => values.push(v), error: reject, complete: () => resolve(values) });
    });
}

beforeAll(async () => {
    h = await startHarness();
    SearchJob.setSplunkConfig({ splunkdPath: h.base });
    setIntervalTest(5);
});
afterAll(async () => {
    resetTest();
    await h.close();
});
beforeEach(() => useToken(h.adminToken));

describe('search jobs through @splunk/search-job', () => {
    it('runs the life cycle: QUEUED/RUNNING progress, then DONE with results and a final preview', async () => {
        const before = h.splunkd.stats().jobs.started;
        const job = SearchJob.create(
            { search: '`pt_index` status=500 | stats count by host', earliest_time: '-24h', latest_time: 'now' },
            { app: 'passivetotal', owner: 'admin' }
        );
        const progress = await collect<{ content: SearchJobProgress }>(job.getProgress());
        const states = progress.map((p) => p.content.dispatchState);
        expect(states[states.length - 1]).toBe('DONE');
        expect(states.some((s) => s === 'QUEUED' || s === 'PARSING' || s === 'RUNNING')).toBe(true);
        const last = progress[progress.length - 1]!.content;
        expect(last).toMatchObject({
            isDone: true,
            isFailed: false,
            doneProgress: 1,
            resultCount: 2,
            resultPreviewCount: 2,
        });
        expect(last.eventCount).toBe(50);

        const results = (await job.getResults().toPromise()) as ResultsBody;
        expect(results).toMatchObject({ preview: false, init_offset: 0, messages: [] });
        expect(results.fields.map((f) => f.name)).toEqual(['host', 'count']);
        expect(results.results).toEqual([
            { host: 'web1', count: '25' },
            { host: 'web2', count: '25' },
        ]);
        const previews = (await collect(job.getResultsPreview())) as ResultsBody[];
        expect(previews.length).toBeGreaterThan(0);
        expect(previews[previews.length - 1]!.results).toHaveLength(2);
        expect(h.splunkd.stats().jobs.started).toBe(before + 1);
    });

    it('shows rising progress and a growing preview while RUNNING', async () => {
        // Phases long enough that a loaded machine still polls in each of them.
        const slow = await startHarness({ jobTimings: { queuedMs: 300, runningMs: 800 } });
        try {
            SearchJob.setSplunkConfig({ splunkdPath: slow.base });
            useToken(slow.adminToken);
            const job = SearchJob.create({ search: 'search index=main' }, { app: 'passivetotal', owner: 'admin' });
            const progress = await collect<{ content: SearchJobProgress }>(job.getProgress());
            const running = progress.filter((p) => p.content.dispatchState === 'RUNNING');
            expect(running.length).toBeGreaterThan(1);
            expect(running.some((p) => p.content.doneProgress > 0 && p.content.doneProgress < 1)).toBe(true);
            expect(running.some((p) => p.content.resultPreviewCount > 0 && p.content.resultPreviewCount < 150)).toBe(
                true
            );
            expect(progress.map((p) => p.content.dispatchState)[0]).toBe('QUEUED');
        } finally {
            SearchJob.setSplunkConfig({ splunkdPath: h.base });
            await slow.close();
        }
    });

    it('pages results with count (default 100) and offset, as splunkd does', async () => {
        const job = SearchJob.create(
            { search: 'search index=main | table n' },
            { app: 'passivetotal', owner: 'admin' }
        );
        await collect(job.getProgress());
        const first = (await job.getResults().toPromise()) as ResultsBody;
        expect(first.results).toHaveLength(100);
        const second = (await job.getResults({ count: 100, offset: 100 }).toPromise()) as ResultsBody;
        expect(second.init_offset).toBe(100);
        expect(second.results).toHaveLength(50);
        expect(second.results[0]).toEqual({ n: '100' });
        const all = (await job.getResults({ count: 0 }).toPromise()) as ResultsBody;
        expect(all.results).toHaveLength(150);
    });

    it('fails create with 400 FATAL for unsupported SPL; getProgress and getResults error with the text', async () => {
        const before = h.splunkd.stats().jobs.rejected;
        const job = SearchJob.create(
            { search: 'search index=main | transaction host' },
            { app: 'passivetotal', owner: 'admin' }
        );
        await expect(collect(job.getProgress())).rejects.toThrow("Unknown search command 'transaction'.");
        await expect(job.getResults().toPromise()).rejects.toThrow("Unknown search command 'transaction'.");
        expect(h.splunkd.stats().jobs.rejected).toBe(before + 1);
    });

    it('does not see the app macros outside the app context (no app/owner given)', async () => {
        const job = SearchJob.create({ search: '`pt_index` | head 1' });
        await expect(collect(job.getProgress())).rejects.toThrow(/macro 'pt_index' that cannot be found/);
    });

    it('requires search text to start with a command over REST', async () => {
        const res = await h.call('/services/search/jobs', {
            ...form({ search: 'index=main', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ messages: [{ type: 'FATAL', text: "Unknown search command 'index'." }] });
    });

    it('searches only the role default indexes when a search names none', async () => {
        const job = SearchJob.create({ search: 'search elsewhere' }, { app: 'passivetotal', owner: 'admin' });
        await collect(job.getProgress());
        expect(((await job.getResults().toPromise()) as ResultsBody).results).toHaveLength(0);
        const named = SearchJob.create(
            { search: 'search index=other elsewhere' },
            { app: 'passivetotal', owner: 'admin' }
        );
        await collect(named.getProgress());
        expect(((await named.getResults().toPromise()) as ResultsBody).results).toHaveLength(2);
    });

    it('cancels a job; later requests for it get 404 Unknown sid', async () => {
        const slow = await startHarness({ jobTimings: { queuedMs: 1000, runningMs: 1000 } });
        try {
            const created = await slow.call('/servicesNS/admin/passivetotal/search/jobs', {
                ...form({ search: 'search index=main', output_mode: 'json' }),
                token: slow.adminToken,
            });
            expect(created.status).toBe(201);
            const { sid } = (await created.json()) as { sid: string };
            const cancel = await slow.call(`/services/search/jobs/${sid}/control`, {
                ...form({ action: 'cancel', output_mode: 'json' }),
                token: slow.adminToken,
            });
            expect(cancel.status).toBe(200);
            const gone = await slow.call(`/services/search/jobs/${sid}?output_mode=json`, { token: slow.adminToken });
            expect(gone.status).toBe(404);
            expect(await gone.json()).toEqual({ messages: [{ type: 'ERROR', text: 'Unknown sid.' }] });
            expect(slow.splunkd.stats().jobs.cancelled).toBe(1);
        } finally {
            await slow.close();
        }
    });

    it('cancel() through SearchJob makes a later fromSid poll fail with "not found"', async () => {
        const job = SearchJob.create({ search: 'search index=main' }, { app: 'passivetotal', owner: 'admin' });
        const sid = await job.getSid().toPromise();
        await job.cancel().toPromise();
        await expect(collect(SearchJob.fromSid(sid).getProgress())).rejects.toThrow(`Search ${sid} not found`);
    });

    it('answers 404 for an unknown sid on every job endpoint', async () => {
        for (const p of [
            'search/jobs/nope',
            'search/jobs/nope/results',
            'search/v2/jobs/nope/results',
            'search/v2/jobs/nope/results_preview',
        ]) {
            const res = await h.call(`/services/${p}?output_mode=json`, { token: h.adminToken });
            expect(res.status).toBe(404);
        }
        const control = await h.call('/services/search/jobs/nope/control', {
            ...form({ action: 'cancel', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(control.status).toBe(404);
    });

    it('answers 204 for results before the job is done, then 200', async () => {
        const slow = await startHarness({ jobTimings: { queuedMs: 50, runningMs: 100 } });
        try {
            const created = await slow.call('/servicesNS/admin/passivetotal/search/jobs', {
                ...form({ search: 'search index=main | head 3', output_mode: 'json' }),
                token: slow.adminToken,
            });
            const { sid } = (await created.json()) as { sid: string };
            const early = await slow.call(`/services/search/v2/jobs/${sid}/results?output_mode=json`, {
                token: slow.adminToken,
            });
            expect(early.status).toBe(204);
            await new Promise((r) => setTimeout(r, 200));
            const done = await slow.call(`/services/search/v2/jobs/${sid}/results?output_mode=json`, {
                token: slow.adminToken,
            });
            expect(done.status).toBe(200);
            expect(((await done.json()) as ResultsBody).results).toHaveLength(3);
        } finally {
            await slow.close();
        }
    });

    it('lists several jobs in one batched status request and hides other users\u2019 jobs', async () => {
        const a = (await (
            await h.call('/services/search/jobs', {
                ...form({ search: 'search index=main', output_mode: 'json' }),
                token: h.adminToken,
            })
        ).json()) as { sid: string };
        const b = (await (
            await h.call('/services/search/jobs', {
                ...form({ search: 'search index=main', output_mode: 'json' }),
                token: h.analystToken,
            })
        ).json()) as { sid: string };
        const listed = await h.call(`/services/search/jobs?output_mode=json&id=${a.sid}&id=${b.sid}&count=2`, {
            token: h.adminToken,
        });
        const body = (await listed.json()) as {
            entry: { content: { sid: string; request: Record<string, string> } }[];
        };
        expect(body.entry.map((e) => e.content.sid)).toEqual([a.sid, b.sid]);
        expect(body.entry[0]!.content.request.search).toBe('search index=main');
        const asAnalyst = await h.call(`/services/search/jobs?output_mode=json&id=${a.sid}&id=${b.sid}`, {
            token: h.analystToken,
        });
        const analystBody = (await asAnalyst.json()) as { entry: { content: { sid: string } }[] };
        expect(analystBody.entry.map((e) => e.content.sid)).toEqual([b.sid]);
        const direct = await h.call(`/services/search/jobs/${a.sid}?output_mode=json`, { token: h.analystToken });
        expect(direct.status).toBe(404);
    });

    it('ends a job FAILED (isDone and isFailed) when the search fails while running', async () => {
        const job = SearchJob.create(
            { search: 'search index=main | where match(n, "(")' },
            { app: 'passivetotal', owner: 'admin' }
        );
        const progress = await collect<{ content: SearchJobProgress }>(job.getProgress());
        const last = progress[progress.length - 1]!.content;
        expect(last).toMatchObject({ dispatchState: 'FAILED', isDone: true, isFailed: true });
        expect(last.messages?.[0]?.type).toMatch(/ERROR|FATAL/);
        const results = (await job.getResults().toPromise()) as ResultsBody;
        expect(results.results).toEqual([]);
        expect(results.messages).toEqual(last.messages);
    });

    it("shows a search's warnings in the job status messages once it runs, and in oneshot results", async () => {
        const spl = 'search index=main | stats count | append maxout=3 [search index=main | head 5 | table n]';
        const job = SearchJob.create({ search: spl }, { app: 'passivetotal', owner: 'admin' });
        const progress = await collect<{ content: SearchJobProgress }>(job.getProgress());
        const warning = { type: 'WARN', text: 'Subsearch produced 5 results, truncating to maxout 3.' };
        for (const { content } of progress) {
            const waiting = content.dispatchState === 'QUEUED' || content.dispatchState === 'PARSING';
            expect(content.messages ?? []).toEqual(waiting ? [] : [warning]);
        }
        const last = progress[progress.length - 1]!.content;
        expect(last).toMatchObject({ dispatchState: 'DONE', resultCount: 4, messages: [warning] });
        const results = (await job.getResults().toPromise()) as ResultsBody;
        expect(results.results).toEqual([{ count: '150' }, { n: '0' }, { n: '1' }, { n: '2' }]);

        const oneshot = await h.call('/servicesNS/admin/passivetotal/search/jobs', {
            ...form({ search: spl, exec_mode: 'oneshot', output_mode: 'json' }),
            token: h.adminToken,
        });
        const body = (await oneshot.json()) as ResultsBody;
        expect(body.messages).toEqual([warning]);
        expect(body.results).toHaveLength(4);

        const quiet = SearchJob.create(
            { search: 'search index=main | stats count | append [search index=other | stats count]' },
            { app: 'passivetotal', owner: 'admin' }
        );
        const done = await collect<{ content: SearchJobProgress }>(quiet.getProgress());
        expect(done[done.length - 1]!.content).toMatchObject({ dispatchState: 'DONE', resultCount: 2, messages: [] });
    });

    it('runs oneshot and blocking searches', async () => {
        const oneshot = await h.call('/servicesNS/admin/passivetotal/search/v2/jobs', {
            ...form({ search: 'search `pt_index` | stats count', exec_mode: 'oneshot', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(oneshot.status).toBe(200);
        expect(((await oneshot.json()) as ResultsBody).results).toEqual([{ count: '150' }]);
        const blocking = await h.call('/servicesNS/admin/passivetotal/search/jobs', {
            ...form({ search: 'search index=main | head 1', exec_mode: 'blocking', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(blocking.status).toBe(201);
        const { sid } = (await blocking.json()) as { sid: string };
        const status = await h.call(`/services/search/jobs/${sid}?output_mode=json`, { token: h.adminToken });
        const body = (await status.json()) as { entry: { content: SearchJobProgress }[] };
        expect(body.entry[0]!.content.isDone).toBe(true);
    });
});
