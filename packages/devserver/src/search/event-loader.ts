/**
 * Reads events in the `--events` format (CONTRACTS §4): one JSON object a line with `_time`
 * (epoch seconds as a number or numeric string, or ISO 8601), `_raw`, `index`, `sourcetype`,
 * `host`, `source`, and any extracted fields (strings, numbers or booleans, or arrays of them for
 * a multivalue field). Blank lines are skipped; `null` and empty arrays mean "no such field".
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatNumber, type FieldValue } from './field-value';
import { METADATA_FIELDS, type EventRecord } from './stored-event';
import { parseIsoTime } from './time-modifiers';

/** A line that is not a valid event; the message names the file and the 1-based line. */
export class EventLoadError extends Error {
    /** The file (or label) the line came from. */
    readonly file: string;
    /** 1-based line number, or 0 when the problem is the path itself. */
    readonly line: number;

    /**
     * @param file file or label of the input
     * @param line 1-based line number (0 for a problem with the path)
     * @param reason what is wrong with it
     */
    constructor(file: string, line: number, reason: string) {
        super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
        this.name = 'EventLoadError';
        this.file = file;
        this.line = line;
    }
}

function scalarText(value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return formatNumber(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return undefined;
}

function parseTime(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value !== 'string') return undefined;
    if (/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
    return parseIsoTime(value.trim());
}

/**
 * Validates one parsed JSON value as an event. Throws {@link EventLoadError} naming `file` and `line`.
 * @param value the parsed JSON of one line (or an object given programmatically)
 * @param file label used in errors
 * @param line 1-based line number used in errors
 */
export function eventFromJson(value: unknown, file: string, line: number): EventRecord {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new EventLoadError(file, line, 'expected a JSON object');
    }
    const entries = Object.entries(value as Record<string, unknown>);
    const obj = new Map(entries);
    const time = parseTime(obj.get('_time'));
    if (time === undefined) {
        throw new EventLoadError(file, line, '"_time" must be epoch seconds or an ISO 8601 date-time');
    }
    const raw = obj.get('_raw');
    if (typeof raw !== 'string') throw new EventLoadError(file, line, '"_raw" must be a string');
    const fields = new Map<string, FieldValue>();
    for (const name of METADATA_FIELDS) {
        const v = obj.get(name);
        if (typeof v !== 'string' || v === '') {
            throw new EventLoadError(file, line, `"${name}" must be a non-empty string`);
        }
        fields.set(name, v);
    }
    for (const [name, v] of entries) {
        if (name === '_time' || name === '_raw' || fields.has(name) || v === null) continue;
        if (name === '') throw new EventLoadError(file, line, 'a field name is empty');
        if (Array.isArray(v)) {
            const texts = v.map(scalarText);
            if (texts.some((t) => t === undefined)) {
                throw new EventLoadError(file, line, `field "${name}": array elements must be strings or numbers`);
            }
            const values = texts.filter((t): t is string => t !== undefined);
            if (values.length === 1 && values[0] !== undefined) fields.set(name, values[0]);
            else if (values.length > 1) fields.set(name, values);
            continue;
        }
        const text = scalarText(v);
        if (text === undefined) {
            throw new EventLoadError(file, line, `field "${name}" must be a string, number, boolean or array`);
        }
        fields.set(name, text);
    }
    return { time, raw, fields };
}

/**
 * Parses the text of one `.jsonl` file into events.
 * @param text file content
 * @param file label used in errors (normally the path)
 */
export function parseEventsJsonl(text: string, file: string): EventRecord[] {
    const events: EventRecord[] = [];
    const lines = text.split('\n');
    lines.forEach((rawLine, i) => {
        const lineText = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
        if (lineText.trim() === '') return;
        let parsed: unknown;
        try {
            parsed = JSON.parse(lineText);
        } catch (e) {
            throw new EventLoadError(file, i + 1, `invalid JSON (${e instanceof Error ? e.message : String(e)})`);
        }
        events.push(eventFromJson(parsed, file, i + 1));
    });
    return events;
}

async function jsonlFilesUnder(dir: string): Promise<string[]> {
    const out: string[] = [];
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) out.push(...(await jsonlFilesUnder(full)));
        else if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(full);
    }
    return out;
}

/**
 * Loads every event from the given paths: a `.jsonl` file, or a folder whose `.jsonl` files
 * (recursively, in name order) are read. Throws {@link EventLoadError} for a missing path or bad line.
 */
export async function loadEventFiles(paths: readonly string[]): Promise<EventRecord[]> {
    const events: EventRecord[] = [];
    for (const path of paths) {
        let isDir: boolean;
        try {
            isDir = (await stat(path)).isDirectory();
        } catch {
            throw new EventLoadError(path, 0, 'no such file or folder');
        }
        const files = isDir ? await jsonlFilesUnder(path) : [path];
        for (const file of files) {
            // One push per event: spreading a file of 200,000 events would overflow the call stack.
            for (const event of parseEventsJsonl(await readFile(file, 'utf8'), file)) events.push(event);
        }
    }
    return events;
}
