/**
 * Which replay file an open provider's request asks for: the upstream requests the handler makes (bin/passivetotal_app/open_providers.py),
 * under the path prefix `/<id>/`, turned into an operation and a query value, so the answer is
 * `DIR/<id>/<query>/<operation>.json`, then `DIR/<id>/<operation>.json`, then the empty answer.
 *
 * | request | operation | query |
 * |---|---|---|
 * | `GET /rdap/bootstrap/<dns,ipv4,ipv6,asn>.json` | (bootstrap file) | |
 * | `GET /rdap/[<prefix>/]<domain,ip,autnum,entity,nameserver>/<q>` | `[<prefix>/]<kind>` (`domain`, `registrar/domain`) | `<q>` |
 * | `GET /crtsh/?q=<name>&output=json` | `certificates` | `<name>` |
 * | `GET /crtsh/?q=%.<name>&output=json` | `subdomains` | `<name>` |
 * | `GET /certspotter/v1/issuances?domain=<d>` | `issuances` | `<d>` |
 * | `GET /mnemonic/pdns/v3/<q>` | `resolutions` | `<q>` |
 * | `GET /otx/api/v1/indicators/<section>/<q>/<passive_dns,general>` | `passive_dns`, `general` | `<q>` |
 * | `GET /circl/pdns/query/<q>` | `resolutions` (`.ndjson`) | `<q>` |
 * | `POST /urlhaus/v1/host/` form `host=<q>` | `host` | `<q>` |
 * | `POST /threatfox/api/v1/` `{"query":"search_ioc","search_term":<q>}` | `search` | `<q>` |
 * | `GET /internetdb/<ip>` | `host` | `<ip>` |
 */
import { errorAnswer, rdapError, type OpenReply } from './open-bodies';
import { contentTypeOf, type OpenProviderId } from './open-providers';
import { isBootstrapKind, type BootstrapKind } from './rdap-bootstrap';
import { isSafeApiPath } from './fixture-lookup';

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
          /** Request parameters (first value of each) and body fields, plus `section` for OTX. */
          readonly params: Readonly<Record<string, string>>;
      }
    | { readonly kind: 'bootstrap'; readonly bootstrap: BootstrapKind }
    | { readonly kind: 'reply'; readonly reply: OpenReply };

const RDAP_KINDS = new Set(['domain', 'ip', 'autnum', 'entity', 'nameserver']);
const OTX_SECTIONS = new Set(['IPv4', 'IPv6', 'domain', 'hostname']);
const OTX_OPERATIONS = new Set(['general', 'passive_dns']);

function firstValues(search: URLSearchParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of search) if (!(k in out)) out[k] = v;
    return out;
}

/**
 * The fields of a POST body (URLhaus: a form; ThreatFox: a JSON object's string and number members), for the
 * lookup and the request statistics. Anything unreadable gives no fields.
 *
 * @example bodyFields('threatfox', '{"query":"search_ioc","search_term":"203.0.113.77"}')
 * // { query: 'search_ioc', search_term: '203.0.113.77' }
 */
