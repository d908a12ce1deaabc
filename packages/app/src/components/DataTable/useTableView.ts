/**
 * The view of a table: filter, sort and the visible page, each memoised on what it depends on, so a keystroke
 * in the filter does not re-sort and a page change does neither. Works on row indexes; rows are never copied.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { Column, SortState } from './columns';

/**
 * A text whose plain code-unit order is the table's order of `value`: case-insensitive, digit runs compared as
 * numbers (`198.51.100.9` before `198.51.100.10`). Sorting 10,000 rows on such keys takes a few milliseconds;
 * a collator called for every comparison takes a hundred times longer.
 *
 * @example sortKey('Host-10') > sortKey('host-9') // true
 */
export function sortKey(value: string): string {
    // eslint-disable-next-line no-control-regex
    const plain = /^[\x00-\x7f]*$/.test(value) ? value : value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    return plain.toLowerCase().replace(/\d+/g, (digits) => {
        const trimmed = digits.replace(/^0+(?=\d)/, '');
        // The length first, so a longer number sorts after a shorter one.
        return `\u0001${String.fromCharCode(0x30 + Math.min(trimmed.length, 200))}${trimmed}`;
    });
}

/** Options of {@link useTableView}. */
export interface TableViewOptions<R> {
    readonly rows: readonly R[];
    readonly columns: readonly Column<R>[];
    readonly defaultSort?: SortState | undefined;
    readonly pageSize: number;
    /** An extra predicate (e.g. "seen internally only"); must be memoised by the caller. */
    readonly predicate?: ((row: R) => boolean) | undefined;
}

/** What the table renders and the handlers that change it. */
export interface TableView {
    /** Indexes (into `rows`) of the visible page, in order. */
    readonly page: readonly number[];
    /** Indexes of every row passing the filter, in sort order (for export). */
    readonly ordered: readonly number[];
    readonly matching: number;
    readonly pageNumber: number;
    readonly totalPages: number;
    readonly sort: SortState | undefined;
    readonly filter: string;
    readonly setFilter: (text: string) => void;
    readonly setPage: (page: number) => void;
    /** Sorts by a column: ascending first, then toggles. */
    readonly toggleSort: (column: string) => void;
}

/** Filter, sort and page state of a {@link DataTable}. */
export function useTableView<R>({ rows, columns, defaultSort, pageSize, predicate }: TableViewOptions<R>): TableView {
    const [filter, setFilterText] = useState('');
    const [sort, setSort] = useState<SortState | undefined>(defaultSort);
    const [pageNumber, setPageNumber] = useState(1);
    const deferredFilter = useDeferredValue(filter);

    // Lower-cased text of every filterable cell, computed once per data change.
    const haystacks = useMemo(() => {
        const filterable = columns.filter((c) => c.unfiltered !== true);
        return rows.map((row) =>
            filterable
                .map((c) => c.value(row))
                .filter((v) => v !== undefined)
                .join('\u0000')
                .toLowerCase()
        );
    }, [rows, columns]);

    const matchingIndexes = useMemo(() => {
        const needle = deferredFilter.trim().toLowerCase();
        const out: number[] = [];
        for (let i = 0; i < rows.length; i++) {
            const row = rows[i] as R;
            if (needle !== '' && !(haystacks[i] ?? '').includes(needle)) continue;
            if (predicate && !predicate(row)) continue;
            out.push(i);
        }
        return out;
    }, [rows, haystacks, deferredFilter, predicate]);

    // Sort keys are computed once per row (decorate, sort, undecorate); ties keep the original order.
    // Sort keys of every row, per column, made once per data: sorting again (the other way, or after filtering)
    // only compares.
    // A new, empty cache whenever the rows or the columns change (they are the cache's key, not its input).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    const keyCache = useMemo(() => new Map<string, readonly (string | number | undefined)[]>(), [rows, columns]);
    const ordered = useMemo(() => {
        const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
        if (!sort || !column) return matchingIndexes;
        let allKeys = keyCache.get(column.id);
        if (!allKeys) {
            const values = rows.map((row) => column.value(row));
            const numeric = values.every((v) => v === undefined || v === '' || typeof v === 'number');
            allKeys = numeric
                ? values
                : values.map((v) => (v === undefined || v === '' ? undefined : sortKey(String(v))));
            keyCache.set(column.id, allKeys);
        }
        const rowKeys = allKeys;
        const keys = matchingIndexes.map((i) => rowKeys[i]);
        const positions = matchingIndexes.map((_, p) => p);
        const sign = sort.dir === 'asc' ? 1 : -1;
        positions.sort((p, q) => {
            const a = keys[p];
            const b = keys[q];
            const aEmpty = a === undefined || a === '';
            const bEmpty = b === undefined || b === '';
            if (aEmpty || bEmpty) return aEmpty === bEmpty ? p - q : aEmpty ? 1 : -1;
            if (a === b) return p - q;
            return sign * (a < b ? -1 : 1);
        });
        return positions.map((p) => matchingIndexes[p] as number);
    }, [matchingIndexes, sort, columns, rows, keyCache]);

    const totalPages = Math.max(1, Math.ceil(ordered.length / pageSize));
    const current = Math.min(pageNumber, totalPages);
    const page = useMemo(
        () => ordered.slice((current - 1) * pageSize, current * pageSize),
        [ordered, current, pageSize]
    );

    return {
        page,
        ordered,
        matching: ordered.length,
        pageNumber: current,
        totalPages,
        sort,
        filter,
        setFilter: (text) => {
            setFilterText(text);
            setPageNumber(1);
        },
        setPage: setPageNumber,
        toggleSort: (column) => {
            setSort((prev) =>
                prev?.column === column ? { column, dir: prev.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: 'asc' }
            );
            setPageNumber(1);
        },
    };
}
