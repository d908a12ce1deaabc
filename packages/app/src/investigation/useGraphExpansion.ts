/**
 * Expanding a node of the investigation graph: the node's related indicators, asked through the same provider and
 * with the same datasets as an investigation of it would (a URL by its host), and turned into pivots the same way.
 * Every expansion of the page's graph is kept until the page moves to another indicator.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
    parseIndicator,
    type Dataset,
    type DatasetTypes,
    type Indicator,
    type Pivot,
    type ProviderResult,
} from '@passivetotal/core';
import { intelSubject } from '../components/UrlHostNote/UrlHostNote';
import { useBackend } from './backend';
import { investigationPivots } from './investigation-pivots';
import type { IntelResults } from './useIntel';
import { useIntelSources } from './useIntelSources';
import { datasetsFor } from './useInvestigation';

type AnyResult = ProviderResult<DatasetTypes[Dataset]>;

/** What the graph knows of its expansions. */
export interface GraphExpansions {
    /** The related values of every expanded node, by the node's value. */
    readonly expansions: ReadonlyMap<string, readonly Pivot[]>;
    /** Nodes whose related values are being asked. */
    readonly loading: ReadonlySet<string>;
    /** Why an expansion found nothing to add, by the node's value (every source failed, or it is no indicator). */
    readonly problems: ReadonlyMap<string, string>;
    /** Asks for a node's related values (once; again after a failure). */
    readonly expand: (value: string) => void;
}

function answersAsIntel(datasets: readonly Dataset[], answers: ReadonlyMap<Dataset, AnyResult>): IntelResults {
    return {
        datasets,
        get: <D extends Dataset>(d: D) => answers.get(d) as ProviderResult<DatasetTypes[D]> | undefined,
        settled: true,
    };
}

/**
 * @example const graph = useGraphExpansion(); graph.expand('203.0.113.77'); graph.expansions.get('203.0.113.77')
 */
export function useGraphExpansion(): GraphExpansions {
    const { provider } = useBackend();
    const sourcesState = useIntelSources();
    const sources = sourcesState.state === 'ready' ? sourcesState.sources : undefined;
    const [expansions, setExpansions] = useState<ReadonlyMap<string, readonly Pivot[]>>(new Map());
    const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
    const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
    const controller = useRef(new AbortController());
    const asked = useRef(new Set<string>());
    useEffect(() => {
        const own = controller.current;
        return () => own.abort();
    }, []);

    const expand = useCallback(
        (value: string) => {
            if (!sources || asked.current.has(value)) return;
            const parsed = parseIndicator(value);
            if (!parsed.ok) {
                setProblems((p) => new Map(p).set(value, `${value} is not an indicator the providers know`));
                return;
            }
            const subject: Indicator = intelSubject(parsed.value);
            const datasets = datasetsFor(sources.provider.datasetsFor(subject), subject, undefined);
            const { signal } = controller.current;
            asked.current.add(value);
            setLoading((l) => new Set(l).add(value));
            setProblems((p) => {
                const next = new Map(p);
                next.delete(value);
                return next;
            });
            void Promise.all(
                datasets.map(async (d) => [d, await provider.fetch(d, subject, { signal })] as const)
            ).then((answers) => {
                if (signal.aborted) return;
                const pivots = investigationPivots(subject, answersAsIntel(datasets, new Map(answers)));
                const failed = answers.length > 0 && answers.every(([, r]) => !r.ok);
                setLoading((l) => {
                    const next = new Set(l);
                    next.delete(value);
                    return next;
                });
                if (failed) {
                    asked.current.delete(value);
                    const [, first] = answers[0] ?? [];
                    const reason = first && !first.ok ? first.reason : 'no answer';
                    setProblems((p) => new Map(p).set(value, `No related indicators of ${value}: ${reason}`));
                    return;
                }
                if (pivots.length === 0) {
                    setProblems((p) => new Map(p).set(value, `The sources know no related indicators of ${value}.`));
                }
                setExpansions((e) => new Map(e).set(value, pivots));
            });
        },
        [provider, sources]
    );

    return { expansions, loading, problems, expand };
}
