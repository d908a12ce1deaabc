/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRTSH_RESULT_LIMIT, mapCrtsh } from './mapper';

const rows: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../../../test/fixtures/open/crtsh/certificates.json'), 'utf8')
);

describe('crt.sh', () => {
    it('merges the rows of one certificate (issuer and serial) and keeps names equal to or below the query', () => {
        const r = mapCrtsh(rows, 'example.com');
        expect(r.ok && r.value.records.map((c) => c.subjectAlternativeNames)).toEqual([
            ['example.com', 'www.example.com', 'mail.example.com'],
            ['*.example.com'],
        ]);
        // `notexample.com` matched crt.sh's substring search but does not name example.com.
        expect(r.ok && r.value.total).toBe(2);
        expect(r.ok && r.value.truncated).toBeUndefined();
    });

    it('gives no SHA-1, the serial in decimal, the issuer DN read with quoted commas', () => {
        const r = mapCrtsh(rows, 'example.com');
        const [first, second] = r.ok ? r.value.records : [];
        expect(first).toMatchObject({ sha1: '', serialNumber: '403472224200539435599778114933805160569355' });
        expect(second?.issuer).toEqual({
            country: 'US',
            organizationName: 'Example Certs, Inc.',
            organizationUnitName: 'Domain Validated',
            commonName: 'Example DV CA 2',
        });
        expect(first?.provider).toBe('crtsh');
    });

    it('flags an answer cut at the result limit as truncated', () => {
        const many = Array.from({ length: CRTSH_RESULT_LIMIT }, (_, i) => ({
            issuer_ca_id: 1,
            issuer_name: 'CN=Example CA',
            common_name: `h${i}.example.com`,
            name_value: `h${i}.example.com`,
            id: i,
            not_before: '2026-01-01T00:00:00',
            not_after: '2026-04-01T00:00:00',
            serial_number: i.toString(16).padStart(2, '0'),
            result_count: 1,
        }));
        const r = mapCrtsh(many, 'example.com');
        expect(r.ok && r.value).toMatchObject({ total: CRTSH_RESULT_LIMIT, truncated: true });
        // Folded identities count too: 3 rows folding 10,000 names.
        const folded = mapCrtsh(
            [0, 1, 2].map((i) => ({ ...many[i], result_count: 4000 })),
            'example.com'
        );
        expect(folded.ok && folded.value.truncated).toBe(true);
    });

    it('refuses an answer that is not a list (crt.sh errors come as HTML)', () => {
        expect(mapCrtsh('<html>502 Bad Gateway</html>', 'example.com')).toMatchObject({ ok: false });
        expect(mapCrtsh({}, 'example.com')).toMatchObject({ ok: false });
    });
});
