/** Recorded answers of the app's endpoint for the setup page's tests (shapes of bin/passivetotal_app). */
import { splunkdError, type FakeAnswer, type RecordedRequest } from '../../api/fetch-mock';
import { providerStatus } from '../testing/status';

export const ADMIN_STATUS = {
    version: '2.0.0',
    user: 'admin',
    capabilities: { query: true, admin: true },
    configured: true,
    username: 'analyst@northwind.example',
    baseUrl: 'https://api.passivetotal.org/v2',
    cacheEnabled: true,
    search: { mode: 'raw', match: 'thorough', summariesonly: true, maxSightingCandidates: 5000 },
    migration: null,
};

export const ANALYST_STATUS = {
    ...ADMIN_STATUS,
    user: 'analyst',
    capabilities: { query: true, admin: false },
};

/** One provider of the `setup` answer: its `status` entry with its settings. */
function provider(
    id: string,
    label: string,
    datasets: string[],
    settings: { urlKey?: string; baseUrl?: string; note?: string },
    more: Record<string, unknown> = {}
) {
    return providerStatus(id, label, datasets, {
        note: settings.note ?? '',
        username: null,
        settings: {
            urlKey: settings.urlKey ?? 'base_url',
            baseUrl: settings.baseUrl ?? `https://${id}.example`,
            rateLimitPerMinute: 30,
            ttlSeconds: 3600,
            timeoutSeconds: 15,
        },
        settingsError: null,
        ...more,
    });
}

export const SETUP = {
    settings: {
        baseUrl: 'https://api.passivetotal.org/v2',
        httpsProxy: '',
        timeoutSeconds: 20,
        deadlineSeconds: 25,
        retries: 2,
        cacheEnabled: true,
        ttlSeconds: {
            dns: 86400,
            whois: 604800,
            ssl: 604800,
            enrichment: 86400,
            actions: 21600,
            host_attributes: 86400,
        },
        searchMode: 'raw',
        searchMatch: 'thorough',
        summariesonly: true,
        maxSightingCandidates: 5000,
        indexes: ['*'],
        indexDefinition: 'index=*',
    },
    credential: { configured: true, username: 'analyst@northwind.example' },
    migration: null,
    providers: [
        provider('rdap', 'RDAP', ['whois'], { urlKey: 'bootstrap_url', baseUrl: 'https://data.iana.org/rdap/' }),
        provider('crtsh', 'crt.sh', ['certificates'], {
            note: 'Best effort: crt.sh is slow for large domains and limits heavy use.',
        }),
        provider(
            'otx',
            'AlienVault OTX',
            ['resolutions', 'reputation'],
            {},
            { key: 'required', configured: false, ready: false }
        ),
        provider(
            'circl',
            'CIRCL Passive DNS',
            ['resolutions'],
            {},
            { key: 'required', configured: false, ready: false }
        ),
        provider('internetdb', 'Shodan InternetDB', ['host_attributes'], {
            note: 'Free for non-commercial use only; data refreshed about weekly.',
        }),
    ],
    datasetOrder: {
        whois: ['rdap'],
        certificates: ['passivetotal', 'crtsh'],
        resolutions: ['passivetotal', 'otx', 'circl'],
        reputation: ['passivetotal', 'otx'],
        host_attributes: ['passivetotal', 'internetdb'],
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
