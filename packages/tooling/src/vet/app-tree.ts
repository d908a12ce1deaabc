import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { parseConf, type ConfFile } from '../conf/parse-conf';

/** One file system entry of the app, found by walking it without following symlinks. */
export interface TreeEntry {
    /** Path relative to the app root, `/`-separated. */
    readonly path: string;
    readonly kind: 'file' | 'dir' | 'symlink' | 'other';
    /** Permission bits (`mode & 0o7777`). */
    readonly mode: number;
    readonly size: number;
}

/** The app directory, walked once, with cached text reads and conf parses for the rules. */
export interface AppTree {
    readonly root: string;
    /** Every entry below the root, sorted by path; the root itself is not included. */
    readonly entries: readonly TreeEntry[];
    /** Whether a regular file exists at `path`. */
    hasFile(path: string): boolean;
    /** UTF-8 text of a regular file, or undefined when absent. */
    readText(path: string): string | undefined;
    /** The first bytes of a regular file. */
    readHead(path: string, bytes: number): Buffer;
    /** Parsed `.conf`/`.meta` file, or undefined when absent. */
    readConf(path: string): ConfFile | undefined;
}

function kindOf(stats: Stats): TreeEntry['kind'] {
    if (stats.isSymbolicLink()) return 'symlink';
    if (stats.isDirectory()) return 'dir';
    if (stats.isFile()) return 'file';
    return 'other';
}

/**
 * Walks `root` (symlinks are listed, never followed) and returns the tree the vetting rules read.
 * Throws when `root` is not a directory.
 */
export function loadAppTree(root: string): AppTree {
    if (!lstatSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
    const entries: TreeEntry[] = [];
    const walk = (relative: string): void => {
        for (const name of readdirSync(join(root, relative)).sort()) {
            const path = relative === '' ? name : `${relative}/${name}`;
            const stats = lstatSync(join(root, path));
            const kind = kindOf(stats);
            entries.push({ path, kind, mode: stats.mode & 0o7777, size: stats.size });
            if (kind === 'dir') walk(path);
        }
    };
    walk('');
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const files = new Set(entries.filter((e) => e.kind === 'file').map((e) => e.path));
    const texts = new Map<string, string>();
    const confs = new Map<string, ConfFile>();
    const readText = (path: string): string | undefined => {
        if (!files.has(path)) return undefined;
        let text = texts.get(path);
        if (text === undefined) {
            text = readFileSync(join(root, path), 'utf8');
            texts.set(path, text);
        }
        return text;
    };
    return {
        root,
        entries,
        hasFile: (path) => files.has(path),
        readText,
        readHead: (path, bytes) => {
            const buffer = Buffer.alloc(bytes);
            const fd = openSync(join(root, path), 'r');
            try {
                return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
            } finally {
                closeSync(fd);
            }
        },
        readConf: (path) => {
            const cached = confs.get(path);
            if (cached) return cached;
            const text = readText(path);
            if (text === undefined) return undefined;
            const conf = parseConf(text, path);
            confs.set(path, conf);
            return conf;
        },
    };
}
