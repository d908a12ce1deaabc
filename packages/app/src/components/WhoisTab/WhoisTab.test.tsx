import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WhoisTab } from './WhoisTab';
import type { PivotHandler } from '../PivotLink/PivotLink';
import { done, failed, LOADING } from '../PanelStatus/remote';
import { SIGHTINGS_LOADING, NO_SIGHTINGS } from '../SightingBadge/sightings';
import { indicator, recorded, recordedOpen } from '../testing/recorded';
import { testIds } from '../../selectors';

const query = indicator('evil.example');

describe('WhoisTab', () => {
    it('shows the current record with contacts by role, and pivots into WHOIS searches', async () => {
        const user = userEvent.setup();
        const onPivot = jest.fn<ReturnType<PivotHandler>, Parameters<PivotHandler>>();
        render(
            <WhoisTab indicator={query} whois={done(recorded.whois)} sightings={SIGHTINGS_LOADING} onPivot={onPivot} />
        );
        const record = screen.getByRole('table', { name: 'WHOIS record' });
        expect(within(record).getByRole('row', { name: /Registrar/ })).toHaveTextContent('Example Registrar, Inc.');
        expect(within(record).getByRole('row', { name: /Registered/ })).toHaveTextContent('2014-04-14 20:00 UTC');

        const contacts = screen.getByRole('table', { name: 'WHOIS contacts by role' });
        expect(
            within(contacts)
                .getAllByRole('columnheader')
                .map((h) => h.textContent)
        ).toEqual(['Registrant', 'Admin']);

        await user.click(within(contacts).getByRole('link', { name: 'jane@evil.example' }));
        expect(onPivot).toHaveBeenLastCalledWith(
            expect.objectContaining({ type: 'email', value: 'jane@evil.example' }),
            expect.objectContaining({ relation: 'registrant-email' }),
            'whois-email'
        );
        await user.click(within(record).getByRole('link', { name: 'ns1.example.net' }));
        expect(onPivot.mock.lastCall?.[2]).toBe('whois-nameserver');

        const pending = screen
            .getAllByTestId(testIds.internalSightings)
            .find((b) => b.getAttribute('data-indicator') === 'jane@evil.example');
        expect(pending).not.toHaveAttribute('data-count');
    });

    it('shows the raw record on demand', async () => {
        const user = userEvent.setup();
        render(
            <WhoisTab indicator={query} whois={done(recorded.whois)} sightings={NO_SIGHTINGS} onPivot={jest.fn()} />
        );
        expect(screen.queryByLabelText('Raw WHOIS record')).not.toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: 'Show raw record' }));
        expect(screen.getByLabelText('Raw WHOIS record')).toHaveTextContent('Domain Name: EVIL.EXAMPLE');
    });

    it('handles an empty answer, loading and a configuration error with a way to fix it', () => {
        const { rerender } = render(
            <WhoisTab
                indicator={query}
                whois={done(recorded.whoisEmpty)}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        expect(screen.getByText('No WHOIS record found.')).toBeInTheDocument();
        rerender(<WhoisTab indicator={query} whois={LOADING} sightings={NO_SIGHTINGS} onPivot={jest.fn()} />);
        expect(screen.getByText('Loading WHOIS…')).toBeInTheDocument();
        rerender(
            <WhoisTab
                indicator={query}
                whois={failed('PassiveTotal is not configured', {
                    label: 'Configure PassiveTotal credentials',
                    href: 'setup',
                })}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        const error = screen.getByTestId(testIds.panelError);
        expect(error).toHaveTextContent('PassiveTotal is not configured');
        expect(within(error).getByRole('link', { name: 'Configure PassiveTotal credentials' })).toHaveAttribute(
            'href',
            'setup'
        );
    });

    it('says where the record came from and shows what RDAP redacted as redacted, never as a pivot', () => {
        render(
            <WhoisTab
                indicator={query}
                whois={done(recordedOpen.whoisRedacted)}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        const record = screen.getByRole('table', { name: 'WHOIS record' });
        expect(within(record).getByRole('row', { name: /Source/ })).toHaveTextContent('RDAP');
        expect(within(record).getByRole('row', { name: /Registrar/ })).toHaveTextContent('Cheap Names LLC');
        const contacts = screen.getByRole('table', { name: 'WHOIS contacts by role' });
        const email = within(contacts).getByRole('row', { name: /Email/ });
        expect(within(email).getAllByText('redacted')).toHaveLength(3);
        expect(within(email).queryByTestId(testIds.pivotLink)).toBeNull();
        expect(email).not.toHaveTextContent('[redacted]');
        expect(within(contacts).getByRole('row', { name: /Organisation/ })).toHaveTextContent('redacted');
        expect(
            screen.getByText(
                'RDAP redacted 9 fields: Registry Registrant ID, Registrant Name, Registrant Organization, Registrant Email, Tech Phone, Tech Email, Billing Name, Billing Email, Billing Phone.'
            )
        ).toBeInTheDocument();
    });

    it('shows the record of each source, each with its source', () => {
        const rdap = recordedOpen.whoisRedacted.records[0]!;
        const pt = { ...recorded.whois.records[0]!, provider: 'passivetotal' };
        render(
            <WhoisTab
                indicator={query}
                whois={done({ records: [pt, rdap], total: 2 })}
                sightings={NO_SIGHTINGS}
                onPivot={jest.fn()}
            />
        );
        const fromPt = screen.getByRole('table', { name: 'WHOIS record from PassiveTotal' });
        const fromRdap = screen.getByRole('table', { name: 'WHOIS record from RDAP' });
        expect(within(fromPt).getByRole('row', { name: /Registrar/ })).toHaveTextContent('Example Registrar, Inc.');
        expect(within(fromRdap).getByRole('row', { name: /Registrar/ })).toHaveTextContent('Cheap Names LLC');
    });
});
