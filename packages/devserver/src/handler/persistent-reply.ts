import { PersistentHandlerError } from './persistent-handler-error';

/** A reply status: a code, or `[code, reason]`. */
export type PersistentReplyStatus = number | [number, string];

/** Reply headers: a list of `[name, value]` pairs, or a dict whose values may repeat as a list. */
export type PersistentReplyHeaders = [string, string][] | Record<string, string | string[]>;

/**
 * The reply of a persistent REST handler (the dict its `handle()` returns: `payload`, `status`, `headers`),
 * structurally compatible with the splunkd stand-in's `CustomRestReply`. A dict or list `payload` is sent as JSON,
 * a string as is, `null` means 204; `status` defaults to 200.
 */
export interface PersistentReply {
    status?: PersistentReplyStatus;
    headers?: PersistentReplyHeaders;
    cookies?: unknown;
    /** Offered as a download under this name. */
    filename?: string;
    log?: boolean;
    payload?: unknown;
    payload_base64?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStatus(value: unknown): value is PersistentReplyStatus {
    const isCode = (code: unknown) => typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 999;
    if (Array.isArray(value)) return value.length === 2 && isCode(value[0]) && typeof value[1] === 'string';
    return isCode(value);
}

function isHeaders(value: unknown): value is PersistentReplyHeaders {
    if (Array.isArray(value)) {
        return value.every(
            (pair) =>
                Array.isArray(pair) && pair.length === 2 && pair.every((part: unknown) => typeof part === 'string')
        );
    }
    return (
        isRecord(value) &&
        Object.values(value).every(
            (v) => typeof v === 'string' || (Array.isArray(v) && v.every((item) => typeof item === 'string'))
        )
    );
}

function badField(field: string, value: unknown): PersistentHandlerError {
    return new PersistentHandlerError(
        'bad-reply',
        `The handler's reply has an invalid "${field}": ${JSON.stringify(value)}`
    );
}

/** Checks the typed fields of a decoded reply dict; throws a `bad-reply` error naming the first bad field. */
export function toPersistentReply(reply: Record<string, unknown>): PersistentReply {
    const { status, headers, filename, log, payload_base64: base64 } = reply;
    if (status !== undefined && !isStatus(status)) throw badField('status', status);
    if (headers !== undefined && !isHeaders(headers)) throw badField('headers', headers);
    if (filename !== undefined && typeof filename !== 'string') throw badField('filename', filename);
    if (log !== undefined && typeof log !== 'boolean') throw badField('log', log);
    if (base64 !== undefined && typeof base64 !== 'string') throw badField('payload_base64', base64);
    return reply;
}

/**
 * Reads the driver's answer to a BLOCK: the handler's return value as splunkd receives it.
 * - a JSON object (a returned dict, or a str holding a JSON object) is the reply dict;
 * - any other non-empty text (a plain str, or JSON that is not an object) becomes `{ payload: text }`;
 * - the empty string (the handler returned `None`) becomes `{ payload: null }`, i.e. 204.
 *
 * How splunkd treats a non-dict answer is not documented; this is the stand-in's best reading.
 * @example readHandlerReply(Buffer.from('{"status":201,"payload":{"ok":true}}')) // { status: 201, payload: { ok: true } }
 */
export function readHandlerReply(data: Buffer): PersistentReply {
    const text = data.toString('utf8');
    if (text === '') return { payload: null };
    let decoded: unknown;
    try {
        decoded = JSON.parse(text);
    } catch {
        return { payload: text };
    }
    return isRecord(decoded) ? toPersistentReply(decoded) : { payload: text };
}

/**
 * The splunkd-style 500 reply for a failed request, for callers that answer HTTP clients:
 * `{ status: 500, payload: { messages: [{ type: 'ERROR', text }] } }`.
 */
export function persistentHandlerErrorReply(error: PersistentHandlerError): PersistentReply {
    return { status: 500, payload: { messages: [{ type: 'ERROR', text: error.message }] } };
}
