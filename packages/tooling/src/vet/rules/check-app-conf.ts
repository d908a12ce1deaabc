import { basename } from 'node:path';
import { findKey, findStanza, type ConfFile } from '../../conf/parse-conf';
import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * `default/app.conf` rules, as AppInspect checks them: the app id, versions, build number and label.
 *
 * The expected folder name: a package is checked as `stage/` (the build output) or as an unpacked folder
 * named after the app. `[package] id` must equal `[id] name`, and the folder name too unless the folder
 * is called `stage` or an `expectedId` is given (then that is compared instead).
 */

const APP_CONF = 'default/app.conf';
const RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;
const VERSION = /^\d+\.\d+\.\d+(?:[+-][A-Za-z0-9.]+)?$/;

/** Why `id` is not a valid Splunk app id, or undefined when it is. */
export function appIdProblem(id: string): string | undefined {
    if (!/^[A-Za-z0-9._]+$/.test(id)) return 'only letters, digits, "." and "_" are allowed';
    if (/^\d/.test(id)) return 'must not start with a digit';
    if (id.endsWith('.')) return 'must not end with a dot';
    if (RESERVED.test(id)) return 'is a reserved file name on Windows';
    return undefined;
}

function lineOf(conf: ConfFile, stanza: string, key: string): number | undefined {
    return findKey(conf, stanza, key)?.line ?? findStanza(conf, stanza)?.line;
}

function checkIds(conf: ConfFile, tree: AppTree, expectedId: string | undefined): Finding[] {
    const found: Finding[] = [];
    const rule = 'check_that_app_name_config_is_valid';
    const packageId = findKey(conf, 'package', 'id');
    const idName = findKey(conf, 'id', 'name');
    if (!packageId) {
        found.push(finding(rule, 'failure', APP_CONF, '[package] id is missing', findStanza(conf, 'package')?.line));
        return found;
    }
    const problem = appIdProblem(packageId.value);
    if (problem) {
        found.push(finding(rule, 'failure', APP_CONF, `[package] id "${packageId.value}" ${problem}`, packageId.line));
    }
    if (idName && idName.value !== packageId.value) {
        found.push(
            finding(
                rule,
                'failure',
                APP_CONF,
                `[id] name "${idName.value}" differs from [package] id "${packageId.value}"`,
                idName.line
            )
        );
    }
    const folder = basename(tree.root);
    const expected = expectedId ?? (folder === 'stage' ? undefined : folder);
    if (expected !== undefined && expected !== packageId.value) {
        found.push(
            finding(
                rule,
                'failure',
                APP_CONF,
                `[package] id "${packageId.value}" must equal the app folder name "${expected}"`,
                packageId.line
            )
        );
    }
    return found;
}

function checkVersions(conf: ConfFile): Finding[] {
    const found: Finding[] = [];
    const idVersion = findKey(conf, 'id', 'version');
    const launcherVersion = findKey(conf, 'launcher', 'version');
    if (!idVersion && !launcherVersion) {
        return [finding('vet_app_version', 'failure', APP_CONF, 'no version in [id] or [launcher]')];
    }
    for (const entry of [idVersion, launcherVersion]) {
        if (entry && !VERSION.test(entry.value)) {
            found.push(
                finding(
                    'vet_app_version',
                    'failure',
                    APP_CONF,
                    `version "${entry.value}" is not Major.Minor.Revision`,
                    entry.line
                )
            );
        }
    }
    if (idVersion && launcherVersion && idVersion.value !== launcherVersion.value) {
        found.push(
            finding(
                'vet_app_version',
                'failure',
                APP_CONF,
                `[id] version ${idVersion.value} differs from [launcher] version ${launcherVersion.value}`,
                launcherVersion.line
            )
        );
    }
    return found;
}

function checkInstallAndUi(conf: ConfFile): Finding[] {
    const found: Finding[] = [];
    const build = findKey(conf, 'install', 'build');
    if (!build || !/^[1-9]\d*$/.test(build.value)) {
        found.push(
            finding(
                'vet_app_build',
                'failure',
                APP_CONF,
                build ? `[install] build "${build.value}" is not a positive integer` : '[install] build is missing',
                lineOf(conf, 'install', 'build')
            )
        );
    }
    const configured = findKey(conf, 'install', 'is_configured');
    if (configured && /^(1|true|t|yes|y)$/i.test(configured.value)) {
        found.push(
            finding(
                'check_that_setup_has_not_been_performed',
                'failure',
                APP_CONF,
                '[install] is_configured must be false in a shipped app',
                configured.line
            )
        );
    }
    const label = findKey(conf, 'ui', 'label');
    if (!label || label.value.length < 5 || label.value.length > 80) {
        found.push(
            finding(
                'vet_app_label',
                'failure',
                APP_CONF,
                label ? `[ui] label must have 5 to 80 characters (has ${label.value.length})` : '[ui] label is missing',
                lineOf(conf, 'ui', 'label')
            )
        );
    }
    return found;
}

/** The app.conf rules; `expectedId` overrides the folder-name comparison. */
export function checkAppConf(tree: AppTree, expectedId?: string): Finding[] {
    const conf = tree.readConf(APP_CONF);
    if (!conf) {
        return [
            finding(
                'check_that_extracted_splunk_app_contains_default_app_conf_file',
                'failure',
                APP_CONF,
                'default/app.conf is missing'
            ),
        ];
    }
    return [...checkIds(conf, tree, expectedId), ...checkVersions(conf), ...checkInstallAndUi(conf)];
}
