/**
 * Domain and host names: lower case, no trailing dot, no leading `*.`, internationalised names converted to
 * punycode (IDNA ToASCII per label) and shown in Unicode. Total: never throws.
 */
import { toASCII, toUnicode } from 'punycode/';
import { fail, ok, type Result } from '../result';
import type { DomainIndicator } from './indicator';
import { specialDomainName } from './special-ranges';

const EXPECTED = 'a domain or host name such as evil.example or bücher.example';

/** ASCII letters, digits, hyphen, and underscore (seen in real host names such as `_dmarc.example.com`). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Runs a punycode conversion, which throws RangeError on bad input, as a total function. */
function safely(convert: (s: string) => string, s: string): string | undefined {
    try {
        return convert(s);
    } catch {
        return undefined;
    }
}

/**
 * Parses a domain or host name. Accepts Unicode (IDN), a trailing dot, a leading `*.` or `.`, and a `:port`.
 *
 * @example parseDomain('Bücher.Example.') // { ok: true, value: { type: 'domain', value: 'xn--bcher-kva.example', unicode: 'bücher.example', ... } }
 * @example parseDomain('*.evil.example') // { ok: true, value: { value: 'evil.example', wildcard: true, ... } }
 */
export function parseDomain(text: string): Result<DomainIndicator> {
    let name = text.normalize('NFKC').toLowerCase();
    let port: number | undefined;
    const withPort = /^(.*):(\d{1,5})$/.exec(name);
    if (withPort) {
        port = Number(withPort[2]);
        if (port > 65535) return fail(`${withPort[2] ?? ''} is not a port number`, 'a port from 0 to 65535');
        name = withPort[1] ?? '';
    }
    let wildcard = false;
    if (name.startsWith('*.')) {
        wildcard = true;
        name = name.slice(2);
    } else if (name.startsWith('.')) {
        wildcard = true;
        name = name.slice(1);
    }
    if (name.endsWith('.')) name = name.slice(0, -1);
    if (name === '') return fail('the name is empty', EXPECTED);
    const bad = /[\s/\\?#@:*[\]()<>{}|"'`,;!=+$%^&~]/.exec(name);
    if (bad) return fail(`"${bad[0]}" is not allowed in a host name`, EXPECTED);
    const ascii = safely(toASCII, name);
    if (ascii === undefined) return fail(`${text} cannot be converted to an internationalised domain name`, EXPECTED);
    if (ascii.length > 253) return fail('the name is longer than 253 characters', EXPECTED);
    const labels = ascii.split('.');
    if (labels.length < 2) return fail(`${text} has no dot; a single label is not a domain name`, EXPECTED);
    for (const label of labels) {
        if (label === '') return fail(`${text} has an empty label (two dots in a row)`, EXPECTED);
        if (!LABEL.test(label)) {
            return fail(`"${label}" is not a valid label (letters, digits and inner hyphens, at most 63)`, EXPECTED);
        }
        if (label.startsWith('xn--') && safely(toUnicode, label) === undefined) {
            return fail(`"${label}" is not valid punycode`, EXPECTED);
        }
    }
    const tld = labels[labels.length - 1] ?? '';
    if (/^\d+$/.test(tld)) return fail(`the last label "${tld}" is a number`, EXPECTED);
    const unicode = safely(toUnicode, ascii) ?? ascii;
    const special = specialDomainName(ascii);
    return ok({
        type: 'domain',
        value: ascii,
        display: unicode,
        intelQuery: ascii,
        unicode,
        wildcard,
        ...(port === undefined ? {} : { port }),
        ...(special ? { special } : {}),
    });
}
