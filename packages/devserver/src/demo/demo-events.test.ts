/**
 * The demo events and the story they tell together with the PassiveTotal demo fixtures, proved with the app's
 * own SPL (packages/core `localSearches`, `sightingsSearch`) run on the stand-in's search engine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    DEFAULT_MACRO_DEFINITIONS,
    localSearches,
    mapPassiveDns,
    mapWhoisSearch,
    parseIndicator,
    readSightings,
    sightingsSearch,
    type Indicator,
    type LocalSearchOptions,
} from '@passivetotal/core';
import { EventStore, parseMacrosConf, parseEventsJsonl, runSearch, type MacroTable } from '../search';
import { demoEventsToJsonl, writeDemoEventsJsonl } from './events-jsonl';
import {
    DEMO_INDEXES,
    DEMO_PT_FIXTURES_DIR,
    DEMO_STORY,
    generateDemoEvents,
    storyStart,
    STORY_OFFSETS,
    type DemoEvent,
} from './index';
import { unreservedNames } from './reserved-names';

/** Saturday 2026-11-28 10:15:30 UTC. */
const NOW_MS = Date.UTC(2026, 10, 28, 10, 15, 30);
const NOW = NOW_MS / 1000;
const events = generateDemoEvents({ now: NOW_MS });
const store = EventStore.fromJson(events, 'demo');

const MACROS: MacroTable = parseMacrosConf(
    '[passivetotal_index]\ndefinition = index=*\n\n[passivetotal_summariesonly]\ndefinition = summariesonly=true\n'
);
const SHIPPED_MACROS: MacroTable = parseMacrosConf(
    Object.entries(DEFAULT_MACRO_DEFINITIONS)
        .map(([name, definition]) => `[${name}]\ndefinition = ${definition}\n`)
        .join('\n')
);

function indicator(value: string): Indicator {
    const r = parseIndicator(value);
    if (!r.ok) throw new Error(`${value}: ${r.reason}`);
    return r.value;
}

function fixture(relative: string): unknown {
    return JSON.parse(readFileSync(path.join(DEMO_PT_FIXTURES_DIR, relative), 'utf8'));
}

const run = (spl: string, macros: MacroTable = MACROS) =>
    runSearch(store, spl, { macros, now: NOW, earliestTime: '-7d@h', latestTime: 'now' });

/** Events found by the raw (or CIM) local searches for a value. */
function localCount(value: string, options: LocalSearchOptions = {}, macros: MacroTable = MACROS): number {
    return localSearches(indicator(value), options)
        .map((s) => {
            const outcome = run(s.spl, macros);
            return s.mode === 'raw'
                ? outcome.results.length
                : outcome.results.reduce((sum, row) => sum + Number(row['count'] ?? 0), 0);
        })
        .reduce((a, b) => a + b, 0);
}

const { phishingDomain, iocIp } = DEMO_STORY;

