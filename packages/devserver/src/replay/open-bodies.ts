/**
 * What the open providers answer when the replay folder has no file (their well-formed empty answers), when a
 * key is missing or wrong, when a request lacks its value or names no endpoint of theirs, and when they fail
 * (fault injection, envelopes with an error status and no body). Shapes follow each provider's public API
 * documentation; where a provider documents no body (key refusals, most error pages) the body here is composed
 * and marked so. These are the upstreams' own shapes, which the catalogue does not describe: a provider without
 * a case here gets plain JSON answers (its "no record" a 404, which the app reads as an empty answer).
 */
import { STATUS_CODES } from 'node:http';
import type { JsonValue } from './error-bodies';
import { contentTypeOf, type OpenProviderId } from './open-providers';

/** A complete answer of an open provider. */
export interface OpenReply {
    readonly status: number;
    readonly contentType: string;
    readonly body: string;
    /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
    readonly headers?: Readonly<Record<string, string>>;
}

/** What an empty answer may depend on. */
export interface OpenEmptyContext {
    /** The query value (domain, address, AS number), '' when the operation takes none. */
    readonly query: string;
    /** Request parameters (first value of each), plus `kind` where the path has one (OTX's section). */
    readonly params: Readonly<Record<string, string>>;
}

const json = (id: OpenProviderId, status: number, value: JsonValue): OpenReply => ({
    status,
    contentType: contentTypeOf(id),
    body: JSON.stringify(value),
});

