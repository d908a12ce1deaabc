/**
 * The setup page's calls of the app's endpoint: `setup` (GET the form, POST the settings), `credentials` (POST,
 * DELETE; PassiveTotal's, or an open provider's with `provider=<id>`) and `check?provider=<id>`. The handler does
 * every write with Splunk's REST API itself, after checking the app's admin capability, so a key goes to splunkd
 * once and never comes back (README.md, "Configure it").
 */
import { catalogue, endpointPath, numericSetting, settingOf } from '@passivetotal/core';
import type { MigrationNote } from '../../api/app-endpoint';
import { RestError, restDelete, restGet, restPost, type RestParams } from '../../api/rest';
import {
    parseGroupOrder,
    parseProviderStates,
    type GroupOrder,
    type ProviderState,
} from '../../investigation/provider-states';

/** The cache datasets with their own TTL (the catalogue's `cacheDatasets`, `[cache] ttl_seconds.<dataset>`). */
export const DATASETS = Object.keys(catalogue.CACHE_DATASETS) as readonly catalogue.CacheDatasetId[];
export type Dataset = catalogue.CacheDatasetId;

export type SearchMode = 'raw' | 'cim';

/** How raw events are matched: `thorough` finds values in every log format, `fast` uses `TERM()` lookups only. */
export type SearchMatch = 'thorough' | 'fast';

/** The range of `max_sighting_candidates`, and its default (the catalogue's). */
export const MAX_SIGHTING_CANDIDATES = numericSetting('max_sighting_candidates');

/** Fields of the form named as the catalogue's setup fields, so a misspelt or removed one does not compile. */
type Fields<F extends catalogue.SetupField, T> = { readonly [K in F]: T };

/** The settings as the form edits them; the keys are the endpoint's form fields (the catalogue's `setup` names). */
export type SettingsDraft = Fields<'base_url' | 'https_proxy', string> &
    Fields<
        | 'timeout_seconds'
        | 'deadline_seconds'
        | 'retries'
        | 'calls_per_user_per_day'
        | 'max_sighting_candidates'
        | 'history_max_age_days'
        | 'history_max_records',
        number
    > &
    Fields<'cache_enabled' | 'summariesonly', boolean> &
    Fields<'search_mode', SearchMode> &
    Fields<'search_match', SearchMatch> & {
        readonly ttl: Readonly<Record<Dataset, number>>;
        /** Index names, comma separated; empty with a hand-written macro means "leave the macro as it is". */
        readonly indexes: string;
    };

export interface CredentialState {
    readonly configured: boolean;
    readonly username: string | null;
    /** The host the key was entered for: the handler sends it nowhere else (`key_host`). */
    readonly keyHost?: string | null;
    /** Why the stored key is not used: the base URL names another host now, so the key has to be entered again. */
    readonly keyHostError?: string | null;
}

