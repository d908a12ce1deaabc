import type { AppTree } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * No credentials in shipped configuration: a key of `default/*.conf` named like a secret (its last dotted
 * part is `password`, `passwd`, `apikey`, `api_key`, `secret`, `token`, or ends in `_password`, `_secret`,
 * `_token`, `_apikey`, `_api_key`) must be empty. Credentials belong in `storage/passwords`.
 */

const SECRET_KEY = /^(?:.*_)?(password|passwd|apikey|api_key|secret|token)$/i;

/** Whether `key` names a credential. */
export function isSecretKey(key: string): boolean {
    return SECRET_KEY.test(key.split('.').pop() ?? key);
}

/** The secret rules. */
export function checkSecrets(tree: AppTree): Finding[] {
    const found: Finding[] = [];
    for (const entry of tree.entries) {
        if (entry.kind !== 'file' || !/^default\/[^/]+\.conf$/.test(entry.path)) continue;
        for (const stanza of tree.readConf(entry.path)?.stanzas ?? []) {
            for (const { key, value, line } of stanza.keys) {
                if (value !== '' && isSecretKey(key)) {
                    found.push(
                        finding(
                            'check_for_secret_disclosure',
                            'failure',
                            entry.path,
                            `[${stanza.name}] ${key} has a value; credentials belong in storage/passwords`,
                            line
                        )
                    );
                }
            }
        }
    }
    return found;
}
