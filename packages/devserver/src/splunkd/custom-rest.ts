/**
 * The app's custom REST endpoints: `[script:<name>]` stanzas of its `default/restmap.conf`,
 * routed like splunkd routes them (`/services/<match>[/…]` and `/servicesNS/<owner>/<app>/<match>[/…]`,
 * longest `match` first), with authentication and `capability` / `capability.<method>` enforced,
 * and the persistent-handler request JSON built per the restmap settings (`passSystemAuth`,
 * `passPayload`, `passHttpHeaders`, `passHttpCookies`, `passSession`, `passConf`). The handler
 * itself is plugged in (`restHandler`); its reply is mapped to HTTP as splunkd does (dict/list →
 * JSON, `null` payload → 204, `[code, reason]` status, header list or dict).
 */
import type { ConfFile } from '@passivetotal/tooling/conf';
import { satisfiesCapabilityExpression, type Identity } from './identity';
import type { RestReply, RestRequest } from './rest-types';
import { SplunkdError } from './splunkd-error';

/** A JSON value in a handler reply. */
export type CustomRestJson = string | number | boolean | null | CustomRestJson[] | { [key: string]: CustomRestJson };

/** The request JSON splunkd gives a persistent handler's `handle(in_string)`, with splunkd's own key names. */
export interface CustomRestRequest {
    readonly method: string;
    /** Path after `/services` or `/servicesNS/<owner>/<app>`, e.g. `/passivetotal/lookup/dns`. */
    readonly rest_path: string;
    /** The remainder after `match`, without a leading `/`; absent when there is none. */
    readonly path_info?: string;
    readonly query: [string, string][];
    readonly form: [string, string][];
    /** Raw body, with `passPayload = true` and a non-empty POST/PUT body. */
    readonly payload?: string;
    /** Raw body base64-encoded, with `passPayload = base64`. */
    readonly payload_base64?: string;
    /** With `passHttpHeaders`. */
    readonly headers?: [string, string][];
    /** With `passHttpCookies`. */
    readonly cookies?: [string, string][];
    /** With `passSession` (default) and an authenticated caller. */
    readonly session?: { readonly user: string; readonly authtoken: string };
    /** With `passSystemAuth`: a token of splunk-system-user, who has every capability. */
    readonly system_authtoken?: string;
    /** The namespace of a `/servicesNS/` call; `-` parts are omitted. */
    readonly ns: { readonly app?: string; readonly user?: string };
    /** `output_mode` asked for, `xml` when not given. */
    readonly output_mode: string;
    readonly output_mode_explicit: boolean;
    readonly server: {
        readonly rest_uri: string;
        readonly hostname: string;
        readonly servername: string;
        readonly guid: string;
    };
    readonly connection: { readonly src_ip: string; readonly ssl: boolean; readonly listening_port: number };
    /** With `passConf` (default): the stanza. */
    readonly restmap?: { readonly name: string; readonly conf: Readonly<Record<string, string>> };
    readonly lang: string;
}

/** A handler's reply: the dict its `handle()` returns (`payload`, `status`, `headers`). */
export interface CustomRestReply {
    /** HTTP status, or `[code, reason]`; 200 when absent. */
    readonly status?: number | readonly [number, string];
    /** `[[name, value], …]` or `{name: value | [values]}`. */
    readonly headers?: readonly (readonly [string, string])[] | Readonly<Record<string, string | readonly string[]>>;
    /** A string is sent as is; an object or list as JSON; `null` (or absent) means 204. */
    readonly payload?: CustomRestJson;
    /** Binary payload, base64-encoded (wins over `payload`). */
    readonly payload_base64?: string;
}

/** One `[script:<name>]` stanza of restmap.conf. */
export interface RestScriptEndpoint {
    /** The stanza name, e.g. `script:passivetotal_lookup`. */
    readonly name: string;
    /** `match` with its leading `/`. */
    readonly match: string;
    /** Every key of the stanza (`script`, `scripttype`, `handler`, `python.required`, …). */
    readonly conf: Readonly<Record<string, string>>;
}

