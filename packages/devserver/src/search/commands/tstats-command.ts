/**
 * `| tstats [summariesonly=<bool>] [allow_old_summaries=<bool>] [local=<bool>] [chunk_size=<n>]
 * [include_reduced_buckets=<bool>] [fillnull_value=<string>] [prestats=false] <aggregations>
 * [from datamodel=<Model>[.<Dataset>]] [where <search expression>] [by|groupby <fields> [span=<timespan>]]`.
 *
 * With a data model, rows are the dataset's events (data-models.ts) with prefixed field names;
 * `summariesonly` is accepted and changes nothing (every event counts as summarised). Without one,
 * only index-time fields (`_time`, `index`, `sourcetype`, `host`, `source`) and raw terms
 * (keywords, phrases, `TERM()`) can be used. A field the source does not have fails the search
 * instead of silently matching nothing. `prestats=true`, `append=true` and `PREFIX()` are not
 * supported.
 *
 * `by … _time … span=<n><unit>` groups `_time` into bins of that width (units `s`, `m`, `h`, `d` and
 * their long forms; a bare number is seconds) that start at multiples of the width since the epoch
 * (UTC), and outputs each bin's start as `_time`, in epoch seconds. Splunk picks a span itself when
 * `_time` is grouped without one, and the stand-in does not imitate that choice: grouping by
 * `_time` needs `span=`, and `span=` needs `_time` in the by clause. Calendar units (months,
 * quarters, years), weeks, sub-second units and `span=auto` are not supported, and neither is an
 * aggregation of `_time` itself next to a binned `_time` (`min(_time) … by _time span=1h`).
 */
import { selectEvents } from '../event-selection';
import type { Row } from '../field-value';
import type { SearchNode } from '../search-ast';
import { parseSearchExpression } from '../search-parser';
import { SplError } from '../spl-error';
import type { StoredEvent } from '../stored-event';
import { parseAggregates } from './aggregates';
import { fieldList, findKeywords, isWord, lexArgs, parseBool, type ArgToken } from './arg-lexer';
import { DATASET_COMMON_FIELDS, datasetNames, findDataset, type DatasetDefinition } from './data-models';
import type { GeneratingCommand } from './generating-command';
import { aggregateRows } from './group-by';

const SPAN_UNITS: ReadonlyMap<string, number> = new Map([
    ...['s', 'sec', 'secs', 'second', 'seconds'].map((u): [string, number] => [u, 1]),
    ...['m', 'min', 'mins', 'minute', 'minutes'].map((u): [string, number] => [u, 60]),
    ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u): [string, number] => [u, 3600]),
    ...['d', 'day', 'days'].map((u): [string, number] => [u, 86400]),
]);
const UNSUPPORTED_SPAN_UNITS =
    /^(?:mon|month|months|q|qtr|qtrs|quarter|quarters|y|yr|yrs|year|years|w|week|weeks|ms|cs|ds|us)$/;

/** The width in seconds of a `span=` timespan (`1h`, `30m`, `2d`, `3600`). */
function spanSeconds(text: string): number {
    if (text === 'auto')
        fail("The span 'auto' is not supported; give the span, such as span=1h.", 'unsupported-argument');
    const m = /^(\d+)([a-z]*)$/.exec(text);
    const count = Number(m?.[1]);
    const unit = m?.[2] ?? '';
    if (m !== null && UNSUPPORTED_SPAN_UNITS.test(unit)) {
        fail(
            `The span '${text}' is not supported; use seconds, minutes, hours or days, such as span=1h.`,
            'unsupported-argument'
        );
    }
    const scale = unit === '' ? 1 : SPAN_UNITS.get(unit);
    if (m === null || scale === undefined || !Number.isSafeInteger(count) || count <= 0) {
        fail(`The value for option span (${text}) is invalid.`);
    }
    return count * (scale ?? 1);
}

/** Splits `span=<timespan>` off the tokens of a by clause. */
function splitSpan(tokens: readonly ArgToken[]): { fields: ArgToken[]; span: string | undefined } {
    const fields: ArgToken[] = [];
    let span: string | undefined;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token === undefined) continue;
        if (isWord(token, 'span') && tokens[i + 1]?.text === '=' && tokens[i + 1]?.kind === 'punct') {
            const value = tokens[i + 2];
            if (value === undefined || value.kind === 'punct') fail('The value for option span () is invalid.');
            if (span !== undefined) fail("Option 'span' should not be specified more than once.");
            span = value?.text;
            i += 2;
        } else fields.push(token);
    }
    return { fields, span };
}

