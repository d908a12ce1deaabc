/** The PassiveTotal quota for the header: asked once when the first investigation opens (the call is never cached upstream, so it is not repeated per pivot). */
import { useEffect, useState } from 'react';
import type { Quota } from '@passivetotal/core';
import { isAbortError } from '../api/rest';
import { done, IDLE, type Remote } from '../components/PanelStatus/remote';
import { useBackend } from './backend';

export function useQuota(active: boolean): Remote<Quota> {
    const backend = useBackend();
    const [state, setState] = useState<Remote<Quota>>(IDLE);
    const asked = state.state !== 'idle';
    useEffect(() => {
        if (!active || asked) return;
        const controller = new AbortController();
        backend.quota(controller.signal).then(
            (quota) => {
                if (!controller.signal.aborted) setState(done(quota));
            },
            (error: unknown) => {
                // The header simply shows no quota line; the tabs report PassiveTotal's errors themselves.
                if (!controller.signal.aborted && !isAbortError(error))
                    setState({ state: 'unavailable', message: 'quota unknown' });
            }
        );
        return () => controller.abort();
    }, [backend, active, asked]);
    return state;
}
