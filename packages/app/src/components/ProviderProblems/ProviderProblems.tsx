import Message from '@splunk/react-ui/Message';
import { providerLabel, type ProviderProblem } from '@passivetotal/core';
import { testIds } from '../../selectors';

/**
 * One provider's failure in words, named by the provider's label unless its reason already names it.
 *
 * @example problemWords({ provider: 'crtsh', error: { kind: 'quota', reason: 'rate limited, try again in a minute', ... } }) // 'crt.sh: rate limited, try again in a minute'
 */
export function problemWords(problem: ProviderProblem): string {
    const label = providerLabel(problem.provider);
    const reason = problem.error.reason.trim();
    return reason.toLowerCase().includes(label.toLowerCase()) ? reason : `${label}: ${reason}`;
}

/**
 * The providers that failed while others answered, one message each (`panel-error`, `data-provider` the id), shown
 * above a section's rows so a failure is never mistaken for "nothing found" and never hides the others' rows.
 */
export function ProviderProblems({ problems }: { readonly problems?: readonly ProviderProblem[] | undefined }) {
    if (!problems || problems.length === 0) return null;
    return (
        <>
            {problems.map((p, i) => (
                <div
                    key={`${p.provider}|${String(i)}`}
                    data-test={testIds.panelError}
                    data-provider={p.provider}
                    role="alert"
                >
                    <Message type="warning">{problemWords(p)} The rows of the other sources are shown.</Message>
                </div>
            ))}
        </>
    );
}
