import { useState } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import Message from '@splunk/react-ui/Message';
import Switch from '@splunk/react-ui/Switch';
import { variables } from '@splunk/themes';
import { isOpenProviderId } from '@passivetotal/core';
import { isAbortError, RestError } from '../../api/rest';
import type { ProviderState } from '../../investigation/provider-states';
import { setupTestIds } from '../../selectors';
import { Actions, ActionOutcome } from './FormRows';
import { fillsWords, keyWords, stateWords } from './provider-words';
import { ProviderKeyForm } from './ProviderKeyForm';
import { ProviderSettingsForm } from './ProviderSettingsForm';
import { checkProvider, saveSetupFields, withKeyState, type SetupData } from './setup-api';
import { useFormAction } from './useFormAction';
import { useLatestSignal } from './useLatestSignal';

const Card = styled.section`
    padding: ${variables.spacingMedium} 0;
    border-bottom: 1px solid ${variables.borderColor};
`;

const Words = styled.p`
    margin: ${variables.spacingXSmall} 0;
`;

const Muted = styled.p`
    margin: ${variables.spacingXSmall} 0;
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

type Check =
    | { readonly kind: 'idle' }
    | { readonly kind: 'running' }
    | { readonly kind: 'ok'; readonly text: string }
    | { readonly kind: 'failed'; readonly text: string; readonly code: string };

export interface ProviderCardProps {
    readonly provider: ProviderState;
    /** The setup after a save of this provider's settings (the endpoint answers the whole setup). */
    readonly onSaved: (setup: SetupData) => void;
    /** The provider after its key was saved or removed. */
    readonly onChange: (provider: ProviderState) => void;
}

/**
 * One open provider on the setup page: what it fills, whether it needs a key, whether the investigation page uses
 * it; its on/off switch (saved at once), its key, a "Test" that asks it a fixed query through the endpoint, and
 * its settings on demand.
 */
export function ProviderCard({ provider, onSaved, onChange }: ProviderCardProps) {
    const [check, setCheck] = useState<Check>({ kind: 'idle' });
    const [showSettings, setShowSettings] = useState(false);
    const switching = useFormAction();
    const nextCheckSignal = useLatestSignal();

    const test = async () => {
        const signal = nextCheckSignal();
        setCheck({ kind: 'running' });
        try {
            setCheck({ kind: 'ok', text: await checkProvider(provider.id, signal) });
        } catch (error) {
            if (isAbortError(error)) return;
            const code = error instanceof RestError ? (error.code ?? String(error.status)) : 'unknown';
            setCheck({ kind: 'failed', text: error instanceof Error ? error.message : String(error), code });
        }
    };

    const toggle = (enabled: boolean) => {
        if (!isOpenProviderId(provider.id)) return;
        const form = { [`provider.${provider.id}.enabled` as const]: enabled };
        void switching.run((signal) => saveSetupFields(form, signal), undefined, onSaved);
    };

    return (
        <Card
            aria-label={provider.label}
            data-test={setupTestIds.provider}
            data-provider={provider.id}
            data-ready={String(provider.ready)}
        >
            <Heading level={3}>{provider.label}</Heading>
            <Words>
                {fillsWords(provider)} {keyWords(provider)} <strong>{stateWords(provider)}</strong>
            </Words>
            {provider.note ? <Muted>{provider.note}</Muted> : null}
            <Actions>
                <Switch
                    appearance="toggle"
                    selected={provider.enabled}
                    disabled={switching.busy}
                    onClick={(_e, { selected }) => toggle(!selected)}
                >
                    {`Use ${provider.label}`}
                </Switch>
                <Button
                    label={check.kind === 'running' ? 'Testing…' : `Test ${provider.label}`}
                    disabled={check.kind === 'running'}
                    onClick={() => void test()}
                />
                <Button
                    appearance="subtle"
                    label={showSettings ? 'Hide settings' : 'Show settings'}
                    aria-label={`${showSettings ? 'Hide' : 'Show'} the settings of ${provider.label}`}
                    aria-expanded={showSettings}
                    disabled={!provider.settings}
                    onClick={() => setShowSettings((s) => !s)}
                />
            </Actions>
            <ActionOutcome action={switching} />
            {check.kind === 'ok' || check.kind === 'failed' ? (
                <div
                    data-test={setupTestIds.providerCheck}
                    data-provider={provider.id}
                    data-ok={String(check.kind === 'ok')}
                    {...(check.kind === 'failed' ? { 'data-code': check.code } : {})}
                >
                    <Message type={check.kind === 'ok' ? 'success' : 'error'}>{check.text}</Message>
                </div>
            ) : null}
            {provider.key === 'none' || !isOpenProviderId(provider.id) ? null : (
                <ProviderKeyForm
                    provider={provider.id}
                    stored={{ key: provider.keyStored, username: provider.username }}
                    onChange={(key) => onChange(withKeyState(provider, key))}
                />
            )}
            {showSettings && provider.settings ? (
                <ProviderSettingsForm provider={provider} settings={provider.settings} onSaved={onSaved} />
            ) : null}
        </Card>
    );
}
