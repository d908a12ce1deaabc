/**
 * Splunk Web of the stand-in as a browser meets it, with `--login --unconfigured` (a fresh install behind the
 * login form): the login form and its failure, the app's pages with the session cookies, the splunkd proxy's
 * rules (exposed endpoints and methods only, a session, the CSRF token on writes), and the app endpoint's
 * "not configured" answer that points to the setup page.
 */
import { classifyProxyError, parseIndicator } from '@passivetotal/core';
import type { RunningDevserver } from '../server';
import {
    APP_ENDPOINT,
    BrowserSession,
    errorOf,
    INVESTIGATE_PATH,
    LOGIN_PATH,
    SETUP_PATH,
    SPLUNKD_PATH,
} from './browser-session';
import { pageConfig } from './page-globals';
import { PASSWORD, startStandIn } from './stand-in';

const CSRF_FAILED = 'Splunk cannot authenticate the request. CSRF validation failed.';
const NOT_LOGGED_IN = 'Splunk cannot authenticate the request. Log in to Splunk Web.';
const NOT_FOUND = 'The requested URL was not found on this server.';

let server: RunningDevserver;
/** The administrator's browser, signed in on the login form in the first tests. */
let admin: BrowserSession;

beforeAll(async () => {
    server = await startStandIn({ login: true, unconfigured: true });
    admin = new BrowserSession(server.webUrl);
}, 60_000);

afterAll(async () => {
    await server.close();
});

describe('signing in (--login)', () => {
    it('sends a browser without a session from the investigate page to the login form, and back after it', async () => {
        const page = await admin.fetch(INVESTIGATE_PATH, { redirect: 'manual' });
        expect(page.status).toBeGreaterThanOrEqual(300);
        expect(page.status).toBeLessThan(400);
        const location = page.headers.get('location') ?? '';
        expect(location).toBe(`${LOGIN_PATH}?return_to=${encodeURIComponent(INVESTIGATE_PATH)}`);
        const form = await admin.fetch(location);
        expect(form.status).toBe(200);
        const html = await form.text();
        expect(html).toContain('<form method="post" action="/en-US/account/login">');
        expect(html).toContain(`name="return_to" value="${INVESTIGATE_PATH}"`);
        expect(admin.hasSession).toBe(false);
    });

    it('shows the failure for a wrong password and opens no session', async () => {
        const refused = await admin.login('admin', 'wrong-password');
        const failedForm = refused.headers.get('location') ?? '';
        expect(failedForm).toMatch(/^\/en-US\/account\/login\?failed=1&return_to=/);
        const html = await (await admin.fetch(failedForm)).text();
        expect(html).toContain('Login failed.');
        expect(admin.hasSession).toBe(false);
        const stillOut = await admin.fetch(INVESTIGATE_PATH, { redirect: 'manual' });
        expect(stillOut.headers.get('location')).toMatch(/^\/en-US\/account\/login\?/);
    });

    it('returns to the page with the right password, with the session and CSRF cookies set', async () => {
        const accepted = await admin.login('admin', PASSWORD);
        expect(accepted.headers.get('location')).toBe(INVESTIGATE_PATH);
        const cookies = accepted.headers.getSetCookie().join('\n');
        expect(cookies).toMatch(new RegExp(`splunkd_${admin.port}=[0-9a-f]+; Path=/; HttpOnly; SameSite=Strict`));
        expect(cookies).toMatch(new RegExp(`splunkweb_csrf_token_${admin.port}=[0-9a-f]+; Path=/; SameSite=Strict`));
        expect(admin.hasSession).toBe(true);
        expect(admin.csrfToken).toMatch(/^[0-9a-f]{32}$/);
    });

    it('never sends the browser to another site after signing in', async () => {
        const browser = new BrowserSession(server.webUrl);
        const answer = await browser.login('admin', PASSWORD, 'https://evil.example/phish');
        expect(answer.headers.get('location')).toBe('/en-US/app/passivetotal/');
    });
});

