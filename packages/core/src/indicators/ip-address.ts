/** IPv4 and IPv6 address parsing and normalisation (RFC 5952 for IPv6), total: never throws. */
import ipaddr from 'ipaddr.js';
import { fail, ok, type Result } from '../result';
import type { Ipv4Indicator, Ipv6Indicator } from './indicator';
import { specialIpv4Range, specialIpv6Range } from './special-ranges';

const EXPECTED_V4 = 'an IPv4 address: four numbers from 0 to 255 separated by dots, e.g. 198.51.100.7';
const EXPECTED_V6 = 'an IPv6 address such as 2001:db8::1, optionally in brackets with a port: [2001:db8::1]:443';

function parsePort(text: string | undefined): Result<number | undefined> {
    if (text === undefined) return ok(undefined);
    const port = Number(text);
    if (!/^\d{1,5}$/.test(text) || port > 65535) return fail(`${text} is not a port number`, 'a port from 0 to 65535');
    return ok(port);
}

/** True when the text has the shape of a dotted-decimal IPv4 address, valid or not (`999.1.1.1`, `1.2.3`). */
export function looksLikeIpv4(text: string): boolean {
    return /^\d+(?:\.\d+){1,4}(?::\d*)?$/.test(text);
}

/**
 * Parses a dotted-quad IPv4 address with an optional `:port`. Leading zeros are read as decimal (`010.0.0.1` is
 * `10.0.0.1`), as log files mean them, not as octal.
 *
 * @example parseIpv4('198.51.100.7:8443') // { ok: true, value: { type: 'ipv4', value: '198.51.100.7', port: 8443, ... } }
 */
export function parseIpv4(text: string): Result<Ipv4Indicator> {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?::(\d*))?$/.exec(text);
    if (!m) return fail(`${text} does not have four parts`, EXPECTED_V4);
    const octets = [m[1], m[2], m[3], m[4]].map((part) => Number(part ?? ''));
    const bad = octets.find((n) => !(n >= 0 && n <= 255));
    if (bad !== undefined) return fail(`${bad} is not a number from 0 to 255`, EXPECTED_V4);
    const port = parsePort(m[5] === '' ? undefined : m[5]);
    if (!port.ok) return port;
    const value = octets.join('.');
    const special = specialIpv4Range(value);
    return ok({
        type: 'ipv4',
        value,
        display: value,
        intelQuery: value,
        ...(port.value === undefined ? {} : { port: port.value }),
        ...(special ? { special } : {}),
    });
}

/** RFC 5952 text of a parsed address; IPv4-mapped addresses keep the dotted tail (RFC 5952 §5). */
function rfc5952(addr: ipaddr.IPv6): string {
    if (addr.isIPv4MappedAddress()) return `::ffff:${addr.toIPv4Address().toString()}`;
    return addr.toRFC5952String();
}

/**
 * Parses an IPv6 address, bare, in brackets, or in brackets with a port; a zone (`%eth0`) is dropped. The value is
 * the RFC 5952 form: compressed, lower case.
 *
 * @example parseIpv6('[2001:DB8:0:0::1]:443') // { ok: true, value: { type: 'ipv6', value: '2001:db8::1', port: 443, ... } }
 */
export function parseIpv6(text: string): Result<Ipv6Indicator> {
    let body = text;
    let portText: string | undefined;
    const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(text);
    if (bracketed) {
        body = bracketed[1] ?? '';
        portText = bracketed[2] === '' ? undefined : bracketed[2];
    }
    body = body.replace(/%[\w.-]*$/, '');
    if (!/^[0-9a-fA-F:.]+$/.test(body) || !ipaddr.IPv6.isValid(body)) {
        return fail(`${text} is not a valid IPv6 address`, EXPECTED_V6);
    }
    const port = parsePort(portText);
    if (!port.ok) return port;
    const value = rfc5952(ipaddr.IPv6.parse(body));
    const special = specialIpv6Range(value);
    return ok({
        type: 'ipv6',
        value,
        display: value,
        intelQuery: value,
        ...(port.value === undefined ? {} : { port: port.value }),
        ...(special ? { special } : {}),
    });
}
