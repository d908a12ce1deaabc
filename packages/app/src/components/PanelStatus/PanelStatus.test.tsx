import { render, screen, within } from '@testing-library/react';
import { providerError } from '@passivetotal/core';
import { testIds } from '../../selectors';
import { PanelStatus } from './PanelStatus';
import { done, unavailable } from './remote';

describe('PanelStatus', () => {
    it('shows the providers that failed above the rows of the others', () => {
        render(
            <PanelStatus
                remote={done(
                    { records: ['row of Cert Spotter'] },
                    {
                        problems: [
                            { provider: 'crtsh', error: providerError('quota', 'rate limited, try again in a minute') },
                        ],
                    }
                )}
                what="certificates"
                isEmpty={(v) => v.records.length === 0}
            >
                {(v) => (
                    <ul aria-label="rows">
                        {v.records.map((r) => (
                            <li key={r}>{r}</li>
                        ))}
                    </ul>
                )}
            </PanelStatus>
        );
        const problem = screen.getByTestId(testIds.panelError);
        expect(problem).toHaveAttribute('data-provider', 'crtsh');
        expect(problem).toHaveTextContent('crt.sh: rate limited, try again in a minute');
        expect(within(screen.getByRole('list', { name: 'rows' })).getByText('row of Cert Spotter')).toBeInTheDocument();
        // The problem comes first in the document.
        expect(problem.compareDocumentPosition(screen.getByRole('list', { name: 'rows' }))).toBe(
            Node.DOCUMENT_POSITION_FOLLOWING
        );
    });

    it('shows the failure beside "nothing found" when the others found nothing', () => {
        render(
            <PanelStatus
                remote={done(
                    { records: [] as string[] },
                    { problems: [{ provider: 'mnemonic', error: providerError('upstream', 'answered 503', 503) }] }
                )}
                what="passive DNS records"
                isEmpty={(v) => v.records.length === 0}
            >
                {() => null}
            </PanelStatus>
        );
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent('mnemonic PassiveDNS: answered 503');
        expect(screen.getByText('No passive DNS records found.')).toBeInTheDocument();
    });

    it('says which provider would fill a section nobody in use can, with the way to set it up', () => {
        render(
            <PanelStatus
                remote={unavailable('Host pairs come from PassiveTotal, which is not configured.', {
                    label: 'Set up providers',
                    href: 'setup',
                })}
                what="host pairs"
            >
                {() => null}
            </PanelStatus>
        );
        expect(screen.getByText(/Host pairs come from PassiveTotal, which is not configured\./)).toBeInTheDocument();
        expect(screen.getByRole('link', { name: 'Set up providers' })).toHaveAttribute('href', 'setup');
        expect(screen.queryByTestId(testIds.panelError)).toBeNull();
    });
});
