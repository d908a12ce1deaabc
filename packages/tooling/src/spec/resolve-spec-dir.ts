import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the Splunk spec directory came from, for messages. */
export type SpecDirSource = 'option' | 'env' | 'fallback';

/** A usable spec directory, or the reason there is none. */
export type SpecDirResolution =
    | { readonly ok: true; readonly dir: string; readonly source: SpecDirSource }
    | {
          readonly ok: false;
          readonly reason: string;
          /** True when a directory was named but is unusable. */ readonly explicit: boolean;
      };

const hasSpecs = (dir: string): boolean => existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.conf.spec'));

/**
 * Picks Splunk's spec directory: the `--specs` value, else `SPLUNK_SPEC_DIR`, else the first existing
 * fallback. A directory given explicitly that holds no `*.conf.spec` is an error (not silently skipped).
 *
 * @example
 * resolveSpecDir(undefined, {}, []) // → { ok: false, reason: 'no Splunk .spec files (use --specs DIR or SPLUNK_SPEC_DIR)', explicit: false }
 */
export function resolveSpecDir(
    option: string | undefined,
    env: NodeJS.ProcessEnv,
    fallbacks: readonly string[] = []
): SpecDirResolution {
    const explicit: [string | undefined, SpecDirSource][] = [
        [option, 'option'],
        [env.SPLUNK_SPEC_DIR, 'env'],
    ];
    for (const [value, source] of explicit) {
        if (value === undefined || value === '') continue;
        const dir = resolve(value);
        return hasSpecs(dir)
            ? { ok: true, dir, source }
            : { ok: false, reason: `no *.conf.spec files in ${dir}`, explicit: true };
    }
    const found = fallbacks.map((f) => resolve(f)).find(hasSpecs);
    if (found !== undefined) return { ok: true, dir: found, source: 'fallback' };
    return { ok: false, reason: 'no Splunk .spec files (use --specs DIR or SPLUNK_SPEC_DIR)', explicit: false };
}
