import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import P from '@splunk/react-ui/Paragraph';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { isAbortError } from '../../api/rest';
import { setupTestIds } from '../../selectors';
import { fieldErrors, removeCredential, saveCredential, type CredentialState } from './setup-api';
import { useLatestSignal } from './useLatestSignal';

const Actions = styled.div`
    display: flex;
    gap: ${variables.spacingSmall};
    margin-top: ${variables.spacingSmall};
`;

export interface CredentialsPanelProps {
    readonly credential: CredentialState;
    readonly onChange: (credential: CredentialState) => void;
}

type Mode = 'view' | 'edit';

/**
 * The PassiveTotal username and API key. The key field is a password input that is never pre-filled: once saved
 * the page only says that a key is set (the endpoint never returns it), and offers to replace or remove it.
 */
export function CredentialsPanel({ credential, onChange }: CredentialsPanelProps) {
    const [mode, setMode] = useState<Mode>(credential.configured ? 'view' : 'edit');
    const [username, setUsername] = useState(credential.username ?? '');
    const [apiKey, setApiKey] = useState('');
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<Error | null>(null);
    const [notice, setNotice] = useState<string | null>(null);
    const nextSignal = useLatestSignal();
    const problems = fieldErrors(error);

    const run = async (action: (signal: AbortSignal) => Promise<CredentialState>, done: string) => {
        setBusy(true);
        setError(null);
        setNotice(null);
        try {
            const next = await action(nextSignal());
            setApiKey('');
            setMode(next.configured ? 'view' : 'edit');
            setNotice(done);
            onChange(next);
        } catch (failure) {
            if (isAbortError(failure)) return;
            setError(failure instanceof Error ? failure : new Error(String(failure)));
        }
        setBusy(false);
    };

    const submit = (event: FormEvent) => {
        event.preventDefault();
        void run((signal) => saveCredential(username, apiKey, signal), 'The API key is saved.');
    };

    return (
        <section aria-label="PassiveTotal account">
            <P data-test={setupTestIds.credentialStatus} data-configured={String(credential.configured)}>
                {credential.configured
                    ? `API key: set for ${credential.username ?? 'an unnamed account'}. It is kept in Splunk's credential store and never shown again.`
                    : 'API key: not set. PassiveTotal cannot be asked until an administrator enters the username and API key; meanwhile the investigation page uses the open providers below that are in use.'}
            </P>
            {mode === 'view' ? (
                <Actions>
                    <Button label="Replace" onClick={() => setMode('edit')} disabled={busy} />
                    <Button
                        label="Remove"
                        appearance="destructive"
                        disabled={busy}
                        onClick={() => void run((signal) => removeCredential(signal), 'The API key is removed.')}
                    />
                </Actions>
            ) : (
                <form onSubmit={submit}>
                    <ControlGroup
                        label="PassiveTotal username"
                        help="The email address of the PassiveTotal account."
                        error={problems.username ?? false}
                    >
                        <Text
                            value={username}
                            autoComplete="off"
                            onChange={(_event, { value }) => setUsername(value)}
                            error={problems.username !== undefined}
                        />
                    </ControlGroup>
                    <ControlGroup
                        label="API key"
                        help="From the account settings in PassiveTotal. It is stored encrypted and never shown again."
                        error={problems.api_key ?? false}
                    >
                        <Text
                            type="password"
                            value={apiKey}
                            autoComplete="new-password"
                            onChange={(_event, { value }) => setApiKey(value)}
                            error={problems.api_key !== undefined}
                        />
                    </ControlGroup>
                    <Actions>
                        <Button type="submit" appearance="primary" label="Save credentials" disabled={busy} />
                        {credential.configured ? (
                            <Button
                                label="Cancel"
                                disabled={busy}
                                onClick={() => {
                                    setApiKey('');
                                    setError(null);
                                    setMode('view');
                                }}
                            />
                        ) : null}
                    </Actions>
                </form>
            )}
            {error !== null && Object.keys(problems).length === 0 ? (
                <Message type="error">{error.message}</Message>
            ) : null}
            {notice !== null ? <Message type="success">{notice}</Message> : null}
        </section>
    );
}
