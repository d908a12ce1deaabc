import { render, screen, within } from '@testing-library/react';
import { done, unavailable } from '../PanelStatus/remote';
import { recordedOpen } from '../testing/recorded';
import { ReputationSection, verdictWords } from './ReputationSection';

const records = [
    ...recordedOpen.otxGeneral.records,
    ...recordedOpen.urlhaus.records,
    ...recordedOpen.threatfox.records,
];

describe('ReputationSection', () => {
    it('says each verdict with its sources, worst first', () => {
        expect(verdictWords(records)).toBe(
            'Malicious according to URLhaus and ThreatFox; suspicious according to AlienVault OTX and ThreatFox.'
        );
        expect(verdictWords([])).toBe('');
    });

    it('lists each source’s verdict with threat, malware, tags and a link to the source, worst first', () => {
        render(<ReputationSection reputation={done({ records, total: records.length })} />);
        expect(
            screen.getByText(
                'Malicious according to URLhaus and ThreatFox; suspicious according to AlienVault OTX and ThreatFox.'
            )
        ).toBeInTheDocument();
        const table = screen.getByRole('region', { name: 'Reputation' });
        const rows = within(table).getAllByRole('row').slice(1);
        expect(rows).toHaveLength(4);
        expect(rows[0]).toHaveTextContent('URLhaus');
        expect(rows[0]).toHaveTextContent('malicious');
        expect(rows[0]).toHaveTextContent('malware_download');
        expect(rows[0]).toHaveTextContent('elf, Mozi');
        const threatfox = rows.find((r) => r.textContent.includes('Cobalt Strike'));
        expect(threatfox).toHaveTextContent('botnet_cc');
        expect(within(threatfox!).getByRole('link', { name: 'ThreatFox page (Opens new window)' })).toHaveAttribute(
            'href',
            'https://threatfox.abuse.ch/ioc/1400001/'
        );
        const otx = rows.find((r) => r.textContent.includes('AlienVault OTX'));
        expect(otx).toHaveTextContent('suspicious');
        expect(otx).toHaveTextContent('phishing, credential-theft, login');
    });

    it('says who would fill it when no source in use can', () => {
        render(
            <ReputationSection
                reputation={unavailable(
                    'Reputation could come from AlienVault OTX (needs an API key) or URLhaus (needs an API key).',
                    {
                        label: 'Set up providers',
                        href: 'setup',
                    }
                )}
            />
        );
        expect(screen.getByText(/Reputation could come from AlienVault OTX/)).toBeInTheDocument();
        expect(screen.getByRole('link', { name: 'Set up providers' })).toHaveAttribute('href', 'setup');
    });
});
