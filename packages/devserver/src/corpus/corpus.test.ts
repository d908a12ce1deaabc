/**
 * The corpus loader: the repository's corpus is valid, and every rule of the line format is enforced with a message
 * that names the file and the line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INDICATOR_TYPES } from '@passivetotal/core';
import { EventStore, parseEventsJsonl } from '../search';
import {
    CorpusError,
    corpusEventsJsonl,
    corpusIndicator,
    corpusIndicators,
    corpusUnreservedNames,
    loadCorpus,
    parseCorpusLine,
    parseCorpusText,
} from './corpus';

const corpus = loadCorpus();

/** A valid line, changed by `change`. */
function line(change: (l: Record<string, unknown>, event: Record<string, unknown>) => void = () => undefined) {
    const event: Record<string, unknown> = {
        _time: 1795170729,
        _raw: 'srcip=10.20.30.40 dstip=203.0.113.20 hostname="cdn.evil.example"',
        index: 'netfw',
        sourcetype: 'fortigate_traffic',
        host: 'fgt-core01',
        source: 'udp:514',
        tag: ['network', 'communicate'],
        src: '10.20.30.40',
        dest: '203.0.113.20',
        dest_port: 443,
    };
    const l: Record<string, unknown> = {
        event,
        contains: ['10.20.30.40', '203.0.113.20', 'evil.example'],
        cim: ['10.20.30.40', '203.0.113.20'],
        near: ['203.0.113.200'],
        note: 'a note',
    };
    change(l, event);
    return l;
}

function rejection(value: unknown): string {
    try {
        parseCorpusLine(value, 'fortigate.jsonl', 7);
    } catch (error) {
        if (error instanceof CorpusError) return error.message;
        throw error;
    }
    return 'accepted';
}

describe('the repository corpus', () => {
    it('has at least 20 formats, each with lines and with near misses', () => {
        expect(corpus.formats.length).toBeGreaterThanOrEqual(20);
        for (const f of corpus.formats) {
            expect(f.lines.length).toBeGreaterThan(0);
            expect({ format: f.name, nearMisses: f.lines.some((l) => l.near.length > 0) }).toEqual({
                format: f.name,
                nearMisses: true,
            });
        }
    });

    it('names one small set of indicators, of every type, that recur across formats', () => {
        expect(corpus.indicators.length).toBeLessThan(30);
        expect(new Set(corpus.indicators.map((v) => corpusIndicator(v).type))).toEqual(new Set(INDICATOR_TYPES));
        const formatsOf = (v: string) =>
            new Set(corpus.lines.filter((l) => l.contains.includes(v)).map((l) => l.format));
        expect(formatsOf('203.0.113.20').size).toBeGreaterThanOrEqual(10);
        expect(formatsOf('evil.example').size).toBeGreaterThanOrEqual(10);
        expect(formatsOf('2001:db8::53').size).toBeGreaterThanOrEqual(10);
    });

    it('loads into the stand-in through its --events format', () => {
        const text = corpusEventsJsonl(corpus.lines);
        const records = parseEventsJsonl(text, 'corpus-events.jsonl');
        expect(records).toHaveLength(corpus.lines.length);
        expect(records.map((r) => r.raw)).toEqual(corpus.lines.map((l) => l.event._raw));
        expect(records.map((r) => r.time)).toEqual(corpus.lines.map((l) => l.event._time));
        expect(EventStore.fromRecords(records).size).toBe(corpus.lines.length);
    });

    it('lists its indicators as the union of every line’s values', () => {
        expect(corpusIndicators(corpus.lines)).toEqual(corpus.indicators);
        expect(corpusIndicators([])).toEqual([]);
    });
});

