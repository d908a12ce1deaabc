/**
 * The providers' part of the endpoint's `status` and `setup` answers (one entry per open provider with its state,
 * and `datasetOrder`, the providers of each group), checked field by field: a wrong shape gives an empty list or
 * the shipped order here, never a blank somewhere in a component.
 */
import {
    DATASET_GROUPS,
    DEFAULT_DATASET_ORDER,
    isProviderId,
    type DatasetGroup,
    type KeyNeed,
} from '@passivetotal/core';

/** The settings of a provider's `[provider:<id>]` stanza (the setup answer only, for administrators). */
export interface ProviderSettings {
    /** The form key of its address: `base_url`, or `bootstrap_url` for RDAP. */
    readonly urlKey: string;
    /** Each setting's value by its catalogue `json` name (`baseUrl`, `rateLimitPerMinute`, `ttlSeconds`, ...). */
    readonly values: Readonly<Record<string, string | number>>;
}

/** One open provider as the endpoint reports it. Never a key: only whether one is stored. */
export interface ProviderState {
    readonly id: string;
    readonly label: string;
    readonly enabled: boolean;
    /** Whether it needs a key: `none`, `optional` (a key raises its limit) or `required`. */
    readonly key: KeyNeed;
    readonly keyStored: boolean;
    /** Usable as far as keys go (keyless, optional key, or a required key stored). */
    readonly configured: boolean;
    /** Enabled, configured and with valid settings: the page asks it. */
    readonly ready: boolean;
    /** The dataset groups it can fill (`whois`, `certificates`, `resolutions`, `reputation`, `host_attributes`). */
    readonly datasets: readonly DatasetGroup[];
    /** Terms of use worth showing, or ''. */
    readonly note: string;
    /** CIRCL's username (basic authentication); null otherwise. */
    readonly username: string | null;
    /** Its settings (setup answer only). */
    readonly settings?: ProviderSettings;
    readonly settingsError: string | null;
}

/** The providers of each dataset group, in order (`[datasets] order.<group>`). */
export type GroupOrder = Readonly<Record<DatasetGroup, readonly string[]>>;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const isGroup = (value: unknown): value is DatasetGroup =>
    typeof value === 'string' && (DATASET_GROUPS as readonly string[]).includes(value);

function keyNeed(value: unknown): KeyNeed {
    return value === 'required' || value === 'optional' ? value : 'none';
}

function settingsOf(value: unknown): ProviderSettings | undefined {
    if (!isRecord(value)) return undefined;
    const values = Object.entries(value).filter(
        (e): e is [string, string | number] =>
            e[0] !== 'urlKey' && (typeof e[1] === 'string' || (typeof e[1] === 'number' && Number.isFinite(e[1])))
    );
    return { urlKey: text(value.urlKey, 'base_url'), values: Object.fromEntries(values) };
}

/** One entry of `providers`, or undefined when it is not one (no id or label). */
export function parseProviderState(value: unknown): ProviderState | undefined {
    if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') return undefined;
    const settings = settingsOf(value.settings);
    return {
        id: value.id,
        label: text(value.label, value.id),
        enabled: value.enabled === true,
        key: keyNeed(value.key),
        keyStored: value.keyStored === true,
        configured: value.configured === true,
        ready: value.ready === true,
        datasets: Array.isArray(value.datasets) ? value.datasets.filter(isGroup) : [],
        note: text(value.note),
        username: typeof value.username === 'string' ? value.username : null,
        ...(settings ? { settings } : {}),
        settingsError:
            typeof value.settingsError === 'string' && value.settingsError !== '' ? value.settingsError : null,
    };
}

/**
 * The `providers` list of a `status` or `setup` answer (absent for users who may not query: an empty list).
 *
 * @example parseProviderStates([{ id: 'crtsh', label: 'crt.sh', enabled: true, key: 'none', ready: true, ... }])[0].ready // true
 */
export function parseProviderStates(value: unknown): readonly ProviderState[] {
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry) => {
        const state = parseProviderState(entry);
        return state ? [state] : [];
    });
}

/**
 * The `datasetOrder` of a `status` or `setup` answer: known provider ids per group, in order; a group the answer
 * does not give keeps the order the app ships.
 *
 * @example parseGroupOrder({ whois: ['rdap'], certificates: ['crtsh', 'nope'] }).certificates // ['crtsh']
 */
export function parseGroupOrder(value: unknown): GroupOrder {
    const doc = isRecord(value) ? value : {};
    const out: Record<DatasetGroup, readonly string[]> = { ...DEFAULT_DATASET_ORDER };
    for (const group of DATASET_GROUPS) {
        const ids = doc[group];
        if (!Array.isArray(ids)) continue;
        out[group] = [...new Set(ids.filter((id): id is string => typeof id === 'string' && isProviderId(id)))];
    }
    return out;
}
