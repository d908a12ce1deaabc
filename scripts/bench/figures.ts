/**
 * The benchmark's figures: medians, and each key of `bench/results.json` with its target, so the printed table and
 * the README's table say the same thing.
 */

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Rounded to `digits` decimals. */
export function round(value: number, digits = 1): number {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}

/**
 * The keys of `bench/results.json` that scripts and readers rely on, each measured in the same run: an
 * investigation from submit to every tab settled, its slowest backend call, PassiveTotal calls of the scripted
 * session with and without the cache, search jobs per investigation, the endpoint's overhead on a cache hit and
 * miss, rendering 10,000 rows, and the gzipped size of the investigate page's script.
 */
export interface Results {
    investigation_ms_p50: number;
    slowest_backend_ms_p50: number;
    pt_calls_session: number;
    pt_calls_session_nocache: number;
    splunk_jobs_per_investigation: number;
    proxy_overhead_ms_p50_hit: number;
    proxy_overhead_ms_p50_miss: number;
    render_10k_rows_ms: number;
    bundle_kb_gzip: number;
}

/** One line of the table: a figure, its target, and whether it is met. */
export interface Row {
    readonly key: string;
    readonly value: number;
    readonly target: string;
    readonly met: boolean;
    readonly unit: string;
}

/** Figures beyond the contract's keys that have targets too. */
export interface Extra {
    large_investigation_ms_p50: number;
    large_slowest_backend_ms_p50: number;
    large_splunk_jobs_per_investigation: number;
    pt_calls_revisit: number;
    table_interaction_ms_max: number;
    bundle_kb_gzip_lazy: number;
    /** The Graph tab with 500 nodes: click to painted graph, its code loaded on demand and laid out. */
    graph_500_nodes_first_render_ms: number;
    /** The nodes the measured graph drew (the graph holds at most 500). */
    graph_nodes: number;
    /** The sightings search over the large case's events, by candidates and matching mode (one job each). */
    sightings_200_thorough_ms: number;
    sightings_200_fast_ms: number;
    sightings_2000_thorough_ms: number;
    sightings_2000_fast_ms: number;
    /** `| ptenrich field=dest_ip` over 10,000 events with 500 distinct addresses: time, and upstream calls. */
    enrich_10k_events_ms: number;
    enrich_upstream_calls: number;
    enrich_distinct_values: number;
    enrich_second_run_upstream_calls: number;
}

/** Every figure against its target. */
export function rows(r: Results, x: Extra): Row[] {
    // An investigation against the slowest single call of the same runs, and that call as the reference.
    const investigation = (prefix: string, total: number, slowest: number): Row[] => [
        {
            key: `${prefix}investigation_ms_p50`,
            value: total,
            unit: 'ms',
            target: `≤ 1.25 × slowest backend (${String(round(1.25 * slowest, 0))} ms)`,
            met: slowest > 0 && total <= 1.25 * slowest,
        },
        { key: `${prefix}slowest_backend_ms_p50`, value: slowest, unit: 'ms', target: '(reference)', met: true },
    ];
    return [
        ...investigation('', r.investigation_ms_p50, r.slowest_backend_ms_p50),
        ...investigation('large_', x.large_investigation_ms_p50, x.large_slowest_backend_ms_p50),
        {
            key: 'pt_calls_session',
            value: r.pt_calls_session,
            unit: 'calls',
            target: `≤ 40 % of no cache (${String(Math.floor(0.4 * r.pt_calls_session_nocache))})`,
            met: r.pt_calls_session <= 0.4 * r.pt_calls_session_nocache,
        },
        {
            key: 'pt_calls_session_nocache',
            value: r.pt_calls_session_nocache,
            unit: 'calls',
            target: '(reference)',
            met: true,
        },
        {
            key: 'pt_calls_revisit',
            value: x.pt_calls_revisit,
            unit: 'calls',
            target: '0',
            met: x.pt_calls_revisit === 0,
        },
        {
            key: 'splunk_jobs_per_investigation',
            value: r.splunk_jobs_per_investigation,
            unit: 'jobs',
            target: '≤ 3',
            met: r.splunk_jobs_per_investigation <= 3,
        },
        {
            key: 'large_splunk_jobs_per_investigation',
            value: x.large_splunk_jobs_per_investigation,
            unit: 'jobs',
            target: '≤ 3',
            met: x.large_splunk_jobs_per_investigation <= 3,
        },
        {
            key: 'proxy_overhead_ms_p50_hit',
            value: r.proxy_overhead_ms_p50_hit,
            unit: 'ms',
            target: '< 15',
            met: r.proxy_overhead_ms_p50_hit < 15,
        },
        {
            key: 'proxy_overhead_ms_p50_miss',
            value: r.proxy_overhead_ms_p50_miss,
            unit: 'ms',
            target: '< 30',
            met: r.proxy_overhead_ms_p50_miss < 30,
        },
        {
            key: 'render_10k_rows_ms',
            value: r.render_10k_rows_ms,
            unit: 'ms',
            target: '< 500',
            met: r.render_10k_rows_ms < 500,
        },
        {
            key: 'table_interaction_ms_max',
            value: x.table_interaction_ms_max,
            unit: 'ms',
            target: '< 100',
            met: x.table_interaction_ms_max < 100,
        },
        ...(['200', '2000'] as const).flatMap((n) =>
            (['thorough', 'fast'] as const).map((mode): Row => ({
                key: `sightings_${n}_${mode}_ms`,
                value: x[`sightings_${n}_${mode}_ms`],
                unit: 'ms',
                target: `${n} candidates, ${mode} matching, one job (measured)`,
                met: true,
            }))
        ),
        {
            key: 'enrich_10k_events_ms',
            value: x.enrich_10k_events_ms,
            unit: 'ms',
            target: `${String(x.enrich_distinct_values)} distinct values, one search job (measured)`,
            met: true,
        },
        {
            key: 'enrich_upstream_calls',
            value: x.enrich_upstream_calls,
            unit: 'calls',
            target: `= distinct uncached values (${String(x.enrich_distinct_values)})`,
            met: x.enrich_upstream_calls === x.enrich_distinct_values,
        },
        {
            key: 'enrich_second_run_upstream_calls',
            value: x.enrich_second_run_upstream_calls,
            unit: 'calls',
            target: '0',
            met: x.enrich_second_run_upstream_calls === 0,
        },
        {
            key: 'graph_500_nodes_first_render_ms',
            value: x.graph_500_nodes_first_render_ms,
            unit: 'ms',
            target: `< 1000 (${String(x.graph_nodes)} nodes drawn)`,
            met: x.graph_nodes === 500 && x.graph_500_nodes_first_render_ms < 1000,
        },
        {
            key: 'bundle_kb_gzip',
            value: r.bundle_kb_gzip,
            unit: 'KB',
            target: 'eager code only',
            met: true,
        },
        {
            key: 'bundle_kb_gzip_lazy',
            value: x.bundle_kb_gzip_lazy,
            unit: 'KB',
            target: '(loaded on demand)',
            met: true,
        },
    ];
}

/** The table as Markdown (for the README and the terminal). */
export function markdownTable(table: readonly Row[]): string {
    const lines = ['| figure | value | target | |', '|---|---:|---|---|'];
    for (const row of table) {
        lines.push(
            `| \`${row.key}\` | ${String(row.value)} ${row.unit} | ${row.target} | ${row.met ? 'met' : '**missed**'} |`
        );
    }
    return lines.join('\n');
}
