import { mapOtxGeneral, mapOtxPassiveDns, otxReportedError } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('otx', name);

describe('OTX passive_dns', () => {
    it('reads rows from the query side, dates without a zone as UTC, and skips NXDOMAIN rows', () => {
        const r = mapOtxPassiveDns(fixture('passive-dns-domain'), 'www.example.com');
        expect(r.ok && r.value.records.map((x) => [x.value, x.resolve, x.recordType, x.lastSeen])).toEqual([
            ['www.example.com', '192.0.2.10', 'A', '2026-01-30T08:00:01.000Z'],
            ['www.example.com', 'edge.cdn.example.net', 'CNAME', '2023-12-31T00:00:00.000Z'],
        ]);
        const ip = mapOtxPassiveDns(fixture('passive-dns-ip'), '192.0.2.10');
        expect(ip.ok && ip.value.records.map((x) => x.value)).toEqual(['192.0.2.10', '192.0.2.10']);
        expect(ip.ok && ip.value.records.map((x) => x.resolve)).toEqual([
            'www.example.com',
            'login-secure-update.example',
        ]);
    });
});

describe('OTX general', () => {
    it('sums pulses into one entry: adversaries, malware families (objects or strings), tags united', () => {
        const r = mapOtxGeneral(fixture('general-domain'), 'login-secure-update.example');
        expect(r).toEqual({
            ok: true,
            value: {
                records: [
                    {
                        provider: 'otx',
                        verdict: 'suspicious',
                        threat: 'Example Spider',
                        malware: 'Example Stealer',
                        tags: ['phishing', 'credential-theft', 'login'],
                        firstSeen: '2025-12-24T00:00:00.000Z',
                        lastSeen: '2026-02-01T00:00:00.000Z',
                        reference: 'https://otx.alienvault.com/indicator/domain/login-secure-update.example',
                    },
                ],
                total: 1,
            },
        });
    });

    it('reads a whitelisted indicator as non-malicious, and no pulses as nothing', () => {
        const w = mapOtxGeneral(fixture('general-whitelisted'), '192.0.2.53');
        expect(w.ok && w.value.records[0]).toMatchObject({
            verdict: 'non_malicious',
            threat: '1 OTX pulse',
            reference: 'https://otx.alienvault.com/indicator/ip/192.0.2.53',
        });
        expect(mapOtxGeneral(fixture('general-empty'), 'quiet.example')).toEqual({
            ok: true,
            value: { records: [], total: 0 },
        });
        // A pulse count without the pulses (a trimmed answer) still counts.
        const counted = mapOtxGeneral({ pulse_info: { count: 4 } }, 'evil.example');
        expect(counted.ok && counted.value.records[0]).toMatchObject({ verdict: 'suspicious', threat: '4 OTX pulses' });
    });

    it('reports a body that is only `detail` as an error', () => {
        expect(otxReportedError({ detail: 'Something went wrong' })).toEqual({
            kind: 'upstream',
            reason: 'OTX: Something went wrong',
        });
        expect(otxReportedError(fixture('general-domain'))).toBeUndefined();
    });
});
