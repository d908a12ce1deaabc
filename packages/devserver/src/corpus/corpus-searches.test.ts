/**
 * The corpus run through the app's real searches (packages/core `internalHitsSearches`, `sightingsSearch`) on the
 * stand-in's search engine, with the app's own `default/macros.conf`: for every indicator the corpus names, every
 * search must count exactly the lines that list it (`contains` for raw events, `cim` for the CIM data models), no
 * more, no fewer. The fast mode's misses are recorded per format.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    internalHitsSearches,
    INTERNAL_HITS_BUCKET_FIELD,
    INTERNAL_HITS_MAX_EVENTS,
    readSightings,
    sightingsSearch,
    type LocalSearchOptions,
    type Sighting,
} from '@passivetotal/core';
import { EventStore, parseMacrosConf, runSearch } from '../search';
import { corpusIndicator, lineLabel, loadCorpus, type CorpusLine } from './corpus';
import {
    compareCounts,
    compareEvents,
    compareSighting,
    expectedLines,
    rowNumber,
    rowText,
    type ResultRow,
} from './corpus-checks';

/** The repository root, where the app's `default/macros.conf` is. */
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const corpus = loadCorpus();
const store = EventStore.fromJson(
    corpus.lines.map((l) => l.event),
    'corpus'
);
const macros = parseMacrosConf(readFileSync(path.join(REPO_ROOT, 'default/macros.conf'), 'utf8'));
/** An hour after the newest corpus event. */
const NOW = Math.ceil(Math.max(...corpus.lines.map((l) => l.event._time))) + 3600;
const INDICATORS = corpus.indicators;

function run(spl: string): readonly ResultRow[] {
    return runSearch(store, spl, { macros, now: NOW, earliestTime: '0', latestTime: 'now' }).results;
}

/** The sightings of every corpus indicator, counted by one search as an investigation counts its pivots. */
function sightingsOfAll(options: LocalSearchOptions): Map<string, Sighting> {
    const built = sightingsSearch(INDICATORS.map(corpusIndicator), options);
    if (!built.ok) throw new Error(built.reason);
    const sightings = readSightings(built.value, run(built.value.spl));
    return new Map(sightings.map((s) => [s.indicator.value, s]));
}

/** The lines the fast mode's latest-events search finds for each indicator. */
function fastFinds(value: string): CorpusLine[] {
    const found = new Set(
        run(internalHitsSearches(corpusIndicator(value), { match: 'fast' }).latest.spl).map((r) => rowText(r, '_raw'))
    );
    return corpus.lines.filter((l) => found.has(l.event._raw));
}

/** How the events a latest-events search lists differ from the lines that contain the value. */
function latestEventsProblems(spl: string, expected: ReturnType<typeof expectedLines>, what: string): string[] {
    const listed = run(spl).map((r) => rowText(r, '_raw'));
    return compareEvents(corpus.lines, expected, listed, `${what}, latest events`);
}

describe('the corpus as the searches see it', () => {
    it('loads every line, and no indicator is in more lines than the latest-events search lists', () => {
        expect(store.size).toBe(corpus.lines.length);
        const tooMany = INDICATORS.filter(
            (value) => expectedLines(corpus.lines, value, 'raw').length > INTERNAL_HITS_MAX_EVENTS
        );
        expect(tooMany).toEqual([]);
    });
});

describe('raw mode, thorough (the default): the Internal hits searches', () => {
    it.each(INDICATORS)('%s: the aggregate and the latest events are exactly the lines that contain it', (value) => {
        const searches = internalHitsSearches(corpusIndicator(value));
        expect(searches.mode).toBe('raw');
        const expected = expectedLines(corpus.lines, value, 'raw');
        const what = `raw thorough, ${value}`;
        const problems = [
            ...compareCounts(expected, run(searches.aggregate.spl), INTERNAL_HITS_BUCKET_FIELD, `${what}, aggregate`),
            ...latestEventsProblems(searches.latest.spl, expected, what),
        ];
        expect(problems).toEqual([]);
    });
});

