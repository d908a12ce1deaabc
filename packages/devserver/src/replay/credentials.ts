/**
 * The replay server's credential rule: HTTP basic auth, any username, and the API key `demo` or a key beginning
 * with `demo-`; anything else gets the real API's 401 answer. The key is only compared, never logged or echoed.
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

/** The key rule of an open provider (see `open-providers.ts`). */
export interface ProviderKeyRule {
    readonly scheme: 'header' | 'bearer' | 'basic';
    /** Lower-case header name, for `header` keys. */
    readonly header?: string;
    readonly required: boolean;
}

/**
 * What is wrong with the key an open provider's request carries: `missing` (a required key was not sent),
 * `invalid` (a key was sent and is not `demo` or `demo-*`), or undefined when the request may go on. Optional
 * keys are only checked when sent, as the real services do.
 *
 * @example providerKeyProblem({ scheme: 'header', header: 'auth-key', required: true }, { 'auth-key': 'demo' }, undefined) // undefined
 * @example providerKeyProblem({ scheme: 'bearer', required: false }, {}, 'Bearer wrong') // 'invalid'
 */
export function providerKeyProblem(
    rule: ProviderKeyRule,
    headers: Readonly<Record<string, string | undefined>>,
    authorization: string | undefined
): 'missing' | 'invalid' | undefined {
    let key: string | undefined;
    let sent: boolean;
    switch (rule.scheme) {
        case 'header':
            key = headers[rule.header ?? ''];
            sent = key !== undefined;
            break;
        case 'bearer': {
            sent = authorization !== undefined && authorization !== '';
            key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
            break;
        }
        case 'basic':
            sent = authorization !== undefined && authorization !== '';
            key = parseBasicAuth(authorization)?.apiKey;
            break;
    }
    if (!sent) return rule.required ? 'missing' : undefined;
    return key !== undefined && isDemoKey(key) ? undefined : 'invalid';
}
