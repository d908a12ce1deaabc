/**
 * Special-purpose address ranges (IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 6890 and updates) and
 * special-use domain names (RFC 6761, RFC 6762, RFC 7686, RFC 8375, ICANN `.internal`), so the UI can say
 * "this is a private address" before spending PassiveTotal quota on it.
 */
import ipaddr from 'ipaddr.js';

/** Why an address or name is not a public Internet indicator. */
export type SpecialKind =
    | 'private'
    | 'loopback'
    | 'link-local'
    | 'documentation'
    | 'carrier-grade-nat'
    | 'multicast'
    | 'unspecified'
    | 'broadcast'
    | 'reserved'
    | 'benchmarking'
    | 'unique-local'
    | 'special-use-name';

/** A recognised special range, with the registry entry that defines it. */
export interface SpecialRange {
    readonly kind: SpecialKind;
    /** The range or suffix that matched, e.g. `10.0.0.0/8` or `.test`. */
    readonly range: string;
    /** A short human label, e.g. "private network (RFC 1918)". */
    readonly label: string;
}

type Entry = readonly [cidr: string, kind: SpecialKind, label: string];

/** Most specific ranges first: the first match wins. */
const IPV4: readonly Entry[] = [
    ['0.0.0.0/32', 'unspecified', 'unspecified address'],
    ['0.0.0.0/8', 'reserved', '"this network" (RFC 791)'],
    ['10.0.0.0/8', 'private', 'private network (RFC 1918)'],
    ['100.64.0.0/10', 'carrier-grade-nat', 'shared address space (RFC 6598)'],
    ['127.0.0.0/8', 'loopback', 'loopback (RFC 1122)'],
    ['169.254.0.0/16', 'link-local', 'link-local (RFC 3927)'],
    ['172.16.0.0/12', 'private', 'private network (RFC 1918)'],
    ['192.0.0.0/24', 'reserved', 'IETF protocol assignments (RFC 6890)'],
    ['192.0.2.0/24', 'documentation', 'documentation TEST-NET-1 (RFC 5737)'],
    ['192.88.99.0/24', 'reserved', 'deprecated 6to4 relay anycast (RFC 7526)'],
    ['192.168.0.0/16', 'private', 'private network (RFC 1918)'],
    ['198.18.0.0/15', 'benchmarking', 'benchmarking (RFC 2544)'],
    ['198.51.100.0/24', 'documentation', 'documentation TEST-NET-2 (RFC 5737)'],
    ['203.0.113.0/24', 'documentation', 'documentation TEST-NET-3 (RFC 5737)'],
    ['224.0.0.0/4', 'multicast', 'multicast (RFC 5771)'],
    ['255.255.255.255/32', 'broadcast', 'limited broadcast (RFC 919)'],
    ['240.0.0.0/4', 'reserved', 'reserved for future use (RFC 1112)'],
];

const IPV6: readonly Entry[] = [
    ['::/128', 'unspecified', 'unspecified address'],
    ['::1/128', 'loopback', 'loopback (RFC 4291)'],
    ['64:ff9b:1::/48', 'private', 'local-use IPv4/IPv6 translation (RFC 8215)'],
    ['100::/64', 'reserved', 'discard-only (RFC 6666)'],
    ['2001:2::/48', 'benchmarking', 'benchmarking (RFC 5180)'],
    ['2001:db8::/32', 'documentation', 'documentation (RFC 3849)'],
    ['3fff::/20', 'documentation', 'documentation (RFC 9637)'],
    ['2001::/23', 'reserved', 'IETF protocol assignments (RFC 2928)'],
    ['fc00::/7', 'unique-local', 'unique local address (RFC 4193)'],
    ['fe80::/10', 'link-local', 'link-local (RFC 4291)'],
    ['ff00::/8', 'multicast', 'multicast (RFC 4291)'],
];

/** Special-use names: the name itself or any name below it. */
const NAMES: readonly (readonly [suffix: string, label: string])[] = [
    ['test', 'reserved for testing (RFC 6761)'],
    ['example', 'reserved for documentation (RFC 6761)'],
    ['example.com', 'reserved for documentation (RFC 6761)'],
    ['example.net', 'reserved for documentation (RFC 6761)'],
    ['example.org', 'reserved for documentation (RFC 6761)'],
    ['invalid', 'reserved invalid name (RFC 6761)'],
    ['localhost', 'loopback name (RFC 6761)'],
    ['local', 'multicast DNS name (RFC 6762)'],
    ['onion', 'Tor onion service (RFC 7686)'],
    ['home.arpa', 'home network name (RFC 8375)'],
    ['internal', 'private-use top-level domain (ICANN 2024)'],
    ['alt', 'non-DNS name (RFC 9476)'],
];

type ParsedEntry = readonly [net: ipaddr.IPv4 | ipaddr.IPv6, bits: number, entry: Entry];

// Each table parsed once: an investigation classifies thousands of addresses (10,000 passive DNS records), and
// parsing every CIDR for every address was most of the page's work.
const parsedTables = new Map<readonly Entry[], readonly ParsedEntry[]>();

function parsedTable(table: readonly Entry[]): readonly ParsedEntry[] {
    let parsed = parsedTables.get(table);
    if (!parsed) {
        parsed = table.map((entry): ParsedEntry => {
            const [net, bits] = ipaddr.parseCIDR(entry[0]);
            return [net, bits, entry];
        });
        parsedTables.set(table, parsed);
    }
    return parsed;
}

function matchTable(addr: ipaddr.IPv4 | ipaddr.IPv6, table: readonly Entry[]): SpecialRange | undefined {
    for (const [net, bits, [cidr, kind, label]] of parsedTable(table)) {
        if (net.kind() === addr.kind() && addr.match([net, bits])) return { kind, range: cidr, label };
    }
    return undefined;
}

/**
 * The special range an IPv4 address (dotted quad, already normalised) belongs to, or undefined for a public address.
 *
 * @example specialIpv4Range('10.1.2.3') // { kind: 'private', range: '10.0.0.0/8', label: 'private network (RFC 1918)' }
 */
export function specialIpv4Range(address: string): SpecialRange | undefined {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return undefined;
    return matchTable(ipaddr.IPv4.parse(address), IPV4);
}

/**
 * The special range an IPv6 address belongs to. IPv4-mapped addresses (`::ffff:a.b.c.d`) take the range of the
 * embedded IPv4 address.
 *
 * @example specialIpv6Range('2001:db8::1') // { kind: 'documentation', range: '2001:db8::/32', ... }
 */
export function specialIpv6Range(address: string): SpecialRange | undefined {
    if (!ipaddr.IPv6.isValid(address)) return undefined;
    const parsed = ipaddr.IPv6.parse(address);
    if (parsed.isIPv4MappedAddress()) return matchTable(parsed.toIPv4Address(), IPV4);
    return matchTable(parsed, IPV6);
}

/**
 * The special-use name a (lower-case ASCII) host name falls under, if any.
 *
 * @example specialDomainName('printer.local') // { kind: 'special-use-name', range: '.local', ... }
 */
export function specialDomainName(host: string): SpecialRange | undefined {
    for (const [suffix, label] of NAMES) {
        if (host === suffix || host.endsWith(`.${suffix}`))
            return { kind: 'special-use-name', range: `.${suffix}`, label };
    }
    return undefined;
}
