/**
 * Which intelligence providers the investigation page asks, read once from the endpoint's `status`: PassiveTotal
 * when its credential is set, and every open provider the endpoint reports `ready`, behind core's composite
 * provider in the setup's order per dataset group. It also says, for a dataset no provider in use can fill, which
 * provider could and why it is not asked ("Host pairs come from PassiveTotal, which is not configured").
 */
import {
    CompositeProvider,
    ON_DEMAND_DATASETS,
    PROVIDER_IDS,
    PROVIDER_LABELS,
    createCompositeProvider,
    indicatorTypeLabel,
    type Dataset,
    type DatasetGroup,
    type FetchLike,
    type Indicator,
    type IntelProvider,
    type RouteBuilder,
} from '@passivetotal/core';
import { parseStatus } from '../api/app-endpoint';
import { parseGroupOrder, parseProviderStates, type ProviderState } from './provider-states';
import { DEFAULT_SEARCH_SETTINGS, parseSearchSettings, type SearchSettings } from './search-settings';

/** Why a provider that could fill a dataset is not asked. */
export type UnusedReason = 'not-configured' | 'needs-key' | 'disabled' | 'invalid-settings' | 'not-in-order';

/** A provider that could fill a dataset but is not asked. */
export interface UnusedProvider {
    readonly id: string;
    readonly label: string;
    readonly reason: UnusedReason;
}

/** The providers the page asks, and what it can say about the others. */
export interface IntelSources {
    /** What the page asks: the composite of the providers in use. */
    readonly provider: IntelProvider;
    /** The providers that could fill `dataset` for `indicator` but are not asked, and why (empty: nobody could). */
    unused(dataset: Dataset, indicator: Indicator): readonly UnusedProvider[];
    /** PassiveTotal is configured (its quota is worth showing). */
    readonly passiveTotalConfigured: boolean;
    /** The user may change the setup (the app's admin capability): the page links to it. */
    readonly canConfigure: boolean;
    /** Something the analyst should know about the sources themselves (e.g. `status` failed), shown above the tabs. */
    readonly notice?: string;
    /** How local data is searched (the administrator's settings). */
    readonly search: SearchSettings;
}

/** How the providers reach the endpoint: one transport, the PassiveTotal and the open providers' routes. */
export interface IntelTransport {
    readonly fetch: FetchLike;
    readonly ptRoutes: RouteBuilder;
    readonly openRoutes: RouteBuilder;
}

const ID_BY_LABEL: ReadonlyMap<string, string> = new Map(PROVIDER_IDS.map((id) => [PROVIDER_LABELS[id], id]));

function reasonOf(id: string, passiveTotalConfigured: boolean, states: ReadonlyMap<string, ProviderState>) {
    if (id === 'passivetotal') return passiveTotalConfigured ? 'not-in-order' : 'not-configured';
    const state = states.get(id);
    if (!state) return 'not-configured';
    if (!state.enabled) return 'disabled';
    if (!state.configured) return 'needs-key';
    if (!state.ready || state.settingsError !== null) return 'invalid-settings';
    return 'not-in-order';
}

/** The labels `wouldFill` gives for a dataset (searches asked on demand are judged without the indicator). */
function wouldFill(composite: CompositeProvider, dataset: Dataset, indicator: Indicator): readonly string[] {
    return ON_DEMAND_DATASETS.includes(dataset)
        ? composite.wouldFill(dataset)
        : composite.wouldFill(dataset, indicator);
}

/**
 * The sources of a `status` answer.
 *
 * @example sourcesFromStatus(statusBody, { fetch: restFetch, ptRoutes: restRoutes, openRoutes: restOpenRoutes }).provider.datasetsFor(domain)
 */
export function sourcesFromStatus(body: unknown, transport: IntelTransport): IntelSources {
    const status = parseStatus(body);
    const doc = body as { providers?: unknown; datasetOrder?: unknown; search?: unknown };
    const providers = parseProviderStates(doc.providers);
    const states = new Map(providers.map((p) => [p.id, p]));
    const configured = [
        ...(status.configured ? ['passivetotal'] : []),
        ...providers.filter((p) => p.ready).map((p) => p.id),
    ];
    const composite = createCompositeProvider({
        ...transport,
        order: parseGroupOrder(doc.datasetOrder),
        configured,
    });
    return {
        provider: composite,
        unused: (dataset, indicator) =>
            wouldFill(composite, dataset, indicator).map((label) => {
                const id = ID_BY_LABEL.get(label) ?? label;
                return { id, label, reason: reasonOf(id, status.configured, states) };
            }),
        passiveTotalConfigured: status.configured,
        canConfigure: status.capabilities.admin,
        search: parseSearchSettings(doc.search),
    };
}

/** PassiveTotal in every group: what the page asks when it cannot tell which providers are set up. */
const PASSIVETOTAL_ONLY: Readonly<Record<DatasetGroup, readonly string[]>> = {
    whois: ['passivetotal'],
    certificates: ['passivetotal'],
    resolutions: ['passivetotal'],
    reputation: ['passivetotal'],
    host_attributes: ['passivetotal'],
};

/**
 * The sources when `status` could not be read: PassiveTotal alone, and a notice saying so.
 *
 * @example fallbackSources(transport, 'Splunk Web did not answer.').notice // 'The app could not tell which ...'
 */
