/**
 * The whole investigation as a file: the trail, every related indicator with why it is related and how often it
 * occurs locally, and the internal hits of the indicator itself, as JSON or CSV.
 */
import type { Indicator, Pivot, Trail } from '@passivetotal/core';
import { toCsv, type CsvFile } from '../components/DataTable/csv';
import { sightingCount, type SightingsState } from '../components/SightingBadge/sightings';

export interface InvestigationSnapshot {
    readonly indicator: Indicator;
    readonly trail: Trail;
    readonly pivots: readonly Pivot[];
    readonly sightings: SightingsState;
    /** Local events mentioning the indicator, when known. */
    readonly internalHits?: number | undefined;
    readonly earliest: string;
    readonly latest: string;
    /** ISO 8601. */
    readonly exportedAt: string;
}

function slug(value: string): string {
    return value.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80);
}

/** JSON: `{ indicator, timeRange, internalHits, trail, related: [{ type, value, internalSightings, reasons }] }`. */
export function investigationJson(s: InvestigationSnapshot): CsvFile {
    const doc = {
        indicator: { type: s.indicator.type, value: s.indicator.value },
        timeRange: { earliest: s.earliest, latest: s.latest },
        exportedAt: s.exportedAt,
        internalHits: s.internalHits ?? null,
        trail: s.trail.steps,
        related: s.pivots.map((p) => ({
            type: p.indicator.type,
            value: p.indicator.value,
            internalSightings: sightingCount(s.sightings, p.indicator.value) ?? null,
            reasons: p.reasons,
        })),
    };
    return { name: `investigation-${slug(s.indicator.value)}.json`, text: `${JSON.stringify(doc, null, 2)}\n` };
}

/** CSV: one row per trail step and per related indicator. */
export function investigationCsv(s: InvestigationSnapshot): CsvFile {
    const rows = [
        ...s.trail.steps.map((step, i) => [
            'trail',
            step.type,
            step.value,
            step.via ? `${step.via.relation} from ${step.via.from}` : i === 0 ? 'entered' : '',
            step.value === s.indicator.value ? (s.internalHits ?? null) : null,
        ]),
        ...s.pivots.map((p) => [
            'related',
            p.indicator.type,
            p.indicator.value,
            p.reasons.map((r) => r.text).join('; '),
            sightingCount(s.sightings, p.indicator.value) ?? null,
        ]),
    ];
    return {
        name: `investigation-${slug(s.indicator.value)}.csv`,
        text: toCsv(['kind', 'type', 'value', 'why', 'internal_sightings'], rows),
    };
}
