import { useState, type FormEvent } from 'react';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import P from '@splunk/react-ui/Paragraph';
import { keyWords } from '@passivetotal/core';
import { setupTestIds } from '../../selectors';
import { Actions, ActionOutcome, KeyRows, keyLabel } from './FormRows';
import { removeCredential, saveCredential, type CredentialState } from './setup-api';
import { useFormAction } from './useFormAction';

export interface CredentialsPanelProps {
    readonly credential: CredentialState;
    readonly onChange: (credential: CredentialState) => void;
}

/**
 * The PassiveTotal username and API key, asked for as the catalogue describes PassiveTotal's key. The key field is a
 * password input that is never pre-filled: once saved the page only says that a key is set (the endpoint never
 * returns it), and offers to replace or remove it.
 */
export function CredentialsPanel({ credential, onChange }: CredentialsPanelProps) {
    const [editing, setEditing] = useState(!credential.configured);
    const [username, setUsername] = useState(credential.username ?? '');
    const [apiKey, setApiKey] = useState('');
    const action = useFormAction();
    const secret = keyWords('passivetotal').secret;
    const done = (next: CredentialState) => {
        setApiKey('');
        setEditing(!next.configured);
        onChange(next);
    };

    const submit = (event: FormEvent) => {
        event.preventDefault();
        void action.run(
            (signal) => saveCredential(username, apiKey, signal),
            `The ${keyLabel('passivetotal')} is saved.`,
            done
        );
    };

    return (
        <section aria-label="PassiveTotal account">
            <P data-test={setupTestIds.credentialStatus} data-configured={String(credential.configured)}>
                {credential.configured
                    ? `${secret}: set for ${credential.username ?? 'an unnamed account'}. It is kept in Splunk's credential store and never shown again${credential.keyHost ? `, and sent only to ${credential.keyHost}, the host it was entered for` : ''}.`
                    : `${secret}: not set. PassiveTotal cannot be asked until an administrator enters the username and ${secret}; meanwhile the investigation page uses the open providers below that are in use.`}
            </P>
            {credential.keyHostError ? <Message type="warning">{credential.keyHostError}</Message> : null}
            {editing ? (
                <form onSubmit={submit}>
                    <KeyRows
                        provider="passivetotal"
                        username={username}
                        secret={apiKey}
                        problems={action.problems}
                        usernameHelp="The email address of the PassiveTotal account."
                        keyHelp="From the account settings in PassiveTotal. It is stored encrypted and never shown again."
                        onUsername={setUsername}
                        onSecret={setApiKey}
                    />
                    <Actions>
                        <Button type="submit" appearance="primary" label="Save credentials" disabled={action.busy} />
                        {credential.configured ? (
                            <Button
                                label="Cancel"
                                disabled={action.busy}
                                onClick={() => {
                                    setApiKey('');
                                    action.clear();
                                    setEditing(false);
                                }}
                            />
                        ) : null}
                    </Actions>
                </form>
            ) : (
                <Actions>
                    <Button label="Replace" onClick={() => setEditing(true)} disabled={action.busy} />
                    <Button
                        label="Remove"
                        appearance="destructive"
                        disabled={action.busy}
                        onClick={() =>
                            void action.run(removeCredential, `The ${keyLabel('passivetotal')} is removed.`, done)
                        }
                    />
                </Actions>
            )}
            <ActionOutcome action={action} />
        </section>
    );
}
