import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DriverProcess } from './driver-process';
import { resolveHandlerCommand, type HandlerCommandContext, type PersistentHandlerStanza } from './handler-command';
import { encodeRequestPacket } from './persistconn-framing';
import { PersistentHandlerError } from './persistent-handler-error';
import { readHandlerReply, type PersistentReply } from './persistent-reply';

/** The driver script, next to the test-only `splunk` shim package. */
export const PERSISTCONN_DRIVER = path.resolve(__dirname, '../../python/persistconn_driver.py');

/**
 * Python's flags: `-I` (isolated: no `PYTHON*` variables, no user site-packages, no script folder on
 * `sys.path`; the driver appends its own folder for the `splunk` shim) and `-B` (no `__pycache__` written
 * into the app's `bin/`, which would end up in the package).
 */
export const DEFAULT_PYTHON_ARGS: readonly string[] = ['-I', '-B'];

/** Options of {@link createPersistentHandlerRunner}. */
export interface PersistentHandlerRunnerOptions {
    /** The built app folder (`stage/`), holding `bin/`. */
    appDir: string;
    /** The app id; the app appears as `$SPLUNK_HOME/etc/apps/<appName>`. Default `passivetotal`. */
    appName?: string;
    /** The stand-in's splunkd, e.g. `http://127.0.0.1:8089`, given to the handler as `SPLUNKD_URI`. */
    splunkdUri: string;
    /** The Python to run. Default `python3`. */
    python?: string;
    /** Flags before the driver path. Default {@link DEFAULT_PYTHON_ARGS}. */
    pythonArgs?: readonly string[];
    /** Extra environment for the driver (wins over the defaults). */
    env?: Readonly<Record<string, string>>;
    /**
     * `$SPLUNK_HOME` for the handler (it logs to `$SPLUNK_HOME/var/log/splunk/`). Default: a new temporary
     * folder, removed by `close()`. `etc/apps/<appName>` is made a symlink to `appDir` unless it exists.
     */
    splunkHome?: string;
    /** A request without an answer after this long fails with `timeout` and its process is killed. Default 30 s. */
    requestTimeoutMs?: number;
    /** An idle driver exits after this long, like splunkd's (60 s); `0` or `Infinity` keeps it. Default 60 s. */
    idleTimeoutMs?: number;
    /**
     * Driver processes that may run at once. splunkd starts more persistent processes when requests arrive while
     * the running ones are busy (limits.conf `[restapi] max_persistent_connections`, default 3000); each process
     * still serves one request at a time. Default 1.
     */
    maxProcesses?: number;
    /** How long `close()`, `restart()` and idle exits wait for the driver to exit before killing it. Default 2 s. */
    stopGraceMs?: number;
    /** Receives driver stderr lines (tracebacks, the handler's stderr) and lifecycle notes. Default: stderr. */
    log?: (line: string) => void;
}

/** Runs requests against the app's real Python handler through one long-lived persistconn driver. */
export interface PersistentHandlerRunner {
    /**
     * Runs one request through the stanza's `script` and resolves with the handler's reply. Requests are
     * served one at a time in call order (splunkd serialises requests per process); the driver starts on
     * the first request and again after it exited or was killed. Rejects with a
     * {@link PersistentHandlerError} when there is no handler reply (load error, crash, timeout, closed…).
     * An exception inside the handler is not a rejection: the driver answers splunkd's 500 reply.
     */
    handle(stanza: PersistentHandlerStanza, request: object): Promise<PersistentReply>;
    /** Stops the driver once the running request is done; the next request starts a fresh one (modules reloaded). */
    restart(): Promise<void>;
    /** Rejects queued requests, stops the driver (killing it after the grace time) and removes a temporary `$SPLUNK_HOME`. */
    close(): Promise<void>;
    /** The process id of the most recently started driver still running (else any running one), or undefined. */
    readonly pid: number | undefined;
    /** The process ids of every running driver. */
    readonly pids: readonly number[];
    /** `$SPLUNK_HOME` as the handler sees it. */
    readonly splunkHome: string;
}

interface SplunkHomeLayout {
    splunkHome: string;
    created: boolean;
    appRoot: string;
    installedAppRoot: string;
}