describe('the app’s pages with the session cookies', () => {
    it.each([
        [INVESTIGATE_PATH, 'Investigate | PassiveTotal for Splunk', 'investigate.js'],
        [SETUP_PATH, 'Setup | PassiveTotal for Splunk', 'setup.js'],
    ])('%s renders the page that loads the built bundle and $C', async (pagePath, title, bundle) => {
        const page = await admin.fetch(pagePath);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await page.text();
        expect(html).toContain(`<title>${title}</title>`);
        expect(html).toContain('<script src="/en-US/config?autoload=1"');
        const script = new RegExp(`src="(/en-US/static/@[^"]+/app/passivetotal/pages/${bundle.replace('.', '\\.')})"`);
        const bundleUrl = script.exec(html)?.[1];
        expect(bundleUrl).toBeDefined();
        const js = await admin.fetch(bundleUrl ?? '');
        expect(js.status).toBe(200);
        expect(js.headers.get('content-type')).toMatch(/javascript/);
        expect((await js.text()).length).toBeGreaterThan(10_000);
    });

    it('gives the page the signed-in user and the proxy path in $C', async () => {
        expect(await pageConfig(admin)).toMatchObject({
            USERNAME: 'admin',
            SPLUNKD_PATH,
            MRSPARKLE_PORT_NUMBER: admin.port,
            APP: 'passivetotal',
        });
    });

    it('redirects the app’s root to its default view', async () => {
        const root = await admin.fetch('/en-US/app/passivetotal/', { redirect: 'manual' });
        expect(root.headers.get('location')).toBe(INVESTIGATE_PATH);
    });
});

