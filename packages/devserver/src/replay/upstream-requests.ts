/**
 * The upstream requests the app's `open/<provider>/<operation>` route makes, built from the catalogue's templates
 * as the handler builds them (an operation's `method`, `path`, `query`, `form` and `json`, its `kinds`, and the key
 * in the header its `auth` names), against a provider's base URL on the replay (`/<id>`; RDAP's server is
 * `/rdap`, which the replay's bootstrap names): what the replay must answer exactly. Test support for the
 * replay's unit and integration tests and the demo fixtures' test.
 */
import { catalogue, operationIds, operationSpec, providerSpec } from '@passivetotal/core';
import { DEMO_KEYED_PROVIDERS, type OpenProviderId } from './open-providers';
import type { ReplayRequest } from './replay-server';

/** One upstream request, relative to the replay's origin. */
export interface UpstreamRequest {
    readonly method: 'GET' | 'POST';
    /** Path and query string under the origin, e.g. `/crtsh/?q=evil.example&output=json&...`. */
    readonly url: string;
    /** Request headers (the key headers the handler sends with the stored demo key). */
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
}

/** The operation a referral fetches, and the prefix its registrar's server has on the replay. */
const REFERRAL = { operation: 'domain', prefix: 'registrar' } as const;

/**
 * Every upstream operation of a provider (the operations the handler asks upstream): its catalogue operations, and `registrar/domain` after an operation with
 * `referral` (the registrar's record a thin registry links to).
 *
 * @example upstreamOperations('rdap') // ['domain', 'registrar/domain', 'ip', 'autnum']
 */
export function upstreamOperations(id: OpenProviderId): readonly string[] {
    return operationIds(id).flatMap((op): string[] =>
        operationSpec(id, op).referral === true ? [op, `${REFERRAL.prefix}/${REFERRAL.operation}`] : [op]
    );
}

/** The catalogue's operation behind an upstream operation (an unknown one throws: the catalogue has changed). */
function catalogueOperation(id: OpenProviderId, operation: string): catalogue.OperationSpec {
    const name = catalogueOperationName(operation);
    const found = providerSpec(id).operations[name];
    if (!found) throw new Error(`${id} has no operation ${name} in the catalogue`);
    return found;
}

/**
 * A value as the handler's validator passes it on: an AS number without `AS`, anything else trimmed (the handler
 * refuses what is not valid; these tests only send valid values).
 */
function validated(validator: catalogue.ValidatorName | undefined, value: string): string {
    return validator === 'autnum' ? value.trim().replace(/^AS/i, '') : value.trim();
}

/** What a value is, as `{kind}` and the RDAP bootstrap read it: `ipv4`, `ipv6` or `domain`. */
function kindOf(value: string): 'ipv4' | 'ipv6' | 'domain' {
    if (value.includes(':')) return 'ipv6';
    return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(value) ? 'ipv4' : 'domain';
}

/** A value as one path segment (the handler keeps an IPv6 address's colons). */
function segment(value: string): string {
    return encodeURIComponent(value)
        .replace(/%3A/gi, ':')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The key headers the handler sends for a provider with a stored key (`key` is the stored password; a basic-auth
 * provider's user is the stand-in's `demo`), from the catalogue's `auth`.
 *
 * @example keyHeaders('otx', 'demo') // { 'X-OTX-API-KEY': 'demo' }
 */
export function keyHeaders(provider: OpenProviderId, key: string): Record<string, string> {
    const { auth } = providerSpec(provider);
    if (auth.key === 'none') return {};
    switch (auth.style) {
        case 'basic':
            return { Authorization: `Basic ${Buffer.from(`demo:${key}`).toString('base64')}` };
        case 'bearer':
            return { Authorization: `Bearer ${key}` };
        case 'header':
            return auth.header === undefined ? {} : { [auth.header]: key };
        case undefined:
            return {};
    }
}

/**
 * The upstream request of an operation for a query value, with the demo key where the stand-in stores one (not for
 * mnemonic, whose public API the demo uses without a key); `key` null sends no key.
 *
 * @example upstreamRequest('crtsh', 'subdomains', 'evil.example').url
 * // '/crtsh/?q=%25.evil.example&output=json&exclude=expired&deduplicate=Y'
 */
export function upstreamRequest(
    provider: OpenProviderId,
    operation: string,
    query: string,
    key: string | null = 'demo'
): UpstreamRequest {
    const spec = catalogueOperation(provider, operation);
    const [param = 'q', first] = Object.entries(spec.params)[0] ?? [];
    const value = validated(first?.validator, query);
    const kind = kindOf(value);
    const fill = (template: string, asSegment: boolean): string =>
        template.replace(/\{([a-z_]+)\}/g, (_m, name: string) => {
            const text = name === 'kind' ? (spec.kinds?.[kind] ?? kind) : name === param ? value : '';
            return asSegment ? segment(text) : text;
        });
    const referral = operation !== catalogueOperationName(operation);
    const base = referral ? `/${provider}/${REFERRAL.prefix}` : `/${provider}`;
    const search = new URLSearchParams((spec.query ?? []).map(([n, v]) => [n, fill(v, false)])).toString();
    const url = `${base}${fill(spec.path, true)}${search === '' ? '' : `?${search}`}`;
    const keyed = key !== null && DEMO_KEYED_PROVIDERS.includes(provider);
    const headers: Record<string, string> = keyed ? keyHeaders(provider, key) : {};
    if (spec.form) {
        const body = new URLSearchParams(spec.form.map(([n, v]) => [n, fill(v, false)])).toString();
        return {
            method: spec.method,
            url,
            headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
        };
    }
    if (spec.json) {
        const body = JSON.stringify(Object.fromEntries(spec.json.map(([n, v]) => [n, fill(v, false)])));
        return { method: spec.method, url, headers: { ...headers, 'Content-Type': 'application/json' }, body };
    }
    return { method: spec.method, url, headers };
}

/** The catalogue name of an upstream operation (`registrar/domain` → `domain`). */
function catalogueOperationName(operation: string): string {
    return operation === `${REFERRAL.prefix}/${REFERRAL.operation}` ? REFERRAL.operation : operation;
}

/**
 * A value an operation's parameter takes, for tests: a domain name, an address or an AS number by its validator.
 *
 * @example sampleQuery('internetdb', 'host') // '198.51.100.7'
 */
export function sampleQuery(provider: OpenProviderId, operation: string): string {
    const spec = catalogueOperation(provider, operation);
    const validator = Object.values(spec.params)[0]?.validator;
    if (validator === 'ip') return '198.51.100.7';
    if (validator === 'autnum') return '64500';
    return 'evil.example';
}

/**
 * The same request for {@link ReplayServer.handle} (in process): header names lower-cased, `Authorization` in its
 * own field, and `host` when given (the origin `$REPLAY_ORIGIN` becomes).
 */
export function toReplayRequest(request: UpstreamRequest, host?: string): ReplayRequest {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
    const { authorization, ...rest } = headers;
    return {
        method: request.method,
        url: request.url,
        ...(authorization === undefined ? {} : { authorization }),
        headers: host === undefined ? rest : { ...rest, host },
        ...(request.body === undefined ? {} : { body: request.body }),
    };
}
