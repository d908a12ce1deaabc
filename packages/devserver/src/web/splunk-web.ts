import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parse, serialize } from 'cookie';
import { defaultView, lookupView, navViews, type StudioDashboard } from './app-views';
import { layoutScript } from './layout-stub';
import { renderMako, scriptSafeJson } from './mako';
import { openStaticFile } from './static-files';
import { DEFAULT_EXPOSE_RULES, type ExposeRule } from './expose-rules';
import { escapeHtml } from './html';
import { loginPage, safeReturnTo } from './login-page';
import { proxyToSplunkd } from './splunkd-proxy';
import { DEFAULT_PASSWORD, findUser, type StandInUser } from './users';
import { cookieNames, WebSessions, type WebSession } from './web-session';

/** How the stand-in's Splunk Web is set up. */
export interface SplunkWebOptions {
    /** The built app directory (`stage/`), served as the app's files. */
    appDir: string;
    /** The app id, `passivetotal`. */
    app: string;
    /** The port Splunk Web is configured for (0: any free port); the CSRF cookie is named after the actual one. */
    port: number;
    /** The user a browser session is signed in as, unless `requireLogin` asks for the login form. */
    user: string;
    /** Show Splunk Web's login form instead of signing `user` in. */
    requireLogin: boolean;
    /** splunkd's base URL, e.g. http://127.0.0.1:8089. */
    splunkdUrl: string;
    /** Signs a user in at splunkd (`POST /services/auth/login`); the session key, or undefined when refused. */
    splunkdLogin: (user: string, password: string) => Promise<string | undefined>;
    /** The `[expose:]` stanzas of the app's web.conf. */
    appExposeRules: readonly ExposeRule[];
    /** The user's Splunk theme, served through Splunk's theme API (`build/api/get_theme.js`). */
    theme: 'light' | 'dark';
    /** The app's `[install] build`, the app part of static URLs. */
    appBuild: number;
}

export const LOCALE = 'en-US';

/** The stand-in's Dashboard Studio bundle (webpack.config.js builds it with `npm run build`). */
export const STUDIO_BUNDLE_DIR = path.resolve(__dirname, '../../dist/dashboard-studio');

/**
 * The page of a Dashboard Studio view, as Splunk Web serves one: `$C`, then the dashboard's label, theme and
 * definition for the Dashboard Studio bundle (./dashboard-studio/studio-page.tsx), which draws it.
 */
function studioPage(dashboard: StudioDashboard, url: (p: string) => string): string {
    const bundle = (file: string) => escapeHtml(url(`/static/build/standin/dashboard-studio/${file}`));
    return `<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(dashboard.label)} | Splunk</title>
    <link rel="stylesheet" href="${bundle('dashboard.css')}">
</head>
<body>
    <script src="${escapeHtml(url('/config?autoload=1'))}" crossorigin="use-credentials"></script>
    <script src="${escapeHtml(url('/static/js/i18n.js'))}"></script>
    <script src="${escapeHtml(url('/i18ncatalog?autoload=1'))}"></script>
    <script id="standin-dashboard" type="application/json">${scriptSafeJson(dashboard)}</script>
    <script src="${bundle('dashboard.js')}"></script>
</body>
</html>
`;
}
/** The Splunk build part of static URLs (`/en-US/static/@<build>:<appBuild>/...`). */
export const SPLUNK_BUILD = 'b0a8c0d1e2f3';
export const SPLUNK_VERSION = '10.4.2';

/** Splunk Web's make_url: adds the locale, and the cache-busting build segment to /static/ paths. */
export function makeUrl(pathname: string, appBuild: number): string {
    const appStatic = /^\/static\/app\/([^/]+)\/(.*)$/.exec(pathname);
    if (appStatic)
        return `/${LOCALE}/static/@${SPLUNK_BUILD}:${appBuild}/app/${appStatic[1] ?? ''}/${appStatic[2] ?? ''}`;
    if (pathname.startsWith('/static/')) return `/${LOCALE}/static/@${SPLUNK_BUILD}${pathname.slice('/static'.length)}`;
    return `/${LOCALE}${pathname}`;
}

function serverInfo(): unknown {
    return {
        entry: [
            {
                name: 'server-info',
                content: {
                    product_type: 'enterprise',
                    version: SPLUNK_VERSION,
                    build: SPLUNK_BUILD,
                    serverName: 'standin',
                },
            },
        ],
    };
}

function configObject(port: number, options: SplunkWebOptions, user: StandInUser): Record<string, unknown> {
    return {
        SPLUNKD_PATH: `/${LOCALE}/splunkd/__raw`,
        LOCALE,
        MRSPARKLE_ROOT_PATH: '',
        MRSPARKLE_PORT_NUMBER: String(port),
        USERNAME: user.name,
        USER_DISPLAYNAME: user.realname,
        APP: options.app,
        BUILD_NUMBER: SPLUNK_BUILD,
        BUILD_PUSH_NUMBER: 0,
        APP_BUILD: options.appBuild,
        VERSION_LABEL: SPLUNK_VERSION,
        SERVER_ZONEINFO: '',
        SPLUNK_UI_THEME: options.theme === 'dark' ? 'dark' : 'enterprise',
    };
}

