/**
 * The investigation's state in the URL (`?indicator=&earliest=&latest=&pivot=&trail=`), so back, forward, reload
 * and a shared link all show the same thing. `navigate` pushes a history entry; `popstate` (back, forward) is
 * followed.
 */
import { useCallback, useEffect, useState } from 'react';
import {
    EMPTY_TRAIL,
    isValueKind,
    trailFromJson,
    trailToJson,
    valueSearch,
    type Trail,
    type ValueSearch,
} from '@passivetotal/core';
import type { PivotKind } from '../components/PivotLink/PivotLink';
import { DEFAULT_TIME_RANGE } from '../components/TimeRangeField/TimeRangeField';

const PIVOT_KINDS: readonly PivotKind[] = ['investigate', 'certificate', 'tracker', 'whois-email', 'whois-nameserver'];

/** What the URL says. */
export interface UrlState {
    /** The `indicator` parameter as written (may be defanged); '' on the landing page. */
    readonly indicator: string;
    readonly earliest: string;
    readonly latest: string;
    /** The search a pivot asked for, when it is not the indicator type's default. */
    readonly pivot?: PivotKind;
    /** The trail that led here (empty when the link carries none). */
    readonly trail: Trail;
    /**
     * A search by a value of the investigation's records (`search=<kind>&value=<value>`), shown in the tab the value
     * came from; `about` says where it was found ("evil.example's registrant"), for the reasons of its results.
     */
    readonly search?: ValueSearch;
    readonly about?: string;
}

/** The longest `about` a link keeps. */
const MAX_ABOUT = 200;

/** Reads the state from a query string. */
export function readUrlState(query: string): UrlState {
    const params = new URLSearchParams(query);
    const pivot = params.get('pivot');
    const trail = params.get('trail');
    const parsedTrail = trail ? trailFromJson(trail) : undefined;
    const kind = PIVOT_KINDS.find((k) => k === pivot);
    const searchKind = params.get('search') ?? '';
    const search = isValueKind(searchKind) ? valueSearch(searchKind, params.get('value') ?? '') : undefined;
    const about = search ? params.get('about')?.trim().slice(0, MAX_ABOUT) : undefined;
    return {
        indicator: params.get('indicator') ?? '',
        earliest: params.get('earliest') ?? DEFAULT_TIME_RANGE.earliest,
        latest: params.get('latest') ?? DEFAULT_TIME_RANGE.latest,
        ...(kind ? { pivot: kind } : {}),
        trail: parsedTrail?.ok ? parsedTrail.value : EMPTY_TRAIL,
        ...(search ? { search } : {}),
        ...(about ? { about } : {}),
    };
}

/** The query string of a state (default time range and empty trail left out, so links stay short). */
export function urlSearch(state: UrlState): string {
    const params = new URLSearchParams();
    if (state.indicator) params.set('indicator', state.indicator);
    if (state.earliest !== DEFAULT_TIME_RANGE.earliest || state.latest !== DEFAULT_TIME_RANGE.latest) {
        params.set('earliest', state.earliest);
        params.set('latest', state.latest);
    }
    if (state.pivot && state.pivot !== 'investigate') params.set('pivot', state.pivot);
    if (state.trail.steps.length > 1) params.set('trail', trailToJson(state.trail));
    if (state.search) {
        params.set('search', state.search.kind);
        params.set('value', state.search.value);
        if (state.about) params.set('about', state.about);
    }
    const text = params.toString();
    return text ? `?${text}` : '';
}

/** The URL state, and `navigate` to push a new one. */
export function useUrlState(): readonly [UrlState, (next: UrlState) => void] {
    const [state, setState] = useState(() => readUrlState(window.location.search));
    useEffect(() => {
        const onPop = () => setState(readUrlState(window.location.search));
        window.addEventListener('popstate', onPop);
        return () => window.removeEventListener('popstate', onPop);
    }, []);
    const navigate = useCallback((next: UrlState) => {
        window.history.pushState(null, '', `${window.location.pathname}${urlSearch(next)}`);
        setState(readUrlState(window.location.search));
    }, []);
    return [state, navigate] as const;
}
