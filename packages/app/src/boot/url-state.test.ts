import { readIndicatorParam, writeIndicatorParam } from './url-state';

describe('url-state', () => {
    it('reads the indicator of a deep link, decoded', () => {
        expect(readIndicatorParam({ search: '?indicator=hxxp%3A%2F%2Fevil%5B.%5Dexample&earliest=-7d' })).toBe(
            'hxxp://evil[.]example'
        );
        expect(readIndicatorParam({ search: '' })).toBe('');
    });

    it('pushes a shareable URL that keeps the time range', () => {
        const pushState = jest.fn();
        writeIndicatorParam(
            { pushState },
            { pathname: '/en-US/app/passivetotal/investigate', search: '?earliest=-24h', hash: '' },
            'a b&c'
        );
        expect(pushState).toHaveBeenCalledWith(
            null,
            '',
            '/en-US/app/passivetotal/investigate?earliest=-24h&indicator=a+b%26c'
        );
    });
});
