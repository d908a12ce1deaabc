/**
 * The open providers through the app's endpoint: `GET <base>/open/<id>/<operation>?q=<value>`, which answers with
 * the same envelope as PassiveTotal's routes (`{data, cached, fetchedAt, provider}`, the upstream body as `data`)
 * and the same error envelope and codes. One class, driven by a table: for each dataset a provider fills, the
 * catalogue's operations that answer it (the first whose parameter takes the host is asked), the values to ask and
 * the mapper of its answer; and how the provider reports errors inside a 200 body. The operations, their parameter
 * and which hosts it takes are the catalogue's.
 */
import { OPEN_PROVIDER_IDS, type OpenProviderId, type OperationId } from '../../catalogue/catalogue.generated';
import { operationIds, takesHost, valueParam } from '../../catalogue/lookup';
import type { HostIndicator, Indicator } from '../../indicators/indicator';
import type { RecordPage } from '../../model/intel-model';
import { ok, type Result } from '../../result';
import type { Dataset, DatasetTypes, FetchOptions, IntelProvider, ProviderProblem, ProviderResult } from '../provider';
import {
    proxySource,
    providerError,
    requestProxy,
    type FetchLike,
    type ProxySource,
    type RouteBuilder,
} from '../passivetotal/proxy-client';
import { PROVIDER_LABELS } from './catalogue';
import { certSpotterReportedError, mapCertSpotter } from './certspotter/mapper';
import { mapCircl } from './circl/mapper';
import { hostOf, resolutionsPage, type UpstreamReport } from './common';
import { mapCrtsh } from './crtsh/mapper';
import { mapInternetDbComponents, mapInternetDbServices } from './internetdb/mapper';
import { mapMnemonic, mnemonicReportedError } from './mnemonic/mapper';
import { mapOtxGeneral, mapOtxPassiveDns, otxReportedError } from './otx/mapper';
import { mapRdap, rdapReportedError } from './rdap/mapper';
import { mapThreatfox, threatfoxReportedError } from './threatfox/mapper';
import { mapUrlhaus, urlhausReportedError } from './urlhaus/mapper';

/** A mapped answer, with notes on parts that were skipped (shown as problems beside the data). */
export interface Mapped<T> {
    readonly value: T;
    readonly notes: readonly string[];
}

/** How one provider answers one dataset. */
export interface OpenOperation<P extends OpenProviderId, D extends Dataset> {
    /** The catalogue's operations that answer the dataset, in order: the first whose parameter takes the host is asked. */
    readonly operations: readonly OperationId<P>[];
    /**
     * The values to ask, in turn, while the answer is empty: the host itself, and for RDAP the parent names of a
     * host name (`www.evil.example` is not registered; `evil.example` is).
     */
    readonly queries: (host: HostIndicator) => readonly string[];
    readonly map: (data: unknown, query: string) => Result<Mapped<DatasetTypes[D]>>;
}

/** One open provider: its operations by dataset, and how it reports errors inside a 200 body. */
export interface OpenProviderSpec<P extends OpenProviderId> {
    readonly operations: { readonly [D in Dataset]?: OpenOperation<P, D> };
    readonly reportedError?: (data: unknown) => UpstreamReport | undefined;
}

/** A mapper without notes. */
function plain<T>(map: (data: unknown, query: string) => Result<T>): (data: unknown, q: string) => Result<Mapped<T>> {
    return (data, q) => {
        const r = map(data, q);
        return r.ok ? ok({ value: r.value, notes: [] }) : r;
    };
}

const itself = (host: HostIndicator): readonly string[] => [host.value];

/** At most this many parent names are asked after a host name RDAP has no record of. */
const RDAP_PARENT_LOOKUPS = 2;

/** A host name and its parents down to two labels, at most {@link RDAP_PARENT_LOOKUPS} of them. */
function withParents(host: HostIndicator): readonly string[] {
    if (host.type !== 'domain') return [host.value];
    const labels = host.value.split('.');
    const out: string[] = [];
    for (let i = 0; i <= RDAP_PARENT_LOOKUPS && labels.length - i >= 2; i++) out.push(labels.slice(i).join('.'));
    return out;
}

