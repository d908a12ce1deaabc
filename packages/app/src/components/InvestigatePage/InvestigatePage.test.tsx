/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PassiveTotalProvider, queryString, type FetchLike } from '@passivetotal/core';
import { PASSIVETOTAL_FIXTURES_DIR } from '@passivetotal/core/testing';
import { DEMO_PT_FIXTURES_DIR } from '@passivetotal/devserver/demo';
import { STATUS_WITHOUT_PT } from '../testing/status';
import { deferredProvider, loadIntelSources, type IntelSources } from '../../investigation/intel-sources';
import { InvestigatePage } from './InvestigatePage';
import { BackendContext, type Backend, type JobHandle, type JobRequest } from '../../investigation/backend';
import { clearIntelCache } from '../../investigation/useIntel';
import { clearValueSearchCache } from '../../investigation/useValueSearch';
import { clearRecordedInvestigations } from '../../investigation/useRecentInvestigations';
import { clearJobCache } from '../../investigation/useSearchJob';
import { testIds } from '../../selectors';

const PREFIX = '/pt/';

/** The proxy, answering from core's composed fixtures (`dns/passive` → `dns-passive.json`). */
const fixtureFetch =
    (calls: string[]): FetchLike =>
    (url) => {
        calls.push(url);
        const path = url.slice(PREFIX.length).split('?')[0] ?? '';
        const file = join(PASSIVETOTAL_FIXTURES_DIR, `${path.split('/').join('-')}.json`);
        const data: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
        return Promise.resolve({ status: 200, json: () => Promise.resolve({ data, cached: false }) });
    };

const quotaFetch: FetchLike = () =>
    Promise.resolve({
        status: 429,
        json: () =>
            Promise.resolve({
                messages: [
                    { type: 'ERROR', code: 'quota_exceeded', text: 'PassiveTotal quota exceeded until 00:00 UTC.' },
                ],
            }),
    });

/** Jobs that finish at once: the sightings search finds its first candidate 3 times; the indicator has no hits. */
function jobsFor(requests: JobRequest[]) {
    return (request: JobRequest): JobHandle => {
        requests.push(request);
        const rows = request.search.includes('mvexpand pt_candidate') ? [{ pt_candidate: '0', count: '3' }] : [];
        const never = {
            subscribe: () => ({ unsubscribe: () => undefined }),
            toPromise: () => new Promise<never>(() => undefined),
        };
        return {
            getProgress: () => never,
            getResults: () => ({
                subscribe: (o) => {
                    const t = setTimeout(() => o.next?.({ results: rows }), 0);
                    return { unsubscribe: () => clearTimeout(t) };
                },
                toPromise: () => Promise.resolve({ results: rows }),
            }),
            cancel: () => never,
        };
    };
}

function setup(fetch: FetchLike) {
    const requests: JobRequest[] = [];
    const recorded: unknown[] = [];
    const backend: Backend = {
        provider: new PassiveTotalProvider({
            fetch,
            routes: (path, params) => `${PREFIX}${path}?${queryString(params)}`,
        }),
        createJob: jobsFor(requests),
        quota: () => Promise.resolve({ used: 10, limit: 100, remaining: 90 }),
        recentInvestigations: () =>
            Promise.resolve([
                {
                    user: 'jdoe',
                    indicator: 'evil.example',
                    type: 'domain',
                    time: 1_700_000_000_000,
                    internalSightings: 4,
                },
            ]),
        recordInvestigation: (r) => {
            recorded.push(r);
            return Promise.resolve();
        },
        setupHref: 'setup',
    };
    render(
        <BackendContext.Provider value={backend}>
            <InvestigatePage />
        </BackendContext.Provider>
    );
    return { requests, recorded };
}

const go = (search: string) => window.history.replaceState(null, '', `/en-US/app/passivetotal/investigate${search}`);

jest.setTimeout(20_000);

