/**
 * `timechart span=<n><unit> [limit=<n>] [useother=<bool>] [usenull=<bool>] [cont=<bool>] <aggregation> [as <name>]
 * ... [by <field>]`: one row per time bucket (`_time` = the bucket's start, a multiple of the span counted from the
 * epoch in UTC, and `_span` = the span in seconds), one column per aggregation, or with `by` one column per value
 * of the field (`<aggregation>: <value>` when there are several aggregations). As in Splunk:
 *
 * - `count` and `dc` of a bucket without rows are 0; the other functions leave the cell empty;
 * - `cont=true` (default) gives every bucket from the search's earliest to its latest time (or from the first to
 *   the last event's bucket when the search has no bounds), empty ones included;
 * - rows without the by-field count under `NULL` (`usenull=true`, default); beyond `limit` (default 10, `0`: no
 *   limit) series, those with the smallest totals are summed under `OTHER` (`useother=true`, default) or dropped;
 * - columns come in the order of their names, then `NULL` and `OTHER` last.
 *
 * Without `span` Splunk picks one from the time range; the stand-in asks for it (`unsupported-argument`), as it
 * does for `bins`, `minspan`, `where`, `agg`, `fixedrange`, `partial`, `aligntime` and a `by` with two fields.
 */
import { compareAuto, formatNumber, toNumber, valuesOf, type Row } from '../field-value';
import { SplError } from '../spl-error';
import { createAccumulator, parseAggregates, type Accumulator, type AggregateSpec } from './aggregates';
import { fieldList, findKeywords, lexArgs, parseBool } from './arg-lexer';
import type { PipelineContext, ResultSet, StreamCommand } from './result-set';

const UNITS: ReadonlyMap<string, number> = new Map([
    ...['s', 'sec', 'secs', 'second', 'seconds'].map((u): [string, number] => [u, 1]),
    ...['m', 'min', 'mins', 'minute', 'minutes'].map((u): [string, number] => [u, 60]),
    ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u): [string, number] => [u, 3600]),
    ...['d', 'day', 'days'].map((u): [string, number] => [u, 86400]),
]);
const OPTION =
    /(?:^|\s)(span|limit|useother|usenull|cont|bins|minspan|where|agg|fixedrange|partial|aligntime|otherstr|nullstr)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s"]+)/gi;
const UNSUPPORTED = new Set(['bins', 'minspan', 'where', 'agg', 'fixedrange', 'partial', 'aligntime']);
/** Splunk's default `maxbins`: a timechart never has more buckets. */
const MAX_BUCKETS = 50000;
const ZERO_FILLED = new Set(['count', 'c', 'dc', 'distinct_count']);

const fail = (code: 'parse' | 'unsupported-argument', detail: string): never => {
    throw new SplError(code, `Error in 'timechart' command: ${detail}`);
};

interface Options {
    readonly span: number;
    readonly limit: number;
    readonly useother: boolean;
    readonly usenull: boolean;
    readonly cont: boolean;
    readonly otherstr: string;
    readonly nullstr: string;
}

/** `span=1d` in seconds. */
export function spanSeconds(text: string): number {
    const m = /^(\d+)([a-z]*)$/i.exec(text);
    const unit = UNITS.get((m?.[2] ?? '').toLowerCase() || 's');
    const n = Number(m?.[1]);
    if (m === null || unit === undefined || !(n > 0))
        return fail('unsupported-argument', `The span '${text}' is not supported.`);
    return n * unit;
}

function booleanOption(name: string, text: string): boolean {
    const value = parseBool(text);
    return value === undefined ? fail('parse', `The value for option ${name} (${text}) is invalid.`) : value;
}

function parseOptions(found: Map<string, string>): Options {
    for (const name of found.keys())
        if (UNSUPPORTED.has(name)) fail('unsupported-argument', `The argument '${name}' is not supported.`);
    const span = found.get('span');
    const limit = found.get('limit') ?? '10';
    if (!/^\d+$/.test(limit)) fail('parse', `The value for option limit (${limit}) is invalid.`);
    return {
        span:
            span === undefined ? fail('unsupported-argument', 'the stand-in needs span=<n><unit>.') : spanSeconds(span),
        limit: Number(limit),
        useother: booleanOption('useother', found.get('useother') ?? 't'),
        usenull: booleanOption('usenull', found.get('usenull') ?? 't'),
        cont: booleanOption('cont', found.get('cont') ?? 't'),
        otherstr: found.get('otherstr') ?? 'OTHER',
        nullstr: found.get('nullstr') ?? 'NULL',
    };
}

function unquote(text: string): string {
    return text.startsWith('"') ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}

/** Parses the arguments of `timechart`. */
export function parseTimechartCommand(args: string): StreamCommand {
    const found = new Map<string, string>();
    const rest = args.replace(OPTION, (_m, name: string, value: string) => {
        found.set(name.toLowerCase(), unquote(value));
        return ' ';
    });
    const options = parseOptions(found);
    const byAt = findKeywords(rest, ['by']).at(0)?.[1];
    const specs = parseAggregates(byAt === undefined ? rest : rest.slice(0, byAt), 'timechart');
    const by = byAt === undefined ? [] : fieldList(lexArgs(rest.slice(byAt + 2), 'timechart'), (d) => fail('parse', d));
    if (by.length > 1) fail('unsupported-argument', 'a split by more than one field is not supported.');
    return {
        name: 'timechart',
        apply: (input, context) => timechart(input.rows, specs, by[0], options, context),
    };
}

