/**
 * Search jobs: creation (parse errors answer 400 with the FATAL message, as splunkd does), an
 * asynchronous run on the stand-in's SPL engine, and the life cycle QUEUED → RUNNING → DONE (or
 * FAILED, PAUSED, finalized, cancelled) that `@splunk/search-job`'s poller observes.
 *
 * The search itself runs once, off the request (setImmediate); the visible state then follows a
 * configurable schedule on a monotonic clock (`queuedMs`, then `runningMs` with `doneProgress`
 * rising and a growing preview), so a polling client sees progress as it would on a real splunkd.
 * A search that starts the app's external commands takes as long as they do: it is RUNNING
 * meanwhile, its preview shows what the last command produced so far, cancelling it kills the
 * command processes and finalizing it keeps what they produced. Expired jobs (TTL after the job is
 * done or last touched) are dropped lazily, with their dispatch directories.
 */
import {
    compileSearch,
    formatIsoTime,
    resolveTimeModifier,
    runCompiledSearchAsync,
    SplError,
    type CompiledSearch,
    type EventStore,
    type ExternalCommandTable,
    type ExternalRunContext,
    type Indexer,
    type MacroTable,
    type ResultSet,
    type SearchOutcome,
} from '../search';
import type { Identity } from './identity';
import type { Indexes } from './indexes';
import type { SearchCommands } from './search-commands';
import { SplunkdError, type SplunkdMessage } from './splunkd-error';

/** How long a job stays in each visible state. */
export interface JobTimings {
    /** Milliseconds in QUEUED after creation. Default 100. */
    readonly queuedMs: number;
    /** Milliseconds in RUNNING (progress and preview grow) before DONE. Default 400. */
    readonly runningMs: number;
}

/** Default {@link JobTimings}. */
export const DEFAULT_JOB_TIMINGS: JobTimings = { queuedMs: 100, runningMs: 400 };

/** splunkd's job states. */
export type DispatchState = 'QUEUED' | 'PARSING' | 'RUNNING' | 'PAUSED' | 'FINALIZING' | 'DONE' | 'FAILED';

/** Counters for the benchmark (`GET /services/standin/stats`). */
export interface JobStats {
    /** Searches dispatched: normal, blocking and oneshot, including ones that failed while running. */
    started: number;
    /** Of those, oneshot searches. */
    oneshot: number;
    /** Creates refused with 400 (SPL that does not parse or is outside the subset). */
    rejected: number;
    /** Jobs that ended FAILED. */
    failed: number;
    /** Jobs cancelled (control cancel or DELETE). */
    cancelled: number;
}

/** Who dispatches a search, as its external commands see it. */
export interface SearchSession {
    /** The session key the request came with (a token of the searching user). */
    readonly sessionKey: string | undefined;
    /** splunkd's URI as the commands reach it, e.g. `http://127.0.0.1:8089`. */
    readonly splunkdUri: string;
}

