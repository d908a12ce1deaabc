/**
 * The investigation as CSV files, one per dataset of every tab plus the trail, the related indicators, the pinned
 * findings and the internal hits, in one zip archive. Nested records are flattened into columns (`subject.commonName`),
 * lists of values joined with `; `. The zip library is loaded only when an archive is made.
 */
import { toCsv, type CsvCell } from '../components/DataTable/csv';
import { TAB_DATASETS, type DocSighting, type InvestigationDocument } from './investigation-document';

/** One CSV file of the archive. */
export interface CsvEntry {
    readonly name: string;
    readonly header: readonly string[];
    readonly rows: readonly (readonly CsvCell[])[];
}

type Flat = Map<string, CsvCell>;

function flattenInto(out: Flat, prefix: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value === 'string' || typeof value === 'number') out.set(prefix, value);
    else if (typeof value === 'boolean') out.set(prefix, value ? 'true' : 'false');
    else if (Array.isArray(value)) {
        const scalars = value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
        out.set(prefix, scalars ? value.map(String).join('; ') : JSON.stringify(value));
    } else if (typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) flattenInto(out, prefix ? `${prefix}.${key}` : key, inner);
    }
}

/**
 * Records as a header (every column that occurs, in the order first seen) and rows.
 *
 * @example tableOf([{ sha1: 'ab', subject: { commonName: 'x' } }]) // { header: ['sha1', 'subject.commonName'], rows: [['ab', 'x']] }
 */
export function tableOf(records: readonly unknown[]): { header: string[]; rows: CsvCell[][] } {
    const flats = records.map((r) => {
        const flat: Flat = new Map();
        flattenInto(flat, typeof r === 'object' && r !== null && !Array.isArray(r) ? '' : 'value', r);
        return flat;
    });
    const header: string[] = [];
    const seen = new Set<string>();
    for (const flat of flats) {
        for (const key of flat.keys()) {
            if (!seen.has(key)) {
                seen.add(key);
                header.push(key);
            }
        }
    }
    return { header, rows: flats.map((flat) => header.map((h) => flat.get(h))) };
}

/** The records of one dataset's value: its `records`, the host names of subdomains, or the value as one row. */
function recordsOf(value: unknown): readonly unknown[] {
    if (typeof value !== 'object' || value === null) return [];
    const v = value as { records?: unknown; hostnames?: unknown };
    if (Array.isArray(v.records)) return v.records as unknown[];
    if (Array.isArray(v.hostnames)) return (v.hostnames as unknown[]).map((hostname) => ({ hostname }));
    return [value];
}

const SIGHTING_HEADER = ['internal_sightings', 'internal_first_seen', 'internal_last_seen', 'not_counted'];

function sightingCells(s: DocSighting): CsvCell[] {
    return [s.count, s.firstSeen, s.lastSeen, s.notCounted];
}

/** Every CSV file of the archive, in order: the trail, related, pins, internal hits, then each tab's datasets. */
export function csvEntries(doc: InvestigationDocument): CsvEntry[] {
    const entries: CsvEntry[] = [
        {
            name: 'trail.csv',
            header: ['step', 'type', 'value', 'from', 'relation'],
            rows: doc.trail.map((s, i) => [i + 1, s.type, s.value, s.via?.from, s.via?.relation]),
        },
        {
            name: 'related.csv',
            header: ['type', 'value', 'why', ...SIGHTING_HEADER],
            rows: doc.related.map((r) => [
                r.type,
                r.value,
                r.reasons.map((x) => x.text).join('; '),
                ...sightingCells(r.internalSightings),
            ]),
        },
        {
            name: 'pins.csv',
            header: ['type', 'value', 'why', 'from', 'pinned_by', 'pinned_at', ...SIGHTING_HEADER],
            rows: doc.pins.map((p) => [
                p.type,
                p.value,
                p.why,
                p.from,
                p.pinnedBy,
                p.pinnedAt,
                ...sightingCells(p.internalSightings),
            ]),
        },
        {
            name: 'internal-hits.csv',
            header: ['index', 'sourcetype', 'count'],
            rows: doc.internalHits.byIndex.map((b) => [b.index, b.sourcetype, b.count]),
        },
    ];
    if (doc.case) {
        entries.push({
            name: 'notes.csv',
            header: ['user', 'time', 'text'],
            rows: doc.case.notes.map((n) => [n.user, n.time, n.text]),
        });
    }
    for (const [tab, datasets] of TAB_DATASETS) {
        for (const dataset of datasets) {
            const answer = doc.datasets[dataset];
            if (!answer) continue;
            if (!answer.ok) {
                entries.push({ name: `${tab}/${dataset}.csv`, header: ['error'], rows: [[answer.reason]] });
                continue;
            }
            const { header, rows } = tableOf(recordsOf(answer.value));
            entries.push({ name: `${tab}/${dataset}.csv`, header: header.length ? header : ['value'], rows });
        }
    }
    return entries;
}

/** The file name of an export: `investigation-<value>` or `case-<id>-<value>`, safe on every file system. */
export function exportBaseName(doc: InvestigationDocument): string {
    const slug = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80);
    return doc.case
        ? `case-${slug(doc.case.id)}-${slug(doc.indicator.value)}`
        : `investigation-${slug(doc.indicator.value)}`;
}

/** The zip archive of {@link csvEntries} (the library is loaded on the first call). */
export async function csvArchive(doc: InvestigationDocument): Promise<Uint8Array> {
    const { zipSync, strToU8 } = await import(/* webpackChunkName: "zip" */ 'fflate');
    const base = exportBaseName(doc);
    const files: Record<string, Uint8Array> = {};
    for (const entry of csvEntries(doc)) files[`${base}/${entry.name}`] = strToU8(toCsv(entry.header, entry.rows));
    return zipSync(files, { level: 6, mtime: new Date(doc.exportedAt) });
}
