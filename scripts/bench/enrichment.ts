/**
 * The streaming enrichment of events in a search (`| ptenrich field=dest_ip datasets=reputation`): 10,000 proxy
 * events with 500 distinct destination addresses, enriched by a real search job on the stand-in. Each distinct value
 * must cost one upstream call (not one per event), and a second run must cost none (the app's cache).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RunningDevserver } from '@passivetotal/devserver';
import { round } from './figures';

/** The index the enrichment events are written to (outside the app's own demo indexes). */
export const ENRICHMENT_INDEX = 'bench_enrich';

/** The n-th of the documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24). */
function address(n: number): string {
    const nets = ['192.0.2', '198.51.100', '203.0.113'];
    return `${nets[n % 3] ?? '192.0.2'}.${String(1 + Math.floor(n / 3))}`;
}

/**
 * Writes `events` proxy events over `distinct` destination addresses (each used events/distinct times).
 *
 * @example await writeEnrichmentEvents('/tmp/enrich.jsonl', Date.now(), 10_000, 500)
 */
export async function writeEnrichmentEvents(
    file: string,
    now: number,
    events: number,
    distinct: number
): Promise<void> {
    const out = createWriteStream(file, 'utf8');
    const end = Math.floor(now / 1000);
    for (let i = 0; i < events; i += 1) {
        const dest = address(i % distinct);
        const t = end - 3600 + Math.floor((i * 3600) / events);
        const raw = `${new Date(t * 1000).toISOString()} src=10.40.${String(i % 250)}.${String(1 + (i % 200))} dest_ip=${dest} dest_port=443 action=allowed`;
        const line = JSON.stringify({
            _time: t,
            _raw: raw,
            index: ENRICHMENT_INDEX,
            sourcetype: 'bench:proxy',
            host: 'proxy01',
            source: 'bench',
            dest_ip: dest,
        });
        if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
}

/** What one enrichment run cost. */
export interface EnrichmentRun {
    readonly ms: number;
    readonly results: number;
    /** Upstream PassiveTotal calls the run made. */
    readonly upstreamCalls: number;
}

/** What the benchmark records. */
export interface EnrichmentFigures {
    readonly events: number;
    readonly distinct: number;
    readonly first: EnrichmentRun;
    readonly second: EnrichmentRun;
}

async function login(splunkdUrl: string): Promise<string> {
    const response = await fetch(`${splunkdUrl}/services/auth/login?output_mode=json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'admin', password: 'changeme' }).toString(),
    });
    const body = (await response.json()) as { sessionKey?: string };
    if (!body.sessionKey) throw new Error('splunkd refused the benchmark login');
    return body.sessionKey;
}

async function run(server: RunningDevserver, token: string, upstream: () => number): Promise<EnrichmentRun> {
    const base = `${server.splunkdUrl}/servicesNS/admin/passivetotal/search/jobs`;
    const headers = { Authorization: `Splunk ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const before = upstream();
    const start = performance.now();
    const created = await fetch(`${base}?output_mode=json`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({
            search: `search index=${ENRICHMENT_INDEX} | ptenrich field=dest_ip datasets=reputation`,
            earliest_time: '-24h',
            latest_time: 'now',
            exec_mode: 'blocking',
        }),
    });
    const text = await created.text();
    const sid = created.status === 201 ? (JSON.parse(text) as { sid?: string }).sid : undefined;
    if (!sid) throw new Error(`the enrichment search was refused (${String(created.status)}): ${text.slice(0, 300)}`);
    const status = await fetch(`${base}/${encodeURIComponent(sid)}?output_mode=json`, { headers });
    const job = (await status.json()) as { entry?: { content?: { isFailed?: boolean; messages?: unknown } }[] };
    const content = job.entry?.[0]?.content;
    if (content?.isFailed) throw new Error(`the enrichment search failed: ${JSON.stringify(content.messages)}`);
    const results = await fetch(`${base}/${encodeURIComponent(sid)}/results?output_mode=json&count=0`, { headers });
    const body = (await results.json()) as { results?: unknown[] };
    return {
        ms: round(performance.now() - start, 0),
        results: body.results?.length ?? 0,
        upstreamCalls: upstream() - before,
    };
}

/**
 * Runs the enrichment twice (the cache empty before the first run).
 *
 * @example await measureEnrichment(server, () => replay.stats().byProvider['passivetotal'] ?? 0, 10_000, 500, log)
 */
export async function measureEnrichment(
    server: RunningDevserver,
    upstream: () => number,
    events: number,
    distinct: number,
    log: (line: string) => void
): Promise<EnrichmentFigures> {
    const token = await login(server.splunkdUrl);
    const first = await run(server, token, upstream);
    log(
        `  first run: ${String(first.ms)} ms, ${String(first.results)} events, ${String(first.upstreamCalls)} PassiveTotal calls`
    );
    const second = await run(server, token, upstream);
    log(`  second run: ${String(second.ms)} ms, ${String(second.upstreamCalls)} PassiveTotal calls`);
    return { events, distinct, first, second };
}
