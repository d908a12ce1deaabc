/**
 * splunkd's error envelope: every failure is `{"messages":[{"type":"ERROR","text":…}]}` with the
 * real HTTP status, and never a stack trace.
 */

/** The `type` of a splunkd message. */
export type SplunkdMessageType = 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'DEBUG';

/** One entry of splunkd's `messages` array. */
export interface SplunkdMessage {
    readonly type: SplunkdMessageType;
    readonly text: string;
}

/** splunkd's message envelope. */
export interface SplunkdMessagesBody {
    readonly messages: SplunkdMessage[];
}

/** A failure that becomes a splunkd error response: `status` plus one message. */
export class SplunkdError extends Error {
    /** HTTP status of the response. */
    readonly status: number;
    /** The message's `type` (`ERROR` unless said otherwise). */
    readonly messageType: SplunkdMessageType;
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers: Readonly<Record<string, string>>;

    /**
     * @param status HTTP status, e.g. 404
     * @param text the message text, in splunkd's wording
     * @param messageType the message type, `ERROR` by default
     * @param headers extra response headers
     */
    constructor(
        status: number,
        text: string,
        messageType: SplunkdMessageType = 'ERROR',
        headers: Readonly<Record<string, string>> = {}
    ) {
        super(text);
        this.name = 'SplunkdError';
        this.status = status;
        this.messageType = messageType;
        this.headers = headers;
    }
}

/** `{"messages":[{type, text}]}`. */
export function messagesBody(type: SplunkdMessageType, text: string): SplunkdMessagesBody {
    return { messages: [{ type, text }] };
}

/** The 404 splunkd answers for a path no endpoint serves. */
export function notFound(text = 'Not Found'): SplunkdError {
    return new SplunkdError(404, text);
}

/** The 400 of a missing required argument, in splunkd's wording. */
export function missingArgument(name: string): SplunkdError {
    return new SplunkdError(400, `Missing argument: ${name}`);
}

/** The 404 of an entity that does not exist (`Could not find object id=…`). */
export function objectNotFound(id: string): SplunkdError {
    return new SplunkdError(404, `Could not find object id=${id}`);
}

/** The 409 of a create whose name is taken. */
export function alreadyExists(name: string): SplunkdError {
    return new SplunkdError(409, `An object with name=${name} already exists`);
}

/** Escapes text for an XML body. */
export function xmlEscape(text: string): string {
    return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The XML form of a message envelope (`output_mode` other than json). */
export function messagesXml(body: SplunkdMessagesBody): string {
    const items = body.messages.map((m) => `    <msg type="${m.type}">${xmlEscape(m.text)}</msg>\n`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <messages>\n${items}  </messages>\n</response>\n`;
}
