import type { ConfFile, ConfStanza } from '../conf/parse-conf';
import { closestMatch } from './levenshtein';
import type { SpecKey, SpecStanza } from './parse-spec';
import type { LoadedSpec } from './spec-set';

/**
 * Checks the stanzas and keys of one parsed `.conf` file against the spec(s) of that conf.
 *
 * Rules:
 * - `[default]` is always allowed and may hold any key declared anywhere in the specs (its keys are
 *   inherited by every stanza).
 * - Any other stanza must match at least one spec stanza (unless a spec has no stanza headers at all, see
 *   `SpecFile.freeStanzas`); it may then hold the union of the keys of every
 *   spec stanza it matches (a literal `[email]` and a wildcard `[<name>]` alike) plus the global keys.
 * - Suggestions ("did you mean") come from the literal names within 2 edits.
 *
 * Known limits (seen running Splunk 10.4.2's system/default/*.conf against its own specs):
 * - Placeholders written without angle brackets (`[auditconfig:/path]`, `[tcpout-server://<ip address>:<port>]`
 *   with literal punctuation) only match what is literally written around the placeholders.
 * - Specs that document some keys only in prose, or whose default files use undocumented or internal
 *   keys, give unknown-key reports for those keys; they are reported, not hidden.
 * - Values are not checked (`<boolean>`, `<integer>`, enumerations are documentation, not grammar).
 */

/** What is wrong with a stanza or key. */
export type ConfIssueKind = 'unknown-stanza' | 'unknown-key';

/** One problem found by `validateConf`. */
export interface ConfIssue {
    readonly kind: ConfIssueKind;
    readonly stanza: string;
    /** Set for `unknown-key`. */
    readonly key?: string;
    readonly line: number;
    /** A close literal name from the spec, when there is one. */
    readonly suggestion?: string;
    readonly message: string;
}

const matches = (pattern: { regex: RegExp }, name: string): boolean => pattern.regex.test(name);

function allStanzas(specs: readonly LoadedSpec[]): SpecStanza[] {
    return specs.flatMap((s) => s.spec.stanzas);
}

function globalKeys(specs: readonly LoadedSpec[]): SpecKey[] {
    return specs.flatMap((s) => s.spec.globalKeys);
}

function literalNames(patterns: readonly { literal: boolean; source: string }[]): string[] {
    return [...new Set(patterns.filter((p) => p.literal).map((p) => p.source))];
}

function checkKeys(stanza: ConfStanza, allowed: readonly SpecKey[], confName: string): ConfIssue[] {
    const issues: ConfIssue[] = [];
    for (const { key, line } of stanza.keys) {
        if (allowed.some((pattern) => matches(pattern, key))) continue;
        const suggestion = closestMatch(key, literalNames(allowed));
        issues.push({
            kind: 'unknown-key',
            stanza: stanza.name,
            key,
            line,
            ...(suggestion === undefined ? {} : { suggestion }),
            message:
                `unknown key "${key}" in [${stanza.name}] of ${confName}.conf` +
                (suggestion === undefined ? '' : `; did you mean "${suggestion}"?`),
        });
    }
    return issues;
}

/**
 * Validates `conf` against `specs` (all specs of that conf; an empty list means every stanza is unknown).
 *
 * @example
 * validateConf(parseConf('[ui]\nlable = x\n', 'app.conf'), 'app', specs)
 * // → [{ kind: 'unknown-key', stanza: 'ui', key: 'lable', line: 2, suggestion: 'label', message: '... did you mean "label"?' }]
 */
export function validateConf(conf: ConfFile, confName: string, specs: readonly LoadedSpec[]): ConfIssue[] {
    const stanzas = allStanzas(specs);
    const globals = globalKeys(specs);
    const issues: ConfIssue[] = [];
    for (const stanza of conf.stanzas) {
        if (stanza.name === 'default') {
            issues.push(...checkKeys(stanza, [...globals, ...stanzas.flatMap((s) => s.keys)], confName));
            continue;
        }
        const matching = stanzas.filter((s) => matches(s, stanza.name));
        if (matching.length === 0 && !specs.some((s) => s.spec.freeStanzas)) {
            const suggestion = closestMatch(stanza.name, literalNames(stanzas));
            issues.push({
                kind: 'unknown-stanza',
                stanza: stanza.name,
                line: stanza.line,
                ...(suggestion === undefined ? {} : { suggestion }),
                message:
                    `unknown stanza [${stanza.name}] in ${confName}.conf` +
                    (suggestion === undefined ? '' : `; did you mean [${suggestion}]?`),
            });
            continue;
        }
        issues.push(...checkKeys(stanza, [...globals, ...matching.flatMap((s) => s.keys)], confName));
    }
    return issues;
}
