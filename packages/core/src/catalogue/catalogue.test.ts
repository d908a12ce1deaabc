/**
 * The generated module holds exactly the catalogue's data (catalogue/catalogue.json), and its types follow it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    CACHE_DATASETS,
    ERROR_CODES,
    ERRORS,
    GROUPS,
    HTTP,
    LIMITS,
    OPEN_PROVIDER_IDS,
    PROVIDER_IDS,
    PROVIDERS,
    ROUTES,
    SETTING_RANGES,
    SETTINGS,
    VALIDATORS,
    type ErrorCode,
    type OperationId,
    type OperationParam,
} from './catalogue.generated';

const source = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../../../catalogue/catalogue.json'), 'utf8')
) as Record<string, unknown>;

describe('the generated catalogue', () => {
    it('holds the data of catalogue.json', () => {
        expect({ LIMITS, HTTP, ERRORS, VALIDATORS, ROUTES, GROUPS, CACHE_DATASETS, PROVIDERS }).toEqual({
            LIMITS: source['limits'],
            HTTP: source['http'],
            ERRORS: source['errors'],
            VALIDATORS: source['validators'],
            ROUTES: source['routes'],
            GROUPS: source['groups'],
            CACHE_DATASETS: source['cacheDatasets'],
            PROVIDERS: source['providers'],
        });
        expect(PROVIDER_IDS[0]).toBe('passivetotal');
        expect(OPEN_PROVIDER_IDS).toEqual(PROVIDER_IDS.filter((id) => PROVIDERS[id].route === 'open'));
        expect(ERROR_CODES).toEqual(Object.keys(ERRORS));
    });

    it('types operations, their parameters and error codes', () => {
        const operation: OperationId<'passivetotal'> = 'host-attributes/pairs';
        const param: OperationParam<'passivetotal', 'host-attributes/pairs'> = 'direction';
        const code: ErrorCode = 'rate_limited';
        expect(PROVIDERS.passivetotal.operations[operation].params[param].values).toEqual(['parents', 'children']);
        expect(ERRORS[code].statuses).toEqual([429]);
    });

    it('lists every setting with its range', () => {
        expect(SETTING_RANGES['provider.crtsh.rate_limit_per_minute']).toEqual({ min: 0, max: 10000 });
        expect(SETTING_RANGES.max_sighting_candidates).toEqual({ min: 1, max: 50000 });
        const keys = SETTINGS.map((s) => `[${s.stanza}] ${s.key}`);
        expect(keys).toContain('[provider:rdap] bootstrap_url');
        expect(keys).toContain('[cache] ttl_seconds.host_attributes');
        expect(new Set(keys).size).toBe(keys.length);
    });
});
