/**
 * The time the app's endpoint adds over calling the replay server directly: the same PassiveTotal request made to
 * both, interleaved, with a session token (as Splunk Web's proxy sends it) and kept-alive connections.
 */
import type { RunningDevserver } from '@passivetotal/devserver';
import { median } from './figures';
import { splunkdClient } from './splunkd-client';

async function timed(fn: () => Promise<number>): Promise<number> {
    const start = performance.now();
    const status = await fn();
    const ms = performance.now() - start;
    if (status !== 200) throw new Error(`A proxy overhead request answered ${String(status)}`);
    return ms;
}

/** Median milliseconds added by the endpoint on a cache hit and on a miss, over `samples` requests each. */
export async function measureProxyOverhead(
    server: RunningDevserver,
    samples: number
): Promise<{ hitMs: number; missMs: number }> {
    const endpoint = splunkdClient(server.splunkdUrl, 'analyst');
    const auth = `Basic ${Buffer.from('bench@example.com:demo').toString('base64')}`;
    const direct = (query: string) =>
        timed(async () => {
            const r = await fetch(`${server.ptBaseUrl}/dns/passive?query=${encodeURIComponent(query)}`, {
                headers: { Authorization: auth },
            });
            await r.arrayBuffer();
            return r.status;
        });
    const viaApp = (query: string) =>
        timed(
            async () =>
                (await endpoint.call('GET', `passivetotal/pt/dns/passive?query=${query}&output_mode=json`)).status
        );

    // Warm both paths (connections, the handler process, the credential read).
    for (let i = 0; i < 5; i += 1) {
        await direct('warm.bench.example');
        await viaApp(`warm-${String(i)}.bench.example`);
    }
    const hitQuery = 'hit.bench.example';
    await viaApp(hitQuery);
    const directHit: number[] = [];
    const appHit: number[] = [];
    const directMiss: number[] = [];
    const appMiss: number[] = [];
    for (let i = 0; i < samples; i += 1) {
        const miss = `miss-${String(i)}.bench.example`;
        directMiss.push(await direct(miss));
        appMiss.push(await viaApp(miss));
        directHit.push(await direct(hitQuery));
        appHit.push(await viaApp(hitQuery));
    }
    return {
        hitMs: Math.max(0, median(appHit) - median(directHit)),
        missMs: Math.max(0, median(appMiss) - median(directMiss)),
    };
}
