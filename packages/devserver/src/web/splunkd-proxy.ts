import type { FastifyReply, FastifyRequest } from 'fastify';
import { findExposeRule, type ExposeRule } from './expose-rules';
import type { WebSession } from './web-session';

/** splunkd's error envelope, as Splunk Web passes it on. */
export function splunkdError(
    text: string,
    type: 'ERROR' | 'WARN' = 'ERROR'
): { messages: { type: string; text: string }[] } {
    return { messages: [{ type, text }] };
}

/** Splits `/services/<rest>` or `/servicesNS/<owner>/<app>/<rest>` into its parts. */
export function parseServicesPath(path: string): { prefix: string; rest: string } | undefined {
    const ns = /^(\/servicesNS\/[^/]+\/[^/]+)\/(.+)$/.exec(path);
    if (ns) return { prefix: ns[1] ?? '', rest: ns[2] ?? '' };
    const plain = /^(\/services)\/(.+)$/.exec(path);
    if (plain) return { prefix: plain[1] ?? '', rest: plain[2] ?? '' };
    return undefined;
}

/** The part after `/<locale>/splunkd/__raw` of a normalised request path, or undefined when `..` left it. */
function rawServicesPath(pathname: string): string | undefined {
    return /^\/[^/]+\/splunkd\/__raw(\/.*)$/.exec(pathname)?.[1];
}

function safeDecode(text: string): string | undefined {
    try {
        return decodeURIComponent(text);
    } catch {
        return undefined;
    }
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

/** What the proxy needs from its Splunk Web. */
export interface ProxyContext {
    splunkdUrl: string;
    rules: readonly ExposeRule[];
    session: (request: FastifyRequest) => WebSession | undefined;
}

/**
 * Splunk Web's splunkd proxy, `/<locale>/splunkd/__raw/services/...`: only exposed endpoints and methods, the
 * browser session's splunkd session key, and CSRF protection on state-changing requests (the
 * `X-Splunk-Form-Key` header must equal the `splunkweb_csrf_token_<port>` cookie).
 */
export async function proxyToSplunkd(
    ctx: ProxyContext,
    request: FastifyRequest<{ Params: { '*': string } }>,
    reply: FastifyReply
): Promise<FastifyReply> {
    // The path exactly as it will be forwarded: dot segments (`..`, `%2e%2e`) resolved as any URL client resolves
    // them, percent-encoding kept (`%2F` stays one path element). The expose rules are checked against this same
    // path, so `pt/../../../services/...` cannot pass the check as `passivetotal/pt/**` and then reach another
    // endpoint once normalised. (Fastify's `params['*']` is decoded and unnormalised: not what is forwarded.)
    const url = new URL(request.url, 'http://splunkweb');
    const servicesPath = rawServicesPath(url.pathname);
    const parsed = servicesPath === undefined ? undefined : parseServicesPath(servicesPath);
    const decodedRest = parsed ? safeDecode(parsed.rest) : undefined;
    const rule = decodedRest === undefined ? undefined : findExposeRule(ctx.rules, decodedRest);
    if (servicesPath === undefined || !parsed || !rule || !rule.methods.includes(request.method)) {
        return reply.code(404).send(splunkdError(`The requested URL was not found on this server.`));
    }
    const session = ctx.session(request);
    const isLogin = rule.pattern === 'auth/login';
    if (!session && !isLogin) {
        return reply.code(401).send(splunkdError('Splunk cannot authenticate the request. Log in to Splunk Web.'));
    }
    const stateChanging = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (stateChanging && !rule.skipCsrf && request.headers['x-splunk-form-key'] !== session?.csrfToken) {
        return reply.code(401).send(splunkdError('Splunk cannot authenticate the request. CSRF validation failed.'));
    }

    const headers: Record<string, string> = {};
    const contentType = request.headers['content-type'];
    if (contentType) headers['content-type'] = contentType;
    if (session && !isLogin) headers.authorization = `Splunk ${session.sessionKey}`;
    const { body } = request;
    const upstream = await fetch(`${ctx.splunkdUrl}${servicesPath}${url.search}`, {
        method: request.method,
        headers,
        body: stateChanging && Buffer.isBuffer(body) ? new Uint8Array(body) : undefined,
    });
    void reply.code(upstream.status);
    upstream.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name.toLowerCase())) void reply.header(name, value);
    });
    return reply.send(Buffer.from(await upstream.arrayBuffer()));
}
