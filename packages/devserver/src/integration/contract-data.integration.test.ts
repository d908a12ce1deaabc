/**
 * `--events` and `--pt-fixtures`, the options users point at their own data: a stand-in started with a small
 * `.jsonl` file and a tiny replay folder searches only those events (ISO 8601 and epoch `_time`) and answers
 * PassiveTotal from that folder (the per-query file, then the path file, then the endpoint's empty shape); a bad
 * line is named.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localSearches, type PassiveTotalProvider } from '@passivetotal/core';
import { parsedIndicator as indicator } from '@passivetotal/core/testing';
import { startDevserver } from '../server';
import { runJob, usePageSearch } from './search-client';
import { devserverOptions } from './stand-in';

const NOW = Math.floor(Date.now() / 1000);
/** One event an hour ago with an ISO `_time`, one two hours ago with epoch seconds, one a week ago. */
const ISO_TIME = new Date((NOW - 3600) * 1000).toISOString();
const EPOCH_TIME = NOW - 7200;
const OLD_TIME = NOW - 8 * 86_400;
const EVENTS = [
    {
        _time: ISO_TIME,
        _raw: `${ISO_TIME} proxy GET http://contract-test.example/login from 10.9.8.7 to 192.0.2.55`,
        index: 'contract',
        sourcetype: 'contract:proxy',
        host: 'px1',
        source: 'contract.log',
        src: '10.9.8.7',
        dest: '192.0.2.55',
        url: 'http://contract-test.example/login',
    },
    {
        _time: EPOCH_TIME,
        _raw: `fw allow 10.9.8.8 -> 192.0.2.55 port 443`,
        index: 'contract',
        sourcetype: 'contract:fw',
        host: 'fw1',
        source: 'contract.log',
        src: '10.9.8.8',
        dest: '192.0.2.55',
    },
    {
        _time: OLD_TIME,
        _raw: `fw allow 10.9.8.9 -> 192.0.2.55 port 443 (last week)`,
        index: 'contract',
        sourcetype: 'contract:fw',
        host: 'fw1',
        source: 'contract.log',
    },
];

const LAST_DAY = { earliest_time: '-24h', latest_time: 'now' };

let dir: string;
let provider: PassiveTotalProvider;

async function writeJson(relative: string, value: unknown): Promise<void> {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(value));
}

/** Writes the events and the replay folder into a new temporary folder; the stand-in's options name them. */
async function writeContractData() {
    dir = await mkdtemp(path.join(tmpdir(), 'passivetotal-contract-'));
    await mkdir(path.join(dir, 'events'), { recursive: true });
    await writeFile(path.join(dir, 'events', 'contract.jsonl'), EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n');
    // Step 1: the per-query file.
    await writeJson('pt/contract-test.example/dns/passive.json', {
        queryValue: 'contract-test.example',
        queryType: 'domain',
        totalRecords: 1,
        firstSeen: '2026-01-01 00:00:00',
        lastSeen: '2026-01-02 00:00:00',
        pager: null,
        results: [
            {
                value: 'contract-test.example',
                resolve: '192.0.2.55',
                resolveType: 'ip',
                recordType: 'A',
                firstSeen: '2026-01-01 00:00:00',
                lastSeen: '2026-01-02 00:00:00',
                collected: '2026-01-02 01:00:00',
                source: ['contract'],
                recordHash: 'c0ffee',
            },
        ],
    });
    // Step 2: the path file, for any query without its own file.
    await writeJson('pt/dns/passive.json', {
        queryValue: 'any',
        queryType: 'domain',
        totalRecords: 1,
        firstSeen: '2025-05-05 00:00:00',
        lastSeen: '2025-05-06 00:00:00',
        pager: null,
        results: [
            {
                value: 'path-file.example',
                resolve: '198.51.100.99',
                resolveType: 'ip',
                recordType: 'A',
                firstSeen: '2025-05-05 00:00:00',
                lastSeen: '2025-05-06 00:00:00',
                collected: '2025-05-06 01:00:00',
                source: ['contract-path'],
                recordHash: 'beef',
            },
        ],
    });
    // An envelope: a recorded error answer.
    await writeJson('pt/limited.example/enrichment.json', {
        $replay: { status: 429 },
        body: { message: 'quota_exceeded: quota exceeded for operation search_api' },
    });
    return { events: [path.join(dir, 'events')], ptFixtures: path.join(dir, 'pt') };
}

const page = usePageSearch(writeContractData);

beforeAll(() => {
    provider = page.browser.ptProvider();
});

afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
});

