/// <reference types="node" />
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCompositeProvider } from '../providers/composite';
import { PassiveTotalProvider } from '../providers/passivetotal/passivetotal-provider';
import { openProxyRoutes, proxyRoutes, type FetchLike } from '../providers/passivetotal/proxy-client';
import { eventsSearch } from '../spl/events-search';
import { lexSpl } from '../testing/spl-lexer';
import { EMPTY_TRAIL, extendTrail, trailFromJson, trailToJson } from './investigation-trail';
import { pivotsFromValueSearch } from './pivot';
import {
    VALUE_KINDS,
    VALUE_KIND_IDS,
    searchable,
    valueSearch,
    valueSearchWords,
    type ValueSearch,
} from './value-search';

const PREFIX = '/en-US/splunkd/__raw/servicesNS/nobody/passivetotal/passivetotal/pt/';
const fixture = (name: string): unknown =>
    JSON.parse(readFileSync(join(__dirname, '..', 'providers', 'passivetotal', 'fixtures', name), 'utf8'));

/** A transport answering every call with the same body, recording the URLs asked. */
function transport(body: unknown): { fetch: FetchLike; urls: string[] } {
    const urls: string[] = [];
    const fetch: FetchLike = (url) => {
        urls.push(url);
        return Promise.resolve({ status: 200, json: () => Promise.resolve({ data: body, cached: false }) });
    };
    return { fetch, urls };
}

const org: ValueSearch = { kind: 'whois-organization', value: 'Secure Update Services' };

describe('value kinds', () => {
    it('search WHOIS by name, organisation, phone and address, certificates by issuer, subject and serial', () => {
        const searched = VALUE_KIND_IDS.filter((k) => VALUE_KINDS[k].search !== undefined);
        expect(searched).toEqual([
            'whois-name',
            'whois-organization',
            'whois-phone',
            'whois-address',
            'certificate-issuer',
            'certificate-issuer-organization',
            'certificate-subject',
            'certificate-subject-organization',
            'certificate-serial',
        ]);
    });

    it('never pretend: the registrar, an ASN and a network have no source, only the analyst’s events', () => {
        for (const kind of ['whois-registrar', 'asn', 'network'] as const) {
            expect(searchable({ kind, value: 'Bargain Names Registrar, Inc.' })).toBe(false);
        }
    });

    it('send only values the endpoint takes', () => {
        expect(searchable(org)).toBe(true);
        expect(searchable({ kind: 'whois-phone', value: '+1.5550100147' })).toBe(true);
        expect(searchable({ kind: 'whois-phone', value: 'call us' })).toBe(false);
        expect(searchable({ kind: 'whois-organization', value: 'a'.repeat(257) })).toBe(false);
        for (const bad of ['100% Evil', 'a..b', 'C:\\corp', 'x://y', 'tab\there'])
            expect(searchable({ kind: 'whois-name', value: bad })).toBe(false);
        expect(valueSearch('whois-name', '   ')).toBeUndefined();
        expect(valueSearch('certificate-issuer', ' Demo CA ')).toEqual({
            kind: 'certificate-issuer',
            value: 'Demo CA',
        });
        expect(valueSearchWords(org)).toBe('the organisation Secure Update Services');
    });
});

describe('PassiveTotal value searches', () => {
    it('ask whois/search and ssl-certificate/search with the kind’s field, the value kept as written', async () => {
        const whois = transport(fixture('whois-search.json'));
        const pt = new PassiveTotalProvider({ fetch: whois.fetch, routes: proxyRoutes('/en-US/splunkd/__raw') });
        const found = await pt.searchValue(org);
        expect(whois.urls).toEqual([
            `${PREFIX}whois/search?field=organization&query=Secure%20Update%20Services&output_mode=json`,
        ]);
        expect(found.ok && found.value.source === 'whois' && found.value.page.records.length).toBeGreaterThan(0);

        const certs = transport({ results: [{ sha1: '05005010a96416bdbb9af136b1fe34b5a1496b8a' }] });
        const pt2 = new PassiveTotalProvider({ fetch: certs.fetch, routes: proxyRoutes('/en-US/splunkd/__raw') });
        const issued = await pt2.searchValue({ kind: 'certificate-issuer', value: 'Demo Free TLS CA R3' });
        expect(certs.urls[0]).toBe(
            `${PREFIX}ssl-certificate/search?field=issuerCommonName&query=Demo%20Free%20TLS%20CA%20R3&output_mode=json`
        );
        expect(issued).toMatchObject({
            ok: true,
            value: {
                source: 'certificates',
                page: { records: [{ sha1: '05005010a96416bdbb9af136b1fe34b5a1496b8a' }] },
            },
        });
    });

    it('refuse a kind without a search, asking nothing', async () => {
        const t = transport({});
        const pt = new PassiveTotalProvider({ fetch: t.fetch, routes: proxyRoutes('/en-US/splunkd/__raw') });
        await expect(pt.searchValue({ kind: 'asn', value: 'AS64501' })).resolves.toMatchObject({
            ok: false,
            kind: 'unsupported',
        });
        expect(t.urls).toEqual([]);
    });

    it('are offered by the composite only while PassiveTotal is configured', async () => {
        const t = transport(fixture('whois-search.json'));
        const setup = { fetch: t.fetch, ptRoutes: proxyRoutes('/x'), openRoutes: openProxyRoutes('/x') };
        const withPt = createCompositeProvider({ ...setup, configured: ['passivetotal', 'rdap', 'crtsh'] });
        const openOnly = createCompositeProvider({ ...setup, configured: ['rdap', 'crtsh'] });
        expect(withPt.valueSearches()).toContain('whois-organization');
        expect(withPt.valueSearches()).not.toContain('whois-registrar');
        expect(openOnly.valueSearches()).toEqual([]);
        await expect(openOnly.searchValue(org)).resolves.toMatchObject({ ok: false, kind: 'unsupported' });
        const found = await withPt.searchValue(org);
        expect(found.ok && found.value.page.records.every((r) => r.provider === 'passivetotal')).toBe(true);
    });
});

