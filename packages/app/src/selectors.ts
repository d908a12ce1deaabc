/**
 * The stable `data-test` ids of the pages (CONTRACTS section 6). Components and browser tests import them
 * from here, so no id is spelled twice.
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
} as const;

export type TestId = (typeof testIds)[keyof typeof testIds];
