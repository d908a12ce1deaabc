/**
 * Which replay file an open provider's request asks for. The requests the app makes are the catalogue's operations:
 * a request under the path prefix `/<id>/` is matched against each operation's template (its method, its `path`
 * with `{q}` and `{kind}`, and the `{q}` of its `query`, `form` or `json` pairs) and answered from
 * `DIR/<id>/<query>/<operation>.json`, then `DIR/<id>/<operation>.json`, then the empty answer. The server of a
 * provider found by a resolver (RDAP) may have a path of its own before the template (`/rdap/registrar/domain/<q>`,
 * operation `registrar/domain`). Fixed `form` and `json` members name the upstream's function and must match; fixed
 * `query` pairs are options the upstream has defaults for.
 *
 * The replay stands in for the upstream APIs, so it also keeps endpoints and rules of theirs that the app never
 * uses ({@link UPSTREAM_QUIRKS}): RDAP's bootstrap files, `help`, `entity`, `nameserver`, `ip/<address>/<length>`
 * and its refusal of a malformed AS number; crt.sh's `/json` path, its HTML without `output=json` and its refusal
 * of other uses of `%`; OTX's `hostname` section.
 */
import { catalogue, providerSpec } from '@passivetotal/core';
import { isSafeApiPath } from './fixture-lookup';
import { errorAnswer, missingValue, rdapError, unknownFunction, unknownPath, type OpenReply } from './open-bodies';
import { contentTypeOf, type OpenProviderId } from './open-providers';
import { isBootstrapKind, type BootstrapKind } from './rdap-bootstrap';

/** An open provider's request, as received. */
export interface OpenRequest {
    /** Upper case. */
    readonly method: string;
    readonly provider: OpenProviderId;
    /** The decoded path segments after `/<id>/` (empty segments dropped). */
    readonly segments: readonly string[];
    readonly search: URLSearchParams;
    readonly body: string | undefined;
}

/** What to answer with: a file lookup, a bootstrap file, or a reply decided from the request alone. */
export type OpenTarget =
    | {
          readonly kind: 'lookup';
          readonly operation: string;
          readonly query: string;
          /** Request parameters (first value of each) and body fields, plus `kind` where the path has one. */
          readonly params: Readonly<Record<string, string>>;
      }
    | { readonly kind: 'bootstrap'; readonly bootstrap: BootstrapKind }
    | { readonly kind: 'reply'; readonly reply: OpenReply };

function firstValues(search: URLSearchParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of search) if (!(k in out)) out[k] = v;
    return out;
}

/** Whether any operation of a provider sends a form, or a JSON body. */
function bodyKind(provider: OpenProviderId): 'form' | 'json' | undefined {
    const operations: readonly catalogue.OperationSpec[] = Object.values(providerSpec(provider).operations);
    if (operations.some((o) => o.form)) return 'form';
    return operations.some((o) => o.json) ? 'json' : undefined;
}

/**
 * The fields of a POST body (a form, or a JSON object's string and number members, as the provider's operations
 * send them), for the lookup and the request statistics. Anything unreadable gives no fields.
 *
 * @example bodyFields('threatfox', '{"query":"search_ioc","search_term":"203.0.113.77"}')
 * // { query: 'search_ioc', search_term: '203.0.113.77' }
 */
export function bodyFields(provider: OpenProviderId, body: string | undefined): Record<string, string> {
    if (body === undefined || body.trim() === '') return {};
    const kind = bodyKind(provider);
    if (kind === 'form') return firstValues(new URLSearchParams(body));
    if (kind !== 'json') return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof v === 'string') out[k] = v;
        else if (typeof v === 'number') out[k] = String(v);
    }
    return out;
}

const reply = (r: OpenReply): OpenTarget => ({ kind: 'reply', reply: r });
const rdapBad = (description: string): OpenTarget =>
    reply({ status: 400, contentType: contentTypeOf('rdap'), body: JSON.stringify(rdapError(400, description)) });

/** How one request fared against the catalogue's operations. */
type Match =
    | {
          readonly kind: 'found';
          readonly operation: string;
          readonly query: string;
          readonly captured: Record<string, string>;
      }
    | { readonly kind: 'missing' }
    | { readonly kind: 'method' }
    | { readonly kind: 'function' }
    | { readonly kind: 'none' };

