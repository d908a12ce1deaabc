import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanAppFiles, tempDir, writeTree } from '../vet/app-fixture';
import { vetApp } from '../vet/vet-app';
import { archiveMtime, archiveProblems, extractToTemp, listArchive, writeArchive } from './write-archive';

let root: string;
let stage: string;

beforeEach(() => {
    root = tempDir();
    stage = join(root, 'stage');
    writeTree(stage, cleanAppFiles());
    // What a developer's stage/ may pick up: dotfiles, caches, local settings, source maps, odd modes.
    writeTree(stage, {
        '.DS_Store': 'x',
        'bin/.venv/lib.py': 'x',
        'bin/__pycache__/h.cpython-311.pyc': 'x',
        'bin/old.pyc': 'x',
        'local/passivetotal.conf': '[api]\n',
        'metadata/local.meta': '[]\n',
        'users/admin/x.conf': '[a]\n',
        'appserver/static/pages/investigate.js.map': '{}',
        '__MACOSX/._app.conf': 'x',
    });
    chmodSync(join(stage, 'bin/passivetotal_handler.py'), 0o775);
    chmodSync(join(stage, 'default/app.conf'), 0o600);
    mkdirSync(join(stage, 'appserver/static/empty'), { mode: 0o700 });
});
afterEach(() => {
    rmSync(root, { recursive: true, force: true });
});

describe('writeArchive', () => {
    it('writes one top folder, owner 0, modes 0755/0644, sorted entries, one mtime, and no dev files', async () => {
        const file = join(root, 'dist/passivetotal-2.0.0.tgz');
        const written = await writeArchive(stage, 'passivetotal', file);
        const entries = await listArchive(file);

        expect(written.bytes).toBe(readFileSync(file).length);
        expect(archiveProblems(entries, 'passivetotal')).toEqual([]);
        const paths = entries.map((e) => e.path.replace(/\/$/, ''));
        expect(paths).toEqual([...paths].sort());
        expect(paths[0]).toBe('passivetotal');
        expect(paths).toEqual(
            expect.arrayContaining([
                'passivetotal/bin/passivetotal_handler.py',
                'passivetotal/appserver/static/pages/investigate.js.LICENSE.txt',
                'passivetotal/appserver/static/empty',
            ])
        );
        expect(
            paths.filter((p) => /\/\.|__pycache__|\.pyc$|\/local|\/users|local\.meta|\.map$|__MACOSX/.test(p))
        ).toEqual([]);
        expect(new Set(entries.map((e) => `${e.uid}:${e.gid}:${e.uname}`))).toEqual(new Set(['0:0:root']));
        expect(new Set(entries.map((e) => e.mtime))).toEqual(new Set([archiveMtime().getTime()]));
        const handler = entries.find((e) => e.path === 'passivetotal/bin/passivetotal_handler.py');
        expect(handler?.mode).toBe(0o644);
    });

    it('writes the same bytes twice (reproducible)', async () => {
        const a = join(root, 'a.tgz');
        const b = join(root, 'b.tgz');
        await writeArchive(stage, 'passivetotal', a);
        await writeArchive(stage, 'passivetotal', b);
        expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    });

    it('unpacks to a tree that passes vetting as the app folder', async () => {
        const file = join(root, 'p.tgz');
        await writeArchive(stage, 'passivetotal', file);
        const unpacked = await extractToTemp(file);
        try {
            expect(readdirSync(unpacked)).toEqual(['passivetotal']);
            const result = vetApp(join(unpacked, 'passivetotal'), { expectedAppId: 'passivetotal' });
            expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        } finally {
            rmSync(unpacked, { recursive: true, force: true });
        }
    });
});

describe('archiveProblems', () => {
    it('names entries outside the top folder, foreign owners, wrong modes and links', () => {
        const base = { uname: 'root', mtime: 0, size: 0 };
        expect(
            archiveProblems(
                [
                    { ...base, path: 'other/x', type: 'File', mode: 0o644, uid: 0, gid: 0 },
                    { ...base, path: 'passivetotal/y', type: 'File', mode: 0o755, uid: 1000, gid: 0 },
                    { ...base, path: 'passivetotal/z', type: 'SymbolicLink', mode: 0o777, uid: 0, gid: 0 },
                ],
                'passivetotal'
            )
        ).toEqual([
            'other/x: outside the top folder passivetotal/',
            'passivetotal/y: owner 1000:0, expected 0:0',
            'passivetotal/y: mode 755, expected 644',
            'passivetotal/z: SymbolicLink entries are not allowed',
        ]);
    });

    it('reads SOURCE_DATE_EPOCH for the mtime', () => {
        expect(archiveMtime({ SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
        expect(archiveMtime({}).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    });
});
