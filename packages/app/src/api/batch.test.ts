import { createBatcher, MAX_BATCH_CALLS, type BatchTransport, type CallAnswer } from './batch';

function transport(overrides: Partial<BatchTransport> = {}) {
    const batches: string[][] = [];
    const singles: string[] = [];
    const t: BatchTransport = {
        batch: (calls) => {
            batches.push([...calls]);
            return Promise.resolve(calls.map((c): CallAnswer => ({ status: c.includes('bad') ? 400 : 200, body: c })));
        },
        single: (call) => {
            singles.push(call);
            return Promise.resolve({ status: 200, body: call });
        },
        ...overrides,
    };
    return { t, batches, singles };
}

describe('the endpoint call batcher', () => {
    it('sends the calls made at the same moment as one batch and gives each caller its own answer', async () => {
        const { t, batches } = transport();
        const get = createBatcher(t);
        const answers = await Promise.all([
            get('pt/whois?query=a.example'),
            get('pt/bad'),
            get('open/crtsh/certificates?q=a.example'),
        ]);
        expect(batches).toEqual([['pt/whois?query=a.example', 'pt/bad', 'open/crtsh/certificates?q=a.example']]);
        expect(answers).toEqual([
            { status: 200, body: 'pt/whois?query=a.example' },
            { status: 400, body: 'pt/bad' },
            { status: 200, body: 'open/crtsh/certificates?q=a.example' },
        ]);
        // A later call is a new batch (alone, so a plain GET).
        await get('pt/enrichment?query=a.example');
        expect(batches).toHaveLength(1);
    });

    it('splits more calls than the endpoint takes into several batches', async () => {
        const { t, batches } = transport();
        const get = createBatcher(t);
        await Promise.all(
            Array.from({ length: MAX_BATCH_CALLS + 3 }, (_, i) => get(`pt/whois?query=h${String(i)}.example`))
        );
        expect(batches.map((b) => b.length)).toEqual([MAX_BATCH_CALLS, 3]);
    });

    it('goes call by call when the endpoint has no batch route', async () => {
        const { t, singles } = transport({
            batch: () => Promise.reject(Object.assign(new Error('no route'), { status: 404 })),
        });
        const get = createBatcher(t);
        const answers = await Promise.all([get('pt/a'), get('pt/b')]);
        expect(answers.map((a) => a.body)).toEqual(['pt/a', 'pt/b']);
        await Promise.all([get('pt/c'), get('pt/d')]);
        expect(singles).toEqual(['pt/a', 'pt/b', 'pt/c', 'pt/d']);
    });

    it('fails every call of a batch that could not be sent, and only those', async () => {
        const { t } = transport({ batch: () => Promise.reject(new TypeError('network down')) });
        const get = createBatcher(t);
        const outcomes = await Promise.allSettled([get('pt/a'), get('pt/b')]);
        expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    });

    it('leaves out a call aborted before the batch is sent, and rejects it as aborted', async () => {
        const { t, batches } = transport();
        const get = createBatcher(t);
        const controller = new AbortController();
        const aborted = get('pt/a', controller.signal);
        const kept = get('pt/b');
        const third = get('pt/c');
        controller.abort();
        await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
        await Promise.all([kept, third]);
        expect(batches).toEqual([['pt/b', 'pt/c']]);
    });
});
