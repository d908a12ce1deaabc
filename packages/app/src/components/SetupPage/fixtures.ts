/**
 * Recorded answers of the app's endpoint for the setup page's tests, in the shapes the handler answers: the settings
 * and providers as the catalogue ships them.
 */
import {
    catalogue,
    DEFAULT_DATASET_ORDER,
    numericSetting,
    providerSpec,
    type OpenProviderId,
} from '@passivetotal/core';
import { splunkdError, type FakeAnswer, type RecordedRequest } from '../../api/fetch-mock';
import { providerStatus } from '../testing/status';

const PT = providerSpec('passivetotal');

/** PassiveTotal's cache lifetimes as the app ships them. */
const CACHE_TTLS = Object.fromEntries(Object.entries(catalogue.CACHE_DATASETS).map(([d, v]) => [d, v.ttlSeconds]));

export const ADMIN_STATUS = {
    version: '2.0.0',
    user: 'admin',
    capabilities: { query: true, admin: true },
    configured: true,
    username: 'analyst@northwind.example',
    baseUrl: PT.baseUrl,
    cacheEnabled: true,
    search: {
        mode: 'raw',
        match: 'thorough',
        summariesonly: true,
        maxSightingCandidates: numericSetting('max_sighting_candidates').default,
    },
    migration: null,
};

export const ANALYST_STATUS = {
    ...ADMIN_STATUS,
    user: 'analyst',
    capabilities: { query: true, admin: false },
};

/** One provider of the `setup` answer: its `status` entry with its settings, the catalogue's defaults. */
function provider(id: OpenProviderId, more: Record<string, unknown> = {}) {
    const spec = providerSpec(id);
    const setting = (key: 'rate_limit_per_minute' | 'ttl_seconds' | 'timeout_seconds') =>
        numericSetting(`provider.${id}.${key}`).default;
    return providerStatus(id, {
        username: null,
        settings: {
            urlKey: spec.urlSetting,
            baseUrl: spec.baseUrl,
            rateLimitPerMinute: setting('rate_limit_per_minute'),
            ttlSeconds: setting('ttl_seconds'),
            timeoutSeconds: setting('timeout_seconds'),
        },
        settingsError: null,
        ...more,
    });
}

export const SETUP = {
    settings: {
        baseUrl: PT.baseUrl,
        httpsProxy: '',
        timeoutSeconds: PT.timeoutSeconds,
        deadlineSeconds: numericSetting('deadline_seconds').default,
        retries: numericSetting('retries').default,
        cacheEnabled: true,
        ttlSeconds: CACHE_TTLS,
        searchMode: 'raw',
        searchMatch: 'thorough',
        summariesonly: true,
        maxSightingCandidates: numericSetting('max_sighting_candidates').default,
        indexes: ['*'],
        indexDefinition: 'index=*',
    },
    credential: { configured: true, username: 'analyst@northwind.example' },
    migration: null,
    providers: [
        provider('rdap'),
        provider('crtsh'),
        provider('otx', { configured: false, ready: false }),
        provider('circl', { configured: false, ready: false }),
        provider('internetdb'),
    ],
    /** The shipped order of the providers above (PassiveTotal and those five), WHOIS from RDAP only. */
    datasetOrder: {
        whois: ['rdap'],
        certificates: DEFAULT_DATASET_ORDER.certificates.filter((id) => id === 'passivetotal' || id === 'crtsh'),
        resolutions: DEFAULT_DATASET_ORDER.resolutions.filter((id) => ['passivetotal', 'otx', 'circl'].includes(id)),
        reputation: DEFAULT_DATASET_ORDER.reputation.filter((id) => id === 'passivetotal' || id === 'otx'),
        host_attributes: DEFAULT_DATASET_ORDER.host_attributes,
    },
};

export const CHECK_OK = {
    ok: true,
    text: 'PassiveTotal accepted the credentials.',
    username: 'analyst@northwind.example',
    account: {
        username: 'analyst@northwind.example',
        organization: 'northwind-demo',
        firstName: 'Demo',
        lastName: 'Analyst',
    },
    baseUrl: 'https://api.passivetotal.org/v2',
    checkedAt: '2026-11-29T10:00:00Z',
};

export const QUOTA_OK = {
    data: {},
    cached: false,
    fetchedAt: '2026-11-29T10:00:00Z',
    provider: 'passivetotal',
    dataset: 'account',
    endpoint: 'account/quota',
    quota: {
        user: {
            used: 137,
            limit: 10000,
            remaining: 9863,
            interval: 'monthly',
            resetAt: '2026-12-01T00:00:00Z',
            lastResetAt: null,
        },
        organization: null,
        resetAt: '2026-12-01T00:00:00Z',
    },
};

export const BAD_CREDENTIALS = splunkdError(
    401,
    "PassiveTotal refused the username or API key (HTTP 401). An administrator can enter valid credentials on the app's setup page.",
    'bad_credentials'
);

/** The endpoint's routes, with `overrides` per "METHOD route" (e.g. `'GET check'`). */
export function endpoint(overrides: Record<string, FakeAnswer | ((r: RecordedRequest) => FakeAnswer)> = {}) {
    const defaults: Record<string, FakeAnswer> = {
        'GET status': { status: 200, body: ADMIN_STATUS },
        'GET setup': { status: 200, body: SETUP },
        'GET check': { status: 200, body: CHECK_OK },
        'GET quota': { status: 200, body: QUOTA_OK },
    };
    return (request: RecordedRequest): FakeAnswer | undefined => {
        const route = /^\/servicesNS\/nobody\/passivetotal\/passivetotal\/(\w+)$/.exec(request.path)?.[1];
        if (route === undefined) return undefined;
        const key = `${request.method} ${route}`;
        const answer = overrides[key] ?? defaults[key];
        return typeof answer === 'function' ? answer(request) : answer;
    };
}