/** The text around `{q}` in a pair's template, as a pattern that captures the value (`%.{q}` → `^%\.(.+)$`). */
function valuePattern(template: string): RegExp {
    const [before = '', after = ''] = template.split(/\{[a-z_]+\}/);
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^${escape(before)}(.+)${escape(after)}$`, 's');
}

const HAS_PLACEHOLDER = /\{[a-z_]+\}/;

/** How much fixed text an operation's templated pairs carry: more specific templates are tried first. */
function specificity(spec: catalogue.OperationSpec): number {
    const pairs = [...(spec.query ?? []), ...(spec.form ?? []), ...(spec.json ?? [])];
    return pairs
        .filter(([, v]) => HAS_PLACEHOLDER.test(v))
        .reduce((sum, [, v]) => sum + v.replace(HAS_PLACEHOLDER, '').length, 0);
}

/** The path segments of a request against a template's (`{q}`, `{kind}` capture one segment each). */
function matchPath(
    template: readonly string[],
    segments: readonly string[],
    kinds: readonly string[],
    anyPrefix: boolean
): { prefix: readonly string[]; captured: Record<string, string> } | undefined {
    const offset = segments.length - template.length;
    if (offset < 0 || (!anyPrefix && offset !== 0)) return undefined;
    const captured: Record<string, string> = {};
    for (const [i, part] of template.entries()) {
        const given = segments[offset + i] ?? '';
        const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
        if (name === undefined) {
            if (given !== part) return undefined;
        } else if (name === 'kind' && !kinds.includes(given)) {
            return undefined;
        } else {
            captured[name] = given;
        }
    }
    return { prefix: segments.slice(0, offset), captured };
}

/**
 * Matches a request against the catalogue's operations of its provider, the most specific first.
 *
 * @example matchOperation({ method: 'GET', provider: 'crtsh', segments: [], search: new URLSearchParams('q=%25.evil.example&output=json'), body: undefined }, {...})
 * // { kind: 'found', operation: 'subdomains', query: 'evil.example', captured: {} }
 */
function matchOperation(
    request: OpenRequest,
    fields: Readonly<Record<string, string>>,
    extraKinds: readonly string[]
): Match {
    const spec = providerSpec(request.provider);
    const operations = Object.entries(spec.operations).sort(([, a], [, b]) => specificity(b) - specificity(a));
    let methodMismatch = false;
    let functionMismatch = false;
    for (const [name, op] of operations) {
        const kinds = [...Object.values(op.kinds ?? {}), ...extraKinds];
        const template = op.path.split('/').filter((s) => s !== '');
        const path = matchPath(template, request.segments, kinds, spec.resolver !== undefined);
        if (!path) continue;
        const method = request.method === 'HEAD' ? 'GET' : request.method;
        if (method !== op.method) {
            methodMismatch = true;
            continue;
        }
        const captured = { ...path.captured };
        const bodyPairs = [...(op.form ?? []), ...(op.json ?? [])];
        if (bodyPairs.some(([n, v]) => !HAS_PLACEHOLDER.test(v) && fields[n] !== v)) {
            functionMismatch = true;
            continue;
        }
        let fits = true;
        for (const [n, v] of [...(op.query ?? []), ...bodyPairs].filter(([, t]) => HAS_PLACEHOLDER.test(t))) {
            const given = (fields[n] ?? '').trim();
            if (given === '') continue;
            const value = valuePattern(v).exec(given)?.[1];
            if (value === undefined) fits = false;
            else captured[/\{([a-z_]+)\}/.exec(v)?.[1] ?? n] = value;
        }
        if (!fits) continue;
        const param = Object.keys(op.params)[0] ?? 'q';
        const query = captured[param] ?? '';
        if (query === '') return { kind: 'missing' };
        const operation = [...path.prefix, name].join('/');
        if (!isSafeApiPath(operation)) return { kind: 'none' };
        const rest = Object.fromEntries(Object.entries(captured).filter(([n]) => n !== param));
        return { kind: 'found', operation, query, captured: rest };
    }
    if (functionMismatch) return { kind: 'function' };
    return methodMismatch ? { kind: 'method' } : { kind: 'none' };
}

/** What a provider's upstream does beyond the operations the app asks (see the module's comment). */
interface UpstreamQuirks {
    /** Endpoints the app never calls, answered before the catalogue's operations; undefined: not one of them. */
    readonly extra?: (request: OpenRequest, params: Record<string, string>) => OpenTarget | undefined;
    /** A refusal of a request that matches an operation. */
    readonly refuse?: (
        operation: string,
        query: string,
        request: OpenRequest,
        params: Record<string, string>
    ) => OpenTarget | undefined;
    /** Values of `{kind}` the upstream takes beyond the catalogue's `kinds`. */
    readonly kinds?: readonly string[];
    /** Segments the upstream treats as the operation's own path (crt.sh's `/json` is `/`). */
    readonly aliases?: (segments: readonly string[]) => readonly string[];
}

/** The RDAP lookups the replay answers beyond the app's: entities and name servers, and networks by prefix. */
const RDAP_OTHER_KINDS = new Set(['entity', 'nameserver']);

function rdapExtra(request: OpenRequest, params: Record<string, string>): OpenTarget | undefined {
    const { segments } = request;
    const [first, second] = segments;
    if (first === 'bootstrap' && segments.length === 2 && second !== undefined) {
        const kind = second.replace(/\.json$/, '');
        return second.endsWith('.json') && isBootstrapKind(kind)
            ? { kind: 'bootstrap', bootstrap: kind }
            : reply(errorAnswer('rdap', 404, `No bootstrap file ${second}.`));
    }
    if (segments.length === 1 && first === 'help') return { kind: 'lookup', operation: 'help', query: '', params };
    const n = segments.length;
    // `ip/<address>/<prefix length>` is one query value.
    if (n >= 3 && segments[n - 3] === 'ip' && /^\d{1,3}$/.test(segments[n - 1] ?? '')) {
        const operation = segments.slice(0, n - 2).join('/');
        if (!isSafeApiPath(operation)) return rdapBad('Unsupported path.');
        return { kind: 'lookup', operation, query: segments.slice(n - 2).join('/'), params };
    }
    const kind = segments[n - 2];
    const query = segments[n - 1];
    if (n >= 2 && kind !== undefined && RDAP_OTHER_KINDS.has(kind) && query !== undefined) {
        const operation = segments.slice(0, n - 1).join('/');
        return isSafeApiPath(operation) ? { kind: 'lookup', operation, query, params } : rdapBad('Unsupported path.');
    }
    return undefined;
}

/** The upstreams' own endpoints and rules the app does not use, per provider (none for most). */
export const UPSTREAM_QUIRKS: Readonly<Partial<Record<OpenProviderId, UpstreamQuirks>>> = {
    rdap: {
        extra: rdapExtra,
        refuse: (operation, query) =>
            operation.endsWith('autnum') && !/^\d+$/.test(query) ? rdapBad(`${query} is not an AS number.`) : undefined,
    },
    crtsh: {
        aliases: (segments) => (segments.length === 1 && segments[0] === 'json' ? [] : segments),
        refuse: (_operation, query, request, params) => {
            // Without output=json crt.sh answers its HTML page; it refuses any other use of '%'.
            if (request.segments.length === 0 && params['output'] !== 'json') return reply(errorAnswer('crtsh', 400));
            return query.includes('%') ? reply(errorAnswer('crtsh', 400)) : undefined;
        },
    },
    otx: { kinds: ['hostname'] },
};

function methodRefused(provider: OpenProviderId, method: string): OpenReply {
    return bodyKind(provider) === undefined
        ? errorAnswer(provider, 405, `Method ${method} not allowed.`)
        : errorAnswer(provider, 405, `http_${method === 'GET' ? 'post' : 'get'}_expected`);
}

/**
 * The target of an open provider's request.
 *
 * @example openTarget({ method: 'GET', provider: 'crtsh', segments: [], search: new URLSearchParams('q=%25.evil.example&output=json'), body: undefined })
 * // { kind: 'lookup', operation: 'subdomains', query: 'evil.example', params: {...} }
 */
export function openTarget(request: OpenRequest): OpenTarget {
    const { provider } = request;
    const quirks = UPSTREAM_QUIRKS[provider] ?? {};
    const params = { ...firstValues(request.search), ...bodyFields(provider, request.body) };
    const extra = quirks.extra?.(request, params);
    if (extra) return extra;
    const segments = quirks.aliases?.(request.segments) ?? request.segments;
    const match = matchOperation({ ...request, segments }, params, quirks.kinds ?? []);
    switch (match.kind) {
        case 'found':
            return (
                quirks.refuse?.(match.operation, match.query, request, params) ?? {
                    kind: 'lookup',
                    operation: match.operation,
                    query: match.query,
                    params: { ...params, ...match.captured },
                }
            );
        case 'missing':
            return reply(missingValue(provider));
        case 'method':
            return reply(methodRefused(provider, request.method));
        case 'function':
            return reply(unknownFunction(provider));
        case 'none':
            return reply(unknownPath(provider, request.segments));
    }
}