/** A job as stored. */
export interface Job {
    readonly sid: string;
    readonly owner: string;
    readonly app: string;
    /** The search text as given. */
    readonly search: string;
    readonly compiled: CompiledSearch;
    /** Creation parameters echoed as `content.request`. */
    readonly request: Readonly<Record<string, string>>;
    readonly earliestTime: string | undefined;
    readonly latestTime: string | undefined;
    /** Wall-clock creation time, epoch ms. */
    readonly createdAt: number;
    /** Monotonic creation time, ms. */
    readonly createdClock: number;
    readonly statusBuckets: number;
    readonly label: string | undefined;
    readonly provenance: string | undefined;
    /** The saved search this job runs (dispatched by the scheduler or `saved/searches/<name>/dispatch`). */
    readonly savedSearch: string | undefined;
    /** Called once when the search has run (results final, or the job failed). */
    readonly onFinished: ((job: Job) => void) | undefined;
    outcome: SearchOutcome | undefined;
    error: SplunkdMessage | undefined;
    /** Run duration of the engine, seconds. */
    runDuration: number;
    ttl: number;
    lastTouchClock: number;
    pausedAtClock: number | undefined;
    pausedTotal: number;
    /** Active time at which the job was finalized (results frozen), if it was. */
    finalizedAtActive: number | undefined;
    previewEnabled: boolean;
    priority: number;
    isSaved: boolean;
    /** True while the engine runs the search (external commands may take a while). */
    running: boolean;
    /** The rows the last command produced so far, while it runs. */
    partial: ResultSet | undefined;
    /** Lines of the job's `search.log` (the commands' stderr, their failures). */
    readonly log: string[];
    /** Messages added while the search runs: shown while it runs, and with the error if it fails. */
    readonly runMessages: SplunkdMessage[];
    /** Aborted when the job is cancelled. */
    readonly cancelControl: AbortController;
    /** Aborted when the job is finalized while its commands run. */
    readonly finalizeControl: AbortController;
    /** Finalize was asked for while the engine ran. */
    finalizeRequested: boolean;
}

/** The visible state of a job at one moment. */
export interface JobSnapshot {
    readonly state: DispatchState;
    readonly isDone: boolean;
    readonly isFailed: boolean;
    readonly isFinalized: boolean;
    readonly isPaused: boolean;
    readonly doneProgress: number;
    /** Rows visible as results (final when done). */
    readonly resultCount: number;
    readonly resultPreviewCount: number;
    readonly eventCount: number;
    readonly scanCount: number;
    /** Monotonic time at which the job became done, if it is. */
    readonly doneClock: number | undefined;
}

/** What the job manager needs from its host. */
export interface SearchJobsDeps {
    /** The events as they are when a search starts. */
    readonly store: () => EventStore;
    /** Where `collect` writes; without it `collect` fails. */
    readonly indexes?: Indexes;
    /** The search head's name (`host` of what `collect` writes). Default `standin`. */
    readonly serverName?: string;
    /** The macros visible from an app context (undefined app: `/services/`, the user's default app). */
    readonly macrosFor: (app: string | undefined) => MacroTable;
    /** Wall clock, epoch ms (search "now", timestamps). */
    readonly now: () => number;
    /** Monotonic clock in ms (state schedule, TTL). */
    readonly clock: () => number;
    readonly timings: JobTimings;
    /** Schedules the engine run off the request; default setImmediate. */
    readonly defer?: (run: () => void) => void;
    /** The app's external search commands (commands.conf); without it every search uses built-in commands only. */
    readonly commands?: SearchCommands;
}

const DEFAULT_TTL = 600;
/** The app context of `/services/` requests (a user's default app). */
export const DEFAULT_APP = 'search';

function parseIntArg(value: string | undefined, fallback: number): number {
    if (value === undefined || value.trim() === '') return fallback;
    const n = Number(value);
    return Number.isFinite(n) ? Math.floor(n) : fallback;
}

/**
 * Splunk requires the search text to start with a command: `search …` or `| <generating command>`.
 * Anything else is read as a command name, so `index=main` fails with `Unknown search command 'index'.`
 */
export function compileJobSearch(
    search: string,
    macros: MacroTable,
    now: number,
    externalCommands: ExternalCommandTable = new Map()
): CompiledSearch {
    const text = search.trim();
    if (text === '') throw new SplError('parse', "Error in 'SearchParser': Empty search.");
    const options = { macros, now, externalCommands };
    if (text.startsWith('|')) return compileSearch(text, options);
    const first = /^[A-Za-z0-9_]+/.exec(text)?.[0];
    if (first?.toLowerCase() === 'search' && /^[A-Za-z0-9_]+(\s|$)/.test(text)) return compileSearch(text, options);
    try {
        return compileSearch(`| ${text}`, options);
    } catch (error) {
        if (error instanceof SplError && error.code === 'parse' && first !== undefined)
            throw new SplError('unknown-command', `Unknown search command '${first}'.`);
        throw error;
    }
}

