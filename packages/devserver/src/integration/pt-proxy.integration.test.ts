/**
 * The app's REST endpoint (the real Python handler in `stage/bin`, run by the persistent-handler driver) through
 * Splunk Web's proxy, called the way the page calls it: packages/core's `PassiveTotalProvider` / `callProxy` with
 * the browser's cookies. One stand-in for the whole file, configured with a distinctive API key; the last test
 * proves that the key reached no response the browsers received and no log line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { callProxy, classifyProxyError, proxyRoutes, type ProviderErrorKind } from '@passivetotal/core';
import { parsedIndicator as indicator } from '@passivetotal/core/testing';
import type { ReplayFault } from '../replay';
import type { RunningDevserver } from '../server';
import {
    APP_ENDPOINT,
    BrowserSession,
    errorOf,
    SPLUNKD_PATH,
    type ErrorEnvelope,
    type ReceivedResponse,
} from './browser-session';
import { handlerLogFile } from './handler-log';
import { PASSWORD, startStandIn } from './stand-in';

/** The API key stored as the credential: the replay server accepts keys that begin with `demo-`. */
const API_KEY = 'demo-SECRET-7f3a9c';
const USERNAME = 'analyst@northwind.example';
const SETTINGS = `${SPLUNKD_PATH}/servicesNS/nobody/passivetotal/configs/conf-passivetotal`;

let server: RunningDevserver;
/** Every response any browser of this file received. */
const received: ReceivedResponse[] = [];
/** Everything the stand-in wrote to stderr (the driver's log callback writes there). */
const stderr: string[] = [];
let stderrSpy: jest.SpyInstance | undefined;
let admin: BrowserSession;
let analyst: BrowserSession;

function providerFor(browser: BrowserSession) {
    return browser.ptProvider();
}

/** Saves settings as the setup page would: POST through Splunk Web with the CSRF token. */
async function saveSettings(stanza: string, values: Record<string, string>): Promise<void> {
    const response = await admin.write('POST', `${SETTINGS}/${stanza}`, { ...values, output_mode: 'json' });
    if (response.status !== 200) throw new Error(`Saving [${stanza}] answered ${String(response.status)}`);
}

function upstreamCalls(): number {
    return server.replay?.stats().total ?? 0;
}

beforeAll(async () => {
    stderrSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stderr.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
    });
    server = await startStandIn({}, { username: USERNAME, apiKey: API_KEY });
    admin = await BrowserSession.open(server.webUrl, undefined, received);
    analyst = new BrowserSession(server.webUrl, received);
    await analyst.login('analyst', PASSWORD);
    await saveSettings('logging', { level: 'DEBUG' });
}, 60_000);

afterAll(async () => {
    await server.close();
    stderrSpy?.mockRestore();
});

afterEach(() => {
    server.replay?.setFault(null);
});

