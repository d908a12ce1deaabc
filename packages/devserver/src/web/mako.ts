/**
 * Renders the app's Mako page templates (appserver/templates/*.html) the way Splunk Web does, for the
 * constructs Splunk's page templates use: `<%page expression_filter="h"/>`, `<%! ... %>` and `<% name = "..." %>`
 * string assignments, and `${expr}` / `${expr | n}` where expr is a string variable, `make_url('...')`,
 * `make_url(variable)` or `json_decode(splunkd)`. Anything else is an error naming the construct, so a template
 * the stand-in cannot render faithfully fails loudly instead of rendering wrongly.
 */

import { escapeHtml } from './html';

export interface MakoContext {
    /** Splunk Web's make_url: root path, locale and, for /static/ paths, the cache-busting build segment. */
    makeUrl: (path: string) => string;
    /** The splunkd partials object that json_decode(splunkd) serialises. */
    splunkd: unknown;
}

export type MakoResult = { ok: true; html: string } | { ok: false; error: string };

/** Serialises JSON so that it is safe inside an inline <script> element. */
export function scriptSafeJson(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}

function evaluate(
    expr: string,
    vars: Map<string, string>,
    ctx: MakoContext
): { ok: true; value: string } | { ok: false; error: string } {
    const literalCall = /^make_url\(\s*(['"])(.*)\1\s*\)$/.exec(expr);
    if (literalCall) return { ok: true, value: ctx.makeUrl(literalCall[2] ?? '') };
    const varCall = /^make_url\(\s*([A-Za-z_]\w*)\s*\)$/.exec(expr);
    if (varCall) {
        const value = vars.get(varCall[1] ?? '');
        if (value === undefined) return { ok: false, error: `undefined template variable '${varCall[1] ?? ''}'` };
        return { ok: true, value: ctx.makeUrl(value) };
    }
    if (/^json_decode\(\s*splunkd\s*\)$/.test(expr)) return { ok: true, value: scriptSafeJson(ctx.splunkd) };
    const name = /^[A-Za-z_]\w*$/.exec(expr);
    if (name) {
        const value = vars.get(expr);
        if (value === undefined) return { ok: false, error: `undefined template variable '${expr}'` };
        return { ok: true, value };
    }
    return { ok: false, error: `unsupported template expression '\${${expr}}'` };
}

/** Renders a Mako template with the constructs listed above. */
export function renderMako(template: string, ctx: MakoContext): MakoResult {
    const vars = new Map<string, string>();
    let escapeByDefault = false;
    let html = '';
    const token = /<%page\s+([^>]*?)\/>|<%!([\s\S]*?)%>|<%([\s\S]*?)%>|\$\{([^}]*)\}/g;
    let last = 0;
    for (let match = token.exec(template); match; match = token.exec(template)) {
        html += template.slice(last, match.index);
        last = token.lastIndex;
        const [, pageAttrs, moduleBlock, codeBlock, expression] = match;
        if (pageAttrs !== undefined) {
            escapeByDefault = /expression_filter\s*=\s*"h"/.test(pageAttrs);
        } else if (moduleBlock !== undefined || codeBlock !== undefined) {
            for (const line of (moduleBlock ?? codeBlock ?? '').split('\n')) {
                const statement = line.trim();
                if (!statement || statement.startsWith('#')) continue;
                const assignment = /^([A-Za-z_]\w*)\s*=\s*(['"])(.*)\2$/.exec(statement);
                if (!assignment) return { ok: false, error: `unsupported template code '${statement}'` };
                vars.set(assignment[1] ?? '', assignment[3] ?? '');
            }
        } else if (expression !== undefined) {
            const [body = '', ...filters] = expression.split('|').map((part) => part.trim());
            const unknown = filters.find((f) => f !== 'n' && f !== 'h');
            if (unknown) return { ok: false, error: `unsupported template filter '${unknown}'` };
            const result = evaluate(body, vars, ctx);
            if (!result.ok) return result;
            const escape = filters.includes('h') || (escapeByDefault && !filters.includes('n'));
            html += escape ? escapeHtml(result.value) : result.value;
        }
    }
    html += template.slice(last);
    return { ok: true, html };
}
