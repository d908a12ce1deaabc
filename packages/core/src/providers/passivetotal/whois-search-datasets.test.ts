/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ON_DEMAND_DATASETS, PassiveTotalProvider } from './passivetotal-provider';
import { proxyRoutes, type FetchLike } from './proxy-client';
import { parsedIndicator as ind } from '../../testing';

const PREFIX = '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/pt/';
const WHOIS_SEARCH: unknown = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'whois-search.json'), 'utf8'));

describe('WHOIS searches a pivot asks for', () => {
    const urls: string[] = [];
    const fetchFn: FetchLike = (url) => {
        urls.push(url);
        return Promise.resolve({ status: 200, json: () => Promise.resolve({ data: WHOIS_SEARCH, cached: false }) });
    };
    const pt = new PassiveTotalProvider({ fetch: fetchFn, routes: proxyRoutes('/en-US/splunkd/__raw') });

    it('are never offered by datasetsFor, so an ordinary investigation spends no quota on them', () => {
        expect(ON_DEMAND_DATASETS).toEqual(['whois-by-email', 'whois-by-nameserver']);
        expect(pt.datasetsFor(ind('jane@evil.example'))).toEqual([]);
        for (const d of ON_DEMAND_DATASETS) expect(pt.datasetsFor(ind('ns1.evil.example'))).not.toContain(d);
    });

    it('are among the datasets PassiveTotal declares, with the quota', () => {
        expect(pt.datasets()).toEqual(expect.arrayContaining([...ON_DEMAND_DATASETS, 'quota', 'host-pairs-parents']));
        expect(pt.datasets()).not.toContain('reputation');
    });

    it('search WHOIS by email and by name server, mapped like whois/search', async () => {
        const byEmail = await pt.fetch('whois-by-email', ind('Jane[at]Evil[.]example'));
        const byNs = await pt.fetch('whois-by-nameserver', ind('NS1.evil.example.'));
        expect(urls).toEqual([
            `${PREFIX}whois/search?field=email&query=jane%40evil.example&output_mode=json`,
            `${PREFIX}whois/search?field=nameserver&query=ns1.evil.example&output_mode=json`,
        ]);
        expect(byEmail.ok && byEmail.value.records.length).toBeGreaterThan(0);
        expect(byNs.ok).toBe(true);
    });

    it('refuse the wrong indicator type with a typed error', async () => {
        await expect(pt.fetch('whois-by-email', ind('198.51.100.7'))).resolves.toMatchObject({
            ok: false,
            kind: 'unsupported',
        });
        await expect(pt.fetch('whois-by-nameserver', ind('jane@evil.example'))).resolves.toMatchObject({
            ok: false,
            kind: 'unsupported',
        });
        expect(urls).toHaveLength(2);
    });
});
