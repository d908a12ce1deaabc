/**
 * Custom search commands through the stand-in's search job REST API, with the test app in
 * ./test-app: its commands.conf declares hand-written chunked-protocol commands (bin/*.py), which the
 * stand-in runs as splunkd does.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStore } from '../search';
import { createSplunkd, type Splunkd } from '../splunkd';
import { NOW_MS, testEvents } from '../splunkd/test-harness';

const APP = 'standin_commands';
const APP_DIR = path.resolve(__dirname, 'test-app');
const ACCOUNTS = [
    { name: 'admin', realname: 'Administrator', roles: ['admin'], password: 'changeme' },
    { name: 'analyst', realname: 'Analyst', roles: ['user', 'passivetotal_user'], password: 'changeme' },
    { name: 'guest', realname: 'Guest', roles: ['user'], password: 'changeme' },
];

interface ResultsBody {
    preview: boolean;
    messages: { type: string; text: string }[];
    fields: { name: string }[];
    results: Record<string, string | string[]>[];
}

interface JobContent {
    dispatchState: string;
    isDone: boolean;
    isFailed: boolean;
    isFinalized: boolean;
    resultCount: number;
    resultPreviewCount: number;
    eventCount: number;
    messages: { type: string; text: string }[];
}

let splunkd: Splunkd;
let base = '';
let splunkHome = '';
const tokens: Record<string, string> = {};

beforeAll(async () => {
    splunkHome = mkdtempSync(path.join(tmpdir(), 'search-commands-test-'));
    splunkd = await createSplunkd({
        appDir: APP_DIR,
        app: APP,
        store: EventStore.fromJson(testEvents(), 'test'),
        now: () => NOW_MS,
        jobTimings: { queuedMs: 10, runningMs: 30 },
        accounts: ACCOUNTS,
        searchCommands: { chunkRows: 3, replyTimeoutMs: 20_000, splunkHome },
    });
    await splunkd.server.listen({ port: 0, host: '127.0.0.1' });
    const address = splunkd.server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    for (const { name } of ACCOUNTS) {
        const token = splunkd.login(name, 'changeme');
        if (token === undefined) throw new Error(`${name} cannot log in`);
        tokens[name] = token;
    }
});

afterAll(async () => {
    await splunkd.server.close();
    rmSync(splunkHome, { recursive: true, force: true });
});

function call(urlPath: string, user: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${base}${urlPath}`, {
        ...init,
        headers: { Authorization: `Splunk ${tokens[user] ?? ''}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
}

function post(urlPath: string, user: string, values: Record<string, string>): Promise<Response> {
    return call(urlPath, user, {
        method: 'POST',
        body: new URLSearchParams({ output_mode: 'json', ...values }).toString(),
    });
}

async function create(search: string, user = 'admin', extra: Record<string, string> = {}, ns = '/services') {
    const response = await post(`${ns}/search/jobs`, user, { search, ...extra });
    const body = (await response.json()) as { sid?: string; messages?: { type: string; text: string }[] };
    return { status: response.status, sid: body.sid ?? '', messages: body.messages ?? [] };
}

async function status(sid: string, user = 'admin'): Promise<JobContent> {
    const response = await call(`/services/search/jobs/${sid}?output_mode=json`, user);
    const body = (await response.json()) as { entry: { content: JobContent }[] };
    const entry = body.entry[0];
    if (!entry) throw new Error(`no job ${sid}`);
    return entry.content;
}

async function waitFor(sid: string, user: string, done: (c: JobContent) => boolean, limitMs = 30_000) {
    const started = Date.now();
    for (;;) {
        const content = await status(sid, user);
        if (done(content)) return content;
        if (Date.now() - started > limitMs) throw new Error(`job ${sid} still ${content.dispatchState}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

async function results(sid: string, user = 'admin', endpoint = 'results'): Promise<ResultsBody> {
    const response = await call(`/services/search/v2/jobs/${sid}/${endpoint}?output_mode=json&count=0`, user);
    return (await response.json()) as ResultsBody;
}

/** Runs a search job to its end: its final status, results and events. */
async function run(search: string, user = 'admin', extra: Record<string, string> = {}, ns = '/services') {
    const created = await create(search, user, extra, ns);
    if (created.status !== 201) throw new Error(`${created.status} ${JSON.stringify(created.messages)}`);
    const content = await waitFor(created.sid, user, (c) => c.isDone);
    return { sid: created.sid, content, ...(await results(created.sid, user)) };
}

