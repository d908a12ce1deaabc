/**
 * Compiles a search string into a pipeline and runs it over an {@link EventStore}. Macros are
 * expanded first; every command is parsed before anything runs (subsearches included), so a search
 * outside the subset fails as a whole with a Splunk-style {@link SplError} instead of giving a
 * partial answer.
 *
 * Commands an app declares in commands.conf (given as `externalCommands`) run as external processes
 * through the chunked protocol (external/external-command.ts); a search that uses one must be run with
 * {@link runCompiledSearchAsync}.
 */
import { parseAppendCommand, type Subsearch } from './commands/append-command';
import { parseEvalCommand } from './commands/eval-command';
import { parseFieldsCommand, parseRenameCommand, parseTableCommand } from './commands/field-list-commands';
import { parseFilterSearchCommand } from './commands/filter-search-command';
import type { Generated, GeneratingCommand } from './commands/generating-command';
import { parseHeadCommand } from './commands/head-command';
import { parseInitialSearch } from './commands/initial-search-command';
import { parseMvexpandCommand } from './commands/mvexpand-command';
import { parseFillnullCommand } from './commands/fillnull-command';
import { parseRangemapCommand } from './commands/rangemap-command';
import { parseCollectCommand } from './commands/collect-command';
import type { Indexer, PipelineContext, ResultSet, SearchMessage, StreamCommand } from './commands/result-set';
import { parseSortCommand } from './commands/sort-command';
import { parseStatsCommand } from './commands/stats-command';
import { parseTimechartCommand } from './commands/timechart-command';
import { parseTstatsCommand } from './commands/tstats-command';
import { parseWhereCommand } from './commands/where-command';
import type { EventStore } from './event-store';
import { externalGenerator, externalStream } from './external/external-command';
import type { ExternalCommandTable, ExternalRunContext } from './external/external-types';
import { expandMacros, type MacroTable } from './macros';
import { formatResults, type SplunkRow } from './result-format';
import { commandError, SplError } from './spl-error';
import { splitPipeline } from './split-pipeline';
import { resolveTimeModifier } from './time-modifiers';

/** Options for compiling a search. */
export interface CompileOptions {
    /** Macros for backtick expansion (from the app's `macros.conf`). */
    readonly macros?: MacroTable;
    /** The search's "now" in epoch seconds (relative times, `now()`); default: the current time. */
    readonly now?: number;
    /** The app's external commands the search may use (commands.conf), by lower-case name. */
    readonly externalCommands?: ExternalCommandTable;
}

/** A parsed, ready-to-run search. */
export interface CompiledSearch {
    /** The search text after macro expansion. */
    readonly expanded: string;
    /** "Now" the relative times were resolved against (epoch seconds). */
    readonly now: number;
    /** Command names in order (the implicit first `search` included). */
    readonly commandNames: readonly string[];
    /** The generating command. */
    readonly generator: GeneratingCommand;
    /** The commands after it. */
    readonly commands: readonly StreamCommand[];
    /** The app's external commands the search uses, subsearches included (each once). */
    readonly externalCommandsUsed: readonly string[];
}

/** Options of one run (a search job's parameters). */
export interface RunOptions {
    /** Job `earliest_time` (a time modifier: `-24h@h`, `0`, epoch, ISO 8601); inline `earliest=` wins. */
    readonly earliestTime?: string;
    /** Job `latest_time` (a time modifier); inline `latest=` wins. */
    readonly latestTime?: string;
    /** Indexes searched when the search names none; default: every index not starting with `_`. */
    readonly defaultIndexes?: readonly string[];
    /** Where `collect` writes; without it `collect` fails. */
    readonly indexer?: Indexer;
}

/** Options of an asynchronous run (a search job that may start external commands). */
export interface AsyncRunOptions extends RunOptions {
    /** What external commands need (session key, dispatch directory, …); without it they fail. */
    readonly external?: ExternalRunContext;
    /** Receives the rows produced so far while the last command of the pipeline is still running. */
    readonly onPreview?: (partial: ResultSet) => void;
    /** Receives each message as it is added (so a search that fails keeps the messages before its error). */
    readonly onMessage?: (message: SearchMessage) => void;
}

/** The answer of a search. */
export interface SearchOutcome {
    /** Field names in display order. */
    readonly fields: string[];
    /** Rows in splunkd's JSON shape (strings, arrays for multivalue, ISO `_time`). */
    readonly results: SplunkRow[];
    /** True for a pipeline that returns events (newest first) rather than a table. */
    readonly isEvents: boolean;
    /** Events matched by the first command (`eventCount`). */
    readonly eventCount: number;
    /** Events examined to find them (`scanCount`); the index keeps this small for selective searches. */
    readonly scanCount: number;
    /** Messages of a search that ran, such as a subsearch's truncation (splunkd's job `messages`). */
    readonly messages: readonly SearchMessage[];
}

/** How deeply subsearches may nest (limits.conf `max_subsearch_depth`). */
export const MAX_SUBSEARCH_DEPTH = 8;

