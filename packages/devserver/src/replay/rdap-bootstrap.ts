/**
 * The replay's built-in RDAP bootstrap files (RFC 9224 shape, as `https://data.iana.org/rdap/<kind>.json`), used
 * when the replay folder has no `rdap/bootstrap/<kind>.json`: every entry points at the replay's own RDAP server
 * `<origin>/rdap/`, so the handler's bootstrap step always lands on the replay.
 */
import type { JsonValue } from './error-bodies';

/** The four bootstrap registries. */
export const BOOTSTRAP_KINDS = Object.freeze(['dns', 'ipv4', 'ipv6', 'asn'] as const);
export type BootstrapKind = (typeof BOOTSTRAP_KINDS)[number];

/** Is this a bootstrap file kind? */
export function isBootstrapKind(value: string): value is BootstrapKind {
    return (BOOTSTRAP_KINDS as readonly string[]).includes(value);
}

/** Generic and reserved top-level labels; with every two-letter (country-code) label they cover every TLD used. */
const GENERIC_TLDS = Object.freeze([
    'example',
    'test',
    'invalid',
    'localhost',
    'com',
    'net',
    'org',
    'info',
    'biz',
    'name',
    'pro',
    'mobi',
    'app',
    'dev',
    'page',
    'xyz',
    'top',
    'online',
    'site',
    'store',
    'shop',
    'tech',
    'club',
    'live',
    'cloud',
    'link',
    'click',
    'email',
    'support',
    'services',
    'digital',
    'network',
    'world',
    'today',
    'space',
    'website',
    'icu',
    'vip',
    'work',
    'life',
    'news',
    'blog',
    'security',
    'bank',
]);

function twoLetterLabels(): string[] {
    const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i));
    return letters.flatMap((a) => letters.map((b) => `${a}${b}`));
}

function entries(kind: BootstrapKind): string[] {
    switch (kind) {
        case 'dns':
            return [...GENERIC_TLDS, ...twoLetterLabels()];
        case 'ipv4':
            // The whole IPv4 space in /8 blocks, as IANA's file lists it.
            return Array.from({ length: 256 }, (_, i) => `${String(i)}.0.0.0/8`);
        case 'ipv6':
            return Array.from({ length: 16 }, (_, i) => `${i.toString(16)}000::/4`);
        case 'asn':
            return ['0-4294967295'];
    }
}

const DESCRIPTIONS: Readonly<Record<BootstrapKind, string>> = {
    dns: 'RDAP bootstrap file for Domain Name System registrations',
    ipv4: 'RDAP bootstrap file for IPv4 address allocations',
    ipv6: 'RDAP bootstrap file for IPv6 address allocations',
    asn: 'RDAP bootstrap file for Autonomous System Number allocations',
};

/**
 * The built-in bootstrap file of a kind, every entry served by `<origin>/rdap/`.
 *
 * @example builtInBootstrap('dns', 'http://127.0.0.1:4100')
 * // { version: '1.0', publication: ..., services: [[['example', 'test', 'com', ...], ['http://127.0.0.1:4100/rdap/']]] }
 */
export function builtInBootstrap(kind: BootstrapKind, origin: string): JsonValue {
    return {
        version: '1.0',
        publication: '2026-01-01T00:00:00Z',
        description: `${DESCRIPTIONS[kind]} (the stand-in's replay: every entry is served by the replay)`,
        services: [[entries(kind), [`${origin}/rdap/`]]],
    };
}
