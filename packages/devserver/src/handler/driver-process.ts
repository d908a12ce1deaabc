import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { LengthPrefixedDecoder } from './persistconn-framing';
import { PersistentHandlerError } from './persistent-handler-error';

/** How to start one driver process. */
export interface DriverProcessOptions {
    command: string;
    args: readonly string[];
    cwd: string;
    env: Readonly<Record<string, string>>;
    /** Receives each line the driver writes to stderr. */
    log: (line: string) => void;
    /** Called once when the process is gone (exited, killed or never started). */
    onGone: (process: DriverProcess) => void;
}

interface Exchange {
    expected: number;
    replies: Buffer[];
    resolve: (replies: Buffer[]) => void;
    reject: (error: PersistentHandlerError) => void;
}

/**
 * One long-lived driver process and its stdin/stdout pipe: sends a packet and collects the given number
 * of length-prefixed replies. One exchange at a time (the runner serialises requests).
 */
export class DriverProcess {
    private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
    private readonly decoder = new LengthPrefixedDecoder();
    private exchange: Exchange | undefined;
    private exitDescription: string | undefined;
    private stdoutClosed = false;
    private killed = false;
    private goneError: PersistentHandlerError | undefined;
    private stderrRest = '';
    private readonly exited: Promise<void>;

    constructor(private readonly options: DriverProcessOptions) {
        this.child = spawn(options.command, [...options.args], {
            cwd: options.cwd,
            env: { ...options.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true,
        });
        let markExited: () => void = () => undefined;
        this.exited = new Promise((resolve) => (markExited = resolve));
        this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
        this.child.stdout.on('close', () => {
            this.stdoutClosed = true;
            this.settleIfGone();
        });
        this.child.stderr.setEncoding('utf8');
        this.child.stderr.on('data', (text: string) => this.onStderr(text));
        this.child.stderr.on('close', () => this.flushStderr());
        this.child.stdin.on('error', () => undefined); // EPIPE after a crash; reported by the exit instead
        this.child.on('exit', (code, signal) => {
            this.exitDescription = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
            markExited();
            this.settleIfGone();
        });
        this.child.on('error', (error) => {
            if (this.exitDescription !== undefined || this.child.pid !== undefined) {
                options.log(`persistconn driver: ${error.message}`);
                return;
            }
            this.exitDescription = 'could not be started';
            this.stdoutClosed = true;
            markExited();
            const message = `Could not start the handler driver "${options.command}": ${error.message}`;
            this.fail(new PersistentHandlerError('spawn', message));
        });
        this.setActive(false);
    }

    /** The operating system's process id (undefined if it could not be started). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Whether the process has exited or failed, so it cannot serve another request. */
    get gone(): boolean {
        return this.killed || this.goneError !== undefined || this.exitDescription !== undefined;
    }

    /** Sends `packet` and resolves with the next `expected` reply strings. */
    send(packet: Buffer, expected: number): Promise<Buffer[]> {
        if (this.goneError) return Promise.reject(this.goneError);
        if (this.exchange) return Promise.reject(new Error('DriverProcess.send: an exchange is already running'));
        return new Promise<Buffer[]>((resolve, reject) => {
            this.exchange = { expected, replies: [], resolve, reject };
            this.child.stdin.write(packet);
        });
    }

    /**
     * Keeps Node's event loop alive for the process while a request runs (`true`), and lets Node exit
     * while it idles (`false`); an idle driver then ends when its stdin closes with Node.
     */
    setActive(active: boolean): void {
        for (const handle of [this.child.stdin, this.child.stdout, this.child.stderr]) {
            if (handle instanceof Socket) {
                if (active) handle.ref();
                else handle.unref();
            }
        }
        if (active) this.child.ref();
        else this.child.unref();
    }

    /** Closes stdin, so the driver finishes its request and exits; kills it after `graceMs`. */
    async stop(graceMs: number): Promise<void> {
        if (this.exitDescription !== undefined) return;
        this.child.stdin.end();
        const timer = setTimeout(() => this.kill(), graceMs);
        timer.unref();
        await this.exited;
        clearTimeout(timer);
    }

    /** Kills the process at once (SIGKILL); a running exchange fails with `reason`. */
    kill(reason?: PersistentHandlerError): void {
        if (reason) this.fail(reason);
        this.killed = true;
        if (this.exitDescription === undefined) this.child.kill('SIGKILL');
    }

    /** Resolves when the process has exited. */
    whenExited(): Promise<void> {
        return this.exited;
    }

    private onData(chunk: Buffer): void {
        let replies: Buffer[];
        try {
            replies = this.decoder.push(chunk);
        } catch (error) {
            const failure =
                error instanceof PersistentHandlerError ? error : new PersistentHandlerError('protocol', String(error));
            this.kill(failure);
            return;
        }
        for (const reply of replies) {
            const exchange = this.exchange;
            if (!exchange) {
                this.kill(new PersistentHandlerError('protocol', 'The handler driver wrote a reply nobody asked for'));
                return;
            }
            exchange.replies.push(reply);
            if (exchange.replies.length === exchange.expected) {
                this.exchange = undefined;
                exchange.resolve(exchange.replies);
            }
        }
    }

    private onStderr(text: string): void {
        const lines = (this.stderrRest + text).split('\n');
        this.stderrRest = lines.pop() ?? '';
        for (const line of lines) this.options.log(line);
    }

    private flushStderr(): void {
        if (this.stderrRest) this.options.log(this.stderrRest);
        this.stderrRest = '';
    }

    /** Once the process has exited and its stdout is drained, fails the running exchange and reports it gone. */
    private settleIfGone(): void {
        if (this.exitDescription === undefined || !this.stdoutClosed || this.goneError) return;
        const pid = this.child.pid === undefined ? '' : ` (pid ${this.child.pid})`;
        const during = this.exchange ? ' before it answered' : '';
        this.fail(new PersistentHandlerError('crashed', `The handler process${pid} ${this.exitDescription}${during}`));
    }

    private fail(error: PersistentHandlerError): void {
        const exchange = this.exchange;
        this.exchange = undefined;
        exchange?.reject(error);
        if (this.goneError) return;
        if (error.kind === 'crashed' || error.kind === 'spawn') {
            this.goneError = error;
            this.options.onGone(this);
        }
    }
}
