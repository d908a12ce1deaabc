/**
 * `npm run bench`: starts the stand-in with the replay server at a fixed added latency, drives
 * headless Chromium through scripted investigations of the demo story and of a synthetic large case, and writes
 * `bench/results.json` and a table of every figure next to its target.
 *
 * Options: `--runs N` (investigations per case, default 7), `--latency MS` (added upstream latency, default 300),
 * `--events N` (local events of the large case, default 200000).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { OPEN_PROVIDER_IDS } from '@passivetotal/core';
import { launchBrowser, STAGE } from '@passivetotal/app/testing';
import { startDevserver, type RunningDevserver } from '@passivetotal/devserver';
import {
    DEMO_PT_FIXTURES_DIR,
    generateDemoEvents,
    writeDemoEventsJsonl,
    LARGE_CASE,
    writeLargeCase,
} from '@passivetotal/devserver/demo';
import { markdownTable, median, round, rows, type Extra, type Results } from './figures';
import { measureGraph, measureInvestigation, measureTable, runSession, type SessionStep } from './browser-measure';
import { measureProxyOverhead } from './proxy-overhead';
import { measureSightingsSearches } from './sightings-search';
import { measureEnrichment, writeEnrichmentEvents } from './enrichment';
import { splunkdClient } from './splunkd-client';

const ROOT = path.resolve(__dirname, '../..');

/** The enrichment benchmark: events, and distinct destination addresses among them. */
const ENRICH_EVENTS = 10_000;
const ENRICH_DISTINCT = 500;

function option(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    return value;
}

/** gzip -9 size in KB of the investigate page's eager script and of its lazy chunks. */
async function bundleSizes(): Promise<{ eager: number; lazy: number }> {
    const pages = path.join(STAGE, 'appserver/static/pages');
    const gz = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length / 1024;
    const chunks = (await readdir(path.join(pages, 'chunks'))).filter((f) => f.endsWith('.js'));
    let lazy = 0;
    for (const f of chunks) lazy += await gz(path.join(pages, 'chunks', f));
    return { eager: round(await gz(path.join(pages, 'investigate.js'))), lazy: round(lazy) };
}

/** The scripted session behind `pt_calls_session`: 20 investigations with pivots and revisits by two users. */
const STORY = {
    domain: 'login-secure-update.example',
    ip: '203.0.113.77',
    email: 'j.harlow.registrant@freemail.test',
    cert: '05005010a96416bdbb9af136b1fe34b5a1496b8a',
    sibling: 'docs-share-portal.example',
    cdn: '198.51.100.10',
    third: 'account-verify-portal.example',
} as const;

const SESSION: readonly SessionStep[] = [
    { user: 'admin', how: 'submit', value: STORY.domain },
    { user: 'admin', how: 'pivot', value: STORY.ip },
    { user: 'admin', how: 'back', value: STORY.domain, revisit: true },
    { user: 'admin', how: 'pivot', value: STORY.email },
    { user: 'admin', how: 'submit', value: STORY.sibling },
    { user: 'admin', how: 'pivot', value: STORY.cert },
    { user: 'admin', how: 'submit', value: STORY.cdn },
    { user: 'admin', how: 'submit', value: STORY.third },
    { user: 'admin', how: 'reload', value: STORY.domain, revisit: true },
    { user: 'admin', how: 'reload', value: STORY.ip, revisit: true },
    { user: 'analyst', how: 'submit', value: STORY.ip, revisit: true },
    { user: 'analyst', how: 'pivot', value: STORY.domain, revisit: true },
    { user: 'analyst', how: 'submit', value: STORY.third, revisit: true },
    { user: 'analyst', how: 'submit', value: STORY.sibling, revisit: true },
    { user: 'analyst', how: 'back', value: STORY.third, revisit: true },
    { user: 'analyst', how: 'submit', value: STORY.cdn, revisit: true },
    { user: 'analyst', how: 'submit', value: STORY.email, revisit: true },
    { user: 'analyst', how: 'reload', value: STORY.domain, revisit: true },
    { user: 'analyst', how: 'submit', value: STORY.cert, revisit: true },
    { user: 'analyst', how: 'reload', value: STORY.sibling, revisit: true },
];

interface CaseFigures {
    investigation: number[];
    slowest: number[];
    jobs: number[];
}

async function investigateCase(
    browser: Browser,
    server: RunningDevserver,
    indicators: readonly string[],
    runs: number,
    log: (line: string) => void
): Promise<CaseFigures> {
    const admin = splunkdClient(server.splunkdUrl, 'admin');
    const out: CaseFigures = { investigation: [], slowest: [], jobs: [] };
    for (let run = 0; run < runs; run += 1) {
        for (const value of indicators) {
            await admin.purgeCache();
            const before = server.splunkd.stats().jobs.started;
            const m = await measureInvestigation(browser, server, value);
            const jobs = server.splunkd.stats().jobs.started - before;
            out.investigation.push(m.totalMs);
            out.slowest.push(m.slowestBackendMs);
            out.jobs.push(jobs);
            log(
                `  ${value}: ${String(round(m.totalMs, 0))} ms (slowest backend ${String(round(m.slowestBackendMs, 0))} ms: ${m.slowestName}), ${String(jobs)} jobs`
            );
        }
    }
    return out;
}

