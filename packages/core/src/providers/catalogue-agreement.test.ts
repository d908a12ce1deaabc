/**
 * Core and the catalogue agree: every request the providers make is one the handler allows (a catalogue operation,
 * its parameters, their required ones and allowed values, a value its validator takes), every dataset an open
 * provider fills is the group the catalogue gives its operation, and every error code and `not_configured` reason
 * of the catalogue has a kind and words. A route, parameter or code changed on one side only fails here.
 */
import {
    ERROR_CODES,
    ERRORS,
    GROUPS,
    HTTP,
    OPEN_PROVIDER_IDS,
    PROVIDER_IDS,
    PROVIDERS,
    type ParamSpec,
    type ProviderId,
} from '../catalogue/catalogue.generated';
import { NOT_CONFIGURED_REASONS, operationIds, providerSpec } from '../catalogue/lookup';
import { parsedIndicator } from '../testing';
import { DATASET_GROUPS, DEFAULT_DATASET_ORDER, GROUP_DATASETS, groupOf } from './composite';
import { OPEN_PROVIDER_SPECS, OpenProvider, openOperationsAsked } from './open/open-provider';
import { PassiveTotalProvider } from './passivetotal/passivetotal-provider';
import { ERROR_KINDS, notConfiguredWords, proxySource, type FetchLike } from './passivetotal/proxy-client';
import type { Dataset, IntelProvider } from './provider';

const PREFIX = '/servicesNS/nobody/passivetotal/passivetotal/';
const BASE = '/en-US/splunkd/__raw';

/** A request the provider made, as the handler reads it. */
interface Asked {
    readonly route: string;
    readonly params: Readonly<Record<string, string>>;
}

/** A fetch that records every request and answers with an empty success envelope. */
function recorder(): { fetch: FetchLike; asked: Asked[] } {
    const asked: Asked[] = [];
    const fetch: FetchLike = (url) => {
        const parsed = new URL(url, 'http://splunk.example');
        const route = decodeURIComponent(parsed.pathname.slice(BASE.length + PREFIX.length));
        const params = Object.fromEntries([...parsed.searchParams].filter(([k]) => k !== 'output_mode'));
        asked.push({ route, params });
        return Promise.resolve({ status: 200, json: () => Promise.resolve({ data: {}, cached: false }) });
    };
    return { fetch, asked };
}

/** One indicator of every type. */
const SAMPLES = [
    'evil.example',
    '198.51.100.7',
    '2001:db8::7',
    'https://evil.example/login',
    'jane@evil.example',
    '0123456789abcdef0123456789abcdef01234567',
    'UA-12345-1',
].map(parsedIndicator);

/** Every request a provider makes for every dataset it has and every sample indicator. */
async function requestsOf(make: (fetch: FetchLike) => IntelProvider): Promise<Asked[]> {
    const { fetch, asked } = recorder();
    const provider = make(fetch);
    for (const dataset of provider.datasets()) {
        for (const indicator of SAMPLES) await provider.fetch(dataset, indicator);
    }
    return asked;
}

const IS_IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/** Whether a value can pass a validator, as far as the host validators go (the handler checks the rest). */
function fits(spec: ParamSpec, value: string): boolean {
    if (spec.values) {
        const values = spec.anyCase ? spec.values.map((v) => v.toLowerCase()) : spec.values;
        return values.includes(spec.anyCase ? value.toLowerCase() : value);
    }
    switch (spec.validator) {
        case 'domain':
            return !IS_IP.test(value);
        case 'ip':
            return IS_IP.test(value);
        default:
            return value !== '';
    }
}

