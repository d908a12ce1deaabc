/**
 * The upstream requests the app's `open/<provider>/<operation>?q=` route makes (bin/passivetotal_app/open_providers.py), built
 * against a provider's base URL: what the replay must answer exactly. Test support for the replay's unit and
 * integration tests and the demo fixtures' test; also a readable list of the requests.
 */
import type { OpenProviderId } from './open-providers';
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

/** The handler's operations per provider (bin/passivetotal_app/open_providers.py). RDAP's `registrar/domain` is the referral. */
export const DESIGN_OPERATIONS: Readonly<Record<OpenProviderId, readonly string[]>> = Object.freeze({
    rdap: ['domain', 'registrar/domain', 'ip', 'autnum'],
    crtsh: ['certificates', 'subdomains'],
    certspotter: ['issuances'],
    mnemonic: ['resolutions'],
    otx: ['passive_dns', 'general'],
    circl: ['resolutions'],
    urlhaus: ['host'],
    threatfox: ['search'],
    internetdb: ['host'],
});

const enc = encodeURIComponent;

/** OTX's indicator section for a value: `IPv4`, `IPv6`, else `domain` (the handler asks `domain` for any name). */
export function otxSection(query: string): 'IPv4' | 'IPv6' | 'domain' {
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(query)) return 'IPv4';
    return query.includes(':') ? 'IPv6' : 'domain';
}

/**
 * The key headers the handler sends for a provider with a stored key (`key` is the stored password).
 *
 * @example keyHeaders('otx', 'demo') // { 'X-OTX-API-KEY': 'demo' }
 */
export function keyHeaders(provider: OpenProviderId, key: string): Record<string, string> {
    switch (provider) {
        case 'otx':
            return { 'X-OTX-API-KEY': key };
        case 'urlhaus':
        case 'threatfox':
            return { 'Auth-Key': key };
        case 'circl':
            return { Authorization: `Basic ${Buffer.from(`demo:${key}`).toString('base64')}` };
        case 'certspotter':
            return { Authorization: `Bearer ${key}` };
        case 'mnemonic':
            return { 'Argus-API-Key': key };
        default:
            return {};
    }
}

/**
 * The upstream request of an operation for a (validated) query value, with the demo key where the stand-in
 * stores one (mnemonic: none); `key` null sends no key.
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
    const headers = key === null || provider === 'mnemonic' ? {} : keyHeaders(provider, key);
    const get = (url: string): UpstreamRequest => ({ method: 'GET', url, headers });
    switch (provider) {
        case 'rdap': {
            const q = operation === 'autnum' ? query.replace(/^AS/i, '') : query;
            return get(`/rdap/${operation}/${enc(q)}`);
        }
        case 'crtsh': {
            const q = operation === 'subdomains' ? `%.${query}` : query;
            return get(`/crtsh/?q=${enc(q)}&output=json&exclude=expired&deduplicate=Y`);
        }
        case 'certspotter':
            return get(
                `/certspotter/v1/issuances?domain=${enc(query)}&include_subdomains=true&expand=dns_names&expand=issuer`
            );
        case 'mnemonic':
            return get(`/mnemonic/pdns/v3/${enc(query)}?limit=1000`);
        case 'otx':
            return get(`/otx/api/v1/indicators/${otxSection(query)}/${enc(query)}/${operation}`);
        case 'circl':
            return get(`/circl/pdns/query/${enc(query)}`);
        case 'urlhaus':
            return {
                method: 'POST',
                url: '/urlhaus/v1/host/',
                headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({ host: query }).toString(),
            };
        case 'threatfox':
            return {
                method: 'POST',
                url: '/threatfox/api/v1/',
                headers: { ...headers, 'Content-Type': 'application/json' },
                body: JSON.stringify({ query: 'search_ioc', search_term: query }),
            };
        case 'internetdb':
            return get(`/internetdb/${enc(query)}`);
    }
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
