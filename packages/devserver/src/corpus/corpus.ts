/**
 * The log-format corpus in `packages/devserver/corpus/`: one `.jsonl` file per log format, each line an event as
 * the product writes it together with what the app must find in it:
 *
 *     {"event": {<--events shape>}, "contains": [...], "cim": [...], "near": [...], "note": "..."}
 *
 * - `event` is exactly one line of the stand-in's `--events` input: `_time` (epoch seconds), `_raw`, `index`,
 *   `sourcetype`, `host`, `source` and the CIM fields the vendor's add-on extracts (`tag` puts it in data models);
 * - `contains`: every indicator of the corpus's set that occurs in `_raw` (the raw searches must count the line);
 * - `cim`: the indicators the CIM searches must find in the event's data model fields (never tracker ids, which
 *   have no CIM field: the CIM mode searches raw events for them);
 * - `near`: indicators the line resembles but does not contain (`203.0.113.200` for `203.0.113.20`);
 * - `note`: why, where the line needs explaining.
 *
 * Every value is an indicator as `parseIndicator` normalises it, and every name and address is a reserved one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { hasCimFields, parseIndicator, type Indicator } from '@passivetotal/core';
import { isReservedAddress, unreservedNames } from '../demo/reserved-names';
import { eventFromJson } from '../search';

/** The corpus folder of the repository. */
export const CORPUS_DIR = path.resolve(__dirname, '../../corpus');

/** A field value of a corpus event, as the `--events` format allows it. */
export type CorpusScalar = string | number | boolean;
export type CorpusFieldValue = CorpusScalar | readonly CorpusScalar[];

/** One event in the `--events` shape. */
export interface CorpusEvent {
    readonly _time: number;
    readonly _raw: string;
    readonly index: string;
    readonly sourcetype: string;
    readonly host: string;
    readonly source: string;
    readonly [field: string]: CorpusFieldValue;
}

/** One line of a corpus file. */
export interface CorpusLine {
    /** The format: the file name without `.jsonl`. */
    readonly format: string;
    /** The file the line comes from. */
    readonly file: string;
    /** 1-based line number in the file. */
    readonly line: number;
    readonly event: CorpusEvent;
    /** Normalised indicators the raw text contains. */
    readonly contains: readonly string[];
    /** Normalised indicators the CIM searches must find in the event's fields. */
    readonly cim: readonly string[];
    /** Normalised indicators the line must not match. */
    readonly near: readonly string[];
    readonly note?: string;
}

/** One corpus file. */
export interface CorpusFormat {
    readonly name: string;
    readonly file: string;
    readonly lines: readonly CorpusLine[];
}

/** The whole corpus. */
export interface Corpus {
    readonly formats: readonly CorpusFormat[];
    readonly lines: readonly CorpusLine[];
    /** Every indicator named anywhere (contains, cim, near), sorted. */
    readonly indicators: readonly string[];
}

/** A line that breaks the corpus format; the message names the file and the line. */
export class CorpusError extends Error {
    readonly file: string;
    readonly line: number;

    /**
     * @param file the corpus file (or a label)
     * @param line 1-based line number, 0 for the file as a whole
     * @param reason what is wrong
     */
    constructor(file: string, line: number, reason: string) {
        super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
        this.name = 'CorpusError';
        this.file = file;
        this.line = line;
    }
}

const LINE_KEYS = new Set(['event', 'contains', 'cim', 'near', 'note']);
const METADATA = ['index', 'sourcetype', 'host', 'source'] as const;

/**
 * Dotted words of the corpus that are not host names, though they look like them: user names (`h.nguyen`), an IPS
 * signature and an Okta event type.
 */
const NOT_HOST_NAMES: ReadonlySet<string> = new Set([
    'h.nguyen',
    'p.okafor',
    'th.nguyen',
    'cobalt.strike.beacon',
    'user.session.start',
]);

/** File names in paths, URLs and process images, recognised by their extension. */
const FILE_NAME = /\.(?:asmx|csv|exe|go|php5|sh|txt|zip)$/i;

/**
 * Real host names that products write as fixed identifiers, not as hosts an event talks about: the XML namespace
 * of every Windows event, and the AWS service endpoints CloudTrail names in `eventSource`.
 */
const FIXED_IDENTIFIERS: ReadonlySet<string> = new Set([
    'schemas.microsoft.com',
    'signin.amazonaws.com',
    's3.amazonaws.com',
]);

/** `example.com`, `example.net`, `example.org` and names below them: reserved, but not used in this project. */
const EXAMPLE_SLD = /(?<![\w.-])(?:[\w-]+\.)*example\.(?:com|net|org)(?![\w-])/gi;

/** The IPv6 address in RFC 5952 form, or undefined when the text is none. */
function canonicalIpv6(text: string): string | undefined {
    try {
        return new URL(`http://[${text}]/`).hostname.replace(/^\[|\]$/g, '');
    } catch {
        return undefined;
    }
}

