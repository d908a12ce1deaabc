import { render, screen } from '@testing-library/react';
import { resolutionProviders, SourceBadge, SourceBadges, sourceColumn, providerOf } from './SourceBadge';

describe('SourceBadge', () => {
    it('names the provider of a record by its label, and PassiveTotal for an unstamped record', () => {
        render(
            <>
                <SourceBadge provider="crtsh" />
                <SourceBadge provider="internetdb" />
                <SourceBadge />
            </>
        );
        expect(screen.getByText('crt.sh')).toHaveAttribute('data-provider', 'crtsh');
        expect(screen.getByText('Shodan InternetDB')).toHaveAttribute('title', 'Source: Shodan InternetDB');
        expect(screen.getByText('PassiveTotal')).toHaveAttribute('data-provider', 'passivetotal');
    });

    it('lists every provider of a merged passive DNS record, but not PassiveTotal’s own sensors', () => {
        expect(resolutionProviders({ provider: 'mnemonic', sources: ['mnemonic', 'otx'] })).toEqual([
            'mnemonic',
            'otx',
        ]);
        expect(resolutionProviders({ provider: 'passivetotal', sources: ['riskiq', 'pingly', 'otx'] })).toEqual([
            'passivetotal',
            'otx',
        ]);
        expect(resolutionProviders({ sources: ['riskiq'] })).toEqual(['passivetotal']);
        render(<SourceBadges providers={['mnemonic', 'otx']} />);
        expect(screen.getByText('mnemonic PassiveDNS')).toBeInTheDocument();
        expect(screen.getByText('AlienVault OTX')).toBeInTheDocument();
    });

    it('sorts, filters and exports the source column by label', () => {
        const column = sourceColumn<{ readonly provider?: string }>(providerOf);
        expect(column.label).toBe('Source');
        expect(column.value({ provider: 'certspotter' })).toBe('Cert Spotter');
        expect(column.value({})).toBe('PassiveTotal');
    });
});
