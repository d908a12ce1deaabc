import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InternalHitsTab, type InternalHits } from './InternalHitsTab';
import { done, failed, LOADING } from '../PanelStatus/remote';
import { indicator } from '../testing/recorded';
import { testIds } from '../../selectors';

const query = indicator('evil[.]example');
const hits: InternalHits = {
    total: 3,
    byIndex: [
        { index: 'proxy', sourcetype: 'squid', count: 2 },
        { index: 'dns', sourcetype: 'stream:dns', count: 1 },
    ],
    timeline: [
        { time: Date.UTC(2024, 0, 29), count: 1 },
        { time: Date.UTC(2024, 0, 30), count: 2 },
    ],
    events: [
        {
            time: '2024-01-30T08:00:01Z',
            raw: 'GET http://EVIL.example/login.php 200',
            index: 'proxy',
            sourcetype: 'squid',
            host: 'px1',
        },
        {
            time: '2024-01-29T07:00:00Z',
            raw: 'query evil.example A <script>x</script>',
            index: 'dns',
            sourcetype: 'stream:dns',
        },
    ],
};

describe('InternalHitsTab', () => {
    it('shows counts by index and sourcetype, a chart, and the events with the indicator marked', async () => {
        render(<InternalHitsTab indicator={query} hits={done(hits)} searchHref="/en-US/app/search/search?q=x" />);
        const byIndex = screen.getByRole('region', { name: 'Events by index and sourcetype' });
        expect(within(byIndex).getAllByRole('row')[1]).toHaveTextContent('proxysquid2');
        const events = screen.getByRole('region', { name: 'Local events' });
        const marks = events.querySelectorAll('mark');
        expect([...marks].map((m) => m.textContent)).toEqual(['EVIL.example', 'evil.example']);
        expect(events.querySelector('script')).toBeNull();
        expect(screen.getByRole('link', { name: /Open in Search/ })).toHaveAttribute(
            'href',
            '/en-US/app/search/search?q=x'
        );
        // The chart is loaded lazily; in jsdom (no canvas) it either renders or falls back to the SVG bars.
        expect(await screen.findByRole('heading', { name: 'Over time' })).toBeInTheDocument();
    });

    it('shows each event as one flowing text with every match marked in place, and folds long events', async () => {
        const user = userEvent.setup();
        const long = `${'x=1 '.repeat(300)}dest=www.evil.example:443 ${'y=2 '.repeat(300)}`;
        const events = [
            { time: '2024-01-30T08:00:01Z', raw: 'src=10.0.0.1 url="http://evil.example/a" host=evil.example' },
            { time: '2024-01-30T07:00:00Z', raw: long },
            { time: '2024-01-30T06:00:00Z', raw: 'line one\nline two myevil.example evil.example' },
        ];
        render(
            <InternalHitsTab
                indicator={query}
                hits={done({ ...hits, total: 3, events })}
                matchedHow="The name and names below it; any log format, raw events; last 7 days"
            />
        );
        expect(screen.getByTestId(testIds.internalHitsRule)).toHaveTextContent(
            'Matched as: The name and names below it; any log format, raw events; last 7 days.'
        );
        const items = screen.getAllByTestId(testIds.localEvent);
        expect(items).toHaveLength(3);
        // One text: the marks sit inside it, between the plain pieces.
        expect([...items[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
            'evil.example',
            'evil.example',
        ]);
        expect(items[0]).toHaveTextContent('src=10.0.0.1 url="http://evil.example/a" host=evil.example');
        // The lookalike is not marked; line breaks are kept.
        expect([...items[2]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['evil.example']);
        // The long event is folded after its first match and opens on request.
        const more = within(items[1]!).getByRole('button', {
            name: `Show all ${long.length.toLocaleString('en-US')} characters`,
        });
        expect(items[1]!.textContent.length).toBeLessThan(long.length);
        expect(items[1]!.querySelector('mark')).toHaveTextContent(/^evil\.example$/);
        await user.click(more);
        expect(items[1]).toHaveTextContent(long.trim());
        await user.click(within(items[1]!).getByRole('button', { name: 'Show less' }));
        expect(items[1]!.textContent.length).toBeLessThan(long.length);
    });

    it('CIM mode lists the matching data model rows with counts and first and last seen', () => {
        render(
            <InternalHitsTab
                indicator={indicator('203.0.113.77')}
                hits={done({
                    total: 7,
                    byIndex: [{ index: 'proxy', sourcetype: 'zscalernss-web', datamodel: 'Web', count: 7 }],
                    timeline: [],
                    events: [],
                    rows: [
                        {
                            datamodel: 'Web',
                            fields: [
                                ['src', '10.20.1.27'],
                                ['dest', '203.0.113.77'],
                            ],
                            count: 7,
                            firstSeen: Date.UTC(2024, 0, 29, 8),
                            lastSeen: Date.UTC(2024, 0, 30, 9),
                        },
                    ],
                })}
                matchedHow="Whole address; CIM data model fields (tstats); last 7 days"
            />
        );
        expect(screen.getByTestId(testIds.internalHitsRule)).toHaveAttribute('data-mode', 'cim');
        const rows = screen.getByRole('region', { name: 'Matching data model rows' });
        const row = within(rows).getAllByRole('row')[1];
        expect(row).toHaveTextContent('Websrc=10.20.1.27 dest=203.0.113.777');
        expect(row?.querySelector('mark')).toHaveTextContent('203.0.113.77');
        expect(row).toHaveTextContent('2024-01-30 09:00 UTC');
        expect(screen.queryByRole('region', { name: 'Local events' })).toBeNull();
    });

    it('says when nothing local mentions the indicator, and shows failures', () => {
        const { rerender } = render(
            <InternalHitsTab indicator={query} hits={done({ total: 0, byIndex: [], timeline: [], events: [] })} />
        );
        expect(screen.getByText('No local events mention evil.example in this time range.')).toBeInTheDocument();
        rerender(
            <InternalHitsTab
                indicator={query}
                hits={done({ total: 0, byIndex: [], timeline: [], events: [] })}
                matchedHow="The name and names below it; any log format, raw events; last 7 days"
            />
        );
        expect(
            screen.getByText(
                'No local events mention evil.example in this time range. Matched as: The name and names below it; any log format, raw events; last 7 days.'
            )
        ).toBeInTheDocument();
        rerender(<InternalHitsTab indicator={query} hits={LOADING} />);
        expect(screen.getByText('Loading local events…')).toBeInTheDocument();
        rerender(
            <InternalHitsTab indicator={query} hits={failed('the search job failed: index=proxy is not allowed')} />
        );
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent('index=proxy is not allowed');
    });
});
