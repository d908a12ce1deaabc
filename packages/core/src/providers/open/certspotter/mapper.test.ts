import { certSpotterReportedError, mapCertSpotter } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('certspotter', name);

describe('Cert Spotter', () => {
    it('keeps one record per TBS hash, names below the query only, SHA-256 as the fingerprint', () => {
        const r = mapCertSpotter(fixture('issuances'), 'example.com');
        if (!r.ok) throw new Error(r.reason);
        expect(r.value.total).toBe(2);
        expect(r.value.records.map((c) => c.subjectAlternativeNames)).toEqual([
            ['example.com', 'www.example.com'],
            ['api.example.com'],
        ]);
        expect(r.value.records[0]?.fingerprint).toBe(Array.from({ length: 32 }, () => 'cc').join(':'));
        expect(r.value.records[0]).toMatchObject({ sha1: '', provider: 'certspotter', subject: {} });
        expect(r.value.records[1]?.issuer).toEqual({
            country: 'US',
            commonName: 'Example Free CA E5',
            organizationName: 'Example Free CA',
        });
    });

    it('reads its error body by code: rate_limited is quota', () => {
        expect(certSpotterReportedError(fixture('rate-limited'))?.kind).toBe('quota');
        expect(certSpotterReportedError({ code: 'api_discontinued', message: 'gone' })).toEqual({
            kind: 'upstream',
            reason: 'Cert Spotter: gone',
        });
        expect(certSpotterReportedError(fixture('issuances'))).toBeUndefined();
        expect(mapCertSpotter(fixture('rate-limited'), 'example.com').ok).toBe(false);
    });
});
