/**
 * The stable `data-test` ids of the pages, a promise to users' own automation as much as to the browser tests:
 * an id, once published, is neither renamed nor removed. Components and browser tests import them from here, so
 * no id is spelled twice.
 */
export const testIds = {
    indicatorInput: 'indicator-input',
    indicatorSubmit: 'indicator-submit',
    indicatorNormalized: 'indicator-normalized',
    indicatorError: 'indicator-error',
    panelError: 'panel-error',
    pageTitle: 'page-title',
    tabSummary: 'tab-summary',
    tabResolutions: 'tab-resolutions',
    tabWhois: 'tab-whois',
    tabCertificates: 'tab-certificates',
    tabHostAttributes: 'tab-host-attributes',
    tabInternal: 'tab-internal',
    pivotLink: 'pivot-link',
    internalSightings: 'internal-sightings',
    internalHitsCount: 'internal-hits-count',
    /** One local event of the Internal hits tab (its raw text flows, with the matches marked). */
    localEvent: 'local-event',
    /** "Open in Search" of an intelligence tab: the app's search command for its records; `data-tab`. */
    tabSearch: 'tab-search',
    /** The line saying how the Internal hits tab matched: rule, mode, time range; `data-mode="raw|cim"`. */
    internalHitsRule: 'internal-hits-rule',
    /** The investigation of one indicator; `data-indicator`, and `data-settled="true"` once every tab has answered. */
    investigation: 'investigation',
} as const;

export type TestId = (typeof testIds)[keyof typeof testIds];

/** The setup page's `data-test` ids (README.md, "Configure it"), for the browser tests and users' automation. */
export const setupTestIds = {
    /** The explanation a user without the app's admin capability gets instead of the form. */
    forbidden: 'setup-forbidden',
    /** Whether the API key is set, and for which username; `data-configured="true|false"`. */
    credentialStatus: 'setup-credential-status',
    /** The words of the last "Test connection"; `data-ok="true|false"` and `data-code` on a failure. */
    connectionResult: 'setup-connection-result',
    /** The note that the 1.0.4 plain-text credentials were moved. */
    migrationNote: 'setup-migration',
    /** The outcome of the last save of the settings; `data-ok="true|false"`. */
    settingsResult: 'setup-settings-result',
    /** One open provider's card; `data-provider="<id>"`, `data-ready="true|false"` (the investigation page asks it). */
    provider: 'setup-provider',
    /** The words of a provider's last "Test"; `data-provider`, `data-ok="true|false"` and `data-code` on a failure. */
    providerCheck: 'setup-provider-check',
} as const;
