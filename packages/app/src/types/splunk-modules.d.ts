// Typed declarations for the Splunk UI Toolkit packages that ship no TypeScript types.
// Only the parts this app uses are declared; widen them as the app uses more.

declare module '@splunk/react-page/18' {
    import type { ReactElement } from 'react';

    export interface LayoutOptions {
        pageTitle?: string;
        hideAppBar?: boolean;
        hideSplunkBar?: boolean;
        hideChrome?: boolean;
        hideFooter?: boolean;
        layout?: 'scrolling' | 'fixed';
        theme?: 'light' | 'dark';
        themeFamily?: 'enterprise' | 'prisma';
        themeDensity?: 'compact' | 'comfortable';
        useGlobalLayerStack?: boolean;
    }

    /** Renders `element` inside Splunk Web's chrome (Splunk bar, app bar) with React 18 `createRoot`. */
    export default function layout(element: ReactElement, options?: LayoutOptions): void;
}

declare module '@splunk/search-job' {
    /** The subset of a splunkd job entry's `content` the app reads. */
    export interface SearchJobProgress {
        sid: string;
        dispatchState: string;
        isDone: boolean;
        isFailed: boolean;
        doneProgress: number;
        resultCount: number;
        resultPreviewCount: number;
        eventCount: number;
        messages?: { type: string; text: string }[];
    }

    /** rxjs 5 Observable, reduced to the subscribe contract the app relies on. */
    export interface JobObservable<T> {
        subscribe(observer: { next?: (value: T) => void; error?: (error: unknown) => void; complete?: () => void }): {
            unsubscribe(): void;
        };
    }

    export interface ResultsOptions {
        count?: number;
        offset?: number;
        output_mode?: 'json' | 'json_rows' | 'json_cols';
        [param: string]: string | number | undefined;
    }

    export interface SearchJobInstance {
        sid?: string;
        getProgress(): JobObservable<SearchJobProgress>;
        getResults(options?: ResultsOptions): JobObservable<unknown>;
        getResultsPreview(options?: ResultsOptions): JobObservable<unknown>;
        cancel(): JobObservable<unknown>;
    }

    export interface CreateOptions {
        app?: string;
        owner?: string;
        cache?: boolean;
        splunkdPath?: string;
    }

    const SearchJob: {
        create(
            params: { search: string; earliest_time?: string; latest_time?: string; [key: string]: unknown },
            options?: CreateOptions
        ): SearchJobInstance;
        fromSid(sid: string, options?: CreateOptions): SearchJobInstance;
        setSplunkConfig(config: { splunkdPath?: string; app?: string; owner?: string }): void;
    };
    export default SearchJob;
}
