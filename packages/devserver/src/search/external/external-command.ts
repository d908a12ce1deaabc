/**
 * An app's external search command run the way splunkd runs a `chunked = true` command:
 *
 * 1. **getinfo**: splunkd sends `{"action":"getinfo","preview":false,"searchinfo":{…}}` with no body;
 *    the command answers with its configuration: `type` (`streaming`, `stateful`, `events` or
 *    `reporting`; `streaming` when absent), `generating`, `required_fields`, `maxwait`, and maybe
 *    `finished`, `error` and `inspector.messages`.
 * 2. **execute**: splunkd sends `{"action":"execute","finished":<bool>}` chunks. A generating command
 *    gets empty ones; any other command gets the records in chunks of `chunkRows`, the last one marked
 *    `finished: true` (an empty one when there are no records). Each request is answered by one chunk
 *    whose body holds output records. Once all input is sent, splunkd keeps sending empty
 *    `finished: true` chunks until the command answers `finished: true`; when it says so earlier, the
 *    remaining input is not sent.
 * 3. The command's stdin is then closed. Its exit code no longer matters.
 *
 * An `error` in any reply fails the search with `Error in '<command>' command: <error>`. Inspector
 * messages become job messages of their level (`DEBUG`, `INFO`, `WARN`, `ERROR`, `FATAL`); `ERROR` and
 * `FATAL` ones in the getinfo reply are refused, as splunkd refuses them there, and so are unknown
 * levels (both noted in `search.log`). A process that exits before it said `finished`, writes
 * something that is not a chunk, or does not answer in time fails the search.
 */
import { SplError } from '../spl-error';
import type { Generated, GeneratingCommand, GenerateContext } from '../commands/generating-command';
import type { PipelineContext, ResultSet, SearchMessage, StreamCommand } from '../commands/result-set';
import type { Row } from '../field-value';
import { decodeRecords, encodeRecords } from './chunked-csv';
import { ChunkedCommandProcess, CommandProcessError } from './chunked-process';
import { splitCommandArgs, type CommandArgs } from './command-args';
import type { ExternalCommandDefinition, ExternalRunContext } from './external-types';

/** The command types of the protocol. */
export type ExternalCommandType = 'streaming' | 'stateful' | 'events' | 'reporting';

const TYPES: ReadonlySet<string> = new Set(['streaming', 'stateful', 'events', 'reporting']);
const LEVELS: ReadonlySet<string> = new Set(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
/** `maxresultrows`, told to commands in searchinfo. */
const MAX_RESULT_ROWS = 50000;
/** How long a command may take to exit once its input is closed. */
const EXIT_GRACE_MS = 2000;

/** What a run of an external command produced. */
interface ExternalOutcome {
    readonly result: ResultSet;
    readonly type: ExternalCommandType;
}

function epochText(seconds: number | undefined): string {
    if (seconds === undefined) return '0';
    return Number.isInteger(seconds) ? String(seconds) : String(Math.round(seconds * 1000) / 1000);
}

function splunkdParts(uri: string): { protocol: string; host: string; port: number } {
    try {
        const url = new URL(uri);
        const protocol = url.protocol.replace(/:$/, '');
        const port = url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port);
        return { protocol, host: url.hostname, port };
    } catch {
        return { protocol: 'https', host: '127.0.0.1', port: 8089 };
    }
}

/** The getinfo request's metadata. */
export function getinfoMetadata(
    name: string,
    args: CommandArgs,
    external: ExternalRunContext,
    pipeline: Pick<PipelineContext, 'earliest' | 'latest' | 'searchText'>
): Record<string, unknown> {
    const splunkd = splunkdParts(external.splunkdUri);
    return {
        action: 'getinfo',
        preview: false,
        searchinfo: {
            args: args.args,
            raw_args: args.rawArgs,
            dispatch_dir: external.dispatchDir,
            sid: external.sid,
            app: external.app,
            owner: external.owner,
            username: external.username,
            session_key: external.sessionKey,
            splunkd_uri: external.splunkdUri,
            splunkd_protocol: splunkd.protocol,
            splunkd_host: splunkd.host,
            splunkd_port: splunkd.port,
            splunk_version: external.splunkVersion,
            search: encodeURIComponent(pipeline.searchText ?? ''),
            command: name,
            maxresultrows: MAX_RESULT_ROWS,
            earliest_time: epochText(pipeline.earliest),
            latest_time: epochText(pipeline.latest),
        },
    };
}

