import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** What the stand-in needs to know of an app view's XML: the Mako template it names. */
export type ViewLookup = { ok: true; templatePath: string } | { ok: false; status: 404 | 500; error: string };

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
    const template = /<view\b[^>]*\btemplate="([^":]+):\/templates\/([^"]+)"/.exec(xml);
    if (!/<view\b[^>]*\btype="html"/.test(xml) || !template) {
        return {
            ok: false,
            status: 500,
            error: `View "${view}" is not a type="html" view with a template; the stand-in renders only those.`,
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
