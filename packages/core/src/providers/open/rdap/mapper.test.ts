import type { WhoisRecord } from '../../../model/intel-model';
import { parseIndicator } from '../../../indicators/parse-indicator';
import { pivotsFromWhois } from '../../../pivots/pivot';
import { mapRdap, rdapReportedError, readJCard, REDACTED } from './mapper';
import { openFixture } from '../../../testing';

const fixture = (name: string): unknown => openFixture('rdap', name);

function only(json: unknown): WhoisRecord {
    const r = mapRdap(json);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.records).toHaveLength(1);
    const [record] = r.value.records;
    if (!record) throw new Error('no record');
    return record;
}

describe('RDAP: thin registry and registrar', () => {
    const w = only(fixture('domain-thin'));

    it('takes dates, name servers and status from the registry, contacts from the registrar', () => {
        expect(w).toMatchObject({
            domain: 'example.com',
            registrar: 'Example Registrar, Inc.',
            registered: '1997-09-15T04:00:00.000Z',
            expires: '2028-09-14T04:00:00.000Z',
            updated: '2024-08-14T07:01:44.000Z',
            lastLoaded: '2026-01-20T10:00:00.000Z',
            whoisServer: 'whois.registry.example',
            nameServers: ['ns1.example.net', 'ns2.example.net'],
            contactEmail: 'abuse@registrar.example',
            provider: 'rdap',
        });
        expect(w.domainStatus).toEqual([
            'client transfer prohibited',
            'server delete prohibited',
            'client update prohibited',
        ]);
        expect(w.contacts.registrant).toMatchObject({ organization: 'Example Corp', state: 'CA', country: 'US' });
    });

    it("does not take the registrar's own technical contact for the domain's", () => {
        expect(w.contacts.tech?.name).toBe('Hostmaster');
        expect(w.contacts.tech?.email).toBe(REDACTED);
    });

    it('shows redacted fields as [redacted] and lists them', () => {
        expect(w.contacts.registrant).toMatchObject({ name: REDACTED, email: REDACTED, telephone: REDACTED });
        expect(w.contacts.admin).toMatchObject({ name: REDACTED, email: REDACTED, organization: 'Example Corp' });
        expect(w.redacted).toEqual(expect.arrayContaining(['Registrant Name', 'Registrant Email', 'Tech Email']));
    });

    it('never offers [redacted] as a pivot', () => {
        const query = parseIndicator('example.com');
        if (!query.ok) throw new Error(query.reason);
        const values = pivotsFromWhois(query.value, [w]).map((p) => p.indicator.value);
        expect(values).toEqual(['abuse@registrar.example', 'ns1.example.net', 'ns2.example.net']);
    });

    it('reads the registry alone when the registrar answer is missing or an error', () => {
        const { registry } = fixture('domain-thin') as { registry: unknown };
        const alone = only({ registry, registrar: null });
        expect(alone.contacts).toEqual({});
        expect(alone.contactEmail).toBe('abuse@registrar.example');
        const errored = only({ registry, registrar: { errorCode: 404, title: 'Not Found' } });
        expect(errored).toEqual(alone);
        expect(only(registry)).toEqual(alone);
    });
});

describe('RDAP: RFC 9537 redaction', () => {
    const w = only(fixture('domain-redacted'));

    it('creates the contacts a removal redacted, with [redacted] fields, never empty ones', () => {
        expect(w.contacts.registrant).toEqual({ name: REDACTED, organization: REDACTED, email: REDACTED });
        expect(w.contacts.tech).toEqual({ telephone: REDACTED, email: REDACTED });
    });

    it('reads "REDACTED FOR PRIVACY" values and empty values as redacted', () => {
        expect(w.contacts.billing).toEqual({ name: REDACTED, email: REDACTED, telephone: REDACTED });
    });

    it('lists every redacted field name, the server-given ones first', () => {
        expect(w.redacted?.slice(0, 6)).toEqual([
            'Registry Registrant ID',
            'Registrant Name',
            'Registrant Organization',
            'Registrant Email',
            'Tech Phone',
            'Tech Email',
        ]);
        expect(w.redacted).toContain('Billing Email');
    });
});

