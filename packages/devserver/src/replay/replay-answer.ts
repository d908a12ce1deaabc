/**
 * How the replay server answers one authenticated request: the fixture lookup (`fixture-lookup.ts`), the empty
 * shapes, bulk endpoints composed from per-query files, the host-pair `direction` parameter, and the stateless
 * `actions/*` setters. No HTTP here; `replay-server.ts` adds credentials, faults, latency and statistics.
 */
import { endpointFor, MISSING_QUERY, type EndpointSpec } from './endpoints';
import { badRequest, methodNotAllowed, notFound, type JsonValue } from './error-bodies';
import { findFixture, type FixturePayload } from './fixture-lookup';

/** A parsed request, as the answer needs it. */
export interface ParsedRequest {
    readonly method: string;
    /** API path without `/v2/` (`dns/passive`). */
    readonly apiPath: string;
    /** Path as received, for 404 texts. */
    readonly uri: string;
    /** First value of each parameter. */
    readonly params: Readonly<Record<string, string>>;
    /** Every `query` value, from repeated parameters or a JSON body `{"query": [...]}` (bulk endpoints). */
    readonly queries: readonly string[];
    readonly username: string;
    /** Parsed JSON request body (setters, bulk GETs), if any. */
    readonly jsonBody: JsonValue | undefined;
}

/** What to send. `source` says where it came from (`file:<relative path>`, `empty`, `bulk`, `action`, `error`). */
export interface Answer {
    readonly status: number;
    readonly payload: FixturePayload;
    readonly delayMs: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly source: string;
}

const json = (status: number, value: JsonValue, source: string): Answer => ({
    status,
    payload: { kind: 'json', value },
    delayMs: 0,
    headers: {},
    source,
});

