import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec, type SpecFile } from './parse-spec';

/** Where a spec came from: Splunk's own README directory or the app's `README/`. */
export type SpecOrigin = 'splunk' | 'app';

/** A spec file with its origin. */
export interface LoadedSpec {
    readonly origin: SpecOrigin;
    readonly spec: SpecFile;
}

/** All specs known for a check, by conf name (`app`, `restmap`, `passivetotal`, ...). */
export type SpecSet = ReadonlyMap<string, readonly LoadedSpec[]>;

/**
 * Reads every `*.conf.spec` in `dir` (not recursive). Other spec-like files (`default.meta.spec`,
 * `*.xml.spec`, `*.cfg.spec`) are not conf specs and are skipped. A missing directory gives no specs.
 */
export function loadSpecDir(dir: string, origin: SpecOrigin): LoadedSpec[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
        .filter((name) => name.endsWith('.conf.spec'))
        .sort()
        .map((name) => ({ origin, spec: parseSpec(readFileSync(join(dir, name), 'utf8'), join(dir, name)) }));
}

/**
 * Groups specs by the conf they describe. A conf may have several (Splunk's plus an app's own, as apps do
 * for `inputs.conf` or `alert_actions.conf`); the validator allows the union of what they declare.
 */
export function buildSpecSet(specs: Iterable<LoadedSpec>): SpecSet {
    const set = new Map<string, LoadedSpec[]>();
    for (const loaded of specs) {
        const list = set.get(loaded.spec.confName) ?? [];
        list.push(loaded);
        set.set(loaded.spec.confName, list);
    }
    return set;
}
