import { DEFAULT_DATASET_ORDER, type FetchLike } from '@passivetotal/core';
import { parsedIndicator as parsed } from '@passivetotal/core/testing';
import {
    deferredProvider,
    fallbackSources,
    loadIntelSources,
    sourcesFromStatus,
    wouldFillWords,
    type IntelTransport,
} from './intel-sources';
import { parseGroupOrder, parseProviderStates } from './provider-states';
import { STATUS_WITHOUT_PT } from '../components/testing/status';

const domain = parsed('login-secure-update.example');
const ip = parsed('203.0.113.77');

function transport(calls: string[] = []): IntelTransport {
    const fetch: FetchLike = (url) => {
        calls.push(url);
        return Promise.resolve({ status: 200, json: () => Promise.resolve({ data: [], cached: false }) });
    };
    return {
        fetch,
        ptRoutes: (path, params) => `/pt/${path}?q=${params.query ?? ''}`,
        openRoutes: (path, params) => `/open/${path}?q=${params.q ?? ''}`,
    };
}

describe('the providers of the status answer', () => {
    it('reads every field, keeping only known groups and provider ids', () => {
        const [rdap, circl] = parseProviderStates([
            STATUS_WITHOUT_PT.providers[0],
            { ...STATUS_WITHOUT_PT.providers[5], datasets: ['resolutions', 'nonsense'], settingsError: '' },
            { label: 'no id' },
            'nope',
        ]);
        expect(rdap).toEqual({
            id: 'rdap',
            label: 'RDAP',
            enabled: true,
            key: 'none',
            keyStored: false,
            configured: true,
            ready: true,
            datasets: ['whois'],
            note: '',
            username: null,
            settingsError: null,
        });
        expect(circl).toMatchObject({ key: 'required', configured: false, ready: false, datasets: ['resolutions'] });
        expect(parseProviderStates(undefined)).toEqual([]);
        expect(parseGroupOrder({ whois: ['rdap', 'virustotal', 'rdap'], certificates: 'crtsh' })).toMatchObject({
            whois: ['rdap'],
            certificates: DEFAULT_DATASET_ORDER.certificates,
        });
    });
});

describe('sourcesFromStatus', () => {
    const sources = sourcesFromStatus(STATUS_WITHOUT_PT, transport());

    it('asks the open providers that are ready, and not PassiveTotal without its credential', () => {
        expect(sources.passiveTotalConfigured).toBe(false);
        expect(sources.canConfigure).toBe(true);
        expect(sources.provider.datasetsFor(domain)).toEqual(
            expect.arrayContaining(['whois', 'certificates-for-name', 'resolutions', 'reputation'])
        );
        expect(sources.provider.datasetsFor(domain)).not.toContain('host-pairs-parents');
        expect(sources.provider.datasetsFor(ip)).toEqual(expect.arrayContaining(['host-services', 'components']));
    });

    it('names who would fill a dataset nobody in use fills, and why', () => {
        expect(sources.unused('host-pairs-parents', domain)).toEqual([
            { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-configured' },
        ]);
        expect(sources.unused('reputation', domain)).toEqual([
            { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-configured' },
            { id: 'urlhaus', label: 'URLhaus', reason: 'disabled' },
        ]);
        expect(sources.unused('resolutions', domain)).toEqual([
            { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-configured' },
            { id: 'circl', label: 'CIRCL Passive DNS', reason: 'needs-key' },
        ]);
        expect(sources.unused('whois-by-email', parsed('jane@evil.example'))).toEqual([
            { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-configured' },
        ]);
    });

    it('says a provider left out of the order is not in it', () => {
        const s = sourcesFromStatus(
            {
                ...STATUS_WITHOUT_PT,
                configured: true,
                datasetOrder: { ...STATUS_WITHOUT_PT.datasetOrder, whois: ['rdap'] },
            },
            transport()
        );
        expect(s.unused('whois', domain)).toEqual([
            { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-in-order' },
        ]);
    });
});

describe('wouldFillWords', () => {
    it('says who would fill a dataset, or that nobody can for the type', () => {
        expect(
            wouldFillWords('host-pairs-parents', domain, [
                { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-configured' },
            ])
        ).toBe('Host pairs come from PassiveTotal, which is not configured.');
        expect(wouldFillWords('whois', domain, [{ id: 'rdap', label: 'RDAP', reason: 'disabled' }])).toBe(
            'WHOIS comes from RDAP, which is turned off.'
        );
        expect(
            wouldFillWords('reputation', domain, [
                { id: 'otx', label: 'AlienVault OTX', reason: 'needs-key' },
                { id: 'urlhaus', label: 'URLhaus', reason: 'disabled' },
                { id: 'passivetotal', label: 'PassiveTotal', reason: 'not-in-order' },
            ])
        ).toBe(
            'Reputation could come from AlienVault OTX (needs an API key), URLhaus (turned off) or PassiveTotal (not in the order).'
        );
        expect(wouldFillWords('host-services', domain, [])).toBe('No configured source has open ports for a domain.');
        expect(wouldFillWords('certificate-history', ip, [])).toBe(
            'No configured source has certificate history for an IPv4 address.'
        );
    });
});

describe('loading the sources', () => {
    it('falls back to PassiveTotal alone, and says so, when status cannot be read', async () => {
        const sources = await loadIntelSources(
            () => Promise.reject(new Error('Splunk Web did not answer.')),
            transport()
        );
        expect(sources.notice).toBe(
            'The app could not tell which intelligence providers are set up (Splunk Web did not answer), so only PassiveTotal is asked.'
        );
        expect(sources.passiveTotalConfigured).toBe(true);
        expect(sources.provider.datasetsFor(domain)).toEqual(expect.arrayContaining(['whois', 'resolutions']));
        expect(sources.unused('host-pairs-parents', domain)).toEqual([]);
        expect(fallbackSources(transport(), 'x').canConfigure).toBe(false);
    });

    it('a deferred provider offers nothing until the sources are known, and then asks theirs', async () => {
        const calls: string[] = [];
        let release: (body: unknown) => void = () => undefined;
        const status = new Promise<unknown>((resolve) => (release = resolve));
        const pending = loadIntelSources(() => status, transport(calls));
        const provider = deferredProvider(() => pending);
        expect(provider.datasetsFor(domain)).toEqual([]);
        const answer = provider.fetch('certificates-for-name', domain);
        expect(calls).toEqual([]);
        release(STATUS_WITHOUT_PT);
        await expect(answer).resolves.toMatchObject({ ok: true });
        expect(calls.some((c) => c.startsWith('/open/crtsh/certificates?q=login-secure-update.example'))).toBe(true);
        expect(calls.some((c) => c.startsWith('/pt/'))).toBe(false);
        expect(provider.datasetsFor(domain)).toContain('certificates-for-name');
    });
});