export function fallbackSources(transport: IntelTransport, why: string): IntelSources {
    return {
        provider: createCompositeProvider({ ...transport, order: PASSIVETOTAL_ONLY, configured: ['passivetotal'] }),
        unused: () => [],
        passiveTotalConfigured: true,
        canConfigure: false,
        search: DEFAULT_SEARCH_SETTINGS,
        notice: `The app could not tell which intelligence providers are set up (${why.replace(/\.$/, '')}), so only PassiveTotal is asked.`,
    };
}

/**
 * A single provider as the page's sources (a backend without `status`, e.g. a test double): it fills what it
 * offers; a composite also names the providers that would fill the rest.
 */
export function staticSources(provider: IntelProvider): IntelSources {
    return {
        provider,
        unused: (dataset, indicator) =>
            provider instanceof CompositeProvider
                ? wouldFill(provider, dataset, indicator).map((label) => ({
                      id: ID_BY_LABEL.get(label) ?? label,
                      label,
                      reason: 'not-configured' as const,
                  }))
                : [],
        passiveTotalConfigured:
            provider.id === 'passivetotal' ||
            (provider instanceof CompositeProvider && provider.providerIds.includes('passivetotal')),
        canConfigure: false,
        search: DEFAULT_SEARCH_SETTINGS,
    };
}

/**
 * Reads `status` once and builds the sources; never rejects (a failure gives {@link fallbackSources}).
 *
 * @example const sources = await loadIntelSources(() => restGet('passivetotal/status'), transport);
 */
export async function loadIntelSources(
    readStatus: () => Promise<unknown>,
    transport: IntelTransport
): Promise<IntelSources> {
    try {
        return sourcesFromStatus(await readStatus(), transport);
    } catch (error) {
        return fallbackSources(transport, error instanceof Error ? error.message : String(error));
    }
}

/**
 * A provider that asks the sources' provider once they are known: `fetch` waits for them, `datasets` and
 * `datasetsFor` are empty until then. The hooks take the provider from the backend, so it stays one object for the whole page.
 */
export function deferredProvider(load: () => Promise<IntelSources>): IntelProvider {
    let known: IntelProvider | undefined;
    const ready = async () => {
        known ??= (await load()).provider;
        return known;
    };
    return {
        id: 'sources',
        label: 'Intelligence sources',
        datasets: () => known?.datasets() ?? [],
        datasetsFor: (indicator) => known?.datasetsFor(indicator) ?? [],
        fetch: async (dataset, indicator, options) => (await ready()).fetch(dataset, indicator, options),
    };
}

// ---------------------------------------------------------------------------------------------------------------
// In words

/** What each dataset is, for "X comes from Y": the noun and whether it takes a plural verb. */
const WHAT: Readonly<Record<Dataset, readonly [string, boolean]>> = {
    resolutions: ['Passive DNS records', true],
    'unique-resolutions': ['Unique resolutions', true],
    whois: ['WHOIS', false],
    'whois-by-email': ['WHOIS search by email', false],
    'whois-by-nameserver': ['WHOIS search by name server', false],
    'certificate-history': ['Certificate history', false],
    'certificate-details': ['Certificate details', true],
    'certificates-for-name': ['Certificates', true],
    enrichment: ['Enrichment', false],
    subdomains: ['Subdomains', true],
    osint: ['OSINT reports', true],
    malware: ['Malware samples', true],
    components: ['Web components', true],
    trackers: ['Trackers', true],
    'host-pairs-parents': ['Host pairs', true],
    'host-pairs-children': ['Host pairs', true],
    cookies: ['Cookies', true],
    'tracker-hosts': ['Hosts sharing a tracker', true],
    quota: ['The quota', false],
    reputation: ['Reputation', false],
    'host-services': ['Open ports', true],
};

const REASON_WORDS: Readonly<Record<UnusedReason, readonly [string, string]>> = {
    'not-configured': ['which is not configured', 'not configured'],
    'needs-key': ['which needs an API key', 'needs an API key'],
    disabled: ['which is turned off', 'turned off'],
    'invalid-settings': ['whose settings are invalid', 'invalid settings'],
    'not-in-order': ["which is not in this dataset's provider order", 'not in the order'],
};

const article = (words: string) => (/^[aeiouAEIOU]/.test(words) ? `an ${words}` : `a ${words}`);

function orList(items: readonly string[]): string {
    if (items.length < 2) return items.join('');
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/**
 * Why a dataset is empty, in words: who would fill it, or that nobody can for this type.
 *
 * @example wouldFillWords('host-pairs-parents', domain, [{ id: 'passivetotal', label: 'PassiveTotal', reason: 'not-configured' }])
 * // 'Host pairs come from PassiveTotal, which is not configured.'
 * @example wouldFillWords('host-services', domain, []) // 'No configured source has open ports for a domain.'
 */
export function wouldFillWords(dataset: Dataset, indicator: Indicator, unused: readonly UnusedProvider[]): string {
    const [noun, plural] = WHAT[dataset];
    const [only, ...others] = unused;
    if (!only)
        return `No configured source has ${noun.toLowerCase()} for ${article(indicatorTypeLabel(indicator.type))}.`;
    if (others.length === 0) {
        return `${noun} ${plural ? 'come' : 'comes'} from ${only.label}, ${REASON_WORDS[only.reason][0]}.`;
    }
    const list = unused.map((u) => `${u.label} (${REASON_WORDS[u.reason][1]})`);
    return `${noun} could come from ${orList(list)}.`;
}
