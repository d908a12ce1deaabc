import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
    '.js': 'application/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.gif': 'image/gif',
    '.jpg': 'image/jpeg',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
};

/** A file to send: its stream, type and size; or undefined when it does not exist inside `root`. */
export interface StaticFile {
    stream: NodeJS.ReadableStream;
    contentType: string;
    size: number;
}

/** Opens `relative` below `root`, refusing anything that would leave `root` (`..`, absolute paths). */
export async function openStaticFile(root: string, relative: string): Promise<StaticFile | undefined> {
    const base = path.resolve(root);
    const file = path.resolve(base, relative);
    if (!file.startsWith(base + path.sep)) return undefined;
    try {
        const info = await stat(file);
        if (!info.isFile()) return undefined;
        return {
            stream: createReadStream(file),
            contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
            size: info.size,
        };
    } catch {
        return undefined;
    }
}
