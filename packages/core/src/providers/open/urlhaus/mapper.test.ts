import { mapUrlhaus, urlhausReportedError } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('urlhaus', name);

describe('URLhaus', () => {
    it('is malicious while a URL is online or a blocklist lists the host, suspicious when only offline', () => {
        const verdict = (name: string) => {
            const r = mapUrlhaus(fixture(name));
            return r.ok ? r.value.records.map((e) => e.verdict) : [];
        };
        expect(verdict('host')).toEqual(['malicious']);
        expect(verdict('host-offline-listed')).toEqual(['malicious']);
        expect(verdict('host-offline')).toEqual(['suspicious']);
    });

    it('reads no_results as an empty page and other statuses as errors', () => {
        expect(mapUrlhaus(fixture('no-results'))).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(urlhausReportedError(fixture('no-results'))).toBeUndefined();
        expect(urlhausReportedError({ query_status: 'invalid_host' })).toEqual({
            kind: 'bad-request',
            reason: 'URLhaus: invalid_host',
        });
        expect(urlhausReportedError({ query_status: 'unknown_auth_key' })?.kind).toBe('unauthorized');
        expect(urlhausReportedError(fixture('host'))).toBeUndefined();
    });
});
