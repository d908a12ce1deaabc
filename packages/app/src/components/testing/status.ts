/**
 * A `status` answer of the app's endpoint (its `providers` and `datasetOrder`, one entry per open provider) for the
 * page's tests, each provider as the catalogue describes it.
 */
import {
    DEFAULT_DATASET_ORDER,
    OPEN_PROVIDER_IDS,
    operationIds,
    providerSpec,
    type OpenProviderId,
} from '@passivetotal/core';

/**
 * One provider of the `status` answer: its label, key need, the groups its operations fill, its operations and note
 * from the catalogue; enabled, ready, no key stored; `more` overrides any of it.
 */
export const providerStatus = (id: OpenProviderId, more: Record<string, unknown> = {}) => {
    const spec = providerSpec(id);
    return {
        id,
        label: spec.label,
        enabled: true,
        key: spec.auth.key,
        keyStored: false,
        configured: true,
        ready: true,
        datasets: [...new Set(Object.values(spec.operations).map((o) => o.dataset))],
        operations: operationIds(id),
        note: spec.note,
        ...more,
    };
};

/** How the providers of {@link STATUS_WITHOUT_PT} differ from "ready": CIRCL has no key, URLhaus is turned off. */
const STATES: Readonly<Partial<Record<OpenProviderId, Record<string, unknown>>>> = {
    otx: { keyStored: true },
    circl: { configured: false, ready: false },
    urlhaus: { keyStored: true, enabled: false, ready: false },
    threatfox: { keyStored: true },
};

/**
 * An administrator's status without a PassiveTotal credential: every open provider ready except CIRCL (no key)
 * and URLhaus (turned off); the shipped order, but WHOIS from RDAP only.
 */
export const STATUS_WITHOUT_PT = {
    version: '2.0.0',
    user: 'admin',
    capabilities: { query: true, admin: true },
    configured: false,
    username: null,
    baseUrl: providerSpec('passivetotal').baseUrl,
    providers: OPEN_PROVIDER_IDS.map((id) => providerStatus(id, STATES[id])),
    datasetOrder: { ...DEFAULT_DATASET_ORDER, whois: ['rdap'] },
};