describe('--events: the stand-in searches only the given events', () => {
    it('has exactly the file’s events, and none of the demo data', async () => {
        const all = await runJob(page.SearchJob, 'search index=* | stats count by index', {
            earliest_time: '0',
            latest_time: 'now',
        });
        expect(all.results).toEqual([{ index: 'contract', count: '3' }]);
        const demo = await runJob(page.SearchJob, 'search index=proxy OR index=dns OR 203.0.113.77', LAST_DAY);
        expect(demo.progress.eventCount).toBe(0);
    });

    it('reads ISO 8601 and epoch-seconds `_time` alike (the time range sees both, not last week’s)', async () => {
        const { results } = await runJob(
            page.SearchJob,
            'search index=contract | stats count min(_time) as first max(_time) as last',
            LAST_DAY
        );
        expect(results).toEqual([{ count: '2', first: String(EPOCH_TIME), last: String(NOW - 3600) }]);
    });

    it('the app’s own searches find the IP in both events and the domain in the proxy line only', async () => {
        const [ip] = localSearches(indicator('192.0.2.55'));
        expect((await runJob(page.SearchJob, ip?.spl ?? '', LAST_DAY)).progress.eventCount).toBe(2);
        const [domain] = localSearches(indicator('contract-test.example'));
        const found = await runJob(page.SearchJob, domain?.spl ?? '', LAST_DAY);
        expect(found.results.map((r) => r['sourcetype'])).toEqual(['contract:proxy']);
    });
});

describe('--pt-fixtures: PassiveTotal answers come from the folder', () => {
    it('uses the per-query file first', async () => {
        const result = await provider.fetch('resolutions', indicator('contract-test.example'));
        expect(result.ok && result.value.records.map((r) => [r.resolve, r.sources])).toEqual([
            ['192.0.2.55', ['contract']],
        ]);
    });

    it('then the path file for any other query', async () => {
        const result = await provider.fetch('resolutions', indicator('other-domain.example'));
        expect(result.ok && result.value.records.map((r) => r.resolve)).toEqual(['198.51.100.99']);
    });

    it('then the endpoint’s well-formed empty answer', async () => {
        const result = await provider.fetch('whois', indicator('contract-test.example'));
        expect(result).toMatchObject({ ok: true, value: { records: [] } });
        const enrichment = await provider.fetch('enrichment', indicator('contract-test.example'));
        expect(enrichment.ok).toBe(true);
    });

    it('replays an envelope’s status as the real API’s error', async () => {
        const result = await provider.fetch('enrichment', indicator('limited.example'));
        expect(result).toMatchObject({ ok: false, kind: 'quota', status: 429 });
    });
});

describe('a bad --events file', () => {
    it('stops the start with an error naming the file and the line', async () => {
        const bad = path.join(dir, 'bad.jsonl');
        await writeFile(bad, `${JSON.stringify(EVENTS[0])}\n{"_time": "yesterday", "_raw": "x"}\n`);
        await expect(startDevserver(devserverOptions({ events: [bad], unconfigured: true }))).rejects.toThrow(
            `${bad}:2: "_time" must be epoch seconds or an ISO 8601 date-time`
        );
        const broken = path.join(dir, 'broken.jsonl');
        await writeFile(broken, `${JSON.stringify(EVENTS[1])}\n\n{"_time": 1,\n`);
        await expect(startDevserver(devserverOptions({ events: [broken], unconfigured: true }))).rejects.toThrow(
            new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: invalid JSON`)
        );
    });
});