/** The store of search jobs. */
export class SearchJobs {
    private readonly jobs = new Map<string, Job>();
    private sequence = 0;
    /** Counters read by the benchmark. */
    readonly stats: JobStats = { started: 0, oneshot: 0, rejected: 0, failed: 0, cancelled: 0 };

    constructor(private readonly deps: SearchJobsDeps) {}

    /**
     * Creates and dispatches a job. Throws {@link SplunkdError} 400 with the FATAL message when the
     * search does not parse, as splunkd does.
     */
    create(
        identity: Identity,
        app: string,
        params: ReadonlyMap<string, string>,
        session?: SearchSession,
        saved?: { readonly name: string; readonly onFinished?: (job: Job) => void }
    ): Job {
        this.expire();
        const search = params.get('search');
        if (search === undefined) throw new SplunkdError(400, 'Missing argument: search');
        const nowMs = this.deps.now();
        const nowParam = params.get('now');
        const nowSeconds = nowParam !== undefined && nowParam.trim() !== '' ? Number(nowParam) : nowMs / 1000;
        const compiled = this.compile(search, app, Number.isFinite(nowSeconds) ? nowSeconds : nowMs / 1000, identity);
        for (const name of ['earliest_time', 'latest_time']) {
            const value = params.get(name);
            if (value !== undefined && value.trim() !== '' && resolveTimeModifier(value, compiled.now) === undefined) {
                this.stats.rejected++;
                throw new SplunkdError(400, `Invalid ${name}.`, 'FATAL');
            }
        }
        const requestedSid = params.get('id');
        if (requestedSid !== undefined && this.jobs.has(requestedSid))
            throw new SplunkdError(409, `Search job with sid=${requestedSid} already exists.`);
        const sid = requestedSid ?? `${Math.floor(nowMs / 1000)}.${++this.sequence}`;
        const request: Record<string, string> = {};
        for (const [k, v] of params) if (k !== 'output_mode') request[k] = v;
        const clock = this.deps.clock();
        const job: Job = {
            sid,
            owner: identity.name,
            app,
            search,
            compiled,
            request,
            earliestTime: params.get('earliest_time'),
            latestTime: params.get('latest_time'),
            createdAt: nowMs,
            createdClock: clock,
            statusBuckets: parseIntArg(params.get('status_buckets'), 0),
            label: params.get('label') ?? saved?.name,
            provenance: params.get('provenance'),
            savedSearch: saved?.name,
            onFinished: saved?.onFinished,
            outcome: undefined,
            error: undefined,
            runDuration: 0,
            ttl: parseIntArg(params.get('ttl'), DEFAULT_TTL),
            lastTouchClock: clock,
            pausedAtClock: undefined,
            pausedTotal: 0,
            finalizedAtActive: undefined,
            previewEnabled: params.get('preview') !== '0' && params.get('preview')?.toLowerCase() !== 'false',
            priority: parseIntArg(params.get('priority'), 5),
            isSaved: false,
            running: false,
            partial: undefined,
            log: [],
            runMessages: [],
            cancelControl: new AbortController(),
            finalizeControl: new AbortController(),
            finalizeRequested: false,
        };
        this.jobs.set(sid, job);
        this.stats.started++;
        (this.deps.defer ?? setImmediate)(() => {
            void this.execute(job, identity, session);
        });
        return job;
    }

