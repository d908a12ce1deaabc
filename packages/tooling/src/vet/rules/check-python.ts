import { findKey, type ConfFile, type ConfStanza } from '../../conf/parse-conf';
import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * Python rules, as AppInspect checks them for Splunk Cloud:
 * - every stanza that makes Splunk run Python sets `python.required` (Splunk 10.2+); `python.version`, when
 *   also set, must name Python 3;
 * - no plain `http://` URLs in `bin/**\/*.py`, except loopback (`http://127.0.0.1`, `http://localhost`,
 *   `http://[::1]`): the app's handler may talk to a local PassiveTotal replay server, which never leaves
 *   the machine (README/passivetotal.conf.spec allows http only for a loopback host);
 * - no `eval(` or `exec(` calls in first-party Python (comment lines are skipped).
 */

const value = (stanza: ConfStanza, key: string): string | undefined => stanza.keys.find((k) => k.key === key)?.value;
const endsWithPy = (command: string | undefined): boolean =>
    (command ?? '').trim().split(/\s+/)[0]?.endsWith('.py') ?? false;

/** Which stanzas of which conf run Python, by the keys Splunk uses to pick an interpreter. */
function runsPython(confName: string, stanza: ConfStanza, tree: AppTree): boolean {
    const name = stanza.name;
    switch (confName) {
        case 'restmap': {
            if (name.startsWith('script:')) {
                const type = value(stanza, 'scripttype') ?? 'python';
                return type === 'python' || (type === 'persist' && value(stanza, 'driver') === undefined);
            }
            if (name.startsWith('admin_external:')) return (value(stanza, 'handlertype') ?? 'python') === 'python';
            return false;
        }
        case 'commands': {
            if (name === 'default') return false;
            const type = value(stanza, 'type') ?? 'python';
            return type === 'python' || endsWithPy(value(stanza, 'filename'));
        }
        case 'transforms':
            return value(stanza, 'external_type') === 'python' || endsWithPy(value(stanza, 'external_cmd'));
        case 'inputs': {
            const scheme = /^([A-Za-z0-9_-]+):\/\//.exec(name)?.[1];
            if (scheme === 'script') return endsWithPy(name.slice('script://'.length));
            return scheme !== undefined && tree.hasFile(`bin/${scheme}.py`);
        }
        case 'alert_actions':
            return endsWithPy(value(stanza, 'alert.execute.cmd')) || tree.hasFile(`bin/${name}.py`);
        default:
            return false;
    }
}

function checkPythonStanzas(tree: AppTree, path: string, conf: ConfFile, confName: string): Finding[] {
    const found: Finding[] = [];
    for (const stanza of conf.stanzas) {
        if (!runsPython(confName, stanza, tree)) continue;
        const rule = stanza.name.startsWith('admin_external:')
            ? 'check_admin_external_restmap_conf_python_required'
            : 'vet_python_required';
        const required = findKey(conf, stanza.name, 'python.required');
        if (!required || required.value === '') {
            found.push(
                finding(rule, 'failure', path, `[${stanza.name}] runs Python but sets no python.required`, stanza.line)
            );
        }
        const version = findKey(conf, stanza.name, 'python.version');
        if (version && !/^(python3(\.\d+)?|latest)$/.test(version.value)) {
            found.push(
                finding(
                    'vet_python_version',
                    'failure',
                    path,
                    `[${stanza.name}] python.version must be python3`,
                    version.line
                )
            );
        }
    }
    return found;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(?=[:/"'\s]|$)/i;

function checkPythonSource(path: string, text: string): Finding[] {
    const found: Finding[] = [];
    text.split('\n').forEach((line, index) => {
        if (line.trimStart().startsWith('#')) return;
        for (const match of line.matchAll(/http:\/\/[^\s"')]*/gi)) {
            if (!LOOPBACK.test(match[0])) {
                found.push(
                    finding(
                        'check_for_insecure_http_calls_in_python',
                        'failure',
                        path,
                        `plain http URL ${match[0]}`,
                        index + 1
                    )
                );
            }
        }
        const call = /(?<![.\w])(eval|exec)\s*\(/.exec(line);
        if (call) {
            found.push(
                finding(
                    'vet_no_eval_in_python',
                    'failure',
                    path,
                    `${call[1] ?? 'eval'}() in first-party code`,
                    index + 1
                )
            );
        }
    });
    return found;
}

/** The Python rules over `default/*.conf` and `bin/**\/*.py`. */
export function checkPython(tree: AppTree): Finding[] {
    const found: Finding[] = [];
    for (const entry of tree.entries) {
        if (entry.kind !== 'file') continue;
        const confMatch = /^default\/([^/]+)\.conf$/.exec(entry.path);
        if (confMatch?.[1]) {
            const conf = tree.readConf(entry.path);
            if (conf) found.push(...checkPythonStanzas(tree, entry.path, conf, confMatch[1]));
        }
        if (entry.path.startsWith('bin/') && entry.path.endsWith('.py')) {
            found.push(...checkPythonSource(entry.path, tree.readText(entry.path) ?? ''));
        }
    }
    return found;
}
