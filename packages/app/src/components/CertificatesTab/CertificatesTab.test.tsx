import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CertificatesTab, type CertificatesTabProps } from './CertificatesTab';
import { done, failed, IDLE, unavailable } from '../PanelStatus/remote';
import { NO_SIGHTINGS } from '../SightingBadge/sightings';
import { indicator, recorded, recordedOpen } from '../testing/recorded';
import { testIds } from '../../selectors';

const ip = indicator('198.51.100.7');
const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const MULTI = '89abcdef0123456789abcdef0123456789abcdef';

/**
 * The tab, by default for an address with its recorded certificate history, with the given changes; its pivot and
 * selection spies, and `rerender` with further changes.
 */
function renderTab(changes: Partial<CertificatesTabProps> = {}) {
    const onPivot = jest.fn();
    const onSelect = jest.fn();
    const props: CertificatesTabProps = {
        indicator: ip,
        history: done(recorded.certificateHistory),
        details: IDLE,
        onSelectCertificate: onSelect,
        sightings: NO_SIGHTINGS,
        onPivot,
        ...changes,
    };
    const view = render(<CertificatesTab {...props} />);
    const rerender = (more: Partial<CertificatesTabProps>) => view.rerender(<CertificatesTab {...props} {...more} />);
    return { onPivot, onSelect, rerender };
}

/**
 * A certificate's SHA-1 link pivots into a certificate search (for the relation given), and its details button
 * selects it.
 */
async function expectCertificateActions(a: {
    readonly user: ReturnType<typeof userEvent.setup>;
    readonly link: HTMLElement;
    readonly sha1: string;
    readonly relation: string;
    readonly onPivot: jest.Mock;
    readonly onSelect: jest.Mock;
}): Promise<void> {
    await a.user.click(a.link);
    expect(a.onPivot).toHaveBeenLastCalledWith(
        expect.objectContaining({ type: 'sha1', value: a.sha1 }),
        expect.objectContaining({ relation: a.relation }),
        'certificate'
    );
    await a.user.click(screen.getByRole('button', { name: `Show details of certificate ${a.sha1}` }));
    expect(a.onSelect).toHaveBeenCalledWith(a.sha1);
}

