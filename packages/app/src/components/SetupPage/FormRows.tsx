/**
 * The rows of the setup page's forms: a setting of the catalogue (a number with its range, a text, a choice of its
 * values, a switch), a key
 * and its username, and what the form's last action did. Ranges and their words come from the catalogue, so the
 * form and the handler cannot disagree about them.
 */
import type { ReactNode } from 'react';
import styled from 'styled-components';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import NumberInput from '@splunk/react-ui/Number';
import RadioBar from '@splunk/react-ui/RadioBar';
import RadioList from '@splunk/react-ui/RadioList';
import Switch from '@splunk/react-ui/Switch';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { keyWords, numericSetting, providerSpec, settingOf, type catalogue, type ProviderId } from '@passivetotal/core';
import type { FormAction } from './useFormAction';

/** Buttons side by side. */
export const Actions = styled.div`
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${variables.spacingSmall};
    margin: ${variables.spacingSmall} 0;
`;

/**
 * A setting's range in words.
 *
 * @example rangeWords('max_sighting_candidates') // '1 to 50,000'
 */
export function rangeWords(field: catalogue.SetupField): string {
    const { min, max } = numericSetting(field);
    return `${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
}

interface RowProps {
    readonly label: string;
    /** Help below the control; `{range}` stands for the setting's range in words. */
    readonly help?: string;
    /** The endpoint's reason for refusing the value, or false. */
    readonly error: string | false;
}

/** A whole number of a numeric setting, limited to the catalogue's range (the setup form takes whole numbers). */
export function NumberRow({
    field,
    label,
    help,
    error,
    value,
    onChange,
}: RowProps & {
    readonly field: catalogue.SetupField;
    readonly value: number;
    readonly onChange: (v: number) => void;
}) {
    const { min, max } = numericSetting(field);
    return (
        <ControlGroup label={label} help={help?.replace('{range}', rangeWords(field))} error={error}>
            <NumberInput
                value={value}
                min={min}
                max={max}
                roundTo={0}
                onChange={(_e, { value: v }) => onChange(v ?? 0)}
            />
        </ControlGroup>
    );
}

/** A text setting (an address). */
export function TextRow({
    label,
    help,
    error,
    value,
    onChange,
}: RowProps & { readonly value: string; readonly onChange: (v: string) => void }) {
    return (
        <ControlGroup label={label} help={help} error={error}>
            <Text value={value} onChange={(_e, { value: v }) => onChange(v)} />
        </ControlGroup>
    );
}

/**
 * A setting with a choice of values: the catalogue's values, each called by `words` (else by itself), as a bar of
 * buttons or, with `list`, a list for longer words.
 */
export function ChoiceRow({
    field,
    list = false,
    label,
    help,
    error,
    value,
    words,
    onChange,
}: RowProps & {
    readonly field: catalogue.SetupField;
    readonly list?: boolean;
    readonly value: string;
    readonly words: Readonly<Record<string, string>>;
    readonly onChange: (v: string) => void;
}) {
    const values = settingOf(field).values ?? [];
    return (
        <ControlGroup label={label} help={help} error={error}>
            {list ? (
                <RadioList value={value} onChange={(_e, { value: v }) => onChange(typeof v === 'string' ? v : '')}>
                    {values.map((v) => (
                        <RadioList.Option key={v} value={v}>
                            {words[v] ?? v}
                        </RadioList.Option>
                    ))}
                </RadioList>
            ) : (
                <RadioBar value={value} onChange={(_e, { value: v }) => onChange(String(v))}>
                    {values.map((v) => (
                        <RadioBar.Option key={v} value={v} label={words[v] ?? v} />
                    ))}
                </RadioBar>
            )}
        </ControlGroup>
    );
}

/** An on/off setting; `children` is what the switch says. */
export function SwitchRow({
    label,
    help,
    error,
    value,
    disabled = false,
    onChange,
    children,
}: RowProps & {
    readonly value: boolean;
    readonly disabled?: boolean;
    readonly onChange: (v: boolean) => void;
    readonly children: ReactNode;
}) {
    return (
        <ControlGroup label={label} help={help} error={error}>
            <Switch
                appearance="toggle"
                selected={value}
                disabled={disabled}
                onClick={(_e, { selected }) => onChange(!selected)}
            >
                {children}
            </Switch>
        </ControlGroup>
    );
}

/** The words of a provider's key: its label with what the catalogue calls the key (`API key`, `password`). */
export function keyLabel(provider: ProviderId): string {
    return `${providerSpec(provider).label} ${keyWords(provider).secret}`;
}

/**
 * A provider's key as the catalogue asks for it: a username for HTTP basic providers (PassiveTotal, CIRCL), then the
 * key in a password field that is never pre-filled; the endpoint's reasons under each.
 */
export function KeyRows({
    provider,
    username,
    secret,
    problems,
    usernameHelp,
    keyHelp,
    onUsername,
    onSecret,
}: {
    readonly provider: ProviderId;
    readonly username: string;
    readonly secret: string;
    readonly problems: Readonly<Record<string, string>>;
    readonly usernameHelp?: string;
    readonly keyHelp: string;
    readonly onUsername: (v: string) => void;
    readonly onSecret: (v: string) => void;
}) {
    const { label } = providerSpec(provider);
    return (
        <>
            {keyWords(provider).basic ? (
                <ControlGroup label={`${label} username`} help={usernameHelp} error={problems.username ?? false}>
                    <Text
                        value={username}
                        autoComplete="off"
                        onChange={(_e, { value }) => onUsername(value)}
                        error={problems.username !== undefined}
                    />
                </ControlGroup>
            ) : null}
            <ControlGroup label={keyLabel(provider)} help={keyHelp} error={problems.api_key ?? false}>
                <Text
                    type="password"
                    value={secret}
                    autoComplete="new-password"
                    onChange={(_e, { value }) => onSecret(value)}
                    error={problems.api_key !== undefined}
                />
            </ControlGroup>
        </>
    );
}

/**
 * What a form's last action did: its notice, or the failure's text when no field of the form carries a reason of
 * it. `testId` marks the outcome (`data-ok`) for tests and users' automation.
 */
export function ActionOutcome({ action, testId }: { readonly action: FormAction; readonly testId?: string }) {
    const { outcome, problems } = action;
    if (outcome === null) return null;
    const message = outcome.ok ? (
        outcome.notice === undefined ? null : (
            <Message type="success">{outcome.notice}</Message>
        )
    ) : Object.keys(problems).length === 0 ? (
        <Message type="error">{outcome.error.message}</Message>
    ) : null;
    return testId === undefined ? (
        message
    ) : (
        <div data-test={testId} data-ok={String(outcome.ok)}>
            {message}
        </div>
    );
}