/** The hook that runs a custom endpoint's handler (the persistent-handler driver). */
export type CustomRestHandler = (request: CustomRestRequest, endpoint: RestScriptEndpoint) => Promise<CustomRestReply>;

const TRUE_VALUES = new Set(['1', 'true', 't', 'yes', 'y']);

function flag(conf: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
    const value = conf[key];
    return value === undefined ? fallback : TRUE_VALUES.has(value.trim().toLowerCase());
}

/** The `[script:*]` endpoints of a parsed restmap.conf. */
export function scriptEndpoints(restmap: ConfFile | undefined): RestScriptEndpoint[] {
    const endpoints: RestScriptEndpoint[] = [];
    for (const stanza of restmap?.stanzas ?? []) {
        if (!stanza.name.startsWith('script:')) continue;
        const conf = Object.fromEntries(stanza.keys.map((k) => [k.key, k.value]));
        const match = conf.match?.trim();
        if (match === undefined || match === '') continue;
        endpoints.push({
            name: stanza.name,
            match: match.startsWith('/') ? match.replace(/\/+$/, '') : `/${match.replace(/\/+$/, '')}`,
            conf,
        });
    }
    // Longest match first, so /a/b wins over /a.
    return endpoints.sort((a, b) => b.match.length - a.match.length);
}

/** The endpoint whose `match` covers a REST path (decoded), and the remainder. */
export function matchEndpoint(
    endpoints: readonly RestScriptEndpoint[],
    restPath: string
): { endpoint: RestScriptEndpoint; pathInfo: string | undefined } | undefined {
    for (const endpoint of endpoints) {
        if (restPath === endpoint.match || restPath === `${endpoint.match}/`) return { endpoint, pathInfo: undefined };
        if (restPath.startsWith(`${endpoint.match}/`)) {
            const rest = restPath.slice(endpoint.match.length + 1);
            return { endpoint, pathInfo: rest === '' ? undefined : rest };
        }
    }
    return undefined;
}

/** Server facts the request JSON carries. */
export interface CustomRestServerInfo {
    readonly restUri: string;
    readonly serverName: string;
    readonly systemToken: string;
}

/**
 * Checks authentication and capabilities for a custom endpoint; throws the splunkd error when the
 * caller may not call it.
 */
