import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import P from '@splunk/react-ui/Paragraph';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { PageShell } from '../PageShell/PageShell';
import { testIds } from '../../selectors';

const Form = styled.form`
    display: flex;
    align-items: flex-start;
    gap: ${variables.spacingMedium};
    max-width: 900px;
`;

export interface InvestigatePageProps {
    /** The `?indicator=` of the page's URL, if any. */
    initialIndicator: string;
    /** Called with the trimmed indicator when the analyst submits the form. */
    onInvestigate: (indicator: string) => void;
}

/**
 * The investigation page: the analyst enters a domain, IP address, URL, email address, certificate SHA-1 or
 * tracker id, defanged or not.
 */
export function InvestigatePage({ initialIndicator, onInvestigate }: InvestigatePageProps) {
    const [value, setValue] = useState(initialIndicator);

    const submit = (event: FormEvent) => {
        event.preventDefault();
        const indicator = value.trim();
        if (indicator) onInvestigate(indicator);
    };

    return (
        <PageShell title="Investigate">
            <P>
                Enter a domain, IP address, URL, email address, certificate SHA-1 or tracker id, defanged or not. The
                app asks PassiveTotal and your Splunk indexes at the same time and shows passive DNS, WHOIS,
                certificates, host attributes and internal hits side by side; every value is a pivot.
            </P>
            <Form onSubmit={submit} role="search" aria-label="Investigate an indicator">
                <ControlGroup label="Indicator" labelPosition="top" style={{ flex: 1 }}>
                    <Text
                        data-test={testIds.indicatorInput}
                        value={value}
                        onChange={(_event, { value: next }) => setValue(next)}
                        autoFocus
                        canClear
                        spellCheck={false}
                    />
                </ControlGroup>
                <Button
                    data-test={testIds.indicatorSubmit}
                    type="submit"
                    appearance="primary"
                    label="Investigate"
                    disabled={value.trim() === ''}
                    style={{ marginTop: 24 }}
                />
            </Form>
        </PageShell>
    );
}