const STREAM_COMMANDS: ReadonlyMap<string, (args: string, now: number) => StreamCommand> = new Map([
    ['search', parseFilterSearchCommand],
    ['eval', parseEvalCommand],
    ['where', parseWhereCommand],
    ['stats', (args: string) => parseStatsCommand(args)],
    ['timechart', (args: string) => parseTimechartCommand(args)],
    ['sort', (args: string) => parseSortCommand(args)],
    ['head', parseHeadCommand],
    ['table', (args: string) => parseTableCommand(args)],
    ['fields', (args: string) => parseFieldsCommand(args)],
    ['rename', (args: string) => parseRenameCommand(args)],
    ['mvexpand', (args: string) => parseMvexpandCommand(args)],
    ['fillnull', (args: string) => parseFillnullCommand(args)],
    ['rangemap', (args: string) => parseRangemapCommand(args)],
    ['collect', (args: string) => parseCollectCommand(args)],
]);

/** A parsed pipeline: the generating command and the commands after it. */
interface Pipeline {
    readonly commandNames: readonly string[];
    readonly generator: GeneratingCommand;
    readonly commands: readonly StreamCommand[];
}

/**
 * Parses an expanded search. `depth` counts the subsearches around it (0 for the search itself).
 */
function compilePipeline(
    expanded: string,
    now: number,
    depth: number,
    externals: ExternalCommandTable = new Map(),
    used: Set<string> = new Set()
): Pipeline {
    const { leadingPipe, commands } = splitPipeline(expanded);
    const [first, ...rest] = commands;
    if (first === undefined) throw new SplError('parse', "Error in 'SearchParser': Empty search.");
    const external = (name: string) => {
        const declared = STREAM_COMMANDS.has(name) ? undefined : externals.get(name);
        if (declared?.unavailable !== undefined) throw commandError(name, declared.unavailable);
        if (declared) used.add(declared.name);
        return declared;
    };
    let generator: GeneratingCommand;
    const firstExternal = first.name === 'search' ? undefined : external(first.name);
    if (first.name === 'tstats') generator = parseTstatsCommand(first.args, now);
    else if (firstExternal) generator = externalGenerator(firstExternal, first.args);
    else if (first.name === 'search') {
        if (depth > 0 && !leadingPipe && /^tstats(?:\s|$)/i.test(first.args)) {
            // Whether a subsearch reads a leading generating command without its `|` is not something
            // the stand-in guesses at.
            throw commandError(
                'append',
                "Start a subsearch that runs 'tstats' with '| tstats'.",
                'unsupported-argument'
            );
        }
        generator = parseInitialSearch(first.args, now);
    } else if (leadingPipe && (STREAM_COMMANDS.has(first.name) || first.name === 'append')) {
        throw new SplError(
            'unsupported-argument',
            `Error in '${first.name}' command: This command needs events; start the search with 'search' or '| tstats'.`
        );
    } else throw new SplError('unknown-command', `Unknown search command '${first.name}'.`);
    const stream = rest.map((command) => {
        if (command.name === 'tstats') {
            throw new SplError(
                'parse',
                "Error in 'tstats' command: This command must be the first command of a search."
            );
        }
        if (command.name === 'append') {
            return parseAppendCommand(command.args, (text) => compileSubsearch(text, now, depth + 1, externals, used));
        }
        const parse = STREAM_COMMANDS.get(command.name);
        if (parse !== undefined) return parse(command.args, now);
        const declared = external(command.name);
        if (declared !== undefined) return externalStream(declared, command.args);
        throw new SplError('unknown-command', `Unknown search command '${command.name}'.`);
    });
    return { commandNames: commands.map((c) => c.name), generator, commands: stream };
}

function compileSubsearch(
    text: string,
    now: number,
    depth: number,
    externals: ExternalCommandTable,
    used: Set<string>
): Subsearch {
    if (depth > MAX_SUBSEARCH_DEPTH) {
        throw new SplError(
            'parse',
            `Error in 'SearchParser': Cannot run this search as it contains too many nested subsearches. Maximum nested subsearches allowed: ${MAX_SUBSEARCH_DEPTH}.`
        );
    }
    const pipeline = compilePipeline(text, now, depth, externals, used);
    return {
        run: (context) => runPipeline(pipeline, context).result,
        runAsync: async (context) => (await runPipelineAsync(pipeline, context)).result,
    };
}

function generateContext(pipeline: Pipeline, context: PipelineContext) {
    // `search ... | head N` needs only the N newest matches; tstats aggregates, so it reads everything.
    const firstLimit = pipeline.commands[0]?.rowLimit;
    return {
        store: context.store,
        earliest: context.earliest,
        latest: context.latest,
        defaultIndexes: context.defaultIndexes,
        limit: pipeline.generator.name === 'search' ? firstLimit : undefined,
    };
}

/** Runs a parsed pipeline: the generating command over the store, then each command in turn. */
function runPipeline(pipeline: Pipeline, context: PipelineContext): { generated: Generated; result: ResultSet } {
    const generated = pipeline.generator.generate(generateContext(pipeline, context));
    let result: ResultSet = generated.result;
    for (const command of pipeline.commands) result = command.apply(result, context);
    return { generated, result };
}