/**
 * The names and addresses in a text that the corpus may not use: anything outside the reserved TLDs and the
 * private and documentation ranges (the demo's checker), and `example.com/.net/.org`. Percent-encoded bytes count
 * as separators, so an encoded URL is checked like a plain one.
 *
 * @example corpusUnreservedNames('GET http://evil.example/gate.php from 203.0.113.20') // []
 * @example corpusUnreservedNames('resolver 8.8.8.8 for www.example.com') // ['8.8.8.8', 'www.example.com']
 */
export function corpusUnreservedNames(text: string): string[] {
    const plain = text.replace(/%[0-9a-f]{2}/gi, ' ');
    const flagged = unreservedNames(plain).filter((token) => {
        const bare = token.replace(/\.$/, '');
        if (NOT_HOST_NAMES.has(bare.toLowerCase()) || FIXED_IDENTIFIERS.has(bare.toLowerCase())) return false;
        if (FILE_NAME.test(bare)) return false;
        // The checker compares IPv6 text with its documentation prefix; written fully expanded it needs normalising.
        const v6 = token.includes(':') ? canonicalIpv6(token) : undefined;
        return !(v6 !== undefined && isReservedAddress(v6));
    });
    return [...new Set([...flagged, ...[...plain.matchAll(EXAMPLE_SLD)].map((m) => m[0])])];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is CorpusScalar {
    return (
        typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
    );
}

function fieldValue(value: unknown): CorpusFieldValue | undefined {
    if (isScalar(value)) return value;
    if (Array.isArray(value) && value.length > 0) {
        const items: unknown[] = value;
        if (items.every(isScalar)) return Object.freeze([...items]);
    }
    return undefined;
}

function parseEvent(value: unknown, fail: (reason: string) => never): CorpusEvent {
    if (!isPlainObject(value)) return fail('"event" must be an object');
    const time = value['_time'];
    if (typeof time !== 'number' || !Number.isFinite(time) || time <= 0) {
        return fail('"event._time" must be epoch seconds (a positive number)');
    }
    const raw = value['_raw'];
    if (typeof raw !== 'string' || raw === '') return fail('"event._raw" must be a non-empty string');
    const fields: Record<string, CorpusFieldValue> = {};
    for (const [name, v] of Object.entries(value)) {
        if (name === '') return fail('a field name of "event" is empty');
        const parsed = fieldValue(v);
        if (parsed === undefined) {
            return fail(`"event.${name}" must be a string, number, boolean or a non-empty array of them`);
        }
        fields[name] = parsed;
    }
    const meta: Partial<Record<(typeof METADATA)[number], string>> = {};
    for (const name of METADATA) {
        const v = value[name];
        if (typeof v !== 'string' || v === '') return fail(`"event.${name}" must be a non-empty string`);
        meta[name] = v;
    }
    return Object.freeze({
        ...fields,
        _time: time,
        _raw: raw,
        index: meta.index ?? '',
        sourcetype: meta.sourcetype ?? '',
        host: meta.host ?? '',
        source: meta.source ?? '',
    });
}

function parseIndicatorList(value: unknown, key: string, fail: (reason: string) => never): readonly string[] {
    if (!Array.isArray(value)) return fail(`"${key}" must be an array of indicators`);
    const items: unknown[] = value;
    const out: string[] = [];
    for (const item of items) {
        if (typeof item !== 'string') return fail(`"${key}" must hold strings`);
        const parsed = parseIndicator(item);
        if (!parsed.ok) return fail(`"${key}": ${item} is not an indicator (${parsed.reason})`);
        if (parsed.value.value !== item) {
            return fail(`"${key}": ${item} is not normalised; parseIndicator gives ${parsed.value.value}`);
        }
        if (out.includes(item)) return fail(`"${key}": ${item} is listed twice`);
        out.push(item);
    }
    return Object.freeze(out);
}

/** The values of a field: one, or each of a multivalue field. */
export function fieldValues(value: CorpusFieldValue): readonly CorpusScalar[] {
    return typeof value === 'object' ? value : [value];
}

function fieldTexts(event: CorpusEvent): string[] {
    return Object.values(event).flatMap(fieldValues).map(String);
}

/**
 * Validates one parsed line of a corpus file. Throws {@link CorpusError} naming the file and line.
 *
 * @param value the parsed JSON of the line
 * @param file the file (its name without `.jsonl` is the format)
 * @param line 1-based line number
 */
export function parseCorpusLine(value: unknown, file: string, line: number): CorpusLine {
    const fail = (reason: string): never => {
        throw new CorpusError(file, line, reason);
    };
    if (!isPlainObject(value)) return fail('expected a JSON object');
    for (const key of Object.keys(value)) {
        if (!LINE_KEYS.has(key)) fail(`unknown key "${key}" (expected event, contains, cim, near, note)`);
    }
    for (const key of ['event', 'contains', 'cim', 'near']) {
        if (!(key in value)) fail(`"${key}" is missing`);
    }
    const event = parseEvent(value['event'], fail);
    try {
        // The stand-in's own loader must read the event as it is.
        eventFromJson(event, 'event', 0);
    } catch (error) {
        fail(`the stand-in cannot load it: ${error instanceof Error ? error.message : String(error)}`);
    }
    const contains = parseIndicatorList(value['contains'], 'contains', fail);
    const cim = parseIndicatorList(value['cim'], 'cim', fail);
    const near = parseIndicatorList(value['near'], 'near', fail);
    const note = value['note'];
    if (note !== undefined && (typeof note !== 'string' || note === '')) fail('"note" must be a non-empty string');
    const both = near.filter((v) => contains.includes(v));
    if (both.length > 0) fail(`${both.join(', ')} cannot be in both "contains" and "near"`);
    for (const v of cim) {
        const parsed = parseIndicator(v);
        if (parsed.ok && !hasCimFields(parsed.value)) {
            fail(`"cim": ${v} has no CIM field (the CIM mode searches raw events for it: list it in "contains")`);
        }
    }
    if (cim.length > 0 && event['tag'] === undefined) {
        fail('an event with "cim" values needs its "tag" field (the tags that put it in data models)');
    }
    const unreserved = [
        ...new Set([event._raw, ...fieldTexts(event), ...contains, ...cim, ...near].flatMap(corpusUnreservedNames)),
    ];
    if (unreserved.length > 0) fail(`names or addresses that are not reserved: ${unreserved.join(', ')}`);
    return Object.freeze({
        format: path.basename(file).replace(/\.jsonl$/, ''),
        file,
        line,
        event,
        contains,
        cim,
        near,
        ...(typeof note === 'string' ? { note } : {}),
    });
}

/**
 * Parses and validates the text of one corpus file (blank lines are skipped).
 *
 * @param text the file's content
 * @param file the file name, used for the format and in errors
 */
export function parseCorpusText(text: string, file: string): CorpusLine[] {
    const lines: CorpusLine[] = [];
    text.split('\n').forEach((rawLine, i) => {
        if (rawLine.trim() === '') return;
        let parsed: unknown;
        try {
            parsed = JSON.parse(rawLine);
        } catch (error) {
            throw new CorpusError(
                file,
                i + 1,
                `invalid JSON (${error instanceof Error ? error.message : String(error)})`
            );
        }
        lines.push(parseCorpusLine(parsed, file, i + 1));
    });
    return lines;
}

/** Every indicator the lines name (contains, cim and near), sorted and distinct. */
export function corpusIndicators(lines: readonly CorpusLine[]): string[] {
    return [...new Set(lines.flatMap((l) => [...l.contains, ...l.cim, ...l.near]))].sort();
}

/**
 * Reads every `.jsonl` file of a corpus folder, in name order, and validates it: each line, no empty file, and no
 * `_raw` twice in the corpus (so a search result names its line).
 *
 * @param dir the corpus folder; default {@link CORPUS_DIR}
 */
export function loadCorpus(dir: string = CORPUS_DIR): Corpus {
    const names = readdirSync(dir)
        .filter((n) => n.endsWith('.jsonl'))
        .sort();
    if (names.length === 0) throw new CorpusError(dir, 0, 'no .jsonl files');
    const seen = new Map<string, string>();
    const formats = names.map((name): CorpusFormat => {
        const file = path.join(dir, name);
        const lines = parseCorpusText(readFileSync(file, 'utf8'), file);
        if (lines.length === 0) throw new CorpusError(file, 0, 'the file has no lines');
        for (const l of lines) {
            const other = seen.get(l.event._raw);
            if (other !== undefined) throw new CorpusError(file, l.line, `the same _raw as ${other}`);
            seen.set(l.event._raw, `${name}:${l.line}`);
        }
        return Object.freeze({ name: name.replace(/\.jsonl$/, ''), file, lines: Object.freeze(lines) });
    });
    const lines = formats.flatMap((f) => f.lines);
    return Object.freeze({
        formats: Object.freeze(formats),
        lines: Object.freeze(lines),
        indicators: Object.freeze(corpusIndicators(lines)),
    });
}

/**
 * The events of the lines as the stand-in's `--events` input: one JSON object a line.
 *
 * @example corpusEventsJsonl(loadCorpus().lines) // '{"_time":1795170729,"_raw":"date=2026-11-20 …",…}\n…'
 */
export function corpusEventsJsonl(lines: readonly CorpusLine[]): string {
    return lines.map((l) => `${JSON.stringify(l.event)}\n`).join('');
}

/**
 * The indicator a corpus value stands for (corpus values are validated, so this cannot fail for them).
 *
 * @example corpusIndicator('2001:db8::53').type // 'ipv6'
 */
export function corpusIndicator(value: string): Indicator {
    const parsed = parseIndicator(value);
    if (!parsed.ok) throw new Error(`${value} is not an indicator: ${parsed.reason}`);
    return parsed.value;
}

/** `format:line`, how messages name a corpus line. */
export function lineLabel(line: CorpusLine): string {
    return `${line.format}:${String(line.line)}`;
}
