/**
 * Grouping for `stats` and `tstats`: one group per combination of by-field values (a multivalue
 * by-field puts the row in one group per value); rows missing a by-field are left out unless a
 * fill value is given. Groups come out sorted by their by-field values (numbers numerically,
 * before text). Without by-fields there is exactly one group, even over no rows. A by-field with a
 * bin width (`tstats … by _time span=1h`) groups by the start of its bin, a multiple of the width
 * counted from 0 (for `_time`, from the epoch, in UTC); the aggregations still read the row's own
 * value.
 */
import { compareAuto, formatNumber, toNumber, valuesOf, type Row } from '../field-value';
import { createAccumulator, type Accumulator, type AggregateSpec } from './aggregates';
import type { ResultSet } from './result-set';

interface Group {
    readonly keys: readonly string[];
    readonly accumulators: readonly Accumulator[];
}

/** The start of the bin of each numeric value (`floor(v / width) * width`), as text. */
function binned(values: readonly string[], width: number): string[] {
    const out: string[] = [];
    for (const v of values) {
        const n = toNumber(v);
        if (n !== undefined) out.push(formatNumber(Math.floor(n / width) * width));
    }
    return out;
}

function combinations(lists: readonly (readonly string[])[]): string[][] {
    let out: string[][] = [[]];
    for (const list of lists) out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
    return out;
}

/**
 * Aggregates rows by fields.
 * @param rows input rows
 * @param by group-by field names
 * @param specs the aggregations
 * @param fill value for missing by-fields (`tstats fillnull_value=`), or undefined to drop such rows
 * @param bins bin widths of numeric by-fields (`_time` → 3600 for `span=1h`)
 */
export function aggregateRows(
    rows: Iterable<Row>,
    by: readonly string[],
    specs: readonly AggregateSpec[],
    fill?: string,
    bins: ReadonlyMap<string, number> = new Map()
): ResultSet {
    const groups = new Map<string, Group>();
    const groupFor = (keys: readonly string[]): Group => {
        const id = JSON.stringify(keys);
        let group = groups.get(id);
        if (group === undefined) {
            group = { keys, accumulators: specs.map(createAccumulator) };
            groups.set(id, group);
        }
        return group;
    };
    if (by.length === 0) groupFor([]);
    for (const row of rows) {
        const lists = by.map((f) => {
            const width = bins.get(f);
            const values = width === undefined ? valuesOf(row.get(f)) : binned(valuesOf(row.get(f)), width);
            return values.length === 0 && fill !== undefined ? [fill] : values;
        });
        if (lists.some((l) => l.length === 0)) continue;
        for (const keys of combinations(lists.map((l) => [...new Set(l)]))) {
            for (const acc of groupFor(keys).accumulators) acc.add(row);
        }
    }
    const sorted = [...groups.values()].sort((a, b) => {
        for (let i = 0; i < by.length; i++) {
            const d = compareAuto(a.keys[i] ?? '', b.keys[i] ?? '');
            if (d !== 0) return d;
        }
        return 0;
    });
    const out: Row[] = sorted.map((group) => {
        const row: Row = new Map();
        by.forEach((f, i) => row.set(f, group.keys[i] ?? ''));
        specs.forEach((spec, i) => {
            const value = group.accumulators[i]?.result();
            if (value !== undefined) row.set(spec.output, value);
        });
        return row;
    });
    return { rows: out, order: [...by, ...specs.map((s) => s.output)] };
}
