/**
 * Splunk's default monitor input `[monitor://$SPLUNK_HOME/var/log/splunk]` (`index = _internal`): every `*.log`
 * file in the folder is read as it grows, its text broken into events and indexed into `_internal` with
 * `source` = the file's path, `host` = the server's name and the `sourcetype` the app's `props.conf` gives the
 * source (`[source::<pattern>] sourcetype = …`; a file no stanza names is classified by its name, as Splunk's
 * learned sourcetypes are). The sourcetype's stanza says how: `LINE_BREAKER` (a regular expression whose first
 * group is the text between events; default: newlines), `TIME_PREFIX`, `TIME_FORMAT` (strptime, in the server's
 * local zone unless the format has `%z`; without one, or when it does not fit, the time the line was read) and
 * `KV_MODE` (`auto`, the default: `key=value` and `key="value"` pairs become fields, as Splunk extracts them at
 * search time; `none`: no fields).
 *
 * The stand-in reads the files when a search starts ({@link LogMonitor.poll}), so a search sees every line written
 * before it; a file that shrank was rotated and is read again from its start.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EventRecord, FieldValue } from '../search';
import { strptime } from '../search/strftime';
import type { AppConfig } from './app-config';

/** What the stand-in needs of a sourcetype's `props.conf` stanza. */
interface Parsing {
    readonly sourcetype: string;
    readonly breaker: RegExp;
    readonly timePrefix: RegExp | undefined;
    readonly timeFormat: string | undefined;
    readonly kvAuto: boolean;
}

/** A `[source::…]` stanza name as a regular expression: `...` any path, `*` within one folder, `.` a dot. */
export function sourcePattern(stanza: string): RegExp {
    let pattern = '';
    const text = stanza.slice('source::'.length);
    for (let i = 0; i < text.length; i++) {
        if (text.startsWith('...', i)) {
            pattern += '.*';
            i += 2;
        } else if (text.charAt(i) === '*') pattern += '[^/\\\\]*';
        else if (text.charAt(i) === '.') pattern += '\\.';
        else pattern += text.charAt(i);
    }
    return new RegExp(`^${pattern}$`);
}

/** Splunk's automatic key-value extraction: `key=value` up to a space or delimiter, `key="value"` unquoted. */
export function autoKv(raw: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const m of raw.matchAll(/(?<![\w.])([A-Za-z_][\w.]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s,;"]+))/g)) {
        const key = m[1] ?? '';
        const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
        if (!found.has(key)) found.set(key, value);
    }
    return found;
}

/** Offset in seconds to add to a wall-clock time read as UTC to get the local zone's epoch seconds. */
function localOffsetSeconds(utcGuess: number): number {
    return new Date(utcGuess * 1000).getTimezoneOffset() * 60;
}

/** Reads new lines of the `*.log` files of one folder into `_internal` events (see the module comment). */
export class LogMonitor {
    private readonly offsets = new Map<string, number>();
    /** Text after the last complete line of each file, kept until the line ends. */
    private readonly partial = new Map<string, string>();

    constructor(
        private readonly folder: string,
        private readonly config: AppConfig,
        private readonly host: string,
        private readonly now: () => number = Date.now
    ) {}

    /** The events written since the last poll. */
    poll(): EventRecord[] {
        let names: string[];
        try {
            names = readdirSync(this.folder).filter((n) => n.endsWith('.log'));
        } catch {
            return [];
        }
        const records: EventRecord[] = [];
        for (const name of names.sort()) records.push(...this.readFile(path.join(this.folder, name)));
        return records;
    }

    private readFile(file: string): EventRecord[] {
        let size: number;
        try {
            size = statSync(file).size;
        } catch {
            return [];
        }
        let offset = this.offsets.get(file) ?? 0;
        if (size < offset) {
            offset = 0;
            this.partial.delete(file);
        }
        if (size === offset) return [];
        const buffer = Buffer.alloc(size - offset);
        const fd = openSync(file, 'r');
        try {
            readSync(fd, buffer, 0, buffer.length, offset);
        } finally {
            closeSync(fd);
        }
        this.offsets.set(file, size);
        const text = (this.partial.get(file) ?? '') + buffer.toString('utf8');
        // Only complete lines are events; the rest waits for its newline.
        const end = text.lastIndexOf('\n') + 1;
        this.partial.set(file, text.slice(end));
        const parsing = this.parsing(file);
        return this.events(text.slice(0, end), parsing).map((raw) => this.record(raw, file, parsing));
    }

    /** The text cut into events at the breaker's first group (which belongs to neither event). */
    private events(text: string, parsing: Parsing): string[] {
        const events: string[] = [];
        const breaker = new RegExp(parsing.breaker.source, 'gd');
        let start = 0;
        for (const m of text.matchAll(breaker)) {
            const gap = m.indices?.[1] ?? m.indices?.[0];
            if (gap === undefined || gap[1] === gap[0]) continue;
            events.push(text.slice(start, gap[0]));
            start = gap[1];
        }
        events.push(text.slice(start));
        return events.map((e) => e.replace(/[\r\n]+$/, '')).filter((e) => e.trim() !== '');
    }

    private record(raw: string, file: string, parsing: Parsing): EventRecord {
        const fields = new Map<string, FieldValue>([
            ['index', '_internal'],
            ['sourcetype', parsing.sourcetype],
            ['host', this.host],
            ['source', file],
        ]);
        if (parsing.kvAuto) for (const [key, value] of autoKv(raw)) if (!fields.has(key)) fields.set(key, value);
        return { time: this.timeOf(raw, parsing), raw, fields };
    }

    private timeOf(raw: string, parsing: Parsing): number {
        const read = this.now() / 1000;
        if (parsing.timeFormat === undefined) return read;
        let text = raw;
        if (parsing.timePrefix !== undefined) {
            const m = parsing.timePrefix.exec(raw);
            if (!m) return read;
            text = raw.slice(m.index + m[0].length);
        }
        const parsed = strptime(text, parsing.timeFormat);
        if (parsed === null) return read;
        return parsing.timeFormat.includes('%z') ? parsed : parsed + localOffsetSeconds(parsed);
    }

    private parsing(file: string): Parsing {
        const sourceStanza = this.config
            .stanzas('props')
            .find((s) => s.name.startsWith('source::') && sourcePattern(s.name).test(file));
        const sourcetype = sourceStanza?.keys.get('sourcetype') ?? `${path.basename(file, '.log')}-too_small`;
        const keys = this.config.effectiveKeys('props', sourcetype) ?? new Map<string, string>();
        const breaker = keys.get('LINE_BREAKER') ?? '([\\r\\n]+)';
        const prefix = keys.get('TIME_PREFIX');
        return {
            sourcetype,
            breaker: new RegExp(breaker),
            timePrefix: prefix !== undefined ? new RegExp(prefix) : undefined,
            timeFormat: keys.get('TIME_FORMAT'),
            kvAuto: (keys.get('KV_MODE') ?? 'auto').toLowerCase() === 'auto',
        };
    }
}
