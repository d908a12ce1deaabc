/**
 * A change of a domain's passive DNS in a copy of the demo's replayed fixtures, for tests of the watch check: the
 * domain's resolutions without one address (as they were before the change), or as the demo has them again.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './stand-in';

/** The demo's replayed fixtures (PassiveTotal's paths and one folder per open provider). */
export const DEMO_FIXTURES = path.join(REPO_ROOT, 'packages/devserver/demo/pt-fixtures');

/** The files of a domain's resolutions in a fixtures folder, for PassiveTotal and the open providers. */
async function resolutionFiles(dir: string, domain: string): Promise<string[]> {
    const files = [path.join(dir, domain, 'dns/passive.json'), path.join(dir, domain, 'dns/passive/unique.json')];
    for (const provider of await readdir(dir)) {
        const folder = path.join(dir, provider, domain);
        const names = await readdir(folder).catch(() => [] as string[]);
        for (const name of names) if (/^(resolutions|passive_dns)\./.test(name)) files.push(path.join(folder, name));
    }
    return files;
}

/** Drops every record that names the address (JSON arrays' elements, at any depth). */
function without(value: unknown, address: string): unknown {
    if (Array.isArray(value))
        return value.filter((v) => !JSON.stringify(v).includes(address)).map((v) => without(v, address));
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, without(v, address)]));
    return value;
}

/**
 * Makes `domain`'s resolutions in the copy `dir` of the demo's fixtures lack `address` (`shown` false: JSON records
 * and NDJSON lines naming it dropped) or restores the demo's files (`shown` true).
 */
export async function showResolution(dir: string, domain: string, address: string, shown: boolean): Promise<void> {
    for (const file of await resolutionFiles(dir, domain)) {
        if (shown) {
            await cp(path.join(DEMO_FIXTURES, path.relative(dir, file)), file);
            continue;
        }
        const text = await readFile(file, 'utf8');
        const changed = file.endsWith('.ndjson')
            ? text
                  .split('\n')
                  .filter((line) => !line.includes(address))
                  .join('\n')
            : JSON.stringify(without(JSON.parse(text) as unknown, address));
        await writeFile(file, changed);
    }
}
