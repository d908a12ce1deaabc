/**
 * The app's generated SPL (packages/core `localSearches`, `sightingsSearch`, `readSightings`) run as real search
 * jobs by the real `@splunk/search-job` code, through Splunk Web's splunkd proxy with a browser session, on the
 * stand-in's demo events. The counts are the ones the demo story promises (packages/devserver/demo/README.md).
 */
import { localSearches, readSightings, sightingsSearch, type LocalSearch, type SearchMode } from '@passivetotal/core';
import { parsedIndicator as indicator } from '@passivetotal/core/testing';
import { DEMO_STORY } from '../demo';
import { STORY_BY_DATA_MODEL, STORY_COUNTS, storyCounts, type StoryCount } from '../demo/story-counts';
import { pageConfig } from './page-globals';
import { APP_NAMESPACE, collect, runJob, usePageSearch } from './search-client';

/** The demo data spans three days; the story lies in the last 24 hours. */
const TIME_RANGE = { earliest_time: '-7d@h', latest_time: 'now' };

const page = usePageSearch();

function run(spl: string) {
    return runJob(page.SearchJob, spl, TIME_RANGE);
}

/** Events a local search finds: the event count of a raw search, the summed `count` of a tstats search. */
async function found(search: LocalSearch): Promise<number> {
    const { results } = await run(search.spl);
    if (search.mode === 'raw') return results.length;
    return results.reduce((sum, row) => sum + Number(row['count'] ?? 0), 0);
}

async function foundPerSearch(value: string, mode: 'raw' | 'cim', match?: 'thorough' | 'fast') {
    const searches = localSearches(indicator(value), { mode, ...(match ? { match } : {}) });
    const counts = await Promise.all(searches.map(found));
    return Object.fromEntries(searches.map((s, i) => [s.datamodel ?? s.id, counts[i]]));
}

describe('the page configuration the Splunk client code runs with', () => {
    it('is the stand-in’s $C: relative splunkd path through Splunk Web, the signed-in user and the port', async () => {
        const config = await pageConfig(page.browser);
        expect(config).toMatchObject({
            SPLUNKD_PATH: '/en-US/splunkd/__raw',
            USERNAME: 'admin',
            MRSPARKLE_PORT_NUMBER: page.browser.port,
        });
        const utils: { splunkdPath: unknown; getCSRFToken: () => string } = await import('@splunk/splunk-utils/config');
        expect(utils.splunkdPath).toBe('/en-US/splunkd/__raw');
        expect(utils.getCSRFToken()).toBe(page.browser.csrfToken);
    });
});

describe('local searches for the demo story through Splunk Web (raw mode)', () => {
    it('finds nothing for the phishing domain: it is in no local event', async () => {
        expect(await foundPerSearch(DEMO_STORY.phishingDomain, 'raw')).toEqual({ raw: 0 });
        expect(await foundPerSearch(DEMO_STORY.phishingDomain, 'raw', 'fast')).toEqual({ raw: 0 });
    });

    it('finds the IOC IP 203.0.113.77: 30 events thorough, 12 with TERM() (fast mode)', async () => {
        const [search] = localSearches(indicator(DEMO_STORY.iocIp), { match: 'fast' });
        const { progress, results } = await run(search?.spl ?? '');
        expect(progress).toMatchObject({ isDone: true, isFailed: false });
        expect(results).toHaveLength(12);
        expect(results.every((row) => String(row['_raw']).includes(DEMO_STORY.iocIp))).toBe(true);
        // TERM() finds the address only between major breakers: the DNS answers and the Zeek JSON.
        expect(new Set(results.map((row) => row['index']))).toEqual(new Set(['dns', 'zeek']));
        expect(await foundPerSearch(DEMO_STORY.iocIp, 'raw')).toEqual({ raw: 30 });
    });

    it('finds the visited sibling site, the sender domain and the certificate, and not the earlier IPs', async () => {
        expect(await foundPerSearch(DEMO_STORY.visitedSibling, 'raw')).toEqual({ raw: 15 });
        expect(await foundPerSearch(DEMO_STORY.visitedSibling, 'raw', 'fast')).toEqual({ raw: 11 });
        expect(await foundPerSearch(DEMO_STORY.senderDomain, 'raw')).toEqual({ raw: 6 });
        expect(await foundPerSearch(DEMO_STORY.sharedCertificateSha1, 'raw')).toEqual({ raw: 2 });
        expect(await foundPerSearch('collect.exfil-drop.test', 'raw')).toEqual({ raw: 4 });
        expect(await foundPerSearch(DEMO_STORY.earlierIps[0] ?? '', 'raw')).toEqual({ raw: 0 });
        expect(await foundPerSearch(DEMO_STORY.earlierIps[1] ?? '', 'raw')).toEqual({ raw: 0 });
    });
});

describe('local searches for the demo story through Splunk Web (CIM mode, tstats)', () => {
    // Each tstats search is scoped by `passivetotal_index`: without an index in its `where`, a search job's tstats
    // reads only the role's default indexes (admin: main, os), and the demo data lives in proxy, dns, firewall, ...
    it('finds the IOC IP in Network_Traffic 12, Web 7, DNS 2 and Certificates 2, in no e-mail or IDS alert', async () => {
        expect(await foundPerSearch(DEMO_STORY.iocIp, 'cim')).toEqual(STORY_BY_DATA_MODEL.iocIp);
    });

    it('finds the sibling site in Web 7, DNS 4 and Certificates 2', async () => {
        expect(await foundPerSearch(DEMO_STORY.visitedSibling, 'cim')).toEqual(STORY_BY_DATA_MODEL.visitedSibling);
    });

    it('finds the phishing domain in no data model', async () => {
        const counts = await foundPerSearch(DEMO_STORY.phishingDomain, 'cim');
        expect(Object.keys(counts).length).toBeGreaterThan(0);
        expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    });
});