describe('demo events', () => {
    it('are a few thousand events of the documented indexes and sourcetypes, inside the window', () => {
        expect(events.length).toBeGreaterThan(2500);
        expect(events.length).toBeLessThan(4500);
        expect([...new Set(events.map((e) => e.index))].sort()).toEqual([...DEMO_INDEXES].sort());
        expect([...new Set(events.map((e) => e.sourcetype))].sort()).toEqual([
            'bluecoat:proxysg:access:file',
            'bro:ssl:json',
            'fortigate_traffic',
            'infoblox:dns',
            'ms:o365:reporting:messagetrace',
            'pan:traffic',
        ]);
        for (const e of events) {
            expect(e._time).toBeGreaterThanOrEqual(NOW - 3 * 86_400);
            expect(e._time).toBeLessThan(NOW);
        }
        expect(events.map((e) => e._time)).toEqual([...events.map((e) => e._time)].sort((a, b) => a - b));
    });

    it('come from about 50 internal hosts', () => {
        const clients = new Set(events.filter((e) => e.index === 'proxy').map((e) => String(e['src'])));
        expect(clients.size).toBeGreaterThan(40);
        expect(clients.size).toBeLessThanOrEqual(50);
        for (const c of clients) expect(c).toMatch(/^10\./);
    });

    it('load into the stand-in from their .jsonl text', () => {
        const records = parseEventsJsonl(demoEventsToJsonl(events), 'demo.jsonl');
        expect(records).toHaveLength(events.length);
    });

    it('are written as a .jsonl file the stand-in loads', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'demo-events-'));
        try {
            const file = path.join(dir, 'nested', 'events.jsonl');
            await writeDemoEventsJsonl(file, events);
            const loaded = await EventStore.load([path.join(dir, 'nested')]);
            expect(loaded.size).toBe(events.length);
            expect(loaded.indexNames()).toEqual([...DEMO_INDEXES].sort());
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('are deterministic for the same seed and now, and differ for another seed', () => {
        const again = generateDemoEvents({ now: new Date(NOW_MS) });
        expect(demoEventsToJsonl(again)).toBe(demoEventsToJsonl(events));
        expect(demoEventsToJsonl(generateDemoEvents({ now: NOW }))).toBe(demoEventsToJsonl(events));
        const other = generateDemoEvents({ now: NOW_MS, seed: 7 });
        expect(demoEventsToJsonl(other)).not.toBe(demoEventsToJsonl(events));
        // The story is the same whatever the seed.
        const story = (list: readonly DemoEvent[]) => list.filter((e) => e._raw.includes(iocIp)).map((e) => e._time);
        expect(story(other)).toEqual(story(events));
    });

    it('move with now', () => {
        const later = generateDemoEvents({ now: NOW_MS + 86_400_000 });
        const first = (list: readonly DemoEvent[]) => list.find((e) => e._raw.includes(iocIp))?._time ?? 0;
        expect(first(later) - first(events)).toBe(86_400);
    });

    it('scale the background, not the story', () => {
        const small = generateDemoEvents({ now: NOW_MS, scale: 0.2 });
        const big = generateDemoEvents({ now: NOW_MS, scale: 3, days: 1 });
        expect(small.length).toBeLessThan(events.length / 3);
        expect(big.length).toBeGreaterThan(2500);
        const storyCount = (list: readonly DemoEvent[]) => list.filter((e) => e._raw.includes(iocIp)).length;
        expect(storyCount(small)).toBe(storyCount(events));
        expect(storyCount(big)).toBe(storyCount(events));
        expect(new Set(big.filter((e) => e.index === 'proxy').map((e) => e['src'])).size).toBeGreaterThan(50);
    });

    it('name only reserved domains and private or documentation addresses', () => {
        const bad = events.flatMap((e) =>
            unreservedNames(e._raw.replace(String(e['http_user_agent'] ?? '\u0000'), ''))
        );
        expect([...new Set(bad)]).toEqual([]);
    });

    it('put the story inside "last 24 hours"', () => {
        const t = events.filter((e) => e._raw.includes(iocIp)).map((e) => e._time);
        expect(Math.min(...t)).toBeGreaterThanOrEqual(storyStart(NOW, 3));
        expect(Math.max(...t)).toBeLessThanOrEqual(storyStart(NOW, 3) + STORY_OFFSETS.lateRetry);
        expect(Math.min(...t)).toBeGreaterThan(NOW - 24 * 3600);
    });
});

