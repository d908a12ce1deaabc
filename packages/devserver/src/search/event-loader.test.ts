import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLoadError, parseEventsJsonl } from './event-loader';
import { EventStore } from './event-store';

const line = (fields: Record<string, unknown>): string =>
    JSON.stringify({ index: 'main', sourcetype: 'st', host: 'h', source: 's', _raw: 'x', _time: 0, ...fields });

describe('parseEventsJsonl', () => {
    it('normalises _time from epoch numbers, epoch strings and ISO 8601', () => {
        const events = parseEventsJsonl(
            [
                line({ _time: 1764324900 }),
                line({ _time: '1764324900.5' }),
                line({ _time: '2026-11-28T10:15:00Z' }),
                line({ _time: '2026-11-28T11:15:00.000+01:00' }),
            ].join('\n'),
            'a.jsonl'
        );
        expect(events.map((e) => e.time)).toEqual([1764324900, 1764324900.5, 1795860900, 1795860900]);
    });

    it('keeps extracted fields; arrays are multivalue, numbers become text, null is absent', () => {
        const [e] = parseEventsJsonl(line({ answer: ['1.2.3.4', '5.6.7.8'], bytes: 42, user: null, one: ['x'] }), 'a');
        expect(e?.fields.get('answer')).toEqual(['1.2.3.4', '5.6.7.8']);
        expect(e?.fields.get('bytes')).toBe('42');
        expect(e?.fields.get('one')).toBe('x');
        expect(e?.fields.has('user')).toBe(false);
    });

    it('skips blank lines and names file and line of a bad one', () => {
        const text = `${line({})}\n\n${line({ _time: 'yesterday' })}\n`;
        expect(() => parseEventsJsonl(text, 'events.jsonl')).toThrow(
            new EventLoadError('events.jsonl', 3, '"_time" must be epoch seconds or an ISO 8601 date-time')
        );
        expect(() => parseEventsJsonl('{not json', 'e.jsonl')).toThrow(/^e\.jsonl:1: invalid JSON/);
        expect(() => parseEventsJsonl(line({ index: '' }), 'e.jsonl')).toThrow(
            'e.jsonl:1: "index" must be a non-empty string'
        );
        expect(() => parseEventsJsonl(line({ nested: { a: 1 } }), 'e.jsonl')).toThrow(/field "nested"/);
        expect(() => parseEventsJsonl('[1]', 'e.jsonl')).toThrow('e.jsonl:1: expected a JSON object');
    });
});

describe('EventStore.load', () => {
    it('reads a file, or every .jsonl file of a folder, and sorts newest first', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'events-'));
        mkdirSync(join(dir, 'sub'));
        writeFileSync(join(dir, 'a.jsonl'), `${line({ _raw: 'old', _time: 100 })}\n`);
        writeFileSync(join(dir, 'sub', 'b.jsonl'), `${line({ _raw: 'new', _time: 200 })}\n`);
        writeFileSync(join(dir, 'notes.txt'), 'ignored');
        const store = await EventStore.load([dir]);
        expect(store.size).toBe(2);
        expect(store.event(0).raw).toBe('new');
        const single = await EventStore.load([join(dir, 'a.jsonl')]);
        expect(single.size).toBe(1);
    });

    it('names a missing path and a bad line with its file', async () => {
        await expect(EventStore.load(['/nonexistent/events.jsonl'])).rejects.toThrow(
            '/nonexistent/events.jsonl: no such file or folder'
        );
        const dir = mkdtempSync(join(tmpdir(), 'events-'));
        writeFileSync(join(dir, 'bad.jsonl'), `${line({})}\n${line({ _raw: 5 })}\n`);
        await expect(EventStore.load([dir])).rejects.toThrow(`${join(dir, 'bad.jsonl')}:2: "_raw" must be a string`);
    });
});