describe('a corpus line', () => {
    it('is read with its format, line number, event and values', () => {
        const parsed = parseCorpusLine(line(), 'packages/devserver/corpus/fortigate.jsonl', 3);
        expect(parsed).toMatchObject({
            format: 'fortigate',
            line: 3,
            contains: ['10.20.30.40', '203.0.113.20', 'evil.example'],
            cim: ['10.20.30.40', '203.0.113.20'],
            near: ['203.0.113.200'],
            note: 'a note',
        });
        expect(parsed.event).toMatchObject({ _time: 1795170729, sourcetype: 'fortigate_traffic', dest_port: 443 });
        expect(parsed.event['tag']).toEqual(['network', 'communicate']);
        const withoutNote = parseCorpusLine(
            line((l) => delete l['note']),
            'x.jsonl',
            1
        );
        expect('note' in withoutNote).toBe(false);
    });

    it.each([
        ['not an object', ['x'], 'fortigate.jsonl:7: expected a JSON object'],
        ['an unknown key', line((l) => (l['expect'] = [])), 'unknown key "expect"'],
        ['no cim', line((l) => delete l['cim']), '"cim" is missing'],
        ['an ISO _time', line((_, e) => (e['_time'] = '2026-11-20T10:32:09Z')), '"event._time" must be epoch seconds'],
        ['an empty _raw', line((_, e) => (e['_raw'] = '')), '"event._raw" must be a non-empty string'],
        ['no sourcetype', line((_, e) => delete e['sourcetype']), '"event.sourcetype" must be a non-empty string'],
        ['a null field', line((_, e) => (e['dest_ip'] = null)), '"event.dest_ip" must be a string, number'],
        ['an empty array field', line((_, e) => (e['tag'] = [])), '"event.tag" must be a string, number'],
        ['an object field', line((_, e) => (e['x'] = { a: 1 })), '"event.x" must be a string, number'],
        ['no event', line((l) => (l['event'] = 'x')), '"event" must be an object'],
        ['contains not a list', line((l) => (l['contains'] = 'evil.example')), '"contains" must be an array'],
        ['a number in near', line((l) => (l['near'] = [1])), '"near" must hold strings'],
        [
            'an upper-case domain',
            line((l) => (l['contains'] = ['EVIL.example'])),
            '"contains": EVIL.example is not normalised; parseIndicator gives evil.example',
        ],
        [
            'an expanded IPv6 address',
            line((l) => (l['near'] = ['2001:0db8:0000:0000:0000:0000:0000:0053'])),
            'parseIndicator gives 2001:db8::53',
        ],
        [
            'an upper-case SHA-1 with colons',
            line((l) => (l['cim'] = ['3F:F9:BD:D4:63:C1:4F:72:5E:E6:09:4D:6B:95:D9:85:F4:02:02:1D'])),
            'parseIndicator gives 3ff9bdd463c14f725ee6094d6b95d985f402021d',
        ],
        ['a lower-case tracker id', line((l) => (l['near'] = ['ua-48213377-1'])), 'parseIndicator gives UA-48213377-1'],
        ['no indicator', line((l) => (l['near'] = ['hello world'])), '"near": hello world is not an indicator'],
        ['a value twice', line((l) => (l['near'] = ['myevil.example', 'myevil.example'])), 'is listed twice'],
        [
            'a value in contains and near',
            line((l) => (l['near'] = ['evil.example'])),
            'evil.example cannot be in both "contains" and "near"',
        ],
        ['a tracker id in cim', line((l) => (l['cim'] = ['UA-48213377-1'])), '"cim": UA-48213377-1 has no CIM field'],
        ['cim values without tags', line((_, e) => delete e['tag']), 'needs its "tag" field'],
        [
            'a public address',
            line((_, e) => (e['_raw'] = 'srcip=10.20.30.40 dstip=8.8.8.8')),
            'names or addresses that are not reserved: 8.8.8.8',
        ],
        [
            'a public name in a field',
            line((_, e) => (e['dest'] = 'evil.com')),
            'names or addresses that are not reserved: evil.com',
        ],
        [
            'example.com',
            line((_, e) => (e['_raw'] = 'GET http://www.example.com/ 200')),
            'not reserved: www.example.com',
        ],
        ['a public IPv6 address', line((_, e) => (e['_raw'] = 'src=2606:4700::1111')), 'not reserved: 2606:4700::1111'],
        ['a public indicator', line((l) => (l['near'] = ['evil.net'])), 'not reserved: evil.net'],
    ])('is refused with %s', (_, value, message) => {
        expect(rejection(value)).toContain(message);
    });

    it('may hold reserved names in every notation, file names and percent-encoded URLs', () => {
        const raw =
            'SRC=2001:0db8:0000:0000:0000:0000:0000:0053 url=evil.example/dl/invoice.zip ' +
            'q=http%3A%2F%2Fevil.example%2Fgate.php%3Fid%3D7 image=C:\\Windows\\System32\\chrome.exe user=h.nguyen';
        expect(corpusUnreservedNames(raw)).toEqual([]);
        expect(rejection(line((_, e) => (e['_raw'] = raw)))).toBe('accepted');
        expect(corpusUnreservedNames("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>")).toEqual(
            []
        );
        expect(corpusUnreservedNames('q=http%3A%2F%2Fevil.org%2F')).toEqual(['evil.org']);
        expect(corpusUnreservedNames('mail.example.net and example.org.')).toEqual(['mail.example.net', 'example.org']);
    });
});

describe('a corpus file', () => {
    it('skips blank lines and names the line of bad JSON', () => {
        const text = `\n${JSON.stringify(line())}\n\n{"event": \n`;
        expect(() => parseCorpusText(text, 'fortigate.jsonl')).toThrow(/^fortigate\.jsonl:4: invalid JSON/);
        expect(parseCorpusText(`\n${JSON.stringify(line())}\n\n`, 'fortigate.jsonl').map((l) => l.line)).toEqual([2]);
    });

    describe('in a folder', () => {
        let dir: string;
        beforeEach(() => {
            dir = mkdtempSync(path.join(tmpdir(), 'corpus-'));
        });
        afterEach(() => rmSync(dir, { recursive: true, force: true }));

        it('is read in name order, ignoring other files', () => {
            writeFileSync(path.join(dir, 'b.jsonl'), `${JSON.stringify(line())}\n`);
            writeFileSync(
                path.join(dir, 'a.jsonl'),
                `${JSON.stringify(line((_, e) => (e['_raw'] = 'dst=203.0.113.20 other')))}\n`
            );
            writeFileSync(path.join(dir, 'README.md'), '# not a format\n');
            const loaded = loadCorpus(dir);
            expect(loaded.formats.map((f) => f.name)).toEqual(['a', 'b']);
            expect(loaded.lines).toHaveLength(2);
            expect(loaded.indicators).toEqual(['10.20.30.40', '203.0.113.20', '203.0.113.200', 'evil.example']);
        });

        it('may not repeat a _raw of another line', () => {
            writeFileSync(path.join(dir, 'a.jsonl'), `${JSON.stringify(line())}\n`);
            writeFileSync(path.join(dir, 'b.jsonl'), `${JSON.stringify(line())}\n`);
            expect(() => loadCorpus(dir)).toThrow(/b\.jsonl:1: the same _raw as a\.jsonl:1$/);
        });

        it('may be neither empty nor missing', () => {
            expect(() => loadCorpus(dir)).toThrow(/no \.jsonl files/);
            writeFileSync(path.join(dir, 'a.jsonl'), '\n');
            expect(() => loadCorpus(dir)).toThrow(/a\.jsonl: the file has no lines/);
        });
    });
});