describe('Splunk Web’s splunkd proxy rules', () => {
    it.each([
        ['GET', '/services/data/indexes?output_mode=json'],
        ['POST', '/services/server/control/restart'],
        ['GET', '/services/authentication/users?output_mode=json'],
    ])('answers 404 for an endpoint web.conf does not expose: %s %s', async (method, servicesPath) => {
        const response =
            method === 'GET'
                ? await admin.fetch(`${SPLUNKD_PATH}${servicesPath}`)
                : await admin.write('POST', `${SPLUNKD_PATH}${servicesPath}`);
        expect(await errorOf(response)).toEqual({ status: 404, text: NOT_FOUND });
    });

    it('checks the rules on the path it forwards: `..` cannot climb from an exposed endpoint to another one', async () => {
        // Sent byte for byte (curl --path-as-is); a browser would already have resolved the dot segments.
        for (const climb of [
            '/servicesNS/nobody/passivetotal/storage/collections/../../../../../services/authentication/users',
            '/servicesNS/nobody/passivetotal/passivetotal/pt/../../../../../services/authentication/users',
            '/servicesNS/nobody/passivetotal/passivetotal/pt/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/services/authentication/users',
        ]) {
            const response = await admin.raw(`${SPLUNKD_PATH}${climb}?output_mode=json`);
            expect({ climb, status: response.status, body: JSON.parse(response.body) as unknown }).toEqual({
                climb,
                status: 404,
                body: { messages: [{ type: 'ERROR', text: NOT_FOUND }] },
            });
        }
    });

    it('answers 404 for a method the expose rule does not list (DELETE server/info, POST to the PT route)', async () => {
        const del = await admin.write('DELETE', `${SPLUNKD_PATH}/services/server/info`);
        expect(await errorOf(del)).toEqual({ status: 404, text: NOT_FOUND });
        const post = await admin.write('POST', `${APP_ENDPOINT}/pt/actions/tags`, { query: 'evil.example' });
        expect(await errorOf(post)).toEqual({ status: 404, text: NOT_FOUND });
        // The same request straight at splunkd reaches the handler, which refuses every write.
        const direct = await fetch(
            `${server.splunkdUrl}/servicesNS/nobody/passivetotal/passivetotal/pt/actions/tags?output_mode=json`,
            {
                method: 'POST',
                headers: { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` },
            }
        );
        expect(await errorOf(direct)).toMatchObject({ status: 405, code: 'method_not_allowed' });
    });

    it('passes a GET of an exposed endpoint with the session', async () => {
        const info = await admin.fetch(`${SPLUNKD_PATH}/services/server/info?output_mode=json`);
        expect(info.status).toBe(200);
        const context = await admin.fetch(`${SPLUNKD_PATH}/services/authentication/current-context?output_mode=json`);
        expect(
            ((await context.json()) as { entry: { content: { username: string } }[] }).entry[0]?.content
        ).toMatchObject({ username: 'admin' });
    });

    it('refuses a POST without X-Splunk-Form-Key, or with a wrong one, with the CSRF message', async () => {
        const search = new URLSearchParams({ search: 'search index=proxy', output_mode: 'json' }).toString();
        const jobs = `${SPLUNKD_PATH}/servicesNS/admin/passivetotal/search/jobs`;
        const formType = { 'Content-Type': 'application/x-www-form-urlencoded' };
        const without = await admin.fetch(jobs, { method: 'POST', headers: formType, body: search });
        expect(await errorOf(without)).toEqual({ status: 401, text: CSRF_FAILED });
        const wrong = await admin.fetch(jobs, {
            method: 'POST',
            headers: { ...formType, 'X-Splunk-Form-Key': '0123456789abcdef0123456789abcdef' },
            body: search,
        });
        expect(await errorOf(wrong)).toEqual({ status: 401, text: CSRF_FAILED });
        const before = server.splunkd.stats().jobs.started;
        const right = await admin.write('POST', jobs, { search: 'search index=proxy', output_mode: 'json' });
        expect(right.status).toBe(201);
        expect(server.splunkd.stats().jobs.started).toBe(before + 1);
    });

    it('refuses a DELETE of the app’s cache without the CSRF token', async () => {
        const response = await admin.fetch(`${APP_ENDPOINT}/cache?output_mode=json`, { method: 'DELETE' });
        expect(await errorOf(response)).toEqual({ status: 401, text: CSRF_FAILED });
    });

    it('answers 401 to a browser without a session', async () => {
        const stranger = new BrowserSession(server.webUrl);
        const response = await stranger.fetch(`${SPLUNKD_PATH}/services/server/info?output_mode=json`);
        expect(await errorOf(response)).toEqual({ status: 401, text: NOT_LOGGED_IN });
        const app = await stranger.fetch(`${APP_ENDPOINT}/status?output_mode=json`);
        expect(await errorOf(app)).toEqual({ status: 401, text: NOT_LOGGED_IN });
    });
});

describe('the app endpoint of a fresh install (--unconfigured)', () => {
    it('says so in status, without a username', async () => {
        const status = await admin.fetch(`${APP_ENDPOINT}/status?output_mode=json`);
        expect(status.status).toBe(200);
        expect(await status.json()).toMatchObject({
            configured: false,
            username: null,
            user: 'admin',
            capabilities: { query: true, admin: true },
        });
    });

    it('answers a query with 503 not_configured pointing to the setup page, which core sorts as not-configured', async () => {
        const provider = admin.ptProvider();
        const domain = parseIndicator('login-secure-update.example');
        if (!domain.ok) throw new Error(domain.reason);
        const result = await provider.fetch('resolutions', domain.value);
        expect(result).toMatchObject({ ok: false, kind: 'not-configured', status: 503 });
        expect(!result.ok && result.reason).toBe(
            'PassiveTotal is not configured: an administrator has to enter the PassiveTotal username and API key ' +
                "on the app's setup page."
        );
        const raw = await admin.fetch(`${APP_ENDPOINT}/pt/whois?query=login-secure-update.example&output_mode=json`);
        const body: unknown = await raw.clone().json();
        expect(await errorOf(raw)).toMatchObject({ status: 503, code: 'not_configured' });
        expect(classifyProxyError(503, body).kind).toBe('not-configured');
        expect(server.replay?.stats().total).toBe(0);
    });

    it('lets the analyst in through the login form, with query but not admin capability', async () => {
        const analyst = new BrowserSession(server.webUrl);
        await analyst.login('analyst', PASSWORD);
        expect(analyst.hasSession).toBe(true);
        expect(await pageConfig(analyst)).toMatchObject({ USERNAME: 'analyst' });
        const status = await analyst.fetch(`${APP_ENDPOINT}/status?output_mode=json`);
        expect(await status.json()).toMatchObject({ user: 'analyst', capabilities: { query: true, admin: false } });
        const purge = await analyst.write('DELETE', `${APP_ENDPOINT}/cache?output_mode=json`);
        expect(await errorOf(purge)).toMatchObject({ status: 403, code: 'forbidden' });
    });
});
