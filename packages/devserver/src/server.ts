import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { confToObject, parseConf } from '@passivetotal/tooling/src/conf/parse-conf';
import type { FastifyInstance } from 'fastify';
import type { DevserverOptions } from './cli-options';
import {
    createPersistentHandlerRunner,
    persistentHandlerErrorReply,
    PersistentHandlerError,
    type PersistentHandlerRunner,
} from './handler';
import { toCustomRestReply } from './rest-bridge';
import { DEMO_PT_FIXTURES_DIR, generateDemoEvents } from './demo';
import { createReplayServer, type ReplayServer } from './replay';
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
    /** The SPLUNK_HOME the app's REST handler runs with; its log is `var/log/splunk/passivetotal.log` there. */
    handlerSplunkHome: string;
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

/**
 * Configures the app as an administrator would on its setup page, through splunkd's REST API: the PassiveTotal
 * base URL and, with the replay server, the demo credential (any username, API key `demo`).
 */
async function provisionApp(
    splunkd: Splunkd,
    splunkdUrl: string,
    ptBaseUrl: string,
    demoCredential: boolean
): Promise<void> {
    const token = splunkd.sessionFor('admin');
    if (!token) throw new Error('The stand-in could not sign admin in to configure the app.');
    const post = async (endpoint: string, form: Record<string, string>) => {
        const response = await fetch(`${splunkdUrl}/servicesNS/nobody/${APP_ID}/${endpoint}?output_mode=json`, {
            method: 'POST',
            headers: { authorization: `Splunk ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
        });
        if (response.status >= 300) {
            throw new Error(
                `Configuring the app failed: POST ${endpoint} answered ${String(response.status)} ${await response.text()}`
            );
        }
    };
    await post('configs/conf-passivetotal/api', { base_url: ptBaseUrl });
    if (demoCredential) await post('storage/passwords', { name: 'demo', password: 'demo', realm: APP_ID });
}

/**
 * Starts the stand-in: the PassiveTotal replay server (unless `--pt-url`), splunkd (search jobs over the events, storage, KV store, configs, the app's REST handler
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
            log: (line) => process.stderr.write(`[handler] ${line}\n`),
        });
        started.push(() => handlerRunner.close());
        ready.runner = handlerRunner;
        if (!options.unconfigured) await provisionApp(splunkd, splunkdUrl, ptBaseUrl, replay !== undefined);

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
            handlerSplunkHome: handlerRunner.splunkHome,
            close: stopAll,
        };
    } catch (error) {
        await stopAll();
        throw error;
    }
}
