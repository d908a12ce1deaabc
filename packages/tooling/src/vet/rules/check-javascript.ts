import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * JavaScript rules for the built pages (`appserver/static/pages/**\/*.js`):
 * - a development build (webpack's eval devtools wrap every module in `eval("...//# sourceURL=webpack...")`) is a
 *   failure: first-party code must not run through eval. A method named `eval` or a runtime string mentioning
 *   `sourceMappingURL=data:` (CSS-in-JS libraries build those) is not a development build;
 * - any other `eval(` or `new Function(` / `Function(` (minified) is third-party code inside the bundle, an AppInspect manual-review
 *   item (`check_for_remote_code_execution_in_javascript`), reported as info;
 * - source maps (`*.map`) anywhere are development files (warning);
 * - with `requirePages`, a missing pages folder is a failure (the app's views load those bundles).
 */

const PAGES = 'appserver/static/pages';
const RCE = 'check_for_remote_code_execution_in_javascript';

/** Options of the JavaScript rules. */
export interface JavaScriptOptions {
    /** Fail when `appserver/static/pages` holds no `.js` (true for a built app; false for the source tree). */
    readonly requirePages: boolean;
}

function checkBundle(path: string, text: string): Finding[] {
    // A call of the global eval, not a method definition or call (`x.eval(`, `}eval(a,b){`).
    const hasEval = /(?<![.\w$}])eval\s*\(/.test(text);
    if (hasEval && /\/\/# sourceURL=webpack(?:-internal)?:\/\//.test(text)) {
        return [
            finding(RCE, 'failure', path, 'development bundle with eval source maps; build with NODE_ENV=production'),
        ];
    }
    const found: Finding[] = [];
    const newFunction = (text.match(/(?<![.\w$])(?:new\s+)?Function\s*\(/g) ?? []).length;
    if (hasEval || newFunction > 0) {
        const what = [hasEval ? 'eval(' : '', newFunction > 0 ? `Function constructor (${newFunction}x)` : '']
            .filter((w) => w !== '')
            .join(' and ');
        found.push(finding(RCE, 'info', path, `third-party ${what} in the bundle: AppInspect manual review`));
    }
    if (/\/\/# sourceMappingURL=/.test(text)) {
        found.push(
            finding('vet_no_source_maps', 'warning', path, 'refers to a source map; production bundles ship none')
        );
    }
    return found;
}

/** The JavaScript rules. */
export function checkJavaScript(tree: AppTree, options: JavaScriptOptions): Finding[] {
    const found: Finding[] = [];
    let pages = 0;
    for (const entry of tree.entries) {
        if (entry.kind !== 'file') continue;
        if (entry.path.endsWith('.map')) {
            found.push(finding('vet_no_source_maps', 'warning', entry.path, 'source maps are development files'));
        }
        if (entry.path.startsWith(`${PAGES}/`) && entry.path.endsWith('.js')) {
            pages++;
            found.push(...checkBundle(entry.path, tree.readText(entry.path) ?? ''));
        }
    }
    if (pages === 0 && options.requirePages) {
        found.push(finding('vet_pages_built', 'failure', PAGES, 'no page bundles: run `npm run build` first'));
    }
    return found;
}
