/**
 * Intelligence for an indicator: every dataset asked in parallel through the provider, each settling on its own.
 * Answers are kept for the session (a module-level map keyed by dataset and indicator), so switching tabs or
 * returning to an indicator already seen costs no request. Each effect has its own AbortController; an aborted
 * answer is never stored or shown. Failures are not stored, so a later visit asks again.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Dataset, DatasetTypes, Indicator, ProviderResult } from '@passivetotal/core';
import { useBackend } from './backend';

type AnyResult = ProviderResult<DatasetTypes[Dataset]>;

const sessionCache = new Map<string, AnyResult>();

const cacheKey = (dataset: Dataset, indicator: Pick<Indicator, 'type' | 'value'>) =>
    `${dataset}\u0000${indicator.type}\u0000${indicator.value}`;

/** Forgets every stored answer (tests). */
export function clearIntelCache(): void {
    sessionCache.clear();
}

// Bumped when the answers of an indicator are dropped, so a page showing it asks again.
let generation = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
};

/**
 * Stores answers given from elsewhere (a saved case's intelligence) as this session's answers of `indicator`, so
 * the tabs show them without asking the providers.
 */
export function primeIntel(
    indicator: Pick<Indicator, 'type' | 'value'>,
    answers: readonly (readonly [Dataset, ProviderResult<DatasetTypes[Dataset]>])[]
): void {
    for (const [dataset, result] of answers) sessionCache.set(cacheKey(dataset, indicator), result);
    generation += 1;
    listeners.forEach((l) => l());
}

/** Drops this session's answers of `indicator`, so every dataset is asked again. */
export function refreshIntel(indicator: Indicator): void {
    const prefix = `\u0000${indicator.type}\u0000${indicator.value}`;
    for (const key of [...sessionCache.keys()]) if (key.endsWith(prefix)) sessionCache.delete(key);
    generation += 1;
    listeners.forEach((l) => l());
}

/** The answers so far, by dataset. */
export interface IntelResults {
    /** The datasets asked. */
    readonly datasets: readonly Dataset[];
    /** The answer of a dataset, or `undefined` while it is loading (or when it was not asked). */
    get<D extends Dataset>(dataset: D): ProviderResult<DatasetTypes[D]> | undefined;
    /** True once every asked dataset has answered. */
    readonly settled: boolean;
}

function results(datasets: readonly Dataset[], answers: ReadonlyMap<Dataset, AnyResult>): IntelResults {
    return {
        datasets,
        get: <D extends Dataset>(d: D) => answers.get(d) as ProviderResult<DatasetTypes[D]> | undefined,
        settled: datasets.every((d) => answers.has(d)),
    };
}

function fromCache(datasets: readonly Dataset[], indicator: Indicator | undefined): Map<Dataset, AnyResult> {
    const map = new Map<Dataset, AnyResult>();
    if (!indicator) return map;
    for (const d of datasets) {
        const hit = sessionCache.get(cacheKey(d, indicator));
        if (hit) map.set(d, hit);
    }
    return map;
}

/**
 * Asks `datasets` about `indicator` in parallel (nothing when the indicator is undefined).
 *
 * @example const intel = useIntel(indicator, provider.datasetsFor(indicator)); remoteFromResult(intel.get('whois'))
 */
export function useIntel(indicator: Indicator | undefined, datasets: readonly Dataset[]): IntelResults {
    const { provider } = useBackend();
    const round = useSyncExternalStore(subscribe, () => generation);
    const key = indicator
        ? `${String(round)}\u0000${indicator.type}\u0000${indicator.value}\u0000${datasets.join(',')}`
        : '';
    const [state, setState] = useState<{ key: string; answers: ReadonlyMap<Dataset, AnyResult> }>({
        key: '',
        answers: new Map(),
    });

    useEffect(() => {
        if (!indicator) return;
        const controller = new AbortController();
        const answers = fromCache(datasets, indicator);
        setState({ key, answers });
        for (const dataset of datasets) {
            if (answers.has(dataset)) continue;
            void provider.fetch(dataset, indicator, { signal: controller.signal }).then((result) => {
                if (controller.signal.aborted || (!result.ok && result.kind === 'aborted')) return;
                if (result.ok) sessionCache.set(cacheKey(dataset, indicator), result);
                setState((prev) =>
                    prev.key === key ? { key, answers: new Map(prev.answers).set(dataset, result) } : prev
                );
            });
        }
        return () => controller.abort();
        // `key` names the indicator and the datasets.
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [provider, key]);

    return useMemo(
        () => results(datasets, state.key === key ? state.answers : fromCache(datasets, indicator)),
        // eslint-disable-next-line react-hooks/exhaustive-deps
        [key, state]
    );
}
