/**
 * Finding and reading the replay file for a request, in the order users' replay folders rely on:
 *
 * 1. `DIR/<q>/<path>.json`: the query value as given; then, as conveniences that never change which file a
 *    contract-conforming folder answers with, the value lower-cased and without a leading `*.` or `.` (so the
 *    subdomain query `*.evil.example` finds `DIR/evil.example/enrichment/subdomains.json`);
 * 2. `DIR/<path>.json`;
 * 3. nothing (the caller answers with the endpoint's empty shape).
 *
 * Query values and paths that could leave the folder (`..`, slashes, backslashes, NUL, absolute paths) are never
 * used as file names: such a query skips step 1, such a path finds no file at all.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonValue } from './error-bodies';
import { stripWildcard } from './query-type';

/**
 * A fixture's payload: parsed JSON; text to send verbatim (a file that is not JSON, or an envelope's `raw`); or,
 * for an envelope with neither `body` nor `raw`, the endpoint's empty shape (a slow or odd-status empty answer).
 */
export type FixturePayload =
    | { readonly kind: 'json'; readonly value: JsonValue }
    | { readonly kind: 'raw'; readonly text: string }
    | { readonly kind: 'empty' };

/** A fixture file found for a request, with its envelope settings applied. */
export interface FixtureAnswer {
    /** The file, relative to the fixtures folder (`evil.example/dns/passive.json`). */
    readonly file: string;
    readonly status: number;
    /** Extra delay the envelope asks for. */
    readonly delayMs: number;
    /** Extra response headers the envelope asks for. */
    readonly headers: Readonly<Record<string, string>>;
    readonly payload: FixturePayload;
}

/** Is this string safe as one folder name under the fixtures folder? */
export function isSafeSegment(segment: string): boolean {
    return (
        segment.length > 0 &&
        segment.length <= 255 &&
        segment !== '.' &&
        !segment.includes('..') &&
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
        !/[/\\\u0000-\u001f\u007f]/.test(segment)
    );
}

/** Is this API path (`dns/passive`, `cookies/domain/evil.example/hosts`) safe to turn into a file name? */
export function isSafeApiPath(apiPath: string): boolean {
    return apiPath.split('/').every((s) => s.length > 0 && !s.includes('..') && /^[A-Za-z0-9@._:+~-]+$/.test(s));
}

/** Folder names step 1 tries for a query value, in order, deduplicated, only safe ones. */
export function queryFolders(query: string): string[] {
    if (query === '') return [];
    const variants = [query, query.toLowerCase(), stripWildcard(query), stripWildcard(query.toLowerCase())];
    return [...new Set(variants)].filter(isSafeSegment);
}

/** The candidate files for a request, relative to the fixtures folder, in lookup order. */
export function candidateFiles(query: string, apiPath: string): string[] {
    if (!isSafeApiPath(apiPath)) return [];
    const file = `${apiPath}.json`;
    return [...queryFolders(query).map((q) => `${q}/${file}`), file];
}

/** Inside `root` (after resolution), or undefined. */
function within(root: string, relative: string): string | undefined {
    const base = path.resolve(root);
    const full = path.resolve(base, relative);
    return full.startsWith(base + path.sep) ? full : undefined;
}

function isMissing(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Thrown for an envelope whose `$replay` settings are unusable; the server answers 500 naming the file. */
export class ReplayFixtureError extends Error {
    override readonly name = 'ReplayFixtureError';
}

/** Interprets a file's text: an envelope, a JSON body, or (not JSON) a verbatim body. */
export function interpretFixture(file: string, text: string): FixtureAnswer {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return { file, status: 200, delayMs: 0, headers: {}, payload: { kind: 'raw', text } };
    }
    if (!isObject(parsed) || !('$replay' in parsed)) {
        return { file, status: 200, delayMs: 0, headers: {}, payload: { kind: 'json', value: parsed as JsonValue } };
    }
    const settings = parsed['$replay'];
    if (!isObject(settings)) throw new ReplayFixtureError(`${file}: "$replay" must be an object`);
    const status = settings['status'] ?? 200;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
        throw new ReplayFixtureError(`${file}: "$replay.status" must be an HTTP status code`);
    }
    const delayMs = settings['delayMs'] ?? 0;
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
        throw new ReplayFixtureError(`${file}: "$replay.delayMs" must be a number of milliseconds >= 0`);
    }
    const headers: Record<string, string> = {};
    const rawHeaders = settings['headers'] ?? {};
    if (!isObject(rawHeaders)) throw new ReplayFixtureError(`${file}: "$replay.headers" must be an object`);
    for (const [k, v] of Object.entries(rawHeaders)) {
        if (typeof v !== 'string') throw new ReplayFixtureError(`${file}: "$replay.headers.${k}" must be a string`);
        headers[k] = v;
    }
    const raw = settings['raw'];
    if (raw !== undefined && typeof raw !== 'string') {
        throw new ReplayFixtureError(`${file}: "$replay.raw" must be a string`);
    }
    const payload: FixturePayload =
        raw !== undefined
            ? { kind: 'raw', text: raw }
            : 'body' in parsed
              ? { kind: 'json', value: parsed['body'] as JsonValue }
              : { kind: 'empty' };
    return { file, status, delayMs, headers, payload };
}

/** A fixture file's text, found by {@link readFirstFile}. */
export interface FoundFile {
    /** Relative to the fixtures folder. */
    readonly file: string;
    readonly text: string;
}

/**
 * The text of the first candidate (relative to `fixturesDir`) that exists inside the folder, or undefined.
 * Candidates that would resolve outside the folder are skipped; read errors other than "missing" are thrown.
 *
 * @example await readFirstFile('demo/pt-fixtures', ['crtsh/evil.example/certificates.json', 'crtsh/certificates.json'])
 */
export async function readFirstFile(
    fixturesDir: string,
    candidates: readonly string[]
): Promise<FoundFile | undefined> {
    for (const relative of candidates) {
        const full = within(fixturesDir, relative);
        if (full === undefined) continue;
        try {
            return { file: relative, text: await readFile(full, 'utf8') };
        } catch (error) {
            if (isMissing(error)) continue;
            throw error;
        }
    }
    return undefined;
}

/**
 * The first existing fixture for a request, or undefined when none exists (or the query/path is unsafe).
 *
 * @example await findFixture('demo/pt-fixtures', 'evil.example', 'dns/passive')
 * // { file: 'evil.example/dns/passive.json', status: 200, payload: { kind: 'json', value: {...} }, ... }
 */
export async function findFixture(
    fixturesDir: string,
    query: string,
    apiPath: string
): Promise<FixtureAnswer | undefined> {
    const found = await readFirstFile(fixturesDir, candidateFiles(query, apiPath));
    return found && interpretFixture(found.file, found.text);
}
