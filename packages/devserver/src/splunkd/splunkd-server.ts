/**
 * The stand-in's splunkd: one Fastify server answering `/services/…` and
 * `/servicesNS/<owner>/<app>/…` like splunkd's REST API (see ./index.ts for the endpoint list).
 */
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { mergeMacros, parseMacrosConf, type EventStore, type MacroTable } from '../search';
import { DEFAULT_PASSWORD, USERS } from '../web/users';
import { registerAdminRoutes } from './admin-routes';
import { AppConfig } from './app-config';
import { registerConfigsRoutes } from './configs-routes';
import {
    authorizeCustomEndpoint,
    buildCustomRestRequest,
    mapCustomRestReply,
    matchEndpoint,
    scriptEndpoints,
    type CustomRestHandler,
    type RestScriptEndpoint,
} from './custom-rest';
import { RoleTable, type Identity, type UserAccount } from './identity';
import { Indexes } from './indexes';
import { LogMonitor } from './log-monitor';
import { KvStore } from './kvstore';
import { arg, jsonReply, type Namespace, type RestMethod, type RestReply, type RestRequest } from './rest-types';
import { Router, type RouteOptions } from './router';
import { SavedSearches } from './saved-searches';
import { SearchCommands, type SearchCommandOptions } from './search-commands';
import { registerSearchJobRoutes } from './search-job-routes';
import { DEFAULT_JOB_TIMINGS, SearchJobs, type JobStats, type JobTimings } from './search-jobs';
import { Sessions } from './sessions';
import { messagesBody, messagesXml, SplunkdError, xmlEscape, type SplunkdMessagesBody } from './splunkd-error';
import { StoragePasswords } from './storage-passwords';

/** Options of {@link createSplunkd}. */
export interface SplunkdOptions {
    /** The built app directory (`stage/`): its `default/*.conf` and `metadata/*.meta` are read. */
    readonly appDir: string;
    /** The app id. */
    readonly app: string;
    /** The events searches run over. */
    readonly store: EventStore;
    /** Wall clock in epoch milliseconds (searches' "now", timestamps). Default `Date.now`. */
    readonly now?: () => number;
    /** Runs the app's custom REST endpoints (the persistent-handler driver). Without it they answer 404. */
    readonly restHandler?: CustomRestHandler;
    /** Called with any error a `restHandler` throws (the client only sees a generic 500). */
    readonly onHandlerError?: (error: unknown, endpoint: RestScriptEndpoint) => void;
    /** Search job state schedule. Default {@link DEFAULT_JOB_TIMINGS}. */
    readonly jobTimings?: Partial<JobTimings>;
    /** User accounts. Default: admin and analyst from `web/users.ts`, password `changeme`. */
    readonly accounts?: readonly UserAccount[];
    /** Initial KV store availability (fault knob). Default true. */
    readonly kvstoreAvailable?: boolean;
    /** `server.rest_uri` given to handlers. Default `http://127.0.0.1:<port the request came in on>`. */
    readonly restUri?: string;
    /** The server name (`server/info`, handler requests). Default `standin`. */
    readonly serverName?: string;
    /**
     * How the app's custom search commands (`commands.conf`) run: interpreter, `$SPLUNK_HOME`, chunk size,
     * time limit. They run by default; `false` leaves them out, so searches that use them fail with
     * `Unknown search command`.
     */
    readonly searchCommands?: SearchCommandOptions | false;
    /** Whether scheduled saved searches run on their cron schedule. Default true; tests dispatch them instead. */
    readonly scheduler?: boolean;
    /** Splunk Web's address, for alerts' `$results_link$`. Default `http://127.0.0.1:8000`. */
    readonly webUri?: string;
}

/** Introspection counters (also at `GET /services/standin/stats`, no authentication needed). */
export interface SplunkdStats {
    readonly jobs: Readonly<JobStats>;
    /** Calls of the custom endpoint hook. */
    readonly customRestCalls: number;
    readonly kvstoreAvailable: boolean;
}