describe('raw mode, thorough: the batched sightings search', () => {
    let sightings: Map<string, Sighting>;
    beforeAll(() => {
        sightings = sightingsOfAll({});
    });

    it('counts every indicator of the corpus in one search', () => {
        expect([...sightings.keys()].sort()).toEqual([...INDICATORS]);
    });

    it.each(INDICATORS)('%s: the count, first and last seen of the lines that contain it', (value) => {
        const expected = expectedLines(corpus.lines, value, 'raw');
        expect(compareSighting(expected, sightings.get(value), `sightings raw thorough, ${value}`)).toEqual([]);
    });
});

describe('CIM mode: the Internal hits searches', () => {
    it.each(INDICATORS)('%s: the aggregate counts exactly the lines whose CIM fields hold it', (value) => {
        const indicator = corpusIndicator(value);
        const searches = internalHitsSearches(indicator, { mode: 'cim' });
        const expected = expectedLines(corpus.lines, value, 'cim');
        const what = `CIM (${searches.mode}), ${value}`;
        const rows = run(searches.aggregate.spl);
        const problems = compareCounts(expected, rows, INTERNAL_HITS_BUCKET_FIELD, `${what}, aggregate`);
        if (searches.mode === 'cim') {
            const listed = run(searches.latest.spl).reduce((sum, r) => sum + (rowNumber(r, 'count') ?? 0), 0);
            if (listed !== expected.length) {
                problems.push(
                    `${what}, data model rows: expected ${String(expected.length)} events, got ${String(listed)}`
                );
            }
        } else {
            problems.push(...latestEventsProblems(searches.latest.spl, expected, what));
        }
        expect(problems).toEqual([]);
    });
});

describe('CIM mode: the batched sightings search', () => {
    let sightings: Map<string, Sighting>;
    beforeAll(() => {
        sightings = sightingsOfAll({ mode: 'cim' });
    });

    it.each(INDICATORS)('%s: the count, first and last seen of the lines whose CIM fields hold it', (value) => {
        const expected = expectedLines(corpus.lines, value, 'cim');
        expect(compareSighting(expected, sightings.get(value), `sightings CIM, ${value}`)).toEqual([]);
    });
});

/**
 * The positives the fast mode (`TERM()` only) misses, per format: `line: indicator`. The lexicon holds a value as one
 * term only between major breakers (spaces, commas, quotes, brackets), so values joined to other text by `=`, `:`,
 * `/`, `#`, `(` … `)` of the same term, or a trailing `.port`, are missed.
 */
