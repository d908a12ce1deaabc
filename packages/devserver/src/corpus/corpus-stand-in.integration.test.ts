/**
 * The corpus through HTTP: the stand-in started with the corpus events (`--events`, written by the corpus's own
 * extractor), the app's searches run as real search jobs by the real `@splunk/search-job` code, through Splunk
 * Web's splunkd proxy with a browser session, as the investigation page runs them. A handful of counts must be the
 * corpus's, and the batched sightings must answer exactly as the search engine does in-process.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    internalHitsSearches,
    INTERNAL_HITS_BUCKET_FIELD,
    readSightings,
    sightingsSearch,
    type LocalSearchOptions,
    type SightingsSearch,
} from '@passivetotal/core';
import { runJob, usePageSearch } from '../integration/search-client';
import { REPO_ROOT } from '../integration/stand-in';
import { EventStore, parseMacrosConf, runSearch } from '../search';
import { corpusEventsJsonl, corpusIndicator, loadCorpus } from './corpus';
import { compareCounts, compareSighting, expectedLines, rowText, type ResultRow } from './corpus-checks';

const corpus = loadCorpus();
/** An hour after the newest corpus event: the jobs run over all of the corpus, whatever the date. */
const NOW = Math.ceil(Math.max(...corpus.lines.map((l) => l.event._time))) + 3600;
const TIME_RANGE = { earliest_time: '0', latest_time: String(NOW) };

/** One indicator of every type, in raw mode (thorough), each counted by the Internal hits aggregate. */
const RAW_HANDFUL = [
    '203.0.113.200',
    '2001:db8::53',
    'myevil.example',
    'https://cdn-update.test/dl/invoice.zip',
    'xjane@evil.example',
    '3ff9bdd463c14f725ee6094d6b95d985f402021d',
    'UA-48213377-1',
];

/** Indicators counted in CIM mode (tstats over the data models, joined with append). */
const CIM_HANDFUL = ['203.0.113.20', '2001:db8::53', 'cdn-update.test', '3ff9bdd463c14f725ee6094d6b95d985f402021d'];

let dir: string;
const page = usePageSearch(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'passivetotal-corpus-'));
    const events = path.join(dir, 'corpus-events.jsonl');
    await writeFile(events, corpusEventsJsonl(corpus.lines));
    return { events: [events] };
});

async function job(spl: string): Promise<readonly ResultRow[]> {
    const { progress, results } = await runJob(page.SearchJob, spl, TIME_RANGE);
    if (progress.isFailed) throw new Error(`The job of "${spl}" failed: ${JSON.stringify(progress.messages)}`);
    return results;
}

afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
});

describe('the corpus in the stand-in, through search jobs', () => {
    it.each(RAW_HANDFUL)(
        'raw mode: the Internal hits aggregate of %s counts the lines that contain it',
        async (value) => {
            const searches = internalHitsSearches(corpusIndicator(value));
            const rows = await job(searches.aggregate.spl);
            const expected = expectedLines(corpus.lines, value, 'raw');
            expect(expected.length).toBeGreaterThan(0);
            expect(compareCounts(expected, rows, INTERNAL_HITS_BUCKET_FIELD, `job raw thorough, ${value}`)).toEqual([]);
            const latest = await job(searches.latest.spl);
            expect(latest.map((r) => rowText(r, '_raw')).sort()).toEqual(expected.map((l) => l.event._raw).sort());
        }
    );

    it.each(CIM_HANDFUL)(
        'CIM mode: the Internal hits aggregate of %s counts the lines whose fields hold it',
        async (value) => {
            const searches = internalHitsSearches(corpusIndicator(value), { mode: 'cim' });
            expect(searches.mode).toBe('cim');
            const rows = await job(searches.aggregate.spl);
            const expected = expectedLines(corpus.lines, value, 'cim');
            expect(expected.length).toBeGreaterThan(0);
            expect(compareCounts(expected, rows, INTERNAL_HITS_BUCKET_FIELD, `job CIM, ${value}`)).toEqual([]);
        }
    );

    describe.each([
        ['raw thorough', {}],
        ['CIM', { mode: 'cim' }],
    ] as const)('the batched sightings of every corpus indicator, %s', (label, options: LocalSearchOptions) => {
        const macros = parseMacrosConf(readFileSync(path.join(REPO_ROOT, 'default/macros.conf'), 'utf8'));
        const store = EventStore.fromJson(
            corpus.lines.map((l) => l.event),
            'corpus'
        );
        let search: SightingsSearch;
        beforeAll(() => {
            const built = sightingsSearch(corpus.indicators.map(corpusIndicator), options);
            if (!built.ok) throw new Error(built.reason);
            search = built.value;
        });

        it('are what the search engine answers in-process, for every indicator', async () => {
            const overHttp = readSightings(search, await job(search.spl));
            const inProcess = readSightings(
                search,
                runSearch(store, search.spl, { macros, now: NOW, earliestTime: '0', latestTime: String(NOW) }).results
            );
            expect(overHttp).toEqual(inProcess);
            expect(overHttp.map((s) => s.indicator.value)).toEqual([...corpus.indicators]);
        });

        it('count the handful exactly as the corpus says', async () => {
            const sightings = new Map(readSightings(search, await job(search.spl)).map((s) => [s.indicator.value, s]));
            const values = options.mode === 'cim' ? CIM_HANDFUL : RAW_HANDFUL;
            const problems = values.flatMap((value) =>
                compareSighting(
                    expectedLines(corpus.lines, value, options.mode === 'cim' ? 'cim' : 'raw'),
                    sightings.get(value),
                    `job sightings ${label}, ${value}`
                )
            );
            expect(problems).toEqual([]);
        });
    });
});
