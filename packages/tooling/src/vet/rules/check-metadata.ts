import type { ConfStanza } from '../../conf/parse-conf';
import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * `metadata/*.meta` rules, as AppInspect checks them. `default.meta` must exist, its `[]` stanza must restrict
 * write access (not `*`), `sc_admin` should sit next to `admin` in write lists, and only the keys Splunk
 * reads in `.meta` files are allowed.
 */

const META_KEYS = new Set(['access', 'export', 'owner', 'import', 'version', 'modtime']);
const DEFAULT_META = 'metadata/default.meta';

/** The roles of `read` or `write` in an access value such as `read : [ * ], write : [ admin ]`. */
export function accessRoles(access: string, kind: 'read' | 'write'): string[] | undefined {
    const match = new RegExp(`\\b${kind}\\s*:\\s*\\[([^\\]]*)\\]`).exec(access);
    if (!match) return undefined;
    return (match[1] ?? '')
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role !== '');
}

function checkStanza(file: string, stanza: ConfStanza): Finding[] {
    const found: Finding[] = [];
    for (const { key, value, line } of stanza.keys) {
        if (!META_KEYS.has(key)) {
            found.push(finding('vet_meta_keys', 'failure', file, `unknown key "${key}" in [${stanza.name}]`, line));
        }
        if (key === 'export' && value !== 'system' && value !== 'none') {
            found.push(
                finding('vet_meta_keys', 'failure', file, `export must be "system" or "none", not "${value}"`, line)
            );
        }
        if (key === 'access') {
            const write = accessRoles(value, 'write');
            if (write?.includes('admin') && !write.includes('sc_admin')) {
                found.push(
                    finding(
                        'check_kos_are_accessible',
                        'warning',
                        file,
                        `[${stanza.name}] grants write to admin but not sc_admin (Splunk Cloud's admin role)`,
                        line
                    )
                );
            }
        }
    }
    return found;
}

function checkGlobalWrite(tree: AppTree): Finding[] {
    const conf = tree.readConf(DEFAULT_META);
    if (!conf) return [];
    const rule = 'check_meta_default_write_access';
    const global = conf.stanzas.find((s) => s.name === '');
    const access = global?.keys.find((k) => k.key === 'access');
    if (!global || !access) {
        return [finding(rule, 'failure', DEFAULT_META, 'the [] stanza must set access with a write list')];
    }
    const write = accessRoles(access.value, 'write');
    if (!write || write.length === 0) {
        return [finding(rule, 'failure', DEFAULT_META, 'the [] stanza must restrict write access', access.line)];
    }
    if (write.includes('*')) {
        return [finding(rule, 'failure', DEFAULT_META, 'the [] stanza must not grant write to *', access.line)];
    }
    return [];
}

/** The metadata rules. */
export function checkMetadata(tree: AppTree): Finding[] {
    const found: Finding[] = [];
    if (!tree.hasFile(DEFAULT_META)) {
        found.push(
            finding('check_meta_default_write_access', 'failure', DEFAULT_META, 'metadata/default.meta is missing')
        );
    }
    found.push(...checkGlobalWrite(tree));
    for (const entry of tree.entries) {
        if (entry.kind !== 'file' || !entry.path.endsWith('.meta')) continue;
        const conf = tree.readConf(entry.path);
        if (!conf) continue;
        for (const problem of conf.problems) {
            const severity =
                problem.kind === 'duplicate-key' || problem.kind === 'duplicate-stanza' ? 'warning' : 'failure';
            found.push(finding('vet_conf_syntax', severity, entry.path, problem.message, problem.line));
        }
        for (const stanza of conf.stanzas) found.push(...checkStanza(entry.path, stanza));
    }
    return found;
}