describe('the story across PassiveTotal fixtures and local events', () => {
    const pdns = mapPassiveDns(fixture(`${phishingDomain}/dns/passive.json`));
    const resolvedIps = pdns.ok ? pdns.value.records.filter((r) => r.resolveType === 'ip').map((r) => r.resolve) : [];

    it('the phishing domain resolved to several IPs over time, the IOC IP among them', () => {
        expect(resolvedIps).toEqual(expect.arrayContaining([iocIp, DEMO_STORY.iocIpv6, ...DEMO_STORY.earlierIps]));
        expect(new Set(resolvedIps).size).toBeGreaterThanOrEqual(4);
    });

    it('the IOC IP is in the proxy events; the phishing domain is in no event at all', () => {
        const proxy = events.filter((e) => e.index === 'proxy');
        expect(proxy.filter((e) => e['dest'] === iocIp || e['dest_ip'] === iocIp).length).toBeGreaterThanOrEqual(5);
        expect(events.filter((e) => JSON.stringify(e).toLowerCase().includes(phishingDomain))).toEqual([]);
    });

    it('of the domain’s IPs, only the IOC IP and the shared CDN address occur locally', () => {
        const seen = resolvedIps.filter((ip) => events.some((e) => e._raw.includes(ip)));
        expect(seen.sort()).toEqual([DEMO_STORY.sharedCdnIp, iocIp].sort());
        expect(fixture(`${DEMO_STORY.sharedCdnIp}/dns/passive.json`)).toMatchObject({ totalRecords: 48213 });
        expect(fixture(`${DEMO_STORY.sharedCdnIp}/enrichment.json`)).toMatchObject({
            classification: 'non_malicious',
            tags: expect.arrayContaining(['cdn', 'shared-hosting']) as unknown,
        });
    });

    it('the registrant e-mail registered the other campaign domains (WHOIS search)', () => {
        const whois = fixture(`${phishingDomain}/whois.json`) as { contactEmail: string; nameServers: string[] };
        expect(whois.contactEmail).toBe(DEMO_STORY.registrantEmail);
        expect(whois.nameServers.map((n) => n.toLowerCase())).toEqual([...DEMO_STORY.nameServers]);
        const search = mapWhoisSearch(fixture(`${DEMO_STORY.registrantEmail}/whois/search.json`));
        expect(search.ok && search.value.records.map((r) => r.domain)).toEqual([...DEMO_STORY.registrantDomains]);
    });

    it('the certificate seen locally on the IOC IP lists the phishing domain', () => {
        const cert = fixture(`${DEMO_STORY.sharedCertificateSha1}/ssl-certificate.json`) as {
            results: { subjectAlternativeNames: string[] }[];
        };
        expect(cert.results[0]?.subjectAlternativeNames).toContain(phishingDomain);
        const tls = events.filter((e) => e['ssl_hash'] === DEMO_STORY.sharedCertificateSha1);
        expect(tls.length).toBe(2);
        expect(tls.every((e) => e['dest'] === iocIp)).toBe(true);
    });

    it('the tracker id is shared with another malicious site', () => {
        const hosts = fixture(`${DEMO_STORY.trackerId}/trackers/search.json`) as { results: { entity: string }[] };
        expect(hosts.results.map((r) => r.entity)).toEqual(
            expect.arrayContaining([phishingDomain, 'secure-payroll-update.test'])
        );
        expect(fixture('secure-payroll-update.test/enrichment.json')).toMatchObject({ tags: ['phishing'] });
    });
});

