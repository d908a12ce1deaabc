/**
 * The replay server's credential rule (CONTRACTS §5): HTTP basic auth, any username, and the API key `demo` or a
 * key beginning with `demo-`. The key is only compared, never logged or echoed.
 */

/** The parts of a basic `Authorization` header. */
export interface BasicCredentials {
    readonly username: string;
    /** The API key (the basic-auth password). */
    readonly apiKey: string;
}

/**
 * Reads an `Authorization: Basic base64(user:key)` header; undefined when absent or not basic auth.
 *
 * @example parseBasicAuth('Basic ' + Buffer.from('analyst@example.com:demo').toString('base64'))
 * // { username: 'analyst@example.com', apiKey: 'demo' }
 */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!m?.[1]) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { username: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}

/**
 * Is this API key accepted by the replay server?
 *
 * @example isDemoKey('demo') // true
 * @example isDemoKey('demo-alice') // true
 * @example isDemoKey('0123abcd') // false
 */
export function isDemoKey(apiKey: string): boolean {
    return apiKey === 'demo' || apiKey.startsWith('demo-');
}
