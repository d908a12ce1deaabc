import { render, screen, within } from '@testing-library/react';
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

    it('says when nothing local mentions the indicator, and shows failures', () => {
        const { rerender } = render(
            <InternalHitsTab indicator={query} hits={done({ total: 0, byIndex: [], timeline: [], events: [] })} />
        );
        expect(screen.getByText('No local events mention evil.example in this time range.')).toBeInTheDocument();
        rerender(<InternalHitsTab indicator={query} hits={LOADING} />);
        expect(screen.getByText('Loading local events…')).toBeInTheDocument();
        rerender(
            <InternalHitsTab indicator={query} hits={failed('the search job failed: index=proxy is not allowed')} />
        );
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent('index=proxy is not allowed');
    });
});
