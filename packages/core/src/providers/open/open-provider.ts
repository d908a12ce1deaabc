/**
 * The open providers through the app's endpoint: `GET <base>/open/<id>/<operation>?q=<value>`, which answers with
 * the same envelope as PassiveTotal's routes (`{data, cached, fetchedAt, provider}`, the upstream body as `data`)
 * and the same error envelope and codes. One class, driven by a table: each provider's datasets, the operation and
 * query for an indicator, the mapper of its answer, and how it reports errors inside a 200 body.
 */
import type { HostIndicator, Indicator } from '../../indicators/indicator';
import type { RecordPage } from '../../model/intel-model';
import { ok, type Result } from '../../result';
import type { Dataset, DatasetTypes, FetchOptions, IntelProvider, ProviderProblem, ProviderResult } from '../provider';
import {
    openProxySource,
    providerError,
    requestProxy,
    type FetchLike,
    type ProxySource,
    type RouteBuilder,
} from '../passivetotal/proxy-client';
import { PROVIDER_LABELS, type OpenProviderId } from './catalogue';
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
export interface OpenOperation<D extends Dataset> {
    /** The route's operation for a host (`domain`, `ip`...), or undefined when the host's type is not offered. */
    readonly operation: (host: HostIndicator) => string | undefined;
    /**
     * The values to ask, in turn, while the answer is empty: the host itself, and for RDAP the parent names of a
     * host name (`www.evil.example` is not registered; `evil.example` is).
     */
    readonly queries: (host: HostIndicator) => readonly string[];
    readonly map: (data: unknown, query: string) => Result<Mapped<DatasetTypes[D]>>;
}

/** One open provider: its operations by dataset, and how it reports errors inside a 200 body. */
export interface OpenProviderSpec {
    readonly id: OpenProviderId;
    readonly operations: { readonly [D in Dataset]?: OpenOperation<D> };
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
const names = (op: string) => (host: HostIndicator) => (host.type === 'domain' ? op : undefined);
const addresses = (op: string) => (host: HostIndicator) => (host.type === 'domain' ? undefined : op);
const hosts = (op: string) => () => op;

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

/** Every open provider's table. */
export const OPEN_PROVIDER_SPECS: Readonly<Record<OpenProviderId, OpenProviderSpec>> = {
    rdap: {
        id: 'rdap',
        operations: {
            whois: {
                operation: (h) => (h.type === 'domain' ? 'domain' : 'ip'),
                queries: withParents,
                map: plain(mapRdap),
            },
        },
        reportedError: rdapReportedError,
    },
    crtsh: {
        id: 'crtsh',
        operations: {
            'certificates-for-name': { operation: names('certificates'), queries: itself, map: plain(mapCrtsh) },
        },
    },
    certspotter: {
        id: 'certspotter',
        operations: {
            'certificates-for-name': { operation: names('issuances'), queries: itself, map: plain(mapCertSpotter) },
        },
        reportedError: certSpotterReportedError,
    },
    mnemonic: {
        id: 'mnemonic',
        operations: { resolutions: { operation: hosts('resolutions'), queries: itself, map: plain(mapMnemonic) } },
        reportedError: mnemonicReportedError,
    },
    otx: {
        id: 'otx',
        operations: {
            resolutions: { operation: hosts('passive_dns'), queries: itself, map: plain(mapOtxPassiveDns) },
            reputation: { operation: hosts('general'), queries: itself, map: plain(mapOtxGeneral) },
        },
        reportedError: otxReportedError,
    },
    circl: {
        id: 'circl',
        operations: {
            resolutions: {
                operation: hosts('resolutions'),
                queries: itself,
                map: (data, q) => {
                    const r = mapCircl(data, q);
                    if (!r.ok) return r;
                    const { resolutions, skippedLines } = r.value;
                    const notes =
                        skippedLines === 0
                            ? []
                            : [
                                  `${skippedLines} line${skippedLines === 1 ? '' : 's'} of the CIRCL answer ${skippedLines === 1 ? 'was' : 'were'} not a passive DNS record and ${skippedLines === 1 ? 'was' : 'were'} skipped`,
                              ];
                    return ok({ value: resolutions, notes });
                },
            },
        },
    },
    urlhaus: {
        id: 'urlhaus',
        operations: { reputation: { operation: hosts('host'), queries: itself, map: plain(mapUrlhaus) } },
        reportedError: urlhausReportedError,
    },
    threatfox: {
        id: 'threatfox',
        operations: { reputation: { operation: hosts('search'), queries: itself, map: plain(mapThreatfox) } },
        reportedError: threatfoxReportedError,
    },
    internetdb: {
        id: 'internetdb',
        operations: {
            components: { operation: addresses('host'), queries: itself, map: plain(mapInternetDbComponents) },
            'host-services': { operation: addresses('host'), queries: itself, map: plain(mapInternetDbServices) },
        },
    },
};

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
export class OpenProvider implements IntelProvider {
    readonly id: OpenProviderId;
    readonly label: string;
    private readonly spec: OpenProviderSpec;
    private readonly source: ProxySource;
    private readonly options: OpenProviderOptions;

    constructor(id: OpenProviderId, options: OpenProviderOptions) {
        this.id = id;
        this.label = PROVIDER_LABELS[id];
        this.spec = OPEN_PROVIDER_SPECS[id];
        this.source = openProxySource(this.label);
        this.options = options;
    }

    datasets(): readonly Dataset[] {
        return Object.keys(this.spec.operations) as Dataset[];
    }

    datasetsFor(indicator: Indicator): readonly Dataset[] {
        const host = hostOf(indicator);
        if (!host) return [];
        return (Object.keys(this.spec.operations) as Dataset[]).filter(
            (d) => this.spec.operations[d]?.operation(host) !== undefined
        );
    }

    async fetch<D extends Dataset>(
        dataset: D,
        indicator: Indicator,
        options: FetchOptions = {}
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const op = this.spec.operations[dataset];
        const host = hostOf(indicator);
        const operation = host ? op?.operation(host) : undefined;
        if (!op || !host || operation === undefined) {
            return providerError(
                'unsupported',
                `${this.label} has no ${dataset} for a ${indicator.type}`,
                undefined,
                this.source
            );
        }
        const queries = op.queries(host);
        let last: ProviderResult<DatasetTypes[D]> | undefined;
        for (const q of queries) {
            last = await this.ask(dataset, op, operation, q, options);
            if (!last.ok || !isEmptyPage(last.value)) return last;
        }
        return last ?? { ok: true, value: emptyAnswer(dataset, host.value), cached: false };
    }

    private async ask<D extends Dataset>(
        dataset: D,
        op: OpenOperation<D>,
        operation: string,
        q: string,
        options: FetchOptions
    ): Promise<ProviderResult<DatasetTypes[D]>> {
        const answer = await requestProxy(
            this.options.fetch,
            this.options.routes,
            `${this.id}/${operation}`,
            { q },
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
    return (Object.keys(OPEN_PROVIDER_SPECS) as OpenProviderId[]).map((id) => new OpenProvider(id, options));
}
