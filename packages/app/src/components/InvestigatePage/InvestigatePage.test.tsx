/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PassiveTotalProvider, queryString, type FetchLike } from '@passivetotal/core';
import { InvestigatePage } from './InvestigatePage';
import { BackendContext, type Backend, type JobHandle, type JobRequest } from '../../investigation/backend';
import { clearIntelCache } from '../../investigation/useIntel';
import { clearRecordedInvestigations } from '../../investigation/useRecentInvestigations';
import { clearJobCache } from '../../investigation/useSearchJob';
import { testIds } from '../../selectors';

const FIXTURES = join(__dirname, '../../../../core/src/providers/passivetotal/fixtures');
const PREFIX = '/pt/';

/** The proxy, answering from core's composed fixtures (`dns/passive` → `dns-passive.json`). */
const fixtureFetch =
    (calls: string[]): FetchLike =>
    (url) => {
        calls.push(url);
        const path = url.slice(PREFIX.length).split('?')[0] ?? '';
        const file = join(FIXTURES, `${path.split('/').join('-')}.json`);
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

describe('InvestigatePage', () => {
    beforeEach(() => {
        clearIntelCache();
        clearJobCache();
        clearRecordedInvestigations();
    });

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

    it('names what was expected for input that is not an indicator', () => {
        go('?indicator=not%20an%20indicator');
        setup(fixtureFetch([]));
        expect(screen.getByTestId(testIds.indicatorError)).toBeInTheDocument();
    });
});