describe("the app's SPL on the demo events", () => {
    it('raw mode (TERM) finds the IOC IP and not the phishing domain', () => {
        const [search] = localSearches(indicator(iocIp), { match: 'fast' });
        expect(search?.spl).toMatch(/^\(`passivetotal_index`\) TERM\(203\.0\.113\.77\)\n\| where match\(_raw, /);
        const found = run(search?.spl ?? '').results;
        expect(found.length).toBeGreaterThanOrEqual(15);
        expect(new Set(found.map((r) => r['index']))).toEqual(new Set(['proxy', 'firewall', 'dns', 'zeek']));
        expect(localCount(phishingDomain)).toBe(0);
    });

    it('with the shipped macro definition too', () => {
        expect(localCount(iocIp, { match: 'fast' }, SHIPPED_MACROS)).toBeGreaterThanOrEqual(15);
        expect(localCount(phishingDomain, {}, SHIPPED_MACROS)).toBe(0);
    });

    it('TERM misses the key=value firewall lines (and a URL in a referer) that a phrase search finds', () => {
        const term = run('(`passivetotal_index`) TERM(203.0.113.77)').results.map((r) => r['_raw']);
        const phrase = run('(`passivetotal_index`) "203.0.113.77"').results;
        const extra = phrase.filter((r) => !term.includes(r['_raw']));
        expect(extra.map((r) => r['index']).sort()).toEqual(['netfw', 'netfw', 'proxy']);
        expect(localCount(iocIp) - localCount(iocIp, { match: 'fast' })).toBe(3);
        const kv = run('index=netfw "203.0.113.77"').results;
        expect(kv).toHaveLength(2);
        expect(run('index=netfw TERM(203.0.113.77)').results).toHaveLength(0);
    });

    it('CIM mode (tstats) finds the IOC IP in Web, Network Traffic, DNS and Certificates, and not the domain', () => {
        const counts: Record<string, number> = Object.fromEntries(
            localSearches(indicator(iocIp), { mode: 'cim' }).map((s): [string, number] => [
                s.datamodel ?? s.id,
                run(s.spl).results.reduce((sum, row) => sum + Number(row['count'] ?? 0), 0),
            ])
        );
        expect(counts).toEqual({
            Web: expect.any(Number) as unknown,
            Network_Traffic: expect.any(Number) as unknown,
            Network_Resolution: expect.any(Number) as unknown,
            Email: 0,
            Certificates: 2,
        });
        expect(counts['Web']).toBeGreaterThanOrEqual(4);
        expect(counts['Network_Traffic']).toBeGreaterThanOrEqual(5);
        expect(counts['Network_Resolution']).toBeGreaterThanOrEqual(2);
        expect(localCount(phishingDomain, { mode: 'cim' })).toBe(0);
    });

    it('CIM mode finds the visited sibling, the sender domain and the certificate', () => {
        expect(localCount(DEMO_STORY.visitedSibling, { mode: 'cim' })).toBeGreaterThan(0);
        expect(localCount(DEMO_STORY.senderDomain, { mode: 'cim' })).toBe(6);
        expect(localCount(DEMO_STORY.sharedCertificateSha1, { mode: 'cim' })).toBe(2);
    });

    it('the batched sightings search counts each pivot candidate as the story says', () => {
        const candidates = [
            iocIp,
            phishingDomain,
            DEMO_STORY.visitedSibling,
            DEMO_STORY.senderDomain,
            DEMO_STORY.sharedCertificateSha1,
            DEMO_STORY.sharedCdnIp,
            ...DEMO_STORY.earlierIps,
            DEMO_STORY.registrantEmail,
            DEMO_STORY.trackerId,
            'account-verify-portal.example',
        ].map(indicator);
        const search = sightingsSearch(candidates);
        if (!search.ok) throw new Error(search.reason);
        const rows = run(search.value.spl).results;
        const counts = Object.fromEntries(readSightings(search.value, rows).map((s) => [s.indicator.value, s.count]));
        expect(counts).toMatchObject({
            [phishingDomain]: 0,
            [DEMO_STORY.earlierIps[0] ?? '']: 0,
            [DEMO_STORY.earlierIps[1] ?? '']: 0,
            [DEMO_STORY.registrantEmail]: 0,
            [DEMO_STORY.trackerId]: 0,
            'account-verify-portal.example': 0,
            [DEMO_STORY.sharedCertificateSha1]: 2,
            [DEMO_STORY.senderDomain]: 6,
        });
        expect(counts[iocIp]).toBe(localCount(iocIp));
        expect(counts[DEMO_STORY.visitedSibling]).toBeGreaterThanOrEqual(8);
        expect(counts[DEMO_STORY.sharedCdnIp]).toBeGreaterThan(100);
    });
});
