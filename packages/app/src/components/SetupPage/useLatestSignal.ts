import { useCallback, useEffect, useRef } from 'react';

/**
 * For requests a click starts: `next()` aborts the previous request of the same kind and gives a new signal, and
 * unmounting aborts the last one, so no answer arrives after the component is gone.
 */
export function useLatestSignal(): () => AbortSignal {
    const current = useRef<AbortController | null>(null);
    useEffect(
        () => () => {
            current.current?.abort();
        },
        []
    );
    return useCallback(() => {
        current.current?.abort();
        current.current = new AbortController();
        return current.current.signal;
    }, []);
}