// Every test starts with the page's module caches empty: intelligence, search jobs and recent investigations.
beforeEach(() => {
    clearIntelCache();
    clearValueSearchCache();
    clearJobCache();
    clearRecordedInvestigations();
});

describe('InvestigatePage', () => {
    it('starts on the team’s recent investigations, one click away', async () => {
        go('');
        setup(fixtureFetch([]));
        const link = await screen.findByRole('link', { name: 'evil.example' });
        expect(link).toHaveAttribute('data-indicator', 'evil.example');
        await userEvent.click(link);
        expect(window.location.search).toBe('?indicator=evil.example');
        expect(await screen.findByRole('heading', { level: 2, name: 'evil.example' })).toBeInTheDocument();
    });

    it('investigates a defanged deep link: every tab, sightings from one batched job, at most three jobs', async () => {
        go('?indicator=evil%5B.%5Dexample');
        const calls: string[] = [];
        const { requests, recorded } = setup(fixtureFetch(calls));
        expect(screen.getByTestId(testIds.indicatorNormalized)).toHaveAttribute('data-value', 'evil.example');
        const count = await screen.findByTestId(testIds.internalHitsCount);
        expect(count).toHaveAttribute('data-count', '0');
        await userEvent.click(screen.getByTestId(testIds.tabResolutions));
        const badges = await screen.findAllByTestId(testIds.internalSightings);
        await waitFor(() => expect(badges[0]).toHaveAttribute('data-count'));
        expect(screen.getAllByTestId(testIds.internalSightings).some((b) => b.getAttribute('data-count') === '3')).toBe(
            true
        );
        expect(requests).toHaveLength(3);
        expect(requests.filter((r) => r.search.includes('mvexpand pt_candidate'))).toHaveLength(1);
        expect(new Set(calls).size).toBe(calls.length);
        await waitFor(() =>
            expect(recorded).toEqual([{ indicator: 'evil.example', type: 'domain', internalSightings: 0 }])
        );
    });

    it('pivots to a resolved address in the URL and returns from the session cache without new calls', async () => {
        go('?indicator=evil.example');
        const calls: string[] = [];
        const { requests } = setup(fixtureFetch(calls));
        await userEvent.click(screen.getByTestId(testIds.tabResolutions));
        const ip = (await screen.findAllByTestId(testIds.pivotLink)).find(
            (a) => a.getAttribute('data-indicator') === '198.51.100.7'
        );
        expect(ip).toBeDefined();
        await waitFor(() => expect(requests).toHaveLength(3));
        const before = calls.length;
        await userEvent.click(ip!);
        expect(new URLSearchParams(window.location.search).get('indicator')).toBe('198.51.100.7');
        expect(await screen.findByRole('heading', { level: 2, name: '198.51.100.7' })).toBeInTheDocument();
        await waitFor(() => expect(calls.length).toBeGreaterThan(before));
        const afterPivot = calls.length;
        await waitFor(() => expect(requests).toHaveLength(6));
        act(() => {
            go('?indicator=evil.example');
            window.dispatchEvent(new PopStateEvent('popstate'));
        });
        expect(await screen.findByRole('heading', { level: 2, name: 'evil.example' })).toBeInTheDocument();
        expect(screen.getByTestId(testIds.internalHitsCount)).toHaveAttribute('data-count', '0');
        expect(calls).toHaveLength(afterPivot);
        expect(requests).toHaveLength(6);
    });

    it('shows the quota error in every intelligence tab while the internal hits still work', async () => {
        go('?indicator=quota-exceeded.example');
        setup(quotaFetch);
        expect(await screen.findByTestId(testIds.internalHitsCount)).toHaveAttribute('data-count', '0');
        for (const tab of [testIds.tabSummary, testIds.tabResolutions, testIds.tabWhois, testIds.tabHostAttributes]) {
            await userEvent.click(screen.getByTestId(tab));
            const panel = screen.getByRole('tabpanel');
            const errors = await within(panel).findAllByTestId(testIds.panelError);
            expect(errors[0]).toHaveTextContent('PassiveTotal quota exceeded until 00:00 UTC.');
        }
        await userEvent.click(screen.getByTestId(testIds.tabInternal));
        expect(within(screen.getByRole('tabpanel')).queryByTestId(testIds.panelError)).toBeNull();
    });

    it('searches WHOIS by a registrant organisation and carries why into the trail', async () => {
        go('?indicator=evil.example');
        const calls: string[] = [];
        setup(fixtureFetch(calls));
        await userEvent.click(screen.getByTestId(testIds.tabWhois));
        const org = (await screen.findAllByTestId(testIds.valuePivot)).find(
            (a) => a.getAttribute('data-kind') === 'whois-organization'
        );
        expect(org).toHaveAttribute('data-value', 'Evil Corp');
        await userEvent.click(org!);
        const params = new URLSearchParams(window.location.search);
        expect([params.get('indicator'), params.get('search'), params.get('value'), params.get('about')]).toEqual([
            'evil.example',
            'whois-organization',
            'Evil Corp',
            "evil.example's registrant",
        ]);
        const results = await screen.findByTestId(testIds.valueSearchResults);
        await waitFor(() => expect(results).toHaveAttribute('data-count', '3'));
        expect(calls).toContain(`${PREFIX}whois/search?field=organization&query=Evil%20Corp&output_mode=json`);
        expect(within(results).getByTestId(testIds.eventsSearch)).toHaveAttribute(
            'href',
            expect.stringMatching(
                /^\/en-US\/app\/passivetotal\/search\?q=search\+.*Evil\+Corp.*&earliest=-7d%40h&latest=now$/
            )
        );
        const ip = within(results)
            .getAllByTestId(testIds.pivotLink)
            .find((a) => a.getAttribute('data-indicator') === '198.51.100.0');
        await userEvent.click(ip!);
        const next = new URLSearchParams(window.location.search);
        expect(next.get('indicator')).toBe('198.51.100.0');
        expect(next.get('search')).toBeNull();
        expect(JSON.parse(next.get('trail') ?? '[]')).toEqual([
            { type: 'domain', value: 'evil.example' },
            {
                type: 'ipv4',
                value: '198.51.100.0',
                via: {
                    from: 'evil.example',
                    relation: 'shared-whois-contact',
                    text: "WHOIS names the organisation Evil Corp (organisation of evil.example's registrant)",
                },
            },
        ]);
    });

    it('offers a search of the analyst’s events for the registrar, which no source searches', async () => {
        go('?indicator=evil.example&earliest=-24h&latest=now');
        setup(fixtureFetch([]));
        await userEvent.click(screen.getByTestId(testIds.tabWhois));
        const record = await screen.findByRole('table', { name: 'WHOIS record' });
        const registrar = within(record).getByRole('row', { name: /Registrar/ });
        expect(within(registrar).queryByTestId(testIds.valuePivot)).toBeNull();
        const href = within(registrar).getByTestId(testIds.eventsSearch).getAttribute('href') ?? '';
        const url = new URL(href, 'http://splunk.example');
        expect(url.pathname).toBe('/en-US/app/passivetotal/search');
        expect(url.searchParams.get('q')).toBe('search (`passivetotal_index`) "Example Registrar, Inc."');
        expect([url.searchParams.get('earliest'), url.searchParams.get('latest')]).toEqual(['-24h', 'now']);
    });

    it('asks about a URL’s host in the tabs that have no URL dataset, and says so', async () => {
        go(`?indicator=${encodeURIComponent('https://evil.example/login?next=/inbox')}`);
        const calls: string[] = [];
        setup(fixtureFetch(calls));
        await userEvent.click(screen.getByTestId(testIds.tabCertificates));
        const note = await within(screen.getByRole('tabpanel')).findByTestId(testIds.urlHost);
        expect(note).toHaveAttribute('data-host', 'evil.example');
        expect(note).toHaveTextContent("Certificates of evil.example, the URL's host.");
        expect(screen.getByRole('heading', { name: 'Certificates naming evil.example' })).toBeInTheDocument();
        await waitFor(() =>
            expect(calls).toContain(`${PREFIX}ssl-certificate/search?field=name&query=evil.example&output_mode=json`)
        );
    });

    it('names what was expected for input that is not an indicator', () => {
        go('?indicator=not%20an%20indicator');
        setup(fixtureFetch([]));
        expect(screen.getByTestId(testIds.indicatorError)).toBeInTheDocument();
    });
});

