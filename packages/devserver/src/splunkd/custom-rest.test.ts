import type { CustomRestReply, CustomRestRequest, RestScriptEndpoint } from './custom-rest';
import { APP_FILES, startHarness, type Harness } from './test-harness';

let h: Harness;
let calls: { request: CustomRestRequest; endpoint: RestScriptEndpoint }[] = [];
let nextReply: CustomRestReply | Error = { payload: { ok: true } };
const handlerErrors: unknown[] = [];

beforeAll(async () => {
    h = await startHarness({
        restHandler: (request, endpoint) => {
            calls.push({ request, endpoint });
            return nextReply instanceof Error ? Promise.reject(nextReply) : Promise.resolve(nextReply);
        },
        onHandlerError: (error) => handlerErrors.push(error),
    });
});
afterAll(async () => {
    await h.close();
});
beforeEach(() => {
    calls = [];
    nextReply = { payload: { ok: true } };
});

describe('custom REST endpoints from restmap.conf', () => {
    it('builds the persistent-handler request JSON', async () => {
        const res = await h.call(
            '/servicesNS/nobody/passivetotal/passivetotal/lookup/dns/passive?output_mode=json&query=evil.example',
            {
                method: 'POST',
                headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Custom': 'yes' },
                body: 'a=1&a=2',
                token: h.analystToken,
            }
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
        expect(await res.json()).toEqual({ ok: true });
        const { request, endpoint } = calls[0]!;
        expect(endpoint).toMatchObject({ name: 'script:passivetotal_lookup', match: '/passivetotal/lookup' });
        expect(request).toMatchObject({
            method: 'POST',
            rest_path: '/passivetotal/lookup/dns/passive',
            path_info: 'dns/passive',
            query: [
                ['output_mode', 'json'],
                ['query', 'evil.example'],
            ],
            form: [
                ['a', '1'],
                ['a', '2'],
            ],
            payload: 'a=1&a=2',
            session: { user: 'analyst', authtoken: h.analystToken },
            system_authtoken: h.splunkd.systemToken,
            ns: { app: 'passivetotal', user: 'nobody' },
            output_mode: 'json',
            output_mode_explicit: true,
            restmap: { name: 'script:passivetotal_lookup' },
        });
        expect(request.server.rest_uri).toBe(h.base);
        expect(request.headers).toEqual(expect.arrayContaining([['x-custom', 'yes']]));
        expect(h.splunkd.identityOfToken(request.system_authtoken!)?.capabilities.has('list_storage_passwords')).toBe(
            true
        );
    });

    it('omits path_info, payload, system_authtoken and restmap when not asked for', async () => {
        await h.call('/services/passivetotal/setup?output_mode=json', { token: h.adminToken });
        const { request } = calls[0]!;
        expect(request.path_info).toBeUndefined();
        expect(request.payload).toBeUndefined();
        expect(request.system_authtoken).toBeUndefined();
        expect(request.restmap).toBeUndefined();
        expect(request.headers).toBeUndefined();
        expect(request.ns).toEqual({});
    });

    it('enforces capability and capability.<method> with 403, and authentication with 401', async () => {
        const denied = await h.call('/servicesNS/nobody/passivetotal/passivetotal/setup?output_mode=json', {
            method: 'POST',
            token: h.analystToken,
        });
        expect(denied.status).toBe(403);
        const body = (await denied.json()) as { messages: { type: string; text: string }[] };
        expect(body.messages[0]).toMatchObject({ type: 'ERROR' });
        expect(body.messages[0]!.text).toContain('passivetotal_admin');
        expect(
            (
                await h.call('/servicesNS/nobody/passivetotal/passivetotal/setup?output_mode=json', {
                    token: h.analystToken,
                })
            ).status
        ).toBe(200);
        expect((await h.call('/services/passivetotal/lookup?output_mode=json')).status).toBe(401);
        expect(calls).toHaveLength(1);
    });

    it('maps replies: null payload → 204, [code, reason] status, header list, string payload as is', async () => {
        nextReply = { payload: null };
        expect((await h.call('/services/passivetotal/lookup', { token: h.adminToken })).status).toBe(204);
        nextReply = {
            status: [429, 'Too Many'],
            headers: [['Retry-After', '7']],
            payload: { messages: [{ type: 'ERROR', text: 'quota' }] },
        };
        const limited = await h.call('/services/passivetotal/lookup', { token: h.adminToken });
        expect(limited.status).toBe(429);
        expect(limited.headers.get('retry-after')).toBe('7');
        expect(await limited.json()).toEqual({ messages: [{ type: 'ERROR', text: 'quota' }] });
        nextReply = { status: 200, headers: { 'Content-Type': 'text/csv' }, payload: 'a,b\n1,2\n' };
        const csv = await h.call('/services/passivetotal/lookup', { token: h.adminToken });
        expect(csv.headers.get('content-type')).toBe('text/csv');
        expect(await csv.text()).toBe('a,b\n1,2\n');
        nextReply = { payload: [1, 2] };
        expect(await (await h.call('/services/passivetotal/lookup', { token: h.adminToken })).json()).toEqual([1, 2]);
    });

    it('answers 500 without details when the handler fails', async () => {
        nextReply = new Error('Traceback (most recent call last): secret');
        const res = await h.call('/services/passivetotal/lookup?output_mode=json', { token: h.adminToken });
        expect(res.status).toBe(500);
        const text = await res.text();
        expect(text).not.toContain('Traceback');
        expect(JSON.parse(text)).toEqual({
            messages: [{ type: 'ERROR', text: expect.stringContaining('script:passivetotal_lookup') as string }],
        });
        expect(handlerErrors).toHaveLength(1);
    });

    it('answers 404 when the app has no script stanzas or no handler is plugged in', async () => {
        const bare = await startHarness({}, { ...APP_FILES });
        const noRestmap = await startHarness(
            { restHandler: () => Promise.resolve({ payload: 'x' }) },
            Object.fromEntries(Object.entries(APP_FILES).filter(([name]) => name !== 'default/restmap.conf'))
        );
        try {
            expect(
                (await bare.call('/services/passivetotal/lookup?output_mode=json', { token: bare.adminToken })).status
            ).toBe(404);
            expect(
                (
                    await noRestmap.call('/services/passivetotal/lookup?output_mode=json', {
                        token: noRestmap.adminToken,
                    })
                ).status
            ).toBe(404);
        } finally {
            await bare.close();
            await noRestmap.close();
        }
    });
});
