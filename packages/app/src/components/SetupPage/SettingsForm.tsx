import { useState, type FormEvent } from 'react';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Heading from '@splunk/react-ui/Heading';
import Text from '@splunk/react-ui/Text';
import { catalogue } from '@passivetotal/core';
import { setupTestIds } from '../../selectors';
import { Actions, ActionOutcome, ChoiceRow, NumberRow, SwitchRow, TextRow } from './FormRows';
import {
    DATASETS,
    saveSettings,
    type SearchMatch,
    type SearchMode,
    type SettingsDraft,
    type SetupData,
} from './setup-api';
import { useFormAction } from './useFormAction';

/** A cache dataset's label for a row: the catalogue's, capitalised. */
const datasetLabel = (dataset: catalogue.CacheDatasetId): string => {
    const label = catalogue.CACHE_DATASETS[dataset].label;
    return label.charAt(0).toUpperCase() + label.slice(1);
};

/** The rows of the local searches' choices: what each value is called, and how it is read back. */
const CHOICES = {
    search_mode: {
        label: 'Search mode',
        help: 'Raw events, or the accelerated CIM data models (tstats).',
        list: false,
        words: { raw: 'Raw events', cim: 'CIM data models' },
    },
    search_match: {
        label: 'Raw matching',
        help: 'Thorough suits any data. Choose Fast only for data known to be space- or comma-delimited.',
        list: true,
        words: {
            thorough: 'Thorough: finds values in any log format (key=value, JSON, ip:port, URLs)',
            fast: 'Fast: TERM() only; misses values joined to other text by = : / (key=value, ip:port, URLs)',
        },
    },
} as const;

/** A choice as the draft keeps it (anything unknown is the default). */
const chosen = {
    search_mode: (v: string): SearchMode => (v === 'cim' ? 'cim' : 'raw'),
    search_match: (v: string): SearchMatch => (v === 'fast' ? 'fast' : 'thorough'),
};

/** The text and number fields of the form (the catalogue's setup fields). */
type TextField = 'base_url' | 'https_proxy';
type NumberField =
    | 'timeout_seconds'
    | 'deadline_seconds'
    | 'retries'
    | 'calls_per_user_per_day'
    | 'max_sighting_candidates'
    | 'history_max_age_days'
    | 'history_max_records';

/** One text or number row: its field, label and help (`{range}`: the catalogue's range in words). */
interface RowSpec {
    readonly field: TextField | NumberField;
    readonly label: string;
    readonly help: string;
}

const isNumberField = (field: TextField | NumberField): field is NumberField =>
    field !== 'base_url' && field !== 'https_proxy';

/** How the handler reaches PassiveTotal. */
const API_ROWS: readonly RowSpec[] = [
    {
        field: 'base_url',
        label: 'Base URL',
        help: 'The PassiveTotal v2 API, or a compatible endpoint. https only. The API key goes only to the host it was entered for: after a change of host, enter the key again.',
    },
    {
        field: 'https_proxy',
        label: 'HTTPS proxy',
        help: 'Optional, e.g. https://proxy.example.com:3128 (no credentials in the URL). Empty: connect directly.',
    },
    { field: 'timeout_seconds', label: 'Timeout (seconds)', help: 'For one answer, {range}.' },
    {
        field: 'deadline_seconds',
        label: 'Deadline (seconds)',
        help: "For one request, retries included, {range}. Keep it below Splunk Web's 30 seconds.",
    },
    { field: 'retries', label: 'Retries', help: 'When PassiveTotal cannot be reached or answers 502-504, {range}.' },
    {
        field: 'calls_per_user_per_day',
        label: 'Lookups per user per day',
        help: 'Each Splunk user may make this many PassiveTotal lookups a day (UTC), {range} (0: no limit). Cached answers do not count.',
    },
];

