// Declarations for the untyped Splunk client packages the splunkd tests drive (only what they use).

declare module '@splunk/search-job' {
    /** A splunkd job entry's `content`, as the poller emits it. */
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

    /** rxjs 5 Observable, reduced to what the tests use. */
    export interface JobObservable<T> {
        subscribe(observer: { next?: (value: T) => void; error?: (error: unknown) => void; complete?: () => void }): {
            unsubscribe(): void;
        };
        toPromise(): Promise<T>;
    }

    export interface SearchJobInstance {
        getSid(): JobObservable<string>;
        getProgress(): JobObservable<{ content: SearchJobProgress }>;
        getResults(params?: Record<string, string | number>): JobObservable<unknown>;
        getResultsPreview(params?: Record<string, string | number>): JobObservable<unknown>;
        getEvents(params?: Record<string, string | number>): JobObservable<unknown>;
        cancel(): JobObservable<unknown>;
        pause(): JobObservable<unknown>;
        unpause(): JobObservable<unknown>;
        finalize(): JobObservable<unknown>;
    }

    const SearchJob: {
        create(
            params: Record<string, string | number>,
            options?: { app?: string; owner?: string; cache?: boolean; cancelOnUnload?: boolean }
        ): SearchJobInstance;
        fromSid(sid: string): SearchJobInstance;
        setSplunkConfig(config: { splunkdPath?: string }): void;
        setBaseFetchInit(init: RequestInit): void;
    };
    export default SearchJob;
}

declare module '@splunk/search-job/progressTracker' {
    export function setIntervalTest(longInterval: number, shortInterval?: number): void;
    export function resetTest(): void;
}
