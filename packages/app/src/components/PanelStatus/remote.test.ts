import { classifyProxyError, providerError } from '@passivetotal/core';
import { LOADING, remoteFromResult } from './remote';

const SETUP = { label: 'Configure PassiveTotal credentials', href: 'setup' };

/** The endpoint's error envelope, as the handler sends it. */
const envelope = (text: string, code?: string) => ({
    messages: [{ type: 'ERROR', text, ...(code === undefined ? {} : { code }) }],
});

describe('remoteFromResult: what each failure kind shows', () => {
    it('a user without passivetotal_query gets the endpoint’s words and no setup link (they cannot use it)', () => {
        const text =
            'Your Splunk account (viewer) may not query PassiveTotal: it needs the capability passivetotal_query ' +
            '(role passivetotal_user). Ask a Splunk administrator.';
        const result = classifyProxyError(403, envelope(text, 'forbidden'));
        expect(result.kind).toBe('not-permitted');
        expect(remoteFromResult(result, { setupHref: 'setup' })).toEqual({ state: 'error', message: text });
    });

    it('a dataset outside the PassiveTotal licence is an error without the setup link', () => {
        const text = 'The PassiveTotal account is not licensed for WHOIS (HTTP 402). Ask your account owner.';
        const result = classifyProxyError(402, envelope(text, 'not_licensed'));
        expect(result.kind).toBe('forbidden');
        expect(remoteFromResult(result, { setupHref: 'setup' })).toEqual({ state: 'error', message: text });
    });

    it.each(['not-configured', 'unauthorized'] as const)('%s offers the setup page', (kind) => {
        expect(remoteFromResult(providerError(kind, 'why'), { setupHref: 'setup' })).toEqual({
            state: 'error',
            message: 'why',
            action: SETUP,
        });
        expect(remoteFromResult(providerError(kind, 'why'))).toEqual({ state: 'error', message: 'why' });
    });

    it.each(['quota', 'bad-request', 'not-found', 'upstream', 'network', 'malformed'] as const)(
        '%s shows the reason',
        (kind) => {
            expect(remoteFromResult(providerError(kind, 'why'), { setupHref: 'setup' })).toEqual({
                state: 'error',
                message: 'why',
            });
        }
    );

    it('an aborted call is still loading and an unsupported dataset is unavailable, not an error', () => {
        expect(remoteFromResult(providerError('aborted', 'cancelled'))).toBe(LOADING);
        expect(remoteFromResult(providerError('unsupported', 'no WHOIS for e-mail'))).toEqual({
            state: 'unavailable',
            message: 'no WHOIS for e-mail',
        });
    });
});