/** The problems of one request against the catalogue's operation of a provider; none when it is allowed. */
function problems(id: ProviderId, operation: string, params: Readonly<Record<string, string>>): string[] {
    const spec = PROVIDERS[id].operations[operation as never] as
        { readonly params: Readonly<Record<string, ParamSpec>> } | undefined;
    if (!spec) return [`${id} has no operation ${operation}`];
    const out: string[] = [];
    for (const [name, param] of Object.entries(spec.params)) {
        if (param.required === true && params[name] === undefined) out.push(`${operation} lacks ${name}`);
    }
    for (const [name, value] of Object.entries(params)) {
        const param = spec.params[name];
        if (!param) out.push(`${operation} takes no ${name}`);
        else if (!param.dependsOn && !fits(param, value))
            out.push(`${operation} ${name}=${value} is not ${param.validator}`);
    }
    return out;
}

describe('the providers ask only what the catalogue allows', () => {
    it('PassiveTotal: pt/<operation> with its parameters', async () => {
        const asked = await requestsOf((fetch) => new PassiveTotalProvider({ fetch, routes: routesOf('pt') }));
        expect(asked.length).toBeGreaterThan(10);
        for (const { route, params } of asked) {
            expect(route.startsWith('pt/')).toBe(true);
            expect([route, problems('passivetotal', route.slice('pt/'.length), params)]).toEqual([route, []]);
        }
    });

    it.each(OPEN_PROVIDER_IDS)('%s: open/%s/<operation> with its parameter', async (id) => {
        const asked = await requestsOf((fetch) => new OpenProvider(id, { fetch, routes: routesOf('open') }));
        expect(asked.length).toBeGreaterThan(0);
        for (const { route, params } of asked) {
            const [family, provider, operation = ''] = route.split('/');
            expect([family, provider]).toEqual(['open', id]);
            expect([route, problems(id, operation, params)]).toEqual([route, []]);
        }
    });
});

function routesOf(family: 'pt' | 'open') {
    return (apiPath: string, params: Readonly<Record<string, string>>) =>
        `${BASE}${PREFIX}${family}/${apiPath}?${new URLSearchParams({ ...params, output_mode: 'json' }).toString()}`;
}

describe('the open providers fill the groups the catalogue gives their operations', () => {
    it.each(OPEN_PROVIDER_IDS)('%s', (id) => {
        const table = OPEN_PROVIDER_SPECS[id].operations as Readonly<
            Partial<Record<Dataset, { readonly operations: readonly string[] }>>
        >;
        for (const [dataset, entry] of Object.entries(table) as [Dataset, { operations: readonly string[] }][]) {
            for (const operation of entry.operations) {
                const spec = PROVIDERS[id].operations[operation as never] as { readonly dataset: string };
                expect([operation, spec.dataset]).toEqual([operation, groupOf(dataset)]);
            }
        }
        expect(openOperationsAsked(id).every((op) => operationIds(id).includes(op))).toBe(true);
    });

    it('knows every group of the catalogue, in its order', () => {
        expect(DATASET_GROUPS).toEqual(Object.keys(GROUPS));
        expect(Object.keys(GROUP_DATASETS).sort()).toEqual(Object.keys(GROUPS).sort());
        for (const group of DATASET_GROUPS) expect(DEFAULT_DATASET_ORDER[group]).toEqual(GROUPS[group].order);
    });
});

describe('every error code and reason of the catalogue has a kind and words', () => {
    it('sorts every code by a kind', () => {
        expect(Object.keys(ERROR_KINDS).sort()).toEqual([...ERROR_CODES].sort());
    });

    it.each(NOT_CONFIGURED_REASONS)('not_configured %s names the provider', (reason) => {
        expect(Object.keys(ERRORS.not_configured.reasons)).toContain(reason);
        for (const id of PROVIDER_IDS) expect(notConfiguredWords(reason, id)).toContain(PROVIDERS[id].label);
    });

    it.each(PROVIDER_IDS)('%s: an HTTP 402 without a code is read as its catalogue status says', (id) => {
        const statuses: Readonly<Record<string, string>> = { ...HTTP.statuses, ...providerSpec(id).statuses };
        const code = statuses['402'];
        expect(code).toBeDefined();
        expect(proxySource(id).paymentRequired).toBe(ERROR_KINDS[code as keyof typeof ERROR_KINDS]);
    });
});
