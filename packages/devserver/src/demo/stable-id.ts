/**
 * Identifiers derived from what they identify (a transaction, a packet, a rule), so the log builders need no random
 * draws for them and the same event always carries the same id.
 */
import { createHash } from 'node:crypto';

/**
 * `length` lower-case hex digits derived from a text: the same text gives the same digits.
 *
 * @example stableHex('rule allow-proxy-egress', 8) // 8 hex digits, the same on every run
 */
export function stableHex(text: string, length: number): string {
    let out = '';
    for (let i = 0; out.length < length; i++) out += createHash('sha1').update(`${i}\u0000${text}`).digest('hex');
    return out.slice(0, length);
}

/**
 * A UUID-shaped id derived from a text.
 *
 * @example stableUuid('layer Network') // 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'
 */
export function stableUuid(text: string): string {
    const h = stableHex(text, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
