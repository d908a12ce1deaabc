/**
 * Searches by a value that is not an indicator (a WHOIS organisation, a certificate issuer): which kinds the
 * providers in use can search at all, and the answer of the search the URL asks for. Answers are kept for the
 * session like the intelligence of indicators, so going back to a search costs no request.
 */
import { useEffect, useMemo, useState } from 'react';
import { type ProviderResult, type ValueKind, type ValueSearch, type ValueSearchResult } from '@passivetotal/core';
import { LOADING, remoteFromResult, type Remote } from '../components/PanelStatus/remote';
import { useBackend } from './backend';
import { useIntelSources } from './useIntelSources';

const sessionCache = new Map<string, ProviderResult<ValueSearchResult>>();

const keyOf = (s: ValueSearch) => `${s.kind}\u0000${s.value}`;

/** Forgets every stored answer (tests). */
export function clearValueSearchCache(): void {
    sessionCache.clear();
}

/** What the page knows of value searches. */
export interface ValueSearchState {
    /** The kinds some provider in use searches by (empty until the sources are known). */
    readonly searches: readonly ValueKind[];
    /** The answer of the asked search; undefined when none is asked. */
    readonly result: Remote<ValueSearchResult> | undefined;
}

/**
 * The value searches the providers offer, and the answer of `search`.
 *
 * @example const { searches, result } = useValueSearch({ kind: 'whois-organization', value: 'Secure Update Services' });
 */
export function useValueSearch(search: ValueSearch | undefined): ValueSearchState {
    const backend = useBackend();
    const sourcesState = useIntelSources();
    const provider = sourcesState.state === 'ready' ? sourcesState.sources.provider : undefined;
    const searches = useMemo(() => provider?.valueSearches?.() ?? [], [provider]);
    const key = search ? keyOf(search) : '';
    const [answer, setAnswer] = useState<{
        readonly key: string;
        readonly result: ProviderResult<ValueSearchResult>;
    }>();

    useEffect(() => {
        if (!search || !provider || sessionCache.has(key)) return;
        const controller = new AbortController();
        const asked = provider.searchValue?.(search, { signal: controller.signal });
        if (!asked) return;
        void asked.then((result) => {
            if (controller.signal.aborted || (!result.ok && result.kind === 'aborted')) return;
            if (result.ok) sessionCache.set(key, result);
            setAnswer({ key, result });
        });
        return () => controller.abort();
        // `key` names the search.
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [provider, key]);

    let result: Remote<ValueSearchResult> | undefined;
    if (search) {
        const known = sessionCache.get(key) ?? (answer?.key === key ? answer.result : undefined);
        if (known) result = remoteFromResult(known, { setupHref: backend.setupHref });
        else if (provider && !provider.searchValue)
            result = remoteFromResult<ValueSearchResult>(
                { ok: false, kind: 'unsupported', reason: 'No configured source searches by value.', expected: '' },
                {}
            );
        else result = LOADING;
    }
    return { searches, result };
}
