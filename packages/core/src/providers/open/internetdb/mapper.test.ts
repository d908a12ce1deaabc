import { INTERNETDB_CATEGORIES, cpeComponent, mapInternetDbComponents, mapInternetDbServices } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('internetdb', name);

describe('Shodan InternetDB', () => {
    it('lists distinct open ports in order as services', () => {
        const r = mapInternetDbServices(fixture('host'), '203.0.113.77');
        expect(r.ok && r.value.records.map((s) => [s.port, s.status, s.provider])).toEqual([
            [22, 'open', 'internetdb'],
            [80, 'open', 'internetdb'],
            [443, 'open', 'internetdb'],
        ]);
    });

    it('lists CPEs, tags, vulnerabilities (upper case, distinct) and host names as components by category', () => {
        const r = mapInternetDbComponents(fixture('host'), '203.0.113.77');
        const by = (category: string) =>
            r.ok ? r.value.records.filter((c) => c.category === category).map((c) => c.label) : [];
        expect(by(INTERNETDB_CATEGORIES.vulnerability)).toEqual(['CVE-2021-26855', 'CVE-2023-0001']);
        expect(by(INTERNETDB_CATEGORIES.hostname)).toEqual(['mail.example.com', 'login-secure-update.example']);
        expect(by(INTERNETDB_CATEGORIES.tag)).toEqual(['starttls', 'self-signed', 'eol-os']);
    });

    it('reads the "No information available" body (its 404) as an address with nothing', () => {
        expect(mapInternetDbServices(fixture('no-information'), '192.0.2.1')).toEqual({
            ok: true,
            value: { records: [], total: 0 },
        });
        expect(mapInternetDbComponents(fixture('no-information'), '192.0.2.1')).toEqual({
            ok: true,
            value: { records: [], total: 0 },
        });
    });

    it('reads CPE 2.2 and 2.3 names', () => {
        expect(cpeComponent('cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*', '192.0.2.1')).toEqual({
            host: '192.0.2.1',
            label: 'apache http server',
            category: INTERNETDB_CATEGORIES.application,
            version: '2.4.58',
            provider: 'internetdb',
        });
        expect(cpeComponent('cpe:/o:linux:linux_kernel', '192.0.2.1')).toMatchObject({
            label: 'linux linux kernel',
            category: INTERNETDB_CATEGORIES.operatingSystem,
        });
        expect(cpeComponent('cpe:/a:nginx:nginx:1.18.0', '192.0.2.1').label).toBe('nginx');
    });
});
