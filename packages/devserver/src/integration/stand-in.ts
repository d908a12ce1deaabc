/**
 * Test support: starting the stand-in in-process for a test file, and configuring the app through splunkd's REST
 * API as an administrator would (README "Configure it": `configs/conf-passivetotal`, `storage/passwords`).
 *
 * `startDevserver` is always started with `unconfigured: true` here and the app is then provisioned over HTTP:
 * its own provisioning uses Fastify's `inject()`, whose light-my-request loads the ESM-only `cookie@2`, which
 * jest's CommonJS runtime cannot require on Node 20 (`require()` of an ES module is refused there).
 */
import path from 'node:path';
import { parseCliOptions, type DevserverOptions } from '../cli-options';
import { startDevserver, type RunningDevserver } from '../server';

/** The built app the stand-in serves (`npm run build` writes it). */
export const STAGE_DIR = path.resolve(__dirname, '../../../../stage');

/** The repository root (where `npm start` runs). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The password of every user of the stand-in (`admin`, `analyst`). */
export const PASSWORD = 'changeme';

/** The options `npm start` uses by default, on free ports and with the built app, with overrides. */
export function devserverOptions(overrides: Partial<DevserverOptions> = {}): DevserverOptions {
    const defaults = parseCliOptions([], {});
    if (!defaults.ok) throw new Error(defaults.error);
    return { ...defaults.options, port: 0, splunkdPort: 0, stage: STAGE_DIR, ...overrides };
}

/**
 * A call to the stand-in's splunkd REST API as `admin` (HTTP basic auth, as `curl -u admin` does), in JSON. Any
 * stand-in will do: one started in-process or from the command line.
 */
export async function splunkdAsAdmin(
    server: Pick<RunningDevserver, 'splunkdUrl'>,
    method: 'GET' | 'POST' | 'DELETE',
    servicesPath: string,
    form?: Record<string, string>
): Promise<Response> {
    const url = new URL(`${server.splunkdUrl}${servicesPath}`);
    url.searchParams.set('output_mode', 'json');
    return fetch(url, {
        method,
        headers: {
            Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
}

/** What {@link provisionApp} stores. */
export interface Provisioning {
    /** Default: the replay server's base URL. */
    readonly baseUrl?: string;
    /** The PassiveTotal username, the credential's name. Default `demo`. */
    readonly username?: string;
    /** The API key, the credential's password. Default `demo` (the replay server accepts `demo` and `demo-*`). */
    readonly apiKey?: string;
    /** More `[api]` settings, e.g. `timeout_seconds`. */
    readonly api?: Readonly<Record<string, string>>;
}

/**
 * Configures the app through splunkd's REST API: `[api] base_url` (and more) and the credential, bound to the host
 * of that base URL (`key_host`: the app sends a key only to the host it was entered for).
 */
export async function provisionApp(server: RunningDevserver, provisioning: Provisioning = {}): Promise<void> {
    const ns = '/servicesNS/nobody/passivetotal';
    const baseUrl = provisioning.baseUrl ?? server.ptBaseUrl;
    const settings = await splunkdAsAdmin(server, 'POST', `${ns}/configs/conf-passivetotal/api`, {
        base_url: baseUrl,
        key_host: new URL(baseUrl).host,
        ...provisioning.api,
    });
    if (settings.status !== 200) throw new Error(`Saving [api] answered ${String(settings.status)}`);
    const credential = await splunkdAsAdmin(server, 'POST', `${ns}/storage/passwords`, {
        realm: 'passivetotal',
        name: provisioning.username ?? 'demo',
        password: provisioning.apiKey ?? 'demo',
    });
    if (credential.status !== 201 && credential.status !== 200) {
        throw new Error(`Saving the credential answered ${String(credential.status)}: ${await credential.text()}`);
    }
}

/**
 * Starts one stand-in for a test file (port 0, splunkd port 0) and, unless `unconfigured`, configures the app
 * with the replay server and a credential, as `npm start` does.
 */
export async function startStandIn(
    overrides: Partial<DevserverOptions> = {},
    provisioning: Provisioning = {}
): Promise<RunningDevserver> {
    const server = await startDevserver(devserverOptions({ ...overrides, unconfigured: true }));
    try {
        if (!overrides.unconfigured) await provisionApp(server, provisioning);
    } catch (error) {
        await server.close();
        throw error;
    }
    return server;
}
