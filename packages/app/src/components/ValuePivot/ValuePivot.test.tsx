import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ValueKind } from '@passivetotal/core';
import { ValuePivot, ValuePivotContext, eventForms, type ValuePivotActions } from './ValuePivot';
import { testIds } from '../../selectors';

function actions(searches: readonly ValueKind[]): ValuePivotActions & { onSearch: jest.Mock } {
    return {
        searches,
        onSearch: jest.fn(),
        searchHref: (s) => `?search=${s.kind}&value=${encodeURIComponent(s.value)}`,
        range: { earliest: '-24h@h', latest: 'now' },
    };
}

describe('ValuePivot', () => {
    it('searches the providers by the value where one of them can, keeping where it was found', async () => {
        const a = actions(['whois-organization']);
        render(
            <ValuePivotContext.Provider value={a}>
                <ValuePivot
                    kind="whois-organization"
                    value="Secure Update Services"
                    about="evil.example's registrant"
                />
            </ValuePivotContext.Provider>
        );
        const link = screen.getByTestId(testIds.valuePivot);
        expect(link).toHaveAttribute('data-kind', 'whois-organization');
        expect(link).toHaveAttribute('href', '?search=whois-organization&value=Secure%20Update%20Services');
        await userEvent.click(link);
        expect(a.onSearch).toHaveBeenCalledWith(
            { kind: 'whois-organization', value: 'Secure Update Services' },
            "evil.example's registrant"
        );
        expect(screen.queryByTestId(testIds.eventsSearch)).toBeNull();
    });

    it('does not pretend: a value no source searches is text with a search of the analyst’s events', () => {
        const a = actions(['whois-organization', 'whois-phone']);
        render(
            <ValuePivotContext.Provider value={a}>
                <ValuePivot kind="whois-registrar" value="Bargain Names Registrar, Inc." />
                <ValuePivot kind="whois-phone" value="ask the front desk" />
                <ValuePivot kind="whois-name" value="Jon Harlow" />
            </ValuePivotContext.Provider>
        );
        expect(screen.queryByTestId(testIds.valuePivot)).toBeNull();
        const events = screen.getAllByTestId(testIds.eventsSearch);
        expect(events.map((e) => e.getAttribute('data-value'))).toEqual([
            'Bargain Names Registrar, Inc.',
            'ask the front desk',
            'Jon Harlow',
        ]);
        const url = new URL(events[0]?.getAttribute('href') ?? '', 'http://splunk.example');
        expect(url.pathname).toBe('/en-US/app/passivetotal/search');
        expect(url.searchParams.get('q')).toBe('search (`passivetotal_index`) "Bargain Names Registrar, Inc."');
        expect(url.searchParams.get('earliest')).toBe('-24h@h');
        expect(events[0]).toHaveAttribute('target', '_blank');
    });

    it('is plain text outside an investigation', () => {
        render(<ValuePivot kind="certificate-issuer" value="Demo Free TLS CA R3" />);
        expect(screen.getByText('Demo Free TLS CA R3')).toBeInTheDocument();
        expect(screen.queryByRole('link')).toBeNull();
    });

    it('looks for an AS number in events as written and bare', () => {
        expect(eventForms({ kind: 'asn', value: 'AS64501' })).toEqual(['AS64501', '64501']);
        expect(eventForms({ kind: 'network', value: '203.0.113.0/24' })).toEqual(['203.0.113.0/24']);
    });
});
