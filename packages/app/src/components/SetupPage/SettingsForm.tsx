import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Heading from '@splunk/react-ui/Heading';
import Message from '@splunk/react-ui/Message';
import NumberInput from '@splunk/react-ui/Number';
import RadioBar from '@splunk/react-ui/RadioBar';
import RadioList from '@splunk/react-ui/RadioList';
import Switch from '@splunk/react-ui/Switch';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { isAbortError } from '../../api/rest';
import { setupTestIds } from '../../selectors';
import {
    DATASETS,
    MAX_SIGHTING_CANDIDATES,
    fieldErrors,
    saveSettings,
    type Dataset,
    type SettingsDraft,
    type SetupData,
} from './setup-api';
import { useLatestSignal } from './useLatestSignal';

const Actions = styled.div`
    margin-top: ${variables.spacingMedium};
`;

const DATASET_LABELS: Record<Dataset, string> = {
    dns: 'Passive DNS',
    whois: 'WHOIS',
    ssl: 'Certificates',
    enrichment: 'Enrichment',
    actions: 'Tags and classification',
    host_attributes: 'Host attributes',
};

export interface SettingsFormProps {
    readonly setup: SetupData;
    readonly onSaved: (setup: SetupData) => void;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown } | null;

/**
 * The upstream, cache and local-search settings. The endpoint validates every field and names each bad one; those
 * reasons appear under their controls.
 */
