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
    /**
     * A value that is not an indicator (organisation, contact name, phone, address, certificate issuer, subject or
     * serial) as a search of the providers by it; `data-kind` (e.g. `whois-organization`, `certificate-issuer`) and
     * `data-value`. Only where a provider in use searches by that kind.
     */
    valuePivot: 'value-pivot',
    /**
     * "Search my events for it": Splunk's search page in this app looking for a value over the investigation's time
     * range; `data-value`. Beside values no provider searches (registrar, ASN, network), and on search results.
     */
    eventsSearch: 'events-search',
    /** The records a search by value found; `data-kind`, `data-value`, and `data-count` once answered. */
    valueSearchResults: 'value-search-results',
    /** The note that a tab shows a URL's host; `data-host`. */
    urlHost: 'url-host',
    /** The Graph tab: the investigation as a graph. */
    tabGraph: 'tab-graph',
    /**
     * The investigation graph; `data-nodes`, `data-edges`, `data-omitted` (related values left out, the graph holding
     * at most 500 nodes), and `data-ready="true"` once laid out.
     */
    graph: 'graph',
    /**
     * One indicator of the graph; `data-indicator`, `data-type`, `data-sightings` (the local count, `pending` or
     * `not-counted`), `data-root`, `data-trail`, `data-expanded`, `data-verdict` when the case has one, and
     * `data-pinned`. A click investigates it, a double click (or the `+` key) adds its related indicators.
     */
    graphNode: 'graph-node',
    /** One relationship of the graph; `data-source`, `data-target`, `data-relations` (core's relation names), `data-trail`. */
    graphEdge: 'graph-edge',
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

/** The `data-test` ids of cases, pins and exports (README.md, "Cases"). */
export const caseTestIds = {
    /** The pin toggle next to an indicator; `data-indicator`, `data-pinned="true|false"`. */
    pin: 'pin',
    /** One pinned finding of the case panel; `data-indicator`, and `data-count` when its sightings were counted. */
    pinnedFinding: 'pinned-finding',
    /** The case panel of an investigation; `data-case-id` once saved, `data-state="open|closed"`. */
    casePanel: 'case-panel',
    /** The case's title field. */
    caseTitle: 'case-title',
    /** The verdict choice; `data-verdict`. */
    caseVerdict: 'case-verdict',
    /** The assignee field; `data-assignee`. */
    caseAssignee: 'case-assignee',
    /** The field of a new note. */
    caseNote: 'case-note',
    /** One saved note; `data-user`. */
    caseNoteEntry: 'case-note-entry',
    /** Save case / Save changes. */
    caseSave: 'case-save',
    /** Close case / Reopen case. */
    caseClose: 'case-close',
    /** The outcome of the last save; `data-ok="true|false"`. */
    caseMessage: 'case-message',
    /** The note that the tabs show the intelligence as saved; `data-snapshot-at` (ISO 8601). */
    caseSnapshot: 'case-snapshot',
    /** Asks the providers again instead of showing the saved intelligence. */
    caseRefresh: 'case-refresh',
    /** The team's cases on the landing page. */
    caseList: 'case-list',
    /** One case of the list; `data-case-id`, `data-state`, `data-assignee`. */
    caseListItem: 'case-list-item',
    /** The exports: the whole investigation or case as JSON, the tabs as CSV files in a zip, a STIX 2.1 bundle. */
    exportJson: 'export-json',
    exportCsv: 'export-csv',
    exportStix: 'export-stix',
} as const;

/** The `data-test` ids of watches (README.md, "Watching indicators"): the Watch control and the Watches page. */
export const watchTestIds = {
    /** The Watch control of an investigation; `data-indicator` (the value watched: a URL's host) and `data-watching="true|false"`. */
    watchControl: 'watch-control',
    /** Opens the form to watch the investigated indicator. */
    watchOpen: 'watch-open',
    /** The form's Watch button. */
    watchSubmit: 'watch-submit',
    /** "Watching since …" of one active watch of the indicator; `data-watch-id`, `data-owner`. */
    watchSince: 'watch-since',
    /** Ends a watch (on the control and on the Watches page); `data-watch-id`. */
    watchEnd: 'watch-end',
    /** A message about watches (a refused or failed call, or a user without the app's role); `data-code` on a failure. */
    watchMessage: 'watch-message',
    /** The link to the Watches page. */
    watchesLink: 'watches-link',
    /** The team's watches on the Watches page. */
    watchList: 'watch-list',
    /** One watch of the list; `data-watch-id`, `data-indicator`, `data-owner`, `data-active="true|false"`. */
    watchListItem: 'watch-list-item',
    /** Edits a watch's note on the Watches page; `data-watch-id`. */
    watchEditNote: 'watch-edit-note',
} as const;
