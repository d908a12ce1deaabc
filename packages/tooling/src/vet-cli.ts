/**
 * `tsx packages/tooling/src/vet-cli.ts <appDir> [--specs DIR] [--app-id ID] [--source-tree]`
 *
 * Runs the mechanical AppInspect rules and the `.spec` check on an app folder (`npm run vet` = on `stage`).
 * Splunk's specs come from `--specs DIR`, else `SPLUNK_SPEC_DIR`; without either the spec check against
 * Splunk's files is skipped (and said so). `--source-tree` vets an app source folder whose page bundles
 * are not built. Exit status: 0 without failures, 1 with failures, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { resolveSpecDir } from './spec/resolve-spec-dir';
import { loadSpecDir } from './spec/spec-set';
import { formatFindings } from './vet/format-findings';
import { vetApp } from './vet/vet-app';

const USAGE = 'usage: vet-cli <appDir> [--specs DIR] [--app-id ID] [--source-tree]';

function main(argv: readonly string[]): number {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            options: {
                specs: { type: 'string' },
                'app-id': { type: 'string' },
                'source-tree': { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false },
            },
        });
    } catch (error) {
        console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const appDir = positionals[0];
    if (appDir === undefined || positionals.length > 1) {
        console.error(USAGE);
        return 2;
    }
    const specDir = resolveSpecDir(values.specs, process.env);
    if (!specDir.ok && specDir.explicit) {
        console.error(`vet: ${specDir.reason}`);
        return 2;
    }
    console.log(specDir.ok ? `specs: ${specDir.dir}` : `spec check skipped: ${specDir.reason}`);
    let result;
    try {
        result = vetApp(appDir, {
            splunkSpecs: specDir.ok ? loadSpecDir(specDir.dir, 'splunk') : undefined,
            expectedAppId: values['app-id'],
            requirePages: !values['source-tree'],
        });
    } catch (error) {
        console.error(`vet: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
    }
    console.log(formatFindings(appDir, result));
    return result.counts.failure > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