function prepareSplunkHome(options: PersistentHandlerRunnerOptions, appName: string): SplunkHomeLayout {
    const created = options.splunkHome === undefined;
    const splunkHome = options.splunkHome ?? mkdtempSync(path.join(tmpdir(), 'passivetotal-splunk-home-'));
    mkdirSync(path.join(splunkHome, 'var', 'log', 'splunk'), { recursive: true });
    const installedAppRoot = path.join(splunkHome, 'etc', 'apps', appName);
    let appRoot = installedAppRoot;
    try {
        lstatSync(installedAppRoot);
    } catch {
        mkdirSync(path.dirname(installedAppRoot), { recursive: true });
        try {
            symlinkSync(path.resolve(options.appDir), installedAppRoot, 'dir');
        } catch {
            appRoot = path.resolve(options.appDir); // no symlinks here: run the scripts where they are
        }
    }
    return { splunkHome, created, appRoot, installedAppRoot };
}

function driverEnvironment(options: PersistentHandlerRunnerOptions, splunkHome: string): Record<string, string> {
    const inherited: Record<string, string> = {};
    for (const name of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT', 'TMPDIR']) {
        const value = process.env[name];
        if (value !== undefined) inherited[name] = value;
    }
    return {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        ...inherited,
        SPLUNK_HOME: splunkHome,
        SPLUNK_ETC: path.join(splunkHome, 'etc'),
        SPLUNK_SERVER_NAME: 'Splunkd',
        SPLUNKD_URI: options.splunkdUri,
        ...options.env,
    };
}

function defaultLog(line: string): void {
    process.stderr.write(`${line}\n`);
}

/**
 * Starts a runner for the app's persistent REST handlers, the way splunkd runs `scripttype = persist` scripts:
 * long-lived Python drivers (a pool of `maxProcesses`), one request at a time each, the script's module cached in
 * the process, a new handler instance per request.
 * @example
 * const runner = createPersistentHandlerRunner({ appDir: 'stage', splunkdUri: 'http://127.0.0.1:8089' });
 * const reply = await runner.handle({ name: 'script:passivetotal', conf: { script: 'passivetotal_rest.py' } }, request);
 * // reply: { status: 200, payload: {...}, headers: {...} }
 * await runner.close();
 */
