/**
 * The page's intelligence sources (which providers are asked): loading until the backend's `sources` answered,
 * then ready. A backend without `sources` (a test double) is ready at once with its provider.
 */
import { useEffect, useState } from 'react';
import { useBackend, type Backend } from './backend';
import { staticSources, type IntelSources } from './intel-sources';

/** The sources, or loading. */
export type SourcesState = { readonly state: 'loading' } | { readonly state: 'ready'; readonly sources: IntelSources };

const LOADING_SOURCES: SourcesState = Object.freeze({ state: 'loading' });

function initial(backend: Backend): SourcesState {
    return backend.sources ? LOADING_SOURCES : { state: 'ready', sources: staticSources(backend.provider) };
}

/**
 * Reads the sources once per backend (`status` is asked once per page; the backend shares the answer).
 *
 * @example const sources = useIntelSources(); if (sources.state === 'ready') sources.sources.unused('host-pairs-parents', domain)
 */
export function useIntelSources(): SourcesState {
    const backend = useBackend();
    const [state, setState] = useState<{ readonly for: Backend; readonly value: SourcesState }>(() => ({
        for: backend,
        value: initial(backend),
    }));

    useEffect(() => {
        const load = backend.sources;
        if (!load) return;
        // The shared answer cannot be cancelled; the controller only drops it once this page is gone.
        const controller = new AbortController();
        void load().then((sources) => {
            if (!controller.signal.aborted) setState({ for: backend, value: { state: 'ready', sources } });
        });
        return () => controller.abort();
    }, [backend]);

    return state.for === backend ? state.value : initial(backend);
}