    /** Runs a oneshot search (`exec_mode=oneshot`) and answers when it is done: no job is kept. */
    async oneshot(
        identity: Identity,
        app: string,
        params: ReadonlyMap<string, string>,
        session?: SearchSession
    ): Promise<SearchOutcome> {
        const search = params.get('search');
        if (search === undefined) throw new SplunkdError(400, 'Missing argument: search');
        const nowMs = this.deps.now();
        const compiled = this.compile(search, app, nowMs / 1000, identity);
        this.stats.started++;
        this.stats.oneshot++;
        const sid = `${Math.floor(nowMs / 1000)}.${++this.sequence}`;
        const external = this.externalContext(compiled, {
            sid,
            app,
            owner: identity.name,
            identity,
            session,
            log: () => undefined,
        });
        try {
            return await runCompiledSearchAsync(this.deps.store(), compiled, {
                earliestTime: params.get('earliest_time'),
                latestTime: params.get('latest_time'),
                defaultIndexes: identity.defaultIndexes,
                external,
                indexer: this.indexer(sid, compiled, params.get('earliest_time'), params.get('latest_time')),
            });
        } catch (error) {
            if (error instanceof SplError) throw new SplunkdError(400, error.message, error.messageType);
            throw error;
        } finally {
            if (external) this.deps.commands?.removeDispatch(sid);
        }
    }

    /** The job, if it exists and the identity may see it (owner, or `admin_all_objects`); else 404. */
    get(identity: Identity, sid: string): Job {
        this.expire();
        const job = this.jobs.get(sid);
        if (!job || !this.visible(identity, job)) throw new SplunkdError(404, 'Unknown sid.');
        return job;
    }

    /** Jobs the identity may see, newest first. */
    list(identity: Identity): Job[] {
        this.expire();
        return [...this.jobs.values()].filter((j) => this.visible(identity, j)).reverse();
    }

    /** Cancels (removes) a job; its command processes are killed. */
    cancel(job: Job): void {
        if (this.jobs.delete(job.sid)) {
            this.stats.cancelled++;
            this.release(job);
        }
    }

    /** Resets the job's TTL countdown. */
    touch(job: Job): void {
        job.lastTouchClock = this.deps.clock();
    }

    /** Pauses a job that is not done. */
    pause(job: Job): void {
        if (job.pausedAtClock === undefined && !this.snapshot(job).isDone) job.pausedAtClock = this.deps.clock();
    }

    /** Resumes a paused job. */
    unpause(job: Job): void {
        if (job.pausedAtClock === undefined) return;
        job.pausedTotal += this.deps.clock() - job.pausedAtClock;
        job.pausedAtClock = undefined;
    }

    /** Stops a running job, keeping the results found so far (the preview), and marks it done. */
    finalize(job: Job): void {
        const snap = this.snapshot(job);
        if (snap.isDone) return;
        this.unpause(job);
        if (!job.outcome && !job.error) {
            // The engine is still running (external commands): they stop and keep what they produced.
            job.finalizeRequested = true;
            job.finalizeControl.abort();
            return;
        }
        job.finalizedAtActive = this.active(job);
    }

