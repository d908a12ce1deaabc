/**
 * An investigation (or a case) as one document: what a case management tool takes and what every export is
 * written from. It holds the indicator and time range, the trail, every related indicator with why it is related
 * and its internal sightings, every tab's records as the providers answered them, the internal hits, and for a case
 * its pinned findings, verdict, notes and who did what when. Plain JSON: no class, no `Date`, no `Map`.
 */
import type { Dataset, IndicatorType, Pivot, ProviderResult, DatasetTypes, Trail, TrailStep } from '@passivetotal/core';
import { sightingOf, type SightingsState } from '../components/SightingBadge/sightings';

/** The tabs of the page, in their order, and the datasets each shows. */
export const TAB_DATASETS: readonly (readonly [tab: string, datasets: readonly Dataset[]])[] = [
    ['summary', ['enrichment', 'reputation', 'osint', 'malware']],
    ['resolutions', ['resolutions', 'unique-resolutions']],
    ['whois', ['whois', 'whois-by-email', 'whois-by-nameserver']],
    ['certificates', ['certificates-for-name', 'certificate-history', 'certificate-details']],
    [
        'host-attributes',
        [
            'components',
            'trackers',
            'tracker-hosts',
            'host-pairs-parents',
            'host-pairs-children',
            'cookies',
            'subdomains',
            'host-services',
        ],
    ],
];

/** The tab a dataset is shown on. */
export function tabOf(dataset: Dataset): string | undefined {
    return TAB_DATASETS.find(([, datasets]) => datasets.includes(dataset))?.[0];
}

/** How often a value occurs in local events: counted (with the first and last local event), or why not. */
export interface DocSighting {
    readonly count: number | null;
    /** ISO 8601 UTC of the first and last local event, when counted and seen. */
    readonly firstSeen?: string;
    readonly lastSeen?: string;
    /** Why it was not counted (limit, failed search), when it was not. */
    readonly notCounted?: string;
}

/** One related indicator and why it is related. */
export interface DocRelated {
    readonly type: IndicatorType;
    readonly value: string;
    readonly reasons: readonly {
        readonly relation: string;
        readonly text: string;
        readonly dataset: string;
        readonly firstSeen?: string;
        readonly lastSeen?: string;
    }[];
    readonly internalSightings: DocSighting;
}

/** One dataset's answer: the value (records) and who answered when, or the error. */
export type DocDataset =
    | {
          readonly ok: true;
          readonly tab: string;
          readonly cached: boolean;
          readonly fetchedAt?: string;
          readonly value: unknown;
          readonly problems?: readonly { readonly provider: string; readonly reason: string }[];
      }
    | { readonly ok: false; readonly tab: string; readonly kind: string; readonly reason: string };

/** The case's verdict on what it is about. */
export type Verdict = 'malicious' | 'suspicious' | 'benign' | 'unknown';
export const VERDICTS: readonly Verdict[] = ['malicious', 'suspicious', 'benign', 'unknown'];

/** A finding the analyst pinned: an indicator (the one investigated, or a related value from a tab's row). */
export interface Pin {
    readonly type: IndicatorType;
    readonly value: string;
    /** Why it matters: the row's relation ("resolved to (A record)"), or empty for the indicator itself. */
    readonly why: string;
    /** The relation of core's pivots, when pinned from a related value. */
    readonly relation?: string;
    /** The tab or dataset it was pinned from. */
    readonly from?: string;
    /** Internal sightings when it was pinned. */
    readonly internalSightings: DocSighting;
    /** Who pinned it and when (ISO 8601). */
    readonly pinnedBy?: string;
    readonly pinnedAt?: string;
}

/** A note of the case, as saved by its author. */
export interface CaseNote {
    readonly user: string;
    /** ISO 8601. */
    readonly time: string;
    readonly text: string;
}

/** What makes an investigation a case. */
export interface CaseFacts {
    readonly id: string;
    readonly title: string;
    readonly verdict: Verdict;
    readonly state: 'open' | 'closed';
    readonly assignee: string;
    readonly notes: readonly CaseNote[];
    readonly createdBy: string;
    readonly createdAt: string;
    readonly updatedBy: string;
    readonly updatedAt: string;
    /** When the intelligence stored with the case was taken. */
    readonly snapshotAt?: string;
}

