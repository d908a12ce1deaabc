/// <reference types="node" />
/**
 * Maps every recorded PassiveTotal fixture of the shared reference data (`../shared/reference/
 * passivetotal-fixtures/v2`, or `PT_RECORDED_FIXTURES`) and checks the output is sane: no failure, record counts
 * equal to the records in the body, every date parsed. The folder is reference data outside the repository; when
 * it is absent the suite says so and skips.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseApiDate } from '../../model/dates';
import { asArray, asObject } from './json-reader';
import { mapperForPath } from '../../testing/mapper-table';

const DIR =
    process.env['PT_RECORDED_FIXTURES'] ??
    join(__dirname, '../../../../../../shared/reference/passivetotal-fixtures/v2');
const present = existsSync(DIR);

/** Endpoints the app does not call, so the intelligence model does not cover them, on purpose. */
const NOT_MODELLED = new Set([
    'account',
    'account/history',
    'account/monitors',
    'account/notifications',
    'account/organization',
    'account/organization/teamstream',
    'account/sources',
    'artifact',
    'project',
    'articles',
    'articles/indicator',
    'articles/indicators',
    'services',
    'cards/summary',
    'enrichment/bulk',
]);

/**
 * Path-parameter endpoints the handler does not allow (one article, the hosts of a cookie), and the `actions`
 * getters the model does not cover.
 */
const NOT_MODELLED_PATTERN = /^(?:articles\/[^/]+|cookies\/(?:domain|name)\/[^/]+\/(?:hosts|addresses)|actions\/.+)$/;

const notModelled = (path: string): boolean => NOT_MODELLED.has(path) || NOT_MODELLED_PATTERN.test(path);

const DATE_KEY =
    /^(?:firstSeen|lastSeen|collected|registered|expiresAt|registryUpdatedAt|lastLoadedAt|issueDate|expirationDate|publishedDate|collectionDate|next_reset|firstActive|lastActive|lastScan)$/;

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : f.endsWith('.json') ? [p] : [];
    });
}

/** Every date-valued field in a JSON body. */
function dateValues(v: unknown): unknown[] {
    const o = asObject(v);
    if (o)
        return Object.entries(o).flatMap(([k, x]) =>
            DATE_KEY.test(k) && x !== null && x !== '' ? [x] : dateValues(x)
        );
    return asArray(v).flatMap(dateValues);
}

/** Every string in the mapped output under a date key of the model. */
function modelDates(v: unknown): unknown[] {
    const o = asObject(v);
    if (o) {
        return Object.entries(o).flatMap(([k, x]) =>
            /^(?:firstSeen|lastSeen|collected|registered|updated|expires|lastLoaded|issued|published|nextReset|firstActive|lastActive|lastScan)$/.test(
                k
            )
                ? [x]
                : modelDates(x)
        );
    }
    return asArray(v).flatMap(modelDates);
}

function sourceRecordCount(body: unknown): number | undefined {
    const o = asObject(body);
    if (!o) return undefined;
    if (Array.isArray(o['results'])) return o['results'].length;
    return undefined;
}

if (!present) {
    describe('recorded PassiveTotal fixtures', () => {
        it.skip(`skipped: ${DIR} does not exist (set PT_RECORDED_FIXTURES to the recorded fixtures folder)`, () =>
            undefined);
    });
    // Say it where people look, not only in the skipped test's name.
    console.warn(`recorded-fixtures.test: ${DIR} is absent; the recorded PassiveTotal fixtures were not checked`);
} else {
    const all = files(DIR).map((f) =>
        relative(DIR, f)
            .replace(/\.json$/, '')
            .split('\\')
            .join('/')
    );
    describe('recorded PassiveTotal fixtures', () => {
        it('every recorded file is either mapped or explicitly not modelled', () => {
            expect(all.filter((p) => !mapperForPath(p) && !notModelled(p))).toEqual([]);
            expect(all.length).toBeGreaterThan(20);
        });

        it.each(all.filter((p) => mapperForPath(p)))('%s', (path) => {
            const body: unknown = JSON.parse(readFileSync(join(DIR, `${path}.json`), 'utf8'));
            const result = mapperForPath(path)!(body);
            expect(result).toMatchObject({ ok: true });
            if (!result.ok) return;
            const value = asObject(result.value);
            const count = sourceRecordCount(body);
            if (count !== undefined && Array.isArray(value?.['records'])) expect(value['records']).toHaveLength(count);
            for (const d of dateValues(body)) expect([d, parseApiDate(d)]).toEqual([d, expect.any(String)]);
            for (const d of modelDates(result.value))
                expect(d).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
            expect(modelDates(result.value).length).toBe(
                dateValues(body).filter((d) => parseApiDate(d) !== undefined).length - droppedDates(path)
            );
        });
    });
}

/** Dates in a body that the model deliberately does not carry (per endpoint). */
function droppedDates(path: string): number {
    // quota: the organisation's reset.
    const dropped: Readonly<Record<string, number>> = { 'account/quota': 1 };
    return dropped[path] ?? 0;
}
