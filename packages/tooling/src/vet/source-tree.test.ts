import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadSpecDir } from '../spec/spec-set';
import { tempDir } from './app-fixture';
import type { Finding } from './finding';
import { vetApp } from './vet-app';

/**
 * Integration: the repository's own app source (default/, metadata/, README/, bin/, static/, appserver/)
 * copied the way the build copies it, vetted as an unbuilt source tree (no page bundles). Uses Splunk's
 * real specs when `../shared/reference/splunk-spec-10.4.2` (or SPLUNK_SPEC_DIR) exists.
 */
const repoRoot = resolve(__dirname, '../../../..');
const specDir = process.env.SPLUNK_SPEC_DIR ?? join(repoRoot, '../shared/reference/splunk-spec-10.4.2');
const SOURCE_DIRS = ['default', 'metadata', 'README', 'bin', 'static', 'appserver'];
const format = (f: Finding): string => `${f.file}:${f.line ?? ''} ${f.message} [${f.rule}]`;

describe('the repository app source', () => {
    let work: string;
    beforeAll(() => {
        work = tempDir();
    });
    afterAll(() => {
        rmSync(work, { recursive: true, force: true });
    });

    it('passes vetting as an app source tree', () => {
        const app = join(work, 'passivetotal');
        mkdirSync(app);
        for (const dir of SOURCE_DIRS.filter((d) => existsSync(join(repoRoot, d)))) {
            cpSync(join(repoRoot, dir), join(app, dir), {
                recursive: true,
                // The build skips these too (webpack.config.js).
                filter: (source) => !basename(source).startsWith('.') && !/__pycache__|\.pyc$/.test(source),
            });
        }
        const withSpecs = existsSync(join(specDir, 'app.conf.spec'));
        if (!withSpecs) console.warn(`Splunk spec check skipped for the app source: no specs in ${specDir}`);
        const result = vetApp(app, {
            splunkSpecs: withSpecs ? loadSpecDir(specDir, 'splunk') : undefined,
            requirePages: false,
        });
        expect(result.findings.filter((f) => f.severity === 'failure').map(format)).toEqual([]);
        expect(result.specsChecked).toBe(withSpecs);
    });
});
