import { useState, type FormEvent } from 'react';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import NumberInput from '@splunk/react-ui/Number';
import Text from '@splunk/react-ui/Text';
import { isAbortError } from '../../api/rest';
import type { ProviderSettings, ProviderState } from '../../investigation/provider-states';
import { fieldErrors, saveSetupFields, type SetupData } from './setup-api';
import { useLatestSignal } from './useLatestSignal';

export interface ProviderSettingsFormProps {
    readonly provider: ProviderState;
    readonly settings: ProviderSettings;
    readonly onSaved: (setup: SetupData) => void;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown } | null;

/**
 * A provider's `[provider:<id>]` settings: its address (RDAP: the IANA bootstrap), the app's own rate limit, how
 * long answers are cached and the timeout. The endpoint checks each and names a bad one under its control.
 */
export function ProviderSettingsForm({ provider, settings, onSaved }: ProviderSettingsFormProps) {
    const [draft, setDraft] = useState(settings);
    const [busy, setBusy] = useState(false);
    const [outcome, setOutcome] = useState<Outcome>(null);
    const nextSignal = useLatestSignal();
    const prefix = `provider.${provider.id}.`;
    const problems = outcome && !outcome.ok ? fieldErrors(outcome.error) : {};
    const error = (key: string): string | false => problems[`${prefix}${key}`] ?? false;
    const set = <K extends keyof ProviderSettings>(key: K, value: ProviderSettings[K]) =>
        setDraft((previous) => ({ ...previous, [key]: value }));
    const urlWords = settings.urlKey === 'bootstrap_url' ? 'bootstrap URL' : 'server URL';

    const submit = async (event: FormEvent) => {
        event.preventDefault();
        setBusy(true);
        setOutcome(null);
        try {
            const saved = await saveSetupFields(
                {
                    [`${prefix}${settings.urlKey}`]: draft.baseUrl.trim(),
                    [`${prefix}rate_limit_per_minute`]: draft.rateLimitPerMinute,
                    [`${prefix}ttl_seconds`]: draft.ttlSeconds,
                    [`${prefix}timeout_seconds`]: draft.timeoutSeconds,
                },
                nextSignal()
            );
            setOutcome({ ok: true });
            onSaved(saved);
        } catch (failure) {
            if (isAbortError(failure)) return;
            setOutcome({ ok: false, error: failure });
        }
        setBusy(false);
    };

    return (
        <form onSubmit={(event) => void submit(event)} aria-label={`${provider.label} settings`}>
            <ControlGroup
                label={`${provider.label} ${urlWords}`}
                help="https, or http on this machine (a replay server). Empty: the provider's public address."
                error={error(settings.urlKey)}
            >
                <Text value={draft.baseUrl} onChange={(_e, { value }) => set('baseUrl', value)} />
            </ControlGroup>
            <ControlGroup
                label={`${provider.label} requests per minute`}
                help="The app's own limit for this provider, 0 to 10,000 (0: no limit)."
                error={error('rate_limit_per_minute')}
            >
                <NumberInput
                    value={draft.rateLimitPerMinute}
                    min={0}
                    max={10000}
                    roundTo={0}
                    onChange={(_e, { value }) => set('rateLimitPerMinute', value ?? 0)}
                />
            </ControlGroup>
            <ControlGroup
                label={`${provider.label} cache lifetime (seconds)`}
                help="How long its answers are kept; 0 keeps none."
                error={error('ttl_seconds')}
            >
                <NumberInput
                    value={draft.ttlSeconds}
                    min={0}
                    max={31536000}
                    roundTo={0}
                    onChange={(_e, { value }) => set('ttlSeconds', value ?? 0)}
                />
            </ControlGroup>
            <ControlGroup
                label={`${provider.label} timeout (seconds)`}
                help="For one answer, 1 to 300."
                error={error('timeout_seconds')}
            >
                <NumberInput
                    value={draft.timeoutSeconds}
                    min={1}
                    max={300}
                    onChange={(_e, { value }) => set('timeoutSeconds', value ?? 1)}
                />
            </ControlGroup>
            <Button type="submit" appearance="primary" label={`Save ${provider.label}`} disabled={busy} />
            {outcome?.ok === true ? <Message type="success">{provider.label}: saved.</Message> : null}
            {outcome?.ok === false && Object.keys(problems).length === 0 ? (
                <Message type="error">
                    {outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}
                </Message>
            ) : null}
        </form>
    );
}
