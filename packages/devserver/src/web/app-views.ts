import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A Dashboard Studio view (`<dashboard version="2">`): its label, theme and JSON definition. */
export interface StudioDashboard {
    readonly label: string;
    readonly theme: 'light' | 'dark';
    readonly definition: Record<string, unknown>;
}

/** What the stand-in needs to know of an app view's XML: the Mako template it names, or the Studio dashboard. */
export type ViewLookup =
    | { ok: true; templatePath: string; dashboard?: undefined }
    | { ok: true; dashboard: StudioDashboard; templatePath?: undefined }
    | { ok: false; status: 404 | 500; error: string };

/**
 * A `<dashboard version="2" theme="…">` view as Splunk Web reads it: the JSON of `<definition><![CDATA[…]]>`, the
 * `theme` attribute (`light` by default) and the `<label>`; undefined when the XML is no such view.
 */
export function studioDashboard(xml: string, view: string): StudioDashboard | { error: string } | undefined {
    const root = /<dashboard\b([^>]*)>/.exec(xml);
    if (!root || !/\bversion="2"/.test(root[1] ?? '')) return undefined;
    const json = /<definition>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/definition>/.exec(xml)?.[1];
    if (json === undefined) return { error: `Dashboard "${view}" has no <definition> with CDATA.` };
    let definition: unknown;
    try {
        definition = JSON.parse(json);
    } catch (error) {
        return { error: `The definition of dashboard "${view}" is not JSON: ${(error as Error).message}` };
    }
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition))
        return { error: `The definition of dashboard "${view}" is not a JSON object.` };
    const theme = /\btheme="dark"/.test(root[1] ?? '') ? 'dark' : 'light';
    const label = /<label>([^<]*)<\/label>/.exec(xml)?.[1] ?? view;
    return { label, theme, definition: definition as Record<string, unknown> };
}

const VIEW_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Finds the Mako template of `<app>/default/data/ui/views/<view>.xml` (`<view template="<app>:/templates/x.html"
 * type="html">`), as Splunk Web does for `type="html"` views.
 */
export async function lookupView(appDir: string, app: string, view: string): Promise<ViewLookup> {
    if (!VIEW_NAME.test(view)) return { ok: false, status: 404, error: `View "${view}" not found.` };
    let xml: string;
    try {
        xml = await readFile(path.join(appDir, 'default/data/ui/views', `${view}.xml`), 'utf8');
    } catch {
        return { ok: false, status: 404, error: `View "${view}" not found in app "${app}".` };
    }
    const dashboard = studioDashboard(xml, view);
    if (dashboard !== undefined)
        return 'error' in dashboard ? { ok: false, status: 500, error: dashboard.error } : { ok: true, dashboard };
    const template = /<view\b[^>]*\btemplate="([^":]+):\/templates\/([^"]+)"/.exec(xml);
    if (!/<view\b[^>]*\btype="html"/.test(xml) || !template) {
        return {
            ok: false,
            status: 500,
            error: `View "${view}" is not a type="html" view with a template; the stand-in renders only those and Dashboard Studio dashboards.`,
        };
    }
    if (template[1] !== app || (template[2] ?? '').includes('..')) {
        return { ok: false, status: 500, error: `View "${view}" names a template outside app "${app}".` };
    }
    return { ok: true, templatePath: path.join(appDir, 'appserver/templates', template[2] ?? '') };
}

/** The view marked `default="true"` in the app's nav XML, or undefined. */
export async function defaultView(appDir: string): Promise<string | undefined> {
    try {
        const nav = await readFile(path.join(appDir, 'default/data/ui/nav/default.xml'), 'utf8');
        return /<view\s+name="([^"]+)"\s+default="true"/.exec(nav)?.[1];
    } catch {
        return undefined;
    }
}

/** The views of the app's nav XML with their labels (from each view's `<label>`), for the app bar. */
export async function navViews(appDir: string): Promise<{ name: string; label: string }[]> {
    let nav: string;
    try {
        nav = await readFile(path.join(appDir, 'default/data/ui/nav/default.xml'), 'utf8');
    } catch {
        return [];
    }
    const names = [...nav.matchAll(/<view\s+name="([^"]+)"/g)].map((m) => m[1] ?? '');
    return Promise.all(
        names.map(async (name) => {
            try {
                const xml = await readFile(path.join(appDir, 'default/data/ui/views', `${name}.xml`), 'utf8');
                return { name, label: /<label>([^<]*)<\/label>/.exec(xml)?.[1] ?? name };
            } catch {
                return { name, label: name === 'search' ? 'Search' : name };
            }
        })
    );
}
