import { isReservedAddress, unreservedNames } from './reserved-names';

describe('reserved names check', () => {
    it.each(['10.20.1.27', '192.0.2.146', '198.51.100.10', '203.0.113.77', '2001:db8:4d2::77', '0.0.0.0'])(
        'accepts %s',
        (ip) => {
            expect(isReservedAddress(ip)).toBe(true);
        }
    );

    it.each(['8.8.8.8', '203.0.114.1', '2606:4700::1111', 'not an ip'])('refuses %s', (ip) => {
        expect(isReservedAddress(ip)).toBe(false);
    });

    it('finds real-world names and addresses in text, and nothing else', () => {
        expect(
            unreservedNames(
                'GET http://203.0.113.77/s Host: docs-share-portal.example ns1.bulletdns.test. ' +
                    'mail j.harlow.registrant@freemail.test Chrome/131.0.0.0 jquery-3.7.1.min.js www.example.com'
            )
        ).toEqual([]);
        expect(unreservedNames('resolver 8.8.8.8 for evil.com, mail bob@real-corp.net, v6 2606:4700::1111')).toEqual([
            '8.8.8.8',
            '2606:4700::1111',
            'evil.com',
            'real-corp.net',
        ]);
    });
});
