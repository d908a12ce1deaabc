import type { PersistentReply } from './handler';
import type { CustomRestJson, CustomRestReply } from './splunkd';

function isJson(value: unknown): value is CustomRestJson {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
    if (Array.isArray(value)) return value.every(isJson);
    if (typeof value === 'object') return Object.values(value).every(isJson);
    return false;
}

/**
 * Hands a persistent handler's reply (what the Python driver returned) to splunkd's reply mapping. A payload that
 * is not JSON data cannot come out of the driver's JSON; it is reported as the handler error it would be.
 */
export function toCustomRestReply(reply: PersistentReply): CustomRestReply {
    const { status, headers, payload, payload_base64: payloadBase64 } = reply;
    if (payload !== undefined && !isJson(payload)) {
        return {
            status: 500,
            payload: {
                messages: [{ type: 'ERROR', text: 'The REST handler replied with a payload that is not JSON.' }],
            },
        };
    }
    return {
        ...(status === undefined ? {} : { status }),
        ...(headers === undefined ? {} : { headers }),
        ...(payload === undefined ? {} : { payload }),
        ...(payloadBase64 === undefined ? {} : { payload_base64: payloadBase64 }),
    };
}
