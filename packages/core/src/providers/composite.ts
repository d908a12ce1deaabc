/**
 * The composite provider: several providers behind one {@link IntelProvider}, asked in parallel per dataset in the
 * order the setup gives (`[datasets] order.<group>`), their answers merged. Each row keeps the id of the provider
 * it came from; providers that failed while others answered are reported as `problems` beside the data.
 */
import type { Indicator } from '../indicators/indicator';
import type {
    Certificate,
    Component,
    Enrichment,
    RecordPage,
    ReputationEntry,
    Resolution,
    Resolutions,
} from '../model/intel-model';
import { GROUPS, type GroupId } from '../catalogue/catalogue.generated';
import {
    VALUE_KINDS,
    type ValueKind,
    type ValueSearch,
    type ValueSearchResult,
    type ValueSearchSource,
} from '../pivots/value-search';
import { OPEN_PROVIDER_IDS, isProviderId, type OpenProviderId, type ProviderId } from './open/catalogue';
import { dateRange } from './open/common';
import { OpenProvider } from './open/open-provider';
import { ON_DEMAND_DATASETS, PassiveTotalProvider } from './passivetotal/passivetotal-provider';
import { providerError, type FetchLike, type RouteBuilder } from './passivetotal/proxy-client';
import type {
    Dataset,
    DatasetTypes,
    FetchOptions,
    IntelProvider,
    ProviderProblem,
    ProviderResult,
    ProviderSuccess,
} from './provider';

// ---------------------------------------------------------------------------------------------------------------
// The order

/** The dataset groups of the setup's `[datasets]` stanza (`order.<group> = id,id,...`), the catalogue's `groups`. */
export const DATASET_GROUPS = Object.keys(GROUPS) as readonly GroupId[];

/** A dataset group. */
export type DatasetGroup = GroupId;

/**
 * The providers of each dataset group, in order (earlier providers' rows come first and win duplicates).
 *
 * @example const order: DatasetOrder = { whois: ['rdap'], certificates: ['passivetotal', 'crtsh', 'certspotter'] };
 */
export type DatasetOrder = Readonly<Partial<Record<DatasetGroup, readonly string[]>>>;

/** The order the app ships (the catalogue's `groups`, written to `default/passivetotal.conf` `[datasets]`). */
export const DEFAULT_DATASET_ORDER: Readonly<Record<DatasetGroup, readonly ProviderId[]>> = Object.freeze(
    Object.fromEntries(
        DATASET_GROUPS.map((g): [DatasetGroup, readonly ProviderId[]] => [g, GROUPS[g].order])
    ) as Record<DatasetGroup, readonly ProviderId[]>
);

/**
 * The core datasets each group orders. Datasets outside every group (host pairs, trackers, cookies, enrichment,
 * OSINT, certificate history...) only PassiveTotal answers; it is asked for them whenever it is configured.
 * PassiveTotal in `reputation` contributes its enrichment's classification and tags as a reputation entry.
 */
export const GROUP_DATASETS: Readonly<Record<DatasetGroup, readonly Dataset[]>> = Object.freeze({
    whois: ['whois'],
    certificates: ['certificates-for-name'],
    resolutions: ['resolutions'],
    reputation: ['reputation'],
    host_attributes: ['components', 'host-services'],
});

/**
 * The group of a dataset, or undefined for datasets outside every group.
 *
 * @example groupOf('certificates-for-name') // 'certificates'
 */
export function groupOf(dataset: Dataset): DatasetGroup | undefined {
    return DATASET_GROUPS.find((g) => GROUP_DATASETS[g].includes(dataset));
}

/**
 * Reads the setup's order settings: keys `order.<group>` or `<group>`, values comma-separated ids or lists. Unknown
 * groups and provider ids, blanks and repeats are dropped; a missing group keeps the default.
 *
 * @example datasetOrderFromSettings({ 'order.whois': 'rdap', 'order.certificates': 'crtsh, passivetotal, crtsh, nope' })
 * // { whois: ['rdap'], certificates: ['crtsh', 'passivetotal'], resolutions: [...default], reputation: [...default], host_attributes: [...default] }
 */
