/// <reference types="node" />
/**
 * Golden tests of the open providers' mappers: each composed fixture in `packages/core/test/fixtures/open/<id>/`
 * (the `data` of the app endpoint's answer, composed from the documented upstream shapes) maps to the checked-in
 * model in `src/providers/open/<id>/__golden__/`. A missing golden fails; rewrite goldens only on purpose with
 * `UPDATE_GOLDEN=1 npx jest --selectProjects core`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ok, type Result } from '../../result';
import type { OpenProviderId } from './catalogue';
import { certSpotterReportedError, mapCertSpotter } from './certspotter/mapper';
import { mapCircl } from './circl/mapper';
import type { UpstreamReport } from './common';
import { mapCrtsh } from './crtsh/mapper';
import { mapInternetDbComponents, mapInternetDbServices } from './internetdb/mapper';
import { mapMnemonic, mnemonicReportedError } from './mnemonic/mapper';
import { mapOtxGeneral, mapOtxPassiveDns } from './otx/mapper';
import { mapRdap } from './rdap/mapper';
import { mapThreatfox } from './threatfox/mapper';
import { mapUrlhaus } from './urlhaus/mapper';
import { expectGolden } from '../../testing';

/** The composed fixtures of the open providers (outside `src`, shared with other tests of core). */
const OPEN_FIXTURES = join(__dirname, '../../../test/fixtures/open');

type Mapper = (json: unknown) => Result<unknown>;

/** An error report as a result, so the golden records what the provider would say. */
const reported =
    (read: (json: unknown) => UpstreamReport | undefined): Mapper =>
    (json) =>
        ok(read(json) ?? null);

/** Every fixture's mapper, with the query the fixture answers. */
const TABLE: Readonly<Record<OpenProviderId, Readonly<Record<string, Mapper>>>> = {
    rdap: {
        'domain-thin': mapRdap,
        'domain-redacted': mapRdap,
        'domain-jcard': mapRdap,
        'ip-network': mapRdap,
        'ip-network-ripe': mapRdap,
        autnum: mapRdap,
        'not-found': mapRdap,
    },
    crtsh: {
        certificates: (json) => mapCrtsh(json, 'example.com'),
        empty: (json) => mapCrtsh(json, 'example.com'),
    },
    certspotter: {
        issuances: (json) => mapCertSpotter(json, 'example.com'),
        'rate-limited': reported(certSpotterReportedError),
    },
    mnemonic: {
        'resolutions-domain': (json) => mapMnemonic(json, 'www.example.com'),
        'resolutions-ip': (json) => mapMnemonic(json, '192.0.2.10'),
        'resource-limit': reported(mnemonicReportedError),
        'not-found': (json) => mapMnemonic(json, 'quiet.example'),
    },
    otx: {
        'passive-dns-ip': (json) => mapOtxPassiveDns(json, '192.0.2.10'),
        'passive-dns-domain': (json) => mapOtxPassiveDns(json, 'www.example.com'),
        'general-domain': (json) => mapOtxGeneral(json, 'login-secure-update.example'),
        'general-whitelisted': (json) => mapOtxGeneral(json, '192.0.2.53'),
        'general-empty': (json) => mapOtxGeneral(json, 'quiet.example'),
    },
    circl: {
        resolutions: (json) => mapCircl(json, 'www.example.com'),
        empty: (json) => mapCircl(json, 'quiet.example'),
    },
    urlhaus: {
        host: mapUrlhaus,
        'host-offline': mapUrlhaus,
        'host-offline-listed': mapUrlhaus,
        'no-results': mapUrlhaus,
    },
    threatfox: { search: mapThreatfox, 'no-result': mapThreatfox },
    internetdb: {
        host: (json) => {
            const components = mapInternetDbComponents(json, '203.0.113.77');
            const services = mapInternetDbServices(json, '203.0.113.77');
            return components.ok && services.ok
                ? ok({ components: components.value, services: services.value })
                : components;
        },
        'no-information': (json) => {
            const services = mapInternetDbServices(json, '192.0.2.1');
            const components = mapInternetDbComponents(json, '192.0.2.1');
            return components.ok && services.ok
                ? ok({ components: components.value, services: services.value })
                : services;
        },
    },
};

const cases = (Object.keys(TABLE) as OpenProviderId[]).flatMap((id) =>
    Object.keys(TABLE[id]).map((name) => [id, name] as const)
);

describe('open provider mappers: golden files', () => {
    it('has a mapper for every composed fixture and a fixture for every mapper', () => {
        const onDisk = readdirSync(OPEN_FIXTURES).flatMap((id) =>
            readdirSync(join(OPEN_FIXTURES, id))
                .filter((f) => f.endsWith('.json'))
                .map((f) => `${id}/${f.replace(/\.json$/, '')}`)
        );
        expect(onDisk.sort()).toEqual(cases.map(([id, name]) => `${id}/${name}`).sort());
    });

    it.each(cases)('%s/%s', (id, name) => {
        const json: unknown = JSON.parse(readFileSync(join(OPEN_FIXTURES, id, `${name}.json`), 'utf8'));
        const mapper = TABLE[id][name];
        const result = mapper ? mapper(json) : undefined;
        expect(result?.ok).toBe(true);
        expectGolden(join(__dirname, id, '__golden__', `${name}.golden.json`), result?.ok ? result.value : result);
    });
});

describe('open provider mappers: malformed bodies', () => {
    it.each([null, 'text', 42])('%j gives a typed failure, not an exception', (json) => {
        const mappers: Mapper[] = [
            mapRdap,
            (j) => mapCrtsh(j, 'example.com'),
            (j) => mapCertSpotter(j, 'example.com'),
            (j) => mapMnemonic(j, 'example.com'),
            (j) => mapOtxPassiveDns(j, 'example.com'),
            (j) => mapOtxGeneral(j, 'example.com'),
            mapUrlhaus,
            mapThreatfox,
            (j) => mapInternetDbServices(j, '192.0.2.1'),
        ];
        for (const m of mappers) {
            const r = m(json);
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.expected.length).toBeGreaterThan(0);
        }
        // CIRCL accepts the NDJSON text itself; anything else is refused.
        expect(mapCircl(json, 'example.com').ok).toBe(typeof json === 'string');
    });

    it('tolerates empty objects and arrays where the shape allows them', () => {
        expect(mapRdap({ registry: null, registrar: null })).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(mapCrtsh([], 'example.com')).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(mapCertSpotter([{}], 'example.com')).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(mapMnemonic({}, 'example.com').ok).toBe(true);
        expect(mapOtxPassiveDns({}, 'example.com').ok).toBe(true);
        expect(mapOtxGeneral({}, 'example.com')).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(mapUrlhaus({})).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(mapThreatfox({})).toEqual({ ok: true, value: { records: [], total: 0 } });
        expect(mapInternetDbComponents({}, '192.0.2.1')).toEqual({ ok: true, value: { records: [], total: 0 } });
    });
});
