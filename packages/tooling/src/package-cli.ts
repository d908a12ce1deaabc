/**
 * `tsx packages/tooling/src/package-cli.ts [--stage DIR] [--out DIR] [--specs DIR]` (`npm run package`
 * builds first). Run from the repository root.
 *
 * 1. vets `stage/` with Splunk's specs from `--specs`, `SPLUNK_SPEC_DIR` or, when present,
 *    `../shared/reference/splunk-spec-10.4.2`; without specs it says so and vets the rest;
 * 2. writes `dist/passivetotal-<version>.tgz` (version from `[id] version` of stage/default/app.conf);
 * 3. extracts the archive to a temporary folder and vets that tree as the app folder, so the archive
 *    itself is proven acceptable; a failing archive is deleted.
 * Exit status: 0 on success, 1 when vetting fails, 2 on a usage or setup error.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { confValue, parseConf } from './conf/parse-conf';
import { archiveProblems, extractToTemp, listArchive, writeArchive } from './package/write-archive';
import { resolveSpecDir } from './spec/resolve-spec-dir';
import { loadSpecDir, type LoadedSpec } from './spec/spec-set';
import { formatFindings } from './vet/format-findings';
import { vetApp } from './vet/vet-app';

const DEFAULT_SPEC_FALLBACK = '../shared/reference/splunk-spec-10.4.2';

async function main(argv: readonly string[]): Promise<number> {
    const { values } = parseArgs({
        args: [...argv],
        options: {
            stage: { type: 'string', default: 'stage' },
            out: { type: 'string', default: 'dist' },
            specs: { type: 'string' },
        },
    });
    const stageDir = resolve(values.stage);
    const appConfPath = join(stageDir, 'default/app.conf');
    if (!existsSync(appConfPath)) {
        console.error(`package: ${appConfPath} not found; run \`npm run build\` first`);
        return 2;
    }
    const specDir = resolveSpecDir(values.specs, process.env, [DEFAULT_SPEC_FALLBACK]);
    if (!specDir.ok && specDir.explicit) {
        console.error(`package: ${specDir.reason}`);
        return 2;
    }
    console.log(specDir.ok ? `specs: ${specDir.dir}` : `spec check skipped: ${specDir.reason}`);
    const splunkSpecs: LoadedSpec[] | undefined = specDir.ok ? loadSpecDir(specDir.dir, 'splunk') : undefined;

    const staged = vetApp(stageDir, { splunkSpecs });
    console.log(formatFindings(values.stage, staged));
    if (staged.counts.failure > 0) return 1;

    const appConf = parseConf(readFileSync(appConfPath, 'utf8'), appConfPath);
    const appId = confValue(appConf, 'package', 'id') ?? confValue(appConf, 'id', 'name');
    const version = confValue(appConf, 'id', 'version') ?? confValue(appConf, 'launcher', 'version');
    if (appId === undefined || version === undefined) {
        console.error('package: stage/default/app.conf has no app id or version');
        return 2;
    }
    const outFile = resolve(values.out, `${appId}-${version}.tgz`);
    const written = await writeArchive(stageDir, appId, outFile);

    const problems = archiveProblems(await listArchive(outFile), appId);
    if (problems.length > 0) {
        rmSync(outFile, { force: true });
        console.error(['package: the archive is malformed and was removed:', ...problems].join('\n  '));
        return 1;
    }
    const unpacked = await extractToTemp(outFile);
    try {
        const archived = vetApp(join(unpacked, appId), { splunkSpecs, expectedAppId: appId });
        console.log(formatFindings(`${outFile} (unpacked)`, archived));
        if (archived.counts.failure > 0) {
            rmSync(outFile, { force: true });
            console.error(`package: the archive fails vetting and was removed`);
            return 1;
        }
    } finally {
        rmSync(unpacked, { recursive: true, force: true });
    }
    console.log(`wrote ${written.file} (${written.bytes} bytes, ${written.entries} entries)`);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 2;
    }
);
