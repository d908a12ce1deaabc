import { useState, type FormEvent } from 'react';
import Button from '@splunk/react-ui/Button';
import { catalogue } from '@passivetotal/core';
import type { ProviderSettings, ProviderState } from '../../investigation/provider-states';
import { Actions, ActionOutcome, NumberRow, TextRow } from './FormRows';
import { saveSetupFields, type SetupData } from './setup-api';
import { useFormAction } from './useFormAction';

export interface ProviderSettingsFormProps {
    readonly provider: ProviderState;
    readonly settings: ProviderSettings;
    readonly onSaved: (setup: SetupData) => void;
}

/** What the rows of a `[provider:<id>]` key say; `{label}` is the provider's, `{range}` the setting's range. */
const WORDS: Readonly<Record<string, { readonly label: string; readonly help: string }>> = {
    base_url: {
        label: '{label} server URL',
        help: "https, or http on this machine (a replay server). Empty: the provider's public address.",
    },
    bootstrap_url: {
        label: '{label} bootstrap URL',
        help: "https, or http on this machine (a replay server). Empty: the provider's public address.",
    },
    rate_limit_per_minute: {
        label: '{label} requests per minute',
        help: "The app's own limit for this provider, {range} (0: no limit).",
    },
    calls_per_user_per_day: {
        label: '{label} lookups per user per day',
        help: 'Each Splunk user may make this many lookups a day (UTC) that reach this provider, {range} (0: no limit). Cached answers do not count.',
    },
    ttl_seconds: { label: '{label} cache lifetime (seconds)', help: 'How long its answers are kept; 0 keeps none.' },
    timeout_seconds: { label: '{label} timeout (seconds)', help: 'For one answer, {range}.' },
};

/**
 * The settings of a provider's stanza the form edits: every one of the catalogue's with a setup field, except its
 * on/off switch (on the provider's card).
 */
function editable(provider: string): readonly catalogue.SettingSpec[] {
    return (catalogue.SETTINGS as readonly catalogue.SettingSpec[]).filter(
        (s) => s.stanza === `provider:${provider}` && s.setup !== undefined && s.type !== 'boolean'
    );
}

const isNumeric = (s: catalogue.SettingSpec): boolean => s.type === 'number' || s.type === 'integer';

/** A row's first value: the setup answer's, else the catalogue's default. */
function initial(s: catalogue.SettingSpec, settings: ProviderSettings): string | number {
    const given = settings.values[s.json ?? s.key];
    const fallback = typeof s.default === 'number' || typeof s.default === 'string' ? s.default : '';
    if (isNumeric(s)) return typeof given === 'number' ? given : Number(fallback) || 0;
    return given === undefined ? String(fallback) : String(given);
}

/**
 * A provider's `[provider:<id>]` settings, as the catalogue lists them: its address (RDAP: the IANA bootstrap), the
 * app's own rate limit, how long answers are cached and the timeout. The endpoint checks each and names a bad one
 * under its control.
 */
export function ProviderSettingsForm({ provider, settings, onSaved }: ProviderSettingsFormProps) {
    const rows = editable(provider.id);
    const [draft, setDraft] = useState<Readonly<Record<string, string | number>>>(() =>
        Object.fromEntries(rows.map((s) => [s.setup ?? s.key, initial(s, settings)]))
    );
    const action = useFormAction();
    const set = (field: string, value: string | number) => setDraft((previous) => ({ ...previous, [field]: value }));

    const submit = (event: FormEvent) => {
        event.preventDefault();
        const form = Object.fromEntries(
            Object.entries(draft).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
        );
        void action.run((signal) => saveSetupFields(form, signal), `${provider.label}: saved.`, onSaved);
    };

    return (
        <form onSubmit={submit} aria-label={`${provider.label} settings`}>
            {rows.map((s) => {
                const field = s.setup ?? s.key;
                const words = WORDS[s.key] ?? { label: `{label} ${s.key}`, help: '' };
                const label = words.label.replace('{label}', provider.label);
                const value = draft[field];
                const error = action.problems[field] ?? false;
                return typeof value === 'number' && isNumeric(s) && s.setup !== undefined ? (
                    <NumberRow
                        key={field}
                        field={s.setup}
                        label={label}
                        help={words.help}
                        error={error}
                        value={value}
                        onChange={(v) => set(field, v)}
                    />
                ) : (
                    <TextRow
                        key={field}
                        label={label}
                        help={words.help}
                        error={error}
                        value={String(value ?? '')}
                        onChange={(v) => set(field, v)}
                    />
                );
            })}
            <Actions>
                <Button type="submit" appearance="primary" label={`Save ${provider.label}`} disabled={action.busy} />
            </Actions>
            <ActionOutcome action={action} />
        </form>
    );
}
