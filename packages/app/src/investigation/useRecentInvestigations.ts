/**
 * The team's recent investigations (the app's `investigations` route, kept in the KV store), and recording the
 * current one once its local search has finished: once per indicator and page session.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Indicator } from '@passivetotal/core';
import { RestError, isAbortError } from '../api/rest';
import type { RecentInvestigation } from '../components/LandingPanel/LandingPanel';
import { done, failed, LOADING, type Remote } from '../components/PanelStatus/remote';
import { useBackend } from './backend';

const recorded = new Set<string>();

/** Forgets which investigations were recorded in this page session (tests). */
export function clearRecordedInvestigations(): void {
    recorded.clear();
}

function message(error: unknown): string {
    return error instanceof RestError || error instanceof Error ? error.message : 'the list could not be loaded';
}

/** The recent investigations while `active` (the landing page); reloaded each time it becomes active. */
export function useRecentInvestigations(active: boolean): Remote<readonly RecentInvestigation[]> {
    const backend = useBackend();
    const [state, setState] = useState<Remote<readonly RecentInvestigation[]>>(LOADING);
    useEffect(() => {
        if (!active) return;
        const controller = new AbortController();
        setState(LOADING);
        backend.recentInvestigations(controller.signal).then(
            (list) => {
                if (!controller.signal.aborted) setState(done(list));
            },
            (error: unknown) => {
                if (!controller.signal.aborted && !isAbortError(error)) setState(failed(message(error)));
            }
        );
        return () => controller.abort();
    }, [backend, active]);
    return state;
}

/** Records `indicator` with its local event count once that count is known (`undefined` while unknown). */
export function useRecordInvestigation(indicator: Indicator | undefined, internalSightings: number | undefined): void {
    const backend = useBackend();
    const record = useCallback(
        (i: Indicator, count: number) => {
            const key = `${i.type}\u0000${i.value}`;
            if (recorded.has(key)) return;
            recorded.add(key);
            // A failed write only loses a history line; the investigation itself is unaffected.
            backend.recordInvestigation({ indicator: i.value, type: i.type, internalSightings: count }).catch(() => {
                recorded.delete(key);
            });
        },
        [backend]
    );
    useEffect(() => {
        if (indicator && internalSightings !== undefined) record(indicator, internalSightings);
    }, [indicator, internalSightings, record]);
}
