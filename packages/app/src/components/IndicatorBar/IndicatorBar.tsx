import { useId, useMemo, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { indicatorTypeLabel, parseIndicator, type Indicator } from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';
import { TimeRangeField, type TimeRange, type TimeRangeFieldProps } from '../TimeRangeField/TimeRangeField';

const Form = styled.form`
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: ${variables.spacingSmall} ${variables.spacingMedium};
`;

const Field = styled.div`
    display: flex;
    flex-direction: column;
    gap: ${variables.spacingXSmall};
`;

const IndicatorField = styled(Field)`
    flex: 1 1 28em;
    min-width: 16em;
`;

const Label = styled.label`
    font-weight: ${variables.fontWeightSemiBold};
`;

const Feedback = styled.div`
    min-height: 1.5em;
    margin-top: ${variables.spacingXSmall};
`;

const Detected = styled.p`
    margin: 0;
    color: ${variables.contentColorMuted};
`;

const Value = styled.code`
    font-family: ${variables.monoFontFamily};
    color: ${variables.contentColorDefault};
    overflow-wrap: anywhere;
`;

export interface IndicatorBarProps {
    /** The text the box starts with (e.g. `?indicator=`). Give the bar a `key` to reset it on a pivot. */
    readonly defaultValue?: string;
    /** Called with the parsed indicator and the text as typed when the analyst submits a valid indicator. */
    readonly onSubmit: (indicator: Indicator, text: string) => void;
    /** The time range of local searches. */
    readonly timeRange: TimeRange;
    readonly onTimeRangeChange: (range: TimeRange) => void;
    /** Presets and time parsing for the picker (see {@link TimeRangeField}). */
    readonly timeRangeOptions?: Omit<TimeRangeFieldProps, 'value' | 'onChange' | 'labelledBy'>;
}

function DetectedIndicator({ indicator }: { readonly indicator: Indicator }) {
    return (
        <Detected data-test={testIds.indicatorNormalized} data-type={indicator.type} data-value={indicator.value}>
            {indicatorTypeLabel(indicator.type)}: <Value>{indicator.display}</Value>
            {indicator.type === 'url' ? (
                <>
                    {' '}
                    (PassiveTotal is asked about <Value>{indicator.intelQuery}</Value>)
                </>
            ) : null}
            {indicator.type === 'domain' && indicator.wildcard ? ' (wildcard removed)' : null}
        </Detected>
    );
}

/**
 * The indicator box: accepts defanged input, shows the detected type and normalised value as the analyst types,
 * names what was expected when the text is not an indicator, notes private and reserved ranges, and picks the
 * time range of local searches. Enter or the button submits.
 */
export function IndicatorBar({
    defaultValue = '',
    onSubmit,
    timeRange,
    onTimeRangeChange,
    timeRangeOptions,
}: IndicatorBarProps) {
    const [text, setText] = useState(defaultValue);
    const inputId = useId();
    const timeLabelId = useId();
    const feedbackId = useId();
    const parsed = useMemo(() => (text.trim() === '' ? undefined : parseIndicator(text)), [text]);

    const submit = (event: FormEvent) => {
        event.preventDefault();
        if (parsed?.ok) onSubmit(parsed.value, text);
    };

    return (
        <div>
            <Form onSubmit={submit} role="search" aria-label="Investigate an indicator">
                <IndicatorField>
                    <Label htmlFor={inputId}>Indicator</Label>
                    <Text
                        data-test={testIds.indicatorInput}
                        inputId={inputId}
                        describedBy={feedbackId}
                        value={text}
                        onChange={(_event, { value }) => setText(value)}
                        placeholder="evil[.]example, 198.51.100.7, hxxps://…, jane@…, SHA-1, UA-…"
                        error={parsed !== undefined && !parsed.ok}
                        autoFocus
                        canClear
                        spellCheck={false}
                        autoComplete="off"
                    />
                </IndicatorField>
                <Field>
                    <Label as="span" id={timeLabelId}>
                        Local events
                    </Label>
                    <TimeRangeField
                        value={timeRange}
                        onChange={onTimeRangeChange}
                        labelledBy={timeLabelId}
                        {...timeRangeOptions}
                    />
                </Field>
                <Button
                    data-test={testIds.indicatorSubmit}
                    type="submit"
                    appearance="primary"
                    label="Investigate"
                    disabled={!parsed?.ok}
                />
            </Form>
            <Feedback id={feedbackId} aria-live="polite">
                {parsed?.ok ? <DetectedIndicator indicator={parsed.value} /> : null}
                {parsed && !parsed.ok ? (
                    <div data-test={testIds.indicatorError}>
                        <Message type="error">
                            {parsed.reason}. Expected {parsed.expected}.
                        </Message>
                    </div>
                ) : null}
                {parsed?.ok && parsed.value.special ? (
                    <Message type="info">
                        {parsed.value.display} is in a special range: {parsed.value.special.label} (
                        {parsed.value.special.range}). Intelligence sources know little about it; local events may still
                        show who used it.
                    </Message>
                ) : null}
            </Feedback>
        </div>
    );
}
