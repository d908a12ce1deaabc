/**
 * The error bodies the real PassiveTotal v2 API answered with (`{"message": ...}` and the like), so the replay
 * server, its fault injection and the error fixtures all send the same shapes.
 */

/** A parsed JSON value, as the replay server sends it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** 401: wrong or missing credentials (body observed in a live-API client test). */
export const INVALID_CREDENTIALS: JsonValue = { message: 'invalid credentials' };

/** 402: the key lacks the licence or permission for the dataset (not the same as running out of quota). */
export const NOT_LICENSED: JsonValue = {
    message: 'Your account does not have access to this dataset. Contact your account manager to upgrade.',
};

/** 403: the 2016-era daily query limit, in the legacy `{"error": {...}}` envelope. */
export const LEGACY_QUOTA_EXCEEDED: JsonValue = {
    error: {
        http_code: 403,
        message: 'Quota exceeded',
        developer_message: 'You have exceeded your daily search quota.',
    },
};

/** 429: quota exhausted (later years; clients match the `quota_exceeded` prefix). */
export const QUOTA_EXCEEDED: JsonValue = { message: 'quota_exceeded: quota exceeded for operation search_api' };

/** 500: an upstream server error. */
export const SERVER_ERROR: JsonValue = { message: 'An internal server error occurred. Please try again later.' };

/** 400: a required parameter is missing. */
export function badRequest(reason: string): JsonValue {
    return { message: reason };
}

/** 404: unknown URL, worded like the API's own 404 answers ("You have requested this URI [...]"). */
export function notFound(uri: string, what = 'no record found'): JsonValue {
    return { message: `${what}. You have requested this URI [${uri}] but did you mean /v2/dns/passive ?` };
}

/** 405: a method the endpoint does not take. */
export function methodNotAllowed(method: string, uri: string): JsonValue {
    return { message: `The method ${method} is not allowed for the requested URL [${uri}].` };
}

/**
 * The body the real API sent with a status, for fault injection without an explicit body.
 *
 * @example defaultErrorBody(429, '/v2/dns/passive') // { message: 'quota_exceeded: quota exceeded for operation search_api' }
 */
export function defaultErrorBody(status: number, uri: string): JsonValue {
    switch (status) {
        case 400:
            return badRequest('query is required');
        case 401:
            return INVALID_CREDENTIALS;
        case 402:
            return NOT_LICENSED;
        case 403:
            return LEGACY_QUOTA_EXCEEDED;
        case 404:
            return notFound(uri);
        case 429:
            return QUOTA_EXCEEDED;
        default:
            return status >= 500 ? SERVER_ERROR : { message: `HTTP ${status}` };
    }
}
