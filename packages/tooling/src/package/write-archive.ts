import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create, extract, list, type ReadEntry, type WriteEntry } from 'tar';
import { loadAppTree, type TreeEntry } from '../vet/app-tree';

/**
 * Writes a Splunk app folder as a `.tgz` that `splunk install app` accepts: one top folder named after
 * the app id, owner and group 0 (`root`), folders 0755 and files 0644 (also in `bin/`: Python runs through
 * Splunk's interpreter and needs no execute bit), entries sorted by path, one fixed mtime, and nothing
 * from development (see `isShippable`).
 */

/** The mtime of every entry: `SOURCE_DATE_EPOCH` when set, else 2024-01-01T00:00:00Z. */
export function archiveMtime(env: NodeJS.ProcessEnv = process.env): Date {
    const epoch = Number(env.SOURCE_DATE_EPOCH);
    return Number.isInteger(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date('2024-01-01T00:00:00Z');
}

/**
 * Whether a path of the app folder belongs in the package: no dotfiles or dot-folders, `__MACOSX`,
 * `__pycache__`, compiled Python, `local/`, `users/`, `metadata/local.meta`, source maps, symlinks or
 * special files. `*.LICENSE.txt` files stay: they are the bundles' legal notices.
 */
export function isShippable(entry: TreeEntry): boolean {
    if (entry.kind !== 'file' && entry.kind !== 'dir') return false;
    const parts = entry.path.split('/');
    if (parts.some((p) => p.startsWith('.') || p === '__MACOSX' || p === '__pycache__')) return false;
    if (parts[0] === 'local' || parts[0] === 'users' || entry.path === 'metadata/local.meta') return false;
    return !/\.(pyc|pyo|map)$/.test(entry.path);
}

/** One entry of a written archive, as read back. */
export interface ArchiveEntry {
    readonly path: string;
    readonly type: string;
    readonly mode: number;
    readonly uid: number;
    readonly gid: number;
    readonly uname: string;
    readonly mtime: number;
    readonly size: number;
}

/** Lists an archive's entries in archive order. */
export async function listArchive(file: string): Promise<ArchiveEntry[]> {
    const entries: ArchiveEntry[] = [];
    await list({
        file,
        onReadEntry: (entry: ReadEntry) => {
            entries.push({
                path: entry.path,
                type: entry.type,
                mode: entry.mode ?? 0,
                uid: entry.uid ?? 0,
                gid: entry.gid ?? 0,
                uname: entry.uname ?? '',
                mtime: entry.mtime?.getTime() ?? 0,
                size: entry.size,
            });
        },
    });
    return entries;
}

/** Copies the shippable part of `appDir` to `<target>/<appId>` with normalized modes; returns the paths. */
function copyShippable(appDir: string, target: string, appId: string): string[] {
    const top = join(target, appId);
    mkdirSync(top, { mode: 0o755 });
    chmodSync(top, 0o755);
    const paths = [appId];
    for (const entry of loadAppTree(appDir).entries.filter(isShippable)) {
        const destination = join(top, entry.path);
        if (entry.kind === 'dir') {
            mkdirSync(destination, { mode: 0o755 });
            chmodSync(destination, 0o755);
        } else {
            copyFileSync(join(appDir, entry.path), destination);
            chmodSync(destination, 0o644);
        }
        paths.push(`${appId}/${entry.path}`);
    }
    return paths.sort();
}

/** Sets the owner, group, times and mode of an entry before its header is written. */
function normalize(entry: WriteEntry, mtime: Date): void {
    const stat = entry.stat;
    if (!stat) return;
    const isDir = stat.isDirectory();
    stat.uid = 0;
    stat.gid = 0;
    stat.atime = mtime;
    stat.ctime = mtime;
    stat.dev = 0;
    stat.ino = 0;
    stat.nlink = 1;
    stat.mode = (stat.mode & ~0o7777) | (isDir ? 0o755 : 0o644);
    entry.myuid = 0;
    entry.myuser = 'root';
}

/** Where `writeArchive` put the package and what it holds. */
export interface WrittenArchive {
    readonly file: string;
    readonly bytes: number;
    readonly entries: number;
}

/**
 * Archives `appDir` as `outFile` with the single top folder `appId`. The copy is made in a temporary
 * folder (removed afterwards) so that modes are normalized before tar reads them.
 */
export async function writeArchive(appDir: string, appId: string, outFile: string): Promise<WrittenArchive> {
    const work = mkdtempSync(join(tmpdir(), 'passivetotal-package-'));
    try {
        const paths = copyShippable(appDir, work, appId);
        const mtime = archiveMtime();
        mkdirSync(dirname(outFile), { recursive: true });
        await create(
            {
                file: outFile,
                cwd: work,
                gzip: { level: 9 },
                noDirRecurse: true,
                mtime,
                onWriteEntry: (entry: WriteEntry) => {
                    normalize(entry, mtime);
                },
            },
            paths
        );
        return { file: outFile, bytes: statSync(outFile).size, entries: paths.length };
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

/** Extracts `file` into a new temporary folder and returns that folder (the caller removes it). */
export async function extractToTemp(file: string): Promise<string> {
    const target = mkdtempSync(join(tmpdir(), 'passivetotal-unpacked-'));
    await extract({ file, cwd: target, preserveOwner: false });
    return target;
}

/**
 * What is wrong with an archive's entries for an app package: anything outside the single top folder
 * `appId`, owners other than 0, modes other than 0755 (folders) and 0644 (files), links or other types.
 * Empty when the archive is well-formed.
 */
export function archiveProblems(entries: readonly ArchiveEntry[], appId: string): string[] {
    const problems: string[] = [];
    for (const e of entries) {
        const path = e.path.replace(/\/$/, '');
        if (path !== appId && !path.startsWith(`${appId}/`))
            problems.push(`${e.path}: outside the top folder ${appId}/`);
        if (e.uid !== 0 || e.gid !== 0) problems.push(`${e.path}: owner ${e.uid}:${e.gid}, expected 0:0`);
        const expected = e.type === 'Directory' ? 0o755 : e.type === 'File' ? 0o644 : undefined;
        if (expected === undefined) problems.push(`${e.path}: ${e.type} entries are not allowed`);
        else if ((e.mode & 0o7777) !== expected) {
            problems.push(`${e.path}: mode ${(e.mode & 0o7777).toString(8)}, expected ${expected.toString(8)}`);
        }
    }
    return problems;
}