/**
 * Counts every pivot candidate of the story with one sightings search job (checked: exactly one job started), and
 * the counts by value; the shared CDN address is background traffic, any number.
 */
async function storySightings(mode: SearchMode) {
    const search = sightingsSearch(Object.keys(STORY_COUNTS).map(indicator), { mode });
    if (!search.ok) throw new Error(search.reason);
    const before = page.server.splunkd.stats().jobs.started;
    const { results } = await run(search.value.spl);
    expect(page.server.splunkd.stats().jobs.started).toBe(before + 1);
    const sightings = readSightings(search.value, results);
    const counts = Object.fromEntries(sightings.map((s) => [s.indicator.value, s.count]));
    return { sightings, counts };
}

/** The story's counts in a mode, the shared CDN address any number. */
const storyExpectation = (mode: keyof StoryCount) => ({
    ...storyCounts(mode),
    [DEMO_STORY.sharedCdnIp]: expect.any(Number) as unknown,
});

describe('the batched sightings search', () => {
    it('counts every pivot candidate in one search job, as the demo story says', async () => {
        const { sightings, counts } = await storySightings('raw');
        expect(counts).toEqual(storyExpectation('thorough'));
        // The shared CDN address: "hundreds" of sightings that mean nothing.
        expect(counts[DEMO_STORY.sharedCdnIp]).toBeGreaterThanOrEqual(100);

        const ioc = sightings.find((s) => s.indicator.value === DEMO_STORY.iocIp);
        expect(ioc?.indexes).toEqual(['dns', 'firewall', 'netfw', 'proxy', 'zeek']);
        expect(ioc?.sourcetypes).toEqual([
            'MSAD:NT6:DNS',
            'bluecoat:proxysg:access:kv',
            'bro:conn:json',
            'bro:http:json',
            'bro:ssl:json',
            'cef',
            'fortigate_traffic',
        ]);
        expect(ioc?.firstSeen).toBeLessThanOrEqual(ioc?.lastSeen ?? 0);
        const nowSeconds = Date.now() / 1000;
        expect(ioc?.firstSeen).toBeGreaterThan(nowSeconds - 24 * 3600);
        const unseen = sightings.find((s) => s.indicator.value === DEMO_STORY.phishingDomain);
        expect(unseen).toMatchObject({ count: 0, indexes: [], sourcetypes: [] });
    });
});

describe('the batched sightings search in CIM mode', () => {
    it('counts the candidates in the data models with one search job (tstats legs joined with append)', async () => {
        const { counts } = await storySightings('cim');
        expect(counts).toEqual(storyExpectation('cim'));
    });
});

describe('search job errors as the page sees them', () => {
    it('a job the server does not know fails with "not found"', async () => {
        await expect(collect(page.SearchJob.fromSid('no-such-sid').getProgress())).rejects.toThrow(
            'Search no-such-sid not found'
        );
    });

    it('SPL outside the stand-in’s subset fails with Splunk’s error text, and no job runs', async () => {
        const before = page.server.splunkd.stats().jobs;
        const job = page.SearchJob.create({ search: 'search index=* | transaction x', ...TIME_RANGE }, APP_NAMESPACE);
        await expect(collect(job.getProgress())).rejects.toThrow("Unknown search command 'transaction'.");
        expect(page.server.splunkd.stats().jobs.rejected).toBe(before.rejected + 1);
        expect(page.server.splunkd.stats().jobs.started).toBe(before.started);
    });

    it('cancel() ends a job; polling it afterwards fails with "not found"', async () => {
        const job = page.SearchJob.create(
            { search: 'search index=* | stats count by index', ...TIME_RANGE },
            APP_NAMESPACE
        );
        const sid = await job.getSid().toPromise();
        const cancelledBefore = page.server.splunkd.stats().jobs.cancelled;
        await job.cancel().toPromise();
        expect(page.server.splunkd.stats().jobs.cancelled).toBe(cancelledBefore + 1);
        await expect(collect(page.SearchJob.fromSid(sid).getProgress())).rejects.toThrow(`Search ${sid} not found`);
    });

    it('creates jobs through Splunk Web with the CSRF token the page can read; without it Splunk Web refuses', async () => {
        const creates = page.browser.received.filter((r) => r.method === 'POST' && r.url.endsWith('/search/jobs'));
        expect(creates.length).toBeGreaterThan(0);
        expect(
            creates.every((r) => r.url.startsWith(`${page.server.webUrl}/en-US/splunkd/__raw/servicesNS/admin/`))
        ).toBe(true);
        const g = globalThis as unknown as { document: unknown };
        const pageDocument = g.document;
        g.document = { cookie: '' };
        try {
            const job = page.SearchJob.create({ search: 'search index=proxy', ...TIME_RANGE }, APP_NAMESPACE);
            await expect(job.getSid().toPromise()).rejects.toThrow(
                'Splunk cannot authenticate the request. CSRF validation failed.'
            );
        } finally {
            g.document = pageDocument;
        }
    });
});
