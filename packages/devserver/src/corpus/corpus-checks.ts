/**
 * What the corpus expects of the app's searches, and how an answer is compared with it. Every difference comes back
 * as one sentence naming the search, the indicator, the corpus line (`format:line`) or the group of lines, what was
 * expected and what came back, so a failing test says what broke.
 */
import { hasCimFields } from '@passivetotal/core';
import { corpusIndicator, lineLabel, type CorpusLine } from './corpus';

/** Which list of a line says where an indicator must be found: `contains` (raw searches) or `cim`. */
export type ExpectedIn = 'raw' | 'cim';

/** A value of a result row as splunkd returns it. */
export type ResultValue = string | readonly string[] | undefined;

/** A result row as splunkd returns it with `output_mode=json`. */
export type ResultRow = Readonly<Record<string, ResultValue>>;

/**
 * The lines on which a search for the indicator must count: those whose `contains` lists it; in CIM mode those
 * whose `cim` lists it, except for indicators without CIM fields (tracker ids), which the CIM mode searches raw.
 */
export function expectedLines(lines: readonly CorpusLine[], value: string, mode: ExpectedIn): CorpusLine[] {
    const cim = mode === 'cim' && hasCimFields(corpusIndicator(value));
    return lines.filter((l) => (cim ? l.cim : l.contains).includes(value));
}

/** The first value of a field of a row, or undefined. */
export function rowText(row: ResultRow, field: string): string | undefined {
    const v = row[field];
    return typeof v === 'string' ? v : v?.[0];
}

/** The number in a field of a row, or undefined. */
export function rowNumber(row: ResultRow, field: string): number | undefined {
    const text = rowText(row, field);
    if (text === undefined || text.trim() === '') return undefined;
    const n = Number(text);
    if (Number.isFinite(n)) return n;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** The start of the hour of a time (epoch seconds), as the searches bucket it. */
export function hourOf(time: number): number {
    return Math.floor(time / 3600) * 3600;
}

/** A line's group in an aggregate: its sourcetype and the hour it falls in. */
export function groupOf(sourcetype: string, hour: number): string {
    return `${sourcetype} at ${new Date(hour * 1000).toISOString().slice(0, 13)}h`;
}

/** The beginning of a `_raw`, to recognise the line in a message. */
export function excerpt(raw: string): string {
    const flat = raw.replace(/\s+/g, ' ');
    return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}

/**
 * Compares the events a search returned (their `_raw`) with the lines it should have found.
 *
 * @param all every corpus line (to name the lines an event came from)
 * @param expected the lines the search should find
 * @param found the `_raw` of each event returned
 * @param what the search and indicator, for the messages, e.g. `raw thorough, 203.0.113.20`
 */
export function compareEvents(
    all: readonly CorpusLine[],
    expected: readonly CorpusLine[],
    found: readonly (string | undefined)[],
    what: string
): string[] {
    const byRaw = new Map(all.map((l) => [l.event._raw, l]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const raw of found) {
        const line = raw === undefined ? undefined : byRaw.get(raw);
        if (raw === undefined || line === undefined) {
            problems.push(`${what}: found an event that is not a corpus line: ${excerpt(raw ?? '(no _raw)')}`);
            continue;
        }
        if (seen.has(raw)) problems.push(`${what}: ${lineLabel(line)} found twice`);
        seen.add(raw);
        if (!expected.includes(line)) {
            problems.push(`${what}: ${lineLabel(line)} found but the line does not list it: ${excerpt(raw)}`);
        }
    }
    for (const line of expected) {
        if (!seen.has(line.event._raw)) {
            problems.push(`${what}: ${lineLabel(line)} not found, expected 1 event: ${excerpt(line.event._raw)}`);
        }
    }
    return problems;
}

/**
 * Compares an aggregate's counts per sourcetype and hour with the expected lines, and its total.
 *
 * @param expected the lines the search should count
 * @param rows the aggregate's rows
 * @param hourField the field holding the hour (`bucket`)
 * @param what the search and indicator, for the messages
 */
export function compareCounts(
    expected: readonly CorpusLine[],
    rows: readonly ResultRow[],
    hourField: string,
    what: string
): string[] {
    const want = new Map<string, CorpusLine[]>();
    for (const l of expected) {
        const key = groupOf(l.event.sourcetype, hourOf(l.event._time));
        want.set(key, [...(want.get(key) ?? []), l]);
    }
    const got = new Map<string, number>();
    let total = 0;
    for (const row of rows) {
        const count = rowNumber(row, 'count') ?? 0;
        const hour = rowNumber(row, hourField);
        const key = groupOf(rowText(row, 'sourcetype') ?? '(none)', hour === undefined ? 0 : hourOf(hour));
        got.set(key, (got.get(key) ?? 0) + count);
        total += count;
    }
    const problems: string[] = [];
    for (const key of [...new Set([...want.keys(), ...got.keys()])].sort()) {
        const lines = want.get(key) ?? [];
        const n = got.get(key) ?? 0;
        if (n !== lines.length) {
            const named = lines.length > 0 ? ` (${lines.map(lineLabel).join(', ')})` : '';
            problems.push(`${what}: ${key}: expected ${String(lines.length)}${named}, got ${String(n)}`);
        }
    }
    if (total !== expected.length) {
        problems.push(`${what}: total expected ${String(expected.length)}, got ${String(total)}`);
    }
    return problems;
}

/** One indicator's count, first and last seen as a sightings search answers them. */
export interface SeenCount {
    readonly count: number;
    readonly firstSeen?: number;
    readonly lastSeen?: number;
}

/**
 * Compares one indicator's sighting with the expected lines: the count, and the first and last seen (the earliest
 * and latest `_time` of those lines).
 */
export function compareSighting(
    expected: readonly CorpusLine[],
    sighting: SeenCount | undefined,
    what: string
): string[] {
    const times = expected.map((l) => l.event._time);
    const want: SeenCount =
        times.length === 0
            ? { count: 0 }
            : { count: times.length, firstSeen: Math.min(...times), lastSeen: Math.max(...times) };
    const got: SeenCount = sighting ?? { count: 0 };
    const problems: string[] = [];
    if (got.count !== want.count) {
        problems.push(
            `${what}: count expected ${String(want.count)} (${expected.map(lineLabel).join(', ') || 'no line'}), got ${String(got.count)}`
        );
    }
    if (want.count > 0 && got.count > 0) {
        if (got.firstSeen !== want.firstSeen) {
            problems.push(`${what}: first seen expected ${String(want.firstSeen)}, got ${String(got.firstSeen)}`);
        }
        if (got.lastSeen !== want.lastSeen) {
            problems.push(`${what}: last seen expected ${String(want.lastSeen)}, got ${String(got.lastSeen)}`);
        }
    }
    return problems;
}
