import { confValue, findKey } from '../../conf/parse-conf';
import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * Navigation and view rules, as AppInspect checks them: one default view, every nav view exists,
 * every view template exists, `[ui] setup_view` names an existing view. XML is read with attribute
 * patterns, which is enough for the flat nav and view files of an app (no entity or CDATA handling).
 */

const NAV = 'default/data/ui/nav/default.xml';
const VIEWS_DIR = 'default/data/ui/views/';
/** Views Splunk Web provides in every app. */
export const BUILT_IN_VIEWS: readonly string[] = ['search', 'datasets', 'reports', 'alerts', 'dashboards'];

function attribute(tag: string, name: string): string | undefined {
    const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
    return match ? (match[1] ?? match[2]) : undefined;
}

function lineAt(text: string, index: number): number {
    return text.slice(0, index).split('\n').length;
}

function appViews(tree: AppTree): Set<string> {
    return new Set(
        tree.entries
            .filter((e) => e.kind === 'file' && e.path.startsWith(VIEWS_DIR) && e.path.endsWith('.xml'))
            .map((e) => e.path.slice(VIEWS_DIR.length, -'.xml'.length))
    );
}

function checkNav(tree: AppTree, views: Set<string>): Finding[] {
    const text = tree.readText(NAV);
    if (text === undefined) return [];
    const found: Finding[] = [];
    let defaults = 0;
    for (const match of text.matchAll(/<view\b[^>]*>/g)) {
        const tag = match[0];
        const line = lineAt(text, match.index);
        const name = attribute(tag, 'name');
        if (attribute(tag, 'default')?.toLowerCase() === 'true') defaults++;
        if (name === undefined) {
            found.push(finding('vet_nav_views', 'failure', NAV, '<view> without a name', line));
        } else if (!views.has(name) && !BUILT_IN_VIEWS.includes(name)) {
            found.push(finding('vet_nav_views', 'failure', NAV, `view "${name}" is not in ${VIEWS_DIR}`, line));
        }
    }
    if (defaults !== 1) {
        found.push(finding('vet_nav_views', 'failure', NAV, `exactly one default view is needed, found ${defaults}`));
    }
    return found;
}

function checkTemplates(tree: AppTree, views: Set<string>): Finding[] {
    const found: Finding[] = [];
    for (const view of views) {
        const path = `${VIEWS_DIR}${view}.xml`;
        const text = tree.readText(path) ?? '';
        const match = /<view\b[^>]*>/.exec(text);
        const template = match ? attribute(match[0], 'template') : undefined;
        if (template === undefined || !match) continue;
        const parts = /^([^:]+):\/?(.+)$/.exec(template);
        const target = parts?.[2];
        if (!target) {
            found.push(
                finding('vet_view_templates', 'failure', path, `template "${template}" is not <app>:/templates/<file>`)
            );
            continue;
        }
        if (!tree.hasFile(`appserver/${target}`)) {
            found.push(
                finding(
                    'vet_view_templates',
                    'failure',
                    path,
                    `template appserver/${target} does not exist`,
                    lineAt(text, match.index)
                )
            );
        }
    }
    return found;
}

function checkSetupView(tree: AppTree, views: Set<string>): Finding[] {
    const conf = tree.readConf('default/app.conf');
    const setupView = conf ? confValue(conf, 'ui', 'setup_view') : undefined;
    if (!conf || setupView === undefined || views.has(setupView)) return [];
    return [
        finding(
            'vet_nav_views',
            'failure',
            'default/app.conf',
            `[ui] setup_view "${setupView}" is not in ${VIEWS_DIR}`,
            findKey(conf, 'ui', 'setup_view')?.line
        ),
    ];
}

/** The nav, view and template rules. */
export function checkUi(tree: AppTree): Finding[] {
    const views = appViews(tree);
    return [...checkNav(tree, views), ...checkTemplates(tree, views), ...checkSetupView(tree, views)];
}
