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
        toPromise(): Promise<T>;
    }

    /** Parameters of results, results_preview and events (count, offset, output_mode, f...). */
    export type ResultsParams = Record<string, string | number>;

    export interface SearchJobInstance {
        getSid(): JobObservable<string>;
        /** Emits each job status entry from polling; completes when the job is done (also when it failed). */
        getProgress(): JobObservable<{ content: SearchJobProgress }>;
        /** After the job is done: the results body, or null on 204. */
        getResults(params?: ResultsParams): JobObservable<unknown>;
        getResultsPreview(params?: ResultsParams): JobObservable<unknown>;
        getEvents(params?: ResultsParams): JobObservable<unknown>;
        cancel(): JobObservable<unknown>;
        pause(): JobObservable<unknown>;
        unpause(): JobObservable<unknown>;
        finalize(): JobObservable<unknown>;
    }

    export interface CreateOptions {
        app?: string;
        owner?: string;
        sharing?: string;
        cache?: boolean;
        cancelOnUnload?: boolean;
        keepAlive?: boolean;
    }

    const SearchJob: {
        /** Creates the job at once (POST search/jobs); `search` gets a leading `search ` unless it starts with `|`. */
        create(params: Record<string, string | number>, options?: CreateOptions): SearchJobInstance;
        fromSid(sid: string): SearchJobInstance;
        setSplunkConfig(config: { splunkdPath?: string; app?: string; owner?: string }): void;
        setBaseFetchInit(init: RequestInit): void;
    };
    export default SearchJob;
}

declare module '@splunk/search-job/progressTracker' {
    /** Test hooks; they throw unless NODE_ENV is `test`. */
    export function setIntervalTest(longInterval: number, shortInterval?: number): void;
    export function resetTest(): void;
}
