import { render, screen } from '@testing-library/react';
import { IndicatorHeader, openInSearchHref } from './IndicatorHeader';
import { done, LOADING } from '../PanelStatus/remote';
import { indicator, recorded } from '../testing/recorded';
import { ValuePivotContext } from '../ValuePivot/ValuePivot';
import { testIds } from '../../selectors';

describe('IndicatorHeader', () => {
    it('offers the ASN and the network, which no source maps to addresses, as searches of the analyst’s events', () => {
        render(
            <ValuePivotContext.Provider
                value={{
                    searches: ['whois-organization'],
                    onSearch: jest.fn(),
                    searchHref: () => '',
                    range: { earliest: '-7d@h', latest: 'now' },
                }}
            >
                <IndicatorHeader indicator={indicator('198.51.100.7')} enrichment={done(recorded.enrichmentIp)} />
            </ValuePivotContext.Provider>
        );
        const [asn, network] = screen.getAllByTestId(testIds.eventsSearch);
        const q = (a: HTMLElement | undefined) =>
            new URL(a?.getAttribute('href') ?? '', 'http://splunk.example').searchParams.get('q');
        expect(q(asn)).toBe('search (`passivetotal_index`) ("AS64500" OR "64500")');
        expect(q(network)).toBe('search (`passivetotal_index`) "198.51.100.0/24"');
        expect(screen.queryByTestId(testIds.valuePivot)).toBeNull();
    });

    it('shows classification, tags, flags and network facts of the enrichment', () => {
        render(
            <IndicatorHeader
                indicator={indicator('198.51.100.7')}
                enrichment={done(recorded.enrichmentIp)}
                quota={done(recorded.quota)}
                searchHref={openInSearchHref('(`passivetotal_index`) TERM(198.51.100.7)', {
                    earliest: '-7d@h',
                    latest: 'now',
                })}
            />
        );
        expect(screen.getByRole('heading', { level: 2, name: '198.51.100.7' })).toBeInTheDocument();
        expect(screen.getByText('Unclassified')).toBeInTheDocument();
        expect(screen.getByText('Sinkhole')).toBeInTheDocument();
        expect(screen.queryByText('Ever compromised')).not.toBeInTheDocument();
        expect(screen.getByText('routable')).toBeInTheDocument();
        expect(screen.getByText('ASN').parentElement).toHaveTextContent('AS64500 EXAMPLE-NET');
        expect(screen.getByText('198.51.100.0/24')).toBeInTheDocument();
        expect(screen.getByText(/quota: 1,012 of 1,000 used, 0 left/)).toBeInTheDocument();
        expect(screen.getByRole('link', { name: /Open in Search/ })).toHaveAttribute(
            'href',
            '/en-US/app/search/search?q=search+%28%60passivetotal_index%60%29+TERM%28198.51.100.7%29&earliest=-7d%40h&latest=now'
        );
    });

    it('shows what the user has used of their own daily PassiveTotal lookups next to the quota', () => {
        const mine = { used: 180, limit: 500 };
        const { unmount } = render(
            <IndicatorHeader
                indicator={indicator('198.51.100.7')}
                enrichment={done(recorded.enrichmentIp)}
                quota={done({ ...recorded.quota, mine })}
            />
        );
        expect(screen.getByText(/quota: 1,012 of 1,000 used, 0 left/)).toBeInTheDocument();
        expect(screen.getByText(/you have used 180 of your 500 PassiveTotal lookups today/)).toBeInTheDocument();
        unmount();
        // Without the account's counts (PassiveTotal did not say), the user's own use is still shown.
        render(
            <IndicatorHeader
                indicator={indicator('198.51.100.7')}
                enrichment={done(recorded.enrichmentIp)}
                quota={done({ mine: { used: 2000, limit: 2000 } })}
            />
        );
        expect(screen.queryByText(/PassiveTotal quota/)).not.toBeInTheDocument();
        expect(screen.getByText('you have used 2,000 of your 2,000 PassiveTotal lookups today')).toBeInTheDocument();
    });

    it('flags a malicious, once compromised domain', () => {
        render(<IndicatorHeader indicator={indicator('evil.example')} enrichment={done(recorded.enrichmentDomain)} />);
        expect(screen.getByText('Malicious')).toBeInTheDocument();
        expect(screen.getByText('Ever compromised')).toBeInTheDocument();
        expect(screen.getByText('phishing')).toBeInTheDocument();
    });

    it('keeps the indicator visible while the enrichment loads', () => {
        render(<IndicatorHeader indicator={indicator('evil.example')} enrichment={LOADING} />);
        expect(screen.getByRole('heading', { name: 'evil.example' })).toBeInTheDocument();
        expect(screen.getByText('Loading enrichment')).toBeInTheDocument();
    });
});