function isObject(v: JsonValue | undefined): v is { readonly [key: string]: JsonValue } {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const sameOrBelow = (host: JsonValue | undefined, query: string): boolean => {
    if (typeof host !== 'string') return false;
    const h = host.toLowerCase().replace(/\.$/, '');
    return h === query || h.endsWith(`.${query}`);
};

/**
 * `host-attributes/pairs` answers for one direction: `children` are the pairs whose parent is the query (or a
 * host below it), `parents` those whose child is. A file that names the query nowhere (a generic path file) is
 * served whole.
 */
export function filterPairsByDirection(value: JsonValue, query: string, direction: string | undefined): JsonValue {
    if (!isObject(value) || (direction !== 'children' && direction !== 'parents')) return value;
    const results = value['results'];
    if (!Array.isArray(results)) return value;
    const q = query.toLowerCase();
    const records = results as readonly JsonValue[];
    const mentions = records.some((r) => isObject(r) && (sameOrBelow(r['parent'], q) || sameOrBelow(r['child'], q)));
    if (!mentions) return value;
    const side = direction === 'children' ? 'parent' : 'child';
    const kept = records.filter((r) => isObject(r) && sameOrBelow(r[side], q));
    return { ...value, totalRecords: kept.length, results: kept };
}

async function single(
    dir: string,
    apiPath: string,
    query: string,
    request: ParsedRequest
): Promise<Answer | undefined> {
    const hit = await findFixture(dir, query, apiPath);
    if (hit === undefined) return undefined;
    let payload: FixturePayload = hit.payload;
    if (payload.kind === 'empty') {
        const empty = endpointFor(apiPath)?.empty({ ...request, query, queries: query === '' ? [] : [query] });
        payload = { kind: 'json', value: empty?.body ?? {} };
    }
    if (apiPath === 'host-attributes/pairs' && payload.kind === 'json') {
        payload = { kind: 'json', value: filterPairsByDirection(payload.value, query, request.params['direction']) };
    }
    return { status: hit.status, payload, delayMs: hit.delayMs, headers: hit.headers, source: `file:${hit.file}` };
}

/** The per-query item of a bulk answer, from the single endpoint's body. */
function bulkItem(bulkPath: string, body: JsonValue): JsonValue {
    if (bulkPath === 'enrichment/bulk/osint') {
        const results = isObject(body) && Array.isArray(body['results']) ? body['results'] : [];
        return { hasOsint: results.length > 0, results };
    }
    if (bulkPath === 'enrichment/bulk/malware') {
        return { results: isObject(body) && Array.isArray(body['results']) ? body['results'] : [] };
    }
    return body;
}

/** A bulk endpoint composed from the single endpoint's answers, one per query. */
async function bulk(dir: string, spec: EndpointSpec, request: ParsedRequest): Promise<Answer> {
    const singlePath = spec.bulkOf ?? '';
    const singleSpec = endpointFor(singlePath);
    const results: Record<string, JsonValue> = {};
    let delayMs = 0;
    for (const q of request.queries) {
        const answer = singleSpec ? await single(dir, singlePath, q, request) : undefined;
        if (answer && answer.status !== 200) return { ...answer, source: `bulk:${answer.source}` };
        if (answer?.payload.kind === 'raw') return { ...answer, source: `bulk:${answer.source}` };
        delayMs = Math.max(delayMs, answer?.delayMs ?? 0);
        const body = answer?.payload.kind === 'json' ? answer.payload.value : undefined;
        const fallback = singleSpec?.empty({ ...request, query: q, queries: [q] }).body ?? null;
        results[q] = bulkItem(request.apiPath, body ?? fallback);
    }
    const value: JsonValue =
        request.apiPath === 'enrichment/bulk' ? { results } : { success: true, results: results as JsonValue };
    return { ...json(200, value, 'bulk'), delayMs };
}

function classificationValue(v: JsonValue | undefined): JsonValue {
    return typeof v === 'string' ? v.toLowerCase().replace('-', '_') : null;
}

/** The stateless answer of an `actions/*` setter: the state the request asks for, as the API echoes it. */
function actionSetter(request: ParsedRequest): Answer {
    const b = isObject(request.jsonBody) ? request.jsonBody : {};
    const status = typeof b['status'] === 'boolean' ? b['status'] : null;
    const tags = Array.isArray(b['tags']) ? b['tags'] : [];
    switch (request.apiPath) {
        case 'actions/classification':
        case 'actions/bulk/classification':
            return json(200, { classification: classificationValue(b['classification']) }, 'action');
        case 'actions/tags':
            return json(200, { tags: request.method === 'DELETE' ? [] : tags }, 'action');
        case 'actions/ever-compromised':
            return json(200, { everCompromised: status }, 'action');
        case 'actions/dynamic-dns':
            return json(200, { dynamicDns: status }, 'action');
        case 'actions/sinkhole':
            return json(200, { sinkhole: status }, 'action');
        case 'actions/monitor':
            return json(200, { monitor: status }, 'action');
        default:
            return json(405, methodNotAllowed(request.method, request.uri), 'error');
    }
}

/**
 * Answers an authenticated request from the fixtures folder, or undefined when the upstream (if any) should be
 * asked instead of sending the empty shape.
 *
 * @param fixturesDir the replay folder
 * @param request the parsed request
 * @param hasUpstream when true, a miss returns undefined instead of the empty shape
 */
export async function answerRequest(
    fixturesDir: string,
    request: ParsedRequest,
    hasUpstream = false
): Promise<Answer | undefined> {
    const spec = endpointFor(request.apiPath);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        return spec ? actionSetter(request) : json(404, notFound(request.uri), 'error');
    }
    const query = request.queries[0] ?? '';
    if (spec?.bulkOf !== undefined && request.queries.length !== 1) {
        if (request.queries.length === 0) return json(MISSING_QUERY.status, MISSING_QUERY.body, 'error');
        const pathFile = await single(fixturesDir, request.apiPath, '', request);
        return pathFile ?? bulk(fixturesDir, spec, request);
    }
    if (spec?.requiresQuery === true && query === '') {
        return json(MISSING_QUERY.status, MISSING_QUERY.body, 'error');
    }
    const direction = request.params['direction'];
    if (request.apiPath === 'host-attributes/pairs' && direction !== undefined) {
        if (direction !== 'parents' && direction !== 'children') {
            return json(400, badRequest('direction must be one of: parents, children'), 'error');
        }
    }
    const hit = await single(fixturesDir, request.apiPath, query, request);
    if (hit) return hit;
    if (spec?.bulkOf !== undefined) return bulk(fixturesDir, spec, request);
    if (hasUpstream) return undefined;
    if (!spec) return json(404, notFound(request.uri), 'error');
    const empty = spec.empty({
        query,
        queries: request.queries,
        params: request.params,
        username: request.username,
        uri: request.uri,
    });
    return json(empty.status, empty.body, 'empty');
}
