import { loadAppTree } from './app-tree';
import type { Finding, Severity } from './finding';
import { checkAppConf } from './rules/check-app-conf';
import { checkConfSpecs } from './rules/check-conf-specs';
import { checkJavaScript } from './rules/check-javascript';
import { checkMetadata } from './rules/check-metadata';
import { checkPython } from './rules/check-python';
import { checkSecrets } from './rules/check-secrets';
import { checkStructure } from './rules/check-structure';
import { checkUi } from './rules/check-ui';
import type { LoadedSpec } from '../spec/spec-set';

/** What `vetApp` checks against. */
export interface VetOptions {
    /** Splunk's own specs (`loadSpecDir(dir, 'splunk')`); undefined skips the Splunk spec check. */
    readonly splunkSpecs?: readonly LoadedSpec[] | undefined;
    /** The app id the folder must carry; default: the folder name, unless the folder is `stage`. */
    readonly expectedAppId?: string | undefined;
    /** Fail when no page bundles are built (default true; false to vet the app source tree). */
    readonly requirePages?: boolean | undefined;
}

/** Findings of one run, sorted by file, line and rule. */
export interface VetResult {
    readonly findings: readonly Finding[];
    /** Whether Splunk's specs took part. */
    readonly specsChecked: boolean;
    readonly counts: Readonly<Record<Severity, number>>;
}

const compare = (a: Finding, b: Finding): number =>
    a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule);

/**
 * Runs every mechanical AppInspect-style rule on the app folder `appDir`.
 *
 * @example
 * const { findings, counts } = vetApp('stage', { splunkSpecs: loadSpecDir(specDir, 'splunk') });
 * if (counts.failure > 0) process.exitCode = 1;
 */
export function vetApp(appDir: string, options: VetOptions = {}): VetResult {
    const tree = loadAppTree(appDir);
    const findings = [
        ...checkStructure(tree),
        ...checkAppConf(tree, options.expectedAppId),
        ...checkMetadata(tree),
        ...checkUi(tree),
        ...checkPython(tree),
        ...checkJavaScript(tree, { requirePages: options.requirePages ?? true }),
        ...checkSecrets(tree),
        ...checkConfSpecs(tree, options.splunkSpecs),
    ].sort(compare);
    const counts: Record<Severity, number> = { failure: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    return { findings, specsChecked: options.splunkSpecs !== undefined, counts };
}
