/**
 * One external command process and its pipes, spoken to in chunks: each request chunk written to
 * stdin is answered by exactly one chunk on stdout. stderr lines go to the search's log, as splunkd
 * writes them to `search.log`. Nothing here hangs: every exchange has a time limit, and a process that
 * exits, crashes or writes something that is not a chunk fails the exchange at once.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { ChunkDecoder, ChunkProtocolError, encodeChunk, type Chunk } from './chunked-framing';

/** Why an exchange with a command failed. */
export type CommandFailureKind = 'spawn' | 'exit' | 'protocol' | 'timeout' | 'aborted';

/** A failed exchange. */
export class CommandProcessError extends Error {
    constructor(
        readonly kind: CommandFailureKind,
        message: string,
        /** The exit code, when the process exited with one. */
        readonly exitCode?: number | null,
        /** The signal that ended the process, if one did. */
        readonly signal?: NodeJS.Signals | null
    ) {
        super(message);
        this.name = 'CommandProcessError';
    }
}

/** How to start a command process. */
export interface CommandProcessOptions {
    readonly program: string;
    readonly args: readonly string[];
    readonly cwd: string;
    readonly env: Readonly<Record<string, string>>;
    /** commands.conf `maxchunksize` (bytes of metadata plus body); 0 for any size. */
    readonly maxChunkSize: number;
    /** Receives each line the process writes to stderr. */
    readonly stderr: (line: string) => void;
}

interface Waiter {
    resolve: (chunk: Chunk) => void;
    reject: (error: CommandProcessError) => void;
}

/** A running command process. */
export class ChunkedCommandProcess {
    private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
    private readonly decoder: ChunkDecoder;
    private readonly ready: Chunk[] = [];
    private waiter: Waiter | undefined;
    private failure: CommandProcessError | undefined;
    private exitCode: number | null | undefined;
    private exitSignal: NodeJS.Signals | null = null;
    private stdoutClosed = false;
    private stderrRest = '';
    private readonly exited: Promise<void>;

    constructor(private readonly options: CommandProcessOptions) {
        this.decoder = new ChunkDecoder(options.maxChunkSize);
        this.child = spawn(options.program, [...options.args], {
            cwd: options.cwd,
            env: { ...options.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true,
        });
        let markExited: () => void = () => undefined;
        this.exited = new Promise((resolve) => (markExited = resolve));
        this.child.stdout.on('data', (data: Buffer) => this.onData(data));
        this.child.stdout.on('close', () => {
            this.stdoutClosed = true;
            this.settleIfGone();
        });
        this.child.stderr.setEncoding('utf8');
        this.child.stderr.on('data', (text: string) => this.onStderr(text));
        this.child.stderr.on('close', () => {
            if (this.stderrRest !== '') options.stderr(this.stderrRest);
            this.stderrRest = '';
        });
        // A write after the process died (EPIPE) is reported by the exit instead.
        this.child.stdin.on('error', () => undefined);
        this.child.on('exit', (code, signal) => {
            this.exitCode = code;
            this.exitSignal = signal;
            markExited();
            this.settleIfGone();
        });
        this.child.on('error', (error) => {
            if (this.child.pid !== undefined) return;
            this.exitCode = null;
            this.stdoutClosed = true;
            markExited();
            this.fail(
                new CommandProcessError('spawn', `Could not start "${options.program}": ${error.message}`, null, null)
            );
        });
    }

    /** The process id, once started. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /**
     * Writes one request chunk and resolves with the reply chunk.
     * @param waitMs how long to wait for the reply; 0 waits without a limit
     * @param signal aborts the exchange (the process is killed)
     */
    exchange(
        metadata: Readonly<Record<string, unknown>>,
        body: string,
        waitMs: number,
        signal?: AbortSignal
    ): Promise<Chunk> {
        if (this.failure) return Promise.reject(this.failure);
        if (signal?.aborted) return Promise.reject(this.abort());
        return new Promise<Chunk>((resolve, reject) => {
            let timer: NodeJS.Timeout | undefined;
            const onAbort = () => reject(this.abort());
            const done = () => {
                clearTimeout(timer);
                signal?.removeEventListener('abort', onAbort);
                this.waiter = undefined;
            };
            this.waiter = {
                resolve: (chunk) => {
                    done();
                    resolve(chunk);
                },
                reject: (error) => {
                    done();
                    reject(error);
                },
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            if (waitMs > 0) {
                timer = setTimeout(() => {
                    const error = new CommandProcessError(
                        'timeout',
                        `No reply within ${waitMs} ms; the process was stopped`
                    );
                    this.fail(error);
                    this.kill();
                }, waitMs);
            }
            this.child.stdin.write(encodeChunk(metadata, body));
            this.deliver();
        });
    }

    /** Closes stdin (the command sees the end of its input) and kills the process if it is still running after `graceMs`. */
    async finish(graceMs: number): Promise<{ code: number | null | undefined; signal: NodeJS.Signals | null }> {
        this.child.stdin.end();
        if (this.exitCode === undefined) {
            const timer = setTimeout(() => this.kill(), graceMs);
            timer.unref();
            await this.exited;
            clearTimeout(timer);
        }
        return { code: this.exitCode, signal: this.exitSignal };
    }

    /** Kills the process at once. */
    kill(): void {
        if (this.exitCode === undefined && this.child.pid !== undefined) this.child.kill('SIGKILL');
    }

    /** Resolves once the process has exited. */
    whenExited(): Promise<void> {
        return this.exited;
    }

    private abort(): CommandProcessError {
        const error = new CommandProcessError('aborted', 'The search was stopped');
        this.fail(error);
        this.kill();
        return error;
    }

    private onData(data: Buffer): void {
        if (this.failure) return;
        try {
            this.ready.push(...this.decoder.push(data));
        } catch (error) {
            const text = error instanceof ChunkProtocolError ? error.message : String(error);
            this.fail(new CommandProcessError('protocol', text));
            this.kill();
            return;
        }
        this.deliver();
    }

    private deliver(): void {
        const next = this.ready[0];
        if (!this.waiter || !next) return;
        this.ready.shift();
        this.waiter.resolve(next);
    }

    private onStderr(text: string): void {
        const lines = (this.stderrRest + text).split('\n');
        this.stderrRest = lines.pop() ?? '';
        for (const line of lines) this.options.stderr(line.replace(/\r$/, ''));
    }

    /** Once the process has exited and stdout is drained, fails a waiting exchange. */
    private settleIfGone(): void {
        if (this.exitCode === undefined || !this.stdoutClosed || this.failure) return;
        if (this.ready.length > 0 && this.waiter) this.deliver();
        const partial = this.decoder.pending;
        const how =
            this.exitSignal !== null ? `was killed by ${this.exitSignal}` : `exited with code ${String(this.exitCode)}`;
        this.fail(
            new CommandProcessError(
                partial ? 'protocol' : 'exit',
                partial ? `The process ${how} in the middle of a chunk` : `The process ${how}`,
                this.exitCode,
                this.exitSignal
            )
        );
    }

    private fail(error: CommandProcessError): void {
        if (this.failure) return;
        this.failure = error;
        this.waiter?.reject(error);
    }
}
