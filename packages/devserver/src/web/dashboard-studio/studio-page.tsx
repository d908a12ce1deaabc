/**
 * The stand-in's Dashboard Studio page: what Splunk Web shows for a `<dashboard version="2">` view, drawn by Splunk's
 * own Dashboard Studio packages (`@splunk/dashboard-core` in `@splunk/dashboard-context`'s provider with the
 * Enterprise view-only preset of `@splunk/dashboard-presets`, whose `ds.search` data sources run search jobs through
 * Splunk Web's splunkd proxy with `@splunk/search-job`). The page gives the view's JSON definition and theme in
 * `<script id="standin-dashboard" type="application/json">`; webpack builds this file into a bundle of its own
 * (packages/devserver/dist/dashboard-studio), apart from the app's pages.
 */
import layout from '@splunk/react-page/18';
import DashboardCore from '@splunk/dashboard-core';
import { DashboardContextProvider } from '@splunk/dashboard-context';
import EnterpriseViewOnlyPreset from '@splunk/dashboard-presets/EnterpriseViewOnlyPreset';
import SplunkThemeProvider from '@splunk/themes/SplunkThemeProvider';

/** What the page embeds: the view's label, theme and Dashboard Studio definition. */
interface EmbeddedDashboard {
    readonly label: string;
    readonly theme: 'light' | 'dark';
    readonly definition: Record<string, unknown>;
}

const embedded = JSON.parse(document.getElementById('standin-dashboard')?.textContent ?? '{}') as EmbeddedDashboard;

layout(
    <SplunkThemeProvider family="enterprise" colorScheme={embedded.theme} density="comfortable">
        <DashboardContextProvider preset={EnterpriseViewOnlyPreset} initialDefinition={embedded.definition}>
            <DashboardCore width="100%" height="100%" />
        </DashboardContextProvider>
    </SplunkThemeProvider>,
    { pageTitle: embedded.label, theme: embedded.theme, hideFooter: true }
);