const FAST_MODE_MISSES: Readonly<Record<string, readonly string[]>> = {
    'bind-query': ['1: 10.20.30.40', '2: 2001:db8:a0b:12f0::1', '4: 10.20.30.40', '5: 10.20.30.40'],
    'bluecoat-proxysg': [
        '2: evil.example',
        '2: h.nguyen@northwind.example',
        '2: http://evil.example/gate.php',
        '6: UA-48213377-1',
    ],
    cef: [
        '1: 10.20.30.40',
        '1: 203.0.113.20',
        '4: 10.20.30.40',
        '4: 203.0.113.200',
        '5: 2001:db8::53',
        '5: 2001:db8:a0b:12f0::1',
    ],
    'cisco-asa': [
        '1: 10.20.30.40',
        '1: 203.0.113.20',
        '2: 10.20.30.40',
        '2: 203.0.113.20',
        '3: 203.0.113.200',
        '4: 2001:db8::53',
        '4: 2001:db8:a0b:12f0::1',
        '5: 198.51.100.7',
    ],
    fortigate: [
        '1: 10.20.30.40',
        '1: 203.0.113.20',
        '2: 2001:db8::53',
        '2: 2001:db8:a0b:12f0::1',
        '3: 203.0.113.200',
        '4: 10.20.30.40',
        '4: 203.0.113.20',
        '5: 10.20.30.40',
        '5: 203.0.113.20',
    ],
    infoblox: ['1: 10.20.30.40', '2: 10.20.30.40', '3: 2001:db8:a0b:12f0::1', '5: 10.20.30.40'],
    'ipv6-notations': ['2: 2001:db8::53', '2: 2001:db8:a0b:12f0::1', '5: 2001:db8::53', '5: 2001:db8:a0b:12f0::1'],
    leef: [
        '1: h.nguyen@northwind.example',
        '1: jane@evil.example',
        '2: 198.51.100.7',
        '2: h.nguyen@northwind.example',
        '2: xjane@evil.example',
        '3: 10.20.30.40',
        '3: 203.0.113.20',
        '4: 2001:db8:a0b:12f0::1',
    ],
    'mail-headers': ['1: 2001:db8::53', '3: h.nguyen@northwind.example', '3: UA-48213377-1'],
    'openssl-x509': ['1: 3ff9bdd463c14f725ee6094d6b95d985f402021d'],
    'pan-os': ['5: UA-48213377-12'],
    'pflog-tcpdump': ['1: 10.20.30.40', '1: 198.51.100.7', '2: 2001:db8::53', '2: 2001:db8:a0b:12f0::1'],
    postfix: ['6: jane@evil.example'],
    sendmail: ['3: 2001:db8::53'],
    squid: ['1: 203.0.113.20', '2: 198.51.100.7', '3: 2001:db8::53'],
    'suricata-eve': ['4: 3ff9bdd463c14f725ee6094d6b95d985f402021d'],
    'sysmon-dns': ['1: 203.0.113.20', '3: 203.0.113.200', '4: 198.51.100.7'],
    'windows-dns-debug': [
        '1: evil.example',
        '2: evil.example',
        '3: evil.example',
        '4: myevil.example',
        '6: cdn-update.test',
    ],
    'windows-security': ['1: 203.0.113.20'],
    'zscaler-nss-web': [
        '1: 10.20.30.40',
        '1: 203.0.113.20',
        '1: h.nguyen@northwind.example',
        '2: 10.20.30.40',
        '2: 198.51.100.7',
        '2: h.nguyen@northwind.example',
        '3: 10.20.30.40',
        '3: h.nguyen@northwind.example',
        '3: UA-48213377-1',
        '4: 203.0.113.200',
        '5: 10.20.30.40',
        '5: 203.0.113.20',
        '5: h.nguyen@northwind.example',
    ],
};

describe('raw mode, fast (TERM() only)', () => {
    const finds = new Map<string, CorpusLine[]>();
    beforeAll(() => {
        for (const value of INDICATORS) finds.set(value, fastFinds(value));
    });

    it('never finds a line that does not contain the indicator', () => {
        const wrong = INDICATORS.flatMap((value) => {
            const expected = expectedLines(corpus.lines, value, 'raw');
            return (finds.get(value) ?? [])
                .filter((l) => !expected.includes(l))
                .map((l) => `raw fast, ${value}: ${lineLabel(l)} found but the line does not list it`);
        });
        expect(wrong).toEqual([]);
    });

    it('misses exactly the recorded positives, per format', () => {
        const misses: Record<string, string[]> = {};
        for (const value of INDICATORS) {
            const found = finds.get(value) ?? [];
            for (const l of expectedLines(corpus.lines, value, 'raw')) {
                if (!found.includes(l)) (misses[l.format] ??= []).push(`${String(l.line)}: ${value}`);
            }
        }
        for (const list of Object.values(misses)) list.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        expect(misses).toEqual(FAST_MODE_MISSES);
    });

    it('counts in the aggregate what the latest events list', () => {
        const problems = INDICATORS.flatMap((value) => {
            const aggregate = internalHitsSearches(corpusIndicator(value), { match: 'fast' }).aggregate.spl;
            const found = finds.get(value) ?? [];
            return compareCounts(found, run(aggregate), INTERNAL_HITS_BUCKET_FIELD, `raw fast, ${value}, aggregate`);
        });
        expect(problems).toEqual([]);
    });

    it('counts in the batched sightings what the Internal hits searches list', () => {
        const sightings = sightingsOfAll({ match: 'fast' });
        const problems = INDICATORS.flatMap((value) =>
            compareSighting(finds.get(value) ?? [], sightings.get(value), `sightings raw fast, ${value}`)
        );
        expect(problems).toEqual([]);
    });
});
