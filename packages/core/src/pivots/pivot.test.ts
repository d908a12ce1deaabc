import {
    mapCertificateHistory,
    mapCertificates,
    mapCertificatesForName,
    mapHostPairs,
    mapOsint,
    mapPassiveDns,
    mapSubdomains,
    mapTrackers,
    mapWhois,
} from '../providers/passivetotal/mappers';
import {
    mergePivots,
    pivotsFromCertificate,
    pivotsFromCertificateHistory,
    pivotsFromCertificatesForName,
    pivotsFromHostPairs,
    pivotsFromOsint,
    pivotsFromResolutions,
    pivotsFromSubdomains,
    pivotsFromTrackers,
    pivotsFromWhois,
    type Pivot,
} from './pivot';
import { EMPTY_TRAIL, extendTrail, pathTo, trailFromJson, trailToJson } from './investigation-trail';
import { parsedIndicator as ind, passiveTotalFixture as fixture, valueOf as value } from '../testing';

const summary = (pivots: readonly Pivot[]): string[][] =>
    pivots.map((p) => [p.indicator.type, p.indicator.value, ...p.reasons.map((r) => `${r.relation}: ${r.text}`)]);

describe('pivots', () => {
    it('from passive DNS of a domain', () => {
        const q = ind('evil.example');
        expect(summary(pivotsFromResolutions(q, value(mapPassiveDns(fixture('dns-passive'))).records))).toEqual([
            ['ipv4', '198.51.100.7', 'resolves-to: resolved to (A record)'],
            ['domain', 'ns1.example.net', 'name-server: name server (NS record)'],
            ['email', 'hostmaster@evil.example', 'soa-email: zone contact (SOA record)'],
            ['ipv6', '2001:db8::7', 'resolves-to: resolved to (AAAA record)'],
            ['domain', 'mail.evil.example', 'mail-server: mail server (MX record)'],
        ]);
    });

    it('from passive DNS of an address', () => {
        const q = ind('198.51.100.7');
        expect(
            summary(pivotsFromResolutions(q, value(mapPassiveDns(fixture('dns-passive-ip'))).records)).map((s) => s[1])
        ).toEqual(['evil.example', 'www.evil.example']);
    });

    it('from WHOIS, by contact role', () => {
        expect(summary(pivotsFromWhois(ind('evil.example'), value(mapWhois(fixture('whois'))).records))).toEqual([
            ['email', 'jane@evil.example', 'registrant-email: registrant email in WHOIS'],
            ['email', 'admin@evil.example', 'contact-email: admin email in WHOIS'],
            ['email', 'hostmaster@evil.example', 'contact-email: contact email in WHOIS'],
            ['domain', 'ns1.example.net', 'whois-name-server: name server in WHOIS'],
            ['domain', 'ns2.example.net', 'whois-name-server: name server in WHOIS'],
        ]);
    });

    it('from certificates, host pairs, trackers, subdomains and OSINT', () => {
        const sha1 = ind('0123456789abcdef0123456789abcdef01234567');
        expect(
            summary(
                pivotsFromCertificateHistory(
                    sha1,
                    value(mapCertificateHistory(fixture('ssl-certificate-history'))).records
                )
            ).map((s) => s[1])
        ).toEqual(['198.51.100.7', '198.51.100.8', 'old.evil.example']);
        expect(
            summary(
                pivotsFromCertificateHistory(
                    ind('198.51.100.7'),
                    value(mapCertificateHistory(fixture('ssl-certificate-history'))).records
                )
            )[0]
        ).toEqual([
            'sha1',
            '0123456789abcdef0123456789abcdef01234567',
            'certificate-seen-on: certificate seen on this address',
        ]);
        const cert = value(mapCertificates(fixture('ssl-certificate'))).records[0]!;
        expect(summary(pivotsFromCertificate(ind('www.evil.example'), cert))).toEqual([
            ['domain', 'evil.example', 'certificate-name: name in the certificate'],
        ]);
        expect(
            summary(
                pivotsFromHostPairs(
                    ind('www.evil.example'),
                    value(mapHostPairs(fixture('host-attributes-pairs'), 'children')).records
                )
            )
        ).toEqual([
            ['domain', 'cdn.example.net', 'child-host: child host (script.src)'],
            ['ipv4', '198.51.100.7', 'parent-host: parent host (topLevelRedirect)'],
            ['domain', 'login.evil.example', 'child-host: child host (topLevelRedirect)'],
        ]);
        const trackers = pivotsFromTrackers(
            ind('evil.example'),
            value(mapTrackers(fixture('host-attributes-trackers'))).records
        );
        expect(
            trackers.map((p) => [p.indicator.type, p.indicator.type === 'tracker' && p.indicator.trackerType])
        ).toEqual([
            ['tracker', 'GoogleAnalyticsTrackingId'],
            ['tracker', 'JarmHash'],
        ]);
        expect(
            summary(
                pivotsFromSubdomains(ind('evil.example'), value(mapSubdomains(fixture('enrichment-subdomains'))))
            ).map((s) => s[1])
        ).toEqual(['www.evil.example', 'api.evil.example', 'mail.evil.example', 'login.evil.example']);
        expect(
            summary(pivotsFromOsint(ind('evil.example'), value(mapOsint(fixture('enrichment-osint'))).records))
        ).toEqual([['ipv4', '198.51.100.7', 'osint-co-mention: named in the same Example Labs report']]);
    });

    it('from the certificates naming a domain: their SHA-1s, and the other names they carry', () => {
        const q = ind('evil.example');
        const certs = value(mapCertificatesForName(fixture('ssl-certificate-search-name'), q.intelQuery)).records;
        const pivots = pivotsFromCertificatesForName(q, certs);
        expect(summary(pivots)).toEqual([
            [
                'sha1',
                '89abcdef0123456789abcdef0123456789abcdef',
                'certificate-for-name: certificate issued for this name',
            ],
            [
                'sha1',
                'fedcba9876543210fedcba9876543210fedcba98',
                'certificate-for-name: certificate issued for this name',
            ],
            ['domain', 'portal.partner.example', 'certificate-name: name in the certificate'],
            ['domain', 'login.evil.example', 'certificate-name: name in the certificate'],
            ['email', 'hostmaster@partner.example', 'contact-email: email in the certificate subject'],
        ]);
        // The certificate's own sighting dates travel with the SHA-1 pivot; the query itself is never a pivot.
        expect(pivots[0]?.reasons[0]).toMatchObject({ firstSeen: '2023-11-04T09:00:00.000Z' });
        expect(pivots.some((p) => p.indicator.value === 'evil.example')).toBe(false);
    });

    it('merges reasons of the same value across datasets', () => {
        const q = ind('evil.example');
        const merged = mergePivots(
            pivotsFromResolutions(q, value(mapPassiveDns(fixture('dns-passive'))).records),
            pivotsFromWhois(q, value(mapWhois(fixture('whois'))).records)
        );
        expect(merged.find((p) => p.indicator.value === 'ns1.example.net')?.reasons.map((r) => r.relation)).toEqual([
            'name-server',
            'whois-name-server',
        ]);
    });
});

describe('investigation trail', () => {
    it('records what led to what', () => {
        let t = extendTrail(EMPTY_TRAIL, { type: 'domain', value: 'evil.example' });
        t = extendTrail(t, {
            type: 'ipv4',
            value: '198.51.100.7',
            via: { from: 'evil.example', relation: 'resolves-to' },
        });
        t = extendTrail(t, {
            type: 'ipv4',
            value: '198.51.100.7',
            via: { from: 'evil.example', relation: 'resolves-to' },
        });
        t = extendTrail(t, {
            type: 'domain',
            value: 'other.example',
            via: { from: '198.51.100.7', relation: 'resolved-from' },
        });
        expect(t.steps).toHaveLength(3);
        expect(pathTo(t, 'other.example').map((s) => s.value)).toEqual([
            'evil.example',
            '198.51.100.7',
            'other.example',
        ]);
        expect(Object.isFrozen(t.steps)).toBe(true);
        const back = trailFromJson(trailToJson(t));
        expect(back).toEqual({ ok: true, value: t });
    });

    it.each(['', 'nope', '{}', '[1]', '[{"type":"bogus","value":"x"}]'])('rejects %j without throwing', (text) => {
        expect(trailFromJson(text).ok).toBe(false);
    });
});