async function main(): Promise<void> {
    const runs = option('runs', 7);
    const latencyMs = option('latency', 300);
    const events = option('events', 200_000);
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const work = await mkdtemp(path.join(os.tmpdir(), 'passivetotal-bench-'));
    const now = Date.now();
    let server: RunningDevserver | undefined;
    let browser: Browser | undefined;
    try {
        log(`Writing the demo and the large case (${String(events)} events) to ${work}`);
        const fixtures = path.join(work, 'pt-fixtures');
        await cp(DEMO_PT_FIXTURES_DIR, fixtures, { recursive: true });
        const large = await writeLargeCase(work, { now, events });
        const demoEvents = path.join(work, 'demo-events.jsonl');
        await writeDemoEventsJsonl(demoEvents, generateDemoEvents({ now }));
        const enrichmentEvents = path.join(work, 'enrichment-events.jsonl');
        await writeEnrichmentEvents(enrichmentEvents, now, ENRICH_EVENTS, ENRICH_DISTINCT);

        server = await startDevserver({
            port: 0,
            splunkdPort: 0,
            host: '127.0.0.1',
            user: 'admin',
            theme: 'light',
            stage: STAGE,
            login: true,
            events: [demoEvents, large.eventsFile, enrichmentEvents],
            ptFixtures: fixtures,
            ptUrl: undefined,
            ptLatencyMs: latencyMs,
            unconfigured: false,
        });
        const replay = server.replay;
        if (!replay) throw new Error('The benchmark needs the replay server.');
        // The app's own per-provider request limits protect the real services (crt.sh allows a few a minute); the
        // replay server needs no protection, and the benchmark investigates far faster than a person.
        const admin = splunkdClient(server.splunkdUrl, 'admin');
        for (const id of OPEN_PROVIDER_IDS) await admin.configure(`provider:${id}`, { rate_limit_per_minute: '0' });
        browser = await launchBrowser();
        log(`Stand-in at ${server.webUrl}; replay latency ${String(latencyMs)} ms; ${String(runs)} runs per case`);

        // Warm-up: the first page load compiles the bundle and starts the handler process.
        await measureInvestigation(browser, server, STORY.third);

        log('Investigations of the demo story (cold cache each time):');
        const demo = await investigateCase(browser, server, [STORY.domain, STORY.ip], runs, log);
        log('Investigations of the large case:');
        const big = await investigateCase(browser, server, [LARGE_CASE.domain, LARGE_CASE.ip], runs, log);

        log(`Sightings search over the large case's ${String(events)} events (one job each):`);
        const sightings = await measureSightingsSearches(server, [200, 2000], Math.max(1, Math.min(3, runs)), log);
        const sightingsMs = (n: number, match: 'thorough' | 'fast') =>
            sightings.find((f) => f.candidates === n && f.match === match)?.ms_p50 ?? Number.NaN;

        log(
            `Enriching ${String(ENRICH_EVENTS)} events with ${String(ENRICH_DISTINCT)} distinct addresses (| ptenrich field=dest_ip):`
        );
        await admin.configure('datasets', { 'order.reputation': 'passivetotal' });
        await admin.purgeCache();
        const enrichment = await measureEnrichment(
            server,
            () => replay.stats().byProvider['passivetotal'] ?? 0,
            ENRICH_EVENTS,
            ENRICH_DISTINCT,
            log
        );
        await admin.configure('datasets', { 'order.reputation': 'passivetotal,otx,urlhaus,threatfox' });

        log('Rendering and sorting 10,000 passive DNS records:');
        const table = await measureTable(browser, server, LARGE_CASE.ip, Math.max(3, runs));
        log(
            `  render ${String(round(table.renderMs))} ms, sort ${String(round(table.sortMs))} ms, slowest interaction ${String(round(table.interactionMaxMs))} ms`
        );

        log('The Graph tab of the large case (500 nodes):');
        const graph = await measureGraph(browser, server, LARGE_CASE.domain, Math.max(3, runs));
        log(
            `  first render ${String(round(graph.firstRenderMs))} ms, ${String(graph.nodes)} nodes, ${String(graph.edges)} relationships`
        );

        log('Scripted session of 20 investigations by two users, with the cache:');
        await admin.setCacheEnabled(true);
        await admin.purgeCache();
        const ptCalls = () => replay.stats().byProvider['passivetotal'] ?? 0;
        const cached = await runSession(
            browser,
            server,
            SESSION,
            ptCalls,
            () => replay.stats().total,
            () => replay.stats().byRequest
        );
        for (const r of cached.revisitRequests) log(`  revisit call: ${r}`);
        log(
            `  ${String(cached.calls)} PassiveTotal calls; ${String(cached.allCalls)} upstream calls of every provider, ${String(cached.revisitCalls)} of them on revisits`
        );
        log('The same session without the cache:');
        await admin.setCacheEnabled(false);
        const uncached = await runSession(browser, server, SESSION, ptCalls, () => replay.stats().total);
        await admin.setCacheEnabled(true);
        log(
            `  ${String(uncached.calls)} PassiveTotal calls; ${String(uncached.allCalls)} upstream calls of every provider`
        );

        log('Proxy overhead (replay latency 0 while measuring):');
        replay.setLatency(0);
        const overhead = await measureProxyOverhead(server, 60);
        replay.setLatency(latencyMs);
        log(`  hit ${String(round(overhead.hitMs))} ms, miss ${String(round(overhead.missMs))} ms`);

        const bundle = await bundleSizes();
        const results: Results = {
            investigation_ms_p50: round(median(demo.investigation), 0),
            slowest_backend_ms_p50: round(median(demo.slowest), 0),
            pt_calls_session: cached.calls,
            pt_calls_session_nocache: uncached.calls,
            splunk_jobs_per_investigation: Math.max(...demo.jobs, ...big.jobs),
            proxy_overhead_ms_p50_hit: round(overhead.hitMs),
            proxy_overhead_ms_p50_miss: round(overhead.missMs),
            render_10k_rows_ms: round(table.renderMs + table.sortMs, 0),
            bundle_kb_gzip: bundle.eager,
        };
        const extra: Extra = {
            large_investigation_ms_p50: round(median(big.investigation), 0),
            large_slowest_backend_ms_p50: round(median(big.slowest), 0),
            large_splunk_jobs_per_investigation: Math.max(...big.jobs),
            pt_calls_revisit: cached.revisitCalls,
            table_interaction_ms_max: round(table.interactionMaxMs),
            bundle_kb_gzip_lazy: bundle.lazy,
            graph_500_nodes_first_render_ms: round(graph.firstRenderMs, 0),
            graph_nodes: graph.nodes,
            sightings_200_thorough_ms: sightingsMs(200, 'thorough'),
            sightings_200_fast_ms: sightingsMs(200, 'fast'),
            sightings_2000_thorough_ms: sightingsMs(2000, 'thorough'),
            sightings_2000_fast_ms: sightingsMs(2000, 'fast'),
            enrich_10k_events_ms: enrichment.first.ms,
            enrich_upstream_calls: enrichment.first.upstreamCalls,
            enrich_distinct_values: enrichment.distinct,
            enrich_second_run_upstream_calls: enrichment.second.upstreamCalls,
        };
        const table8 = rows(results, extra);
        const measuredAt = new Date().toISOString();
        const cpus = os.cpus();
        const machine = {
            cpu: cpus[0]?.model ?? 'unknown',
            cores: cpus.length,
            memory_gib: round(os.totalmem() / 2 ** 30),
            os: `${os.type()} ${os.release()}`,
            node: process.version,
            chromium: browser.version(),
        };
        const settings = {
            runs_per_case: runs,
            replay_latency_ms: latencyMs,
            demo_indicators: [STORY.domain, STORY.ip],
            large_case: {
                indicators: [LARGE_CASE.domain, LARGE_CASE.ip],
                ip_pdns_records: large.ipRecords,
                subdomains_and_certificates: large.subdomains,
                local_events: large.events,
            },
            session_steps: SESSION.length,
            provider_rate_limits: 'off (rate_limit_per_minute = 0 for every open provider)',
        };
        const file = {
            ...results,
            measured_at: measuredAt,
            machine,
            settings,
            extra,
            samples: { demo, large: big, table, graph, session: { cached, uncached }, sightings, enrichment },
            targets_met: table8.every((r) => r.met),
        };
        await mkdir(path.join(ROOT, 'bench'), { recursive: true });
        await writeFile(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(file, null, 2)}\n`);
        log('');
        log(
            `Measured ${measuredAt} on ${machine.cpu}, ${String(machine.cores)} cores, ${String(machine.memory_gib)} GiB`
        );
        log(markdownTable(table8));
        log('\nWrote bench/results.json');
        const missed = table8.filter((r) => !r.met);
        if (missed.length > 0) {
            log(`Missed targets: ${missed.map((r) => r.key).join(', ')}`);
            process.exitCode = 1;
        }
    } finally {
        await browser?.close();
        await server?.close();
        await rm(work, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
