/** Column definitions of {@link DataTable}, and the sort key of one cell. */
import type { ReactNode } from 'react';

/** The value of a cell for sorting, filtering and export. A number sorts numerically. */
export type CellValue = string | number | undefined;

/** One column of a {@link DataTable}. */
export interface Column<R> {
    /** Stable id (sort state, React keys). */
    readonly id: string;
    /** Header text, also the CSV header. */
    readonly label: string;
    /** The value used to sort, filter and export. */
    readonly value: (row: R) => CellValue;
    /** What the cell shows; defaults to the value (an em dash for none). Keep it light: it renders per row. */
    readonly render?: (row: R) => ReactNode;
    readonly align?: 'left' | 'right';
    /** Defaults to true. */
    readonly sortable?: boolean;
    /** Left out of the filter (e.g. long raw text that is filtered elsewhere). Defaults to false. */
    readonly unfiltered?: boolean;
}

/** A sort: which column, which way. */
export interface SortState {
    readonly column: string;
    readonly dir: 'asc' | 'desc';
}

/** The id of the internal-sightings column the table adds for pivot candidates. */
export const SIGHTINGS_COLUMN = 'internal-sightings';