/** `GET passivetotal/setup`. */
export interface SetupData {
    readonly draft: SettingsDraft;
    /** The `passivetotal_index` definition when it was written by hand (not a list of indexes), else null. */
    readonly customIndexDefinition: string | null;
    readonly credential: CredentialState;
    readonly migration: MigrationNote | null;
    readonly migrationError: string | null;
    /** The open providers, with their settings and whether a key is stored (never the key). */
    readonly providers: readonly ProviderState[];
    /** The providers of each dataset group, in order. */
    readonly order: GroupOrder;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(): RestError {
    return new RestError(
        200,
        [{ type: 'ERROR', text: "The app's endpoint gave a setup answer this page does not understand." }],
        'malformed'
    );
}

const num = (value: unknown, fallback: number): number =>
    typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** Parses the credential part of an answer. */
export function parseCredential(value: unknown): CredentialState {
    if (!isRecord(value)) throw malformed();
    return {
        configured: value.configured === true,
        username: typeof value.username === 'string' ? value.username : null,
        keyHost: typeof value.keyHost === 'string' ? value.keyHost : null,
        keyHostError: typeof value.keyHostError === 'string' ? value.keyHostError : null,
    };
}

/** The value of a setup field in the `setup` answer's settings, by the catalogue's `json` name. */
function answered(settings: Json, field: catalogue.SetupField): unknown {
    const name = settingOf(field).json;
    return name === undefined ? undefined : settings[name];
}

/** A numeric field's value, or its catalogue default. */
const numberOf = (settings: Json, field: catalogue.SetupField): number =>
    num(answered(settings, field), numericSetting(field).default);

/** Parses the `setup` answer. */
export function parseSetup(body: unknown): SetupData {
    if (!isRecord(body) || !isRecord(body.settings)) throw malformed();
    const s = body.settings;
    const ttlDoc = isRecord(s.ttlSeconds) ? s.ttlSeconds : {};
    const ttl = Object.fromEntries(DATASETS.map((d) => [d, num(ttlDoc[d], 0)])) as Record<Dataset, number>;
    const indexes = Array.isArray(s.indexes) ? s.indexes.filter((i): i is string => typeof i === 'string') : null;
    const migration = isRecord(body.migration) ? body.migration : null;
    return {
        draft: {
            base_url: str(answered(s, 'base_url')),
            https_proxy: str(answered(s, 'https_proxy')),
            timeout_seconds: numberOf(s, 'timeout_seconds'),
            deadline_seconds: numberOf(s, 'deadline_seconds'),
            retries: numberOf(s, 'retries'),
            calls_per_user_per_day: numberOf(s, 'calls_per_user_per_day'),
            cache_enabled: answered(s, 'cache_enabled') !== false,
            ttl,
            search_mode: answered(s, 'search_mode') === 'cim' ? 'cim' : 'raw',
            search_match: answered(s, 'search_match') === 'fast' ? 'fast' : 'thorough',
            summariesonly: answered(s, 'summariesonly') !== false,
            max_sighting_candidates: numberOf(s, 'max_sighting_candidates'),
            history_max_age_days: numberOf(s, 'history_max_age_days'),
            history_max_records: numberOf(s, 'history_max_records'),
            indexes: indexes ? indexes.join(', ') : '',
        },
        customIndexDefinition: indexes ? null : str(s.indexDefinition),
        credential: parseCredential(body.credential),
        migration:
            migration && typeof migration.text === 'string'
                ? { from: str(migration.from), at: str(migration.at), text: migration.text }
                : null,
        migrationError: typeof body.migrationError === 'string' ? body.migrationError : null,
        providers: parseProviderStates(body.providers),
        order: parseGroupOrder(body.datasetOrder),
    };
}

/** The form fields of a draft (`indexes` is left out when empty, so a hand-written macro stays). */
export function draftToForm(draft: SettingsDraft): RestParams {
    const form: Partial<Record<catalogue.SetupField | 'indexes', string | number | boolean>> = {
        base_url: draft.base_url.trim(),
        https_proxy: draft.https_proxy.trim(),
        timeout_seconds: draft.timeout_seconds,
        deadline_seconds: draft.deadline_seconds,
        retries: draft.retries,
        calls_per_user_per_day: draft.calls_per_user_per_day,
        cache_enabled: draft.cache_enabled,
        search_mode: draft.search_mode,
        search_match: draft.search_match,
        summariesonly: draft.summariesonly,
        max_sighting_candidates: draft.max_sighting_candidates,
        history_max_age_days: draft.history_max_age_days,
        history_max_records: draft.history_max_records,
    };
    for (const dataset of DATASETS) form[`ttl_seconds.${dataset}`] = draft.ttl[dataset];
    if (draft.indexes.trim() !== '') form.indexes = draft.indexes.trim();
    return form;
}

/** The per-field reasons of a 400 `invalid_settings` answer (field name -> reason); empty for other errors. */
export function fieldErrors(error: unknown): Readonly<Record<string, string>> {
    if (!(error instanceof RestError) || error.code !== 'invalid_settings') return {};
    const fields = error.detail?.fields;
    if (!isRecord(fields)) return {};
    return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** `GET passivetotal/setup`. */
export async function getSetup(signal?: AbortSignal): Promise<SetupData> {
    return parseSetup(await restGet(endpointPath('setup'), signal ? { signal } : {}));
}

/** `POST passivetotal/setup`: validates and saves; answers the new state. */
export async function saveSettings(draft: SettingsDraft, signal?: AbortSignal): Promise<SetupData> {
    return parseSetup(
        await restPost(endpointPath('setup'), { form: draftToForm(draft), ...(signal ? { signal } : {}) })
    );
}

/** `POST passivetotal/credentials`: stores the username and key (replacing any other credential). */
export async function saveCredential(username: string, apiKey: string, signal?: AbortSignal): Promise<CredentialState> {
    const body = await restPost(endpointPath('credentials'), {
        form: { username: username.trim(), api_key: apiKey },
        ...(signal ? { signal } : {}),
    });
    return parseCredential(body);
}

/** `DELETE passivetotal/credentials`. */
export async function removeCredential(signal?: AbortSignal): Promise<CredentialState> {
    return parseCredential(await restDelete(endpointPath('credentials'), signal ? { signal } : {}));
}

/** `POST passivetotal/setup` with some fields only (e.g. `provider.crtsh.enabled`, `order.whois`); answers the new state. */
export async function saveSetupFields(
    form: Readonly<Partial<Record<catalogue.SetupField, string | number | boolean>>>,
    signal?: AbortSignal
): Promise<SetupData> {
    return parseSetup(await restPost(endpointPath('setup'), { form, ...(signal ? { signal } : {}) }));
}

/** What `credentials` answers for an open provider's key (never the key). */
export interface ProviderKeyState {
    readonly provider: string;
    readonly configured: boolean;
    readonly keyStored: boolean;
    readonly username: string | null;
}

function parseProviderKey(body: unknown, provider: string): ProviderKeyState {
    if (!isRecord(body)) throw malformed();
    return {
        provider: typeof body.provider === 'string' ? body.provider : provider,
        configured: body.configured === true,
        keyStored: body.keyStored === true,
        username: typeof body.username === 'string' ? body.username : null,
    };
}

/** `POST passivetotal/credentials` with `provider=<id>`: stores an open provider's key (CIRCL: with a username). */
export async function saveProviderKey(
    provider: string,
    apiKey: string,
    username: string | undefined,
    signal?: AbortSignal
): Promise<ProviderKeyState> {
    const form = { provider, api_key: apiKey, ...(username === undefined ? {} : { username: username.trim() }) };
    return parseProviderKey(
        await restPost(endpointPath('credentials'), { form, ...(signal ? { signal } : {}) }),
        provider
    );
}

/** `DELETE passivetotal/credentials?provider=<id>`: removes an open provider's key. */
export async function removeProviderKey(provider: string, signal?: AbortSignal): Promise<ProviderKeyState> {
    return parseProviderKey(
        await restDelete(endpointPath('credentials'), { query: { provider }, ...(signal ? { signal } : {}) }),
        provider
    );
}

/** `GET passivetotal/check?provider=<id>`: the provider answered its test query (the endpoint's words). */
export async function checkProvider(provider: string, signal?: AbortSignal): Promise<string> {
    const body = await restGet(endpointPath('check'), { query: { provider }, ...(signal ? { signal } : {}) });
    if (!isRecord(body) || typeof body.text !== 'string') throw malformed();
    return body.text;
}

/** A provider after a key was saved or removed: `ready` follows from enabled, configured and valid settings. */
export function withKeyState(state: ProviderState, key: ProviderKeyState): ProviderState {
    return {
        ...state,
        keyStored: key.keyStored,
        configured: key.configured,
        username: key.username,
        ready: state.enabled && key.configured && state.settingsError === null,
    };
}
