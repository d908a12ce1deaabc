import { createRESTURL } from '@splunk/splunk-utils/url';
import { handleError, handleResponse } from '@splunk/splunk-utils/fetch';
import { form, startHarness, type Harness } from './test-harness';

interface FeedBody {
    entry: { name: string; content: Record<string, unknown>; acl?: Record<string, unknown> }[];
    paging: { total: number };
}

let h: Harness;
beforeAll(async () => {
    h = await startHarness();
});
afterAll(async () => {
    await h.close();
});

const url = (endpoint: string, ns: { app?: string; owner?: string } = {}) =>
    createRESTURL(endpoint, ns, { splunkdPath: h.base });

describe('authentication', () => {
    it('logs in with POST auth/login (JSON and XML) and accepts the key as Authorization: Splunk', async () => {
        const res = await fetch(
            `${h.base}/services/auth/login`,
            form({ username: 'analyst', password: 'changeme', output_mode: 'json' })
        );
        expect(res.status).toBe(200);
        const { sessionKey } = (await res.json()) as { sessionKey: string };
        const context = await h.call('/services/authentication/current-context?output_mode=json', {
            token: sessionKey,
        });
        const body = (await context.json()) as FeedBody;
        expect(body.entry[0]!.content).toMatchObject({ username: 'analyst', roles: ['user', 'passivetotal_user'] });
        const capabilities = body.entry[0]!.content.capabilities as string[];
        expect(capabilities).toContain('search');
        expect(capabilities).toContain('passivetotal_query');
        expect(capabilities).not.toContain('list_storage_passwords');
        expect(capabilities).not.toContain('passivetotal_admin');

        const xml = await fetch(`${h.base}/services/auth/login`, form({ username: 'admin', password: 'changeme' }));
        expect(await xml.text()).toMatch(/<sessionKey>[^<]+<\/sessionKey>/);
    });

    it('answers 401 Login failed for a wrong password', async () => {
        const res = await fetch(
            `${h.base}/services/auth/login`,
            form({ username: 'admin', password: 'nope', output_mode: 'json' })
        );
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ messages: [{ type: 'WARN', text: 'Login failed' }] });
        expect(h.splunkd.login('admin', 'nope')).toBeUndefined();
    });

    it('accepts HTTP basic auth and rejects missing or invalid credentials with 401', async () => {
        const basic = `Basic ${Buffer.from('admin:changeme').toString('base64')}`;
        const ok = await fetch(`${h.base}/services/server/info?output_mode=json`, {
            headers: { Authorization: basic },
        });
        expect(ok.status).toBe(200);
        const bad = `Basic ${Buffer.from('admin:wrong').toString('base64')}`;
        const variants: Record<string, string>[] = [
            {},
            { Authorization: bad },
            { Authorization: 'Splunk not-a-session' },
        ];
        for (const headers of variants) {
            const res = await fetch(`${h.base}/services/server/info?output_mode=json`, { headers });
            expect(res.status).toBe(401);
            expect(await res.json()).toEqual({ messages: [{ type: 'WARN', text: 'call not properly authenticated' }] });
        }
    });

    it('gives admins the system capabilities and the app capabilities the app grants', async () => {
        const res = await h.call('/services/authentication/current-context?output_mode=json', { token: h.adminToken });
        const caps = ((await res.json()) as FeedBody).entry[0]!.content.capabilities as string[];
        for (const c of ['admin_all_objects', 'list_storage_passwords', 'edit_storage_passwords', 'passivetotal_admin'])
            expect(caps).toContain(c);
        const all = await h.call('/services/authorization/capabilities?output_mode=json', { token: h.analystToken });
        expect(((await all.json()) as FeedBody).entry[0]!.content.capabilities).toEqual(
            expect.arrayContaining(['passivetotal_query', 'passivetotal_admin', 'search'])
        );
        const role = await h.call('/services/authorization/roles/passivetotal_user?output_mode=json', {
            token: h.analystToken,
        });
        expect(((await role.json()) as FeedBody).entry[0]!.content).toMatchObject({
            capabilities: ['passivetotal_query'],
            imported_roles: ['user'],
        });
    });
});

