import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { providerSpec } from '@passivetotal/core';
import { confToObject, parseConf } from '@passivetotal/tooling/conf';
import type { FastifyInstance } from 'fastify';
import type { DevserverOptions } from './cli-options';
import {
    createPersistentHandlerRunner,
    persistentHandlerErrorReply,
    PersistentHandlerError,
    type PersistentHandlerRunner,
} from './handler';
import { toCustomRestReply } from './rest-bridge';
import { DEMO_PT_FIXTURES_DIR, demoHistory, generateDemoEvents } from './demo';
import {
    createReplayServer,
    DEMO_KEYED_PROVIDERS,
    KEY_POLICIES,
    OPEN_PROVIDER_IDS,
    providerRealm,
    type OpenProviderId,
    type ReplayServer,
} from './replay';
import { EventStore } from './search';
import { createSplunkd, type CustomRestReply, type Splunkd } from './splunkd';
import { exposeRulesFromConf } from './web/expose-rules';
import { createSplunkWeb, readAppBuild } from './web/splunk-web';

export const APP_ID = 'passivetotal';

/** A running stand-in. */
export interface RunningDevserver {
    /** The investigate page's URL. */
    url: string;
    webUrl: string;
    splunkdUrl: string;
    splunkd: Splunkd;
    /** The PassiveTotal replay server, unless `--pt-url` named a real upstream. */
    replay: ReplayServer | undefined;
    /** The PassiveTotal base URL the app is configured with. */
    ptBaseUrl: string;
    /**
     * The open providers' settings the app was configured with (`[provider:<id>]`: `base_url`, for RDAP
     * `bootstrap_url`), all on the replay server; empty with `--pt-url` (no replay) or `--unconfigured`.
     */
    providerUrls: Readonly<Partial<Record<OpenProviderId, string>>>;
    /** The SPLUNK_HOME the app's REST handler runs with; its log is `var/log/splunk/passivetotal.log` there. */
    handlerSplunkHome: string;
    /** The process ids of the REST handler's running driver processes (fault tests kill one mid-request). */
    handlerPids: () => readonly number[];
    close: () => Promise<void>;
}

async function appExposeRules(appDir: string) {
    try {
        const text = await readFile(path.join(appDir, 'default/web.conf'), 'utf8');
        const stanzas = confToObject(parseConf(text, 'web.conf'));
        return exposeRulesFromConf(Object.entries(stanzas).map(([name, keys]) => ({ name, keys })));
    } catch {
        return [];
    }
}

function listeningPort(server: FastifyInstance, fallback: number): number {
    const address = server.server.address();
    return typeof address === 'object' && address ? address.port : fallback;
}

/** The events to search: the `--events` files and folders, or the project's demo data ending now. */
export async function loadEvents(paths: readonly string[]): Promise<EventStore> {
    if (paths.length > 0) return EventStore.load(paths.map((p) => path.resolve(p)));
    return EventStore.fromJson(generateDemoEvents({ now: Date.now() }), 'demo data');
}

/** What {@link provisionApp} configures. */
interface Provisioning {
    /** `[api] base_url`. */
    readonly ptBaseUrl: string;
    /** Store the PassiveTotal demo credential (the replay server, without `--no-passivetotal`). */
    readonly ptCredential: boolean;
    /** The replay's origin: each open provider then points at `<origin>/<id>` and gets its demo key. */
    readonly replayOrigin: string | undefined;
}

/** The value the demo keys have; the replay server accepts `demo` and `demo-*`. */
const DEMO_KEY = 'demo';

/**
 * The open providers' settings for a replay origin: the catalogue's address setting of each, `[provider:<id>]
 * base_url = <origin>/<id>`, and for a provider found by a resolver (RDAP) `bootstrap_url =
 * <origin>/<id>/bootstrap/` (the handler picks the RDAP server from the bootstrap file).
 *
 * @example providerSettings('http://127.0.0.1:4100').crtsh // { base_url: 'http://127.0.0.1:4100/crtsh', enabled: 'true' }
 */
export function providerSettings(origin: string): Record<OpenProviderId, Record<string, string>> {
    const settings = {} as Record<OpenProviderId, Record<string, string>>;
    for (const id of OPEN_PROVIDER_IDS) {
        const { urlSetting, resolver } = providerSpec(id);
        settings[id] = { [urlSetting]: resolver ? `${origin}/${id}/bootstrap/` : `${origin}/${id}`, enabled: 'true' };
    }
    return settings;
}

