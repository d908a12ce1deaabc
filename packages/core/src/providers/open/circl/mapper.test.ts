import { mapCircl, parseCof } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('circl', name);

describe('CIRCL (COF NDJSON)', () => {
    it('skips and counts lines that are not records; empty lines are not counted', () => {
        const r = mapCircl(fixture('resolutions'), 'www.example.com');
        if (!r.ok) throw new Error(r.reason);
        expect(r.value.skippedLines).toBe(3);
        expect(r.value.resolutions.records).toHaveLength(6);
    });

    it('reads rdata lists and strings, numeric rrtypes, numeric strings, millisecond and zone times', () => {
        const r = mapCircl(fixture('resolutions'), 'www.example.com');
        const rows = r.ok ? r.value.resolutions.records : [];
        expect(rows.map((x) => [x.resolve, x.recordType])).toEqual([
            ['192.0.2.10', 'A'],
            ['192.0.2.11', 'A'],
            ['edge.cdn.example.net', 'CNAME'],
            ['192.0.2.10', 'A'],
            ['1 . alpn=h2', 'TYPE65280'],
            ['2001:db8::10', 'AAAA'],
        ]);
        expect(rows[4]?.resolveType).toBe('unknown');
        // The documentation's address-as-rrname record is read the right way round, its times from strings.
        expect(rows[3]).toMatchObject({ value: 'www.example.com', firstSeen: '2020-09-13T12:26:40.000Z' });
        expect(rows[5]).toMatchObject({ firstSeen: '2024-01-01T00:00:00.123Z', lastSeen: '2024-01-02T00:00:00.456Z' });
    });

    it('accepts the text itself and refuses anything without it', () => {
        expect(parseCof('\n\n', 'x.example')).toEqual({
            resolutions: { queryValue: 'x.example', records: [], total: 0 },
            skippedLines: 0,
        });
        expect(mapCircl('{"rrname":"a.example","rrtype":"A","rdata":"192.0.2.1"}', 'a.example')).toMatchObject({
            ok: true,
            value: { skippedLines: 0, resolutions: { total: 1 } },
        });
        expect(mapCircl({ data: [] }, 'x.example').ok).toBe(false);
    });
});