function timeOf(row: Row): number | undefined {
    const t = row.get('_time');
    return t === undefined || typeof t === 'object' ? undefined : toNumber(t);
}

/** The series a row belongs to: the by-field's values, `NULL` without it, one series without a by-field. */
function seriesOf(row: Row, by: string | undefined, options: Options): string[] {
    if (by === undefined) return [''];
    const values = [...new Set(valuesOf(row.get(by)))];
    if (values.length > 0) return values;
    return options.usenull ? [options.nullstr] : [];
}

/** The series kept by name and what the others become (`OTHER`, or dropped). */
function keptSeries(
    rows: readonly Row[],
    specs: readonly AggregateSpec[],
    by: string | undefined,
    options: Options
): (series: string) => string | undefined {
    if (by === undefined || options.limit === 0) return (s) => s;
    const totals = new Map<string, Accumulator>();
    for (const row of rows)
        for (const series of seriesOf(row, by, options)) {
            let acc = totals.get(series);
            if (acc === undefined) totals.set(series, (acc = createAccumulator(specs[0] as AggregateSpec)));
            acc.add(row);
        }
    if (totals.size <= options.limit) return (s) => s;
    const score = (s: string): number => toNumber(String(totals.get(s)?.result() ?? 0)) ?? 0;
    const ranked = [...totals.keys()].sort((a, b) => score(b) - score(a) || compareAuto(a, b));
    const kept = new Set(ranked.slice(0, options.limit));
    return (s) => (kept.has(s) ? s : options.useother ? options.otherstr : undefined);
}

function bucketRange(starts: readonly number[], options: Options, context: PipelineContext): number[] {
    const floor = (t: number) => Math.floor(t / options.span) * options.span;
    let first = starts.length > 0 ? Math.min(...starts) : undefined;
    let last = starts.length > 0 ? Math.max(...starts) : undefined;
    if (!options.cont) return [...new Set(starts)].sort((a, b) => a - b);
    if (context.earliest !== undefined && Number.isFinite(context.earliest)) first = floor(context.earliest);
    if (context.latest !== undefined && Number.isFinite(context.latest)) last = floor(context.latest - 1e-6);
    if (first === undefined || last === undefined || last < first) return [];
    if ((last - first) / options.span >= MAX_BUCKETS)
        fail('unsupported-argument', `the span gives more than ${String(MAX_BUCKETS)} buckets.`);
    const out: number[] = [];
    for (let t = first; t <= last; t += options.span) out.push(t);
    return out;
}

function columnOrder(names: Iterable<string>, options: Options): string[] {
    const last = [options.nullstr, options.otherstr];
    const sorted = [...names].filter((n) => !last.includes(n)).sort(compareAuto);
    return [...sorted, ...last.filter((n) => [...names].includes(n))];
}

function timechart(
    rows: readonly Row[],
    specs: readonly AggregateSpec[],
    by: string | undefined,
    options: Options,
    context: PipelineContext
): ResultSet {
    const timed = rows.filter((r) => timeOf(r) !== undefined);
    const rename = keptSeries(timed, specs, by, options);
    const cells = new Map<number, Map<string, Accumulator[]>>();
    const seriesNames = new Set<string>();
    for (const row of timed) {
        const start = Math.floor((timeOf(row) ?? 0) / options.span) * options.span;
        let bucket = cells.get(start);
        if (bucket === undefined) cells.set(start, (bucket = new Map<string, Accumulator[]>()));
        for (const raw of seriesOf(row, by, options)) {
            const series = rename(raw);
            if (series === undefined) continue;
            seriesNames.add(series);
            let accs = bucket.get(series);
            if (accs === undefined) bucket.set(series, (accs = specs.map(createAccumulator)));
            for (const acc of accs) acc.add(row);
        }
    }
    const series = by === undefined ? [''] : columnOrder(seriesNames, options);
    const column = (spec: AggregateSpec, s: string): string =>
        by === undefined ? spec.output : specs.length > 1 ? `${spec.output}: ${s}` : s;
    const columns = series.flatMap((s) => specs.map((spec) => column(spec, s)));
    const out: Row[] = bucketRange([...cells.keys()], options, context).map((start) => {
        const row: Row = new Map([['_time', start]]);
        for (const s of series)
            specs.forEach((spec, i) => {
                const value = cells.get(start)?.get(s)?.[i]?.result();
                if (value !== undefined) row.set(column(spec, s), value);
                else if (ZERO_FILLED.has(spec.fn)) row.set(column(spec, s), 0);
            });
        row.set('_span', formatNumber(options.span));
        return row;
    });
    return { rows: out, order: ['_time', ...columns, '_span'] };
}
