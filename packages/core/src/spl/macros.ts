/**
 * The search macros the generated SPL assumes. The app defines them in `default/macros.conf`; administrators
 * override them in `local/macros.conf` (or Settings > Advanced search > Search macros).
 */

/**
 * Scopes raw-event searches and the `where` of CIM `tstats` searches to the indexes to search (a `tstats` without an
 * index constraint reads only the role's default indexes). Definition must be one parenthesised expression.
 */
export const INDEX_MACRO = 'passivetotal_index';

/** Options for `tstats`: `summariesonly=true` (accelerated data only) or `summariesonly=false`. */
export const SUMMARIES_ONLY_MACRO = 'passivetotal_summariesonly';

/** The macros.conf stanzas the app ships, as documentation and for the stand-in's defaults. */
export const DEFAULT_MACRO_DEFINITIONS: Readonly<Record<string, string>> = Object.freeze({
    [INDEX_MACRO]: 'index=*',
    [SUMMARIES_ONLY_MACRO]: 'summariesonly=true',
});
