/**
 * The providers the app knows, by stable id (the same ids in the handler's routes, the replay folders, the setup's
 * `[provider:<id>]` stanzas and the records' `provider` field), with their labels and what they need.
 */

/** The open (free) providers, in the order the setup page lists them. */
export const OPEN_PROVIDER_IDS = [
    'rdap',
    'crtsh',
    'certspotter',
    'mnemonic',
    'otx',
    'circl',
    'urlhaus',
    'threatfox',
    'internetdb',
] as const;

/** An open provider id. */
export type OpenProviderId = (typeof OPEN_PROVIDER_IDS)[number];

/** Every provider id: PassiveTotal and the open ones. */
export type ProviderId = 'passivetotal' | OpenProviderId;

/** Every provider id, PassiveTotal first. */
export const PROVIDER_IDS: readonly ProviderId[] = Object.freeze(['passivetotal', ...OPEN_PROVIDER_IDS]);

/** Labels for people. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = Object.freeze({
    passivetotal: 'PassiveTotal',
    rdap: 'RDAP',
    crtsh: 'crt.sh',
    certspotter: 'Cert Spotter',
    mnemonic: 'mnemonic PassiveDNS',
    otx: 'AlienVault OTX',
    circl: 'CIRCL Passive DNS',
    urlhaus: 'URLhaus',
    threatfox: 'ThreatFox',
    internetdb: 'Shodan InternetDB',
});

/** Whether a provider needs a key: `required` (no key, no calls), `optional` (a key raises the quota), `none`. */
export type KeyNeed = 'required' | 'optional' | 'none';

/** What each open provider needs (the setup page's key fields and "configured" rule). */
export const OPEN_PROVIDER_KEYS: Readonly<Record<OpenProviderId, KeyNeed>> = Object.freeze({
    rdap: 'none',
    crtsh: 'none',
    certspotter: 'optional',
    mnemonic: 'optional',
    otx: 'required',
    circl: 'required',
    urlhaus: 'required',
    threatfox: 'required',
    internetdb: 'none',
});

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
 * The label of a provider id; an unknown id is its own label.
 *
 * @example providerLabel('crtsh') // 'crt.sh'
 */
export function providerLabel(id: string): string {
    return isProviderId(id) ? PROVIDER_LABELS[id] : id;
}
