import { useState } from 'react';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import { checkConnection, getQuota } from '../../api/app-endpoint';
import { isAbortError, RestError } from '../../api/rest';
import { setupTestIds } from '../../selectors';
import { accountWords, quotaWords } from './connection-words';
import { useLatestSignal } from './useLatestSignal';

type Result =
    | { readonly kind: 'idle' }
    | { readonly kind: 'running' }
    | { readonly kind: 'ok'; readonly lines: readonly string[] }
    | { readonly kind: 'failed'; readonly text: string; readonly code: string };

/**
 * "Test connection": asks PassiveTotal through the app's endpoint who the stored credentials belong to
 * (`check`, a free call) and how much quota is left (`quota`), and says the answer or the specific error in words.
 */
export function ConnectionTest() {
    const [result, setResult] = useState<Result>({ kind: 'idle' });
    const nextSignal = useLatestSignal();

    const test = async () => {
        const signal = nextSignal();
        setResult({ kind: 'running' });
        try {
            const check = await checkConnection(signal);
            const lines = [accountWords(check)];
            try {
                lines.push(...quotaWords(await getQuota(signal)));
            } catch (error) {
                if (isAbortError(error)) return;
                lines.push(`The quota could not be read: ${error instanceof Error ? error.message : String(error)}`);
            }
            setResult({ kind: 'ok', lines });
        } catch (error) {
            if (isAbortError(error)) return;
            const code = error instanceof RestError ? (error.code ?? String(error.status)) : 'unknown';
            setResult({ kind: 'failed', text: error instanceof Error ? error.message : String(error), code });
        }
    };

    return (
        <section aria-label="Test connection">
            <Button
                label={result.kind === 'running' ? 'Testing…' : 'Test connection'}
                disabled={result.kind === 'running'}
                onClick={() => void test()}
            />
            {result.kind === 'ok' ? (
                <div data-test={setupTestIds.connectionResult} data-ok="true">
                    <Message type="success">
                        {result.lines.map((line) => (
                            <span key={line}>
                                {line}
                                <br />
                            </span>
                        ))}
                    </Message>
                </div>
            ) : null}
            {result.kind === 'failed' ? (
                <div data-test={setupTestIds.connectionResult} data-ok="false" data-code={result.code}>
                    <Message type="error">{result.text}</Message>
                </div>
            ) : null}
        </section>
    );
}