describe('RDAP: jCard', () => {
    it('reads structured addresses with street lines, pref order, fax, kind org and contact-uri', () => {
        const w = only(fixture('domain-jcard'));
        expect(w.contacts.registrant).toEqual({
            organization: 'Exemple SA',
            email: 'legal@exemple.example',
            street: "1 rue de l'Exemple, Batiment B",
            city: 'Paris',
            postalCode: '75001',
            country: 'FR',
            telephone: '+33.155550100',
            fax: '+33.155550199',
        });
        expect(w.contacts.admin).toMatchObject({
            name: 'Jean Exemple',
            email: 'contact-form@exemple.example',
            street: "1 rue de l'Exemple, Paris, France",
        });
        // An organisation given as units; the registrar's empty `fn` is not its name.
        expect(w.registrar).toBe('Example Registrar SAS, Registry Services');
    });

    it('tolerates null values, missing vCards and odd properties', () => {
        expect(readJCard(undefined)).toEqual({ contact: {}, redactedFields: [] });
        expect(readJCard(['vcard', [['adr', {}, 'text', null], ['fn'], 42, ['tel', {}, 'uri', 'tel:+1.555']]])).toEqual(
            { contact: { telephone: '+1.555' }, redactedFields: [] }
        );
        expect(readJCard(['vcard', [['adr', { cc: 'de' }, 'text', ['', '', '', '', '', '', '']]]]).contact).toEqual({
            country: 'DE',
        });
    });
});

describe('RDAP: IP networks and AS numbers', () => {
    it('names an IPv4 network by its CIDR, the RIR as registrar, POCs nested in the organisation', () => {
        const w = only(fixture('ip-network'));
        expect(w).toMatchObject({ domain: '198.51.100.0/24', registrar: 'ARIN', contactEmail: 'abuse@example.net' });
        expect(w.contacts.registrant).toEqual({
            organization: 'Example Networks',
            street: '100 Example St, Anytown, CA, 90000, United States',
        });
        expect(w.contacts.tech).toEqual({ name: 'Network Operations', email: 'noc@example.net' });
        expect(w.rawText).toContain('Name: EXAMPLE-NET-1');
        expect(w.rawText).toContain('Origin AS: AS64500');
    });

    it('reads RIPE quirks: IPv6 CIDR, suffixed addresses, maintainer stubs, an abuse role object', () => {
        const w = only(fixture('ip-network-ripe'));
        expect(w).toMatchObject({ domain: '2001:db8::/32', registrar: 'RIPE NCC', contactEmail: 'abuse@example.nl' });
        expect(w.contacts.registrant?.organization).toBe('Example B.V.');
        expect(w.rawText).toContain('Range: 2001:db8:: - 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff');
        expect(w.rawText).toContain('Country: NL');
    });

    it('names an AS number', () => {
        const w = only(fixture('autnum'));
        expect(w).toMatchObject({ domain: 'AS64500', registrar: 'ARIN', contactEmail: 'abuse@example.net' });
        expect(w.rawText).toContain('Name: EXAMPLE-AS');
    });
});

describe('RDAP: errors', () => {
    it('reads a 404 error body (not registered) as an empty page and reports other errors by code', () => {
        expect(mapRdap(fixture('not-found'))).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(rdapReportedError(fixture('not-found'))).toBeUndefined();
        expect(rdapReportedError({ registry: { errorCode: 429, title: 'Too Many Requests' } })).toEqual({
            kind: 'quota',
            reason: 'RDAP: Too Many Requests (429)',
            status: 429,
        });
        expect(rdapReportedError({ errorCode: 501, title: '501 Not Implemented' })?.kind).toBe('unsupported');
        expect(rdapReportedError({ registry: { errorCode: 400, description: ['bad'] } })?.kind).toBe('bad-request');
        expect(rdapReportedError(fixture('domain-thin'))).toBeUndefined();
    });

    it('refuses what is not an RDAP answer', () => {
        expect(mapRdap({ something: 1 }).ok).toBe(false);
        expect(mapRdap([]).ok).toBe(false);
    });
});
