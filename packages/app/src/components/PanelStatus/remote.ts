/**
 * The state of one piece of remote data as the tabs render it: not asked, loading, answered (possibly from the
 * proxy's cache), not offered for this indicator type, or failed. The container turns provider results and search
 * jobs into these; the components only read them.
 */
import type { ProviderProblem, ProviderResult } from '@passivetotal/core';

/** A follow-up the analyst can take from an error, such as opening the setup page. */
export interface PanelAction {
    readonly label: string;
    readonly href: string;
}

/** Remote data in one of its states. */
export type Remote<T> =
    | { readonly state: 'idle' }
    | { readonly state: 'loading' }
    | {
          readonly state: 'done';
          readonly value: T;
          /** True when the answer came from the proxy's cache. */
          readonly cached?: boolean;
          /** When the source produced the answer (ISO 8601), shown as "as of" for cached intelligence. */
          readonly fetchedAt?: string;
          /** Providers that failed while others answered: shown above the rows, never instead of them. */
          readonly problems?: readonly ProviderProblem[];
      }
    | {
          readonly state: 'unavailable';
          readonly message: string;
          /** Where the analyst could change that (the setup page, for administrators). */
          readonly action?: PanelAction;
      }
    | { readonly state: 'error'; readonly message: string; readonly action?: PanelAction };

/** The summary state of several remotes, for a tab label. */
export type RemoteState = Remote<unknown>['state'];

/** Nothing asked yet. */
export const IDLE: Remote<never> = Object.freeze({ state: 'idle' });
/** Asked, no answer yet. */
export const LOADING: Remote<never> = Object.freeze({ state: 'loading' });

/** What an answer says beside its value. */
export interface DoneMeta {
    readonly cached?: boolean;
    readonly fetchedAt?: string;
    readonly problems?: readonly ProviderProblem[];
}

/**
 * An answered remote.
 *
 * @example done(resolutions, { cached: true, fetchedAt: '2024-01-30T09:15:00Z' })
 */
export function done<T>(value: T, meta: DoneMeta = {}): Remote<T> {
    return { state: 'done', value, ...meta };
}

/**
 * A remote nothing can fill for this indicator, with an optional follow-up.
 *
 * @example unavailable('Host pairs come from PassiveTotal, which is not configured.', { label: 'Set up providers', href: 'setup' })
 */
export function unavailable(message: string, action?: PanelAction): Remote<never> {
    return action ? { state: 'unavailable', message, action } : { state: 'unavailable', message };
}

/** A failed remote. */
export function failed(message: string, action?: PanelAction): Remote<never> {
    return action ? { state: 'error', message, action } : { state: 'error', message };
}

/** Options of {@link remoteFromResult}. */
export interface FromResultOptions {
    /** Where an administrator configures the PassiveTotal credentials. */
    readonly setupHref?: string;
}

/**
 * Turns a provider result (or `undefined` while the call runs) into a {@link Remote}. An aborted call reads as
 * loading, because a newer call replaces it; a dataset the provider does not offer for the type is "unavailable",
 * not an error. Only credential problems offer the setup page: a user without the app's query capability
 * (`not-permitted`) gets the endpoint's words, which name the capability and say to ask a Splunk administrator, and
 * a dataset outside the PassiveTotal licence (`forbidden`) is not fixed there either. The switch names every kind,
 * so a new kind fails to compile until it is placed.
 *
 * @example remoteFromResult(await provider.fetch('whois', indicator), { setupHref: 'setup' })
 */
export function remoteFromResult<T>(result: ProviderResult<T> | undefined, options: FromResultOptions = {}): Remote<T> {
    if (result === undefined) return LOADING;
    if (result.ok) {
        return done(result.value, {
            cached: result.cached,
            ...(result.fetchedAt === undefined ? {} : { fetchedAt: result.fetchedAt }),
            ...(result.problems && result.problems.length > 0 ? { problems: result.problems } : {}),
        });
    }
    switch (result.kind) {
        case 'aborted':
            return LOADING;
        case 'unsupported':
            return { state: 'unavailable', message: result.reason };
        case 'not-configured':
        case 'unauthorized':
            return failed(
                result.reason,
                options.setupHref === undefined
                    ? undefined
                    : { label: 'Configure PassiveTotal credentials', href: options.setupHref }
            );
        case 'not-permitted':
        case 'forbidden':
        case 'quota':
        case 'bad-request':
        case 'not-found':
        case 'upstream':
        case 'network':
        case 'malformed':
            return failed(result.reason);
    }
}

/**
 * The count to show in a tab label: known once the remote is answered.
 *
 * @example remoteCount(resolutions, (r) => r.total) // 5, or undefined while loading
 */
export function remoteCount<T>(remote: Remote<T>, count: (value: T) => number): number | undefined {
    return remote.state === 'done' ? count(remote.value) : undefined;
}

/**
 * The state of a tab made of several remotes: loading while any loads, done when any answered, error when every
 * asked one failed, unavailable when none applies.
 */
export function combinedState(...remotes: readonly Remote<unknown>[]): RemoteState {
    const states = remotes.map((r) => r.state);
    if (states.includes('loading')) return 'loading';
    if (states.includes('done')) return 'done';
    if (states.includes('error')) return 'error';
    if (states.includes('unavailable')) return 'unavailable';
    return 'idle';
}