/** A running stand-in splunkd. */
export interface Splunkd {
    /** The Fastify server; call `listen` to serve, or `inject` in tests. */
    readonly server: FastifyInstance;
    /** A new session key when the password is right (what `POST auth/login` does), else undefined. */
    login(user: string, password: string): string | undefined;
    /** A new session key for a known user without a password (Splunk Web's trusted session), else undefined. */
    sessionFor(user: string): string | undefined;
    /** Ends a session. */
    logout(token: string): void;
    /** The identity behind a session key (or the system token), else undefined. */
    identityOfToken(token: string): Identity | undefined;
    /** The splunk-system-user token handed to handlers with `passSystemAuth`. */
    readonly systemToken: string;
    /** Fault knob: when false the KV store endpoints answer 503. */
    setKvstoreAvailable(available: boolean): void;
    /** Introspection counters (jobs started, …). */
    stats(): SplunkdStats;
    /** The KV store (documents can be inspected in tests). */
    readonly kvstore: KvStore;
    /** The app's configuration with local changes. */
    readonly config: AppConfig;
    /** The scheduler, saved searches and the alerts they fired. */
    readonly savedSearches: SavedSearches;
    /** The indexes and their events (what `collect` wrote included). */
    readonly indexes: Indexes;
    /**
     * Indexes `$SPLUNK_HOME/var/log/splunk/*.log` of this `splunkHome` into `_internal` from now on, as Splunk's
     * default monitor input does (log-monitor.ts).
     */
    monitorLogs(splunkHome: string): void;
}

const METHODS = new Set<RestMethod>(['GET', 'POST', 'PUT', 'DELETE']);
const JSON_TYPE = 'application/json; charset=UTF-8';

