/**
 * The providers the app knows, by stable id (the same ids in the handler's routes, the replay folders, the setup's
 * `[provider:<id>]` stanzas and the records' `provider` field), with their labels and what they need: all read from
 * the catalogue (`catalogue/catalogue.json`).
 */
import {
    OPEN_PROVIDER_IDS,
    PROVIDER_IDS,
    PROVIDERS,
    type OpenProviderId,
    type ProviderId,
    type ProviderSpec,
} from '../../catalogue/catalogue.generated';

export { OPEN_PROVIDER_IDS, PROVIDER_IDS, type OpenProviderId, type ProviderId };

/** Whether a provider needs a key: `required` (no key, no calls), `optional` (a key raises the quota), `none`. */
export type KeyNeed = ProviderSpec['auth']['key'];

/** A value per id, in the ids' order. */
function byId<I extends ProviderId, T>(ids: readonly I[], value: (id: I) => T): Readonly<Record<I, T>> {
    return Object.freeze(Object.fromEntries(ids.map((id) => [id, value(id)])) as Record<I, T>);
}

/** Labels for people. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = byId(PROVIDER_IDS, (id) => PROVIDERS[id].label);

/** What each open provider needs (the setup page's key fields and "configured" rule). */
export const OPEN_PROVIDER_KEYS: Readonly<Record<OpenProviderId, KeyNeed>> = byId(
    OPEN_PROVIDER_IDS,
    (id) => PROVIDERS[id].auth.key
);

/**
 * True for a known provider id.
 *
 * @example isProviderId('crtsh') // true
 * @example isProviderId('virustotal') // false
 */
export function isProviderId(id: string): id is ProviderId {
    return (PROVIDER_IDS as readonly string[]).includes(id);
}

/**
 * True for an open provider id.
 *
 * @example isOpenProviderId('crtsh') // true
 * @example isOpenProviderId('passivetotal') // false
 */
export function isOpenProviderId(id: string): id is OpenProviderId {
    return (OPEN_PROVIDER_IDS as readonly string[]).includes(id);
}

/**
 * The label of a provider id; an unknown id is its own label.
 *
 * @example providerLabel('crtsh') // 'crt.sh'
 */
export function providerLabel(id: string): string {
    return isProviderId(id) ? PROVIDER_LABELS[id] : id;
}
