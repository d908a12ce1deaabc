import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { isAbortError } from '../../api/rest';
import type { ProviderState } from '../../investigation/provider-states';
import { fieldErrors, removeProviderKey, saveProviderKey, type ProviderKeyState } from './setup-api';
import { useLatestSignal } from './useLatestSignal';

const Actions = styled.div`
    display: flex;
    gap: ${variables.spacingSmall};
`;

export interface ProviderKeyFormProps {
    readonly provider: ProviderState;
    readonly onChange: (key: ProviderKeyState) => void;
}

/**
 * An open provider's key: a password field that is never pre-filled (CIRCL: a username and password), saved to
 * and removed from Splunk's credential store through the endpoint, which never returns it.
 */
export function ProviderKeyForm({ provider, onChange }: ProviderKeyFormProps) {
    const basic = provider.id === 'circl';
    const [username, setUsername] = useState(provider.username ?? '');
    const [secret, setSecret] = useState('');
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<Error | null>(null);
    const [notice, setNotice] = useState<string | null>(null);
    const nextSignal = useLatestSignal();
    const problems = fieldErrors(error);
    const what = basic ? 'password' : 'key';

    const run = async (action: (signal: AbortSignal) => Promise<ProviderKeyState>, done: string) => {
        setBusy(true);
        setError(null);
        setNotice(null);
        try {
            const next = await action(nextSignal());
            setSecret('');
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
        void run(
            (signal) => saveProviderKey(provider.id, secret, basic ? username : undefined, signal),
            `The ${provider.label} ${what} is saved.`
        );
    };

    return (
        <form onSubmit={submit} aria-label={`Key of ${provider.label}`}>
            {basic ? (
                <ControlGroup label={`${provider.label} username`} error={problems.username ?? false}>
                    <Text
                        value={username}
                        autoComplete="off"
                        onChange={(_e, { value }) => setUsername(value)}
                        error={problems.username !== undefined}
                    />
                </ControlGroup>
            ) : null}
            <ControlGroup
                label={`${provider.label} ${what}`}
                help={
                    provider.keyStored
                        ? `A ${what} is stored; enter a new one to change it. It is never shown again.`
                        : `Stored encrypted in Splunk's credential store and never shown again.`
                }
                error={problems.api_key ?? false}
            >
                <Text
                    type="password"
                    value={secret}
                    autoComplete="new-password"
                    onChange={(_e, { value }) => setSecret(value)}
                    error={problems.api_key !== undefined}
                />
            </ControlGroup>
            <Actions>
                <Button type="submit" label={`Save the ${provider.label} ${what}`} disabled={busy || secret === ''} />
                {provider.keyStored ? (
                    <Button
                        label={`Remove the ${provider.label} ${what}`}
                        appearance="destructive"
                        disabled={busy}
                        onClick={() =>
                            void run(
                                (signal) => removeProviderKey(provider.id, signal),
                                `The ${provider.label} ${what} is removed.`
                            )
                        }
                    />
                ) : null}
            </Actions>
            {error !== null && Object.keys(problems).length === 0 ? (
                <Message type="error">{error.message}</Message>
            ) : null}
            {notice !== null ? <Message type="success">{notice}</Message> : null}
        </form>
    );
}
