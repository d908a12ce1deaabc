/**
 * The case of the investigation page: the one opened (from `?case=<id>` or the team's list) or the draft the
 * analyst is marking (pins, verdict, title, assignee, a note), saving it, handing it over, closing it, and the saved
 * intelligence it opens with until the analyst refreshes it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Dataset, DatasetTypes, Indicator, ProviderResult, Trail } from '@passivetotal/core';
import { RestError, isAbortError } from '../api/rest';
import { primeIntel, refreshIntel } from '../investigation/useIntel';
import { createCase, getCase, updateCase, type CaseChange } from './case-api';
import { takeSnapshot, withSightings, type CaseRecord } from './case-model';
import { pinStore, usePins } from './pin-store';
import type { DocSighting, Pin, Verdict } from './investigation-document';

/** What a save needs to know of the page. */
export interface SaveContext {
    readonly indicator: Indicator;
    readonly trail: Trail;
    readonly earliest: string;
    readonly latest: string;
    readonly answers: readonly (readonly [Dataset, ProviderResult<DatasetTypes[Dataset]>])[];
    readonly sightingOf: (value: string) => DocSighting;
}

export interface CaseMessage {
    readonly ok: boolean;
    readonly text: string;
}

function words(error: unknown): string {
    return error instanceof RestError || error instanceof Error ? error.message : 'the case could not be saved';
}

/** The case id of the page's address, if any. */
export function caseIdFromLocation(): string | undefined {
    return new URLSearchParams(window.location.search).get('case') ?? undefined;
}

/** Writes `case=<id>` into the current address (no new history entry), so a reload or a shared link opens it. */
function rememberInLocation(id: string): void {
    const url = new URL(window.location.href);
    url.searchParams.set('case', id);
    window.history.replaceState(window.history.state, '', url.toString());
}

export function useCase() {
    const [caseId, setCaseId] = useState(caseIdFromLocation);
    const [record, setRecord] = useState<CaseRecord>();
    const [loadError, setLoadError] = useState<string>();
    const [showingSnapshot, setShowingSnapshot] = useState(false);
    const { pins } = usePins();
    useEffect(() => {
        pinStore.setActive(true);
        return () => pinStore.setActive(false);
    }, []);
    const [verdict, setVerdict] = useState<Verdict>('unknown');
    const [title, setTitle] = useState('');
    const [assignee, setAssignee] = useState('');
    const [note, setNote] = useState('');
    const [saving, setSaving] = useState(false);
    const [message, setMessage] = useState<CaseMessage>();

    const adopt = useCallback((saved: CaseRecord) => {
        setRecord(saved);
        pinStore.replace(saved.pins);
        setVerdict(saved.verdict);
        setTitle(saved.title);
        setAssignee(saved.assignee);
    }, []);

    useEffect(() => {
        if (!caseId || record?.id === caseId) return;
        const controller = new AbortController();
        setLoadError(undefined);
        getCase(caseId, controller.signal).then(
            (opened) => {
                if (controller.signal.aborted) return;
                const snapshot = opened.snapshot;
                if (snapshot && snapshot.indicator.value === opened.indicator) {
                    primeIntel(snapshot.indicator, snapshot.answers);
                }
                setShowingSnapshot(Boolean(snapshot && snapshot.answers.length > 0));
                adopt(opened);
            },
            (error: unknown) => {
                if (!controller.signal.aborted && !isAbortError(error)) setLoadError(words(error));
            }
        );
        return () => controller.abort();
    }, [caseId, record?.id, adopt]);

    const save = useCallback(
        async (context: SaveContext, extra: Partial<CaseChange> = {}) => {
            setSaving(true);
            setMessage(undefined);
            const snapshotFor = !record || record.indicator === context.indicator.value;
            const change: CaseChange = {
                title: title.trim() || record?.title || context.indicator.value,
                verdict,
                assignee: assignee.trim(),
                pins: withSightings(pins, context.sightingOf),
                trail: context.trail.steps,
                timeRange: { earliest: context.earliest, latest: context.latest },
                ...(note.trim() ? { note: note.trim() } : {}),
                ...(snapshotFor && !showingSnapshot
                    ? { snapshot: takeSnapshot(context.indicator, context.answers) }
                    : {}),
                ...extra,
            };
            try {
                const saved = record
                    ? await updateCase(record.id, change)
                    : await createCase({ indicator: context.indicator.value, type: context.indicator.type, ...change });
                adopt(saved);
                setCaseId(saved.id);
                rememberInLocation(saved.id);
                setNote('');
                setMessage({
                    ok: true,
                    text: record
                        ? `Saved the case${saved.state === 'closed' ? ' (closed)' : ''}; assigned to ${saved.assignee || 'nobody'}.`
                        : `Saved as a case for the team; assigned to ${saved.assignee || 'nobody'}.`,
                });
            } catch (error) {
                setMessage({ ok: false, text: `The case was not saved: ${words(error)}` });
            } finally {
                setSaving(false);
            }
        },
        [record, title, verdict, assignee, pins, note, showingSnapshot, adopt]
    );

    return {
        caseId,
        record,
        /** True while a case of the address is being opened (the investigation waits for its saved intelligence). */
        opening: caseId !== undefined && record?.id !== caseId && loadError === undefined,
        loadError,
        /** The tabs show the intelligence saved with the case (until {@link refresh}). */
        showingSnapshot,
        pins,
        verdict,
        title,
        assignee,
        note,
        saving,
        message,
        setVerdict,
        setTitle,
        setAssignee,
        setNote,
        isPinned: (value: string) => pins.some((p) => p.value === value),
        togglePin: (pin: Pin) => pinStore.toggle(pin),
        unpin: (value: string) => pinStore.unpin(value),
        save,
        /** Opens a case of the team's list. */
        open: (id: string) => {
            setRecord(undefined);
            setCaseId(id);
        },
        /** Asks the providers again instead of showing the saved intelligence. */
        refresh: (indicator: Indicator) => {
            refreshIntel(indicator);
            setShowingSnapshot(false);
        },
    };
}

export type CaseState = ReturnType<typeof useCase>;