describe('answers through the proxy', () => {
    const domain = indicator('login-secure-update.example');

    it('fetches passive DNS from PassiveTotal once, then answers from the cache with the same fetchedAt', async () => {
        const provider = providerFor(admin);
        const before = server.replay?.stats().byRequest['dns/passive?query=login-secure-update.example'] ?? 0;
        const first = await provider.fetch('resolutions', domain);
        if (!first.ok) throw new Error(first.reason);
        expect(first.cached).toBe(false);
        expect(first.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(first.value.records.map((r) => r.resolve)).toEqual(
            expect.arrayContaining(['203.0.113.77', '198.51.100.10', '2001:db8:4d2::77'])
        );

        const second = await provider.fetch('resolutions', domain);
        expect(second).toMatchObject({ ok: true, cached: true, fetchedAt: first.fetchedAt });
        expect(second.ok && second.value).toEqual(first.value);
        expect(server.replay?.stats().byRequest['dns/passive?query=login-secure-update.example']).toBe(before + 1);
    });

    it('wraps the answer in the documented envelope', async () => {
        const response = await admin.fetch(
            `${APP_ENDPOINT}/pt/whois?query=Login-Secure-Update.Example.&output_mode=json`
        );
        expect(response.status).toBe(200);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body).toMatchObject({
            provider: 'passivetotal',
            dataset: 'whois',
            endpoint: 'whois',
            cached: false,
            data: { domain: 'login-secure-update.example', contactEmail: 'j.harlow.registrant@freemail.test' },
        });
        expect(typeof body['expiresAt']).toBe('string');
        // The query was normalised (lower case, no trailing dot) before it went upstream.
        expect(server.replay?.stats().byRequest['whois?query=login-secure-update.example']).toBe(1);
    });

    it('status tells the page the app is configured and who the PassiveTotal user is (never the key)', async () => {
        const response = await admin.fetch(`${APP_ENDPOINT}/status?output_mode=json`);
        expect(await response.json()).toMatchObject({
            version: '2.0.0',
            user: 'admin',
            capabilities: { query: true, admin: true },
            configured: true,
            username: USERNAME,
            baseUrl: server.ptBaseUrl,
            cacheEnabled: true,
        });
    });

    it('quota answers the account’s quota, uncached, with its summary', async () => {
        const before = upstreamCalls();
        const response = await admin.fetch(`${APP_ENDPOINT}/quota?output_mode=json`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as { cached: boolean; quota: { user: Record<string, unknown> } };
        expect(body.cached).toBe(false);
        expect(body.quota.user).toEqual({
            used: expect.any(Number) as unknown,
            limit: expect.any(Number) as unknown,
            remaining: expect.any(Number) as unknown,
            interval: expect.any(String) as unknown,
            resetAt: expect.stringMatching(/Z$/) as unknown,
            lastResetAt: expect.stringMatching(/Z$/) as unknown,
        });
        const quota = await providerFor(admin).fetch('quota', indicator('login-secure-update.example'));
        expect(quota.ok && quota.cached).toBe(false);
        expect(upstreamCalls()).toBe(before + 2);
    });

    it('lets the analyst query, but not purge the cache (403 forbidden naming the capability)', async () => {
        const result = await providerFor(analyst).fetch('enrichment', indicator('203.0.113.77'));
        expect(result).toMatchObject({ ok: true, value: { classification: 'malicious' } });
        const purge = await analyst.write('DELETE', `${APP_ENDPOINT}/cache?output_mode=json`);
        const body: unknown = await purge.clone().json();
        expect(await errorOf(purge)).toEqual({
            status: 403,
            code: 'forbidden',
            text:
                'Your Splunk account (analyst) may not purge the PassiveTotal cache: it needs the capability ' +
                'passivetotal_admin (role passivetotal_admin). Ask a Splunk administrator.',
        });
        // Splunk refusing the user is not PassiveTotal refusing the licence: core names the role, not a licence.
        expect(classifyProxyError(purge.status, body)).toMatchObject({
            kind: 'not-permitted',
            expected: expect.stringContaining('ask a Splunk administrator') as unknown,
        });
    });

    it('lets the admin purge the cache; the next query goes upstream again', async () => {
        const purge = await admin.write('DELETE', `${APP_ENDPOINT}/cache?output_mode=json`);
        expect(purge.status).toBe(200);
        const { removed } = (await purge.json()) as { removed: number };
        expect(removed).toBeGreaterThanOrEqual(3);
        const after = await providerFor(admin).fetch('resolutions', domain);
        expect(after).toMatchObject({ ok: true, cached: false });
    });
});

/** One upstream fault and what must reach the browser. */
interface FaultCase {
    readonly name: string;
    readonly fault: ReplayFault;
    readonly status: number;
    readonly code: string;
    readonly kind: ProviderErrorKind;
    readonly text: string | RegExp;
}

const FAULTS: readonly FaultCase[] = [
    {
        name: 'PassiveTotal 401 (wrong API key)',
        fault: { status: 401 },
        status: 401,
        code: 'bad_credentials',
        kind: 'unauthorized',
        text: "PassiveTotal refused the username or API key (HTTP 401). An administrator can enter valid credentials on the app's setup page.",
    },
    {
        name: 'PassiveTotal 402 (dataset not licensed)',
        fault: { status: 402 },
        status: 402,
        code: 'not_licensed',
        kind: 'forbidden',
        text: /^The PassiveTotal account is not licensed for passive DNS \(HTTP 402\): Your account does not have access to this dataset\. Contact your account manager to upgrade\. Ask your PassiveTotal account owner to add this dataset\.$/,
    },
    {
        name: 'PassiveTotal 403 that is not about quota',
        fault: { status: 403, body: { message: 'Forbidden: this key may not read passive DNS.' } },
        status: 403,
        code: 'not_licensed',
        kind: 'forbidden',
        text: /^PassiveTotal denied access to passive DNS \(HTTP 403\): Forbidden: this key may not read passive DNS\. The account's licence probably does not include this dataset\.$/,
    },
    {
        name: 'PassiveTotal 403 with the 2016 quota body',
        fault: { status: 403 },
        status: 429,
        code: 'quota_exceeded',
        kind: 'quota',
        text: /^The PassiveTotal query quota is used up \(HTTP 403\): Quota exceeded; You have exceeded your daily search quota\./,
    },
    {
        name: 'PassiveTotal 429',
        fault: { status: 429 },
        status: 429,
        code: 'quota_exceeded',
        kind: 'quota',
        text: /^The PassiveTotal query quota is used up \(HTTP 429\): quota_exceeded: quota exceeded for operation search_api\./,
    },
    {
        name: 'PassiveTotal 500',
        fault: { status: 500 },
        status: 502,
        code: 'upstream_error',
        kind: 'upstream',
        text: 'PassiveTotal failed with HTTP 500: An internal server error occurred. Please try again later.',
    },
    {
        name: 'invalid JSON from PassiveTotal',
        fault: { garbage: true },
        status: 502,
        code: 'upstream_malformed',
        kind: 'upstream',
        text: /^PassiveTotal answered passive DNS with .+; try again later\.$/,
    },
];

describe('upstream faults, as the browser sees them', () => {
    it.each(FAULTS)('$name → $status $code, sorted by core as $kind', async (c) => {
        const query = `fault-${c.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')}.example`;
        server.replay?.setFault({ ...c.fault, forPath: /^dns\/passive\?/ });
        const response = await admin.fetch(`${APP_ENDPOINT}/pt/dns/passive?query=${query}&output_mode=json`);
        const body = (await response.clone().json()) as ErrorEnvelope;
        const error = await errorOf(response);
        expect(error).toMatchObject({ status: c.status, code: c.code });
        if (typeof c.text === 'string') expect(error.text).toBe(c.text);
        else expect(error.text).toMatch(c.text);
        expect(classifyProxyError(response.status, body).kind).toBe(c.kind);

        // The provider path the page uses gives the same kind and the handler's text as the reason.
        const viaProvider = await providerFor(admin).fetch('resolutions', indicator(query));
        expect(viaProvider).toMatchObject({ ok: false, kind: c.kind, status: c.status, reason: error.text });
        // Errors are never cached: the upstream was asked both times.
        expect(server.replay?.stats().byRequest[`dns/passive?query=${query}`]).toBe(2);
    });

    it('quota errors say when the quota resets (from the account’s quota endpoint)', async () => {
        server.replay?.setFault({ status: 429, forPath: /^dns\/passive\?/ });
        const response = await admin.fetch(`${APP_ENDPOINT}/pt/dns/passive?query=quota-reset.example&output_mode=json`);
        const body = (await response.json()) as ErrorEnvelope;
        const message = body.messages[0];
        expect(message?.resetAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const inWords = `${message?.resetAt?.slice(0, 10) ?? ''} ${message?.resetAt?.slice(11, 16) ?? ''} UTC`;
        expect(message?.text).toContain(inWords);
    });

    it('error texts end each sentence once, keeping the upstream’s words', async () => {
        server.replay?.setFault({ status: 402, forPath: /^dns\/passive\?/ });
        const response = await admin.fetch(`${APP_ENDPOINT}/pt/dns/passive?query=double-stop.example&output_mode=json`);
        const { text } = await errorOf(response);
        expect(text).toBe(
            'The PassiveTotal account is not licensed for passive DNS (HTTP 402): Your account does not have access to ' +
                'this dataset. Contact your account manager to upgrade. Ask your PassiveTotal account owner to add this dataset.'
        );
        expect(text).not.toMatch(/\.\.|\.;/);
    });

    it('a PassiveTotal slower than timeout_seconds gives 504 upstream_timeout with advice', async () => {
        await saveSettings('api', { timeout_seconds: '2', retries: '0', deadline_seconds: '10' });
        try {
            server.replay?.setFault({ delayMs: 8_000, forPath: /query=slow-answer\.example/ });
            const result = await providerFor(admin).fetch('resolutions', indicator('slow-answer.example'));
            expect(result).toEqual({
                ok: false,
                kind: 'upstream',
                status: 504,
                reason: "PassiveTotal did not answer within 2 seconds. Try again later, or raise timeout_seconds in the app's settings.",
                expected: 'PassiveTotal to be reachable; try again later',
            });
        } finally {
            await saveSettings('api', { timeout_seconds: '20', retries: '2', deadline_seconds: '25' });
        }
    }, 30_000);
});

describe('the allow-list: requests that try to leave it get 400 not_allowed and reach no upstream', () => {
    const refused = (what: string) => new RegExp(`^Refused by the app's allow-list: ${what}`);

    it.each([
        [
            'an absolute URL as the path',
            '/pt/https://evil.example/x',
            refused("path 'https://evil.example/x': it looks like an absolute URL"),
        ],
        [
            'a query that is a URL (cloud metadata)',
            '/pt/dns/passive?query=http://169.254.169.254/',
            refused('parameter query: it looks like an absolute URL'),
        ],
        [
            'another host in the path',
            '/pt//evil.example/x',
            refused("path '/evil.example/x' is not an allowed PassiveTotal endpoint"),
        ],
        [
            'an unknown endpoint',
            '/pt/account/organization',
            refused("path 'account/organization' is not an allowed PassiveTotal endpoint"),
        ],
        [
            'an encoded slash in the path',
            '/pt/dns%2Fpassive?query=evil.example',
            refused("path 'dns%2Fpassive': it contains percent-encoded characters"),
        ],
        [
            'encoded dots and slashes',
            '/pt/dns/passive%2F..%2F..%2Faccount',
            refused("path 'dns/passive%2F..%2F..%2Faccount': it contains '..'"),
        ],
        [
            'an unknown parameter',
            '/pt/dns/passive?query=evil.example&callback=x',
            refused("parameter 'callback' is not accepted by dns/passive"),
        ],
        [
            'a repeated parameter',
            '/pt/dns/passive?query=evil.example&query=other.example',
            refused('parameter query is given more than once'),
        ],
        [
            'an oversized (10 KB) value',
            `/pt/dns/passive?query=${'a'.repeat(10_240)}.example`,
            refused('parameter query is longer than 512 characters'),
        ],
        [
            'a control character',
            '/pt/dns/passive?query=evil.example%0D%0AX-Injected:%201',
            refused('parameter query: it contains control or invisible characters'),
        ],
        [
            'a percent-encoded value',
            '/pt/dns/passive?query=evil%252eexample',
            refused('parameter query: it contains percent-encoded characters'),
        ],
        [
            'a value of the wrong syntax',
            '/pt/ssl-certificate?query=not-a-sha1',
            refused('parameter query: a SHA-1 is 40 hexadecimal digits'),
        ],
        ['an empty value', '/pt/whois?query=', refused('parameter query is empty')],
        [
            'a malformed percent-escape in a value',
            '/pt/whois?query=evil%zz.example',
            refused('parameter query: it contains percent-encoded characters'),
        ],
        [
            'a host hidden behind user info',
            '/pt/whois?query=evil.example@169.254.169.254',
            refused("parameter query: 'example@169' is not a valid domain label"),
        ],
        [
            'a missing required parameter',
            '/pt/host-attributes/pairs?query=evil.example',
            refused('host-attributes/pairs needs the parameter direction'),
        ],
        [
            'more than 10 parameters',
            `/pt/dns/passive?${Array.from({ length: 11 }, (_, i) => `p${String(i)}=1`).join('&')}`,
            refused('more than 10 parameters'),
        ],
    ])('refuses %s', async (_what, route, text) => {
        const before = upstreamCalls();
        const separator = route.includes('?') ? '&' : '?';
        const response = await admin.raw(`${APP_ENDPOINT}${route}${separator}output_mode=json`);
        const body = JSON.parse(response.body) as ErrorEnvelope;
        expect({ status: response.status, code: body.messages[0]?.code }).toEqual({ status: 400, code: 'not_allowed' });
        expect(body.messages[0]?.text).toMatch(text);
        expect(upstreamCalls()).toBe(before);
    });

    it('answers a malformed percent-escape in the path with Splunk Web’s own 400, before the app', async () => {
        const before = upstreamCalls();
        const response = await admin.raw(`${APP_ENDPOINT}/pt/dns%zz/passive?query=evil.example&output_mode=json`);
        expect(response.status).toBe(400);
        expect(upstreamCalls()).toBe(before);
    });

    it('refuses raw `..` below the PT route at splunkd itself (a client that sends dot segments as they are)', async () => {
        // Through Splunk Web the dot segments are resolved first, like any URL (see the next test); so does
        // Node's fetch. A caller that reaches splunkd with the path as is gets the handler's refusal.
        const splunkd = new BrowserSession(server.splunkdUrl, received);
        const basic = { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };
        const encoded = await splunkd.raw(
            '/servicesNS/nobody/passivetotal/passivetotal/pt/dns/passive/%2e%2e/%2e%2e/account?output_mode=json',
            { headers: basic }
        );
        expect(encoded.status).toBe(400);
        expect(JSON.parse(encoded.body)).toMatchObject({ messages: [{ code: 'not_allowed' }] });
        const raw = await splunkd.raw(
            '/servicesNS/nobody/passivetotal/passivetotal/pt/dns/passive/../../account?output_mode=json',
            { headers: basic }
        );
        expect(raw.status).toBe(400);
        expect(JSON.parse(raw.body)).toEqual({
            messages: [
                {
                    type: 'ERROR',
                    code: 'not_allowed',
                    text: "Refused by the app's allow-list: path 'dns/passive/../../account': it contains '..'.",
                },
            ],
        });
    });

    it('through Splunk Web, `..` is resolved before the expose rules: it stays inside allowed routes or is 404', async () => {
        // pt/dns/passive/../../account is pt/account, an allowed endpoint (the free account call).
        const inside = await admin.raw(`${APP_ENDPOINT}/pt/dns/passive/../../account?output_mode=json`);
        expect(inside.status).toBe(200);
        expect(JSON.parse(inside.body)).toMatchObject({ endpoint: 'account', data: { username: USERNAME } });
        // Climbing out of the app's endpoint reaches nothing web.conf does not expose.
        const out = await admin.raw(`${APP_ENDPOINT}/pt/../../../../../services/authentication/users?output_mode=json`);
        expect(out.status).toBe(404);
    });

    it('does not offer writes: POST to an action is not exposed by Splunk Web (404), and 405 at splunkd', async () => {
        const before = upstreamCalls();
        const post = await admin.write('POST', `${APP_ENDPOINT}/pt/actions/tags?output_mode=json`, {
            query: 'evil.example',
            tags: 'x',
        });
        expect(post.status).toBe(404);
        const direct = await fetch(
            `${server.splunkdUrl}/servicesNS/nobody/passivetotal/passivetotal/pt/actions/tags?query=evil.example&output_mode=json`,
            {
                method: 'POST',
                headers: { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` },
            }
        );
        expect(await errorOf(direct)).toEqual({
            status: 405,
            code: 'method_not_allowed',
            text: "The pt route accepts GET, not 'POST'. Writes to PassiveTotal are not supported.",
        });
        expect(upstreamCalls()).toBe(before);
    });

    it('answers 404 not_found for an unknown route of the endpoint', async () => {
        const response = await admin.fetch(`${APP_ENDPOINT}/settings?output_mode=json`);
        expect(await errorOf(response)).toMatchObject({ status: 404, code: 'not_found' });
    });

    it('callProxy through the browser gets the same refusal as a bad-request kind', async () => {
        const result = await callProxy(admin.fetchLike, proxyRoutes(SPLUNKD_PATH), 'dns/passive', {
            query: 'evil.example',
            extra: 'x',
        });
        expect(result).toMatchObject({ ok: false, kind: 'bad-request', status: 400 });
    });
});

describe('the API key stays on the server', () => {
    function logFiles(): string[] {
        const file = handlerLogFile(server);
        const dir = path.dirname(file);
        return readdirSync(dir)
            .filter((name) => name.startsWith('passivetotal.log'))
            .map((name) => readFileSync(path.join(dir, name), 'utf8'));
    }

    it('appears in no response any browser received, no handler log line and no stand-in output', async () => {
        const check = await admin.fetch(`${APP_ENDPOINT}/check?output_mode=json`);
        expect(await check.json()).toMatchObject({ ok: true, username: USERNAME });

        // Not vacuous: the browsers saw many answers, the log has a line per request, the stand-in wrote output.
        expect(received.length).toBeGreaterThan(50);
        const log = logFiles().join('');
        expect(log).toMatch(/INFO .* GET pt\/dns\/passive user=admin status=200 cached=false ms=\d+/);
        expect(log).toMatch(/DELETE cache user=analyst status=403 code=forbidden/);
        expect(log).toContain(' DEBUG ');
        expect(stderr.join('')).toContain('[handler] persistconn: started driver');

        const leaks = received.filter(
            (r) => r.body.includes(API_KEY) || r.headers.some(([name, value]) => `${name}: ${value}`.includes(API_KEY))
        );
        expect(leaks.map((r) => `${r.method} ${r.url}`)).toEqual([]);
        expect(log.includes(API_KEY)).toBe(false);
        expect(log.includes(Buffer.from(`${USERNAME}:${API_KEY}`).toString('base64'))).toBe(false);
        expect(stderr.filter((line) => line.includes(API_KEY))).toEqual([]);
    });
});
