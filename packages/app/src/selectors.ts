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
} as const;

export type TestId = (typeof testIds)[keyof typeof testIds];
