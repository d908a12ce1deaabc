/**
 * Who may see what, through the stand-in as a Splunk administrator would check it: a user without the app's roles
 * (`guest`, role `user` only) gets a clear 403 and nothing from the app's KV store collections (the intelligence
 * cache, the team's investigation history) and from every endpoint route that reads intelligence or history;
 * the app's roles get what their capability allows.
 */
import { startDevserver, type RunningDevserver } from '../server';
import { PASSWORD, devserverOptions } from './stand-in';

let server: RunningDevserver;

beforeAll(async () => {
    server = await startDevserver(devserverOptions());
}, 60_000);

afterAll(async () => {
    await server.close();
});

async function call(user: string, method: 'GET' | 'POST' | 'DELETE', path: string, form?: Record<string, string>) {
    const url = new URL(`${server.splunkdUrl}${path}`);
    url.searchParams.set('output_mode', 'json');
    const response = await fetch(url, {
        method,
        headers: {
            Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const text = await response.text();
    return { status: response.status, text };
}

const NS = '/servicesNS/nobody/passivetotal';

describe('the app’s KV store collections', () => {
    beforeAll(async () => {
        // Something in each collection: an investigation recorded and an answer cached, as the page would.
        expect(
            (
                await call('analyst', 'POST', `${NS}/passivetotal/investigations`, {
                    indicator: 'evil.example',
                    type: 'domain',
                })
            ).status
        ).toBe(201);
        expect(
            (await call('analyst', 'GET', `${NS}/passivetotal/pt/whois?query=login-secure-update.example`)).status
        ).toBe(200);
    }, 60_000);

    it.each(['passivetotal_cache', 'passivetotal_investigations', 'passivetotal_usage', 'passivetotal_cases'])(
        '%s: a user without the app’s roles gets 403 and no document',
        async (collection) => {
            const reply = await call('guest', 'GET', `${NS}/storage/collections/data/${collection}`);
            expect(reply.status).toBe(403);
            expect(reply.text).toContain("User 'guest'");
            expect(reply.text).not.toContain('evil.example');
            expect(reply.text).not.toContain('login-secure-update');
        }
    );

    it.each(['passivetotal_cache', 'passivetotal_investigations', 'passivetotal_usage', 'passivetotal_cases'])(
        '%s: the app’s roles may read it, and nobody but administrators writes it directly',
        async (collection) => {
            expect((await call('analyst', 'GET', `${NS}/storage/collections/data/${collection}`)).status).toBe(200);
            const write = await call('analyst', 'POST', `${NS}/storage/collections/data/${collection}`, { x: '1' });
            expect(write.status).toBe(403);
        }
    );
});

describe('the app’s endpoint', () => {
    it.each([
        ['GET', 'pt/whois?query=login-secure-update.example'],
        ['GET', 'open/rdap/domain?q=login-secure-update.example'],
        ['GET', 'batch?r=pt%2Fwhois%3Fquery%3Dlogin-secure-update.example'],
        ['GET', 'quota'],
        ['GET', 'check'],
        ['GET', 'investigations'],
        ['GET', 'setup'],
        ['DELETE', 'cache'],
    ] as const)('%s %s: a user without the app’s roles gets 403 forbidden and no data', async (method, route) => {
        const reply = await call('guest', method, `${NS}/passivetotal/${route}`);
        expect(reply.status).toBe(403);
        expect(reply.text).toContain('"code":"forbidden"');
        expect(reply.text).not.toContain('Bargain Names');
        expect(reply.text).not.toContain('evil.example');
    });

    it('status tells a user without the app’s roles what they may do, and no credential', async () => {
        const reply = await call('guest', 'GET', `${NS}/passivetotal/status`);
        expect(reply.status).toBe(200);
        const body = JSON.parse(reply.text) as Record<string, unknown>;
        expect(body['capabilities']).toEqual({ query: false, admin: false });
        expect(body['username']).toBeNull();
        expect(body).not.toHaveProperty('providers');
    });
});