/** The whole investigation or case. */
export interface InvestigationDocument {
    readonly format: 'passivetotal-investigation/1';
    readonly indicator: { readonly type: IndicatorType; readonly value: string };
    readonly timeRange: { readonly earliest: string; readonly latest: string };
    /** ISO 8601 UTC with milliseconds. */
    readonly exportedAt: string;
    readonly exportedBy?: string;
    /** Local events mentioning the indicator, when known. */
    readonly internalHits: {
        readonly total: number | null;
        readonly byIndex: readonly { readonly index: string; readonly sourcetype: string; readonly count: number }[];
    };
    readonly trail: readonly TrailStep[];
    readonly related: readonly DocRelated[];
    /** Every tab's datasets by name. */
    readonly datasets: Readonly<Partial<Record<Dataset, DocDataset>>>;
    readonly pins: readonly Pin[];
    readonly case?: CaseFacts;
}

/** Epoch seconds as ISO 8601 UTC with milliseconds. */
export function isoFromEpochSeconds(seconds: number): string {
    return new Date(Math.round(seconds * 1000)).toISOString();
}

/** The sighting of a value as the document keeps it. */
export function docSighting(state: SightingsState, value: string): DocSighting {
    const of = sightingOf(state, value);
    if (of.state === 'counted') {
        return {
            count: of.count,
            ...(of.firstSeen === undefined ? {} : { firstSeen: isoFromEpochSeconds(of.firstSeen) }),
            ...(of.lastSeen === undefined ? {} : { lastSeen: isoFromEpochSeconds(of.lastSeen) }),
        };
    }
    if (of.state === 'not-counted') return { count: null, notCounted: of.reason };
    return { count: null };
}

/** One answer of a dataset as the document keeps it. */
export function docDataset(dataset: Dataset, result: ProviderResult<DatasetTypes[Dataset]>): DocDataset {
    const tab = tabOf(dataset) ?? 'summary';
    if (!result.ok) return { ok: false, tab, kind: result.kind, reason: result.reason };
    return {
        ok: true,
        tab,
        cached: result.cached,
        ...(result.fetchedAt === undefined ? {} : { fetchedAt: result.fetchedAt }),
        value: result.value,
        ...(result.problems && result.problems.length > 0
            ? { problems: result.problems.map((p) => ({ provider: p.provider, reason: p.error.reason })) }
            : {}),
    };
}

/** What the page knows when it writes the document. */
export interface DocumentInput {
    readonly indicator: { readonly type: IndicatorType; readonly value: string };
    readonly earliest: string;
    readonly latest: string;
    readonly trail: Trail;
    readonly pivots: readonly Pivot[];
    readonly sightings: SightingsState;
    readonly internalHits?: {
        readonly total: number;
        readonly byIndex: readonly { readonly index: string; readonly sourcetype: string; readonly count: number }[];
    };
    /** The answered datasets (the quota left out). */
    readonly datasets: readonly (readonly [Dataset, ProviderResult<DatasetTypes[Dataset]>])[];
    readonly pins?: readonly Pin[];
    readonly case?: CaseFacts;
    readonly exportedAt: string;
    readonly exportedBy?: string;
}

/** The document of an investigation. */
export function investigationDocument(input: DocumentInput): InvestigationDocument {
    const datasets: Partial<Record<Dataset, DocDataset>> = {};
    for (const [dataset, result] of input.datasets) {
        if (dataset !== 'quota') datasets[dataset] = docDataset(dataset, result);
    }
    return {
        format: 'passivetotal-investigation/1',
        indicator: { type: input.indicator.type, value: input.indicator.value },
        timeRange: { earliest: input.earliest, latest: input.latest },
        exportedAt: input.exportedAt,
        ...(input.exportedBy ? { exportedBy: input.exportedBy } : {}),
        internalHits: {
            total: input.internalHits?.total ?? null,
            byIndex: input.internalHits?.byIndex.map((b) => ({ ...b })) ?? [],
        },
        trail: input.trail.steps,
        related: input.pivots.map((p) => ({
            type: p.indicator.type,
            value: p.indicator.value,
            reasons: p.reasons.map((r) => ({ ...r })),
            internalSightings: docSighting(input.sightings, p.indicator.value),
        })),
        datasets,
        pins: input.pins ?? [],
        ...(input.case ? { case: input.case } : {}),
    };
}
