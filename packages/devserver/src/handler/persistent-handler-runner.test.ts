import { mkdtempSync, rmSync, symlinkSync, existsSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PersistentHandlerStanza } from './handler-command';
import type { PersistentHandlerError } from './persistent-handler-error';
import {
    createPersistentHandlerRunner,
    type PersistentHandlerRunner,
    type PersistentHandlerRunnerOptions,
} from './persistent-handler-runner';
import type { PersistentReply } from './persistent-reply';

const HANDLERS = path.join(__dirname, 'test-handlers');

// Each test starts real Python processes; leave room for a busy machine (the waits inside are bounded).
jest.setTimeout(30_000);

/** An app folder whose bin/ is the example handlers. */
let appDir: string;
let runner: PersistentHandlerRunner | undefined;
let logLines: string[];

beforeAll(() => {
    appDir = mkdtempSync(path.join(tmpdir(), 'handler-runner-app-'));
    symlinkSync(HANDLERS, path.join(appDir, 'bin'), 'dir');
});

afterAll(() => {
    rmSync(appDir, { recursive: true, force: true });
});

afterEach(async () => {
    await runner?.close();
    runner = undefined;
});

function start(options: Partial<PersistentHandlerRunnerOptions> = {}): PersistentHandlerRunner {
    logLines = [];
    runner = createPersistentHandlerRunner({
        appDir,
        splunkdUri: 'http://127.0.0.1:1',
        log: (line) => logLines.push(line),
        ...options,
    });
    return runner;
}

function stanza(script: string, extra: Record<string, string> = {}): PersistentHandlerStanza {
    return { name: 'script:test', conf: { match: '/test', scripttype: 'persist', script, ...extra } };
}

