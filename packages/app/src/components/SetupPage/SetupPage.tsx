import P from '@splunk/react-ui/Paragraph';
import { PageShell } from '../PageShell/PageShell';

/** The setup page of the app: PassiveTotal credentials, upstream and cache settings, local search scope. */
export function SetupPage() {
    return (
        <PageShell title="PassiveTotal for Splunk setup">
            <P>
                Administrators configure the PassiveTotal credentials, the upstream URL, caching and the indexes that
                local searches cover here. Credentials are kept in Splunk&apos;s encrypted credential store and are
                never shown again once saved.
            </P>
        </PageShell>
    );
}