export function createPersistentHandlerRunner(options: PersistentHandlerRunnerOptions): PersistentHandlerRunner {
    const appName = options.appName ?? 'passivetotal';
    const log = options.log ?? defaultLog;
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const stopGraceMs = options.stopGraceMs ?? 2_000;
    const layout = prepareSplunkHome(options, appName);
    const env = driverEnvironment(options, layout.splunkHome);
    const context: HandlerCommandContext = {
        env,
        appRoot: layout.appRoot,
        installedAppRoot: layout.installedAppRoot,
    };

    // The pool: idle drivers ready for a request, and every live driver. A request takes an idle driver, or
    // starts one while fewer than `maxProcesses` live, or waits for one to come back.
    const maxProcesses = Math.max(1, options.maxProcesses ?? 1);
    const live = new Set<DriverProcess>();
    let idle: DriverProcess[] = [];
    const waiting: ((driver: DriverProcess | undefined) => void)[] = [];
    const idleTimers = new Map<DriverProcess, NodeJS.Timeout>();
    // Drivers started before the last restart() stop when their request is done.
    const retiring = new Map<DriverProcess, () => void>();
    let lastStarted: DriverProcess | undefined;
    let closed = false;
    let closing: Promise<void> | undefined;
    let running = 0;
    let allDone: (() => void) | undefined;

    const closedError = () => new PersistentHandlerError('closed', 'The persistent handler runner is closed');
    // A function, not the variable, so the check after an await is not narrowed away.
    const isClosed = () => closed;

    function clearIdle(d: DriverProcess): void {
        const timer = idleTimers.get(d);
        if (timer) clearTimeout(timer);
        idleTimers.delete(d);
    }

    function forget(d: DriverProcess): void {
        clearIdle(d);
        live.delete(d);
        const stopped = retiring.get(d);
        retiring.delete(d);
        if (stopped && d.gone) stopped();
        idle = idle.filter((x) => x !== d);
    }

    function armIdle(d: DriverProcess): void {
        clearIdle(d);
        if (closed || !(idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs))) return;
        const timer = setTimeout(() => {
            forget(d);
            log(`persistconn: driver pid ${String(d.pid)} idle for ${idleTimeoutMs} ms, stopping it`);
            void d.stop(stopGraceMs);
        }, idleTimeoutMs);
        timer.unref();
        idleTimers.set(d, timer);
    }

    function startDriver(): DriverProcess {
        const started = new DriverProcess({
            command: options.python ?? 'python3',
            args: [...(options.pythonArgs ?? DEFAULT_PYTHON_ARGS), PERSISTCONN_DRIVER],
            cwd: layout.splunkHome,
            env,
            log,
            onGone: (gone) => {
                forget(gone);
                // A waiting request may now start a driver of its own.
                const next = waiting.shift();
                if (next) next(undefined);
            },
        });
        live.add(started);
        lastStarted = started;
        log(`persistconn: started driver pid ${String(started.pid)}`);
        return started;
    }

    async function acquire(): Promise<DriverProcess> {
        for (;;) {
            if (closed) throw closedError();
            const ready = idle.pop();
            if (ready && !ready.gone) {
                clearIdle(ready);
                return ready;
            }
            if (live.size < maxProcesses) return startDriver();
            const handed = await new Promise<DriverProcess | undefined>((resolve) => waiting.push(resolve));
            if (handed && !handed.gone) return handed;
        }
    }

    function release(d: DriverProcess): void {
        if (d.gone) {
            forget(d);
        } else if (retiring.has(d) || closed) {
            const stopped = retiring.get(d);
            forget(d);
            void d.stop(stopGraceMs).then(stopped);
        } else {
            const next = waiting.shift();
            if (next) {
                next(d);
                return;
            }
            idle.push(d);
            armIdle(d);
            return;
        }
        const next = waiting.shift();
        if (next) next(undefined);
    }

    async function exchange(packet: Buffer): Promise<Buffer[]> {
        running += 1;
        let current: DriverProcess | undefined;
        let timer: NodeJS.Timeout | undefined;
        try {
            current = await acquire();
            const active = current;
            active.setActive(true);
            const timeout = new Promise<never>((_resolve, reject) => {
                timer = setTimeout(() => {
                    const error = new PersistentHandlerError(
                        'timeout',
                        `The handler did not answer within ${requestTimeoutMs} ms; its process was stopped`
                    );
                    forget(active);
                    active.kill(error);
                    reject(error);
                }, requestTimeoutMs);
            });
            // INIT and BLOCK are each answered by one string: the load error (empty if none), then the reply.
            return await Promise.race([active.send(packet, 2), timeout]);
        } catch (error) {
            if (isClosed() && error instanceof PersistentHandlerError && error.kind === 'crashed') throw closedError();
            throw error;
        } finally {
            clearTimeout(timer);
            if (current) {
                current.setActive(false);
                release(current);
            }
            running -= 1;
            if (running === 0) allDone?.();
        }
    }

    async function handle(stanza: PersistentHandlerStanza, request: object): Promise<PersistentReply> {
        if (closed) throw closedError();
        const command = resolveHandlerCommand(stanza, context);
        const packet = encodeRequestPacket({ ...command, block: JSON.stringify(request) });
        const [initError, reply] = await exchange(packet);
        if (initError && initError.length > 0) throw new PersistentHandlerError('load', initError.toString('utf8'));
        if (!reply) throw new PersistentHandlerError('protocol', 'The handler driver sent no reply');
        return readHandlerReply(reply);
    }

    /** Stops idle drivers now and busy ones when their request is done; later requests get fresh processes. */
    async function restartAll(): Promise<void> {
        const stopping = idle.map((d) => {
            forget(d);
            return d.stop(stopGraceMs);
        });
        for (const d of live) {
            stopping.push(new Promise<void>((resolve) => retiring.set(d, resolve)));
        }
        await Promise.all(stopping);
    }

    function untilIdle(): Promise<void> {
        if (running === 0) return Promise.resolve();
        return new Promise((resolve) => {
            allDone = resolve;
        });
    }

    return {
        handle,
        restart: restartAll,
        close() {
            closing ??= (async () => {
                closed = true;
                for (const w of waiting.splice(0)) w(undefined);
                // A running request may finish within the grace time; then every process ends.
                await Promise.all([...live].map((d) => d.stop(stopGraceMs)));
                await untilIdle();
                if (layout.created) rmSync(layout.splunkHome, { recursive: true, force: true });
            })();
            return closing;
        },
        get pid() {
            const d = lastStarted;
            return d && live.has(d) && !d.gone ? d.pid : ([...live].find((x) => !x.gone)?.pid ?? undefined);
        },
        get pids() {
            return [...live].flatMap((d) => (!d.gone && d.pid !== undefined ? [d.pid] : []));
        },
        splunkHome: layout.splunkHome,
    };
}
