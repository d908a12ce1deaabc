import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResolutionsTab } from './ResolutionsTab';
import { done, failed, LOADING } from '../PanelStatus/remote';
import { NO_SIGHTINGS } from '../SightingBadge/sightings';
import { counted } from '../testing/sightings';
import { indicator, recorded } from '../testing/recorded';
import { testIds } from '../../selectors';

const query = indicator('evil.example');

function pivotLink(value: string): HTMLElement {
    const link = screen.getAllByTestId(testIds.pivotLink).find((el) => el.getAttribute('data-indicator') === value);
    if (!link) throw new Error(`no pivot link for ${value}`);
    return link;
}

describe('ResolutionsTab', () => {
    it('lists recorded passive DNS with every answer a pivot, newest first', async () => {
        const user = userEvent.setup();
        const onPivot = jest.fn();
        render(
            <ResolutionsTab
                indicator={query}
                resolutions={done(recorded.resolutions)}
                unique={done(recorded.uniqueResolutions)}
                sightings={NO_SIGHTINGS}
                onPivot={onPivot}
            />
        );
        const table = screen.getByRole('region', { name: 'Passive DNS' });
        const rows = within(table).getAllByRole('row').slice(1);
        expect(rows).toHaveLength(5);
        expect(
            within(rows[0]!)
                .getAllByRole('cell')
                .map((c) => c.textContent)
        ).toEqual([
            '198.51.100.7',
            'A',
            '2019-07-24 08:22 UTC',
            '2024-01-30 08:00 UTC',
            'PassiveTotal',
            'riskiq, pingly',
        ]);
        expect(pivotLink('hostmaster@evil.example')).toHaveAttribute('data-type', 'email');
        await user.click(pivotLink('ns1.example.net'));
        expect(onPivot).toHaveBeenCalledWith(
            expect.objectContaining({ type: 'domain', value: 'ns1.example.net' }),
            expect.objectContaining({ relation: 'name-server' }),
            'investigate'
        );
        const unique = screen.getByRole('region', { name: 'Unique resolutions' });
        expect(within(unique).getAllByRole('row')[1]).toHaveTextContent('ns1.example.net4');
    });

    it('counts internal sightings for each answer', () => {
        const sightings = counted([
            ['198.51.100.7', 5],
            ['mail.evil.example', 0],
        ]);
        render(
            <ResolutionsTab
                indicator={query}
                resolutions={done(recorded.resolutions)}
                unique={LOADING}
                sightings={sightings}
                onPivot={jest.fn()}
            />
        );
        const badges = screen.getAllByTestId(testIds.internalSightings);
        const ip = badges.find((b) => b.getAttribute('data-indicator') === '198.51.100.7');
        expect(ip).toHaveAttribute('data-count', '5');
        expect(badges.find((b) => b.getAttribute('data-indicator') === 'mail.evil.example')).toHaveAttribute(
            'data-count',
            '0'
        );
        expect(screen.getByText('Loading unique resolutions…')).toBeInTheDocument();
    });

    it('shows each section’s own loading, error and empty state', () => {
        render(
            <ResolutionsTab
                indicator={query}
                resolutions={failed('PassiveTotal quota exhausted until 2024-02-01')}
                unique={done({ ...recorded.uniqueResolutions, records: [], total: 0 })}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent(
            'Could not load passive DNS records: PassiveTotal quota exhausted until 2024-02-01'
        );
        expect(screen.getByText('No unique resolutions found.')).toBeInTheDocument();
    });

    it('says when the intelligence came from the cache', () => {
        render(
            <ResolutionsTab
                indicator={query}
                resolutions={done(recorded.resolutions, { cached: true, fetchedAt: '2024-01-30T09:15:00Z' })}
                unique={LOADING}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        expect(screen.getByText('Cached intelligence as of 2024-01-30 09:15 UTC')).toBeInTheDocument();
    });
});
