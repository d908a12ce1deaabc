/**
 * Parsing what analysts paste or click into one typed, normalised {@link Indicator}. The decision is explicit:
 * the shape of the text selects exactly one parser (URL, email, hash, tracker, IPv6, IPv4, host with path,
 * host), and that parser's failure is the answer, so a message always names what was expected.
 */
import { fail, ok, type Result } from '../result';
import type {
    DomainIndicator,
    EmailIndicator,
    HostIndicator,
    Indicator,
    Sha1Indicator,
    UrlIndicator,
} from './indicator';
import { parseDomain } from './host-name';
import { looksLikeIpv4, parseIpv4, parseIpv6 } from './ip-address';
import { refang, trimIndicatorText } from './refang';
import { parseTrackerId } from './tracker-id';

/** What any indicator input may be; used when nothing matched. */
export const EXPECTED_INDICATOR =
    'an IPv4 or IPv6 address, a domain, a URL, an email address, a certificate SHA-1 or a tracker id such as UA-12345-1';

const EXPECTED_URL = 'a URL such as https://evil.example/login.php';
const EXPECTED_EMAIL = 'an email address such as jane@evil.example';

const SCHEME = /^([a-z][a-z0-9+.-]{0,31}):\/\/(.*)$/is;

function parseHost(text: string): Result<HostIndicator> {
    if (text.startsWith('[')) return parseIpv6(text);
    if (looksLikeIpv4(text)) return parseIpv4(text);
    return parseDomain(text);
}

function hostText(host: HostIndicator): string {
    return host.type === 'ipv6' ? `[${host.value}]` : host.value;
}

