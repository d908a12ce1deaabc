/**
 * The cost of counting pivot candidates in local events: core's sightings search for N candidates of the large
 * case (its subdomains and hosting addresses, which the local events contain, and its shared-hosting customer
 * sites, which they do not), run as real search jobs on the stand-in over the large case's events, in the thorough
 * and the fast matching mode. One search job per measurement, as on the page.
 */
import { parseIndicator, planSightings, type Indicator, type MatchMode } from '@passivetotal/core';
import { LARGE_CASE } from '@passivetotal/devserver/demo';
import type { RunningDevserver } from '@passivetotal/devserver';
import { median, round } from './figures';

/** The candidates of a size: a third seen locally (subdomains and their addresses), the rest not. */
export function benchCandidates(count: number): Indicator[] {
    const values = new Set<string>();
    for (let i = 0; values.size < count; i += 1) {
        if (i % 3 === 0 && i < 1200) values.add(`app-${String(i % 400).padStart(4, '0')}.${LARGE_CASE.domain}`);
        else if (i % 3 === 2 && i < 1200) {
            values.add(i % 2 === 0 ? `198.51.100.${String(1 + (i % 199))}` : `203.0.113.${String(1 + (i % 250))}`);
        } else values.add(`site-${String(i).padStart(5, '0')}.customer-${String(i % 97)}.example`);
    }
    return [...values].flatMap((v) => {
        const parsed = parseIndicator(v);
        return parsed.ok ? [parsed.value] : [];
    });
}

/** One measured configuration. */
export interface SightingsFigure {
    readonly candidates: number;
    readonly match: MatchMode;
    /** Wall time from dispatching the job to its results, p50 over the runs. */
    readonly ms_p50: number;
    /** Length of the search text, in KB. */
    readonly spl_kb: number;
    /** Candidates the search counted as seen at least once (the same in both modes for data that TERM() can read). */
    readonly seen: number;
    readonly jobs_per_run: number;
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

/** Runs one search as a blocking job and returns its result rows. */
async function runJob(splunkdUrl: string, token: string, search: string): Promise<Record<string, unknown>[]> {
    const base = `${splunkdUrl}/servicesNS/admin/passivetotal/search/jobs`;
    const headers = { Authorization: `Splunk ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const created = await fetch(`${base}?output_mode=json`, {
        method: 'POST',
        headers,
        // splunkd's search API wants the search command named (Splunk Web's job client adds it too).
        body: new URLSearchParams({
            search: search.startsWith('|') ? search : `search ${search}`,
            earliest_time: '-7d@h',
            latest_time: 'now',
            exec_mode: 'blocking',
        }),
    });
    const text = await created.text();
    const sid = created.status === 201 ? (JSON.parse(text) as { sid?: string }).sid : undefined;
    if (!sid) throw new Error(`the sightings search was refused (${String(created.status)}): ${text.slice(0, 300)}`);
    const results = await fetch(`${base}/${encodeURIComponent(sid)}/results?output_mode=json&count=0`, { headers });
    const body = (await results.json()) as { results?: Record<string, unknown>[] };
    return body.results ?? [];
}

/**
 * Measures the sightings search for each size and mode.
 *
 * @example await measureSightingsSearches(server, [200, 2000], 3)
 */
export async function measureSightingsSearches(
    server: RunningDevserver,
    sizes: readonly number[],
    runs: number,
    log: (line: string) => void
): Promise<SightingsFigure[]> {
    const token = await login(server.splunkdUrl);
    const figures: SightingsFigure[] = [];
    for (const size of sizes) {
        for (const match of ['thorough', 'fast'] as const) {
            const plan = planSightings(benchCandidates(size), { match, maxCandidates: size });
            const search = plan.search;
            if (!search) throw new Error('no sightings search to measure');
            const times: number[] = [];
            let seen = 0;
            const before = server.splunkd.stats().jobs.started;
            for (let run = 0; run < runs; run += 1) {
                const start = performance.now();
                const rows = await runJob(server.splunkdUrl, token, search.spl);
                times.push(performance.now() - start);
                seen = rows.filter((r) => Number(r['count']) > 0).length;
            }
            const figure: SightingsFigure = {
                candidates: search.candidates.length,
                match,
                ms_p50: round(median(times), 0),
                spl_kb: round(search.spl.length / 1024),
                seen,
                jobs_per_run: (server.splunkd.stats().jobs.started - before) / runs,
            };
            figures.push(figure);
            log(
                `  ${String(figure.candidates)} candidates, ${match}: ${String(figure.ms_p50)} ms, ${String(figure.seen)} seen, SPL ${String(figure.spl_kb)} KB, ${String(figure.jobs_per_run)} job`
            );
        }
    }
    return figures;
}
