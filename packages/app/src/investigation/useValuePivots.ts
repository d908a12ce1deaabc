/**
 * The investigation page's side of the value pivots: the actions `ValuePivot` takes from its context (which kinds
 * the providers in use search, running a search by pushing it into the URL, the link of a search, the time range
 * of "search my events for it"), and the search the URL asks for with its answer.
 */
import { useCallback, useMemo } from 'react';
import { VALUE_KINDS, type ValueSearch, type ValueSearchResult, type ValueSearchSource } from '@passivetotal/core';
import type { Remote } from '../components/PanelStatus/remote';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import type { ValuePivotActions } from '../components/ValuePivot/ValuePivot';
import { urlSearch, type UrlState } from './useUrlState';
import { useValueSearch } from './useValueSearch';

/**
 * The state without its search by value: where a pivot to another indicator, the trail or a new indicator goes.
 *
 * @example withoutSearch({ indicator: 'a.example', ..., search, about }) // { indicator: 'a.example', ... }
 */
export function withoutSearch(state: UrlState): UrlState {
    return {
        indicator: state.indicator,
        earliest: state.earliest,
        latest: state.latest,
        trail: state.trail,
        ...(state.pivot ? { pivot: state.pivot } : {}),
    };
}

/** The state with a search by value, found `about` something. */
function withSearch(state: UrlState, search: ValueSearch, about: string | undefined): UrlState {
    return { ...withoutSearch(state), search, ...(about ? { about } : {}) };
}

/** The search the URL asks for, the tab its records belong in, and its answer. */
export interface ShownValueSearch {
    readonly search: ValueSearch;
    readonly about?: string | undefined;
    readonly source: ValueSearchSource;
    readonly result: Remote<ValueSearchResult>;
}

/**
 * The value pivots of the page at `url`.
 *
 * @example const values = useValuePivots(url, navigate, range); <ValuePivotContext.Provider value={values.actions}>
 */
export function useValuePivots(url: UrlState, navigate: (next: UrlState) => void, range: TimeRange) {
    const { searches, result } = useValueSearch(url.search);
    const actions = useMemo(
        (): ValuePivotActions => ({
            searches,
            range,
            onSearch: (search, about) => navigate(withSearch(url, search, about)),
            searchHref: (search, about) => `${window.location.pathname}${urlSearch(withSearch(url, search, about))}`,
        }),
        [searches, range, navigate, url]
    );
    const source = url.search ? VALUE_KINDS[url.search.kind].search?.source : undefined;
    const shown: ShownValueSearch | undefined =
        url.search && source && result ? { search: url.search, about: url.about, source, result } : undefined;
    const close = useCallback(() => navigate(withoutSearch(url)), [navigate, url]);
    return { actions, shown, close };
}
