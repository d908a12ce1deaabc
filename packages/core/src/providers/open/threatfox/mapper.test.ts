import { mapThreatfox, threatfoxReportedError } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('threatfox', name);

describe('ThreatFox', () => {
    it('gives one entry per IOC with its threat, malware, confidence verdict and page', () => {
        const r = mapThreatfox(fixture('search'));
        expect(r.ok && r.value.records.map((e) => [e.verdict, e.threat, e.malware, e.reference])).toEqual([
            ['malicious', 'botnet_cc', 'Cobalt Strike', 'https://threatfox.abuse.ch/ioc/1400001/'],
            ['suspicious', 'payload_delivery', 'Mozi', 'https://threatfox.abuse.ch/ioc/1400002/'],
        ]);
    });

    it('reads no_result (whose data is a string) as an empty page and other statuses as errors', () => {
        expect(mapThreatfox(fixture('no-result'))).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(threatfoxReportedError(fixture('no-result'))).toBeUndefined();
        expect(threatfoxReportedError({ query_status: 'illegal_search_term', data: 'x' })?.kind).toBe('bad-request');
        expect(threatfoxReportedError({ query_status: 'unknown_auth_key' })?.kind).toBe('unauthorized');
        expect(threatfoxReportedError({ query_status: 'server_error' })?.kind).toBe('upstream');
    });
});