export function bodyFields(provider: OpenProviderId, body: string | undefined): Record<string, string> {
    if (body === undefined || body.trim() === '') return {};
    if (provider === 'urlhaus') return firstValues(new URLSearchParams(body));
    if (provider !== 'threatfox') return {};
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
const same = (segments: readonly string[], expected: readonly string[]): boolean =>
    segments.length === expected.length && segments.every((s, i) => s === expected[i]);

function rdapTarget(segments: readonly string[], params: Record<string, string>): OpenTarget {
    const [first, second] = segments;
    if (first === 'bootstrap' && segments.length === 2 && second !== undefined) {
        const kind = second.replace(/\.json$/, '');
        return second.endsWith('.json') && isBootstrapKind(kind)
            ? { kind: 'bootstrap', bootstrap: kind }
            : reply(errorAnswer('rdap', 404, `No bootstrap file ${second}.`));
    }
    if (same(segments, ['help'])) return { kind: 'lookup', operation: 'help', query: '', params };
    const n = segments.length;
    // `ip/<address>/<prefix length>` is one query value.
    const withLength = n >= 3 && segments[n - 3] === 'ip' && /^\d{1,3}$/.test(segments[n - 1] ?? '');
    const kindAt = withLength ? n - 3 : n - 2;
    const kind = segments[kindAt];
    const query = segments.slice(kindAt + 1).join('/');
    if (kindAt < 0 || kind === undefined || !RDAP_KINDS.has(kind) || query === '') {
        return rdapBad(
            `The replay answers RDAP lookups (domain, ip, autnum, entity, nameserver), not /${segments.join('/')}.`
        );
    }
    const operation = segments.slice(0, kindAt + 1).join('/');
    if (!isSafeApiPath(operation)) return rdapBad('Unsupported path.');
    if (kind === 'autnum' && !/^\d+$/.test(query)) return rdapBad(`${query} is not an AS number.`);
    return { kind: 'lookup', operation, query, params };
}

function crtshTarget(segments: readonly string[], params: Record<string, string>): OpenTarget {
    if (segments.length > 1 || (segments.length === 1 && segments[0] !== 'json')) {
        return reply(errorAnswer('crtsh', 404));
    }
    const q = (params['q'] ?? '').trim();
    if (q === '') return reply(errorAnswer('crtsh', 400));
    if (segments.length === 0 && params['output'] !== 'json') return reply(errorAnswer('crtsh', 400));
    if (q.startsWith('%.')) return { kind: 'lookup', operation: 'subdomains', query: q.slice(2), params };
    // crt.sh refuses any other use of '%' ("Unsupported use of '%'").
    if (q.includes('%')) return reply(errorAnswer('crtsh', 400));
    return { kind: 'lookup', operation: 'certificates', query: q, params };
}

function methodRefused(provider: OpenProviderId, method: string): OpenReply {
    if (provider === 'urlhaus' || provider === 'threatfox') return errorAnswer(provider, 405, 'http_post_expected');
    return errorAnswer(provider, 405, `Method ${method} not allowed.`);
}

/**
 * The target of an open provider's request.
 *
 * @example openTarget({ method: 'GET', provider: 'crtsh', segments: [], search: new URLSearchParams('q=%25.evil.example&output=json'), body: undefined })
 * // { kind: 'lookup', operation: 'subdomains', query: 'evil.example', params: {...} }
 */
export function openTarget(request: OpenRequest): OpenTarget {
    const { provider, segments } = request;
    const post = provider === 'urlhaus' || provider === 'threatfox';
    const methodOk = post ? request.method === 'POST' : request.method === 'GET' || request.method === 'HEAD';
    if (!methodOk) return reply(methodRefused(provider, request.method));
    const params = { ...firstValues(request.search), ...bodyFields(provider, request.body) };
    const [a, b, c, d, e, f] = segments;
    switch (provider) {
        case 'rdap':
            return rdapTarget(segments, params);
        case 'crtsh':
            return crtshTarget(segments, params);
        case 'certspotter': {
            if (!same(segments, ['v1', 'issuances'])) return reply(errorAnswer(provider, 404, 'Not found.'));
            const domain = params['domain'] ?? '';
            if (domain === '') return reply(errorAnswer(provider, 400, 'The domain parameter is required.'));
            return { kind: 'lookup', operation: 'issuances', query: domain, params };
        }
        case 'mnemonic':
            if (segments.length !== 3 || a !== 'pdns' || b !== 'v3' || c === undefined) {
                return reply(errorAnswer(provider, 404, 'Not found.', params));
            }
            return { kind: 'lookup', operation: 'resolutions', query: c, params };
        case 'otx':
            if (
                segments.length !== 6 ||
                a !== 'api' ||
                b !== 'v1' ||
                c !== 'indicators' ||
                d === undefined ||
                !OTX_SECTIONS.has(d) ||
                e === undefined ||
                f === undefined ||
                !OTX_OPERATIONS.has(f)
            ) {
                return reply(errorAnswer(provider, 404, 'Not found.'));
            }
            return { kind: 'lookup', operation: f, query: e, params: { ...params, section: d } };
        case 'circl':
            if (segments.length !== 3 || a !== 'pdns' || b !== 'query' || c === undefined) {
                return reply(errorAnswer(provider, 404));
            }
            return { kind: 'lookup', operation: 'resolutions', query: c, params };
        case 'urlhaus': {
            if (!same(segments, ['v1', 'host'])) return reply(errorAnswer(provider, 404, 'unknown_endpoint'));
            const host = (params['host'] ?? '').trim();
            if (host === '') return reply(errorAnswer(provider, 200, 'invalid_host'));
            return { kind: 'lookup', operation: 'host', query: host, params };
        }
        case 'threatfox': {
            if (!same(segments, ['api', 'v1'])) return reply(errorAnswer(provider, 404, 'unknown_endpoint'));
            if (params['query'] !== 'search_ioc') return reply(errorAnswer(provider, 200, 'unknown_query'));
            const term = (params['search_term'] ?? '').trim();
            if (term === '') return reply(errorAnswer(provider, 200, 'illegal_search_term'));
            return { kind: 'lookup', operation: 'search', query: term, params };
        }
        case 'internetdb':
            if (segments.length !== 1 || a === undefined) return reply(errorAnswer(provider, 404, 'Not Found'));
            return { kind: 'lookup', operation: 'host', query: a, params };
    }
}