describe('pivots from a value search', () => {
    it('carry why they are related, with where the value was found', () => {
        const pivots = pivotsFromValueSearch(
            org,
            {
                source: 'whois',
                page: {
                    records: [
                        { domain: 'docs-share-portal.example', contacts: {}, nameServers: [], domainStatus: [] },
                        { domain: 'not a domain', contacts: {}, nameServers: [], domainStatus: [] },
                    ],
                    total: 2,
                },
            },
            "login-secure-update.example's registrant"
        );
        expect(pivots.map((p) => p.indicator.value)).toEqual(['docs-share-portal.example']);
        expect(pivots).toMatchObject([
            {
                reasons: [
                    {
                        relation: 'shared-whois-contact',
                        text: "WHOIS names the organisation Secure Update Services (organisation of login-secure-update.example's registrant)",
                        dataset: 'whois',
                    },
                ],
            },
        ]);
    });

    it('keep their words in a shared trail', () => {
        const text = 'certificate with the certificate issuer Demo Free TLS CA R3';
        const trail = extendTrail(extendTrail(EMPTY_TRAIL, { type: 'domain', value: 'evil.example' }), {
            type: 'sha1',
            value: '05005010a96416bdbb9af136b1fe34b5a1496b8a',
            via: { from: 'evil.example', relation: 'shared-certificate-field', text },
        });
        const back = trailFromJson(trailToJson(trail));
        expect(back.ok && back.value.steps[1]?.via).toEqual({
            from: 'evil.example',
            relation: 'shared-certificate-field',
            text,
        });
        expect(trailFromJson('[{"type":"domain","value":"a.example","via":null}]').ok).toBe(true);
    });
});

describe('eventsSearch', () => {
    it('finds the value as a quoted phrase in the app’s indexes', () => {
        expect(eventsSearch(['Bargain Names Registrar, Inc.'])).toBe(
            '(`passivetotal_index`) "Bargain Names Registrar, Inc."'
        );
        expect(eventsSearch(['AS64501', '64501'])).toBe('(`passivetotal_index`) ("AS64501" OR "64501")');
        expect(eventsSearch([' ', ''])).toBeUndefined();
        expect(eventsSearch(['a*b'])).toBe('(`passivetotal_index`) "a*b"\n| where match(_raw, "(?i)a\\\\*b")');
    });

    it('keeps any value inside its quoted term: no macro, pipe, subsearch or bare word of its own', () => {
        fc.assert(
            fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 3 }), (values) => {
                const spl = eventsSearch(values);
                if (spl === undefined) return;
                const tokens = lexSpl(spl);
                expect(tokens.some((t) => t.kind === 'error')).toBe(false);
                expect(tokens.flatMap((t) => (t.kind === 'macro' ? [t.name] : []))).toEqual(['passivetotal_index']);
                const pipes = tokens.filter((t) => t.kind === 'punct' && t.text === '|').length;
                const words = tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
                if (pipes === 0) expect(words.every((w) => w === 'OR')).toBe(true);
                else {
                    expect(pipes).toBe(1);
                    expect(words.every((w) => ['OR', 'where', 'match', '_raw'].includes(w))).toBe(true);
                }
                expect(tokens.some((t) => t.kind === 'punct' && (t.text === '[' || t.text === ']'))).toBe(false);
            }),
            { seed: 19, numRuns: 400 }
        );
    });
});
