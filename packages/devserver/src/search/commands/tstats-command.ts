/**
 * `| tstats [summariesonly=<bool>] [allow_old_summaries=<bool>] [local=<bool>] [chunk_size=<n>]
 * [include_reduced_buckets=<bool>] [fillnull_value=<string>] [prestats=false] <aggregations>
 * [from datamodel=<Model>[.<Dataset>]] [where <search expression>] [by|groupby <fields>]`.
 *
 * With a data model, rows are the dataset's events (data-models.ts) with prefixed field names;
 * `summariesonly` is accepted and changes nothing (every event counts as summarised). Without one,
 * only index-time fields (`_time`, `index`, `sourcetype`, `host`, `source`) and raw terms
 * (keywords, phrases, `TERM()`) can be used. A field the source does not have fails the search
 * instead of silently matching nothing. `prestats=true`, `append=true`, `span=` and `PREFIX()` are
 * not supported.
 */
import { selectEvents } from '../event-selection';
import type { Row } from '../field-value';
import type { SearchNode } from '../search-ast';
import { parseSearchExpression } from '../search-parser';
import { SplError } from '../spl-error';
import type { StoredEvent } from '../stored-event';
import { parseAggregates } from './aggregates';
import { fieldList, findKeywords, lexArgs, parseBool } from './arg-lexer';
import { DATASET_COMMON_FIELDS, datasetNames, findDataset, type DatasetDefinition } from './data-models';
import type { GeneratingCommand } from './generating-command';
import { aggregateRows } from './group-by';

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
    if (byText !== undefined) {
        if (/\bspan\s*=/i.test(byText)) fail("The argument 'span' is not supported.", 'unsupported-argument');
        if (/\bPREFIX\s*\(/i.test(byText)) fail("The 'PREFIX()' directive is not supported.", 'unsupported-argument');
        by = fieldList(lexArgs(byText, 'tstats'), (d) => fail(d));
        if (by.length === 0) fail("The 'by' clause needs at least one field.");
    }
    for (const field of [...by, ...specs.map((s) => s.field).filter((f): f is string => f !== undefined)]) {
        if (!allowed(field)) fail(`The field '${field}' is not available in ${source}.`, 'unsupported-argument');
    }
    const eventWhere = ds === undefined ? where : toEventFields(where, ds);

    return {
        name: 'tstats',
        generate(context) {
            const { events, examined } = selectEvents(context.store, eventWhere, context);
            const members = ds === undefined ? events : events.filter((e) => ds.includes(e));
            const rows = members.map((e) => datasetRow(e, ds));
            return {
                result: aggregateRows(rows, by, specs, options.fillnull),
                eventCount: members.length,
                scanCount: examined,
                isEvents: false,
            };
        },
    };
}
