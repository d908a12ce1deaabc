import { useCallback, useState } from 'react';
import { isAbortError } from '../../api/rest';
import { fieldErrors } from './setup-api';
import { useLatestSignal } from './useLatestSignal';

/** What the last action of a form did: its notice, or its failure. */
export type FormOutcome =
    { readonly ok: true; readonly notice?: string } | { readonly ok: false; readonly error: Error } | null;

/** A form's action, its state and what it did. */
export interface FormAction {
    readonly busy: boolean;
    readonly outcome: FormOutcome;
    /** The reasons of an `invalid_settings` refusal, by form field; empty otherwise. */
    readonly problems: Readonly<Record<string, string>>;
    /**
     * Runs an action of the form (save, remove): busy until it ends, the previous one aborted, `notice` said when
     * it succeeds (nothing without one) and `then` given its answer; a failure is kept as the outcome.
     */
    run<T>(
        action: (signal: AbortSignal) => Promise<T>,
        notice: string | undefined,
        then?: (answer: T) => void
    ): Promise<void>;
    /** Forgets the outcome (an edit after a save). */
    clear(): void;
}

/**
 * The plumbing every form of the setup page shares: one action at a time through the endpoint, the latest only
 * (unmounting aborts it), its outcome, and the field reasons of a refusal for the rows to show.
 */
export function useFormAction(): FormAction {
    const [busy, setBusy] = useState(false);
    const [outcome, setOutcome] = useState<FormOutcome>(null);
    const nextSignal = useLatestSignal();
    const run = useCallback(
        async <T>(
            action: (signal: AbortSignal) => Promise<T>,
            notice: string | undefined,
            then?: (answer: T) => void
        ) => {
            setBusy(true);
            setOutcome(null);
            try {
                const answer = await action(nextSignal());
                setOutcome(notice === undefined ? { ok: true } : { ok: true, notice });
                then?.(answer);
            } catch (failure) {
                if (isAbortError(failure)) return;
                setOutcome({ ok: false, error: failure instanceof Error ? failure : new Error(String(failure)) });
            }
            setBusy(false);
        },
        [nextSignal]
    );
    const clear = useCallback(() => setOutcome(null), []);
    const problems = outcome?.ok === false ? fieldErrors(outcome.error) : {};
    return { busy, outcome, problems, run, clear };
}
