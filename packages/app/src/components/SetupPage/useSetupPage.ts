import { useCallback, useEffect, useState } from 'react';
import { getStatus, type AppStatus } from '../../api/app-endpoint';
import { isAbortError } from '../../api/rest';
import type { ProviderState } from '../../investigation/provider-states';
import { getSetup, type CredentialState, type SetupData } from './setup-api';

/** What the setup page shows: loading, the explanation for non-admins, a failure, or the form. */
export type SetupPageState =
    | { readonly kind: 'loading' }
    | { readonly kind: 'forbidden'; readonly status: AppStatus }
    | { readonly kind: 'failed'; readonly message: string }
    | { readonly kind: 'ready'; readonly status: AppStatus; readonly setup: SetupData };

/**
 * Loads the page: first `status` (who the user is and whether they hold the app's admin capability), then, for
 * administrators only, the `setup` form. Both requests are aborted when the page goes away.
 */
export function useSetupPage(): {
    state: SetupPageState;
    setSetup: (setup: SetupData) => void;
    setCredential: (credential: CredentialState) => void;
    setProvider: (provider: ProviderState) => void;
} {
    const [state, setState] = useState<SetupPageState>({ kind: 'loading' });

    useEffect(() => {
        const controller = new AbortController();
        const load = async () => {
            const status = await getStatus(controller.signal);
            if (!status.capabilities.admin) {
                setState({ kind: 'forbidden', status });
                return;
            }
            const setup = await getSetup(controller.signal);
            setState({ kind: 'ready', status, setup });
        };
        load().catch((error: unknown) => {
            if (isAbortError(error) || controller.signal.aborted) return;
            setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
        });
        return () => controller.abort();
    }, []);

    const setSetup = useCallback((setup: SetupData) => {
        setState((previous) => (previous.kind === 'ready' ? { ...previous, setup } : previous));
    }, []);
    const setCredential = useCallback((credential: CredentialState) => {
        setState((previous) =>
            previous.kind === 'ready' ? { ...previous, setup: { ...previous.setup, credential } } : previous
        );
    }, []);
    const setProvider = useCallback((provider: ProviderState) => {
        setState((previous) =>
            previous.kind === 'ready'
                ? {
                      ...previous,
                      setup: {
                          ...previous.setup,
                          providers: previous.setup.providers.map((p) => (p.id === provider.id ? provider : p)),
                      },
                  }
                : previous
        );
    }, []);
    return { state, setSetup, setCredential, setProvider };
}
