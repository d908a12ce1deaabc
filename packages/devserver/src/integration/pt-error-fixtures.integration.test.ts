/**
 * The recorded error cases (`packages/devserver/demo/pt-fixtures-errors`, `--pt-fixtures` of this stand-in)
 * through the real handler and Splunk Web, read by packages/core's provider as the investigation page reads them:
 * the status, the stable code, an actionable text and the kind the page acts on. Then a wrong API key stored in
 * `storage/passwords`, which the replay server refuses like the real API.
 */
import {
    classifyProxyError,
    type Dataset,
    type PassiveTotalProvider,
    type ProviderErrorKind,
} from '@passivetotal/core';
import { parsedIndicator as indicator } from '@passivetotal/core/testing';
import { DEMO_PT_ERROR_FIXTURES_DIR } from '../demo';
import type { RunningDevserver } from '../server';
import { APP_ENDPOINT, BrowserSession, errorOf, type ErrorEnvelope } from './browser-session';
import { splunkdAsAdmin, startStandIn } from './stand-in';

let server: RunningDevserver;
let browser: BrowserSession;
let provider: PassiveTotalProvider;

beforeAll(async () => {
    // The handler waits 2 s for PassiveTotal here (slow-response.example answers after 5 s), without retries.
    server = await startStandIn(
        { ptFixtures: DEMO_PT_ERROR_FIXTURES_DIR },
        { api: { timeout_seconds: '2', retries: '0', deadline_seconds: '10' } }
    );
    browser = await BrowserSession.open(server.webUrl);
    provider = browser.ptProvider();
}, 60_000);

afterAll(async () => {
    await server.close();
});

interface FixtureCase {
    readonly query: string;
    readonly status: number;
    readonly code: string;
    readonly kind: ProviderErrorKind;
    readonly text: RegExp;
}

const CASES: readonly FixtureCase[] = [
    {
        query: 'invalid-credentials.example',
        status: 401,
        code: 'bad_credentials',
        kind: 'unauthorized',
        text: /^PassiveTotal refused the username or API key \(HTTP 401\)\. An administrator can enter valid credentials on the app's setup page\.$/,
    },
    {
        query: 'not-licensed.example',
        status: 402,
        code: 'not_licensed',
        kind: 'forbidden',
        text: /^The PassiveTotal account is not licensed for passive DNS \(HTTP 402\): Your account does not have access to this dataset\. Contact your account manager to upgrade\. Ask your PassiveTotal account owner to add this dataset\.$/,
    },
    {
        query: 'daily-limit.example',
        status: 429,
        code: 'quota_exceeded',
        kind: 'quota',
        text: /^The PassiveTotal query quota is used up \(HTTP 403\): Quota exceeded; You have exceeded your daily search quota\./,
    },
    {
        query: 'quota-exceeded.example',
        status: 429,
        code: 'quota_exceeded',
        kind: 'quota',
        text: /^The PassiveTotal query quota is used up \(HTTP 429\): quota_exceeded: quota exceeded for operation search_api\./,
    },
    {
        query: 'server-error.example',
        status: 502,
        code: 'upstream_error',
        kind: 'upstream',
        text: /^PassiveTotal failed with HTTP 500: An internal server error occurred\. Please try again later\.$/,
    },
    {
        query: 'slow-response.example',
        status: 504,
        code: 'upstream_timeout',
        kind: 'upstream',
        text: /^PassiveTotal did not answer within 2 seconds\. Try again later, or raise timeout_seconds in the app's settings\.$/,
    },
    {
        query: 'invalid-json.example',
        status: 502,
        code: 'upstream_malformed',
        kind: 'upstream',
        text: /^PassiveTotal answered passive DNS with .+; try again later\.$/,
    },
];

describe('each recorded error case reaches the browser with its status, code, text and kind', () => {
    it.each(CASES)(
        '$query → $status $code ($kind)',
        async (c) => {
            const response = await browser.fetch(`${APP_ENDPOINT}/pt/dns/passive?query=${c.query}&output_mode=json`);
            const body = (await response.clone().json()) as ErrorEnvelope;
            const error = await errorOf(response);
            expect(error).toMatchObject({ status: c.status, code: c.code });
            expect(error.text).toMatch(c.text);
            expect(classifyProxyError(response.status, body).kind).toBe(c.kind);

            const result = await provider.fetch('resolutions', indicator(c.query));
            expect(result).toMatchObject({ ok: false, kind: c.kind, status: c.status });
            expect(!result.ok && result.reason).toMatch(c.text);
        },
        30_000
    );

    it.each<[string, Dataset]>([
        ['invalid-credentials.example', 'whois'],
        ['not-licensed.example', 'enrichment'],
        ['quota-exceeded.example', 'host-pairs-children'],
        ['server-error.example', 'subdomains'],
    ])('%s fails the same way for the %s dataset', async (query, dataset) => {
        const expected = CASES.find((c) => c.query === query);
        expect(await provider.fetch(dataset, indicator(query))).toMatchObject({
            ok: false,
            kind: expected?.kind,
            status: expected?.status,
        });
    });

    it('partial-outage.example: passive DNS answers, WHOIS fails as unavailable (nginx HTML page), the rest is empty', async () => {
        const domain = indicator('partial-outage.example');
        const dns = await provider.fetch('resolutions', domain);
        expect(dns.ok && dns.value.records).toHaveLength(1);
        const whois = await browser.fetch(`${APP_ENDPOINT}/pt/whois?query=partial-outage.example&output_mode=json`);
        const error = await errorOf(whois);
        expect(error).toMatchObject({ status: 502, code: 'upstream_unavailable' });
        expect(error.text).toMatch(
            /^PassiveTotal is unavailable \(HTTP 502 \(an HTML error page\)\).*; try again later\.$/
        );
        expect(error.text).not.toContain('<html');
        expect(await provider.fetch('whois', domain)).toMatchObject({ ok: false, kind: 'upstream', status: 502 });
        expect(await provider.fetch('osint', domain)).toMatchObject({ ok: true, value: { records: [] } });
    });
});

describe('a wrong API key in storage/passwords', () => {
    it('is refused by PassiveTotal: 401 bad_credentials on the check route, sorted as unauthorized', async () => {
        const update = await splunkdAsAdmin(
            server,
            'POST',
            `/servicesNS/nobody/passivetotal/storage/passwords/${encodeURIComponent('passivetotal:demo:')}`,
            { password: 'not-a-demo-key' }
        );
        expect(update.status).toBe(200);
        const check = await browser.fetch(`${APP_ENDPOINT}/check?output_mode=json`);
        expect(await errorOf(check.clone())).toMatchObject({ status: 401, code: 'bad_credentials' });
        expect(classifyProxyError(check.status, await check.json()).kind).toBe('unauthorized');
        const result = await provider.fetch('resolutions', indicator('login-secure-update.example'));
        expect(result).toMatchObject({ ok: false, kind: 'unauthorized', status: 401 });
    });
});
