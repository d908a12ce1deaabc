import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LandingPanel, type RecentInvestigation } from './LandingPanel';
import { done, LOADING } from '../PanelStatus/remote';
import { testIds } from '../../selectors';

const recent: readonly RecentInvestigation[] = [
    { user: 'analyst', indicator: 'evil.example', type: 'domain', time: '2024-01-30T08:00:00Z', internalSightings: 4 },
    { user: 'admin', indicator: '198.51.100.7', type: 'ipv4', time: '2024-01-31T09:00:00Z' },
];

describe('LandingPanel', () => {
    it('explains the page and lists the team’s recent investigations, newest first, one click away', async () => {
        const user = userEvent.setup();
        const onOpen = jest.fn();
        render(<LandingPanel recent={done(recent)} onOpen={onOpen} />);
        expect(screen.getByText(/asks PassiveTotal and your Splunk indexes at the same time/)).toBeInTheDocument();
        const table = screen.getByRole('region', { name: 'Recent investigations' });
        const rows = within(table).getAllByRole('row').slice(1);
        expect(rows[0]).toHaveTextContent('198.51.100.7IPv4 addressadmin2024-01-31 09:00 UTC');
        expect(rows[1]).toHaveTextContent('evil.exampledomainanalyst2024-01-30 08:00 UTC4');
        const link = within(rows[1]!).getByTestId(testIds.pivotLink);
        expect(link).toHaveAttribute('href', '?indicator=evil.example');
        await user.click(link);
        expect(onOpen).toHaveBeenCalledWith(
            expect.objectContaining({ value: 'evil.example' }),
            undefined,
            'investigate'
        );
    });

    it('loads, then says when there is nothing yet', () => {
        const { rerender } = render(<LandingPanel recent={LOADING} onOpen={jest.fn()} />);
        expect(screen.getByText('Loading recent investigations…')).toBeInTheDocument();
        rerender(<LandingPanel recent={done([])} onOpen={jest.fn()} />);
        expect(screen.getByText('No investigations yet. Yours will appear here for the team.')).toBeInTheDocument();
    });
});