/**
 * Runs a parsed pipeline, waiting on the commands that run outside the engine. Only the last command
 * sees `context.preview`.
 */
async function runPipelineAsync(
    pipeline: Pipeline,
    context: PipelineContext
): Promise<{ generated: Generated; result: ResultSet }> {
    const { preview, ...inner } = context;
    const last = pipeline.commands.length - 1;
    const generatorContext = last < 0 ? context : inner;
    const generated = pipeline.generator.generateAsync
        ? await pipeline.generator.generateAsync(generateContext(pipeline, context), generatorContext)
        : pipeline.generator.generate(generateContext(pipeline, context));
    let result: ResultSet = generated.result;
    for (const [i, command] of pipeline.commands.entries()) {
        const commandContext = i === last && preview ? { ...inner, preview } : inner;
        result = command.applyAsync
            ? await command.applyAsync(result, commandContext)
            : command.apply(result, commandContext);
    }
    return { generated, result };
}

/**
 * Parses a search (expanding macros) without running it. Throws {@link SplError} for anything
 * outside the subset, e.g. `Unknown search command 'transaction'.`
 * @example compileSearch('index=main TERM(10.0.0.1) | stats count by host', { macros })
 */
export function compileSearch(search: string, options: CompileOptions = {}): CompiledSearch {
    const now = options.now ?? Date.now() / 1000;
    const expanded = expandMacros(search, options.macros ?? new Map(), now);
    const used = new Set<string>();
    const pipeline = compilePipeline(expanded, now, 0, options.externalCommands, used);
    return { expanded, now, ...pipeline, externalCommandsUsed: [...used] };
}

function resolveBound(text: string | undefined, name: string, now: number): number | undefined {
    if (text === undefined || text.trim() === '') return undefined;
    const value = resolveTimeModifier(text, now);
    if (value === undefined) throw new SplError('parse', `Invalid ${name} '${text}'.`);
    return value;
}

/** Runs a compiled search over the store. Throws {@link SplError} (`runtime`) for failures while running. */
export function runCompiledSearch(
    store: EventStore,
    compiled: CompiledSearch,
    options: RunOptions = {}
): SearchOutcome {
    const messages: SearchMessage[] = [];
    const { generated, result } = runPipeline(compiled, {
        store,
        earliest: resolveBound(options.earliestTime, 'earliest_time', compiled.now),
        latest: resolveBound(options.latestTime, 'latest_time', compiled.now),
        defaultIndexes: options.defaultIndexes,
        message: (m) => messages.push(m),
        indexer: options.indexer,
    });
    return outcomeOf(compiled, generated, result, messages);
}

/**
 * Runs a compiled search that may start external commands (the search jobs' way to run every search).
 * Throws {@link SplError} for failures while running, a failing external command included. The
 * messages are kept once each, as splunkd keeps them.
 */
export async function runCompiledSearchAsync(
    store: EventStore,
    compiled: CompiledSearch,
    options: AsyncRunOptions = {}
): Promise<SearchOutcome> {
    const messages: SearchMessage[] = [];
    const seen = new Set<string>();
    const { generated, result } = await runPipelineAsync(compiled, {
        store,
        earliest: resolveBound(options.earliestTime, 'earliest_time', compiled.now),
        latest: resolveBound(options.latestTime, 'latest_time', compiled.now),
        defaultIndexes: options.defaultIndexes,
        message: (m) => {
            const key = `${m.type}\u0000${m.text}`;
            if (seen.has(key)) return;
            seen.add(key);
            messages.push(m);
            options.onMessage?.(m);
        },
        searchText: compiled.expanded,
        external: options.external,
        indexer: options.indexer,
        preview: options.onPreview,
    });
    return outcomeOf(compiled, generated, result, messages);
}

function outcomeOf(
    compiled: CompiledSearch,
    generated: Generated,
    result: ResultSet,
    messages: SearchMessage[]
): SearchOutcome {
    const formatted = formatResults(result);
    return {
        fields: formatted.fields,
        results: formatted.results,
        isEvents:
            generated.isEvents &&
            compiled.commands.every((c) => (c.preservesEvents ? c.preservesEvents() : EVENT_PRESERVING.has(c.name))),
        eventCount: generated.eventCount,
        scanCount: generated.scanCount,
        messages,
    };
}

const EVENT_PRESERVING = new Set([
    'search',
    'eval',
    'where',
    'head',
    'sort',
    'fields',
    'rename',
    'mvexpand',
    'fillnull',
    'rangemap',
    'collect',
]);

/**
 * Compiles and runs a search in one step.
 * @example runSearch(store, 'sourcetype=dns TERM(evil.example) | stats count by src', { now: 1764324900 })
 */
export function runSearch(store: EventStore, search: string, options: CompileOptions & RunOptions = {}): SearchOutcome {
    return runCompiledSearch(store, compileSearch(search, options), options);
}