describe('storage/passwords', () => {
    const entity = (realm: string, name: string) => `storage/passwords/${encodeURIComponent(`${realm}:${name}:`)}`;

    it('creates (201), escapes colons, masks the password and shows clear_password to admins', async () => {
        const res = await fetch(url('storage/passwords', { app: 'passivetotal', owner: 'nobody' }), {
            ...form({ name: 'api:key', password: 's3cret', realm: 'passivetotal', output_mode: 'json' }),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Splunk ${h.adminToken}` },
        });
        expect(res.status).toBe(201);
        const created = (await res.json()) as FeedBody;
        expect(created.entry[0]!.name).toBe('passivetotal:api\\:key:');
        expect(created.entry[0]!.content).toMatchObject({
            username: 'api:key',
            realm: 'passivetotal',
            password: '********',
            clear_password: 's3cret',
        });
        expect(created.entry[0]!.content.encr_password).toMatch(/^\$7\$/);

        const one = await h.call(
            `/servicesNS/nobody/passivetotal/${entity('passivetotal', 'api\\:key')}?output_mode=json`,
            { token: h.adminToken }
        );
        expect(one.status).toBe(200);
        const list = await h.call(
            '/servicesNS/nobody/passivetotal/storage/passwords?output_mode=json&search=passivetotal',
            { token: h.adminToken }
        );
        expect(((await list.json()) as FeedBody).entry.map((e) => e.name)).toEqual(['passivetotal:api\\:key:']);
    });

    it('answers 409 for a duplicate, updates the password, and deletes', async () => {
        const create = () =>
            h.call('/servicesNS/nobody/passivetotal/storage/passwords', {
                ...form({ name: 'dup', password: 'one', realm: 'r', output_mode: 'json' }),
                token: h.adminToken,
            });
        expect((await create()).status).toBe(201);
        const again = await create();
        expect(again.status).toBe(409);
        expect(((await again.json()) as { messages: { type: string }[] }).messages[0]!.type).toBe('ERROR');
        const update = await h.call(`/servicesNS/nobody/passivetotal/${entity('r', 'dup')}`, {
            ...form({ password: 'two', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(((await update.json()) as FeedBody).entry[0]!.content.clear_password).toBe('two');
        const removed = await h.call(`/servicesNS/nobody/passivetotal/${entity('r', 'dup')}?output_mode=json`, {
            method: 'DELETE',
            token: h.adminToken,
        });
        expect(removed.status).toBe(200);
        const gone = await h.call(`/servicesNS/nobody/passivetotal/${entity('r', 'dup')}?output_mode=json`, {
            token: h.adminToken,
        });
        expect(gone.status).toBe(404);
    });

    it('refuses the analyst with 403 (no list_storage_passwords / edit_storage_passwords)', async () => {
        const list = await h.call('/servicesNS/nobody/passivetotal/storage/passwords?output_mode=json', {
            token: h.analystToken,
        });
        expect(list.status).toBe(403);
        const body = (await list.json()) as { messages: { type: string; text: string }[] };
        expect(body.messages[0]!.text).toContain('list_storage_passwords');
        const create = await h.call('/servicesNS/nobody/passivetotal/storage/passwords', {
            ...form({ name: 'x', password: 'y', output_mode: 'json' }),
            token: h.analystToken,
        });
        expect(create.status).toBe(403);
        const viaUtils = fetch(
            url('storage/passwords', { app: 'passivetotal', owner: 'nobody' }) + '?output_mode=json',
            {
                headers: { Authorization: `Splunk ${h.analystToken}` },
            }
        )
            .then(handleResponse(200))
            .catch(handleError('Failed to read secrets.'));
        await expect(viaUtils).rejects.toThrow(/do not have permission.*list_storage_passwords/);
    });

    it('lets the system token read secrets', async () => {
        const res = await h.call('/servicesNS/nobody/passivetotal/storage/passwords?output_mode=json', {
            token: h.splunkd.systemToken,
        });
        expect(res.status).toBe(200);
    });
});

describe('KV store', () => {
    const data = '/servicesNS/nobody/passivetotal/storage/collections/data';
    const json = (body: unknown, method = 'POST'): RequestInit => ({
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
    });

    beforeAll(async () => {
        const docs = [
            { _key: 'a', indicator: 'evil.example', score: 90, fetched_at: 100 },
            { _key: 'b', indicator: 'good.example', score: '10', fetched_at: 200 },
            { _key: 'c', indicator: '10.0.0.1', score: 55, fetched_at: 300 },
        ];
        const res = await h.call(`${data}/pt_cache/batch_save`, { ...json(docs), token: h.adminToken });
        expect(await res.json()).toEqual(['a', 'b', 'c']);
    });

    it('finds with query operators, sort, limit, skip and fields', async () => {
        const find = async (params: Record<string, string>) => {
            const res = await h.call(`${data}/pt_cache?${new URLSearchParams(params).toString()}`, {
                token: h.analystToken,
            });
            expect(res.status).toBe(200);
            return (await res.json()) as Record<string, unknown>[];
        };
        const keys = (docs: Record<string, unknown>[]) => docs.map((d) => d._key);
        expect(keys(await find({ query: JSON.stringify({ indicator: 'evil.example' }) }))).toEqual(['a']);
        expect(keys(await find({ query: JSON.stringify({ score: { $gte: 55 } }), sort: 'score:-1' }))).toEqual([
            'a',
            'c',
        ]);
        expect(keys(await find({ query: JSON.stringify({ score: { $gt: 10, $lt: 90 } }) }))).toEqual(['c']);
        expect(
            keys(await find({ query: JSON.stringify({ $or: [{ _key: 'a' }, { score: { $lte: 10 } }] }), sort: '_key' }))
        ).toEqual(['a', 'b']);
        expect(
            keys(
                await find({
                    query: JSON.stringify({
                        $and: [{ score: { $ne: 90 } }, { indicator: { $in: ['good.example', '10.0.0.1'] } }],
                    }),
                    sort: 'fetched_at:1',
                })
            )
        ).toEqual(['b', 'c']);
        expect(keys(await find({ sort: 'fetched_at:1', limit: '1', skip: '1' }))).toEqual(['b']);
        expect(await find({ query: JSON.stringify({ _key: 'a' }), fields: 'indicator' })).toEqual([
            { _key: 'a', indicator: 'evil.example' },
        ]);
        // enforceTypes converted "10" to a number
        expect((await find({ query: JSON.stringify({ _key: 'b' }) }))[0]).toMatchObject({ score: 10, _user: 'nobody' });
    });

    it('inserts, gets, replaces and deletes by _key; 404 for a missing key or collection', async () => {
        const inserted = await h.call(`${data}/pt_cache`, {
            ...json({ indicator: 'new.example', score: 1 }),
            token: h.adminToken,
        });
        expect(inserted.status).toBe(201);
        const { _key } = (await inserted.json()) as { _key: string };
        const one = await h.call(`${data}/pt_cache/${_key}`, { token: h.adminToken });
        expect(await one.json()).toMatchObject({ _key, indicator: 'new.example', score: 1 });
        const replaced = await h.call(`${data}/pt_cache/${_key}`, {
            ...json({ indicator: 'new.example', score: 2 }),
            token: h.adminToken,
        });
        expect(await replaced.json()).toEqual({ _key });
        expect(await (await h.call(`${data}/pt_cache/${_key}`, { token: h.adminToken })).json()).toMatchObject({
            score: 2,
        });
        expect((await h.call(`${data}/pt_cache/${_key}`, { method: 'DELETE', token: h.adminToken })).status).toBe(200);
        expect((await h.call(`${data}/pt_cache/${_key}`, { token: h.adminToken })).status).toBe(404);
        expect((await h.call(`${data}/pt_cache/missing`, { ...json({ score: 1 }), token: h.adminToken })).status).toBe(
            404
        );
        expect((await h.call(`${data}/no_such_collection`, { token: h.adminToken })).status).toBe(404);
        expect((await h.call('/services/storage/collections/data/pt_cache', { token: h.adminToken })).status).toBe(404);
    });

    it('rejects a wrong type with enforceTypes and drops it without', async () => {
        const strict = await h.call(`${data}/pt_cache`, {
            ...json({ indicator: 'x', score: 'high' }),
            token: h.adminToken,
        });
        expect(strict.status).toBe(400);
        const loose = await h.call(`${data}/pt_loose`, {
            ...json({ _key: 'k', score: 'high', other: 'kept' }),
            token: h.adminToken,
        });
        expect(loose.status).toBe(201);
        expect(await (await h.call(`${data}/pt_loose/k`, { token: h.adminToken })).json()).toEqual({
            _key: 'k',
            other: 'kept',
            _user: 'nobody',
        });
    });

    it('deletes by query, runs batch_find, and refuses writes by a role without write access', async () => {
        const found = await h.call(`${data}/pt_cache/batch_find`, {
            ...json([{ query: { _key: 'a' } }, { query: { score: { $lt: 60 } }, sort: '_key' }]),
            token: h.analystToken,
        });
        expect(((await found.json()) as { _key: string }[][]).map((r) => r.map((d) => d._key))).toEqual([
            ['a'],
            ['b', 'c'],
        ]);
        const denied = await h.call(`${data}/pt_cache`, { ...json({ indicator: 'x' }), token: h.analystToken });
        expect(denied.status).toBe(403);
        const del = await h.call(
            `${data}/pt_cache?query=${encodeURIComponent(JSON.stringify({ score: { $lt: 60 } }))}`,
            { method: 'DELETE', token: h.adminToken }
        );
        expect(del.status).toBe(200);
        expect(h.splunkd.kvstore.documents('pt_cache').map((d) => d._key)).toEqual(['a']);
    });

    it('answers 503 while the KV store is unavailable', async () => {
        h.splunkd.setKvstoreAvailable(false);
        try {
            const res = await h.call(`${data}/pt_cache`, { token: h.adminToken });
            expect(res.status).toBe(503);
            expect(((await res.json()) as { messages: { type: string }[] }).messages[0]!.type).toBe('ERROR');
        } finally {
            h.splunkd.setKvstoreAvailable(true);
        }
    });

    it('lists collection configuration', async () => {
        const res = await h.call('/servicesNS/nobody/passivetotal/storage/collections/config?output_mode=json', {
            token: h.analystToken,
        });
        const body = (await res.json()) as FeedBody;
        expect(body.entry.map((e) => e.name)).toEqual(['pt_cache', 'pt_loose']);
        expect(body.entry[0]!.content).toMatchObject({ 'field.score': 'number', enforceTypes: 'true' });
    });
});

describe('configs, apps/local and macros', () => {
    const conf = '/servicesNS/nobody/passivetotal/configs/conf-passivetotal';

    it('merges default keys, inherits [default], and updates stanzas for admins only', async () => {
        const res = await h.call(`${conf}/api?output_mode=json`, { token: h.analystToken });
        const entry = ((await res.json()) as FeedBody).entry[0]!;
        expect(entry.content).toMatchObject({
            base_url: 'https://api.passivetotal.org/v2',
            shared: 'yes',
            disabled: false,
        });
        expect(entry.content['eai:acl']).toMatchObject({ app: 'passivetotal', owner: 'nobody', sharing: 'app' });
        const denied = await h.call(`${conf}/api`, {
            ...form({ timeout_seconds: '5', output_mode: 'json' }),
            token: h.analystToken,
        });
        expect(denied.status).toBe(403);
        const ok = await h.call(`${conf}/api`, {
            ...form({ timeout_seconds: '5', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(((await ok.json()) as FeedBody).entry[0]!.content.timeout_seconds).toBe('5');
        expect((await h.call(`${conf}/nope?output_mode=json`, { token: h.adminToken })).status).toBe(404);
    });

    it('creates a stanza with name= (201), then 409 for the same name', async () => {
        const create = () =>
            h.call(conf, { ...form({ name: 'proxy', url: 'http://proxy', output_mode: 'json' }), token: h.adminToken });
        expect((await create()).status).toBe(201);
        expect((await create()).status).toBe(409);
        const list = await h.call(`${conf}?output_mode=json`, { token: h.adminToken });
        expect(((await list.json()) as FeedBody).entry.map((e) => e.name)).toEqual(['default', 'api', 'proxy']);
    });

    it('uses macro changes made through configs/conf-macros in later searches', async () => {
        const update = await h.call('/servicesNS/nobody/passivetotal/configs/conf-macros/pt_index', {
            ...form({ definition: 'index=other', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(update.status).toBe(200);
        const res = await h.call('/servicesNS/admin/passivetotal/search/jobs', {
            ...form({ search: 'search `pt_index` | stats count', exec_mode: 'oneshot', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(((await res.json()) as { results: unknown[] }).results).toEqual([{ count: '2' }]);
    });

    it('reports and sets the app configured flag through apps/local', async () => {
        const get = async () =>
            (
                (await (
                    await h.call('/services/apps/local/passivetotal?output_mode=json', { token: h.analystToken })
                ).json()) as FeedBody
            ).entry[0]!.content;
        expect(await get()).toMatchObject({
            label: 'PassiveTotal for Splunk',
            version: '2.0.0',
            configured: false,
            visible: true,
        });
        const denied = await h.call('/servicesNS/nobody/system/apps/local/passivetotal', {
            ...form({ configured: '1', output_mode: 'json' }),
            token: h.analystToken,
        });
        expect(denied.status).toBe(403);
        const ok = await h.call('/servicesNS/nobody/system/apps/local/passivetotal', {
            ...form({ configured: 'true', output_mode: 'json' }),
            token: h.adminToken,
        });
        expect(ok.status).toBe(200);
        expect((await get()).configured).toBe(true);
    });

    it('answers errors in splunkd form: unknown endpoint 404, XML without output_mode', async () => {
        const missing = await h.call('/services/no/such/endpoint?output_mode=json', { token: h.adminToken });
        expect(missing.status).toBe(404);
        expect(await missing.json()).toEqual({ messages: [{ type: 'ERROR', text: 'Not Found' }] });
        const xml = await h.call('/services/no/such/endpoint', { token: h.adminToken });
        expect(await xml.text()).toContain('<msg type="ERROR">Not Found</msg>');
    });
});