    /** Waits until the job is done or failed (for `exec_mode=blocking`). */
    async whenDone(job: Job): Promise<void> {
        for (;;) {
            const snap = this.snapshot(job);
            if (snap.isDone || !this.jobs.has(job.sid)) return;
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
    }

    /** The visible state of a job now. */
    snapshot(job: Job): JobSnapshot {
        const { queuedMs, runningMs } = this.deps.timings;
        const active = this.active(job);
        const outcome = job.outcome;
        const total = outcome?.results.length ?? 0;
        const base = {
            isFailed: false,
            isFinalized: false,
            isPaused: job.pausedAtClock !== undefined,
            eventCount: 0,
            scanCount: 0,
            resultCount: 0,
            resultPreviewCount: 0,
            doneClock: undefined,
        };
        if (job.error) {
            return {
                ...base,
                state: 'FAILED',
                isDone: true,
                isFailed: true,
                isPaused: false,
                doneProgress: 1,
                doneClock: job.createdClock + job.pausedTotal + queuedMs,
            };
        }
        if (job.finalizedAtActive !== undefined && outcome) {
            const fraction = this.fraction(job.finalizedAtActive);
            const count = Math.floor(fraction * total);
            return {
                ...base,
                state: 'DONE',
                isDone: true,
                isFinalized: true,
                isPaused: false,
                doneProgress: 1,
                resultCount: count,
                resultPreviewCount: count,
                eventCount: Math.floor(fraction * outcome.eventCount),
                scanCount: Math.floor(fraction * outcome.scanCount),
                doneClock: job.createdClock + job.pausedTotal + job.finalizedAtActive,
            };
        }
        const paused = job.pausedAtClock !== undefined;
        if (!outcome || active < queuedMs) {
            const running = job.running && active >= queuedMs;
            const state: DispatchState = paused
                ? 'PAUSED'
                : active < queuedMs
                  ? 'QUEUED'
                  : running
                    ? 'RUNNING'
                    : 'PARSING';
            const preview = running && job.previewEnabled ? (job.partial?.rows.length ?? 0) : 0;
            return { ...base, state, isDone: false, doneProgress: 0, resultPreviewCount: preview };
        }
        if (active < queuedMs + runningMs) {
            const fraction = this.fraction(active);
            return {
                ...base,
                state: paused ? 'PAUSED' : 'RUNNING',
                isDone: false,
                doneProgress: Math.min(0.99, Math.round(fraction * 1000) / 1000),
                resultPreviewCount: job.previewEnabled || outcome.isEvents ? Math.floor(fraction * total) : 0,
                eventCount: Math.floor(fraction * outcome.eventCount),
                scanCount: Math.floor(fraction * outcome.scanCount),
            };
        }
        return {
            ...base,
            state: 'DONE',
            isDone: true,
            isPaused: false,
            doneProgress: 1,
            resultCount: total,
            resultPreviewCount: total,
            eventCount: outcome.eventCount,
            scanCount: outcome.scanCount,
            doneClock: job.createdClock + job.pausedTotal + queuedMs + runningMs,
        };
    }

    /** Seconds until the job expires (its `ttl` while it is not done). */
    secondsToExpiry(job: Job): number {
        const snap = this.snapshot(job);
        if (snap.doneClock === undefined) return job.ttl;
        const from = Math.max(snap.doneClock, job.lastTouchClock);
        return Math.max(0, Math.round((from + job.ttl * 1000 - this.deps.clock()) / 1000));
    }

    /** ISO times of the job's bounds (for `earliestTime`/`latestTime`). */
    bounds(job: Job): { earliest: string | undefined; latest: string } {
        return {
            earliest: job.earliestTime === undefined ? undefined : job.earliestTime,
            latest: formatIsoTime(job.compiled.now),
        };
    }

    /** The external commands a search from this app context may use. */
    commandsFor(app: string, identity: Identity): ExternalCommandTable {
        return this.deps.commands?.lookup(app, identity) ?? new Map();
    }

    private compile(search: string, app: string, now: number, identity: Identity): CompiledSearch {
        try {
            return compileJobSearch(
                search,
                this.deps.macrosFor(app === DEFAULT_APP ? undefined : app),
                now,
                this.commandsFor(app, identity)
            );
        } catch (error) {
            this.stats.rejected++;
            if (error instanceof SplError) throw new SplunkdError(400, error.message, 'FATAL');
            throw error;
        }
    }

    /** What the search's external commands get, or undefined when it uses none. */
    private externalContext(
        compiled: CompiledSearch,
        run: {
            sid: string;
            app: string;
            owner: string;
            identity: Identity;
            session: SearchSession | undefined;
            log: (line: string) => void;
            signal?: AbortSignal;
            finalizeSignal?: AbortSignal;
        }
    ): ExternalRunContext | undefined {
        const commands = this.deps.commands;
        if (!commands || compiled.externalCommandsUsed.length === 0) return undefined;
        return commands.runContext({
            sid: run.sid,
            app: run.app,
            owner: run.owner,
            username: run.identity.name,
            sessionKey: run.session?.sessionKey ?? '',
            splunkdUri: run.session?.splunkdUri ?? 'http://127.0.0.1:8089',
            signal: run.signal,
            finalizeSignal: run.finalizeSignal,
            log: run.log,
        });
    }

    private async execute(job: Job, identity: Identity, session: SearchSession | undefined): Promise<void> {
        if (!this.jobs.has(job.sid)) return;
        const started = performance.now();
        job.running = true;
        try {
            const external = this.externalContext(job.compiled, {
                sid: job.sid,
                app: job.app,
                owner: job.owner,
                identity,
                session,
                log: (line) => job.log.push(line),
                signal: job.cancelControl.signal,
                finalizeSignal: job.finalizeControl.signal,
            });
            job.outcome = await runCompiledSearchAsync(this.deps.store(), job.compiled, {
                earliestTime: job.earliestTime,
                latestTime: job.latestTime,
                defaultIndexes: identity.defaultIndexes,
                external,
                indexer: this.indexer(job.savedSearch ?? job.sid, job.compiled, job.earliestTime, job.latestTime),
                onPreview: (partial) => {
                    job.partial = partial;
                },
                onMessage: (message) => job.runMessages.push(message),
            });
            if (job.finalizeRequested) {
                const { queuedMs, runningMs } = this.deps.timings;
                job.finalizedAtActive = Math.max(this.active(job), queuedMs + runningMs);
            }
        } catch (error) {
            if (!this.jobs.has(job.sid)) return;
            job.error =
                error instanceof SplError
                    ? { type: error.messageType, text: error.message }
                    : { type: 'ERROR', text: 'Search process did not exit cleanly. See search.log for more details.' };
            this.stats.failed++;
        } finally {
            job.running = false;
            job.partial = undefined;
            job.runDuration = (performance.now() - started) / 1000;
        }
        if (this.jobs.has(job.sid)) job.onFinished?.(job);
    }

    /** Where the search's `collect` writes: its source is the saved search's name, or else the search id. */
    private indexer(
        source: string,
        compiled: CompiledSearch,
        earliest: string | undefined,
        latest: string | undefined
    ): Indexer | undefined {
        const indexes = this.deps.indexes;
        if (!indexes) return undefined;
        const bound = (text: string | undefined): number | undefined =>
            text === undefined || text.trim() === '' ? undefined : resolveTimeModifier(text, compiled.now);
        return {
            hasIndex: (name) => indexes.has(name),
            write: (events) => {
                indexes.write(events);
            },
            host: this.deps.serverName ?? 'standin',
            source,
            searchTime: compiled.now,
            infoMinTime: bound(earliest),
            infoMaxTime: bound(latest),
        };
    }

    /** Stops what a removed job still runs and deletes its dispatch directory. */
    private release(job: Job): void {
        job.cancelControl.abort();
        this.deps.commands?.removeDispatch(job.sid);
    }

    private active(job: Job): number {
        const until = job.pausedAtClock ?? this.deps.clock();
        return until - job.createdClock - job.pausedTotal;
    }

    private fraction(active: number): number {
        const { queuedMs, runningMs } = this.deps.timings;
        if (runningMs <= 0) return 1;
        return Math.max(0, Math.min(1, (active - queuedMs) / runningMs));
    }

    private visible(identity: Identity, job: Job): boolean {
        return job.owner === identity.name || identity.isSystem || identity.capabilities.has('admin_all_objects');
    }

    private expire(): void {
        const clock = this.deps.clock();
        for (const job of this.jobs.values()) {
            const snap = this.snapshot(job);
            if (snap.doneClock === undefined) continue;
            if (Math.max(snap.doneClock, job.lastTouchClock) + job.ttl * 1000 < clock) {
                this.jobs.delete(job.sid);
                this.release(job);
            }
        }
    }
}
