import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Splunk's .spec files for the vet step: SPLUNK_SPEC_DIR, else the copy in ../shared/reference beside the
 * repository when that exists (a Splunk install has them in $SPLUNK_HOME/etc/system/README), else undefined.
 */
export function findSpecDir(root: string): string | undefined {
    if (process.env.SPLUNK_SPEC_DIR) return process.env.SPLUNK_SPEC_DIR;
    const shared = path.resolve(root, '../shared/reference/splunk-spec-10.4.2');
    return existsSync(shared) ? shared : undefined;
}
