import { useState, type FormEvent } from 'react';
import Button from '@splunk/react-ui/Button';
import { keyWords, providerLabel, type OpenProviderId } from '@passivetotal/core';
import { Actions, ActionOutcome, KeyRows, keyLabel } from './FormRows';
import { removeProviderKey, saveProviderKey, type ProviderKeyState } from './setup-api';
import { useFormAction } from './useFormAction';

export interface ProviderKeyFormProps {
    readonly provider: OpenProviderId;
    /** Whether a key is stored, and the basic-auth username stored with it. */
    readonly stored: { readonly key: boolean; readonly username: string | null };
    readonly onChange: (key: ProviderKeyState) => void;
}

/**
 * An open provider's key as the catalogue describes it: a password field that is never pre-filled (a basic-auth
 * provider such as CIRCL: a username and password), saved to and removed from Splunk's credential store through
 * the endpoint, which never returns it.
 */
export function ProviderKeyForm({ provider, stored, onChange }: ProviderKeyFormProps) {
    const { basic, secret: what } = keyWords(provider);
    const [username, setUsername] = useState(stored.username ?? '');
    const [secret, setSecret] = useState('');
    const action = useFormAction();
    const label = keyLabel(provider);
    const done = (next: ProviderKeyState) => {
        setSecret('');
        onChange(next);
    };

    const submit = (event: FormEvent) => {
        event.preventDefault();
        void action.run(
            (signal) => saveProviderKey(provider, secret, basic ? username : undefined, signal),
            `The ${label} is saved.`,
            done
        );
    };

    return (
        <form onSubmit={submit} aria-label={`Key of ${providerLabel(provider)}`}>
            <KeyRows
                provider={provider}
                username={username}
                secret={secret}
                problems={action.problems}
                keyHelp={
                    stored.key
                        ? `A ${what} is stored; enter a new one to change it. It is never shown again.`
                        : `Stored encrypted in Splunk's credential store and never shown again.`
                }
                onUsername={setUsername}
                onSecret={setSecret}
            />
            <Actions>
                <Button type="submit" label={`Save the ${label}`} disabled={action.busy || secret === ''} />
                {stored.key ? (
                    <Button
                        label={`Remove the ${label}`}
                        appearance="destructive"
                        disabled={action.busy}
                        onClick={() =>
                            void action.run(
                                (signal) => removeProviderKey(provider, signal),
                                `The ${label} is removed.`,
                                done
                            )
                        }
                    />
                ) : null}
            </Actions>
            <ActionOutcome action={action} />
        </form>
    );
}
