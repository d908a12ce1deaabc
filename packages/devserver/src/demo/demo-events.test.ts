/**
 * The demo events and the story they tell together with the PassiveTotal demo fixtures, proved with the app's
 * own SPL (packages/core `localSearches`, `internalHitsSearches`, `sightingsSearch`) run on the stand-in's search
 * engine, in the thorough and fast raw modes and in the CIM mode. The counts are the ones demo/README.md lists.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    DEFAULT_MACRO_DEFINITIONS,
    internalHitsSearches,
    localSearches,
    mapPassiveDns,
    mapWhoisSearch,
    matchRule,
    occursIn,
    readSightings,
    sightingsSearch,
    toRegExp,
    type LocalSearchOptions,
} from '@passivetotal/core';
import { parsedIndicator as indicator } from '@passivetotal/core/testing';
import { EventStore, parseMacrosConf, parseEventsJsonl, runSearch, type MacroTable } from '../search';
import { demoEventsToJsonl, writeDemoEventsJsonl } from './events-jsonl';
import {
    debugLogName,
    DEMO_INDEXES,
    DEMO_PT_FIXTURES_DIR,
    DEMO_STORY,
    generateDemoEvents,
    NEAR_MISSES,
    storyStart,
    STORY_OFFSETS,
    type DemoEvent,
} from './index';
import { unreservedNames } from './reserved-names';
import { EXFIL_HOST, STORY_BY_DATA_MODEL, STORY_COUNTS, storyCounts } from './story-counts';

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

function fixture(relative: string): unknown {
    return JSON.parse(readFileSync(path.join(DEMO_PT_FIXTURES_DIR, relative), 'utf8'));
}

const run = (spl: string, macros: MacroTable = MACROS) =>
    runSearch(store, spl, { macros, now: NOW, earliestTime: '-7d@h', latestTime: 'now' });

const sumOfCounts = (rows: readonly Record<string, unknown>[]): number =>
    rows.reduce((sum, row) => sum + Number(row['count'] ?? 0), 0);

/** Events (raw) or summed `count` (CIM) of each local search for a value, by search (`raw` or the data model). */
function perSearch(value: string, options: LocalSearchOptions = {}, macros: MacroTable = MACROS) {
    return Object.fromEntries(
        localSearches(indicator(value), options).map((s): [string, number] => {
            const { results } = run(s.spl, macros);
            return [s.datamodel ?? s.id, s.mode === 'raw' ? results.length : sumOfCounts(results)];
        })
    );
}

/** All events the local searches find for a value. */
const localCount = (value: string, options: LocalSearchOptions = {}, macros: MacroTable = MACROS): number =>
    Object.values(perSearch(value, options, macros)).reduce((a, b) => a + b, 0);

/** Events of a raw local search for a value, by index. */
function byIndex(value: string, options: LocalSearchOptions = {}): Record<string, number> {
    const [search] = localSearches(indicator(value), options);
    const out: Record<string, number> = {};
    for (const row of run(search?.spl ?? '').results) out[String(row['index'])] = (out[String(row['index'])] ?? 0) + 1;
    return out;
}

const { phishingDomain, iocIp, visitedSibling, senderDomain, sharedCertificateSha1, sharedCdnIp } = DEMO_STORY;

/** The pivot candidates of the story, as one investigation's sightings search counts them. */
const CANDIDATES = Object.keys(STORY_COUNTS);

function sightings(values: readonly string[], options: LocalSearchOptions = {}): Record<string, number> {
    const search = sightingsSearch(values.map(indicator), options);
    if (!search.ok) throw new Error(search.reason);
    const rows = run(search.value.spl).results;
    return Object.fromEntries(readSightings(search.value, rows).map((s) => [s.indicator.value, s.count]));
}

/** The events in which a value occurs by the app's matching rule. */
function seen(value: string, list: readonly DemoEvent[] = events): DemoEvent[] {
    const pattern = toRegExp(matchRule(indicator(value)).pattern);
    return list.filter((e) => pattern.test(e._raw));
}