function firstHeader(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function decodeSegments(path: string): string[] {
    return path
        .split('/')
        .filter((s) => s !== '')
        .map((s) => {
            try {
                return decodeURIComponent(s);
            } catch {
                throw new SplunkdError(400, `Invalid URL encoding in path segment '${s}'.`);
            }
        });
}

interface ParsedPath {
    readonly ns: Namespace;
    readonly restPath: string;
    readonly segments: string[];
}

function parsePath(pathname: string): ParsedPath | undefined {
    const ns = /^\/servicesNS\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
    if (ns) {
        const [owner, app] = decodeSegments(`${ns[1] ?? ''}/${ns[2] ?? ''}`);
        const restPath = ns[3] ?? '/';
        return { ns: { owner, app }, restPath, segments: decodeSegments(restPath) };
    }
    const services = /^\/services(\/.*)?$/.exec(pathname);
    if (services) {
        const restPath = services[1] ?? '/';
        return { ns: {}, restPath, segments: decodeSegments(restPath) };
    }
    return undefined;
}

/**
 * Creates the stand-in splunkd for a built app. The server is not listening yet: call
 * `server.listen({ port, host })`.
 * @example
 * const splunkd = await createSplunkd({ appDir: 'stage', app: 'passivetotal', store });
 * await splunkd.server.listen({ port: 8089, host: '127.0.0.1' });
 * const key = splunkd.login('admin', 'changeme'); // Authorization: Splunk <key>
 */
export async function createSplunkd(options: SplunkdOptions): Promise<Splunkd> {
    const now = options.now ?? Date.now;
    const config = await AppConfig.load(options.appDir, options.app);
    const roles = new RoleTable(config.defaultFile('authorize'));
    const accounts: readonly UserAccount[] =
        options.accounts ??
        USERS.map((u) => ({ name: u.name, realname: u.realname, roles: u.roles, password: DEFAULT_PASSWORD }));
    const sessions = new Sessions(accounts, roles);
    const serverName = options.serverName ?? 'standin';
    const timings: JobTimings = { ...DEFAULT_JOB_TIMINGS, ...options.jobTimings };
    const endpoints = scriptEndpoints(config.defaultFile('restmap'));
    let customRestCalls = 0;

    let macroCache: { version: number; table: MacroTable } | undefined;
    const appMacros = (): MacroTable => {
        if (macroCache?.version !== config.changeCount) {
            macroCache = {
                version: config.changeCount,
                table: mergeMacros(parseMacrosConf(config.mergedText('macros'))),
            };
        }
        return macroCache.table;
    };
    const macrosFor = (app: string | undefined): MacroTable =>
        config.hasFile('macros') && config.visibleFrom(app, 'macros') ? appMacros() : new Map();

    const commands =
        options.searchCommands === false
            ? undefined
            : new SearchCommands(config, options.appDir, options.app, options.searchCommands);
    const indexes = new Indexes(options.store, config);
    const jobs = new SearchJobs({
        store: () => indexes.store,
        indexes,
        serverName,
        macrosFor,
        now,
        clock: () => performance.now(),
        timings,
        commands,
    });
    const kvstore = new KvStore(config);
    kvstore.available = options.kvstoreAvailable ?? true;
    const passwords = new StoragePasswords();

    const restUri = (request: RestRequest): string => options.restUri ?? `http://127.0.0.1:${request.localPort}`;
    const origin = restUri;

    const router = new Router();
    router.add(
        'POST',
        'auth/login',
        (request) => {
            const username = arg(request, 'username');
            const password = arg(request, 'password');
            if (username === undefined || password === undefined) throw new SplunkdError(400, 'Login failed', 'WARN');
            const key = sessions.login(username, password);
            if (key === undefined) throw new SplunkdError(401, 'Login failed', 'WARN');
            if (request.outputMode === 'json') return jsonReply({ sessionKey: key, message: '', code: '' });
            return {
                status: 200,
                raw: {
                    contentType: 'text/xml; charset=UTF-8',
                    body: `<response>\n  <sessionKey>${xmlEscape(key)}</sessionKey>\n  <messages>\n    <msg code=""></msg>\n  </messages>\n</response>\n`,
                },
            };
        },
        { requireAuth: false, ownOutputModes: true }
    );
    router.add(
        'GET',
        'standin/stats',
        () => jsonReply({ jobs: { ...jobs.stats }, customRestCalls, kvstoreAvailable: kvstore.available }),
        { requireAuth: false, jsonAlways: true }
    );
    registerSearchJobRoutes(router, { jobs, origin, now, macrosFor });
    passwords.register(router, origin, now);
    kvstore.register(router, origin, now);
    registerConfigsRoutes(router, config, origin, now);
    registerAdminRoutes(router, {
        config,
        roles,
        accounts,
        origin,
        now,
        kvstoreAvailable: () => kvstore.available,
        serverName,
    });

    const server = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
    const listeningUri = (): string => {
        const address = server.server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 8089;
        return options.restUri ?? `http://127.0.0.1:${port}`;
    };
    const systemIdentity = sessions.identityOfToken(sessions.systemToken);
    if (!systemIdentity) throw new Error('The system identity is missing.');
    const savedSearches = new SavedSearches({
        config,
        jobs,
        systemIdentity,
        systemSession: () => ({ sessionKey: sessions.systemToken, splunkdUri: listeningUri() }),
        now,
        webUri: options.webUri ?? 'http://127.0.0.1:8000',
        origin,
    });
    savedSearches.register(router);
    if (options.scheduler !== false) savedSearches.start();
    server.removeAllContentTypeParsers();
    server.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
        done(null, body);
    });

    const sendError = (
        reply: FastifyReply,
        error: SplunkdError,
        outputMode: string | undefined,
        jsonAlways: boolean
    ) => {
        const body: SplunkdMessagesBody = messagesBody(error.messageType, error.message);
        for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
        if (outputMode === 'json' || jsonAlways)
            return reply.code(error.status).type(JSON_TYPE).send(JSON.stringify(body));
        return reply.code(error.status).type('text/xml; charset=UTF-8').send(messagesXml(body));
    };

    const send = (reply: FastifyReply, result: RestReply) => {
        for (const [k, v] of Object.entries(result.headers ?? {}))
            void reply.header(k, typeof v === 'string' ? v : [...v]);
        if (result.status === 204) return reply.code(204).send();
        if (result.json !== undefined)
            return reply.code(result.status).type(JSON_TYPE).send(JSON.stringify(result.json));
        if (result.raw) {
            if (result.raw.contentType !== undefined) void reply.type(result.raw.contentType);
            else void reply.header('content-type', '');
            return reply.code(result.status).send(result.raw.body);
        }
        return reply.code(result.status).send();
    };

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
        const url = request.raw.url ?? '/';
        const q = url.indexOf('?');
        const pathname = q < 0 ? url : url.slice(0, q);
        const query = [...new URLSearchParams(q < 0 ? '' : url.slice(q + 1))];
        const queryOutput = query.find(([k]) => k === 'output_mode')?.[1];
        let jsonAlways = false;
        let outputMode = queryOutput;
        try {
            const method = request.method.toUpperCase() as RestMethod;
            if (!METHODS.has(method)) throw new SplunkdError(405, `Method ${request.method} is not allowed.`);
            const parsed = parsePath(pathname);
            if (!parsed) throw new SplunkdError(404, 'Not Found');
            const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
            const contentType = firstHeader(request.headers['content-type']) ?? '';
            const isForm =
                contentType === '' || contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
            const form = isForm && body.length > 0 ? [...new URLSearchParams(body.toString('utf8'))] : [];
            outputMode = form.find(([k]) => k === 'output_mode')?.[1] ?? queryOutput;
            const auth = sessions.authenticate(firstHeader(request.headers.authorization));
            const restRequest: RestRequest = {
                method,
                ns: parsed.ns,
                restPath: parsed.restPath,
                segments: parsed.segments,
                query,
                form,
                body,
                headers: request.headers,
                identity: auth?.identity,
                authToken: auth?.token,
                outputMode,
                remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
                localPort: request.socket.localPort ?? 0,
            };

            const route = router.match(method, parsed.segments);
            if (route) {
                const routeOptions: RouteOptions = route.options;
                jsonAlways = routeOptions.jsonAlways === true;
                if (routeOptions.requireAuth !== false && !auth)
                    throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
                if (!route.handler) throw new SplunkdError(405, `Method ${method} is not allowed for this endpoint.`);
                if (outputMode !== 'json' && !jsonAlways && routeOptions.ownOutputModes !== true)
                    throw new SplunkdError(
                        400,
                        `The stand-in splunkd answers output_mode=json only (asked for ${outputMode ?? 'xml'}).`
                    );
                send(reply, await route.handler(restRequest, route.params));
                return;
            }

            const custom = matchEndpoint(endpoints, `/${parsed.segments.join('/')}`);
            if (!custom || !options.restHandler) throw new SplunkdError(404, 'Not Found');
            jsonAlways = true;
            authorizeCustomEndpoint(custom.endpoint, restRequest);
            const customRequest = buildCustomRestRequest(custom.endpoint, custom.pathInfo, restRequest, {
                restUri: restUri(restRequest),
                serverName,
                systemToken: sessions.systemToken,
            });
            customRestCalls++;
            let mapped: RestReply;
            try {
                mapped = mapCustomRestReply(await options.restHandler(customRequest, custom.endpoint));
            } catch (error) {
                options.onHandlerError?.(error, custom.endpoint);
                throw new SplunkdError(
                    500,
                    `Internal error: the REST handler of '${custom.endpoint.name}' failed. See splunkd.log for details.`
                );
            }
            send(reply, mapped);
        } catch (error) {
            sendError(
                reply,
                error instanceof SplunkdError ? error : new SplunkdError(500, 'Internal server error.'),
                outputMode,
                jsonAlways
            );
        }
    };
    server.all('/*', handle);
    server.all('/', handle);
    server.addHook('onClose', (_instance, done) => {
        savedSearches.stop();
        commands?.close();
        done();
    });

    return {
        server,
        login: (user, password) => sessions.login(user, password),
        sessionFor: (user) => sessions.sessionFor(user),
        logout: (token) => {
            sessions.logout(token);
        },
        identityOfToken: (token) => sessions.identityOfToken(token),
        systemToken: sessions.systemToken,
        setKvstoreAvailable: (available) => {
            kvstore.available = available;
        },
        stats: () => ({ jobs: { ...jobs.stats }, customRestCalls, kvstoreAvailable: kvstore.available }),
        kvstore,
        config,
        savedSearches,
        indexes,
        monitorLogs: (splunkHome) =>
            indexes.monitor(new LogMonitor(path.join(splunkHome, 'var', 'log', 'splunk'), config, serverName, now)),
    };
}
