/**
 * `collect index=<name> [addtime=<bool>] [addinfo=<bool>] [host=] [source=] [sourcetype=] [marker=] [testmode=<bool>]
 * [run_in_preview=<bool>] [spool=true] [uselb=<bool>] [output_format=raw]`: writes the results into an index that
 * exists, as summary indexing does, and passes them on unchanged.
 *
 * A result with `_raw` is written as it is. Any other result becomes a stash event: the time (the first of the
 * result's `info_min_time`, `_time`, the search's start) as `MM/DD/YYYY HH:MM:SS +0000`, then with `addinfo` the
 * search's `info_min_time`, `info_max_time` and `info_search_time`, then every field as `name="value"` (a multivalue
 * field once per value; `"` and `\` escaped), separated by `, `, then the `marker`. Fields whose names begin with
 * `_` are not written; `host`, `source`, `sourcetype` and `index` are written as `orig_host`, `orig_source`,
 * `orig_sourcetype` and `orig_index`, so they do not clash with the stash event's own. The event gets
 * `sourcetype=stash` (or `sourcetype=`), the search head's name as `host` and the search's name as `source`, and
 * its `name="value"` pairs are its fields, as Splunk's automatic key-value extraction finds them in stash events.
 */
import type { FieldValue, Row } from '../field-value';
import { valuesOf } from '../field-value';
import { commandError, SplError } from '../spl-error';
import type { EventRecord } from '../stored-event';
import { strftime } from '../strftime';
import { lexArgs, parseBool } from './arg-lexer';
import type { Indexer, StreamCommand } from './result-set';

/** The options of one `collect`. */
interface CollectOptions {
    readonly index: string;
    readonly addtime: boolean;
    readonly addinfo: boolean;
    readonly host: string | undefined;
    readonly source: string | undefined;
    readonly sourcetype: string;
    readonly marker: string;
    readonly testmode: boolean;
}

const BOOLEAN_OPTIONS = new Set(['addtime', 'addinfo', 'testmode', 'run_in_preview', 'spool', 'uselb']);
const TEXT_OPTIONS = new Set(['index', 'host', 'source', 'sourcetype', 'marker', 'output_format']);
const UNSUPPORTED = new Set(['file', 'timeformat']);
const RENAMED = new Set(['host', 'source', 'sourcetype', 'index']);

function unsupported(detail: string): SplError {
    return commandError('collect', detail, 'unsupported-argument');
}

function parseOptions(args: string): CollectOptions {
    const tokens = lexArgs(args, 'collect');
    const given = new Map<string, string>();
    for (let i = 0; i < tokens.length; i += 3) {
        const key = tokens[i];
        const eq = tokens[i + 1];
        const value = tokens[i + 2];
        if (
            key?.kind !== 'word' ||
            eq?.kind !== 'punct' ||
            eq.text !== '=' ||
            value === undefined ||
            value.kind === 'punct'
        )
            throw commandError('collect', `Invalid argument: '${key?.text ?? ''}'`);
        const name = key.text.toLowerCase();
        if (UNSUPPORTED.has(name)) throw unsupported(`The argument '${name}' is not supported by the stand-in.`);
        if (!BOOLEAN_OPTIONS.has(name) && !TEXT_OPTIONS.has(name))
            throw commandError('collect', `Invalid argument: '${key.text}'`);
        if (given.has(name)) throw commandError('collect', `Option '${name}' should not be specified more than once.`);
        given.set(name, value.text);
    }
    const bool = (name: string, fallback: boolean): boolean => {
        const text = given.get(name);
        if (text === undefined) return fallback;
        const parsed = parseBool(text);
        if (parsed === undefined)
            throw commandError(
                'collect',
                `Invalid option value. Expecting a 'bool' for option '${name}'. Instead got '${text}'.`
            );
        return parsed;
    };
    const index = given.get('index');
    if (index === undefined || index === '') throw commandError('collect', "The 'index' argument is required.");
    const format = given.get('output_format') ?? 'raw';
    if (format.toLowerCase() !== 'raw') throw unsupported(`output_format=${format} is not supported by the stand-in.`);
    if (!bool('spool', true)) throw unsupported('spool=false (results kept in a file, not indexed) is not supported.');
    bool('run_in_preview', false);
    bool('uselb', true);
    return {
        index,
        addtime: bool('addtime', true),
        addinfo: bool('addinfo', true),
        host: given.get('host'),
        source: given.get('source'),
        sourcetype: given.get('sourcetype') ?? 'stash',
        marker: given.get('marker') ?? '',
        testmode: bool('testmode', false),
    };
}