/** The payload object of a reply. */
function payloadOf(reply: PersistentReply): Record<string, unknown> {
    expect(typeof reply.payload).toBe('object');
    return reply.payload as Record<string, unknown>;
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

const echo = stanza('echo_handler.py', { 'script.arg.1': 'first', 'script.param': 'param value' });
const sleepy = stanza('sleepy_handler.py');

describe('the persistent handler runner', () => {
    it('delivers the exact request JSON as bytes and passes argv and command_arg', async () => {
        const run = start({ splunkdUri: 'http://127.0.0.1:8089' });
        const request = { method: 'GET', rest_path: '/test', query: [['q', 'é "x"']], session: { user: 'admin' } };
        const reply = await run.handle(echo, request);
        expect(reply.status).toBe(200);
        expect(reply.headers).toEqual({ 'Content-Type': 'application/json' });
        const payload = payloadOf(reply);
        expect(payload.request).toEqual(request);
        expect(payload.in_string_type).toBe('bytes');
        const script = path.join(run.splunkHome, 'etc/apps/passivetotal/bin/echo_handler.py');
        expect(payload.command_line).toEqual([script, 'first']);
        expect(payload.file).toBe(script);
        expect(payload.command_arg).toBe('param value');
        expect(payload.own_dir_on_sys_path).toBe(false);
        expect(payload.splunk_home).toBe(run.splunkHome);
        expect(payload.splunkd_uri).toBe('http://127.0.0.1:8089');
        expect(realpathSync(String(payload.cwd))).toBe(realpathSync(run.splunkHome));
        expect(existsSync(path.join(run.splunkHome, 'var/log/splunk'))).toBe(true);
        expect(payload.pid).toBe(run.pid);
    });

    it('keeps module state across requests, not instance state, and calls done() after each', async () => {
        const run = start();
        const payloads = [];
        for (let i = 0; i < 3; i += 1) payloads.push(payloadOf(await run.handle(echo, { i })));
        expect(payloads.map((p) => p.module_requests)).toEqual([1, 2, 3]);
        expect(payloads.map((p) => p.instance_calls)).toEqual([1, 1, 1]);
        expect(payloads.map((p) => p.done_calls)).toEqual([0, 1, 2]);
        expect(new Set(payloads.map((p) => p.pid)).size).toBe(1);
    });

    it('answers a handler exception with a 500 without traceback, logs the traceback and keeps the process', async () => {
        const run = start();
        const before = payloadOf(await run.handle(echo, {})).pid;
        const reply = await run.handle(stanza('raising_handler.py'), {});
        expect(reply).toEqual({
            status: 500,
            payload: {
                messages: [
                    {
                        type: 'ERROR',
                        text:
                            'Unexpected error "<class \'KeyError\'>" from python handler: "\'no such route\'". ' +
                            'See splunkd.log/python.log for more details.',
                    },
                ],
            },
        });
        expect(JSON.stringify(reply)).not.toMatch(/Traceback|raising_handler\.py|line \d/);
        // stderr is a separate pipe: the traceback may arrive just after the reply.
        await waitFor(() => logLines.join('\n').includes('raise KeyError'));
        expect(logLines.join('\n')).toContain('Traceback (most recent call last)');
        expect(logLines.join('\n')).toContain('raise KeyError("no such route")');
        expect(payloadOf(await run.handle(echo, {})).pid).toBe(before);
    });

    it('fails with a load error when the script has two handler classes, and goes on serving', async () => {
        const run = start();
        const failure = run.handle(stanza('two_apps_handler.py'), {});
        await expect(failure).rejects.toMatchObject({ name: 'PersistentHandlerError', kind: 'load' });
        const error = (await failure.catch((e: unknown) => e)) as PersistentHandlerError;
        expect(error.message).toMatch(/^Can't load script ".*two_apps_handler\.py": expected exactly one class/);
        expect(error.message).toContain('FirstHandler, SecondHandler');
        await expect(run.handle(stanza('missing_handler.py'), {})).rejects.toMatchObject({ kind: 'load' });
        expect(payloadOf(await run.handle(echo, {})).module_requests).toBe(1);
    });

    it('fails the request of a killed process and serves the next one from a new process', async () => {
        const run = start();
        const first = payloadOf(await run.handle(sleepy, { seconds: 0 })).pid as number;
        const slow = run.handle(sleepy, { seconds: 10 }).catch((error: unknown) => error);
        await new Promise((resolve) => setTimeout(resolve, 200));
        process.kill(first, 'SIGKILL');
        expect(await slow).toMatchObject({
            kind: 'crashed',
            message: `The handler process (pid ${first}) was killed by SIGKILL before it answered`,
        });
        const next = payloadOf(await run.handle(echo, {}));
        expect(next.pid).not.toBe(first);
        expect(next.module_requests).toBe(1);
    });

    it('times a request out, kills its process and starts a new one for the next request', async () => {
        const run = start({ requestTimeoutMs: 1500 });
        const started = Date.now();
        await expect(run.handle(sleepy, { seconds: 20 })).rejects.toMatchObject({
            kind: 'timeout',
            message: 'The handler did not answer within 1500 ms; its process was stopped',
        });
        expect(Date.now() - started).toBeLessThan(5000);
        const stuckPid = Number(/started driver pid (\d+)/.exec(logLines.join('\n'))?.[1]);
        await waitFor(() => !isAlive(stuckPid));
        const reply = payloadOf(await run.handle(sleepy, { seconds: 0 }));
        expect(reply.pid).not.toBe(stuckPid);
    });

    it('serialises concurrent requests on one process and answers each with its own reply', async () => {
        const run = start();
        const finished: string[] = [];
        const slow = run.handle(sleepy, { seconds: 0.3 }).then((reply) => {
            finished.push('slow');
            return payloadOf(reply);
        });
        const fast = [1, 2, 3].map((n) =>
            run.handle(echo, { n }).then((reply) => {
                finished.push(`echo ${n}`);
                return payloadOf(reply);
            })
        );
        const [slowPayload, ...echoes] = await Promise.all([slow, ...fast]);
        expect(finished).toEqual(['slow', 'echo 1', 'echo 2', 'echo 3']);
        expect(echoes.map((p) => p.request)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
        expect(new Set([slowPayload.pid, ...echoes.map((p) => p.pid)]).size).toBe(1);
    });

    it('serves concurrent requests on up to maxProcesses processes, each one request at a time', async () => {
        const run = start({ maxProcesses: 3 });
        const started = Date.now();
        const replies = await Promise.all([1, 2, 3, 4].map(() => run.handle(sleepy, { seconds: 0.6 })));
        const pids = replies.map((r) => payloadOf(r).pid as number);
        // Three run side by side; the fourth waits for the first free process instead of starting a fourth.
        expect(new Set(pids).size).toBe(3);
        expect(Date.now() - started).toBeLessThan(4 * 600);
        expect(run.pids).toHaveLength(3);
    });

    it('keeps serving from the other processes when one is killed mid-request', async () => {
        const run = start({ maxProcesses: 2 });
        const slow = [1, 2].map(() => run.handle(sleepy, { seconds: 2 }).catch((error: unknown) => error));
        await waitFor(() => run.pids.length === 2);
        const [victim] = run.pids;
        process.kill(victim as number, 'SIGKILL');
        const outcomes = await Promise.all(slow);
        expect(outcomes.filter((o) => (o as { kind?: string }).kind === 'crashed')).toHaveLength(1);
        const next = payloadOf(await run.handle(echo, {}));
        expect(next.pid).not.toBe(victim);
    });

    it('reads plain-text and None replies', async () => {
        const run = start();
        expect(await run.handle(stanza('text_handler.py'), { reply: 'text' })).toEqual({
            payload: 'plain text, not JSON',
        });
        expect(await run.handle(stanza('text_handler.py'), { reply: 'none' })).toEqual({ payload: null });
    });

    it('resolves $SPLUNK_HOME in script paths and refuses a stanza without script', async () => {
        const run = start();
        const viaHome = stanza('$SPLUNK_HOME/etc/apps/passivetotal/bin/echo_handler.py');
        expect(payloadOf(await run.handle(viaHome, { ok: 1 })).request).toEqual({ ok: 1 });
        await expect(run.handle({ name: 'script:empty', conf: {} }, {})).rejects.toMatchObject({ kind: 'config' });
    });

    it('reports a Python that cannot be started', async () => {
        const run = start({ python: path.join(appDir, 'no-such-python') });
        await expect(run.handle(echo, {})).rejects.toMatchObject({ kind: 'spawn' });
        expect(run.pid).toBeUndefined();
    });

    it('stops an idle driver after the idle timeout and starts a new one on demand', async () => {
        const run = start({ idleTimeoutMs: 150 });
        const first = payloadOf(await run.handle(echo, {})).pid as number;
        await waitFor(() => run.pid === undefined && !isAlive(first));
        const second = payloadOf(await run.handle(echo, {}));
        expect(second.pid).not.toBe(first);
        expect(second.module_requests).toBe(1);
    });

    it('restarts: the running request finishes, the next gets a fresh process and fresh modules', async () => {
        const run = start();
        const first = payloadOf(await run.handle(echo, {})).pid as number;
        const slow = run.handle(sleepy, { seconds: 0.2 });
        await run.restart();
        expect(payloadOf(await slow).pid).toBe(first);
        expect(isAlive(first)).toBe(false);
        const next = payloadOf(await run.handle(echo, {}));
        expect(next.pid).not.toBe(first);
        expect(next.module_requests).toBe(1);
    });

    it('close() lets the running request finish, rejects queued and later ones, ends the process', async () => {
        const run = start();
        const home = run.splunkHome;
        const running = run.handle(sleepy, { seconds: 0.3 });
        await waitFor(() => run.pid !== undefined);
        const pid = run.pid as number;
        const queued = run.handle(echo, {}).catch((error: unknown) => error);
        await run.close();
        expect(payloadOf(await running).slept).toBe(0.3);
        expect(await queued).toMatchObject({ kind: 'closed' });
        await expect(run.handle(echo, {})).rejects.toMatchObject({ kind: 'closed' });
        expect(isAlive(pid)).toBe(false);
        expect(existsSync(home)).toBe(false);
    });

    it('close() kills a driver that does not finish within the grace time', async () => {
        const run = start({ stopGraceMs: 100 });
        const running = run.handle(sleepy, { seconds: 20 }).catch((error: unknown) => error);
        await waitFor(() => run.pid !== undefined);
        const pid = run.pid as number;
        await run.close();
        expect(await running).toMatchObject({ kind: 'closed' });
        expect(isAlive(pid)).toBe(false);
    });
});

describe('splunk.rest.simpleRequest inside the handler', () => {
    let server: Server;
    let seen: { url: string | undefined; auth: string | undefined }[];

    beforeAll(async () => {
        server = createServer((request: IncomingMessage, response) => {
            seen.push({ url: request.url, auth: request.headers.authorization });
            const found = request.url?.startsWith('/servicesNS/nobody/passivetotal/storage/passwords') ?? false;
            response.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
            response.end(
                JSON.stringify(
                    found ? { entry: [{ name: 'passivetotal:user:' }] } : { messages: [{ type: 'ERROR', text: 'nf' }] }
                )
            );
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
        await new Promise((resolve) => server.close(resolve));
    });

    beforeEach(() => {
        seen = [];
    });

    it('reaches the stand-in splunkd with the session token and raises ResourceNotFound for 404', async () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const run = start({ splunkdUri: `http://127.0.0.1:${port}` });
        const client = stanza('splunkd_client_handler.py');
        const session = { user: 'admin', authtoken: 'token-1' };

        const found = await run.handle(client, { path: '/servicesNS/nobody/passivetotal/storage/passwords', session });
        expect(payloadOf(found)).toEqual({
            status: 200,
            content_type: 'application/json',
            content_is_bytes: true,
            body: { entry: [{ name: 'passivetotal:user:' }] },
        });
        const missing = await run.handle(client, { path: 'nothing/here', session });
        expect(payloadOf(missing)).toEqual({ error: 'ResourceNotFound', statusCode: 404 });
        expect(seen).toEqual([
            { url: '/servicesNS/nobody/passivetotal/storage/passwords?output_mode=json', auth: 'Splunk token-1' },
            { url: '/services/nothing/here?output_mode=json', auth: 'Splunk token-1' },
        ]);
    });
});