const envelope = (status: number, text: string, code: string) =>
    Promise.resolve({ status, json: () => Promise.resolve({ messages: [{ type: 'ERROR', text, code }] }) });

/**
 * The app's endpoint for the open providers, answering from the stand-in's demo fixtures (the upstream bodies the
 * handler wraps as `data`); `failing` providers answer 502 as the handler does for an upstream outage.
 */
const openFetch =
    (calls: string[], failing: readonly string[] = []): FetchLike =>
    (url) => {
        calls.push(url);
        const [path = '', search = ''] = url.split('?');
        const [, route, id = '', operation = ''] = path.split('/');
        if (route !== 'open') return envelope(503, 'PassiveTotal is not configured.', 'not_configured');
        const q = new URLSearchParams(search).get('q') ?? '';
        if (failing.includes(id)) return envelope(502, `${id} answered 502 Bad Gateway.`, 'upstream_unavailable');
        const read = (file: string) => {
            const fixture = join(DEMO_PT_FIXTURES_DIR, id, file);
            if (!existsSync(fixture)) return undefined;
            return JSON.parse(readFileSync(fixture, 'utf8').replace(/\$REPLAY_ORIGIN/g, 'http://replay')) as unknown;
        };
        const data =
            id === 'rdap'
                ? read(`${q}/${operation}.json`) && {
                      registry: read(`${q}/${operation}.json`),
                      registrar: read(`${q}/registrar/${operation}.json`) ?? null,
                  }
                : read(`${q}/${operation}.json`);
        if (data === undefined) return envelope(404, 'No data for this query.', 'not_found');
        return Promise.resolve({ status: 200, json: () => Promise.resolve({ data, cached: false, provider: id }) });
    };

