/**
 * The team's cases as the page holds them: the case the app's `cases` route answers, read field by field; the pins
 * the analyst toggles; and the intelligence saved with a case (every answered dataset of its indicator, within the
 * size the endpoint accepts), which opens the case exactly as it was saved.
 */
import type { Dataset, DatasetTypes, Indicator, IndicatorType, ProviderResult, TrailStep } from '@passivetotal/core';
import { INDICATOR_TYPES } from '@passivetotal/core';
import {
    VERDICTS,
    type CaseFacts,
    type CaseNote,
    type DocSighting,
    type Pin,
    type Verdict,
} from './investigation-document';

/** A case as the endpoint answers it (`GET cases/<id>`; the list leaves out `trail`, `timeRange` and `snapshot`). */
export interface CaseRecord extends CaseFacts {
    readonly indicator: string;
    readonly type: IndicatorType;
    readonly pins: readonly Pin[];
    readonly trail?: readonly TrailStep[];
    readonly timeRange?: { readonly earliest: string; readonly latest: string };
    readonly snapshot?: IntelSnapshot | null;
}

/** The intelligence of the case's indicator as saved: each dataset's answer, and the ones left out for size. */
export interface IntelSnapshot {
    readonly indicator: { readonly type: IndicatorType; readonly value: string };
    readonly answers: readonly (readonly [Dataset, ProviderResult<DatasetTypes[Dataset]>])[];
    /** Datasets not saved because the whole would exceed what a case may hold. */
    readonly omitted: readonly Dataset[];
}

/** What the endpoint takes for one case (MAX_SNAPSHOT_BYTES of bin/passivetotal_app/cases.py, less a margin). */
export const SNAPSHOT_BUDGET_BYTES = 4 * 1024 * 1024 - 64 * 1024;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const isType = (v: unknown): v is IndicatorType =>
    typeof v === 'string' && INDICATOR_TYPES.includes(v as IndicatorType);
const isVerdict = (v: unknown): v is Verdict => typeof v === 'string' && VERDICTS.includes(v as Verdict);

function sighting(v: unknown): DocSighting {
    if (!isRecord(v)) return { count: null };
    return {
        count: typeof v.count === 'number' ? v.count : null,
        ...(typeof v.firstSeen === 'string' ? { firstSeen: v.firstSeen } : {}),
        ...(typeof v.lastSeen === 'string' ? { lastSeen: v.lastSeen } : {}),
        ...(typeof v.notCounted === 'string' ? { notCounted: v.notCounted } : {}),
    };
}

function pinOf(v: unknown): Pin | undefined {
    if (!isRecord(v) || !isType(v.type) || typeof v.value !== 'string') return undefined;
    return {
        type: v.type,
        value: v.value,
        why: text(v.why),
        ...(typeof v.relation === 'string' ? { relation: v.relation } : {}),
        ...(typeof v.from === 'string' ? { from: v.from } : {}),
        internalSightings: sighting(v.internalSightings),
        ...(typeof v.pinnedBy === 'string' ? { pinnedBy: v.pinnedBy } : {}),
        ...(typeof v.pinnedAt === 'string' ? { pinnedAt: v.pinnedAt } : {}),
    };
}

function noteOf(v: unknown): CaseNote | undefined {
    return isRecord(v) && typeof v.text === 'string'
        ? { user: text(v.user), time: text(v.time), text: v.text }
        : undefined;
}

function stepOf(v: unknown): TrailStep | undefined {
    if (!isRecord(v) || !isType(v.type) || typeof v.value !== 'string') return undefined;
    const via =
        isRecord(v.via) && typeof v.via.from === 'string' && typeof v.via.relation === 'string' ? v.via : undefined;
    return {
        type: v.type,
        value: v.value,
        ...(via
            ? { via: { from: String(via.from), relation: via.relation as NonNullable<TrailStep['via']>['relation'] } }
            : {}),
    };
}

function snapshotOf(v: unknown): IntelSnapshot | null {
    if (!isRecord(v) || !isRecord(v.indicator) || !isType(v.indicator.type) || !Array.isArray(v.answers)) return null;
    const answers = v.answers.filter(
        (a): a is [Dataset, ProviderResult<DatasetTypes[Dataset]>] =>
            Array.isArray(a) &&
            a.length === 2 &&
            typeof a[0] === 'string' &&
            isRecord(a[1]) &&
            typeof a[1].ok === 'boolean'
    );
    return {
        indicator: { type: v.indicator.type, value: text(v.indicator.value) },
        answers,
        omitted: Array.isArray(v.omitted) ? v.omitted.filter((d): d is Dataset => typeof d === 'string') : [],
    };
}

