/**
 * Checks that text names only reserved things: host names under the reserved TLDs (`.example`, `.test`,
 * `.invalid`, `.localhost`, RFC 2606/6761) and private or documentation addresses (RFC 1918, 5737, 3849).
 * Used by the demo's tests on every fixture and event, so no real-world domain or address slips in.
 */
import { isIP, isIPv4 } from 'node:net';

const RESERVED_TLD = /\.(?:example|test|invalid|localhost)\.?$/i;
/** Last labels of file names and API words, which look like host names but are not. */
const NOT_A_TLD =
    /\.(?:js|css|png|svg|ico|html?|aspx|owa|php|json|log|md|cab|psf|vdb|cvd|tgz|svc|connect|history|src|href|write|import)$/i;

/**
 * Is this address private, loopback, unspecified, or from a documentation range?
 *
 * @example isReservedAddress('203.0.113.77') // true
 * @example isReservedAddress('8.8.8.8') // false
 */
export function isReservedAddress(ip: string): boolean {
    if (isIPv4(ip)) return /^(?:10\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|127\.|0\.0\.0\.0$)/.test(ip);
    return isIP(ip) === 6 && /^2001:db8:/i.test(ip);
}

/**
 * The host names and addresses in a text that are not reserved (empty when all are).
 *
 * @example unreservedNames('GET http://203.0.113.77/ Host: docs-share-portal.example') // []
 * @example unreservedNames('resolver 8.8.8.8 for example.org') // ['8.8.8.8', 'example.org']
 */
export function unreservedNames(text: string): string[] {
    const bad: string[] = [];
    // E-mail addresses: check the domain only.
    const withoutMail = text.replace(/[\w.+-]+@([\w.-]+)/g, ' $1 ');
    for (const m of withoutMail.matchAll(/(?<![A-Za-z]+\/|[\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g)) {
        if (!isReservedAddress(m[0])) bad.push(m[0]);
    }
    for (const m of withoutMail.matchAll(/(?<![\w@.:-])[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi)) {
        if (isIP(m[0]) === 6 && !isReservedAddress(m[0])) bad.push(m[0]);
    }
    for (const m of withoutMail.matchAll(/(?<![\w@.-])(?:[a-z0-9_*-]+\.)+[a-z][a-z0-9-]*\.?(?![\w@.-])/gi)) {
        const token = m[0];
        if (NOT_A_TLD.test(token) || RESERVED_TLD.test(token)) continue;
        if (/^(?:example\.(?:com|net|org))\.?$/i.test(token.replace(/^.*\.(?=example\.)/i, ''))) continue;
        bad.push(token);
    }
    return bad;
}