export function authorizeCustomEndpoint(endpoint: RestScriptEndpoint, request: RestRequest): void {
    const requireAuth = flag(endpoint.conf, 'requireAuthentication', true);
    if (requireAuth && !request.identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
    const capability = endpoint.conf[`capability.${request.method.toLowerCase()}`] ?? endpoint.conf.capability;
    if (capability === undefined || capability.trim() === '' || !request.identity) return;
    if (!satisfiesCapabilityExpression(request.identity, capability)) {
        const identity: Identity = request.identity;
        throw new SplunkdError(
            403,
            `You (user=${identity.name}) with roles { ${[...identity.roles].sort().join(', ')} } do not have permission to perform this operation (requires capability: ${capability.trim()}).`
        );
    }
}

/** Builds the persistent handler's request JSON. */
export function buildCustomRestRequest(
    endpoint: RestScriptEndpoint,
    pathInfo: string | undefined,
    request: RestRequest,
    server: CustomRestServerInfo
): CustomRestRequest {
    const conf = endpoint.conf;
    const passPayload = (conf.passPayload ?? 'false').trim().toLowerCase();
    const hasBody = (request.method === 'POST' || request.method === 'PUT') && request.body.length > 0;
    const headerPairs = (): [string, string][] =>
        Object.entries(request.headers).flatMap(([name, value]) =>
            value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v])
        );
    const cookiePairs = (): [string, string][] => {
        const header = request.headers.cookie;
        const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
        return text
            .split(';')
            .map((c) => c.trim())
            .filter((c) => c.includes('='))
            .map((c): [string, string] => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]);
    };
    const ns: { app?: string; user?: string } = {};
    if (request.ns.app !== undefined && request.ns.app !== '-') ns.app = request.ns.app;
    if (request.ns.owner !== undefined && request.ns.owner !== '-') ns.user = request.ns.owner;
    return {
        method: request.method,
        rest_path: request.restPath,
        ...(pathInfo === undefined ? {} : { path_info: pathInfo }),
        query: request.query.map(([k, v]): [string, string] => [k, v]),
        form: request.form.map(([k, v]): [string, string] => [k, v]),
        ...(hasBody && TRUE_VALUES.has(passPayload) ? { payload: request.body.toString('utf8') } : {}),
        ...(hasBody && passPayload === 'base64' ? { payload_base64: request.body.toString('base64') } : {}),
        ...(flag(conf, 'passHttpHeaders', false) ? { headers: headerPairs() } : {}),
        ...(flag(conf, 'passHttpCookies', false) ? { cookies: cookiePairs() } : {}),
        ...(flag(conf, 'passSession', true) && request.identity && request.authToken !== undefined
            ? { session: { user: request.identity.name, authtoken: request.authToken } }
            : {}),
        ...(flag(conf, 'passSystemAuth', false) ? { system_authtoken: server.systemToken } : {}),
        ns,
        output_mode: request.outputMode ?? 'xml',
        output_mode_explicit: request.outputMode !== undefined,
        server: {
            rest_uri: server.restUri,
            hostname: server.serverName,
            servername: server.serverName,
            guid: '5C8B1F9E-0000-4000-8000-5EA2C4D0B001',
        },
        connection: { src_ip: request.remoteAddress, ssl: false, listening_port: request.localPort },
        ...(flag(conf, 'passConf', true) ? { restmap: { name: endpoint.name, conf: { ...conf } } } : {}),
        lang: 'en-US',
    };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Maps a handler reply to HTTP as splunkd does. Throws on a malformed reply. */
export function mapCustomRestReply(reply: CustomRestReply): RestReply {
    if (!isPlainRecord(reply)) throw new TypeError('handler reply is not an object');
    let status = 200;
    if (typeof reply.status === 'number') status = reply.status;
    else if (Array.isArray(reply.status) && typeof reply.status[0] === 'number') status = reply.status[0];
    else if (reply.status !== undefined) throw new TypeError('handler reply has an invalid status');
    if (!Number.isInteger(status) || status < 100 || status > 599)
        throw new TypeError('handler reply has an invalid status');

    const headers: Record<string, string[]> = {};
    const addHeader = (name: string, value: string): void => {
        (headers[name.toLowerCase()] ??= []).push(value);
    };
    if (Array.isArray(reply.headers)) {
        for (const pair of reply.headers as readonly (readonly [unknown, unknown])[])
            addHeader(String(pair[0]), String(pair[1]));
    } else if (isPlainRecord(reply.headers)) {
        for (const [name, value] of Object.entries(reply.headers)) {
            for (const v of Array.isArray(value) ? (value as string[]) : [value]) addHeader(name, String(v));
        }
    }
    const contentType = headers['content-type']?.[0];
    Reflect.deleteProperty(headers, 'content-type');
    Reflect.deleteProperty(headers, 'content-length');

    if (typeof reply.payload_base64 === 'string') {
        return { status, headers, raw: { contentType, body: Buffer.from(reply.payload_base64, 'base64') } };
    }
    const payload = reply.payload;
    if (payload === undefined || payload === null) return { status: status === 200 ? 204 : status, headers };
    if (typeof payload === 'string') return { status, headers, raw: { contentType, body: payload } };
    return {
        status,
        headers,
        raw: { contentType: contentType ?? 'application/json; charset=UTF-8', body: JSON.stringify(payload) },
    };
}