describe('demo events', () => {
    it('are a few thousand events of the documented indexes and sourcetypes, inside the window', () => {
        expect(events.length).toBeGreaterThan(3500);
        expect(events.length).toBeLessThan(4500);
        expect([...new Set(events.map((e) => e.index))].sort()).toEqual([...DEMO_INDEXES].sort());
        expect([...new Set(events.map((e) => `${e.index} ${e.sourcetype}`))].sort()).toEqual([
            'dns MSAD:NT6:DNS',
            'email ms:o365:reporting:messagetrace',
            'firewall cef',
            'netfw fortigate_traffic',
            'proxy bluecoat:proxysg:access:kv',
            'zeek bro:conn:json',
            'zeek bro:http:json',
            'zeek bro:ssl:json',
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
        // The story is the same whatever the seed (its log sequence numbers and session ids continue the
        // background's).
        const story = (list: readonly DemoEvent[]) =>
            seen(iocIp, list).map((e) => [e._time, e.sourcetype, e['src'], e['dest'], e['url']]);
        expect(story(other)).toEqual(story(events));
    });

    it('move with now', () => {
        const later = generateDemoEvents({ now: NOW_MS + 86_400_000 });
        const first = (list: readonly DemoEvent[]) => seen(iocIp, list)[0]?._time ?? 0;
        expect(first(later) - first(events)).toBe(86_400);
    });

    it('scale the background, not the story', () => {
        const small = generateDemoEvents({ now: NOW_MS, scale: 0.2 });
        const big = generateDemoEvents({ now: NOW_MS, scale: 3, days: 1 });
        expect(small.length).toBeLessThan(events.length / 3);
        expect(big.length).toBeGreaterThan(3000);
        expect(seen(iocIp, small)).toHaveLength(seen(iocIp).length);
        expect(seen(iocIp, big)).toHaveLength(seen(iocIp).length);
        expect(new Set(big.filter((e) => e.index === 'proxy').map((e) => e['src'])).size).toBeGreaterThan(50);
    });

    it('name only reserved domains and private or documentation addresses', () => {
        const bad = events.flatMap((e) =>
            unreservedNames(e._raw.split(String(e['http_user_agent'] ?? '\u0000')).join(''))
        );
        expect([...new Set(bad)]).toEqual([]);
    });

    it('put the story inside "last 24 hours"', () => {
        const t = seen(iocIp).map((e) => e._time);
        expect(Math.min(...t)).toBeGreaterThanOrEqual(storyStart(NOW, 3));
        expect(Math.max(...t)).toBeLessThanOrEqual(storyStart(NOW, 3) + STORY_OFFSETS.lateRetry);
        expect(Math.min(...t)).toBeGreaterThan(NOW - 24 * 3600);
    });
});

describe('the log formats', () => {
    const of = (sourcetype: string) => events.filter((e) => e.sourcetype === sourcetype);

    it('proxy: Blue Coat ProxySG key=value over RFC 5424 syslog, with the Web CIM fields', () => {
        for (const e of of('bluecoat:proxysg:access:kv')) {
            expect(e._raw).toMatch(
                /^<111>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z proxy01 bluecoat - splunk_format - c-ip=10\.\S+ /
            );
            expect(e._raw).toContain(` cs-host=${String(e['dest'])} `);
            expect(e._raw).toContain(` c-url="${String(e['url'])}" `);
            expect(e._raw).toContain(` s-supplier-ip=${String(e['dest_ip'] ?? '-')} `);
            expect(e['src']).toBe(e['src_ip']);
        }
    });

    it('edge firewall: Check Point CEF over syslog, with the Network Traffic CIM fields', () => {
        for (const e of of('cef')) {
            expect(e._raw).toMatch(
                /^<134>\w{3} [ \d]\d \d\d:\d\d:\d\d fw-edge01 CEF:0\|Check Point\|VPN-1 & FireWall-1\|Check Point\|Log\|[\w-]+\|Unknown\|act=(Accept|Drop) /
            );
            expect(e._raw).toContain(` dst=${String(e['dest'])} `);
            expect(e._raw).toMatch(new RegExp(` src=${String(e['src']).replace(/\./g, '\\.')}$`));
            expect(e._raw).toContain(` dpt=${String(e['dest_port'])} `);
        }
    });

    it('DNS: the Windows DNS debug log with details, a question and a response per look-up', () => {
        const dns = of('MSAD:NT6:DNS');
        expect(dns.filter((e) => e['message_type'] === 'Query')).toHaveLength(dns.length / 2);
        for (const e of dns) {
            const [summary = '', ...details] = e._raw.split('\n');
            expect(summary).toMatch(
                /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d:\d\d [AP]M [0-9A-F]{4} PACKET {2}[0-9A-F]{16} UDP (Rcv|Snd) [\d.]+ +[0-9a-f]{4} [R ] Q \[[0-9a-f]{4} [A ][T ][D ][R ] +(NOERROR|NXDOMAIN)\] A {6}\(\d+\)/
            );
            expect(summary.endsWith(` ${debugLogName(String(e['query']))}`)).toBe(true);
            expect(details[0]).toMatch(/^UDP (question|response) info at [0-9A-F]{16}$/);
            // The add-on's `answer` is the answer section's data.
            const data = details.filter((l) => /^ {6}DATA {3}\S/.test(l)).map((l) => l.trim().slice(7));
            const answer = e['answer'];
            expect(data).toEqual(answer === undefined ? [] : typeof answer === 'string' ? [answer] : answer);
        }
    });

    it('Zeek: conn, ssl and http logs in JSON, one uid per connection; TLS 1.3 hides the certificate', () => {
        const conns = new Map(of('bro:conn:json').map((e) => [String(e['session_id']), e]));
        for (const e of [...of('bro:ssl:json'), ...of('bro:http:json')]) {
            const record = JSON.parse(e._raw) as Record<string, unknown>;
            expect(record['uid']).toBe(e['session_id']);
            expect(conns.get(String(record['uid']))?.['dest']).toBe(record['id.resp_h']);
        }
        for (const e of of('bro:ssl:json')) {
            const record = JSON.parse(e._raw) as Record<string, unknown>;
            if (record['version'] === 'TLSv13') expect(record['cert_chain_fps']).toBeUndefined();
            else expect((record['cert_chain_fps'] as string[])[0]).toBe(e['ssl_hash']);
        }
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
        expect(proxy.filter((e) => e['dest'] === iocIp || e['dest_ip'] === iocIp)).toHaveLength(10);
        expect(events.filter((e) => JSON.stringify(e).toLowerCase().includes(phishingDomain)).length).toBe(
            seen(NEAR_MISSES.lookalikeDomain).length
        );
        expect(seen(phishingDomain)).toEqual([]);
    });

    it('of the domain’s IPs, only the IOC IP and the shared CDN address occur locally', () => {
        const local = resolvedIps.filter((ip) => seen(ip).length > 0);
        expect(local.sort()).toEqual([sharedCdnIp, iocIp].sort());
        expect(fixture(`${sharedCdnIp}/dns/passive.json`)).toMatchObject({ totalRecords: 48213 });
        expect(fixture(`${sharedCdnIp}/enrichment.json`)).toMatchObject({
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
        const cert = fixture(`${sharedCertificateSha1}/ssl-certificate.json`) as {
            results: { subjectAlternativeNames: string[] }[];
        };
        expect(cert.results[0]?.subjectAlternativeNames).toContain(phishingDomain);
        const tls = events.filter((e) => e['ssl_hash'] === sharedCertificateSha1);
        expect(tls.length).toBe(2);
        expect(tls.every((e) => e['dest'] === iocIp && e['ssl_subject_common_name'] === visitedSibling)).toBe(true);
    });

    it('the tracker id is shared with another malicious site', () => {
        const hosts = fixture(`${DEMO_STORY.trackerId}/trackers/search.json`) as { results: { entity: string }[] };
        expect(hosts.results.map((r) => r.entity)).toEqual(
            expect.arrayContaining([phishingDomain, 'secure-payroll-update.test'])
        );
        expect(fixture('secure-payroll-update.test/enrichment.json')).toMatchObject({ tags: ['phishing'] });
    });
});

describe("the app's raw searches on the demo events (thorough, the default)", () => {
    it('count the story’s indicators as demo/README.md lists them', () => {
        expect(Object.fromEntries(CANDIDATES.map((v) => [v, localCount(v)]))).toEqual(storyCounts('thorough'));
    });

    it('find the IOC IP in the proxy, edge firewall, core firewall, DNS and Zeek logs', () => {
        const [search] = localSearches(indicator(iocIp));
        expect(search?.spl).toMatch(
            /^\(`passivetotal_index`\) \("203\.0\.113\.77" OR "203\.0\.113\.77\^\*" OR "203\.0\.113\.77~\*" OR "%2F203\.0\.113\.77"\)\n\| where match\(_raw, /
        );
        expect(byIndex(iocIp)).toEqual({ proxy: 11, firewall: 5, netfw: 2, dns: 2, zeek: 10 });
        expect(byIndex(visitedSibling)).toEqual({ proxy: 9, dns: 4, zeek: 2 });
    });

    it('with the shipped macro definition too', () => {
        expect(localCount(iocIp, {}, SHIPPED_MACROS)).toBe(30);
        expect(localCount(phishingDomain, {}, SHIPPED_MACROS)).toBe(0);
    });

    it('are exact: the near misses in the background are not counted', () => {
        // 203.0.113.7 and the scanner 203.0.113.170 are not 203.0.113.77; 198.51.100.100 is not 198.51.100.10.
        expect(localCount('203.0.113.7')).toBe(149);
        expect(localCount(NEAR_MISSES.scannerIp)).toBe(19);
        expect(localCount('198.51.100.100')).toBe(85);
        for (const e of [...seen('203.0.113.7'), ...seen(NEAR_MISSES.scannerIp)]) {
            expect(occursIn(indicator(iocIp), e._raw)).toBe(false);
        }
        for (const e of seen('198.51.100.100')) expect(occursIn(indicator(sharedCdnIp), e._raw)).toBe(false);
        // The lookalike domain is in the mail, proxy and DNS logs; the phishing domain still in none.
        expect(byIndex(NEAR_MISSES.lookalikeDomain)).toEqual({ email: 1, proxy: 1, dns: 2 });
        expect(localCount(phishingDomain)).toBe(0);
    });

    it('the Internal hits tab counts and lists what the search finds', () => {
        for (const [value, total] of [
            [iocIp, 30],
            [visitedSibling, 15],
            [phishingDomain, 0],
        ] as const) {
            const searches = internalHitsSearches(indicator(value));
            expect(searches.mode).toBe('raw');
            expect(sumOfCounts(run(searches.aggregate.spl).results)).toBe(total);
            expect(run(searches.latest.spl).results).toHaveLength(total);
        }
    });

    it('the batched sightings search counts each pivot candidate as the story says', () => {
        expect(sightings(CANDIDATES)).toEqual(storyCounts('thorough'));
    });
});

describe("the app's raw searches on the demo events (fast, TERM)", () => {
    it('find only values between major breakers: the DNS answers and the Zeek JSON, not key=value or CEF', () => {
        const [search] = localSearches(indicator(iocIp), { match: 'fast' });
        expect(search?.spl).toMatch(/^\(`passivetotal_index`\) TERM\(203\.0\.113\.77\)\n\| where match\(_raw, /);
        expect(byIndex(iocIp, { match: 'fast' })).toEqual({ dns: 2, zeek: 10 });
        // The sibling site: the proxy's `cs-host=` (a phrase lookup) and Zeek, not the DNS log's (17)…(7)…(0) form.
        expect(byIndex(visitedSibling, { match: 'fast' })).toEqual({ proxy: 9, zeek: 2 });
        expect(localCount(phishingDomain, { match: 'fast' })).toBe(0);
        expect(localCount(senderDomain, { match: 'fast' })).toBe(6);
        expect(localCount(EXFIL_HOST, { match: 'fast' })).toBe(2);
        expect(localCount(sharedCertificateSha1, { match: 'fast' })).toBe(2);
        expect(localCount(sharedCdnIp, { match: 'fast' })).toBe(130);
    });

    it('TERM misses the key=value proxy, CEF and FortiGate lines that a phrase search finds', () => {
        const term = new Set(run('(`passivetotal_index`) TERM(203.0.113.77)').results.map((r) => String(r['_raw'])));
        const phrase = run('(`passivetotal_index`) "203.0.113.77"').results;
        const extra: Record<string, number> = {};
        for (const r of phrase.filter((row) => !term.has(String(row['_raw'])))) {
            extra[String(r['sourcetype'])] = (extra[String(r['sourcetype'])] ?? 0) + 1;
        }
        expect(extra).toEqual({ 'bluecoat:proxysg:access:kv': 11, cef: 5, fortigate_traffic: 2 });
        expect(run('index=netfw TERM(203.0.113.77)').results).toHaveLength(0);
        expect(run('index=netfw "203.0.113.77"').results).toHaveLength(2);
    });

    it('the Internal hits tab counts and lists what the fast search finds', () => {
        const searches = internalHitsSearches(indicator(iocIp), { match: 'fast' });
        expect(sumOfCounts(run(searches.aggregate.spl).results)).toBe(12);
        expect(run(searches.latest.spl).results).toHaveLength(12);
    });

    it('the batched sightings search counts each candidate as the Internal hits tab does, whatever the other candidates', () => {
        // One candidate's lookup brings in events in which another candidate's pattern also matches (the proxy's
        // lines to the sibling site name the IOC address as their supplier); each candidate's own TERM() lookup
        // decides, so the counts are the tab's.
        expect(sightings(CANDIDATES, { match: 'fast' })).toEqual(storyCounts('fast'));
        expect(sightings([iocIp], { match: 'fast' })).toEqual({ [iocIp]: 12 });
    });
});

describe("the app's CIM searches on the demo events (tstats)", () => {
    const cim: LocalSearchOptions = { mode: 'cim' };

    it('find the IOC IP in Network Traffic, Web, DNS and Certificates, in no e-mail and no IDS alert', () => {
        expect(perSearch(iocIp, cim)).toEqual(STORY_BY_DATA_MODEL.iocIp);
    });

    it('find the sibling site, the sender domain, the exfiltration host and the certificate; not the domain', () => {
        expect(perSearch(phishingDomain, cim)).toEqual({ Web: 0, Network_Resolution: 0, Email: 0, Certificates: 0 });
        expect(perSearch(visitedSibling, cim)).toEqual(STORY_BY_DATA_MODEL.visitedSibling);
        expect(perSearch(senderDomain, cim)).toEqual({ Web: 0, Network_Resolution: 0, Email: 6, Certificates: 0 });
        expect(perSearch(EXFIL_HOST, cim)).toEqual({ Web: 1, Network_Resolution: 2, Email: 0, Certificates: 0 });
        expect(perSearch(sharedCertificateSha1, cim)).toEqual({ Certificates: 2 });
        expect(perSearch(NEAR_MISSES.lookalikeDomain, cim)).toEqual({
            Web: 1,
            Network_Resolution: 2,
            Email: 1,
            Certificates: 0,
        });
    });

    it('find the shared CDN address hundreds of times, and none of the earlier addresses', () => {
        expect(perSearch(sharedCdnIp, cim)).toEqual({
            Network_Traffic: 108,
            Web: 0,
            Network_Resolution: 22,
            Email: 0,
            Certificates: 54,
            Intrusion_Detection: 0,
        });
        for (const ip of DEMO_STORY.earlierIps) expect(localCount(ip, cim)).toBe(0);
        expect(localCount(DEMO_STORY.registrantEmail, cim)).toBe(0);
        // Tracker ids have no CIM field: the raw search counts them.
        expect(perSearch(DEMO_STORY.trackerId, cim)).toEqual({ raw: 0 });
    });

    it('the Internal hits tab counts each data model’s rows', () => {
        const searches = internalHitsSearches(indicator(iocIp), cim);
        expect(searches.mode).toBe('cim');
        const byModel: Record<string, number> = {};
        for (const row of run(searches.aggregate.spl).results) {
            const model = String(row['datamodel']);
            byModel[model] = (byModel[model] ?? 0) + Number(row['count'] ?? 0);
        }
        expect(byModel).toEqual({ Network_Traffic: 12, Web: 7, Network_Resolution: 2, Certificates: 2 });
        expect(sumOfCounts(run(searches.latest.spl).results)).toBe(23);
    });

    it('the batched sightings search sums the data models', () => {
        expect(sightings(CANDIDATES, cim)).toEqual(storyCounts('cim'));
    });
});
