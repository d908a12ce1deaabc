import { render, screen } from '@testing-library/react';
import { providerError } from '@passivetotal/core';
import { testIds } from '../../selectors';
import { ProviderProblems, problemWords } from './ProviderProblems';

describe('ProviderProblems', () => {
    it('names the provider unless its reason already does', () => {
        expect(
            problemWords({
                provider: 'crtsh',
                error: providerError('quota', 'rate limited, try again in a minute', 429),
            })
        ).toBe('crt.sh: rate limited, try again in a minute');
        expect(
            problemWords({
                provider: 'mnemonic',
                error: providerError('quota', 'mnemonic PassiveDNS: Resource limit exceeded (402)', 402),
            })
        ).toBe('mnemonic PassiveDNS: Resource limit exceeded (402)');
    });

    it('shows one message per failed provider, as a panel error naming the provider', () => {
        render(
            <ProviderProblems
                problems={[
                    { provider: 'crtsh', error: providerError('upstream', 'crt.sh answered 502 Bad Gateway.', 502) },
                    { provider: 'otx', error: providerError('unauthorized', 'the key was refused (HTTP 403)', 403) },
                ]}
            />
        );
        const messages = screen.getAllByTestId(testIds.panelError);
        expect(messages.map((m) => m.getAttribute('data-provider'))).toEqual(['crtsh', 'otx']);
        expect(messages[0]).toHaveTextContent(
            'crt.sh answered 502 Bad Gateway. The rows of the other sources are shown.'
        );
        expect(messages[1]).toHaveTextContent('AlienVault OTX: the key was refused (HTTP 403)');
    });

    it('shows nothing without problems', () => {
        const { container } = render(<ProviderProblems problems={[]} />);
        expect(container).toBeEmptyDOMElement();
    });
});
