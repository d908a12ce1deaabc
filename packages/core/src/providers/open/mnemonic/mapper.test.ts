import { mapMnemonic, mnemonicReportedError } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('mnemonic', name);

describe('mnemonic PassiveDNS', () => {
    it('reads lower-case rrtypes and epoch milliseconds; total is the reported count beyond the limit', () => {
        const r = mapMnemonic(fixture('resolutions-domain'), 'www.example.com');
        if (!r.ok) throw new Error(r.reason);
        expect(r.value.total).toBe(3);
        expect(r.value.records.map((x) => [x.value, x.resolve, x.recordType, x.firstSeen])).toEqual([
            ['www.example.com', '192.0.2.10', 'A', '2024-01-01T00:00:00.000Z'],
            ['www.example.com', 'edge.cdn.example.net', 'CNAME', '2023-01-01T00:00:00.000Z'],
        ]);
    });

    it('turns reverse answers around: for an address the address is the value, the name the answer', () => {
        const r = mapMnemonic(fixture('resolutions-ip'), '192.0.2.10');
        expect(r.ok && r.value.records.map((x) => [x.value, x.resolve, x.resolveType])).toEqual([
            ['192.0.2.10', 'www.example.com', 'domain'],
            ['192.0.2.10', 'mail.example.com', 'domain'],
        ]);
    });

    it('reads responseCode: 404 is empty, 402 and 429 are quota, 412 a bad request', () => {
        expect(mapMnemonic(fixture('not-found'), 'quiet.example')).toMatchObject({
            ok: true,
            value: { records: [], total: 0 },
        });
        expect(mnemonicReportedError(fixture('resource-limit'))).toEqual({
            kind: 'quota',
            reason: 'mnemonic: Resource limit exceeded (402)',
            status: 402,
        });
        expect(mnemonicReportedError({ responseCode: 429 })?.kind).toBe('quota');
        expect(mnemonicReportedError({ responseCode: 412, messages: ['limit too large'] })).toEqual({
            kind: 'bad-request',
            reason: 'mnemonic: limit too large (412)',
            status: 412,
        });
        expect(mnemonicReportedError({ responseCode: 503 })?.kind).toBe('upstream');
        expect(mnemonicReportedError(fixture('resolutions-domain'))).toBeUndefined();
        expect(mnemonicReportedError(fixture('not-found'))).toBeUndefined();
    });

    it('refuses a body whose data is not a list', () => {
        expect(mapMnemonic({ responseCode: 200, data: 'nope' }, 'x.example').ok).toBe(false);
    });
});