/** Splunk Web as far as the app's pages need it: sessions, pages from Mako templates, `$C`, static files, and
 * the splunkd proxy with its expose rules and CSRF protection. */
export async function createSplunkWeb(options: SplunkWebOptions): Promise<FastifyInstance> {
    if (!findUser(options.user)) {
        throw new Error(`Unknown user '${options.user}'. The stand-in has the users admin and analyst.`);
    }
    const sessions = new WebSessions();
    const web = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
    // Bodies pass through to splunkd untouched, whatever their type.
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
        done(null, body);
    });

    const portOf = (request: FastifyRequest) => request.socket.localPort ?? options.port;
    const sessionOf = (request: FastifyRequest) =>
        sessions.get(parse(request.headers.cookie ?? '')[cookieNames(portOf(request)).session]);
    const setSessionCookies = (request: FastifyRequest, reply: FastifyReply, id: string, session: WebSession) => {
        const names = cookieNames(portOf(request));
        void reply.header('Set-Cookie', [
            serialize(names.session, id, { path: '/', httpOnly: true, sameSite: 'strict' }),
            serialize(names.csrf, session.csrfToken, { path: '/', sameSite: 'strict' }),
        ]);
    };
    /** Signs a user in through splunkd's auth/login, as Splunk Web does. */
    const signIn = async (user: string, password: string): Promise<{ id: string; session: WebSession } | undefined> => {
        const sessionKey = await options.splunkdLogin(user, password);
        return sessionKey === undefined ? undefined : sessions.open(user, sessionKey);
    };
    const rules = [...DEFAULT_EXPOSE_RULES, ...options.appExposeRules];

    const notFound = (reply: FastifyReply, text: string) =>
        reply
            .code(404)
            .type('text/html; charset=utf-8')
            .send(`<!doctype html><title>Page not found</title><p>${escapeHtml(text)}</p>`);

    web.get('/', (_request, reply) => reply.redirect(`/${LOCALE}/app/${options.app}/`));
    web.get(`/${LOCALE}`, (_request, reply) => reply.redirect(`/${LOCALE}/app/${options.app}/`));

    web.get<{ Querystring: { return_to?: string; failed?: string } }>(`/${LOCALE}/account/login`, (request, reply) =>
        reply
            .type('text/html; charset=utf-8')
            .header('Cache-Control', 'no-store')
            .send(loginPage(safeReturnTo(request.query.return_to), request.query.failed !== undefined))
    );
    web.post(`/${LOCALE}/account/login`, async (request, reply) => {
        const form = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
        const returnTo = safeReturnTo(form.get('return_to') ?? undefined);
        const signedIn = await signIn(form.get('username') ?? '', form.get('password') ?? '');
        if (!signedIn) {
            return reply.redirect(`/${LOCALE}/account/login?failed=1&return_to=${encodeURIComponent(returnTo)}`);
        }
        setSessionCookies(request, reply, signedIn.id, signedIn.session);
        return reply.redirect(returnTo);
    });
    web.get(`/${LOCALE}/account/logout`, (request, reply) => {
        sessions.close(parse(request.headers.cookie ?? '')[cookieNames(portOf(request)).session]);
        return reply.redirect(`/${LOCALE}/account/login`);
    });

    /**
     * The session of a page request. Without one, the stand-in signs the configured user in (the default), or
     * with `--login` sends the browser to the login form, as Splunk Web does.
     */
    const pageSession = async (request: FastifyRequest, reply: FastifyReply): Promise<WebSession | undefined> => {
        const existing = sessionOf(request);
        if (existing) return existing;
        if (options.requireLogin) {
            void reply.redirect(`/${LOCALE}/account/login?return_to=${encodeURIComponent(request.url)}`);
            return undefined;
        }
        const signedIn = await signIn(options.user, DEFAULT_PASSWORD);
        if (!signedIn) {
            void reply
                .code(500)
                .type('text/plain; charset=utf-8')
                .send(`splunkd refused the login of ${options.user}.`);
            return undefined;
        }
        setSessionCookies(request, reply, signedIn.id, signedIn.session);
        return signedIn.session;
    };

    web.get<{ Params: { app: string } }>(`/${LOCALE}/app/:app/`, async (request, reply) => {
        if (request.params.app !== options.app) return notFound(reply, `App "${request.params.app}" is not installed.`);
        const view = await defaultView(options.appDir);
        return view
            ? reply.redirect(`/${LOCALE}/app/${options.app}/${view}`)
            : notFound(reply, 'The app has no default view.');
    });

    web.get<{ Params: { app: string; view: string } }>(`/${LOCALE}/app/:app/:view`, async (request, reply) => {
        const { app, view } = request.params;
        if (app !== options.app) return notFound(reply, `App "${app}" is not installed.`);
        const session = await pageSession(request, reply);
        if (!session) return reply;
        const lookup = await lookupView(options.appDir, app, view);
        if (!lookup.ok) return reply.code(lookup.status).type('text/plain; charset=utf-8').send(lookup.error);
        if (lookup.dashboard) {
            return reply
                .type('text/html; charset=utf-8')
                .header('Cache-Control', 'no-store')
                .send(studioPage(lookup.dashboard, (p) => makeUrl(p, options.appBuild)));
        }
        const template = await readFile(lookup.templatePath, 'utf8');
        const rendered = renderMako(template, {
            makeUrl: (p) => makeUrl(p, options.appBuild),
            splunkd: { '/services/server/info': serverInfo() },
        });
        if (!rendered.ok) {
            return reply.code(500).type('text/plain; charset=utf-8').send(`Template error: ${rendered.error}`);
        }
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(rendered.html);
    });

    web.all<{ Params: { '*': string } }>(`/${LOCALE}/splunkd/__raw/*`, (request, reply) =>
        proxyToSplunkd({ splunkdUrl: options.splunkdUrl, rules, session: sessionOf }, request, reply)
    );

    // /config?autoload=1 defines window.$C, which @splunk/splunk-utils/config reads.
    web.get(`/${LOCALE}/config`, (request, reply) => {
        const user = findUser(sessionOf(request)?.user ?? '');
        const config = user
            ? configObject(portOf(request), options, user)
            : { SPLUNKD_PATH: `/${LOCALE}/splunkd/__raw`, LOCALE };
        return reply
            .type('application/javascript; charset=utf-8')
            .header('Cache-Control', 'no-store')
            .send(`window.$C = ${scriptSafeJson(config)};\n`);
    });
    web.get(`/${LOCALE}/i18ncatalog`, (_request, reply) =>
        reply.type('application/javascript; charset=utf-8').send('/* stand-in: no translations, English only */\n')
    );

    // Static files: /en-US/static/@<build>[:<appBuild>]/app/<app>/<path> and the Splunk Web assets pages load.
    web.get<{ Params: { '*': string } }>(`/${LOCALE}/static/*`, async (request, reply) => {
        const rest = request.params['*'].replace(/^@[^/]+\//, '');
        if (rest === 'js/i18n.js') {
            return reply
                .type('application/javascript; charset=utf-8')
                .send('/* stand-in: i18n runtime not needed */\n');
        }
        if (rest === 'build/api/get_theme.js') {
            // Splunk's theme API: the user's theme preference.
            const theme = options.theme === 'dark' ? 'dark' : 'light';
            return reply
                .type('application/javascript; charset=utf-8')
                .send(
                    `window.__get_theme__ = { getTheme: function () { return Promise.resolve(${JSON.stringify(theme)}); } };\n`
                );
        }
        if (rest === 'build/api/layout.js' || rest === 'build/api/layout-dark.js') {
            return reply
                .type('application/javascript; charset=utf-8')
                .send(
                    layoutScript(
                        'PassiveTotal for Splunk',
                        sessionOf(request)?.user ?? '',
                        await navViews(options.appDir),
                        rest.endsWith('-dark.js')
                    )
                );
        }
        const studioFile = /^build\/standin\/dashboard-studio\/(.+)$/.exec(rest)?.[1];
        if (studioFile !== undefined) {
            const file = await openStaticFile(STUDIO_BUNDLE_DIR, studioFile);
            if (!file)
                return notFound(reply, 'No such static file: run "npm run build" to build the Dashboard Studio page.');
            return reply
                .type(file.contentType)
                .header('Content-Length', file.size)
                .header('Cache-Control', 'no-cache')
                .send(file.stream);
        }
        const appFile = new RegExp(`^app/${options.app}/(.+)$`).exec(rest);
        const relative = appFile?.[1];
        const file = relative
            ? await openStaticFile(path.join(options.appDir, 'appserver/static'), relative)
            : undefined;
        if (!file) return notFound(reply, 'No such static file.');
        // The URL carries the app build, so a new build is a new URL: cache for a year, as Splunk Web does.
        return reply
            .type(file.contentType)
            .header('Content-Length', file.size)
            .header('Cache-Control', 'public, max-age=31536000')
            .send(file.stream);
    });

    return web;
}

/** The app's `[install] build` from its app.conf. */
export async function readAppBuild(appDir: string): Promise<number> {
    const appConf = await readFile(path.join(appDir, 'default/app.conf'), 'utf8');
    const install = /^\[install\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(appConf)?.[1] ?? '';
    const build = Number(/^build\s*=\s*(\d+)\s*$/m.exec(install)?.[1]);
    return Number.isInteger(build) && build > 0 ? build : 1;
}