/** Fields of rows in display order: the preferred order first, then by first appearance. */
function fieldsOf(rows: readonly Row[], order: readonly string[]): string[] {
    const present = new Set<string>();
    for (const row of rows) for (const name of row.keys()) present.add(name);
    const fields = order.filter((f) => present.has(f));
    const listed = new Set(fields);
    for (const name of present) if (!listed.has(name)) fields.push(name);
    return fields;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
}

/** Turns a command's inspector messages into job messages; returns nothing. */
function takeMessages(
    metadata: Readonly<Record<string, unknown>>,
    phase: 'getinfo' | 'execute',
    context: PipelineContext,
    log: (line: string) => void
): void {
    const inspector = metadata['inspector'];
    if (inspector === null || typeof inspector !== 'object') return;
    const messages = (inspector as Record<string, unknown>)['messages'];
    if (!Array.isArray(messages)) return;
    for (const entry of messages as unknown[]) {
        const [level, text] = Array.isArray(entry) ? (entry as unknown[]) : [];
        const refused =
            typeof level !== 'string' ||
            typeof text !== 'string' ||
            !LEVELS.has(level) ||
            (phase === 'getinfo' && (level === 'ERROR' || level === 'FATAL'));
        if (refused) {
            log(
                `WARN  ChunkedExternProcessor - Error adding inspector message: invalid level or message already exists: ${JSON.stringify(entry)}`
            );
            continue;
        }
        context.message({ type: level as SearchMessage['type'], text });
    }
}

function describeFailure(
    name: string,
    error: CommandProcessError,
    phase: 'setup' | 'search',
    waitedSeconds: number
): SplError {
    switch (error.kind) {
        case 'exit':
            if (typeof error.exitCode === 'number' && error.exitCode !== 0) {
                return commandError(
                    name,
                    `External search command exited unexpectedly with non-zero error code ${error.exitCode}.`
                );
            }
            return commandError(name, 'External search command exited unexpectedly.');
        case 'protocol':
            return commandError(
                name,
                `Invalid message received from external search command during ${phase}, see search.log.`
            );
        case 'timeout':
            return commandError(
                name,
                `External search command did not reply within ${waitedSeconds} seconds and was stopped.`
            );
        case 'spawn':
            return commandError(name, `External search command could not be started: ${error.message}`);
        case 'aborted':
            return commandError(name, 'The search was cancelled.');
    }
}

/** A failure of the command while the search runs: `Error in '<command>' command: <detail>`. */
function commandError(name: string, detail: string): SplError {
    return new SplError('runtime', `Error in '${name}' command: ${detail}`, 'ERROR');
}

/**
 * Runs one invocation of an external command over `input` (undefined at the start of a pipeline).
 * Throws {@link SplError} (`runtime`) when the command fails.
 */
