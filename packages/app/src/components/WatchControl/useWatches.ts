/**
 * The team's watches and who the user is (name, app admin), loaded together and reloaded after a change. Both the
 * Watch control and the Watches page read them here.
 */
import { useCallback, useEffect, useState } from 'react';
import { getStatus } from '../../api/app-endpoint';
import { isAbortError, RestError } from '../../api/rest';
import { listWatches, watchErrorWords, type Watch } from '../../api/watches';

/** The user as the watches see them. */
export interface WatchUser {
    readonly name: string;
    /** An app admin (`passivetotal_admin`): may end or change any watch and watch for another owner. */
    readonly admin: boolean;
}

export type WatchList =
    | { readonly state: 'loading' }
    | { readonly state: 'done'; readonly watches: readonly Watch[] }
    | { readonly state: 'failed'; readonly message: string; readonly code: string | undefined };

export interface Watches {
    readonly list: WatchList;
    readonly user: WatchUser | undefined;
    /** Loads the list again (after a change). */
    readonly reload: () => void;
}

/** Whether the user may end or change the watch: its owner or an app admin. */
export function mayChange(watch: Pick<Watch, 'owner'>, user: WatchUser | undefined): boolean {
    return user !== undefined && (user.admin || watch.owner === user.name);
}

/** The team's watches and the user, loaded while `active`. */
export function useWatches(active = true): Watches {
    const [list, setList] = useState<WatchList>({ state: 'loading' });
    const [user, setUser] = useState<WatchUser>();
    const [round, setRound] = useState(0);
    const reload = useCallback(() => setRound((n) => n + 1), []);

    useEffect(() => {
        if (!active) return;
        const controller = new AbortController();
        listWatches(controller.signal).then(
            (watches) => {
                if (!controller.signal.aborted) setList({ state: 'done', watches });
            },
            (error: unknown) => {
                if (controller.signal.aborted || isAbortError(error)) return;
                setList({
                    state: 'failed',
                    message: watchErrorWords(error, 'list'),
                    code: error instanceof RestError ? error.code : undefined,
                });
            }
        );
        return () => controller.abort();
    }, [active, round]);

    useEffect(() => {
        if (!active) return;
        const controller = new AbortController();
        getStatus(controller.signal).then(
            (status) => {
                if (!controller.signal.aborted) setUser({ name: status.user, admin: status.capabilities.admin });
            },
            // Without the status the user may still read the list; no control offers a change then.
            () => undefined
        );
        return () => controller.abort();
    }, [active]);

    return { list, user, reload };
}
