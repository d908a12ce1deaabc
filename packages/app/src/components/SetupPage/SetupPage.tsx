import styled from 'styled-components';
import Heading from '@splunk/react-ui/Heading';
import Message from '@splunk/react-ui/Message';
import P from '@splunk/react-ui/Paragraph';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { variables } from '@splunk/themes';
import { setupTestIds, testIds } from '../../selectors';
import { PageShell } from '../PageShell/PageShell';
import { ConnectionTest } from './ConnectionTest';
import { CredentialsPanel } from './CredentialsPanel';
import { ProviderCard } from './ProviderCard';
import { ProviderOrder } from './ProviderOrder';
import { SettingsForm } from './SettingsForm';
import { useSetupPage } from './useSetupPage';

const Section = styled.div`
    max-width: 52em;
    margin-top: ${variables.spacingLarge};
`;

/**
 * The setup page: PassiveTotal credentials, "Test connection", the open intelligence providers (on/off, keys, a
 * test each, their settings) and their order per dataset, upstream, cache and local-search settings. Users without
 * the app's admin capability get an explanation instead (the endpoint refuses their saves anyway).
 */
export function SetupPage() {
    const { state, setSetup, setCredential, setProvider } = useSetupPage();
    return (
        <PageShell title="PassiveTotal for Splunk setup">
            {state.kind === 'loading' ? <WaitSpinner size="medium" screenReaderText="Loading the setup" /> : null}
            {state.kind === 'failed' ? (
                <div data-test={testIds.panelError}>
                    <Message type="error">The setup could not be loaded: {state.message}</Message>
                </div>
            ) : null}
            {state.kind === 'forbidden' ? (
                <div data-test={setupTestIds.forbidden}>
                    <Message type="warning">
                        Only PassiveTotal administrators can change this app&apos;s setup. Your Splunk account (
                        {state.status.user}) does not have the capability passivetotal_admin. Ask a Splunk administrator
                        to give you the role passivetotal_admin, or to configure the app for you.
                        {state.status.configured
                            ? ' The app is configured: you can investigate indicators now.'
                            : ' The app is not configured yet, so PassiveTotal cannot be asked.'}
                    </Message>
                </div>
            ) : null}
            {state.kind === 'ready' ? (
                <>
                    <P>
                        The PassiveTotal credentials are kept encrypted in Splunk&apos;s credential store and are never
                        shown again once saved. Settings go to passivetotal.conf and the search macros of the app.
                    </P>
                    {state.setup.migration ? (
                        <div data-test={setupTestIds.migrationNote}>
                            <Message type="info">
                                Upgrade from version {state.setup.migration.from}: {state.setup.migration.text}
                            </Message>
                        </div>
                    ) : null}
                    {state.setup.migrationError ? <Message type="error">{state.setup.migrationError}</Message> : null}
                    <Section>
                        <Heading level={2}>PassiveTotal account</Heading>
                        <CredentialsPanel credential={state.setup.credential} onChange={setCredential} />
                    </Section>
                    <Section>
                        <Heading level={2}>Test connection</Heading>
                        <ConnectionTest />
                    </Section>
                    {state.setup.providers.length > 0 ? (
                        <>
                            <Section>
                                <Heading level={2}>Intelligence providers</Heading>
                                <P>
                                    Free and open sources that fill the investigation tabs beside PassiveTotal, or
                                    instead of it when no PassiveTotal credential is set. Keys are kept in Splunk&apos;s
                                    credential store and never shown again.
                                </P>
                                {state.setup.providers.map((provider) => (
                                    <ProviderCard
                                        key={provider.id}
                                        provider={provider}
                                        onSaved={setSetup}
                                        onChange={setProvider}
                                    />
                                ))}
                            </Section>
                            <Section>
                                <Heading level={2}>Provider order</Heading>
                                <ProviderOrder
                                    providers={state.setup.providers}
                                    order={state.setup.order}
                                    passiveTotalConfigured={state.setup.credential.configured}
                                    onSaved={setSetup}
                                />
                            </Section>
                        </>
                    ) : null}
                    <Section>
                        <Heading level={2}>Settings</Heading>
                        <SettingsForm setup={state.setup} onSaved={setSetup} />
                    </Section>
                </>
            ) : null}
        </PageShell>
    );
}