/**
 * Configures the app as an administrator would on its setup page, through splunkd's REST API: the PassiveTotal
 * base URL and, with the replay server, the demo credential (any username, API key `demo`; not with
 * `--no-passivetotal`); with the replay server also every open provider's `[provider:<id>]` stanza (created as
 * `POST configs/conf-passivetotal` with `name=provider:<id>` when the app's default file has none, as on a real
 * splunkd) and the demo keys of the keyed providers in `storage/passwords` (realm `passivetotal_<id>`, username
 * `key`, for CIRCL the basic-auth user `demo`), app-scoped like the PassiveTotal credential, each bound to the replay
 * server's host (`key_host`), as the app's credentials route binds a key it stores.
 */
async function provisionApp(splunkd: Splunkd, splunkdUrl: string, provisioning: Provisioning): Promise<void> {
    const token = splunkd.sessionFor('admin');
    if (!token) throw new Error('The stand-in could not sign admin in to configure the app.');
    const call = (endpoint: string, form: Record<string, string>) =>
        fetch(`${splunkdUrl}/servicesNS/nobody/${APP_ID}/${endpoint}?output_mode=json`, {
            method: 'POST',
            headers: { authorization: `Splunk ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
        });
    const failed = async (endpoint: string, response: Response) =>
        new Error(
            `Configuring the app failed: POST ${endpoint} answered ${String(response.status)} ${await response.text()}`
        );
    const post = async (endpoint: string, form: Record<string, string>) => {
        const response = await call(endpoint, form);
        if (response.status >= 300) throw await failed(endpoint, response);
    };
    /** Updates a stanza, or creates it when the app's configuration has none. */
    const upsertStanza = async (stanza: string, form: Record<string, string>) => {
        const endpoint = `configs/conf-passivetotal/${encodeURIComponent(stanza)}`;
        const response = await call(endpoint, form);
        if (response.status === 404) await post('configs/conf-passivetotal', { name: stanza, ...form });
        else if (response.status >= 300) throw await failed(endpoint, response);
    };

    // A key is bound to the host it was entered for (`key_host`, as the app's credentials route writes it): the demo
    // keys are entered for the replay server.
    await post('configs/conf-passivetotal/api', {
        base_url: provisioning.ptBaseUrl,
        ...(provisioning.ptCredential ? { key_host: new URL(provisioning.ptBaseUrl).host } : {}),
    });
    if (provisioning.ptCredential) await post('storage/passwords', { name: 'demo', password: DEMO_KEY, realm: APP_ID });
    const origin = provisioning.replayOrigin;
    if (origin === undefined) return;
    for (const [id, form] of Object.entries(providerSettings(origin))) await upsertStanza(`provider:${id}`, form);
    for (const id of DEMO_KEYED_PROVIDERS) {
        await post('storage/passwords', {
            name: KEY_POLICIES[id]?.username ?? 'key',
            password: DEMO_KEY,
            realm: providerRealm(id),
        });
        await upsertStanza(`provider:${id}`, { key_host: new URL(origin).host });
    }
}

/**
 * Writes the demo's story into the app's KV store collections as the team's recent work (demo/demo-history.ts),
 * through splunkd's KV store REST API as an administrator.
 */
async function seedDemoHistory(splunkd: Splunkd, splunkdUrl: string): Promise<void> {
    const token = splunkd.sessionFor('admin');
    if (!token) throw new Error('The stand-in could not sign admin in to write the demo history.');
    for (const [collection, docs] of Object.entries(demoHistory(Math.floor(Date.now() / 1000)))) {
        const response = await fetch(
            `${splunkdUrl}/servicesNS/nobody/${APP_ID}/storage/collections/data/${collection}/batch_save?output_mode=json`,
            {
                method: 'POST',
                headers: { authorization: `Splunk ${token}`, 'content-type': 'application/json' },
                body: JSON.stringify(docs),
            }
        );
        if (response.status >= 300)
            throw new Error(`Writing the demo history failed: ${collection} answered ${String(response.status)}`);
    }
}

/**
 * Starts the stand-in: the PassiveTotal and open-provider replay server (unless `--pt-url`), splunkd (search jobs over the events, storage, KV store, configs, the app's REST handler
 * run by the real Python driver) and Splunk Web in front of it. The app must have been built into `options.stage`.
 */
export async function startDevserver(options: DevserverOptions): Promise<RunningDevserver> {
    const appDir = path.resolve(options.stage);
    try {
        await access(path.join(appDir, 'default/app.conf'));
    } catch {
        throw new Error(`No built app in ${appDir}: run "npm run build" first (npm start does it for you).`);
    }
    const store = await loadEvents(options.events);
    // What has started, stopped in reverse order on close() and when a later step fails.
    const started: (() => Promise<void>)[] = [];
    const stopAll = async () => {
        for (const stop of started.reverse()) await stop();
    };
    try {
        const replay = options.ptUrl
            ? undefined
            : createReplayServer({
                  fixturesDir: options.ptFixtures ?? DEMO_PT_FIXTURES_DIR,
                  latencyMs: options.ptLatencyMs,
              });
        if (replay) started.push(() => replay.close());
        const ptBaseUrl = options.ptUrl ?? (await replay?.listen(0, options.host)) ?? '';

        // The handler runner needs splunkd's URL, and splunkd needs the runner: it is made once splunkd listens.
        const ready: { runner?: PersistentHandlerRunner } = {};
        const splunkd = await createSplunkd({
            appDir,
            app: APP_ID,
            store,
            scheduler: options.noScheduler !== true,
            restHandler: async (request, endpoint): Promise<CustomRestReply> => {
                try {
                    if (!ready.runner) throw new Error('The REST handler runner is not ready.');
                    return toCustomRestReply(
                        await ready.runner.handle({ name: endpoint.name, conf: endpoint.conf }, request)
                    );
                } catch (error) {
                    if (error instanceof PersistentHandlerError) {
                        return toCustomRestReply(persistentHandlerErrorReply(error));
                    }
                    throw error;
                }
            },
        });
        await splunkd.server.listen({ port: options.splunkdPort, host: options.host });
        started.push(() => splunkd.server.close());
        const splunkdUrl = `http://${options.host}:${String(listeningPort(splunkd.server, options.splunkdPort))}`;
        const handlerRunner = createPersistentHandlerRunner({
            appDir,
            appName: APP_ID,
            splunkdUri: splunkdUrl,
            // splunkd starts another persistent process when a request arrives while the others are busy
            // (limits.conf max_persistent_connections, 3000); eight are plenty for one machine's browser.
            maxProcesses: 8,
            log: (line) => process.stderr.write(`[handler] ${line}\n`),
        });
        started.push(() => handlerRunner.close());
        ready.runner = handlerRunner;
        // The handler's log (and any other in its $SPLUNK_HOME/var/log/splunk) is indexed into _internal.
        splunkd.monitorLogs(handlerRunner.splunkHome);
        const replayOrigin = replay?.origin();
        if (!options.unconfigured) {
            await provisionApp(splunkd, splunkdUrl, {
                ptBaseUrl,
                ptCredential: replay !== undefined && options.noPassivetotal !== true,
                replayOrigin,
            });
            // The demo's story as the team's recent work, when the demo's own events are searched.
            if (options.events.length === 0) await seedDemoHistory(splunkd, splunkdUrl);
        }

        const web = await createSplunkWeb({
            appDir,
            app: APP_ID,
            port: options.port,
            user: options.user,
            requireLogin: options.login,
            theme: options.theme,
            appBuild: await readAppBuild(appDir),
            splunkdUrl,
            splunkdLogin: (user, password) => Promise.resolve(splunkd.login(user, password)),
            appExposeRules: await appExposeRules(appDir),
        });
        await web.listen({ port: options.port, host: options.host });
        started.push(() => web.close());
        const webUrl = `http://${options.host}:${String(listeningPort(web, options.port))}`;
        return {
            url: `${webUrl}/en-US/app/${APP_ID}/investigate`,
            webUrl,
            splunkdUrl,
            splunkd,
            replay,
            ptBaseUrl,
            providerUrls:
                replayOrigin === undefined || options.unconfigured
                    ? {}
                    : Object.fromEntries(
                          Object.entries(providerSettings(replayOrigin)).map(([id, form]) => [
                              id,
                              form['base_url'] ?? form['bootstrap_url'] ?? '',
                          ])
                      ),
            handlerSplunkHome: handlerRunner.splunkHome,
            handlerPids: () => handlerRunner.pids,
            close: stopAll,
        };
    } catch (error) {
        await stopAll();
        throw error;
    }
}