/** Whether a process is running. */
function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function until(condition: () => boolean, limitMs = 5000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
        if (Date.now() - started > limitMs) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

async function searchLog(sid: string): Promise<string> {
    const response = await call(`/services/search/jobs/${sid}/search.log`, 'admin');
    return response.text();
}

describe('a generating command', () => {
    it('starts a pipeline and its records become events, multivalue fields and all', async () => {
        const job = await run('| standingen count=5 per_chunk=2');
        expect(job.content).toMatchObject({ dispatchState: 'DONE', isFailed: false, resultCount: 5, eventCount: 5 });
        expect(job.fields.map((f) => f.name)).toEqual(['_time', '_raw', 'n', 'tags', 'note']);
        expect(job.results[0]).toEqual({
            _time: '2025-11-28T10:00:00.000+00:00',
            _raw: 'generated event 0',
            n: '0',
            tags: ['t$0', 'shared'],
            note: 'a, "quoted"\nsecond line',
        });
        expect(job.results.map((r) => r.n)).toEqual(['0', '1', '2', '3', '4']);
        const events = await results(job.sid, 'admin', 'events');
        expect(events.results).toHaveLength(5);
    });

    it('feeds later commands of the search', async () => {
        const job = await run('| standingen count=4 | where n > 1 | stats count values(tags) as tags');
        expect(job.results).toEqual([{ count: '2', tags: ['shared', 't$2', 't$3'] }]);
    });

    it('answers a oneshot search with its records and messages', async () => {
        const response = await post('/services/search/jobs', 'admin', {
            search: '| standingen count=2 messages=yes',
            exec_mode: 'oneshot',
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as ResultsBody;
        expect(body.results.map((r) => r.n)).toEqual(['0', '1']);
        expect(body.messages).toContainEqual({ type: 'WARN', text: 'this is a warning' });
    });

    it('gets the job’s time range, its arguments and the search in searchinfo', async () => {
        const job = await run('| standingen show=searchinfo query="evil example" x=\\\\w+', 'analyst', {
            earliest_time: '-1h',
            latest_time: 'now',
        });
        const info = job.results[0] ?? {};
        const now = NOW_MS / 1000;
        expect(info).toMatchObject({
            earliest_time: String(now - 3600),
            latest_time: String(now),
            args: ['show=searchinfo', 'query=evil example', 'x=\\\\w+'],
            raw_args: ['show=searchinfo', 'query="evil example"', 'x=\\\\w+'],
            username: 'analyst',
            owner: 'analyst',
            app: 'search',
            command: 'standingen',
            sid: job.sid,
            splunkd_uri: base,
            dispatch_dir_exists: 'yes',
            cwd_is_dispatch_dir: 'yes',
        });
        expect(decodeURIComponent(String(info.search))).toBe(
            '| standingen show=searchinfo query="evil example" x=\\\\w+'
        );
        expect(Number(info.session_key_length)).toBeGreaterThan(20);
    });

    it('sends 0 for an unbounded time range', async () => {
        const job = await run('| standingen show=searchinfo');
        expect(job.results[0]).toMatchObject({ earliest_time: '0', latest_time: '0' });
    });
});

describe('the session key a command gets', () => {
    it('is a token of the searching user, with that user’s capabilities', async () => {
        const analyst = await run('| standingen show=whoami', 'analyst');
        expect(analyst.results[0]).toMatchObject({ status: '200', user: 'analyst', can_query: 'yes' });
        const guest = await run('| standingen show=whoami', 'guest');
        expect(guest.results[0]).toMatchObject({ status: '200', user: 'guest', roles: 'user', can_query: 'no' });
    });
});

describe('a streaming command', () => {
    it('gets the events in chunks and returns them with its fields added', async () => {
        const job = await run('search index=main | head 7 | standinstream field=host');
        expect(job.content).toMatchObject({ isFailed: false, resultCount: 7 });
        expect(job.results.map((r) => r.chunk)).toEqual(['1', '1', '1', '2', '2', '2', '3']);
        expect(job.results.map((r) => r.chunk_size)).toEqual(['3', '3', '3', '3', '3', '3', '1']);
        expect(job.results[0]).toMatchObject({ host: 'web1', upper: 'WEB1', index: 'main', sourcetype: 'test' });
        expect(job.results[0]?._raw).toMatch(/^request 0 from/);
        expect(job.results[0]?.received).toEqual(expect.arrayContaining(['_raw', '_time', 'host', 'n', 'status']));
        const events = await results(job.sid, 'admin', 'events');
        expect(events.results).toHaveLength(7);
    });

    it('gets multivalue fields as multivalue fields', async () => {
        const job = await run('| standingen count=2 | standinstream field=tags');
        expect(job.results.map((r) => r.upper)).toEqual([
            ['T$0', 'SHARED'],
            ['T$1', 'SHARED'],
        ]);
    });

    it('gets only its required fields, and keeps the others of each record', async () => {
        const job = await run('search index=main | head 4 | standinstream field=host only=host');
        expect(job.results.map((r) => r.received)).toEqual(['host', 'host', 'host', 'host']);
        expect(job.results[1]).toMatchObject({ host: 'web2', upper: 'WEB2', n: '1', status: '200' });
    });

    it('gets no more input once it answers finished', async () => {
        const job = await run('search index=main | head 9 | standinstream stop_after=2');
        expect(job.results.map((r) => r.chunk)).toEqual(['1', '1', '1', '2', '2', '2']);
    });
});

describe('messages from commands', () => {
    it('appear in the job status with their level; ERROR is refused in the getinfo reply', async () => {
        const job = await run('| standingen count=1 messages=yes');
        expect(job.content.isFailed).toBe(false);
        expect(job.content.messages).toEqual([
            { type: 'INFO', text: 'standingen is ready' },
            { type: 'INFO', text: 'generated 1 records' },
            { type: 'WARN', text: 'this is a warning' },
            { type: 'ERROR', text: 'this is an error' },
        ]);
        expect(await searchLog(job.sid)).toContain('Error adding inspector message');
    });

    it('keep what a command wrote to stderr in search.log', async () => {
        const job = await run('| standinfail mode=stderr');
        expect(job.results).toEqual([{ mode: 'stderr' }]);
        expect(await searchLog(job.sid)).toContain('ERROR ChunkedExternProcessor - stderr: a line for search.log');
    });
});

describe('a command that fails', () => {
    const failed = async (search: string) => {
        const job = await run(search);
        expect(job.content).toMatchObject({ dispatchState: 'FAILED', isFailed: true, isDone: true });
        return job;
    };

    it('fails the search when it exits before answering getinfo', async () => {
        const job = await failed('| standinfail mode=exit_getinfo');
        expect(job.content.messages).toEqual([
            {
                type: 'ERROR',
                text: "Error in 'standinfail' command: External search command exited unexpectedly with non-zero error code 3.",
            },
        ]);
        expect(job.messages).toEqual(job.content.messages);
    });

    it('fails the search when it exits in the middle of the search', async () => {
        const job = await failed('| standinfail mode=exit_execute');
        expect(job.content.messages.at(-1)?.text).toBe(
            "Error in 'standinfail' command: External search command exited unexpectedly with non-zero error code 1."
        );
    });

    it('fails the search when it writes something that is not a chunk', async () => {
        const job = await failed('| standinfail mode=garbage');
        expect(job.content.messages.at(-1)?.text).toBe(
            "Error in 'standinfail' command: Invalid message received from external search command during setup, see search.log."
        );
        expect(await searchLog(job.sid)).toContain('Failed to parse transport header');
    });

    it('fails the search with the error its metadata names, after its messages', async () => {
        const getinfo = await failed('| standinfail mode=error_getinfo');
        expect(getinfo.content.messages).toEqual([
            { type: 'ERROR', text: "Error in 'standinfail' command: The argument mode=error_getinfo is refused." },
        ]);
        const execute = await failed('| standinfail mode=error_execute');
        expect(execute.content.messages).toEqual([
            { type: 'WARN', text: 'before the error' },
            { type: 'ERROR', text: "Error in 'standinfail' command: Lookup failed." },
        ]);
    });

    it('does not fail the search when it exits with an error after it finished', async () => {
        const job = await run('| standinfail mode=exit_after_finished');
        expect(job.content.isFailed).toBe(false);
        expect(job.results).toEqual([{ mode: 'exit_after_finished' }]);
    });

    it('is stopped when it exceeds its maxwait, and the search fails instead of hanging', async () => {
        const started = Date.now();
        const job = await failed('| standinslow');
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(job.content.messages.at(-1)?.text).toBe(
            "Error in 'standinslow' command: External search command did not reply within 1 seconds and was stopped."
        );
    });

    it('is killed when the job is cancelled, and its dispatch directory removed', async () => {
        const pidFile = path.join(splunkHome, 'var/run/standin_fail.pid');
        rmSync(pidFile, { force: true });
        const created = await create('| standinfail mode=sleep');
        const running = await waitFor(created.sid, 'admin', (c) => c.dispatchState === 'RUNNING');
        expect(running.isDone).toBe(false);
        const dispatch = path.join(splunkHome, 'var/run/splunk/dispatch', created.sid);
        expect(existsSync(dispatch)).toBe(true);
        await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
        const pid = Number(readFileSync(pidFile, 'utf8'));
        expect(alive(pid)).toBe(true);
        const response = await post(`/services/search/jobs/${created.sid}/control`, 'admin', { action: 'cancel' });
        expect(response.status).toBe(200);
        expect(existsSync(dispatch)).toBe(false);
        await until(() => !alive(pid));
        const gone = await call(`/services/search/jobs/${created.sid}?output_mode=json`, 'admin');
        expect(gone.status).toBe(404);
    });

    it('is a generating command used after other commands: the search fails', async () => {
        const job = await failed('search index=main | head 2 | standingen');
        expect(job.content.messages.at(-1)?.text).toBe(
            "Error in 'standingen' command: This command must be the first command of a search."
        );
    });
});

describe('a slow command', () => {
    it('shows a growing preview and its messages while it runs, and finalizing keeps what it produced', async () => {
        const created = await create('| standingen count=20 per_chunk=1 delay=0.2 messages=yes');
        const partial = await waitFor(created.sid, 'admin', (c) => c.resultPreviewCount >= 2);
        expect(partial).toMatchObject({ dispatchState: 'RUNNING', isDone: false });
        expect(partial.messages).toContainEqual({ type: 'WARN', text: 'this is a warning' });
        const preview = await results(created.sid, 'admin', 'results_preview');
        expect(preview.preview).toBe(true);
        expect(preview.results.length).toBeGreaterThanOrEqual(2);
        await post(`/services/search/jobs/${created.sid}/control`, 'admin', { action: 'finalize' });
        const done = await waitFor(created.sid, 'admin', (c) => c.isDone);
        expect(done).toMatchObject({ dispatchState: 'DONE', isFinalized: true, isFailed: false });
        expect(done.resultCount).toBeGreaterThanOrEqual(2);
        expect(done.resultCount).toBeLessThan(20);
        const final = await results(created.sid);
        expect(final.results.map((r) => r.n)).toEqual(Array.from({ length: done.resultCount }, (_, i) => String(i)));
    });
});

describe('commands.conf in the app’s local folder', () => {
    it('adds to and overrides the default one', async () => {
        const appDir = mkdtempSync(path.join(tmpdir(), 'search-commands-local-'));
        const home = mkdtempSync(path.join(tmpdir(), 'search-commands-local-home-'));
        cpSync(APP_DIR, appDir, { recursive: true });
        mkdirSync(path.join(appDir, 'local'));
        writeFileSync(
            path.join(appDir, 'local/commands.conf'),
            '[standinlocal]\nfilename = standin_generate.py\nchunked = true\n\n[standinmissing]\nfilename = standin_generate.py\n'
        );
        const local = await createSplunkd({
            appDir,
            app: APP,
            store: EventStore.fromJson([], 'none'),
            now: () => NOW_MS,
            jobTimings: { queuedMs: 0, runningMs: 0 },
            accounts: ACCOUNTS,
            searchCommands: { splunkHome: home },
        });
        try {
            const key = local.login('admin', 'changeme') ?? '';
            await local.server.listen({ port: 0, host: '127.0.0.1' });
            const address = local.server.server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            const oneshot = async (search: string) => {
                const response = await fetch(`http://127.0.0.1:${port}/services/search/jobs`, {
                    method: 'POST',
                    headers: { Authorization: `Splunk ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
                    body: new URLSearchParams({ search, exec_mode: 'oneshot', output_mode: 'json' }).toString(),
                });
                return { status: response.status, body: (await response.json()) as ResultsBody };
            };
            expect((await oneshot('| standinlocal count=2')).body.results).toHaveLength(2);
            expect((await oneshot('| standinmissing count=1')).body.results).toHaveLength(1);
        } finally {
            await local.server.close();
            rmSync(appDir, { recursive: true, force: true });
            rmSync(home, { recursive: true, force: true });
        }
    });
});

describe('commands the app does not declare, or cannot run', () => {
    const rejected = async (search: string, ns = '/services') => {
        const created = await create(search, 'admin', {}, ns);
        expect(created.status).toBe(400);
        return created.messages;
    };

    it('are rejected with Splunk’s message', async () => {
        expect(await rejected('| nosuchcommand x=1')).toEqual([
            { type: 'FATAL', text: "Unknown search command 'nosuchcommand'." },
        ]);
        expect(await rejected('search index=main | nosuchcommand')).toEqual([
            { type: 'FATAL', text: "Unknown search command 'nosuchcommand'." },
        ]);
    });

    it('include a command not exported to the app the search runs in', async () => {
        expect(await rejected('| standinprivate')).toEqual([
            { type: 'FATAL', text: "Unknown search command 'standinprivate'." },
        ]);
        const job = await run('| standinprivate count=1', 'admin', {}, `/servicesNS/admin/${APP}`);
        expect(job.results).toHaveLength(1);
    });

    it('fail when the program is missing or speaks the legacy protocol', async () => {
        expect(await rejected('| standinmissing')).toEqual([
            {
                type: 'FATAL',
                text: "Error in 'standinmissing' command: Cannot find program 'standinmissing' or script 'standinmissing'.",
            },
        ]);
        const legacy = await rejected('| standinlegacy');
        expect(legacy[0]?.text).toMatch(/^Error in 'standinlegacy' command: .*chunked = true/);
    });
});
