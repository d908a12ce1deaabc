import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { serialize } from 'cookie';
import { defaultView, lookupView, navViews } from './app-views';
import { layoutScript } from './layout-stub';
import { renderMako, scriptSafeJson } from './mako';
import { openStaticFile } from './static-files';
import { findUser, type StandInUser } from './users';

/** How the stand-in's Splunk Web is set up. */
export interface SplunkWebOptions {
    /** The built app directory (`stage/`), served as the app's files. */
    appDir: string;
    /** The app id, `passivetotal`. */
    app: string;
    /** The port Splunk Web is configured for (0: any free port); the CSRF cookie is named after the actual one. */
    port: number;
    /** The signed-in user of every browser session. */
    user: string;
    /** The user's Splunk theme, served through Splunk's theme API (`build/api/get_theme.js`). */
    theme: 'light' | 'dark';
    /** The app's `[install] build`, the app part of static URLs. */
    appBuild: number;
}

export const LOCALE = 'en-US';
/** The Splunk build part of static URLs (`/en-US/static/@<build>:<appBuild>/...`). */
export const SPLUNK_BUILD = 'b0a8c0d1e2f3';
export const SPLUNK_VERSION = '10.4.2';

function csrfCookieName(port: number): string {
    return `splunkweb_csrf_token_${port}`;
}

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

/** Splunk Web as far as the app's pages need it: pages from Mako templates, `$C`, static files, CSRF cookie. */
export async function createSplunkWeb(options: SplunkWebOptions): Promise<FastifyInstance> {
    const user = findUser(options.user);
    if (!user) throw new Error(`Unknown user '${options.user}'. The stand-in has the users admin and analyst.`);
    const csrfToken = randomBytes(16).toString('hex');
    const web = Fastify({ logger: false });

    const notFound = (reply: FastifyReply, text: string) =>
        reply
            .code(404)
            .type('text/html; charset=utf-8')
            .send(`<!doctype html><title>Page not found</title><p>${text}</p>`);

    web.get('/', (_request, reply) => reply.redirect(`/${LOCALE}/app/${options.app}/`));
    web.get(`/${LOCALE}`, (_request, reply) => reply.redirect(`/${LOCALE}/app/${options.app}/`));

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
        const lookup = await lookupView(options.appDir, app, view);
        if (!lookup.ok) return reply.code(lookup.status).type('text/plain; charset=utf-8').send(lookup.error);
        const template = await readFile(lookup.templatePath, 'utf8');
        const rendered = renderMako(template, {
            makeUrl: (p) => makeUrl(p, options.appBuild),
            splunkd: { '/services/server/info': serverInfo() },
        });
        if (!rendered.ok)
            return reply.code(500).type('text/plain; charset=utf-8').send(`Template error: ${rendered.error}`);
        void reply.header(
            'Set-Cookie',
            serialize(csrfCookieName(request.socket.localPort ?? options.port), csrfToken, {
                path: '/',
                sameSite: 'strict',
            })
        );
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(rendered.html);
    });

    // /config?autoload=1 defines window.$C, which @splunk/splunk-utils/config reads.
    web.get(`/${LOCALE}/config`, (request, reply) =>
        reply
            .type('application/javascript; charset=utf-8')
            .header('Cache-Control', 'no-store')
            .send(
                `window.$C = ${scriptSafeJson(configObject(request.socket.localPort ?? options.port, options, user))};\n`
            )
    );
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
                        user.name,
                        await navViews(options.appDir),
                        rest.endsWith('-dark.js')
                    )
                );
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
