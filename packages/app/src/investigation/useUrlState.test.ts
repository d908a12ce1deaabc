import { act, renderHook } from '@testing-library/react';
import { EMPTY_TRAIL, extendTrail } from '@passivetotal/core';
import { readUrlState, urlSearch, useUrlState } from './useUrlState';

const trail = extendTrail(extendTrail(EMPTY_TRAIL, { type: 'domain', value: 'evil.example' }), {
    type: 'ipv4',
    value: '198.51.100.7',
    via: { from: 'evil.example', relation: 'resolves-to' },
});

describe('URL state', () => {
    it('reads a deep link, with the default time range of 7 days', () => {
        expect(readUrlState('?indicator=evil%5B.%5Dexample')).toEqual({
            indicator: 'evil[.]example',
            earliest: '-7d@h',
            latest: 'now',
            trail: EMPTY_TRAIL,
        });
        expect(readUrlState('?indicator=x&earliest=-24h&latest=now&pivot=whois-nameserver&pivot=bogus')).toMatchObject({
            earliest: '-24h',
            pivot: 'whois-nameserver',
        });
        expect(readUrlState('?trail=not-json').trail).toBe(EMPTY_TRAIL);
    });

    it('round-trips a state, trail included, and leaves defaults out', () => {
        const state = { indicator: '198.51.100.7', earliest: '-24h@h', latest: 'now', trail };
        expect(readUrlState(urlSearch(state))).toEqual(state);
        expect(urlSearch({ indicator: 'a.example', earliest: '-7d@h', latest: 'now', trail: EMPTY_TRAIL })).toBe(
            '?indicator=a.example'
        );
    });

    it('keeps a search by value of the investigation, and where the value was found', () => {
        const state = {
            indicator: 'login-secure-update.example',
            earliest: '-7d@h',
            latest: 'now',
            trail: EMPTY_TRAIL,
            search: { kind: 'whois-organization', value: 'Secure Update Services' },
            about: "login-secure-update.example's registrant",
        } as const;
        const text = urlSearch(state);
        expect(text).toContain('search=whois-organization&value=Secure+Update+Services');
        expect(readUrlState(text)).toEqual(state);
        expect(readUrlState('?indicator=a.example&search=bogus&value=x&about=y')).not.toHaveProperty('search');
        expect(readUrlState('?indicator=a.example&search=asn&value=%20&about=y')).not.toHaveProperty('about');
    });

    it('pushes history entries and follows back and forward', () => {
        window.history.replaceState(null, '', '/en-US/app/passivetotal/investigate');
        const { result } = renderHook(() => useUrlState());
        expect(result.current[0].indicator).toBe('');
        act(() => result.current[1]({ indicator: 'evil.example', earliest: '-7d@h', latest: 'now', trail }));
        expect(window.location.search).toContain('indicator=evil.example');
        expect(result.current[0].trail.steps).toHaveLength(2);
        act(() => {
            window.history.replaceState(null, '', '/en-US/app/passivetotal/investigate?indicator=other.example');
            window.dispatchEvent(new PopStateEvent('popstate'));
        });
        expect(result.current[0].indicator).toBe('other.example');
    });
});