describe('CertificatesTab', () => {
    it('lists the certificate history of an address; SHA-1s pivot into certificate searches', async () => {
        const user = userEvent.setup();
        const { onPivot, onSelect } = renderTab();
        const links = screen.getAllByTestId(testIds.pivotLink).map((l) => l.getAttribute('data-indicator'));
        expect(links).toEqual(expect.arrayContaining([SHA1, '198.51.100.8', 'old.evil.example']));
        const link = screen.getAllByTestId(testIds.pivotLink).find((l) => l.getAttribute('data-indicator') === SHA1)!;
        await expectCertificateActions({ user, link, sha1: SHA1, relation: 'certificate-seen-on', onPivot, onSelect });
    });

    it('shows the full details of the selected certificate', () => {
        renderTab({ selectedCertificate: SHA1, details: done(recorded.certificates) });
        const details = screen.getByRole('region', { name: `Certificate ${SHA1}` });
        expect(within(details).getByRole('row', { name: /Serial number/ })).toHaveTextContent(
            '123456789012345678901234567890'
        );
        expect(within(details).getByRole('row', { name: /Valid until/ })).toHaveTextContent(
            '2024-02-04 23:59 UTC (expired)'
        );
        const entities = within(details).getByRole('table', { name: 'Subject and issuer' });
        expect(within(entities).getByRole('row', { name: /Common name/ })).toHaveTextContent(
            'www.evil.example' + 'Example Issuing CA'
        );
        const sans = within(details).getByRole('list', { name: 'Subject alternative names' });
        expect(
            within(sans)
                .getAllByTestId(testIds.pivotLink)
                .map((l) => l.getAttribute('data-indicator'))
        ).toEqual(['www.evil.example', 'evil.example']);
    });

    it('lists the certificates naming a domain, and shows a chosen one from its record without another call', async () => {
        const user = userEvent.setup();
        const { onPivot, onSelect, rerender } = renderTab({
            indicator: indicator('evil.example'),
            history: unavailable('PassiveTotal has no certificate history for a domain.'),
            certificates: done(recorded.certificatesForName),
        });
        expect(screen.getByRole('heading', { name: 'Certificates naming evil.example' })).toBeInTheDocument();
        const table = screen.getByRole('region', { name: 'Certificates naming the host' });
        expect(within(table).getAllByRole('row')).toHaveLength(3);
        const row = within(table).getByRole('row', { name: new RegExp(MULTI) });
        expect(row).toHaveTextContent('portal.partner.example');
        expect(row).toHaveTextContent('Example Issuing CA');
        expect(row).toHaveTextContent('2024-02-02');
        expect(
            within(row)
                .getAllByTestId(testIds.pivotLink)
                .map((l) => l.getAttribute('data-indicator'))
        ).toEqual([MULTI, 'portal.partner.example', 'portal.partner.example', 'evil.example', 'login.evil.example']);
        expect(screen.queryByText('notevil.example')).not.toBeInTheDocument();

        const link = within(row).getAllByTestId(testIds.pivotLink)[0]!;
        await expectCertificateActions({
            user,
            link,
            sha1: MULTI,
            relation: 'certificate-for-name',
            onPivot,
            onSelect,
        });

        rerender({ selectedCertificate: MULTI });
        const details = screen.getByRole('region', { name: `Certificate ${MULTI}` });
        expect(within(details).getByRole('row', { name: /Serial number/ })).toHaveTextContent('98765432109876543210');
        expect(
            within(within(details).getByRole('list', { name: 'Subject alternative names' }))
                .getAllByTestId(testIds.pivotLink)
                .map((l) => l.getAttribute('data-indicator'))
        ).toEqual(['portal.partner.example', 'evil.example', 'login.evil.example']);
    });

    it('keeps the history when the details fail', () => {
        renderTab({ selectedCertificate: SHA1, details: failed('upstream timed out') });
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent(
            'Could not load certificate details: upstream timed out'
        );
        expect(screen.getByRole('region', { name: 'Certificate history' })).toBeInTheDocument();
    });

    it('lists Certificate Transparency certificates without a SHA-1: names pivot, selection by fingerprint or serial', async () => {
        const user = userEvent.setup();
        const records = [...recordedOpen.crtsh.records, ...recordedOpen.certspotter.records];
        const { onPivot, onSelect, rerender } = renderTab({
            indicator: indicator('example.com'),
            history: IDLE,
            certificates: done({ records, total: records.length }),
        });
        const table = screen.getByRole('region', { name: 'Certificates naming the host' });
        const rows = within(table).getAllByRole('row').slice(1);
        expect(rows).toHaveLength(4);
        // No SHA-1 pivot: every link is a name.
        const links = within(table)
            .getAllByTestId(testIds.pivotLink)
            .map((l) => l.getAttribute('data-type'));
        expect(links.length).toBeGreaterThan(0);
        expect(links.every((t) => t === 'domain')).toBe(true);

        const crtsh = within(table).getByRole('row', { name: /403472224200539435599778114933805160569355/ });
        expect(crtsh).toHaveTextContent('crt.sh');
        expect(crtsh).toHaveTextContent('serial 403472224200539435599778114933805160569355');
        const FP = 'ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff';
        const spotter = within(table).getByRole('row', { name: new RegExp(FP) });
        expect(spotter).toHaveTextContent('Cert Spotter');
        await user.click(within(spotter).getByRole('link', { name: 'api.example.com' }));
        expect(onPivot).toHaveBeenLastCalledWith(
            expect.objectContaining({ type: 'domain', value: 'api.example.com' }),
            expect.anything(),
            'investigate'
        );
        await user.click(within(spotter).getByRole('button', { name: `Show details of certificate SHA-256 ${FP}` }));
        expect(onSelect).toHaveBeenLastCalledWith(`fp:${FP}`);

        rerender({ selectedCertificate: `fp:${FP}` });
        const details = screen.getByRole('region', { name: `Certificate SHA-256 ${FP}` });
        expect(within(details).getByRole('row', { name: /Source/ })).toHaveTextContent('Cert Spotter');
        expect(within(details).getByRole('row', { name: /SHA-1/ })).toHaveTextContent(
            'none: Certificate Transparency gives no SHA-1'
        );
        expect(within(details).getByRole('row', { name: /Fingerprint/ })).toHaveTextContent(FP);
        expect(
            within(within(details).getByRole('list', { name: 'Subject alternative names' })).getByRole('link')
        ).toHaveTextContent('api.example.com');
        expect(
            within(spotter).getByRole('button', { name: `Show details of certificate SHA-256 ${FP}` })
        ).toHaveAttribute('aria-pressed', 'true');
    });
});