const fail = (detail: string, code: 'parse' | 'unsupported-argument' | 'unknown-datamodel' = 'parse'): never => {
    throw new SplError(code, `Error in 'tstats' command: ${detail}`);
};

const BOOL_OPTIONS = new Set([
    'summariesonly',
    'allow_old_summaries',
    'local',
    'include_reduced_buckets',
    'use_summary_index_values',
    'prestats',
    'append',
]);

interface Options {
    fillnull: string | undefined;
}

function readOptions(text: string): { options: Options; rest: string } {
    const options: Options = { fillnull: undefined };
    let rest = text;
    for (;;) {
        const m = /^\s*([A-Za-z_]+)\s*=\s*("(?:[^"\\]|\\.)*"|\S+)/.exec(rest);
        if (!m?.[1] || m[2] === undefined) break;
        const key = m[1].toLowerCase();
        const raw = m[2];
        const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(["\\])/g, '$1') : raw;
        if (BOOL_OPTIONS.has(key)) {
            const b = parseBool(value);
            if (b === undefined) fail(`Invalid value for '${key}': '${value}'. Expected a boolean.`);
            if ((key === 'prestats' || key === 'append') && b === true) {
                fail(`The argument '${key}=true' is not supported.`, 'unsupported-argument');
            }
        } else if (key === 'chunk_size') {
            if (!/^\d+$/.test(value)) fail(`Invalid value for 'chunk_size': '${value}'.`);
        } else if (key === 'fillnull_value') {
            options.fillnull = value;
        } else {
            break;
        }
        rest = rest.slice(m[0].length);
    }
    return { options, rest };
}

function checkFields(node: SearchNode, allowed: (field: string) => boolean, rawTerms: boolean, source: string): void {
    switch (node.kind) {
        case 'and':
        case 'or':
            node.children.forEach((c) => checkFields(c, allowed, rawTerms, source));
            return;
        case 'not':
            checkFields(node.child, allowed, rawTerms, source);
            return;
        case 'compare':
        case 'in':
            if (node.field === 'nodename')
                fail(
                    "The 'nodename' filter is not supported; name the dataset in 'from datamodel='.",
                    'unsupported-argument'
                );
            if (!allowed(node.field))
                fail(`The field '${node.field}' is not available in ${source}.`, 'unsupported-argument');
            return;
        case 'keyword':
        case 'term':
        case 'case':
            if (!rawTerms)
                fail(
                    `Raw-text terms ('${node.text}') are not supported with a data model; use dataset fields.`,
                    'unsupported-argument'
                );
            return;
        case 'time':
        case 'all':
            return;
    }
}

/** Renames dataset fields (`Web.url`) to the event fields they come from (`url`). */
function toEventFields(node: SearchNode, dataset: DatasetDefinition): SearchNode {
    const rename = (f: string): string => dataset.fields.get(f) ?? f;
    switch (node.kind) {
        case 'and':
        case 'or':
            return { kind: node.kind, children: node.children.map((c) => toEventFields(c, dataset)) };
        case 'not':
            return { kind: 'not', child: toEventFields(node.child, dataset) };
        case 'compare':
            return { ...node, field: rename(node.field) };
        case 'in':
            return { ...node, field: rename(node.field) };
        default:
            return node;
    }
}

function datasetRow(event: StoredEvent, dataset: DatasetDefinition | undefined): Row {
    const row: Row = new Map();
    row.set('_time', event.time);
    for (const name of DATASET_COMMON_FIELDS) {
        const v = event.fields.get(name);
        if (v !== undefined) row.set(name, v);
    }
    if (dataset !== undefined) {
        for (const [output, cim] of dataset.fields) {
            const v = event.fields.get(cim);
            if (v !== undefined) row.set(output, v);
        }
    }
    return row;
}

/** Parses the arguments of `tstats` (which must be the first command, after a leading `|`). */
export function parseTstatsCommand(args: string, now: number): GeneratingCommand {
    const marks = findKeywords(args, ['from', 'where', 'by', 'groupby']);
    const seen = new Set<string>();
    for (const [k] of marks) {
        const key = k === 'groupby' ? 'by' : k;
        if (seen.has(key)) fail(`The '${k}' clause may appear only once.`);
        seen.add(key);
    }
    const positions = marks.map(([, i]) => i);
    const clause = (keyword: string): string | undefined => {
        const entry = marks.find(([k]) => k === keyword || (keyword === 'by' && k === 'groupby'));
        if (entry === undefined) return undefined;
        const [k, start] = entry;
        const end = positions.find((p) => p > start) ?? args.length;
        return args.slice(start + k.length, end).trim();
    };
    const headEnd = positions[0] ?? args.length;
    const { options, rest } = readOptions(args.slice(0, headEnd));
    const specs = parseAggregates(rest, 'tstats');

    let dataset: DatasetDefinition | undefined;
    const from = clause('from');
    if (from !== undefined) {
        const m = /^datamodel\s*[=:]\s*(?:"([^"]+)"|(\S+))$/i.exec(from);
        const name = m?.[1] ?? m?.[2];
        if (name === undefined)
            fail(`Only 'from datamodel=<name>' is supported, not 'from ${from}'.`, 'unsupported-argument');
        dataset = findDataset(name ?? '');
        if (dataset === undefined) {
            fail(
                `The data model '${name ?? ''}' was not found. Supported: ${datasetNames().join(', ')}.`,
                'unknown-datamodel'
            );
        }
    }
    const ds = dataset;
    const allowed = (field: string): boolean =>
        DATASET_COMMON_FIELDS.includes(field) || (ds !== undefined && ds.fields.has(field));
    const source =
        ds === undefined
            ? 'index-time data (use a data model for extracted fields)'
            : `the data model '${ds.model}.${ds.dataset}'`;

    const whereText = clause('where');
    const where: SearchNode =
        whereText === undefined ? { kind: 'all' } : parseSearchExpression(whereText, { command: 'tstats', now });
    checkFields(where, allowed, ds === undefined, source);

    const byText = clause('by');
    let by: string[] = [];
    let span: number | undefined;
    if (byText !== undefined) {
        if (/\bPREFIX\s*\(/i.test(byText)) fail("The 'PREFIX()' directive is not supported.", 'unsupported-argument');
        const split = splitSpan(lexArgs(byText, 'tstats'));
        by = fieldList(split.fields, (d) => fail(d));
        if (by.length === 0) fail("The 'by' clause needs at least one field.");
        if (split.span !== undefined) span = spanSeconds(split.span);
    }
    for (const field of [...by, ...specs.map((s) => s.field).filter((f): f is string => f !== undefined)]) {
        if (!allowed(field)) fail(`The field '${field}' is not available in ${source}.`, 'unsupported-argument');
    }
    if (span !== undefined && !by.includes('_time')) {
        fail("The argument 'span' is supported only with '_time' in the by clause.", 'unsupported-argument');
    }
    if (span === undefined && by.includes('_time')) {
        fail(
            "Grouping by '_time' without 'span' is not supported (Splunk chooses the span itself); give the span, such as span=1h.",
            'unsupported-argument'
        );
    }
    const timeAggregate = specs.find((s) => s.field === '_time');
    if (span !== undefined && timeAggregate !== undefined) {
        fail(
            `Aggregating '_time' (${timeAggregate.output}) while grouping by '_time' with 'span' is not supported.`,
            'unsupported-argument'
        );
    }
    const bins = new Map<string, number>(span === undefined ? [] : [['_time', span]]);
    const eventWhere = ds === undefined ? where : toEventFields(where, ds);

    return {
        name: 'tstats',
        generate(context) {
            const { events, examined } = selectEvents(context.store, eventWhere, context);
            const members = ds === undefined ? events : events.filter((e) => ds.includes(e));
            const rows = members.map((e) => datasetRow(e, ds));
            return {
                result: aggregateRows(rows, by, specs, options.fillnull, bins),
                eventCount: members.length,
                scanCount: examined,
                isEvents: false,
            };
        },
    };
}
