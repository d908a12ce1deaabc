import { parseSpec } from '../../spec/parse-spec';
import { buildSpecSet, type LoadedSpec } from '../../spec/spec-set';
import { validateConf } from '../../spec/validate-conf';
import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * Every `default/*.conf` checked against the `.spec` files: Splunk's (when given) and the app's own
 * `README/*.conf.spec`. Without Splunk's specs only the confs the app documents itself are checked, and a
 * custom conf without a spec cannot be told from a Splunk one, so that rule is skipped too.
 *
 * Rules: unknown stanza and unknown key are failures (with "did you mean"); a conf without any spec is a
 * failure, except the few Splunk files that Splunk itself ships without a spec (a warning); conf syntax
 * problems are failures, duplicates warnings; the app's own specs must not set keys before the first stanza
 * (`check_no_default_or_value_before_stanzas`).
 */

/** Conf files in Splunk 10.4.2's etc/system/default that have no spec in etc/system/README. */
export const SPLUNK_CONFS_WITHOUT_SPEC: readonly string[] = ['conf', 'telemetry'];

function appSpecs(tree: AppTree): LoadedSpec[] {
    return tree.entries
        .filter((e) => e.kind === 'file' && /^README\/[^/]+\.conf\.spec$/.test(e.path))
        .map((e) => ({ origin: 'app' as const, spec: parseSpec(tree.readText(e.path) ?? '', e.path) }));
}

function checkAppSpecFiles(specs: readonly LoadedSpec[]): Finding[] {
    return specs.flatMap(({ spec }) =>
        spec.keysBeforeFirstStanza.map((key) =>
            finding(
                'check_no_default_or_value_before_stanzas',
                'warning',
                spec.fileName,
                `key "${key.source}" before the first stanza`,
                key.line
            )
        )
    );
}

/** The conf/spec rules; `splunkSpecs` undefined means Splunk's specs were not available. */
export function checkConfSpecs(tree: AppTree, splunkSpecs: readonly LoadedSpec[] | undefined): Finding[] {
    const own = appSpecs(tree);
    const specSet = buildSpecSet([...(splunkSpecs ?? []), ...own]);
    const found: Finding[] = checkAppSpecFiles(own);
    for (const entry of tree.entries) {
        const match = /^default\/([^/]+)\.conf$/.exec(entry.path);
        const confName = match?.[1];
        if (entry.kind !== 'file' || confName === undefined) continue;
        const conf = tree.readConf(entry.path);
        if (!conf) continue;
        for (const problem of conf.problems) {
            const severity =
                problem.kind === 'duplicate-key' || problem.kind === 'duplicate-stanza' ? 'warning' : 'failure';
            found.push(finding('vet_conf_syntax', severity, entry.path, problem.message, problem.line));
        }
        const specs = specSet.get(confName);
        if (!specs) {
            if (splunkSpecs === undefined) continue;
            found.push(
                SPLUNK_CONFS_WITHOUT_SPEC.includes(confName)
                    ? finding(
                          'vet_conf_spec',
                          'warning',
                          entry.path,
                          `Splunk ships ${confName}.conf without a spec; not checked`
                      )
                    : finding(
                          'vet_conf_spec',
                          'failure',
                          entry.path,
                          `no spec for ${confName}.conf: a custom conf needs README/${confName}.conf.spec`
                      )
            );
            continue;
        }
        for (const issue of validateConf(conf, confName, specs)) {
            found.push(
                finding(
                    `vet_conf_spec_${issue.kind.replace('-', '_')}`,
                    'failure',
                    entry.path,
                    issue.message,
                    issue.line
                )
            );
        }
    }
    return found;
}
