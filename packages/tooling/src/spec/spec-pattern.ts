/**
 * Turns the names written in Splunk `.spec` files into matchers.
 *
 * Spec notation, as used in Splunk's own `$SPLUNK_HOME/etc/system/README/*.conf.spec`:
 * - `<anything>` is a placeholder: one or more characters (`[script:<uniqueName>]`, `ttl_seconds.<dataset>`,
 *   `link.postargs.<int>.<key/value>`, `alert:<indicator name>.disabled`). Its text is not a constraint,
 *   so `<post|delete|get|put>` also matches anything. A placeholder glued to a letter or digit may also be
 *   empty: the specs use that form for optional suffixes (`[tcpout<any of above>]` covers `[tcpout]`,
 *   `LESS_THAN<optional_unique_value>_<number>` covers `LESS_THAN_1`).
 * - `*` and `...` in a name are wildcards of zero or more characters (`[alert_action:*]`, `[input:...]`).
 * - `|` outside angle brackets separates alternatives (`[stats|sistats]`).
 * Everything else matches literally and case-sensitively.
 */

/** A compiled spec name. */
export interface SpecPattern {
    /** The name as written in the spec (without the brackets of a stanza header). */
    readonly source: string;
    /** True when the name has no placeholder, wildcard or alternative: it matches only itself. */
    readonly literal: boolean;
    /** Anchored, case-sensitive matcher. */
    readonly regex: RegExp;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Splits at `|` characters that are not inside `<...>`. */
function splitAlternatives(source: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < source.length; i++) {
        const char = source[i];
        if (char === '<') depth++;
        else if (char === '>' && depth > 0) depth--;
        else if (char === '|' && depth === 0) {
            parts.push(source.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(source.slice(start));
    return parts;
}

/** Regex source of one alternative: placeholders and wildcards become `.+` / `.*`, the rest is literal. */
function alternativeToRegex(alternative: string): string {
    const tokens = alternative.split(/(<[^<>]*>|\.\.\.|\*)/);
    return tokens
        .map((token, index) => {
            if (token.startsWith('<') && token.endsWith('>') && token.length > 1) {
                const glued = /[A-Za-z0-9]$/.test(tokens[index - 1] ?? '');
                return glued ? '.*' : '.+';
            }
            if (token === '...' || token === '*') return '.*';
            return escapeRegex(token);
        })
        .join('');
}

/**
 * Compiles a stanza or key name from a spec file.
 *
 * @example
 * compileSpecPattern('script:<uniqueName>').regex.test('script:passivetotal') // → true
 * compileSpecPattern('stats|sistats').regex.test('sistats') // → true
 */
export function compileSpecPattern(source: string): SpecPattern {
    const alternatives = splitAlternatives(source);
    const literal = alternatives.length === 1 && !/<[^<>]*>|\.\.\.|\*/.test(source);
    const regex = new RegExp('^(?:' + alternatives.map(alternativeToRegex).join('|') + ')$', 's');
    return { source, literal, regex };
}
