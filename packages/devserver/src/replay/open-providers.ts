/**
 * The open intelligence providers the replay server also stands in for, as the catalogue describes them: their
 * stable ids, the key each one takes (how it travels and whether it is required), and the content type of their
 * answers. The replay serves provider `<id>` under the path prefix `/<id>/` of its origin, from the folder
 * `DIR/<id>/` of the same replay folder.
 */

import {
    catalogue,
    credentialRealm,
    isOpenProviderId,
    OPEN_PROVIDER_IDS,
    providerSpec,
    type OpenProviderId,
} from '@passivetotal/core';

/** Provider ids, stable across the handler, packages/core, the replay and the setup page (the catalogue's). */
export { OPEN_PROVIDER_IDS, isOpenProviderId, type OpenProviderId };

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
     * and bearer keys; the basic-auth user name `demo` for basic auth).
     */
    readonly username: string;
}

/** The key policy of a provider from its catalogue `auth`; undefined for a provider that takes no key. */
function keyPolicyOf(id: OpenProviderId): KeyPolicy | undefined {
    const { auth } = providerSpec(id);
    if (auth.key === 'none' || auth.style === undefined) return undefined;
    return {
        scheme: auth.style,
        ...(auth.header === undefined ? {} : { header: auth.header.toLowerCase() }),
        required: auth.key === 'required',
        username: auth.style === 'basic' ? 'demo' : 'key',
    };
}

/** The key of each keyed provider; providers not listed take none. */
export const KEY_POLICIES: Readonly<Partial<Record<OpenProviderId, KeyPolicy>>> = Object.freeze(
    Object.fromEntries(
        OPEN_PROVIDER_IDS.flatMap((id) => {
            const policy = keyPolicyOf(id);
            return policy ? [[id, policy]] : [];
        })
    )
);

/** Keyed providers the stand-in stores no key for: mnemonic's public API is keyless (a key only raises its limit). */
const KEYLESS_IN_THE_DEMO: readonly OpenProviderId[] = ['mnemonic'];

/**
 * The providers the stand-in stores a demo key for (the ones whose real service needs or offers a free key the
 * demo uses): every keyed provider except those used without a key in the demo.
 */
export const DEMO_KEYED_PROVIDERS: readonly OpenProviderId[] = Object.freeze(
    OPEN_PROVIDER_IDS.filter((id) => KEY_POLICIES[id] !== undefined && !KEYLESS_IN_THE_DEMO.includes(id))
);

/** The `storage/passwords` realm of a provider's key (core's rule: `passivetotal_<id>`). */
export function providerRealm(id: OpenProviderId): string {
    return credentialRealm(id);
}

/**
 * The content type of a provider's successful answers: the first type its operations' `Accept` names (RDAP
 * `application/rdap+json`, CIRCL `application/x-ndjson`), else JSON.
 */
export function contentTypeOf(id: OpenProviderId): string {
    const operations: readonly catalogue.OperationSpec[] = Object.values(providerSpec(id).operations);
    const accept = operations.find((o) => o.accept !== undefined)?.accept;
    return accept?.split(',')[0]?.trim() ?? 'application/json';
}

/** The file extension of a provider's fixtures: `ndjson` for a provider that answers NDJSON text (CIRCL). */
export function fixtureExtensionOf(id: OpenProviderId): 'json' | 'ndjson' {
    const operations: readonly catalogue.OperationSpec[] = Object.values(providerSpec(id).operations);
    return operations.some((o) => o.response === 'ndjson') ? 'ndjson' : 'json';
}