/** Parses `scheme://[user@]host[:port][/path][?query][#fragment]`, or a scheme-less `host/path`. */
function parseUrl(text: string, scheme: string, rest: string): Result<UrlIndicator> {
    const split = /^([^/?#]*)(.*)$/s.exec(rest);
    const authority = split?.[1] ?? '';
    const path = split?.[2] ?? '';
    const at = authority.lastIndexOf('@');
    const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
    const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
    if (hostPort === '') return fail(`${text} has no host`, EXPECTED_URL);
    if (/\s/.test(path)) return fail('a URL cannot contain spaces', EXPECTED_URL);
    let hostPart = hostPort;
    let port: number | undefined;
    const portMatch = /^(.*?):(\d*)$/.exec(hostPort);
    if (portMatch && !(hostPort.startsWith('[') && !hostPort.includes(']:'))) {
        hostPart = portMatch[1] ?? '';
        if (portMatch[2] !== '') {
            port = Number(portMatch[2]);
            if (port > 65535) return fail(`${portMatch[2] ?? ''} is not a port number`, EXPECTED_URL);
        }
    }
    const host = parseHost(hostPart);
    if (!host.ok) return fail(`the host of the URL is not valid: ${host.reason}`, EXPECTED_URL);
    const lowerScheme = scheme.toLowerCase();
    const portText = port === undefined ? '' : `:${port}`;
    const prefix = lowerScheme === '' ? '' : `${lowerScheme}://`;
    const value = `${prefix}${userinfo}${hostText(host.value)}${portText}${path}`;
    const displayHost = host.value.type === 'domain' ? host.value.unicode : hostText(host.value);
    return ok({
        type: 'url',
        value,
        display: `${prefix}${userinfo}${displayHost}${portText}${path}`,
        intelQuery: host.value.value,
        scheme: lowerScheme,
        host: host.value,
        path,
        ...(port === undefined ? {} : { port }),
        ...(host.value.special ? { special: host.value.special } : {}),
    });
}

function parseEmail(text: string): Result<EmailIndicator> {
    const m = /^(?:mailto:)?([^@]+)@([^@]+)$/i.exec(text);
    if (!m) return fail(`${text} is not of the form name@domain`, EXPECTED_EMAIL);
    const local = (m[1] ?? '').toLowerCase();
    if (
        local.length > 64 ||
        !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) ||
        local.startsWith('.') ||
        local.endsWith('.') ||
        local.includes('..')
    ) {
        return fail(`"${local}" is not a valid mailbox name`, EXPECTED_EMAIL);
    }
    const domain: Result<DomainIndicator> = parseDomain(m[2] ?? '');
    if (!domain.ok) return fail(`the domain of the address is not valid: ${domain.reason}`, EXPECTED_EMAIL);
    if (domain.value.wildcard || domain.value.port !== undefined) {
        return fail(`${m[2] ?? ''} is not a plain domain`, EXPECTED_EMAIL);
    }
    const value = `${local}@${domain.value.value}`;
    return ok({
        type: 'email',
        value,
        display: `${local}@${domain.value.unicode}`,
        intelQuery: value,
        localPart: local,
        domain: domain.value,
        ...(domain.value.special ? { special: domain.value.special } : {}),
    });
}

function parseSha1(text: string): Sha1Indicator | undefined {
    if (!/^[0-9a-f]{40}$/i.test(text) && !/^[0-9a-f]{2}(?::[0-9a-f]{2}){19}$/i.test(text)) return undefined;
    const value = text.replace(/:/g, '').toLowerCase();
    return { type: 'sha1', value, display: value, intelQuery: value };
}

/**
 * Parses any indicator an analyst may paste or click: refangs it, trims quotes, brackets and trailing punctuation,
 * detects the type and normalises the value. Never throws; input that is no indicator gives a failure naming what
 * was expected.
 *
 * @example parseIndicator('hxxps://Evil[.]Example/login.php') // { ok: true, value: { type: 'url', value: 'https://evil.example/login.php', intelQuery: 'evil.example', ... } }
 * @example parseIndicator('[2001:DB8::0:1]:443') // { ok: true, value: { type: 'ipv6', value: '2001:db8::1', port: 443, ... } }
 * @example parseIndicator('hello world') // { ok: false, reason: 'an indicator cannot contain spaces', expected: 'an IPv4 or IPv6 address, ...' }
 */
export function parseIndicator(input: string): Result<Indicator> {
    const text = trimIndicatorText(refang(trimIndicatorText(input)));
    if (text === '') return fail('nothing was entered', EXPECTED_INDICATOR);
    if (/\s/.test(text)) return fail('an indicator cannot contain spaces', EXPECTED_INDICATOR);
    if (text.length > 4096) return fail('the text is longer than 4096 characters', EXPECTED_INDICATOR);

    const url = SCHEME.exec(text);
    if (url) return parseUrl(text, url[1] ?? '', url[2] ?? '');
    if (/^mailto:/i.test(text) || (text.includes('@') && !text.includes('/'))) return parseEmail(text);

    const sha1 = parseSha1(text);
    if (sha1) return ok(sha1);
    const tracker = parseTrackerId(text);
    if (tracker) return ok(tracker);

    if (text.startsWith('[') || (text.match(/:/g)?.length ?? 0) >= 2) return parseIpv6(text);
    if (looksLikeIpv4(text)) return parseIpv4(text);
    const slash = text.indexOf('/');
    if (/^[\d.]+\/\d{1,2}$/.test(text))
        return fail(`${text} is a network range`, 'a single IPv4 address, not a CIDR range');
    if (slash > 0 && slash < text.length - 1) return parseUrl(text, '', text);

    const domain = parseDomain(slash === text.length - 1 ? text.slice(0, -1) : text);
    if (!domain.ok) {
        // A single word with no dot is more likely not an indicator at all than a bad domain.
        return /^[^.]*$/.test(text) ? fail(`"${text}" is not an indicator`, EXPECTED_INDICATOR) : domain;
    }
    return domain;
}

/**
 * Formats an indicator's type for people.
 *
 * @example indicatorTypeLabel('ipv6') // 'IPv6 address'
 */
export function indicatorTypeLabel(type: Indicator['type']): string {
    switch (type) {
        case 'ipv4':
            return 'IPv4 address';
        case 'ipv6':
            return 'IPv6 address';
        case 'domain':
            return 'domain';
        case 'url':
            return 'URL';
        case 'email':
            return 'email address';
        case 'sha1':
            return 'certificate SHA-1';
        case 'tracker':
            return 'tracker id';
    }
}