const reason = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** The HTML page an nginx front sends for an error status (crt.sh, OTX and abuse.ch answer such pages on 5xx). */
export function gatewayHtml(status: number): string {
    const title = `${String(status)} ${reason(status)}`;
    return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const html = (status: number): OpenReply => ({ status, contentType: 'text/html', body: gatewayHtml(status) });

/** RFC 9083 error body (`errorCode` mirrors the HTTP status). */
export function rdapError(status: number, description: string): JsonValue {
    return { rdapConformance: ['rdap_level_0'], errorCode: status, title: reason(status), description: [description] };
}

/**
 * mnemonic's response envelope (`responseCode`, `limit`, `offset`, `count`, `messages`, `data`) with no data, for
 * an empty page or an error status.
 */
function mnemonicEnvelope(status: number, params: Readonly<Record<string, string>>, message?: string): JsonValue {
    const limit = Number.parseInt(params['limit'] ?? '', 10);
    const offset = Number.parseInt(params['offset'] ?? '', 10);
    return {
        responseCode: status,
        limit: Number.isNaN(limit) ? 25 : limit,
        offset: Number.isNaN(offset) ? 0 : offset,
        count: 0,
        metaData: {},
        messages:
            message === undefined
                ? []
                : [{ type: status >= 500 ? 'ERROR' : 'ACTION_ERROR', message, messageTemplate: message }],
        data: status === 200 ? [] : null,
        size: 0,
    };
}

/** OTX `general` for an indicator nothing is known about (every field OTX documents, every list empty). */
function otxGeneral(query: string, section: string): JsonValue {
    const type = section === 'IPv4' || section === 'IPv6' ? section : section === 'hostname' ? 'hostname' : 'domain';
    const related = { adversary: [], malware_families: [], industries: [] };
    return {
        indicator: query,
        type,
        type_title: type === 'domain' ? 'Domain' : type === 'hostname' ? 'Hostname' : type,
        sections: ['general', 'geo', 'reputation', 'url_list', 'passive_dns', 'malware', 'http_scans'],
        base_indicator: {},
        pulse_info: { count: 0, pulses: [], references: [], related: { alienvault: related, other: related } },
        false_positive: [],
        validation: [],
    };
}

/**
 * The provider's well-formed answer when no file exists: crt.sh and Cert Spotter `[]`, mnemonic an envelope
 * with `count: 0`, OTX `{"passive_dns": [], "count": 0}` or an empty `general`, CIRCL empty NDJSON, URLhaus
 * `no_results`, ThreatFox `no_result`, and the "not found" answers of RDAP (404, RFC 9083 body) and InternetDB
 * (404 `{"detail": "No information available"}`).
 *
 * @example emptyAnswer('crtsh', 'certificates', { query: 'evil.example', params: {} }) // { status: 200, body: '[]', ... }
 */
export function emptyAnswer(id: OpenProviderId, operation: string, ctx: OpenEmptyContext): OpenReply {
    switch (id) {
        case 'rdap':
            if (operation === 'help') {
                return json(id, 200, {
                    rdapConformance: ['rdap_level_0'],
                    notices: [{ title: 'Replay', description: ["The stand-in's RDAP replay."] }],
                });
            }
            return json(id, 404, rdapError(404, `The object ${ctx.query} was not found.`));
        case 'crtsh':
        case 'certspotter':
            return json(id, 200, []);
        case 'mnemonic':
            return json(id, 200, mnemonicEnvelope(200, ctx.params));
        case 'otx':
            return operation === 'passive_dns'
                ? json(id, 200, { passive_dns: [], count: 0 })
                : json(id, 200, otxGeneral(ctx.query, ctx.params['kind'] ?? 'domain'));
        case 'circl':
            return { status: 200, contentType: contentTypeOf(id), body: '' };
        case 'urlhaus':
            return json(id, 200, { query_status: 'no_results' });
        case 'threatfox':
            return json(id, 200, { query_status: 'no_result', data: 'No results found.' });
        case 'internetdb':
            return json(id, 404, { detail: 'No information available' });
        default:
            return json(id, 404, { detail: 'No record.' });
    }
}

/**
 * The provider's own answer for an error status (fault injection, an envelope with an error status and no body,
 * a request the provider refuses). `detail` replaces the default message where the body carries one.
 *
 * @example errorAnswer('crtsh', 502).body // nginx's "502 Bad Gateway" page
 * @example errorAnswer('mnemonic', 402).body // {"responseCode":402,...,"messages":[{"message":"Resource limit..."}]}
 */
export function errorAnswer(
    id: OpenProviderId,
    status: number,
    detail?: string,
    params: Readonly<Record<string, string>> = {}
): OpenReply {
    switch (id) {
        case 'rdap':
            return json(id, status, rdapError(status, detail ?? reason(status)));
        case 'certspotter': {
            const code = status === 429 ? 'rate_limited' : status === 401 ? 'invalid_api_key' : 'error';
            const message =
                detail ?? (status === 429 ? 'You have exceeded the rate limit. Please retry later.' : reason(status));
            return json(id, status, { code, message });
        }
        case 'mnemonic': {
            const message =
                detail ??
                (status === 402
                    ? 'Resource limit towards API exceeded. Request for an API key to get a larger quota.'
                    : reason(status));
            return json(id, status, mnemonicEnvelope(status, params, message));
        }
        case 'otx':
            if (status >= 500) return html(status);
            return json(id, status, { detail: detail ?? (status === 429 ? 'Request was throttled.' : reason(status)) });
        case 'urlhaus':
        case 'threatfox':
            if (status >= 500) return html(status);
            return json(id, status, { query_status: detail ?? reason(status).toLowerCase().replace(/\s+/g, '_') });
        case 'internetdb':
            if (status >= 500) return html(status);
            return json(id, status, { detail: detail ?? reason(status) });
        case 'circl':
            if (status >= 500) return html(status);
            return { status, contentType: 'text/plain', body: `${String(status)} ${detail ?? reason(status)}\n` };
        case 'crtsh':
            return html(status);
        default:
            return json(id, status, { detail: detail ?? reason(status) });
    }
}

/**
 * The provider's answer to a missing or wrong key (composed: the providers document the statuses, not the bodies).
 * OTX 403 `{"detail": ...}`, abuse.ch 401 `{"query_status": "unknown_auth_key"}`, CIRCL 401 with a basic-auth
 * challenge, Cert Spotter 401 `{"code": "invalid_api_key", ...}`, mnemonic 401 in its envelope.
 */
export function keyRefused(id: OpenProviderId, missing: boolean): OpenReply {
    switch (id) {
        case 'otx':
            return json(id, 403, { detail: missing ? 'Authentication required' : 'Invalid API key' });
        case 'urlhaus':
        case 'threatfox':
            return json(id, 401, { query_status: 'unknown_auth_key' });
        case 'circl':
            return {
                ...errorAnswer(id, 401, 'Unauthorized'),
                headers: { 'WWW-Authenticate': 'Basic realm="pdns"' },
            };
        case 'certspotter':
            return errorAnswer(id, 401, 'The API key you provided is not valid.');
        case 'mnemonic':
            return errorAnswer(id, 401, 'Invalid API key');
        default:
            return errorAnswer(id, 401);
    }
}

/**
 * The provider's answer to a request without its value (an empty `domain`, `host`, `search_term` or `q`): Cert
 * Spotter and crt.sh 400, URLhaus and ThreatFox a 200 with their `query_status`.
 *
 * @example missingValue('urlhaus') // { status: 200, body: '{"query_status":"invalid_host"}', ... }
 */
export function missingValue(id: OpenProviderId): OpenReply {
    switch (id) {
        case 'certspotter':
            return errorAnswer(id, 400, 'The domain parameter is required.');
        case 'urlhaus':
            return errorAnswer(id, 200, 'invalid_host');
        case 'threatfox':
            return errorAnswer(id, 200, 'illegal_search_term');
        default:
            return errorAnswer(id, 400);
    }
}

/**
 * The provider's answer to a path that is none of its endpoints: RDAP 400 with an RFC 9083 body, abuse.ch
 * `unknown_endpoint`, the others 404.
 *
 * @example unknownPath('rdap', ['whatever', 'evil.example']).status // 400
 */
export function unknownPath(id: OpenProviderId, segments: readonly string[]): OpenReply {
    switch (id) {
        case 'rdap':
            return json(
                id,
                400,
                rdapError(
                    400,
                    `The replay answers RDAP lookups (domain, ip, autnum, entity, nameserver), not /${segments.join('/')}.`
                )
            );
        case 'urlhaus':
        case 'threatfox':
            return errorAnswer(id, 404, 'unknown_endpoint');
        case 'internetdb':
            return errorAnswer(id, 404, 'Not Found');
        case 'crtsh':
        case 'circl':
            return errorAnswer(id, 404);
        default:
            return errorAnswer(id, 404, 'Not found.');
    }
}

/**
 * The provider's answer to a body naming a function it does not have (ThreatFox: another `query`).
 *
 * @example unknownFunction('threatfox').body // '{"query_status":"unknown_query"}'
 */
export function unknownFunction(id: OpenProviderId): OpenReply {
    return id === 'threatfox' ? errorAnswer(id, 200, 'unknown_query') : errorAnswer(id, 400);
}
