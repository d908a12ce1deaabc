/**
 * The open intelligence providers the replay server also stands in for (README, "Open intelligence providers"): their stable
 * ids, the key each one takes, and the content type of their answers. The replay serves provider `<id>` under
 * the path prefix `/<id>/` of its origin, from the folder `DIR/<id>/` of the same replay folder.
 */

import { OPEN_PROVIDER_IDS, type OpenProviderId } from '@passivetotal/core';

/** Provider ids, stable across the handler, packages/core, the replay and the setup page (core's list). */
export { OPEN_PROVIDER_IDS, type OpenProviderId };

/**
 * Is this string an open provider id?
 *
 * @example isOpenProviderId('crtsh') // true
 * @example isOpenProviderId('v2') // false
 */
export function isOpenProviderId(value: string): value is OpenProviderId {
    return (OPEN_PROVIDER_IDS as readonly string[]).includes(value);
}

/** How a provider takes its key, and whether it needs one. */
export interface KeyPolicy {
    /**
     * `header`: the key in a request header; `bearer`: `Authorization: Bearer <key>`; `basic`:
     * `Authorization: Basic user:password` (the password is the key).
     */
    readonly scheme: 'header' | 'bearer' | 'basic';
    /** The header for `header` keys, lower case. */
    readonly header?: string;
    /** Required keys refuse requests without one; optional keys are only checked when sent. */
    readonly required: boolean;
    /**
     * The `storage/passwords` username the stand-in provisions in realm `passivetotal_<id>` (`key` for header
     * and bearer keys; the basic-auth user name for basic auth).
     */
    readonly username: string;
}

/** The key of each keyed provider; providers not listed take none. */
export const KEY_POLICIES: Readonly<Partial<Record<OpenProviderId, KeyPolicy>>> = Object.freeze({
    certspotter: { scheme: 'bearer', required: false, username: 'key' },
    mnemonic: { scheme: 'header', header: 'argus-api-key', required: false, username: 'key' },
    otx: { scheme: 'header', header: 'x-otx-api-key', required: true, username: 'key' },
    circl: { scheme: 'basic', required: true, username: 'demo' },
    urlhaus: { scheme: 'header', header: 'auth-key', required: true, username: 'key' },
    threatfox: { scheme: 'header', header: 'auth-key', required: true, username: 'key' },
});

/**
 * The providers the stand-in stores a demo key for (the ones whose real service needs or offers a free key the
 * demo uses): every keyed provider except mnemonic, whose public API is keyless.
 */
export const DEMO_KEYED_PROVIDERS: readonly OpenProviderId[] = Object.freeze([
    'otx',
    'urlhaus',
    'threatfox',
    'circl',
    'certspotter',
]);

/** The `storage/passwords` realm of a provider's key. */
export function providerRealm(id: OpenProviderId): string {
    return `passivetotal_${id}`;
}

/** The content type of a provider's successful answers. */
export function contentTypeOf(id: OpenProviderId): string {
    switch (id) {
        case 'rdap':
            return 'application/rdap+json';
        case 'circl':
            return 'application/x-ndjson';
        default:
            return 'application/json';
    }
}

/** The file extension of a provider's fixtures (`circl` answers NDJSON text). */
export function fixtureExtensionOf(id: OpenProviderId): 'json' | 'ndjson' {
    return id === 'circl' ? 'ndjson' : 'json';
}