function epochOf(value: FieldValue | undefined): number | undefined {
    const first = valuesOf(value)[0];
    if (first === undefined || first.trim() === '') return undefined;
    const n = Number(first);
    return Number.isFinite(n) ? n : undefined;
}

function quoted(value: string): string {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function infoTime(value: number | undefined, fallback: string): string {
    return value === undefined ? fallback : value.toFixed(3);
}

/**
 * The stash event `collect` writes for one result (see the module comment), or the event itself when the result
 * has `_raw`.
 */
export function stashEvent(
    row: Row,
    indexer: Pick<Indexer, 'host' | 'source' | 'searchTime' | 'infoMinTime' | 'infoMaxTime'>,
    options: {
        index: string;
        host?: string;
        source?: string;
        sourcetype?: string;
        addtime?: boolean;
        addinfo?: boolean;
        marker?: string;
    }
): EventRecord {
    const fields = new Map<string, FieldValue>();
    const pairs: string[] = [];
    const put = (name: string, value: string): void => {
        pairs.push(`${name}=${quoted(value)}`);
        const before = fields.get(name);
        fields.set(name, before === undefined ? value : [...valuesOf(before), value]);
    };
    const time = epochOf(row.get('info_min_time')) ?? epochOf(row.get('_time')) ?? indexer.searchTime;
    const raw = row.get('_raw');
    let text: string;
    if (raw !== undefined) {
        text = valuesOf(raw).join('\n');
        for (const [name, value] of row) if (!name.startsWith('_') && !RENAMED.has(name)) fields.set(name, value);
    } else {
        if (options.addinfo ?? true) {
            put('info_min_time', infoTime(indexer.infoMinTime, '0.000'));
            put('info_max_time', infoTime(indexer.infoMaxTime, '+Infinity'));
            put('info_search_time', indexer.searchTime.toFixed(3));
        }
        for (const [name, value] of row) {
            if (name.startsWith('_')) continue;
            const written = RENAMED.has(name) ? `orig_${name}` : name;
            for (const v of valuesOf(value)) put(written, v);
        }
        const stamp = (options.addtime ?? true) ? `${strftime(time, '%m/%d/%Y %H:%M:%S')} +0000` : '';
        text = [stamp, ...pairs].filter((p) => p !== '').join(', ');
    }
    const marker = options.marker ?? '';
    if (marker !== '') text = `${text}, ${marker}`;
    fields.set('index', options.index);
    fields.set('sourcetype', options.sourcetype ?? 'stash');
    fields.set('host', options.host ?? indexer.host);
    fields.set('source', options.source ?? indexer.source);
    return { time, raw: text, fields };
}

/** Parses the arguments of `collect`. */
export function parseCollectCommand(args: string): StreamCommand {
    const options = parseOptions(args);
    return {
        name: 'collect',
        apply(input, context) {
            const indexer = context.indexer;
            if (indexer === undefined)
                throw new SplError(
                    'runtime',
                    "Error in 'collect' command: This search cannot write to an index.",
                    'ERROR'
                );
            if (!indexer.hasIndex(options.index))
                throw new SplError(
                    'runtime',
                    `Error in 'collect' command: The index '${options.index}' does not exist; collect does not create it.`,
                    'ERROR'
                );
            if (!options.testmode && input.rows.length > 0) {
                const written = input.rows.map((row) => stashEvent(row, indexer, options));
                indexer.write(written);
            }
            return input;
        },
    };
}