/** CIRCL's notes: the lines of its NDJSON answer that were not a passive DNS record. */
function skippedLinesNote(skipped: number): readonly string[] {
    if (skipped === 0) return [];
    const one = skipped === 1;
    return [
        `${skipped} line${one ? '' : 's'} of the CIRCL answer ${one ? 'was' : 'were'} not a passive DNS record and ${one ? 'was' : 'were'} skipped`,
    ];
}

/** Every open provider's table; keyed by the catalogue's open providers, so a new one does not compile without it. */
export const OPEN_PROVIDER_SPECS: { readonly [P in OpenProviderId]: OpenProviderSpec<P> } = {
    rdap: {
        operations: { whois: { operations: ['domain', 'ip'], queries: withParents, map: plain(mapRdap) } },
        reportedError: rdapReportedError,
    },
    crtsh: {
        operations: {
            'certificates-for-name': { operations: ['certificates'], queries: itself, map: plain(mapCrtsh) },
        },
    },
    certspotter: {
        operations: {
            'certificates-for-name': { operations: ['issuances'], queries: itself, map: plain(mapCertSpotter) },
        },
        reportedError: certSpotterReportedError,
    },
    mnemonic: {
        operations: { resolutions: { operations: ['resolutions'], queries: itself, map: plain(mapMnemonic) } },
        reportedError: mnemonicReportedError,
    },
    otx: {
        operations: {
            resolutions: { operations: ['passive_dns'], queries: itself, map: plain(mapOtxPassiveDns) },
            reputation: { operations: ['general'], queries: itself, map: plain(mapOtxGeneral) },
        },
        reportedError: otxReportedError,
    },
    circl: {
        operations: {
            resolutions: {
                operations: ['resolutions'],
                queries: itself,
                map: (data, q) => {
                    const r = mapCircl(data, q);
                    return r.ok ? ok({ value: r.value.resolutions, notes: skippedLinesNote(r.value.skippedLines) }) : r;
                },
            },
        },
    },
    urlhaus: {
        operations: { reputation: { operations: ['host'], queries: itself, map: plain(mapUrlhaus) } },
        reportedError: urlhausReportedError,
    },
    threatfox: {
        operations: { reputation: { operations: ['search'], queries: itself, map: plain(mapThreatfox) } },
        reportedError: threatfoxReportedError,
    },
    internetdb: {
        operations: {
            components: { operations: ['host'], queries: itself, map: plain(mapInternetDbComponents) },
            'host-services': { operations: ['host'], queries: itself, map: plain(mapInternetDbServices) },
        },
    },
};

/**
 * The operation of a provider that answers a dataset for a host: the first of the table's whose parameter takes
 * the host's type (catalogue validators), or undefined.
 *
 * @example openOperationFor('rdap', 'whois', ip) // 'ip'
 * @example openOperationFor('crtsh', 'certificates-for-name', ip) // undefined
 */
export function openOperationFor<P extends OpenProviderId>(
    id: P,
    dataset: Dataset,
    host: HostIndicator
): OperationId<P> | undefined {
    const spec: OpenProviderSpec<P> = OPEN_PROVIDER_SPECS[id];
    return spec.operations[dataset]?.operations.find((op) => takesHost(id, op, host.type));
}

/**
 * The operations of a provider the page asks, in catalogue order (others the endpoint allows are for other clients,
 * such as the search commands).
 *
 * @example openOperationsAsked('crtsh') // ['certificates']
 */
export function openOperationsAsked<P extends OpenProviderId>(id: P): readonly OperationId<P>[] {
    const spec: OpenProviderSpec<P> = OPEN_PROVIDER_SPECS[id];
    const asked = new Set<string>(Object.values(spec.operations).flatMap((o) => o.operations));
    return operationIds(id).filter((op) => asked.has(op));
}

/** Options of {@link OpenProvider}. */
export interface OpenProviderOptions {
    /** `fetch` or a stand-in; called with a GET and `output_mode=json`. */
    readonly fetch: FetchLike;
    /** The route table of the open routes, e.g. `openProxyRoutes('/en-US/splunkd/__raw')` (API path `<id>/<operation>`). */
    readonly routes: RouteBuilder;
}

function isEmptyPage(value: unknown): boolean {
    const records = (value as Partial<RecordPage<unknown>> | undefined)?.records;
    return Array.isArray(records) && records.length === 0;
}

