/**
 * The open providers on the stand-in (README, "Open intelligence providers"): `startDevserver` as `npm start` runs it configures
 * every `[provider:<id>]` stanza for the replay server and stores the demo keys of the keyed providers in
 * `storage/passwords` (readable only by an administrator, never in a conf file); the replay answers exactly the
 * upstream requests the app's `open/<provider>/<operation>` route makes, RDAP bootstrap and registrar referral
 * included; `--no-passivetotal` stores no PassiveTotal credential and keeps the providers.
 */
import { providerSpec } from '@passivetotal/core';
import { DEMO_KEYED_PROVIDERS, KEY_POLICIES, OPEN_PROVIDER_IDS, providerRealm, type OpenProviderId } from '../replay';
import { upstreamOperations, upstreamRequest } from '../replay/upstream-requests';
import { startDevserver, type RunningDevserver } from '../server';
import { devserverOptions, PASSWORD, splunkdAsAdmin } from './stand-in';

const NS = '/servicesNS/nobody/passivetotal';
const D = 'login-secure-update.example';
const IP = '203.0.113.77';
/** The providers the stand-in stores a demo key for, with the username it stores it under. */
const KEYED: readonly (readonly [OpenProviderId, string])[] = DEMO_KEYED_PROVIDERS.map((id) => [
    id,
    KEY_POLICIES[id]?.username ?? 'key',
]);

interface FeedEntry {
    name: string;
    content: Record<string, unknown>;
    acl: { app: string; sharing: string };
}

async function entries(server: RunningDevserver, servicesPath: string): Promise<FeedEntry[]> {
    const response = await splunkdAsAdmin(server, 'GET', servicesPath);
    if (response.status !== 200) throw new Error(`GET ${servicesPath} answered ${String(response.status)}`);
    return ((await response.json()) as { entry: FeedEntry[] }).entry;
}

const credentials = (server: RunningDevserver) => entries(server, `${NS}/storage/passwords?count=0`);

let server: RunningDevserver;
let origin: string;

beforeAll(async () => {
    server = await startDevserver(devserverOptions());
    origin = server.replay?.origin() ?? '';
}, 60_000);

afterAll(async () => {
    await server.close();
});

describe('provisioning for the replay', () => {
    it.each(OPEN_PROVIDER_IDS)('[provider:%s] points at the replay and is enabled', async (id) => {
        const [stanza] = await entries(
            server,
            `${NS}/configs/conf-passivetotal/${encodeURIComponent(`provider:${id}`)}`
        );
        const { urlSetting, resolver } = providerSpec(id);
        const expected = { [urlSetting]: resolver ? `${origin}/${id}/bootstrap/` : `${origin}/${id}` };
        expect(stanza?.content).toMatchObject({ ...expected, enabled: 'true' });
        expect(server.providerUrls[id]).toBe(Object.values(expected)[0]);
    });

    it('stores the demo keys app-scoped in storage/passwords, and no key in any conf stanza', async () => {
        const stored = await credentials(server);
        for (const [id, username] of KEYED) {
            const entry = stored.find((e) => e.content['realm'] === providerRealm(id));
            expect([id, entry?.content['username'], entry?.acl.app, entry?.acl.sharing]).toEqual([
                id,
                username,
                'passivetotal',
                'app',
            ]);
            expect(entry?.content['password']).toBe('********');
            expect(entry?.content['clear_password']).toBe('demo');
        }
        // Keyless providers (and mnemonic, keyless in public use) get no credential.
        for (const id of OPEN_PROVIDER_IDS.filter((p) => !DEMO_KEYED_PROVIDERS.includes(p))) {
            expect(stored.some((e) => e.content['realm'] === providerRealm(id))).toBe(false);
        }
        expect(stored.some((e) => e.content['realm'] === 'passivetotal')).toBe(true);
        const stanzas = await entries(server, `${NS}/configs/conf-passivetotal?count=0`);
        for (const s of stanzas.filter((e) => e.name.startsWith('provider:'))) {
            for (const [k, v] of Object.entries(s.content)) {
                if (typeof v === 'string') expect([s.name, k, v]).not.toEqual([s.name, k, 'demo']);
            }
        }
    });

    it('shows the keys to nobody without list_storage_passwords', async () => {
        const url = new URL(`${server.splunkdUrl}${NS}/storage/passwords`);
        url.searchParams.set('output_mode', 'json');
        const response = await fetch(url, {
            headers: { Authorization: `Basic ${Buffer.from(`analyst:${PASSWORD}`).toString('base64')}` },
        });
        expect(response.status).toBe(403);
        expect(await response.text()).not.toContain('clear_password');
    });
});

