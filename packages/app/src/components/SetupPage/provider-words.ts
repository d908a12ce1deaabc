/** The providers section of the setup page in words: what each provider fills, its key and its state. */
import type { DatasetGroup } from '@passivetotal/core';
import type { ProviderState } from '../../investigation/provider-states';

/** The dataset groups as the investigation page names them. */
export const GROUP_LABELS: Readonly<Record<DatasetGroup, string>> = {
    whois: 'WHOIS',
    certificates: 'Certificates',
    resolutions: 'Resolutions (passive DNS)',
    reputation: 'Reputation',
    host_attributes: 'Host attributes',
};

/**
 * What a provider fills.
 *
 * @example fillsWords({ datasets: ['resolutions', 'reputation'], ... }) // 'Fills Resolutions (passive DNS) and Reputation.'
 */
export function fillsWords(state: Pick<ProviderState, 'datasets'>): string {
    const labels = state.datasets.map((d) => GROUP_LABELS[d]);
    if (labels.length === 0) return 'Fills no dataset of this version.';
    const list =
        labels.length === 1
            ? labels.join('')
            : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
    return `Fills ${list}.`;
}

/**
 * Whether a provider needs a key, and whether one is stored.
 *
 * @example keyWords({ key: 'required', keyStored: false }) // 'Key required: none stored, so it is not asked.'
 */
export function keyWords(state: Pick<ProviderState, 'key' | 'keyStored'>): string {
    switch (state.key) {
        case 'none':
            return 'No key needed.';
        case 'optional':
            return state.keyStored
                ? 'Key optional (it raises the limit): a key is stored.'
                : 'Key optional (it raises the limit): none stored.';
        case 'required':
            return state.keyStored
                ? 'Key required: a key is stored.'
                : 'Key required: none stored, so it is not asked.';
    }
}

/**
 * The state of a provider for the investigation page.
 *
 * @example stateWords({ ready: false, enabled: true, configured: false, ... }) // 'Not used: it needs a key.'
 */
export function stateWords(
    state: Pick<ProviderState, 'ready' | 'enabled' | 'configured' | 'settingsError' | 'keyStored'>
): string {
    if (state.settingsError !== null) return `Not used: its settings are invalid (${state.settingsError}).`;
    if (!state.enabled) return 'Not used: turned off.';
    // A stored key that does not count was entered for another host than the base URL names now.
    if (!state.configured && state.keyStored)
        return 'Not used: its key was entered for another address; enter the key again for this one.';
    if (!state.configured) return 'Not used: it needs a key.';
    return state.ready ? 'In use.' : 'Not used.';
}
