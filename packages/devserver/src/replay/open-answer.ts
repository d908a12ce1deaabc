/**
 * How the replay server answers an open provider's request (README, "Open intelligence providers"), without HTTP: the key
 * check, then `DIR/<id>/<query>/<operation>.json` (`.ndjson` for CIRCL), then `DIR/<id>/<operation>.json`, then
 * the provider's well-formed empty answer; the RDAP bootstrap from `DIR/rdap/bootstrap/<kind>.json` or built in.
 * Files may be `$replay` envelopes as for PassiveTotal; the text `$REPLAY_ORIGIN` in a served file becomes the
 * replay's origin. `replay-server.ts` adds faults, latency and statistics.
 */
import { providerKeyProblem } from './credentials';
import type { JsonValue } from './error-bodies';
import { interpretFixture, queryFolders, readFirstFile, type FixtureAnswer } from './fixture-lookup';
import { emptyAnswer, errorAnswer, keyRefused, type OpenReply } from './open-bodies';
import { contentTypeOf, fixtureExtensionOf, KEY_POLICIES, type OpenProviderId } from './open-providers';
import { openTarget, type OpenRequest } from './open-requests';
import { builtInBootstrap } from './rdap-bootstrap';

/** The placeholder replaced by the replay's origin (`http://127.0.0.1:PORT`) in every served file. */
export const REPLAY_ORIGIN_PLACEHOLDER = '$REPLAY_ORIGIN';

/** An open provider's request with what the key check needs. */
export interface OpenProviderRequest extends OpenRequest {
    /** Request headers, lower-case names. */
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly authorization: string | undefined;
}

/** What to send. `source`: `file:<relative path>`, `empty`, `builtin`, `credentials` or `error`. */
export interface OpenAnswer {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    /** Extra delay an envelope asks for. */
    readonly delayMs: number;
    readonly source: string;
}

const fromReply = (r: OpenReply, source: string): OpenAnswer => ({
    status: r.status,
    headers: { 'Content-Type': r.contentType, ...r.headers },
    body: r.body,
    delayMs: 0,
    source,
});

/** Replaces every `$REPLAY_ORIGIN` in a served text. */
export function withOrigin(text: string, origin: string): string {
    return text.split(REPLAY_ORIGIN_PLACEHOLDER).join(origin);
}

/** The candidate files of a lookup, relative to the replay folder, in order. */
export function openCandidateFiles(provider: OpenProviderId, operation: string, query: string): string[] {
    const file = `${operation}.${fixtureExtensionOf(provider)}`;
    return [...queryFolders(query).map((q) => `${provider}/${q}/${file}`), `${provider}/${file}`];
}

/** A CIRCL file is NDJSON text unless the whole file is a `$replay` envelope. */
function interpretNdjson(file: string, text: string): FixtureAnswer {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && '$replay' in parsed) {
        return interpretFixture(file, text);
    }
    return { file, status: 200, delayMs: 0, headers: {}, payload: { kind: 'raw', text } };
}

function isObject(v: JsonValue): v is { readonly [key: string]: JsonValue } {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function intParam(value: string | undefined, fallback: number): number {
    const n = Number.parseInt(value ?? '', 10);
    return Number.isNaN(n) || n < 0 ? fallback : n;
}

/**
 * Paging as the real services do it, applied to a file's full answer: Cert Spotter's `after` cursor (the
 * issuances after the one with that id) and mnemonic's `offset`/`limit` (`limit=0`: all; `count` stays the total).
 */
function paged(provider: OpenProviderId, value: JsonValue, params: Readonly<Record<string, string>>): JsonValue {
    if (provider === 'certspotter' && Array.isArray(value) && params['after'] !== undefined) {
        const items = value as readonly JsonValue[];
        const at = items.findIndex((i) => isObject(i) && i['id'] === params['after']);
        return at < 0 ? [] : items.slice(at + 1);
    }
    if (provider === 'mnemonic' && isObject(value) && Array.isArray(value['data'])) {
        const data = value['data'] as readonly JsonValue[];
        const offset = intParam(params['offset'], 0);
        const limit = intParam(params['limit'], 25);
        const page = data.slice(offset, limit === 0 ? undefined : offset + limit);
        return { ...value, offset, limit, size: page.length, data: page };
    }
    return value;
}

/**
 * Answers an open provider's request from the replay folder.
 *
 * @param fixturesDir the replay folder (the same as PassiveTotal's; providers live in `DIR/<id>/`)
 * @param request the request
 * @param origin the replay's origin, for `$REPLAY_ORIGIN` and the built-in RDAP bootstrap
 * @example await answerOpenRequest('demo/pt-fixtures', { method: 'GET', provider: 'internetdb', segments: ['203.0.113.77'], ... }, 'http://127.0.0.1:4100')
 * // { status: 200, body: '{"ip":"203.0.113.77",...}', source: 'file:internetdb/203.0.113.77/host.json', ... }
 */
export async function answerOpenRequest(
    fixturesDir: string,
    request: OpenProviderRequest,
    origin: string
): Promise<OpenAnswer> {
    const { provider } = request;
    const policy = KEY_POLICIES[provider];
    const problem = policy && providerKeyProblem(policy, request.headers, request.authorization);
    if (problem !== undefined) return fromReply(keyRefused(provider, problem === 'missing'), 'credentials');

    const target = openTarget(request);
    if (target.kind === 'reply') return fromReply(target.reply, 'error');

    if (target.kind === 'bootstrap') {
        const found = await readFirstFile(fixturesDir, [`rdap/bootstrap/${target.bootstrap}.json`]);
        if (!found) {
            return fromReply(
                {
                    status: 200,
                    contentType: 'application/json',
                    body: JSON.stringify(builtInBootstrap(target.bootstrap, origin)),
                },
                'builtin'
            );
        }
        const hit = interpretFixture(found.file, found.text);
        return finish(provider, hit, 'application/json', '', {}, origin);
    }

    const { operation, query, params } = target;
    const found = await readFirstFile(fixturesDir, openCandidateFiles(provider, operation, query));
    if (!found) return fromReply(emptyAnswer(provider, operation, { query, params }), 'empty');
    const hit =
        fixtureExtensionOf(provider) === 'ndjson'
            ? interpretNdjson(found.file, found.text)
            : interpretFixture(found.file, found.text);
    return finish(provider, hit, contentTypeOf(provider), operation, { query, params }, origin);
}

function finish(
    provider: OpenProviderId,
    hit: FixtureAnswer,
    contentType: string,
    operation: string,
    ctx: { query?: string; params?: Readonly<Record<string, string>> },
    origin: string
): OpenAnswer {
    const params = ctx.params ?? {};
    let body: string;
    let type = contentType;
    switch (hit.payload.kind) {
        case 'raw':
            body = hit.payload.text;
            break;
        case 'json':
            body = JSON.stringify(hit.status === 200 ? paged(provider, hit.payload.value, params) : hit.payload.value);
            break;
        case 'empty': {
            // An envelope without a body: the provider's error answer for an error status, else its empty answer.
            const r =
                hit.status >= 400
                    ? errorAnswer(provider, hit.status, undefined, params)
                    : emptyAnswer(provider, operation, { query: ctx.query ?? '', params });
            body = r.body;
            type = r.contentType;
            break;
        }
    }
    return {
        status: hit.status,
        headers: { 'Content-Type': type, ...hit.headers },
        body: withOrigin(body, origin),
        delayMs: hit.delayMs,
        source: `file:${hit.file}`,
    };
}