/** How long the team's recent investigations are kept. */
const HISTORY_ROWS: readonly RowSpec[] = [
    {
        field: 'history_max_age_days',
        label: 'Keep investigations (days)',
        help: 'Recorded investigations older than this are deleted, {range}.',
    },
    {
        field: 'history_max_records',
        label: 'Investigations kept',
        help: 'At most this many, {range}; the oldest go first.',
    },
];

/** The local searches' limit. */
const SEARCH_ROWS: readonly RowSpec[] = [
    {
        field: 'max_sighting_candidates',
        label: 'Related values counted per investigation',
        help: 'The sightings search counts at most this many related values of one investigation, {range}; the rest are shown as "not counted".',
    },
];

export interface SettingsFormProps {
    readonly setup: SetupData;
    readonly onSaved: (setup: SetupData) => void;
}

/**
 * The upstream, cache and local-search settings, each named and limited as the catalogue says. The endpoint
 * validates every field and names each bad one; those reasons appear under their controls.
 */
export function SettingsForm({ setup, onSaved }: SettingsFormProps) {
    const [draft, setDraft] = useState<SettingsDraft>(setup.draft);
    const action = useFormAction();
    const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
        setDraft((previous) => ({ ...previous, [key]: value }));
    const error = (field: string): string | false => action.problems[field] ?? false;
    const row = ({ field, label, help }: RowSpec) => {
        const common = { label, help, error: error(field) };
        return isNumberField(field) ? (
            <NumberRow key={field} {...common} field={field} value={draft[field]} onChange={(v) => set(field, v)} />
        ) : (
            <TextRow key={field} {...common} value={draft[field]} onChange={(v) => set(field, v)} />
        );
    };

    const choice = (field: keyof typeof CHOICES) => (
        <ChoiceRow
            key={field}
            field={field}
            {...CHOICES[field]}
            error={error(field)}
            value={draft[field]}
            onChange={(v) => set(field, chosen[field](v))}
        />
    );

    const submit = (event: FormEvent) => {
        event.preventDefault();
        void action.run(
            (signal) => saveSettings(draft, signal),
            'The settings are saved.',
            (saved) => {
                setDraft(saved.draft);
                onSaved(saved);
            }
        );
    };

    return (
        <form onSubmit={submit} aria-label="Settings">
            <Heading level={3}>PassiveTotal API</Heading>
            {API_ROWS.map(row)}

            <Heading level={3}>Cache</Heading>
            <SwitchRow
                label="Cache answers"
                help="Shared by all users; saves quota."
                error={error('cache_enabled')}
                value={draft.cache_enabled}
                onChange={(v) => set('cache_enabled', v)}
            >
                {draft.cache_enabled ? 'On' : 'Off'}
            </SwitchRow>
            {DATASETS.map((dataset) => (
                <NumberRow
                    key={dataset}
                    field={`ttl_seconds.${dataset}`}
                    label={`${datasetLabel(dataset)} TTL (seconds)`}
                    help="0 keeps no copy of this dataset."
                    error={error(`ttl_seconds.${dataset}`)}
                    value={draft.ttl[dataset]}
                    onChange={(v) => set('ttl', { ...draft.ttl, [dataset]: v })}
                />
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
            {choice('search_mode')}
            {draft.search_mode === 'raw' ? choice('search_match') : null}
            <SwitchRow
                label="Summaries only"
                help="With CIM data models: read only accelerated summaries (fast), or unaccelerated data too."
                error={error('summariesonly')}
                value={draft.summariesonly}
                disabled={draft.search_mode !== 'cim'}
                onChange={(v) => set('summariesonly', v)}
            >
                {draft.summariesonly ? 'summariesonly=true' : 'summariesonly=false'}
            </SwitchRow>
            {SEARCH_ROWS.map(row)}

            <Heading level={3}>Team history</Heading>
            {HISTORY_ROWS.map(row)}

            <Actions>
                <Button type="submit" appearance="primary" label="Save settings" disabled={action.busy} />
            </Actions>
            <ActionOutcome action={action} testId={setupTestIds.settingsResult} />
        </form>
    );
}