function setupWithSources(fetch: FetchLike, status: Promise<unknown>) {
    const quota = jest.fn(() => Promise.resolve({ used: 1, limit: 2, remaining: 1 }));
    let sources: Promise<IntelSources> | undefined;
    const load = () =>
        (sources ??= loadIntelSources(() => status, {
            fetch,
            ptRoutes: (path, params) => `/pt/${path}?${queryString(params)}`,
            openRoutes: (path, params) => `/open/${path}?${queryString(params)}`,
        }));
    const backend: Backend = {
        provider: deferredProvider(load),
        sources: load,
        createJob: jobsFor([]),
        quota,
        recentInvestigations: () => Promise.resolve([]),
        recordInvestigation: () => Promise.resolve(),
        setupHref: 'setup',
    };
    render(
        <BackendContext.Provider value={backend}>
            <InvestigatePage />
        </BackendContext.Provider>
    );
    return { quota };
}

async function openTab(id: string) {
    await userEvent.click(screen.getByTestId(id));
    return screen.getByRole('tabpanel');
}

describe('InvestigatePage without PassiveTotal', () => {
    it('fills the tabs from the open providers once the status is read, each row with its source', async () => {
        go('?indicator=login-secure-update.example');
        const calls: string[] = [];
        let release: (body: unknown) => void = () => undefined;
        const { quota } = setupWithSources(openFetch(calls), new Promise((resolve) => (release = resolve)));
        // Until the page knows its providers, every intelligence tab loads and nothing is asked.
        expect(within(screen.getByRole('tabpanel')).getByText('Loading related indicators…')).toBeInTheDocument();
        expect(screen.getByText('Loading reputation…')).toBeInTheDocument();
        expect(calls).toEqual([]);
        act(() => release(STATUS_WITHOUT_PT));

        // Summary: each source's verdict (URLhaus is turned off in this setup, so it is not asked).
        expect(
            await screen.findByText('Malicious according to ThreatFox; suspicious according to AlienVault OTX.')
        ).toBeInTheDocument();
        expect(calls.some((c) => c.startsWith('/open/urlhaus/'))).toBe(false);

        const resolutions = await openTab(testIds.tabResolutions);
        const dns = await within(resolutions).findByRole('region', { name: 'Passive DNS' });
        const row = within(dns).getByRole('row', { name: /203\.0\.113\.77/ });
        expect(row).toHaveTextContent('mnemonic PassiveDNS');
        expect(row).toHaveTextContent('AlienVault OTX');
        expect(
            within(resolutions).getByText(/Unique resolutions come from PassiveTotal, which is not configured\./)
        ).toBeInTheDocument();

        const whois = await openTab(testIds.tabWhois);
        const record = await within(whois).findByRole('table', { name: 'WHOIS record' });
        expect(within(record).getByRole('row', { name: /Source/ })).toHaveTextContent('RDAP');
        expect(
            within(within(whois).getByRole('table', { name: 'WHOIS contacts by role' })).getAllByText('redacted').length
        ).toBeGreaterThan(0);

        const certificates = await openTab(testIds.tabCertificates);
        const certs = await within(certificates).findByRole('region', { name: 'Certificates naming the host' });
        expect(within(certs).getAllByText('crt.sh').length).toBeGreaterThan(0);
        expect(within(certs).getAllByText('Cert Spotter').length).toBeGreaterThan(0);

        const host = await openTab(testIds.tabHostAttributes);
        expect(
            within(host).getByText(/Host pairs come from PassiveTotal, which is not configured\./)
        ).toBeInTheDocument();
        expect(within(host).getAllByRole('link', { name: 'Set up providers' })[0]).toHaveAttribute('href', 'setup');

        expect(calls.some((c) => c.startsWith('/pt/'))).toBe(false);
        expect(quota).not.toHaveBeenCalled();
    });

    it('shows a failing provider above the rows of the others', async () => {
        go('?indicator=login-secure-update.example');
        setupWithSources(openFetch([], ['crtsh', 'mnemonic']), Promise.resolve(STATUS_WITHOUT_PT));
        const certificates = await openTab(testIds.tabCertificates);
        const problem = await within(certificates).findByTestId(testIds.panelError);
        expect(problem).toHaveAttribute('data-provider', 'crtsh');
        expect(problem).toHaveTextContent('crt.sh: crtsh answered 502 Bad Gateway.');
        const certs = within(certificates).getByRole('region', { name: 'Certificates naming the host' });
        expect(within(certs).getAllByText('Cert Spotter').length).toBeGreaterThan(0);
        expect(within(certs).queryByText('crt.sh')).toBeNull();
        expect(screen.getByTestId(testIds.tabCertificates)).toHaveTextContent('1 failed');

        const resolutions = await openTab(testIds.tabResolutions);
        const dns = await within(resolutions).findByRole('region', { name: 'Passive DNS' });
        expect(within(resolutions).getByTestId(testIds.panelError)).toHaveAttribute('data-provider', 'mnemonic');
        expect(within(dns).getByRole('row', { name: /203\.0\.113\.77/ })).toHaveTextContent('AlienVault OTX');
    });

    it('asks PassiveTotal alone, and says so, when the status cannot be read', async () => {
        go('?indicator=evil.example');
        const calls: string[] = [];
        setupWithSources(fixtureFetch(calls), Promise.reject(new Error('Splunk Web did not answer.')));
        expect(
            await screen.findByText(
                'The app could not tell which intelligence providers are set up (Splunk Web did not answer), so only PassiveTotal is asked.'
            )
        ).toBeInTheDocument();
        await waitFor(() => expect(calls.some((c) => c.startsWith('/pt/dns/passive?'))).toBe(true));
    });
});