async function runExternal(
    definition: ExternalCommandDefinition,
    args: CommandArgs,
    input: ResultSet | undefined,
    context: PipelineContext
): Promise<ExternalOutcome> {
    const { name } = definition;
    const external = context.external;
    if (!external) {
        throw new SplError(
            'runtime',
            `Error in '${name}' command: External search commands run only in search jobs.`,
            'ERROR'
        );
    }
    const log = external.log;
    const command = new ChunkedCommandProcess({
        program: definition.program,
        args: definition.args,
        cwd: external.dispatchDir,
        env: external.env,
        maxChunkSize: definition.maxChunkSize,
        stderr: (line) => log(`ERROR ChunkedExternProcessor - stderr: ${line}`),
    });
    log(`INFO  ChunkedExternProcessor - Running process: ${[definition.program, ...definition.args].join(' ')}`);
    let maxwait = definition.maxwaitSeconds;
    const waitMs = () => (maxwait > 0 ? maxwait * 1000 : external.replyTimeoutMs);
    const signals = [external.signal, external.finalizeSignal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length === 0 ? undefined : AbortSignal.any(signals);
    const finalized = () => external.finalizeSignal?.aborted === true && external.signal?.aborted !== true;
    let finished = false;
    let phase: 'setup' | 'search' = 'setup';
    const outputRows: Row[] = [];
    let outputOrder: string[] = [];
    try {
        const info = await command.exchange(getinfoMetadata(name, args, external, context), '', waitMs(), signal);
        const meta = info.metadata;
        takeMessages(meta, 'getinfo', context, log);
        if (typeof meta['error'] === 'string' && meta['error'] !== '') throw commandError(name, meta['error']);
        const rawType = meta['type'] ?? 'streaming';
        if (typeof rawType !== 'string' || !TYPES.has(rawType)) {
            log(`ERROR ChunkedExternProcessor - Invalid command type in the getinfo reply: ${JSON.stringify(rawType)}`);
            throw describeFailure(name, new CommandProcessError('protocol', 'bad type'), 'setup', maxwait);
        }
        const type = rawType as ExternalCommandType;
        const generating = meta['generating'] === true;
        if (generating && input !== undefined) {
            throw commandError(name, 'This command must be the first command of a search.');
        }
        if (typeof meta['maxwait'] === 'number' && meta['maxwait'] > 0) maxwait = meta['maxwait'];
        const required = Array.isArray(meta['required_fields'])
            ? (meta['required_fields'] as unknown[]).filter((f): f is string => typeof f === 'string')
            : [];
        const sendOnly = required.length > 0 && !required.includes('*') ? required : undefined;
        finished = meta['finished'] === true;
        phase = 'search';

        const inputRows = generating || input === undefined ? [] : input.rows;
        const inputFields = input === undefined ? [] : fieldsOf(inputRows, input.order);
        const sentFields = sendOnly ?? inputFields;
        const chunks = chunksOf(inputRows, Math.max(1, external.chunkRows));
        let next = 0;
        while (!finished) {
            if (finalized()) break;
            const rows = chunks[next];
            const last = next >= chunks.length - 1;
            next++;
            const body = rows === undefined ? '' : encodeRecords(rows, sentFields);
            let reply;
            try {
                reply = await command.exchange({ action: 'execute', finished: last }, body, waitMs(), signal);
            } catch (error) {
                if (error instanceof CommandProcessError && error.kind === 'aborted' && finalized()) break;
                throw error;
            }
            takeMessages(reply.metadata, 'execute', context, log);
            const error = reply.metadata['error'];
            if (typeof error === 'string' && error !== '') throw commandError(name, error);
            const decoded = reply.body.length === 0 ? undefined : decodeRecords(reply.body.toString('utf8'));
            if (decoded) {
                for (const field of decoded.fields) if (!outputOrder.includes(field)) outputOrder.push(field);
                decoded.rows.forEach((row, i) => {
                    const source = sendOnly && rows ? rows[i] : undefined;
                    if (source && sendOnly) {
                        for (const [field, value] of source) {
                            if (!sendOnly.includes(field) && !row.has(field)) row.set(field, value);
                        }
                    }
                    outputRows.push(row);
                });
                context.preview?.({ rows: outputRows, order: outputOrder });
            }
            finished = reply.metadata['finished'] === true;
        }
        if (input !== undefined && !generating) {
            outputOrder = [...outputOrder, ...input.order.filter((f) => !outputOrder.includes(f))];
        }
        return { result: { rows: outputRows, order: outputOrder }, type };
    } catch (error) {
        if (error instanceof CommandProcessError) {
            log(`ERROR ChunkedExternProcessor - ${error.message} (while in ${phase})`);
            throw describeFailure(name, error, phase, waitMs() / 1000);
        }
        throw error;
    } finally {
        if (finished) {
            void command.finish(EXIT_GRACE_MS).then(({ code, signal: killedBy }) => {
                if (code !== 0)
                    log(
                        `INFO  ChunkedExternProcessor - Process ended: code=${String(code)} signal=${String(killedBy)}`
                    );
            });
        } else command.kill();
    }
}

function noSyncRun(name: string): never {
    throw new SplError(
        'runtime',
        `Error in '${name}' command: External search commands run only in search jobs.`,
        'ERROR'
    );
}

/** An external command at the start of a pipeline (`| ptpdns query=x`). */
export function externalGenerator(definition: ExternalCommandDefinition, argText: string): GeneratingCommand {
    const args = splitCommandArgs(argText);
    return {
        name: definition.name,
        generate: () => noSyncRun(definition.name),
        async generateAsync(_context: GenerateContext, pipeline: PipelineContext): Promise<Generated> {
            const outcome = await runExternal(definition, args, undefined, pipeline);
            const isEvents = outcome.type !== 'reporting';
            const count = isEvents ? outcome.result.rows.length : 0;
            return { result: outcome.result, eventCount: count, scanCount: count, isEvents };
        },
    };
}

/** An external command after other commands (`… | ptenrich field=dest`). */
export function externalStream(definition: ExternalCommandDefinition, argText: string): StreamCommand {
    const args = splitCommandArgs(argText);
    let type: ExternalCommandType | undefined;
    return {
        name: definition.name,
        apply: () => noSyncRun(definition.name),
        async applyAsync(input: ResultSet, context: PipelineContext): Promise<ResultSet> {
            const outcome = await runExternal(definition, args, input, context);
            type = outcome.type;
            return outcome.result;
        },
        preservesEvents: () => type !== 'reporting',
    };
}