export function datasetOrderFromSettings(
    settings: Readonly<Record<string, string | readonly string[] | undefined>>
): Readonly<Record<DatasetGroup, readonly ProviderId[]>> {
    const out: Record<DatasetGroup, readonly ProviderId[]> = { ...DEFAULT_DATASET_ORDER };
    for (const group of DATASET_GROUPS) {
        const raw = settings[`order.${group}`] ?? settings[group];
        if (raw === undefined) continue;
        const ids = (typeof raw === 'string' ? raw.split(',') : raw).map((s) => s.trim().toLowerCase());
        out[group] = [...new Set(ids.filter(isProviderId))];
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Merging

/** Datasets whose records carry a `provider` field, filled in with the answering provider's id when missing. */
const STAMPED: ReadonlySet<Dataset> = new Set<Dataset>([
    'resolutions',
    'whois',
    'whois-by-email',
    'whois-by-nameserver',
    'certificate-details',
    'certificates-for-name',
    'osint',
    'malware',
    'components',
    'trackers',
    'host-services',
]);

type Keys = (record: never) => readonly string[];

const lower = (...parts: readonly (string | number | undefined)[]) =>
    parts.map((p) => (p === undefined ? '' : String(p).toLowerCase())).join('\u0000');

/** The identities of a certificate: any one shared makes two rows the same certificate. */
function certificateKeys(c: Certificate): readonly string[] {
    const keys: string[] = [];
    if (c.sha1 !== '') keys.push(`sha1:${c.sha1}`);
    if (c.fingerprint !== undefined) keys.push(`fp:${c.fingerprint.toLowerCase()}`);
    if (c.serialNumber !== undefined) keys.push(`serial:${lower(c.issuer.commonName, c.serialNumber)}`);
    if (keys.length === 0) {
        keys.push(lower(c.provider, c.issued, c.expires, c.subject.commonName, c.subjectAlternativeNames.join(',')));
    }
    return keys;
}

/** How rows of a dataset are told apart; rows with a key already seen are dropped (the earlier provider wins). */
const KEYS: { readonly [D in Dataset]?: Keys } = {
    whois: (w: DatasetTypes['whois']['records'][number]) => [lower(w.provider, w.domain, w.registered, w.lastLoaded)],
    'certificates-for-name': certificateKeys,
    'certificate-details': certificateKeys,
    components: (c: Component) => [lower(c.host, c.label, c.category, c.version)],
    'host-services': (s: DatasetTypes['host-services']['records'][number]) => [lower(s.port, s.protocol)],
    reputation: (r: ReputationEntry) => [
        lower(r.provider, r.verdict, r.threat, r.malware, r.reference, r.firstSeen, r.tags.join(',')),
    ],
};

function stamp<T>(records: readonly T[], provider: string): T[] {
    return records.map((r) => ((r as { provider?: string }).provider === undefined ? { ...r, provider } : r));
}

interface Answer<T> {
    readonly provider: string;
    readonly result: ProviderSuccess<T>;
}

function isPage(v: unknown): v is RecordPage<unknown> {
    return typeof v === 'object' && v !== null && Array.isArray((v as { records?: unknown }).records);
}

/** `total` after merging: the merged rows, plus what each source reported beyond the rows it sent. */
function mergedTotal(pages: readonly RecordPage<unknown>[], rows: number): number {
    return rows + pages.reduce((sum, p) => sum + Math.max(0, p.total - p.records.length), 0);
}

function mergePages<T>(dataset: Dataset, answers: readonly Answer<RecordPage<T>>[]): RecordPage<T> {
    const keys = KEYS[dataset] as ((r: T) => readonly string[]) | undefined;
    const seen = new Set<string>();
    const records: T[] = [];
    for (const a of answers) {
        const rows = STAMPED.has(dataset) ? stamp(a.result.value.records, a.provider) : a.result.value.records;
        for (const r of rows) {
            const ks = keys ? keys(r) : [JSON.stringify(r)];
            if (ks.some((k) => seen.has(k))) continue;
            for (const k of ks) seen.add(k);
            records.push(r);
        }
    }
    const pages = answers.map((a) => a.result.value);
    const truncated = pages.some((p) => p.truncated === true);
    return {
        ...answers[0]?.result.value,
        records,
        total: mergedTotal(pages, records.length),
        ...(truncated ? { truncated } : {}),
    };
}

/**
 * Merges passive DNS answers: rows with the same value, answer and record type are one, with the sources united,
 * the earliest first seen and the latest last seen; the row keeps the first provider's id.
 */
function mergeResolutions(answers: readonly Answer<Resolutions>[]): Resolutions {
    const byKey = new Map<string, Resolution>();
    for (const a of answers) {
        for (const r of stamp(a.result.value.records, a.provider)) {
            const k = lower(r.value, r.resolve, r.recordType);
            const seen = byKey.get(k);
            if (!seen) {
                byKey.set(k, r);
                continue;
            }
            const first = dateRange([seen.firstSeen, r.firstSeen]).firstSeen;
            const last = dateRange([seen.lastSeen, r.lastSeen]).lastSeen;
            byKey.set(k, {
                ...seen,
                sources: [...new Set([...seen.sources, ...r.sources])],
                ...(first === undefined ? {} : { firstSeen: first }),
                ...(last === undefined ? {} : { lastSeen: last }),
            });
        }
    }
    const records = [...byKey.values()];
    const pages = answers.map((a) => a.result.value);
    const range = dateRange([
        ...pages.flatMap((p) => [p.firstSeen, p.lastSeen]),
        ...records.flatMap((r) => [r.firstSeen, r.lastSeen]),
    ]);
    const truncated = pages.some((p) => p.truncated === true);
    return {
        queryValue: pages[0]?.queryValue ?? '',
        records,
        total: mergedTotal(pages, records.length),
        ...range,
        ...(truncated ? { truncated } : {}),
    };
}

/**
 * PassiveTotal's enrichment as a reputation entry: its classification as the verdict, its tags, and the
 * ever-compromised, sinkhole and dynamic DNS flags as tags. Nothing known (unknown, no tags, no flag) is no entry.
 *
 * @example reputationFromEnrichment({ classification: 'malicious', tags: ['phishing'], everCompromised: true, ... }) // [{ provider: 'passivetotal', verdict: 'malicious', tags: ['phishing', 'ever compromised'] }]
 */
export function reputationFromEnrichment(e: Enrichment, provider = 'passivetotal'): readonly ReputationEntry[] {
    const tags = [
        ...e.tags,
        ...(e.everCompromised === true ? ['ever compromised'] : []),
        ...(e.sinkhole === true ? ['sinkhole'] : []),
        ...(e.dynamicDns === true ? ['dynamic DNS'] : []),
    ];
    if (e.classification === 'unknown' && tags.length === 0) return [];
    return [{ provider, verdict: e.classification, tags }];
}

// ---------------------------------------------------------------------------------------------------------------
// The provider

/** Options of {@link CompositeProvider}. */
export interface CompositeOptions {
    /** The providers that can be used (configured and enabled), in no particular order. */
    readonly providers: readonly IntelProvider[];
    /** The order per group; a group not given uses {@link DEFAULT_DATASET_ORDER}. */
    readonly order?: DatasetOrder;
    /**
     * Providers that cannot be used now (not configured, disabled): never asked, only named by
     * {@link CompositeProvider.wouldFill}.
     */
    readonly unavailable?: readonly IntelProvider[];
}

/** The dataset whose records a value search returns: its group orders the providers, its keys drop duplicates. */
const SEARCH_DATASET: Readonly<Record<ValueSearchSource, Dataset>> = {
    whois: 'whois',
    certificates: 'certificates-for-name',
};

/** Datasets a provider answers without offering them in `datasetsFor` (searches asked on demand, the quota). */
const ASKED_ON_DEMAND: readonly Dataset[] = [...ON_DEMAND_DATASETS, 'quota'];

/** True when a list of a provider's datasets holds a dataset (reputation: also through its enrichment). */
function fills(own: readonly Dataset[], dataset: Dataset): boolean {
    return own.includes(dataset) || (dataset === 'reputation' && own.includes('enrichment'));
}

/** True when a provider offers a dataset for an indicator. */
function offers(provider: IntelProvider, dataset: Dataset, indicator: Indicator): boolean {
    return fills(provider.datasetsFor(indicator), dataset);
}

/**
 * Several providers as one. `fetch` asks every provider of the dataset (in the group's order, those configured) in
 * parallel and merges: resolutions by value, answer and record type (sources united, earliest first seen, latest
 * last seen); other record lists concatenated in order, duplicates dropped (certificates by SHA-1, fingerprint or
 * issuer and serial); single values (enrichment, quota) from the first provider that answered. Rows keep their
 * `provider`. Failures beside successes are `problems`; when every provider failed, the first error is the answer.
 *
 * @example
 * const intel = new CompositeProvider({ providers: [pt, rdap, crtsh], order: { certificates: ['crtsh', 'passivetotal'] } });
 * await intel.fetch('certificates-for-name', domain) // { ok: true, value: { records: [crt.sh rows, then PassiveTotal's], ... }, problems: [] or [{ provider: 'crtsh', error }] }
 * intel.wouldFill('host-pairs-parents') // ['PassiveTotal'] when PassiveTotal is not configured
 */
export class CompositeProvider implements IntelProvider {
    readonly id = 'composite';
    readonly label: string;
    private readonly providers: readonly IntelProvider[];
    private readonly unavailable: readonly IntelProvider[];
    private readonly order: Readonly<Record<DatasetGroup, readonly string[]>>;

    constructor(options: CompositeOptions) {
        this.providers = options.providers;
        this.unavailable = options.unavailable ?? [];
        this.order = { ...DEFAULT_DATASET_ORDER, ...options.order };
        this.label = this.providers.length === 0 ? 'No source' : this.providers.map((p) => p.label).join(', ');
    }

    /** The ids of the providers this composite can ask. */
    get providerIds(): readonly string[] {
        return this.providers.map((p) => p.id);
    }

    /** The providers allowed for a dataset, in order: the group's order, or every provider outside groups. */
    private allowed(dataset: Dataset): readonly IntelProvider[] {
        const group = groupOf(dataset);
        if (!group) return this.providers;
        return this.order[group].flatMap((id) => this.providers.filter((p) => p.id === id));
    }

    /**
     * The ids of the providers `fetch` asks for a dataset about an indicator, in order (empty when none).
     *
     * @example intel.providersFor('resolutions', ip) // ['passivetotal', 'mnemonic', 'otx']
     */
    providersFor(dataset: Dataset, indicator: Indicator): readonly string[] {
        return this.askable(dataset, indicator).map((p) => p.id);
    }

    private askable(dataset: Dataset, indicator: Indicator): readonly IntelProvider[] {
        const onDemand = ASKED_ON_DEMAND.includes(dataset);
        return this.allowed(dataset).filter((p) => onDemand || offers(p, dataset, indicator));
    }

    datasets(): readonly Dataset[] {
        const all = new Set(this.providers.flatMap((p) => [...p.datasets(), 'reputation' as const]));
        return [...all].filter((d) => this.allowed(d).some((p) => fills(p.datasets(), d)));
    }

    datasetsFor(indicator: Indicator): readonly Dataset[] {
        const out: Dataset[] = [];
        for (const p of this.providers) {
            for (const d of [...p.datasetsFor(indicator), 'reputation' as const]) {
                if (!out.includes(d) && this.askable(d, indicator).includes(p)) out.push(d);
            }
        }
        return out;
    }

    /**
     * The labels of providers that could fill a dataset (for an indicator, if given) but are not used for it: not
     * configured, disabled, or left out of the dataset's order. The UI says "Host pairs need PassiveTotal".
     *
     * @example intel.wouldFill('host-pairs-parents') // ['PassiveTotal']
     * @example intel.wouldFill('resolutions', domain) // ['AlienVault OTX', 'CIRCL Passive DNS'] when neither has a key
     */
    wouldFill(dataset: Dataset, indicator?: Indicator): readonly string[] {
        const used = indicator ? this.askable(dataset, indicator) : this.allowed(dataset);
        const candidates = [...this.providers, ...this.unavailable].filter((p) => !used.includes(p));
        const could = (p: IntelProvider) => (indicator ? offers(p, dataset, indicator) : fills(p.datasets(), dataset));
        return [...new Set(candidates.filter(could).map((p) => p.label))];
    }

    async fetch<D extends Dataset>(
        dataset: D,
        indicator: Indicator,
        options: FetchOptions = {}
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const members = this.askable(dataset, indicator);
        if (members.length === 0) {
            const could = this.wouldFill(dataset, indicator);
            return providerError(
                'unsupported',
                `No configured source offers ${dataset} for a ${indicator.type}${could.length > 0 ? `; ${could.join(', ')} could` : ''}`
            );
        }
        const results = await Promise.all(members.map((p) => this.fetchFrom(p, dataset, indicator, options)));
        const answers: Answer<DatasetTypes[D]>[] = [];
        const failures: ProviderProblem[] = [];
        results.forEach((result, i) => {
            const provider = members[i]?.id ?? '';
            if (result.ok) answers.push({ provider, result });
            else failures.push({ provider, error: result });
        });
        const relevant = failures.filter((f) => f.error.kind !== 'unsupported');
        const firstFailure = relevant[0] ?? failures[0];
        if (answers.length === 0 && firstFailure) return firstFailure.error;
        const problems = [...relevant, ...answers.flatMap((a) => a.result.problems ?? [])];
        const fetched = answers.flatMap((a) => (a.result.fetchedAt === undefined ? [] : [a.result.fetchedAt])).sort();
        return {
            ok: true,
            value: merge(dataset, answers),
            cached: answers.every((a) => a.result.cached),
            ...(fetched[0] === undefined ? {} : { fetchedAt: fetched[0] }),
            ...(problems.length === 0 ? {} : { problems }),
        };
    }

    /** The providers asked for a kind of value search, in the order of the group of its records. */
    private searchers(kind: ValueKind): readonly IntelProvider[] {
        const source = VALUE_KINDS[kind].search?.source;
        if (source === undefined) return [];
        return this.allowed(SEARCH_DATASET[source]).filter((p) => p.valueSearches?.().includes(kind) === true);
    }

    /** The kinds of values some provider in use searches by. */
    valueSearches(): readonly ValueKind[] {
        return (Object.keys(VALUE_KINDS) as ValueKind[]).filter((k) => this.searchers(k).length > 0);
    }

    /**
     * Asks every provider in use that searches by the value's kind, in parallel, and merges their records like the
     * dataset of the same records (WHOIS records, certificates); failures beside answers are `problems`.
     *
     * @example await intel.searchValue({ kind: 'whois-organization', value: 'Secure Update Services' }) // { ok: true, value: { source: 'whois', page: { records: [...] } } }
     */
    async searchValue(search: ValueSearch, options: FetchOptions = {}): Promise<ProviderResult<ValueSearchResult>> {
        const members = this.searchers(search.kind);
        const source = VALUE_KINDS[search.kind].search?.source;
        if (members.length === 0 || source === undefined) {
            return providerError('unsupported', `No configured source searches by ${VALUE_KINDS[search.kind].label}`);
        }
        const results = await Promise.all(
            members.map(
                (p): Promise<ProviderResult<ValueSearchResult>> =>
                    p.searchValue?.(search, options) ??
                    Promise.resolve(providerError('unsupported', `${p.label} cannot search values`))
            )
        );
        const answers: Answer<RecordPage<unknown>>[] = [];
        const failures: ProviderProblem[] = [];
        results.forEach((result, i) => {
            const provider = members[i]?.id ?? '';
            if (result.ok) answers.push({ provider, result: { ...result, value: result.value.page } });
            else failures.push({ provider, error: result });
        });
        const [firstFailure] = failures;
        if (answers.length === 0 && firstFailure) return firstFailure.error;
        const page = mergePages(SEARCH_DATASET[source], answers);
        // Every answer's records are of the kind's source (WHOIS records or certificates).
        const value = { source, page } as ValueSearchResult;
        const problems = [...failures, ...answers.flatMap((a) => a.result.problems ?? [])];
        return {
            ok: true,
            value,
            cached: answers.every((a) => a.result.cached),
            ...(problems.length === 0 ? {} : { problems }),
        };
    }

    /** One provider's answer; PassiveTotal's reputation is its enrichment. */
    private async fetchFrom<D extends Dataset>(
        provider: IntelProvider,
        dataset: D,
        indicator: Indicator,
        options: FetchOptions
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        if (dataset !== 'reputation' || provider.datasetsFor(indicator).includes('reputation')) {
            return provider.fetch(dataset, indicator, options);
        }
        const e = await provider.fetch('enrichment', indicator, options);
        if (!e.ok) return e;
        const records = reputationFromEnrichment(e.value, provider.id);
        const value: DatasetTypes['reputation'] = { records, total: records.length };
        return { ...e, value: value as DatasetTypes[D] };
    }
}

function merge<D extends Dataset>(dataset: D, answers: readonly Answer<DatasetTypes[D]>[]): DatasetTypes[D] {
    const [only, ...others] = answers;
    if (only && others.length === 0) {
        // One answer is kept as it is, its rows given the provider's id.
        const value: unknown = only.result.value;
        const stamped = STAMPED.has(dataset) && isPage(value);
        return (stamped ? { ...value, records: stamp(value.records, only.provider) } : value) as DatasetTypes[D];
    }
    if (dataset === 'resolutions') {
        return mergeResolutions(answers as unknown as readonly Answer<Resolutions>[]) as DatasetTypes[D];
    }
    const first = answers[0]?.result.value;
    if (isPage(first)) {
        return mergePages(dataset, answers as unknown as readonly Answer<RecordPage<unknown>>[]) as DatasetTypes[D];
    }
    return first as DatasetTypes[D];
}

// ---------------------------------------------------------------------------------------------------------------
// The factory

/** What {@link createCompositeProvider} needs: the transport, both route tables, the order, what is configured. */
export interface CompositeSetup {
    /** `fetch` or a stand-in (GET, `output_mode=json`). */
    readonly fetch: FetchLike;
    /** Routes of PassiveTotal (`pt/`), e.g. `proxyRoutes(splunkdPath)`. */
    readonly ptRoutes: RouteBuilder;
    /** Routes of the open providers (`open/<id>/<operation>`), e.g. `openProxyRoutes(splunkdPath)`. */
    readonly openRoutes: RouteBuilder;
    /** The setup's order per group (missing groups: {@link DEFAULT_DATASET_ORDER}). */
    readonly order?: DatasetOrder;
    /**
     * The ids of the providers that can be used: `passivetotal` when its credentials are set; an open provider
     * when it is enabled and, if it needs a key (`OPEN_PROVIDER_KEYS`), its key is set.
     */
    readonly configured: readonly string[];
}

/**
 * The composite of every provider the app knows, from the setup: the configured ones asked in the order's
 * sequence, the others only named by `wouldFill`.
 *
 * @example
 * const intel = createCompositeProvider({
 *     fetch, ptRoutes: proxyRoutes(splunkd), openRoutes: openProxyRoutes(splunkd),
 *     order: { whois: ['rdap'], certificates: ['passivetotal', 'crtsh', 'certspotter'] },
 *     configured: ['rdap', 'crtsh', 'mnemonic', 'internetdb'],
 * });
 * intel.datasetsFor(domain) // ['whois', 'certificates-for-name', 'resolutions']
 * intel.wouldFill('host-pairs-parents') // ['PassiveTotal']
 */
export function createCompositeProvider(setup: CompositeSetup): CompositeProvider {
    const all: IntelProvider[] = [
        new PassiveTotalProvider({ fetch: setup.fetch, routes: setup.ptRoutes }),
        ...OPEN_PROVIDER_IDS.map(
            (id: OpenProviderId) => new OpenProvider(id, { fetch: setup.fetch, routes: setup.openRoutes })
        ),
    ];
    const configured = new Set(setup.configured);
    return new CompositeProvider({
        providers: all.filter((p) => configured.has(p.id)),
        unavailable: all.filter((p) => !configured.has(p.id)),
        ...(setup.order === undefined ? {} : { order: setup.order }),
    });
}
