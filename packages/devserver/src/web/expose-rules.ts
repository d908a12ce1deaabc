/**
 * Which splunkd endpoints Splunk Web's proxy (`/<locale>/splunkd/__raw/...`) lets a browser reach: the
 * `[expose:<name>]` stanzas of web.conf (web.conf.spec: `pattern`, `methods`, `skipCSRFProtection`).
 */
export interface ExposeRule {
    name: string;
    /** Path elements below /services, e.g. `search/jobs/*` (`*` one element, `**` any number, `x*` a prefix). */
    pattern: string;
    methods: readonly string[];
    skipCsrf: boolean;
}

/**
 * The part of Splunk's default `[expose:]` list (etc/system/default/web.conf) that pages of an app use. Splunk's
 * Search app and UI Toolkit pages call the `search/v2/jobs/...` forms through the same proxy in production,
 * although the default list spells only the v1 forms; they are listed here explicitly.
 */
export const DEFAULT_EXPOSE_RULES: readonly ExposeRule[] = [
    rule('auth_login', 'auth/login', 'POST', true),
    rule('search_jobs', 'search/jobs', 'GET,POST'),
    rule('search_jobs_ELEMENT', 'search/jobs/*', 'GET,DELETE,POST'),
    rule('search_jobs_ELEMENT_control', 'search/jobs/*/control', 'POST'),
    rule('search_jobs_ELEMENT_events', 'search/jobs/*/events', 'GET,POST'),
    rule('search_jobs_ELEMENT_results', 'search/jobs/*/results', 'GET,POST'),
    rule('search_jobs_ELEMENT_results_preview', 'search/jobs/*/results_preview', 'GET,POST'),
    rule('search_jobs_ELEMENT_summary', 'search/jobs/*/summary', 'GET'),
    rule('search_jobs_ELEMENT_timeline', 'search/jobs/*/timeline', 'GET'),
    rule('search_v2_jobs', 'search/v2/jobs', 'GET,POST'),
    rule('search_v2_jobs_ELEMENT_events', 'search/v2/jobs/*/events', 'GET,POST'),
    rule('search_v2_jobs_ELEMENT_results', 'search/v2/jobs/*/results', 'GET,POST'),
    rule('search_v2_jobs_ELEMENT_results_preview', 'search/v2/jobs/*/results_preview', 'GET,POST'),
    rule('search_parser', 'search/parser', 'GET,POST'),
    rule('search_v2_parser', 'search/v2/parser', 'GET,POST'),
    rule('storage_collections_ANYTHING', 'storage/collections/**', 'GET,DELETE,POST'),
    rule('storage_passwords', 'storage/passwords', 'POST,GET'),
    rule('storage_passwords_ELEMENT', 'storage/passwords/*', 'GET,DELETE,POST'),
    rule('configs_conf-VALUE', 'configs/conf-*', 'GET,POST'),
    rule('configs_conf-VALUE_ELEMENT', 'configs/conf-*/*', 'GET,POST,DELETE'),
    rule('apps', 'apps/local', 'GET,POST'),
    rule('apps_ELEMENT', 'apps/local/*', 'GET,POST,DELETE'),
    rule('authentication_current-context', 'authentication/current-context', 'GET'),
    rule('authorization_capabilities', 'authorization/capabilities', 'GET'),
    rule('authorization_roles', 'authorization/roles', 'POST,GET'),
    rule('authorization_roles_ELEMENT', 'authorization/roles/*', 'GET,DELETE,POST'),
    rule('server_info', 'server/info', 'GET'),
    rule('data_ui_times', 'data/ui/times', 'GET,POST'),
    rule('properties', 'properties', 'GET,POST'),
    rule('properties_ELEMENT', 'properties/*', 'GET,POST'),
    rule('properties_ELEMENT_ELEMENT', 'properties/*/*', 'GET,POST'),
];

function rule(name: string, pattern: string, methods: string, skipCsrf = false): ExposeRule {
    return { name, pattern, methods: parseMethods(methods), skipCsrf };
}

function parseMethods(methods: string | undefined): string[] {
    const list = (methods ?? '')
        .split(',')
        .map((m) => m.trim().toUpperCase())
        .filter(Boolean);
    return list.length > 0 ? list : ['GET'];
}

/** Reads the `[expose:*]` stanzas of an app's web.conf (already parsed into stanza name → keys). */
export function exposeRulesFromConf(stanzas: readonly { name: string; keys: Record<string, string> }[]): ExposeRule[] {
    return stanzas
        .filter((s) => s.name.startsWith('expose:') && s.keys.pattern)
        .map((s) => ({
            name: s.name.slice('expose:'.length),
            pattern: (s.keys.pattern ?? '').replace(/^\/+|\/+$/g, ''),
            methods: parseMethods(s.keys.methods),
            skipCsrf: /^(1|true)$/i.test(s.keys.skipCSRFProtection ?? ''),
        }));
}

function elementMatches(pattern: string, element: string): boolean {
    if (pattern === '*') return element.length > 0;
    if (pattern.endsWith('*')) return element.startsWith(pattern.slice(0, -1));
    return pattern === element;
}

function pathMatches(pattern: readonly string[], path: readonly string[]): boolean {
    const [head, ...rest] = pattern;
    if (head === undefined) return path.length === 0;
    if (head === '**') {
        for (let skip = 0; skip <= path.length; skip++) if (pathMatches(rest, path.slice(skip))) return true;
        return false;
    }
    const [element, ...remaining] = path;
    return element !== undefined && elementMatches(head, element) && pathMatches(rest, remaining);
}

/** The rule that exposes `restPath` (the path below /services or /servicesNS/<owner>/<app>), if any. */
export function findExposeRule(rules: readonly ExposeRule[], restPath: string): ExposeRule | undefined {
    const path = restPath.split('/').filter(Boolean);
    return rules.find((r) => pathMatches(r.pattern.split('/'), path));
}