export function SettingsForm({ setup, onSaved }: SettingsFormProps) {
    const [draft, setDraft] = useState<SettingsDraft>(setup.draft);
    const [busy, setBusy] = useState(false);
    const [outcome, setOutcome] = useState<Outcome>(null);
    const nextSignal = useLatestSignal();
    const problems = outcome && !outcome.ok ? fieldErrors(outcome.error) : {};
    const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
        setDraft((previous) => ({ ...previous, [key]: value }));
    const error = (field: string): string | false => problems[field] ?? false;

    const submit = async (event: FormEvent) => {
        event.preventDefault();
        setBusy(true);
        setOutcome(null);
        try {
            const saved = await saveSettings(draft, nextSignal());
            setDraft(saved.draft);
            setOutcome({ ok: true });
            onSaved(saved);
        } catch (failure) {
            if (isAbortError(failure)) return;
            setOutcome({ ok: false, error: failure });
        }
        setBusy(false);
    };

    return (
        <form onSubmit={(event) => void submit(event)} aria-label="Settings">
            <Heading level={3}>PassiveTotal API</Heading>
            <ControlGroup
                label="Base URL"
                help="The PassiveTotal v2 API, or a compatible endpoint. https only."
                error={error('base_url')}
            >
                <Text value={draft.base_url} onChange={(_e, { value }) => set('base_url', value)} />
            </ControlGroup>
            <ControlGroup
                label="HTTPS proxy"
                help="Optional, e.g. https://proxy.example.com:3128 (no credentials in the URL). Empty: connect directly."
                error={error('https_proxy')}
            >
                <Text value={draft.https_proxy} onChange={(_e, { value }) => set('https_proxy', value)} />
            </ControlGroup>
            <ControlGroup label="Timeout (seconds)" help="For one answer, 1 to 300." error={error('timeout_seconds')}>
                <NumberInput
                    value={draft.timeout_seconds}
                    min={1}
                    max={300}
                    roundTo={0}
                    onChange={(_e, { value }) => set('timeout_seconds', value ?? 0)}
                />
            </ControlGroup>
            <ControlGroup
                label="Deadline (seconds)"
                help="For one request, retries included, 1 to 600. Keep it below Splunk Web's 30 seconds."
                error={error('deadline_seconds')}
            >
                <NumberInput
                    value={draft.deadline_seconds}
                    min={1}
                    max={600}
                    roundTo={0}
                    onChange={(_e, { value }) => set('deadline_seconds', value ?? 0)}
                />
            </ControlGroup>
            <ControlGroup
                label="Retries"
                help="When PassiveTotal cannot be reached or answers 502-504, 0 to 5."
                error={error('retries')}
            >
                <NumberInput
                    value={draft.retries}
                    min={0}
                    max={5}
                    roundTo={0}
                    onChange={(_e, { value }) => set('retries', value ?? 0)}
                />
            </ControlGroup>

            <Heading level={3}>Cache</Heading>
            <ControlGroup label="Cache answers" help="Shared by all users; saves quota." error={error('cache_enabled')}>
                <Switch
                    appearance="toggle"
                    selected={draft.cache_enabled}
                    onClick={(_e, { selected }) => set('cache_enabled', !selected)}
                >
                    {draft.cache_enabled ? 'On' : 'Off'}
                </Switch>
            </ControlGroup>
            {DATASETS.map((dataset) => (
                <ControlGroup
                    key={dataset}
                    label={`${DATASET_LABELS[dataset]} TTL (seconds)`}
                    help="0 keeps no copy of this dataset."
                    error={error(`ttl_seconds.${dataset}`)}
                >
                    <NumberInput
                        value={draft.ttl[dataset]}
                        min={0}
                        max={31536000}
                        roundTo={0}
                        onChange={(_e, { value }) => set('ttl', { ...draft.ttl, [dataset]: value ?? 0 })}
                    />
                </ControlGroup>
            ))}

            <Heading level={3}>Local searches</Heading>
            <ControlGroup
                label="Indexes"
                help={
                    setup.customIndexDefinition !== null
                        ? `The macro passivetotal_index has a hand-written definition (${setup.customIndexDefinition}); leave this empty to keep it.`
                        : 'Comma-separated index names that investigations search, or * for all.'
                }
                error={error('indexes')}
            >
                <Text value={draft.indexes} onChange={(_e, { value }) => set('indexes', value)} />
            </ControlGroup>
            <ControlGroup
                label="Search mode"
                help="Raw events, or the accelerated CIM data models (tstats)."
                error={error('search_mode')}
            >
                <RadioBar
                    value={draft.search_mode}
                    onChange={(_e, { value }) => set('search_mode', value === 'cim' ? 'cim' : 'raw')}
                >
                    <RadioBar.Option value="raw" label="Raw events" />
                    <RadioBar.Option value="cim" label="CIM data models" />
                </RadioBar>
            </ControlGroup>
            {draft.search_mode === 'raw' ? (
                <ControlGroup
                    label="Raw matching"
                    help="Thorough suits any data. Choose Fast only for data known to be space- or comma-delimited."
                    error={error('search_match')}
                >
                    <RadioList
                        value={draft.search_match}
                        onChange={(_e, { value }) => set('search_match', value === 'fast' ? 'fast' : 'thorough')}
                    >
                        <RadioList.Option value="thorough">
                            Thorough: finds values in any log format (key=value, JSON, ip:port, URLs)
                        </RadioList.Option>
                        <RadioList.Option value="fast">
                            Fast: TERM() only; misses values joined to other text by = : / (key=value, ip:port, URLs)
                        </RadioList.Option>
                    </RadioList>
                </ControlGroup>
            ) : null}
            <ControlGroup
                label="Summaries only"
                help="With CIM data models: read only accelerated summaries (fast), or unaccelerated data too."
                error={error('summariesonly')}
            >
                <Switch
                    appearance="toggle"
                    selected={draft.summariesonly}
                    disabled={draft.search_mode !== 'cim'}
                    onClick={(_e, { selected }) => set('summariesonly', !selected)}
                >
                    {draft.summariesonly ? 'summariesonly=true' : 'summariesonly=false'}
                </Switch>
            </ControlGroup>
            <ControlGroup
                label="Related values counted per investigation"
                help={
                    'The sightings search counts at most this many related values of one investigation, 1 to 50,000; the rest are shown as "not counted".'
                }
                error={error('max_sighting_candidates')}
            >
                <NumberInput
                    value={draft.max_sighting_candidates}
                    min={MAX_SIGHTING_CANDIDATES.min}
                    max={MAX_SIGHTING_CANDIDATES.max}
                    roundTo={0}
                    onChange={(_e, { value }) => set('max_sighting_candidates', value ?? 0)}
                />
            </ControlGroup>

            <Actions>
                <Button type="submit" appearance="primary" label="Save settings" disabled={busy} />
            </Actions>
            {outcome ? (
                <div data-test={setupTestIds.settingsResult} data-ok={String(outcome.ok)}>
                    {outcome.ok ? (
                        <Message type="success">The settings are saved.</Message>
                    ) : (
                        <Message type="error">
                            {outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}
                        </Message>
                    )}
                </div>
            ) : null}
        </form>
    );
}
