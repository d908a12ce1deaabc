/**
 * The view of a table: filter, sort and the visible page, each memoised on what it depends on, so a keystroke
 * in the filter does not re-sort and a page change does neither. Works on row indexes; rows are never copied.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { CellValue, Column, SortState } from './columns';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Ascending order of two cell values; empty values sort last whatever the direction. */
export function compareCells(a: CellValue, b: CellValue): number {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return collator.compare(String(a), String(b));
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
    const ordered = useMemo(() => {
        const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
        if (!sort || !column) return matchingIndexes;
        const keys = matchingIndexes.map((i) => column.value(rows[i] as R));
        const positions = matchingIndexes.map((_, p) => p);
        const sign = sort.dir === 'asc' ? 1 : -1;
        positions.sort((p, q) => {
            const a = keys[p];
            const b = keys[q];
            const aEmpty = a === undefined || a === '';
            const bEmpty = b === undefined || b === '';
            if (aEmpty || bEmpty) return aEmpty === bEmpty ? p - q : aEmpty ? 1 : -1;
            return sign * compareCells(a, b) || p - q;
        });
        return positions.map((p) => matchingIndexes[p] as number);
    }, [matchingIndexes, sort, columns, rows]);

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
