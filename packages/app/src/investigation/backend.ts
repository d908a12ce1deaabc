/**
 * What the investigation hooks talk to: the intelligence providers (PassiveTotal and the open providers, through
 * the app's proxy endpoint, as one composite provider), search jobs, the quota and the team's recent
 * investigations. The page uses {@link browserBackend}; component tests give the real {@link BackendContext} a fake
 * backend, so the hooks under test are the ones the page runs.
 */
import { createContext, useContext } from 'react';
import {
    endpointPath,
    queryString,
    type FetchLike,
    type IndicatorType,
    type IntelProvider,
    type Quota,
} from '@passivetotal/core';
import SearchJob, { type SearchJobInstance } from '@splunk/search-job';
import { username } from '@splunk/splunk-utils/config';
import { getQuota, type QuotaSummary } from '../api/app-endpoint';
import { endpointGet } from '../api/endpoint-calls';
import { quickJob } from './quick-job';
import { APP, restGet, restPost } from '../api/rest';
import type { RecentInvestigation } from '../components/LandingPanel/LandingPanel';
import { deferredProvider, loadIntelSources, type IntelSources, type IntelTransport } from './intel-sources';

/** The parameters of one search job. */
export interface JobRequest {
    readonly search: string;
    readonly earliest: string;
    readonly latest: string;
    /** Watched closely (quick-job.ts): for a search others wait on, such as the sightings of the pivots. */
    readonly urgent?: boolean;
}

/** The part of a search job the hooks use (so test doubles need no more). */
export type JobHandle = Pick<SearchJobInstance, 'getProgress' | 'getResults' | 'cancel'>;

/** One investigation to record for the team (the user and the time are added server-side). */
export interface InvestigationRecord {
    readonly indicator: string;
    readonly type: IndicatorType;
    readonly internalSightings?: number;
}

export interface Backend {
    /**
     * The provider the hooks ask. In Splunk Web it is the composite of the configured providers, known once
     * {@link Backend.sources} has answered; a test double may give any provider.
     */
    readonly provider: IntelProvider;
    /**
     * The page's intelligence sources (which providers are asked, what the others would fill), read once from
     * `status`; never rejects. Without it, `provider` is used as it is.
     */
    readonly sources?: () => Promise<IntelSources>;
    /** Starts a search job in the app's namespace. */
    createJob(request: JobRequest): JobHandle;
    /** The PassiveTotal quota (the `quota` route). */
    quota(signal: AbortSignal): Promise<Quota>;
    /** The team's recent investigations, newest first. */
    recentInvestigations(signal: AbortSignal): Promise<readonly RecentInvestigation[]>;
    recordInvestigation(record: InvestigationRecord): Promise<void>;
    /** Where an administrator enters the PassiveTotal credentials. */
    readonly setupHref: string;
}

/**
 * The provider's transport over the one REST wrapper: routes are endpoint paths (`passivetotal/pt/<path>?<query>`),
 * batched with the calls made at the same moment (api/batch.ts); an error is its status and splunkd envelope, which
 * the provider classifies by code.
 */
export const restFetch: FetchLike = async (url, init) => {
    const signal = init.signal instanceof AbortSignal ? init.signal : undefined;
    const { status, body } = await endpointGet(url, signal);
    return { status, json: () => Promise.resolve(body) };
};

/** Routes of the provider as endpoint paths of the REST wrapper. */
export const restRoutes = (apiPath: string, params: Readonly<Record<string, string>>): string =>
    `${endpointPath('pt')}/${apiPath}?${queryString(params)}`;

/** Routes of the open providers (`<id>/<operation>`, `{ q }`) as endpoint paths of the REST wrapper. */
export const restOpenRoutes = (apiPath: string, params: Readonly<Record<string, string>>): string =>
    `${endpointPath('open')}/${apiPath}?${queryString(params)}`;

/** PassiveTotal's and the open providers' routes over the one transport. */
export const REST_TRANSPORT: IntelTransport = { fetch: restFetch, ptRoutes: restRoutes, openRoutes: restOpenRoutes };

/** The quota route's summary as the model's quota (the user's block). */
export function quotaFromSummary(summary: QuotaSummary): Quota {
    const user = summary.user;
    const resetAt = user?.resetAt ?? summary.resetAt;
    return {
        ...(user?.interval ? { interval: user.interval } : {}),
        ...(user?.used === null || user?.used === undefined ? {} : { used: user.used }),
        ...(user ? { limit: user.limit } : {}),
        ...(user?.remaining === null || user?.remaining === undefined ? {} : { remaining: user.remaining }),
        ...(resetAt ? { nextReset: resetAt } : {}),
        ...(summary.usage && summary.usage.limit !== null
            ? { mine: { used: summary.usage.used, limit: summary.usage.limit } }
            : {}),
    };
}

function isRecent(value: unknown): value is RecentInvestigation {
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    return (
        typeof v.user === 'string' &&
        typeof v.indicator === 'string' &&
        typeof v.type === 'string' &&
        (typeof v.time === 'number' || typeof v.time === 'string')
    );
}

/** Reads `GET investigations`; epoch seconds become milliseconds for display. */
export function parseRecent(body: unknown): readonly RecentInvestigation[] {
    const list = (body as { investigations?: unknown } | null)?.investigations;
    if (!Array.isArray(list)) return [];
    return list.filter(isRecent).map((r) => (typeof r.time === 'number' ? { ...r, time: r.time * 1000 } : r));
}

/** The backend of the page in Splunk Web. */
export function browserBackend(): Backend {
    let loading: Promise<IntelSources> | undefined;
    const sources = () => (loading ??= loadIntelSources(() => restGet(endpointPath('status')), REST_TRANSPORT));
    return {
        provider: deferredProvider(sources),
        sources,
        createJob: ({ search, earliest, latest, urgent }) => {
            const namespace = { app: APP, owner: typeof username === 'string' && username ? username : 'nobody' };
            return urgent
                ? quickJob({ search, earliest, latest }, namespace)
                : SearchJob.create({ search, earliest_time: earliest, latest_time: latest }, namespace);
        },
        quota: async (signal) => quotaFromSummary(await getQuota(signal)),
        recentInvestigations: async (signal) =>
            parseRecent(await restGet(endpointPath('investigations'), { query: { limit: 25 }, signal })),
        recordInvestigation: async (record) => {
            await restPost(endpointPath('investigations'), {
                form: {
                    indicator: record.indicator,
                    type: record.type,
                    internal_sightings: record.internalSightings,
                },
            });
        },
        setupHref: 'setup',
    };
}

let shared: Backend | undefined;

/** One browser backend per page (created on first use, so tests never build it). */
export function defaultBackend(): Backend {
    shared ??= browserBackend();
    return shared;
}

/** The backend the hooks use; `undefined` means {@link defaultBackend}. */
export const BackendContext = createContext<Backend | undefined>(undefined);

/** The backend of the nearest {@link BackendContext}, or the browser's. */
export function useBackend(): Backend {
    return useContext(BackendContext) ?? defaultBackend();
}
