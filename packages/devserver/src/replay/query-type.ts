/**
 * What kind of value a PassiveTotal `query` parameter holds, as the API reports it in `queryType`.
 */
import { isIP } from 'node:net';

/** `queryType` values of PassiveTotal answers (`ip` and `domain` observed; `email` for WHOIS-style pivots). */
export type QueryType = 'ip' | 'domain' | 'email';

/**
 * The `queryType` PassiveTotal would echo for a query value.
 *
 * @example queryTypeOf('203.0.113.77') // 'ip'
 * @example queryTypeOf('2001:db8::1') // 'ip'
 * @example queryTypeOf('*.evil.example') // 'domain'
 * @example queryTypeOf('someone@evil.example') // 'email'
 */
export function queryTypeOf(query: string): QueryType {
    if (isIP(query) !== 0) return 'ip';
    return query.includes('@') ? 'email' : 'domain';
}

/**
 * The host name below a wildcard query (`*.evil.example` and `.evil.example` → `evil.example`).
 *
 * @example stripWildcard('*.evil.example') // 'evil.example'
 * @example stripWildcard('evil.example') // 'evil.example'
 */
export function stripWildcard(query: string): string {
    return query.replace(/^\*?\./, '');
}