describe("the replay answers the upstream requests of the catalogue's operations", () => {
    /** The demo story's value for an operation, by its parameter's validator. */
    const story = (id: OpenProviderId, operation: string): string => {
        const name = operation.split('/').pop() ?? operation;
        const params = Object.values(providerSpec(id).operations[name]?.params ?? {});
        const validator = params[0]?.validator;
        return validator === 'ip' ? IP : validator === 'autnum' ? 'AS64501' : D;
    };
    const cases = OPEN_PROVIDER_IDS.flatMap((id) =>
        upstreamOperations(id).map((operation) => [id, operation, story(id, operation)] as const)
    );

    it.each(cases)('%s %s of %s', async (id, operation, query) => {
        const request = upstreamRequest(id, operation, query);
        const before = server.replay?.stats().byProvider[id] ?? 0;
        const response = await fetch(`${origin}${request.url}`, {
            method: request.method,
            headers: request.headers,
            ...(request.body === undefined ? {} : { body: request.body }),
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('x-replay-source')).toMatch(new RegExp(`^file:${id}/`));
        const text = await response.text();
        expect(text).not.toContain('$REPLAY_ORIGIN');
        expect(text.length).toBeGreaterThan(10);
        expect(server.replay?.stats().byProvider[id]).toBe(before + 1);
    });

    it('refuses a keyed provider without its key', async () => {
        const { url, method, body } = upstreamRequest('threatfox', 'search', IP, null);
        const response = await fetch(`${origin}${url}`, { method, ...(body === undefined ? {} : { body }) });
        expect(response.status).toBe(401);
    });

    it('walks RDAP as the handler does: bootstrap, registry, registrar referral on the same origin', async () => {
        const bootstrapUrl = server.providerUrls.rdap ?? '';
        const dns = (await (await fetch(new URL('dns.json', bootstrapUrl))).json()) as {
            services: [string[], string[]][];
        };
        const service = dns.services.find(([tlds]) => tlds.includes('example'));
        const base = service?.[1][0] ?? '';
        expect(new URL(base).origin).toBe(new URL(bootstrapUrl).origin);
        const registry = (await (await fetch(`${base.replace(/\/$/, '')}/domain/${D}`)).json()) as {
            links: { rel: string; type?: string; href: string }[];
        };
        const referral = registry.links.find((l) => l.rel === 'related' && l.type === 'application/rdap+json');
        expect(referral?.href).toBe(`${origin}/rdap/registrar/domain/${D}`);
        expect(new URL(referral?.href ?? '').pathname.endsWith(`/domain/${D}`)).toBe(true);
        const registrar = await fetch(referral?.href ?? '');
        expect(registrar.headers.get('content-type')).toBe('application/rdap+json');
        expect(await registrar.json()).toMatchObject({
            rdapConformance: expect.arrayContaining(['redacted']) as unknown,
        });
        const ipv4 = (await (await fetch(new URL('ipv4.json', bootstrapUrl))).json()) as {
            services: [string[], string[]][];
        };
        expect(ipv4.services[0]?.[0]).toContain('203.0.0.0/8');
    });
});

describe('--no-passivetotal', () => {
    let bare: RunningDevserver;
    beforeAll(async () => {
        bare = await startDevserver(devserverOptions({ noPassivetotal: true }));
    }, 60_000);
    afterAll(async () => {
        await bare.close();
    });

    it('stores no PassiveTotal credential and still configures every provider with its key', async () => {
        const stored = await credentials(bare);
        expect(stored.some((e) => e.content['realm'] === 'passivetotal')).toBe(false);
        expect(stored.map((e) => e.content['realm']).sort()).toEqual(KEYED.map(([id]) => providerRealm(id)).sort());
        expect(Object.keys(bare.providerUrls).sort()).toEqual([...OPEN_PROVIDER_IDS].sort());
        // PassiveTotal's base URL still points at the replay; only the credential is missing.
        const [api] = await entries(bare, `${NS}/configs/conf-passivetotal/api`);
        expect(api?.content['base_url']).toBe(bare.ptBaseUrl);
    });
});