/** The empty answer of a dataset (an upstream 404 that means "no record"). */
function emptyAnswer<D extends Dataset>(dataset: D, query: string): DatasetTypes[D] {
    const empty = dataset === 'resolutions' ? resolutionsPage(query, []) : { records: [], total: 0 };
    return empty as DatasetTypes[D];
}

/**
 * One open provider through the app's endpoint.
 *
 * @example
 * const crtsh = new OpenProvider('crtsh', { fetch, routes: openProxyRoutes('/en-US/splunkd/__raw') });
 * crtsh.datasetsFor(domain) // ['certificates-for-name']
 * await crtsh.fetch('certificates-for-name', domain) // { ok: true, value: { records: [...], total: 12 }, cached: false }
 */
export class OpenProvider<P extends OpenProviderId = OpenProviderId> implements IntelProvider {
    readonly id: P;
    readonly label: string;
    private readonly spec: OpenProviderSpec<P>;
    private readonly source: ProxySource;
    private readonly options: OpenProviderOptions;

    constructor(id: P, options: OpenProviderOptions) {
        this.id = id;
        this.label = PROVIDER_LABELS[id];
        this.spec = OPEN_PROVIDER_SPECS[id];
        this.source = proxySource(id);
        this.options = options;
    }

    datasets(): readonly Dataset[] {
        return Object.keys(this.spec.operations) as Dataset[];
    }

    datasetsFor(indicator: Indicator): readonly Dataset[] {
        const host = hostOf(indicator);
        if (!host) return [];
        return this.datasets().filter((d) => openOperationFor(this.id, d, host) !== undefined);
    }

    async fetch<D extends Dataset>(
        dataset: D,
        indicator: Indicator,
        options: FetchOptions = {}
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const op: OpenOperation<P, D> | undefined = this.spec.operations[dataset];
        const host = hostOf(indicator);
        const operation = host ? openOperationFor(this.id, dataset, host) : undefined;
        const param = operation === undefined ? undefined : valueParam(this.id, operation);
        if (!op || !host || operation === undefined || param === undefined) {
            return providerError(
                'unsupported',
                `${this.label} has no ${dataset} for a ${indicator.type}`,
                undefined,
                this.source
            );
        }
        let last: ProviderResult<DatasetTypes[D]> | undefined;
        for (const q of op.queries(host)) {
            last = await this.ask(dataset, op, `${this.id}/${operation}`, { [param]: q }, q, options);
            if (!last.ok || !isEmptyPage(last.value)) return last;
        }
        return last ?? { ok: true, value: emptyAnswer(dataset, host.value), cached: false };
    }

    private async ask<D extends Dataset>(
        dataset: D,
        op: OpenOperation<P, D>,
        route: string,
        params: Readonly<Record<string, string>>,
        q: string,
        options: FetchOptions
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const answer = await requestProxy(
            this.options.fetch,
            this.options.routes,
            route,
            params,
            options.signal,
            this.source
        );
        if (!answer.ok) {
            // The upstream's 404 (RDAP: not registered; InternetDB: nothing on this address) is an empty answer.
            if (answer.code === 'not_found') return { ok: true, value: emptyAnswer(dataset, q), cached: false };
            return answer.error;
        }
        const report = this.spec.reportedError?.(answer.data);
        if (report) return providerError(report.kind, report.reason, report.status, this.source);
        const mapped = op.map(answer.data, q);
        if (!mapped.ok) return providerError('malformed', mapped.reason, undefined, this.source);
        const problems: ProviderProblem[] = mapped.value.notes.map((note) => ({
            provider: this.id,
            error: providerError('malformed', note, undefined, this.source),
        }));
        return {
            ok: true,
            value: mapped.value.value,
            cached: answer.cached,
            ...(answer.fetchedAt === undefined ? {} : { fetchedAt: answer.fetchedAt }),
            ...(problems.length === 0 ? {} : { problems }),
        };
    }
}

/**
 * Every open provider on one transport.
 *
 * @example openProviders({ fetch, routes: openProxyRoutes('/en-US/splunkd/__raw') }).map((p) => p.id) // ['rdap', 'crtsh', ...]
 */
export function openProviders(options: OpenProviderOptions): readonly OpenProvider[] {
    return OPEN_PROVIDER_IDS.map((id) => new OpenProvider(id, options));
}