const defined = <T>(v: T | undefined): v is T => v !== undefined;

/** Reads one case of the endpoint; undefined when it is not one. */
export function parseCase(body: unknown): CaseRecord | undefined {
    if (!isRecord(body) || typeof body.id !== 'string' || typeof body.indicator !== 'string' || !isType(body.type))
        return undefined;
    const timeRange = isRecord(body.timeRange)
        ? { earliest: text(body.timeRange.earliest), latest: text(body.timeRange.latest) }
        : undefined;
    return {
        id: body.id,
        title: text(body.title) || body.indicator,
        indicator: body.indicator,
        type: body.type,
        verdict: isVerdict(body.verdict) ? body.verdict : 'unknown',
        state: body.state === 'closed' ? 'closed' : 'open',
        assignee: text(body.assignee),
        notes: Array.isArray(body.notes) ? body.notes.map(noteOf).filter(defined) : [],
        pins: Array.isArray(body.pins) ? body.pins.map(pinOf).filter(defined) : [],
        createdBy: text(body.createdBy),
        createdAt: text(body.createdAt),
        updatedBy: text(body.updatedBy),
        updatedAt: text(body.updatedAt),
        ...(typeof body.snapshotAt === 'string' ? { snapshotAt: body.snapshotAt } : {}),
        ...(Array.isArray(body.trail) ? { trail: body.trail.map(stepOf).filter(defined) } : {}),
        ...(timeRange && timeRange.earliest && timeRange.latest ? { timeRange } : {}),
        ...('snapshot' in body ? { snapshot: snapshotOf(body.snapshot) } : {}),
    };
}

/** Reads the list of `GET cases`. */
export function parseCaseList(body: unknown): readonly CaseRecord[] {
    const list = isRecord(body) ? body.cases : undefined;
    return Array.isArray(list) ? list.map(parseCase).filter(defined) : [];
}

/** The pins with `pin` added, or removed when it is pinned already (by value). */
export function togglePin(pins: readonly Pin[], pin: Pin): readonly Pin[] {
    return pins.some((p) => p.value === pin.value) ? pins.filter((p) => p.value !== pin.value) : [...pins, pin];
}

/** The pins with each one's sightings brought up to date where they are counted now. */
export function withSightings(pins: readonly Pin[], now: (value: string) => DocSighting): readonly Pin[] {
    return pins.map((p) => {
        const s = now(p.value);
        return s.count === null ? p : { ...p, internalSightings: s };
    });
}

function size(value: unknown): number {
    return JSON.stringify(value).length;
}

/**
 * The intelligence to save with a case: every answered dataset of the indicator; when the whole is larger than a
 * case may hold, the largest datasets are left out (and named) until it fits.
 */
export function takeSnapshot(
    indicator: Pick<Indicator, 'type' | 'value'>,
    answers: readonly (readonly [Dataset, ProviderResult<DatasetTypes[Dataset]>])[],
    budget = SNAPSHOT_BUDGET_BYTES
): IntelSnapshot {
    const kept = answers
        .filter(([d, r]) => d !== 'quota' && (r.ok || r.kind !== 'aborted'))
        .map((a) => [...a] as const);
    const omitted: Dataset[] = [];
    const sizes = new Map(kept.map(([d, r]) => [d, size(r)]));
    let total = kept.reduce((sum, [d]) => sum + (sizes.get(d) ?? 0), 0);
    while (total > budget && kept.length > 0) {
        let largest = 0;
        kept.forEach(([d], i) => {
            if ((sizes.get(d) ?? 0) > (sizes.get(kept[largest]?.[0] ?? d) ?? 0)) largest = i;
        });
        const [removed] = kept.splice(largest, 1);
        if (!removed) break;
        omitted.push(removed[0]);
        total -= sizes.get(removed[0]) ?? 0;
    }
    return { indicator: { type: indicator.type, value: indicator.value }, answers: kept, omitted };
}
