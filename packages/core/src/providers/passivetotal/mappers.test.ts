/// <reference types="node" />
/**
 * Golden tests: each composed fixture in ./fixtures maps to the checked-in model in ./__golden__. A missing golden
 * fails; rewrite goldens only on purpose with `UPDATE_GOLDEN=1 npx jest --selectProjects core`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../result';
import { mapperForPath, type Mapper } from '../../testing/mapper-table';
import {
    mapCertificates,
    mapCertificatesForName,
    mapEnrichment,
    mapHostPairs,
    mapTrackerSearch,
    mapWhois,
} from './mappers';
import { expectGolden } from '../../testing';

const FIXTURES = join(__dirname, 'fixtures');
const GOLDEN = join(__dirname, '__golden__');

/** Fixture name → mapper; names follow the API path with `/` as `-`, plus a variant suffix. */
const OVERRIDES: Readonly<Record<string, Mapper>> = {
    'dns-passive-ip': mapperForPath('dns/passive')!,
    'whois-2016': mapWhois,
    'whois-empty': mapWhois,
    'whois-history': mapWhois,
    'ssl-certificate-2016': mapCertificates,
    'ssl-certificate-empty': mapCertificates,
    // A search by `name` for evil.example: a multi-domain certificate naming it in a SAN, a wildcard, and a
    // substring false positive (notevil.example) that is dropped.
    'ssl-certificate-search-name': (json: unknown) => mapCertificatesForName(json, 'evil.example'),
    'enrichment-domain': mapEnrichment,
    'enrichment-ip': mapEnrichment,
    'host-attributes-pairs': (json: unknown) => mapHostPairs(json, 'children'),
    'trackers-search-2016': mapTrackerSearch,
};

function mapperFor(name: string): Mapper | undefined {
    return (
        OVERRIDES[name] ??
        mapperForPath(
            name.replace(
                /-(?=passive|unique|search|history|quota|components|trackers|pairs|cookies|subdomains|osint|malware)/g,
                '/'
            )
        )
    );
}

const names = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

describe('PassiveTotal mappers: golden files', () => {
    it('has a mapper for every composed fixture', () => {
        expect(names.filter((n) => !mapperFor(n))).toEqual([]);
        expect(names.length).toBeGreaterThanOrEqual(25);
    });

    it.each(names)('%s', (name) => {
        const mapper = mapperFor(name)!;
        const json: unknown = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
        const result: Result<unknown> = mapper(json);
        expect(result.ok).toBe(true);
        expectGolden(join(GOLDEN, `${name}.golden.json`), result.ok ? result.value : result);
    });
});

describe('PassiveTotal mappers: malformed bodies', () => {
    it.each([null, 'text', 42, [1, 2]])('%j gives a typed failure, not an exception', (json) => {
        for (const name of names) {
            const r = mapperFor(name)!(json);
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.expected).toBe('a JSON object, as PassiveTotal answers');
        }
    });

    it('tolerates empty objects on every endpoint', () => {
        for (const name of names) expect(mapperFor(name)!({}).ok).toBe(true);
    });
});
