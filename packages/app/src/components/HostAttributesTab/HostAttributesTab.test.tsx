import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HostAttributesTab } from './HostAttributesTab';
import { done, failed, LOADING } from '../PanelStatus/remote';
import { NO_SIGHTINGS } from '../SightingBadge/sightings';
import { indicator, recorded } from '../testing/recorded';
import { testIds } from '../../selectors';

const query = indicator('evil.example');

describe('HostAttributesTab', () => {
    it('shows host pairs with their cause, trackers, components, cookies and subdomains', async () => {
        const user = userEvent.setup();
        const onPivot = jest.fn();
        render(
            <HostAttributesTab
                indicator={query}
                components={done(recorded.components)}
                trackers={done(recorded.trackers)}
                parents={done({ records: [], total: 0 })}
                children={done(recorded.hostPairsChildren)}
                cookies={done(recorded.cookies)}
                subdomains={done(recorded.subdomains)}
                sightings={NO_SIGHTINGS}
                onPivot={onPivot}
            />
        );
        const pairs = screen.getByRole('region', { name: 'Host pairs' });
        expect(within(pairs).getByRole('row', { name: /cdn\.example\.net/ })).toHaveTextContent('Child');
        expect(within(pairs).getByRole('row', { name: /cdn\.example\.net/ })).toHaveTextContent('script.src');

        const trackers = screen.getByRole('region', { name: 'Trackers' });
        await user.click(within(trackers).getByRole('link', { name: 'UA-1234567-1' }));
        expect(onPivot).toHaveBeenLastCalledWith(
            expect.objectContaining({ type: 'tracker', value: 'UA-1234567-1' }),
            undefined,
            'tracker'
        );
        expect(within(screen.getByRole('region', { name: 'Components' })).getByText('nginx')).toBeInTheDocument();
        expect(within(screen.getByRole('region', { name: 'Cookies' })).getByText('sessionid')).toBeInTheDocument();
        const subdomains = within(screen.getByRole('region', { name: 'Subdomains' }));
        expect(subdomains.getAllByTestId(testIds.pivotLink)).toHaveLength(4);
    });

    it('settles each section on its own', () => {
        render(
            <HostAttributesTab
                indicator={query}
                components={failed('PassiveTotal answered 500')}
                trackers={LOADING}
                parents={LOADING}
                children={done(recorded.hostPairsChildren)}
                cookies={done({ records: [], total: 0 })}
                subdomains={done(recorded.subdomains)}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent('Could not load web components');
        expect(screen.getByText('Loading trackers…')).toBeInTheDocument();
        expect(screen.getByText('Loading host pairs…')).toBeInTheDocument();
        expect(screen.getByText('No cookies found.')).toBeInTheDocument();
        expect(screen.getByRole('region', { name: 'Subdomains' })).toBeInTheDocument();
    });
});
