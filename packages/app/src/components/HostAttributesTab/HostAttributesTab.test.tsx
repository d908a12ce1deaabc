import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HostAttributesTab, type HostAttributesTabProps } from './HostAttributesTab';
import { done, failed, IDLE, LOADING, unavailable } from '../PanelStatus/remote';
import { NO_SIGHTINGS } from '../SightingBadge/sightings';
import { indicator, recorded, recordedOpen } from '../testing/recorded';
import { testIds } from '../../selectors';

const query = indicator('evil.example');
const NONE = done({ records: [], total: 0 });

/** The tab for evil.example with PassiveTotal's recorded answers (no parent pairs), and the given changes. */
function renderTab(changes: Partial<HostAttributesTabProps> = {}) {
    return render(
        <HostAttributesTab
            indicator={query}
            components={done(recorded.components)}
            trackers={done(recorded.trackers)}
            parents={NONE}
            children={done(recorded.hostPairsChildren)}
            cookies={done(recorded.cookies)}
            subdomains={done(recorded.subdomains)}
            sightings={NO_SIGHTINGS}
            onPivot={jest.fn()}
            {...changes}
        />
    );
}

describe('HostAttributesTab', () => {
    it('shows host pairs with their cause, trackers, components, cookies and subdomains', async () => {
        const user = userEvent.setup();
        const onPivot = jest.fn();
        renderTab({ onPivot });
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
        renderTab({
            components: failed('PassiveTotal answered 500'),
            trackers: LOADING,
            parents: LOADING,
            cookies: NONE,
        });
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent('Could not load web components');
        expect(screen.getByText('Loading trackers…')).toBeInTheDocument();
        expect(screen.getByText('Loading host pairs…')).toBeInTheDocument();
        expect(screen.getByText('No cookies found.')).toBeInTheDocument();
        expect(screen.getByRole('region', { name: 'Subdomains' })).toBeInTheDocument();
    });

    it('shows InternetDB’s ports, software, tags and vulnerabilities with their source and terms of use', () => {
        const pt = 'Host pairs come from PassiveTotal, which is not configured.';
        render(
            <HostAttributesTab
                indicator={indicator('203.0.113.77')}
                components={done(recordedOpen.internetdbComponents)}
                trackers={unavailable('Trackers come from PassiveTotal, which is not configured.')}
                parents={unavailable(pt, { label: 'Set up providers', href: 'setup' })}
                children={unavailable(pt, { label: 'Set up providers', href: 'setup' })}
                cookies={unavailable('Cookies come from PassiveTotal, which is not configured.')}
                subdomains={IDLE}
                services={done(recordedOpen.internetdbServices)}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        expect(screen.getByText('Shodan InternetDB: non-commercial use only.')).toBeInTheDocument();
        expect(screen.getByText(pt)).toBeInTheDocument();
        expect(screen.getByRole('link', { name: 'Set up providers' })).toHaveAttribute('href', 'setup');
        const ports = screen.getByRole('region', { name: 'Open ports' });
        const rows = within(ports).getAllByRole('row').slice(1);
        expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['22', '80', '443']);
        expect(rows[0]).toHaveTextContent('Shodan InternetDB');
        const components = screen.getByRole('region', { name: 'Components' });
        const vuln = within(components).getByRole('row', { name: /CVE-2021-26855/ });
        expect(vuln).toHaveTextContent('Vulnerability');
        expect(vuln).toHaveTextContent('Shodan InternetDB');
        expect(within(components).getByRole('row', { name: /openbsd openssh/ })).toHaveTextContent('8.9p1');
    });

    it('shows no terms note for PassiveTotal’s own components', () => {
        renderTab({ children: NONE });
        expect(screen.queryByText(/non-commercial use only/)).not.toBeInTheDocument();
        expect(
            within(screen.getByRole('region', { name: 'Components' })).getAllByText('PassiveTotal').length
        ).toBeGreaterThan(0);
    });
});
