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
    /** The driver's process id, or undefined while no driver runs. */
    readonly pid: number | undefined;
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
 * Starts a runner for the app's persistent REST handlers, the way splunkd runs `scripttype = persist`
 * scripts (splunk-app.md section 4.3): one long-lived Python driver, one request at a time, the script's
 * module cached in the process, a new handler instance per request.
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

    let driver: DriverProcess | undefined;
    let closed = false;
    let closing: Promise<void> | undefined;
    let idleTimer: NodeJS.Timeout | undefined;
    let queue: Promise<unknown> = Promise.resolve();

    const closedError = () => new PersistentHandlerError('closed', 'The persistent handler runner is closed');
    // A function, not the variable, so the check after an await is not narrowed away.
    const isClosed = () => closed;

    function enqueue<T>(task: () => Promise<T>): Promise<T> {
        const result = queue.then(task, task);
        queue = result.catch(() => undefined);
        return result;
    }

    function clearIdle(): void {
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = undefined;
    }

    function armIdle(): void {
        clearIdle();
        if (closed || !driver || !(idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs))) return;
        idleTimer = setTimeout(() => {
            idleTimer = undefined;
            const idle = driver;
            driver = undefined;
            if (idle) {
                log(`persistconn: driver pid ${String(idle.pid)} idle for ${idleTimeoutMs} ms, stopping it`);
                void idle.stop(stopGraceMs);
            }
        }, idleTimeoutMs);
        idleTimer.unref();
    }

    function startDriver(): DriverProcess {
        const started = new DriverProcess({
            command: options.python ?? 'python3',
            args: [...(options.pythonArgs ?? DEFAULT_PYTHON_ARGS), PERSISTCONN_DRIVER],
            cwd: layout.splunkHome,
            env,
            log,
            onGone: (gone) => {
                if (driver === gone) driver = undefined;
            },
        });
        log(`persistconn: started driver pid ${String(started.pid)}`);
        return started;
    }

    async function exchange(packet: Buffer): Promise<Buffer[]> {
        if (closed) throw closedError();
        clearIdle();
        if (!driver || driver.gone) driver = startDriver();
        const current = driver;
        current.setActive(true);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => {
                const error = new PersistentHandlerError(
                    'timeout',
                    `The handler did not answer within ${requestTimeoutMs} ms; its process was stopped`
                );
                if (driver === current) driver = undefined;
                current.kill(error);
                reject(error);
            }, requestTimeoutMs);
        });
        try {
            // INIT and BLOCK are each answered by one string: the load error (empty if none), then the reply.
            return await Promise.race([current.send(packet, 2), timeout]);
        } catch (error) {
            if (driver === current && current.gone) driver = undefined;
            if (isClosed() && error instanceof PersistentHandlerError && error.kind === 'crashed') throw closedError();
            throw error;
        } finally {
            clearTimeout(timer);
            current.setActive(false);
            armIdle();
        }
    }

    async function handle(stanza: PersistentHandlerStanza, request: object): Promise<PersistentReply> {
        if (closed) throw closedError();
        const command = resolveHandlerCommand(stanza, context);
        const packet = encodeRequestPacket({ ...command, block: JSON.stringify(request) });
        const [initError, reply] = await enqueue(() => exchange(packet));
        if (initError && initError.length > 0) throw new PersistentHandlerError('load', initError.toString('utf8'));
        if (!reply) throw new PersistentHandlerError('protocol', 'The handler driver sent no reply');
        return readHandlerReply(reply);
    }

    async function stopDriver(): Promise<void> {
        clearIdle();
        const current = driver;
        driver = undefined;
        await current?.stop(stopGraceMs);
    }

    return {
        handle,
        restart: () => enqueue(stopDriver),
        close() {
            closing ??= (async () => {
                closed = true;
                await stopDriver();
                await queue;
                if (layout.created) rmSync(layout.splunkHome, { recursive: true, force: true });
            })();
            return closing;
        },
        get pid() {
            return driver?.pid;
        },
        splunkHome: layout.splunkHome,
    };
}
