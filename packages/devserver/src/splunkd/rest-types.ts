/**
 * The request and reply shapes the splunkd endpoints work with, after the server has split the
 * URL into namespace and path, authenticated the caller and read the body.
 */
import type { Identity } from './identity';

/** HTTP methods splunkd's REST API uses. */
export type RestMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The namespace of a `/servicesNS/<owner>/<app>/…` URL; both undefined for `/services/…`. */
export interface Namespace {
    /** `<owner>` as written (`-` is the wildcard, `nobody` the shared owner). */
    readonly owner?: string;
    /** `<app>` as written (`-` is the wildcard). */
    readonly app?: string;
}

/** A request to a splunkd endpoint. */
export interface RestRequest {
    readonly method: RestMethod;
    readonly ns: Namespace;
    /** The path after `/services` or `/servicesNS/<owner>/<app>`, still URL-encoded, starting with `/`. */
    readonly restPath: string;
    /** `restPath` split at `/` and decoded. */
    readonly segments: readonly string[];
    /** Query-string pairs in order (repeats kept). */
    readonly query: readonly (readonly [string, string])[];
    /** Pairs of a form-encoded body, in order (empty for other bodies). */
    readonly form: readonly (readonly [string, string])[];
    /** The raw body (empty when there is none). */
    readonly body: Buffer;
    /** Request headers, lower-case names. */
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    /** The authenticated caller (undefined only on endpoints that need no authentication). */
    readonly identity: Identity | undefined;
    /** The session key the caller used, if it used one (basic auth gets a transient one). */
    readonly authToken: string | undefined;
    /** `output_mode` as asked for (query or body), undefined when not given. */
    readonly outputMode: string | undefined;
    /** The client's address. */
    readonly remoteAddress: string;
    /** The port the request came in on. */
    readonly localPort: number;
}

/** What an endpoint answers. `json` is serialised; `raw` is sent as is; neither ⇒ empty body. */
export interface RestReply {
    readonly status: number;
    readonly json?: unknown;
    readonly raw?: { readonly contentType: string | undefined; readonly body: string | Buffer };
    readonly headers?: Readonly<Record<string, string | readonly string[]>>;
}

/** The first value of an argument: the form body first, then the query string (splunkd merges both). */
export function arg(request: RestRequest, name: string): string | undefined {
    for (const [k, v] of request.form) if (k === name) return v;
    for (const [k, v] of request.query) if (k === name) return v;
    return undefined;
}

/** Every value of an argument, body values first. */
export function args(request: RestRequest, name: string): string[] {
    return [...request.form, ...request.query].filter(([k]) => k === name).map(([, v]) => v);
}

/** Every argument pair, body first. */
export function allArgs(request: RestRequest): (readonly [string, string])[] {
    return [...request.form, ...request.query];
}

/** A JSON reply. */
export function jsonReply(json: unknown, status = 200): RestReply {
    return { status, json };
}
