import { useCallback, useMemo, useState, type ReactNode } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import Paginator from '@splunk/react-ui/Paginator';
import Select from '@splunk/react-ui/Select';
import Switch from '@splunk/react-ui/Switch';
import Table from '@splunk/react-ui/Table';
import Text from '@splunk/react-ui/Text';
import { variables } from '@splunk/themes';
import { SightingBadge } from '../SightingBadge/SightingBadge';
import { NO_SIGHTINGS, sightingCount, sightingOf, type SightingsState } from '../SightingBadge/sightings';
import { DateTime } from '../DateTime/DateTime';
import { SIGHTINGS_COLUMN, type CellValue, type Column, type SortState } from './columns';
import { csvFileName, downloadFile, toCsv, type CsvFile } from './csv';
import { useTableView } from './useTableView';

export type { Column, SortState } from './columns';

const Toolbar = styled.div`
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${variables.spacingSmall};
    margin-bottom: ${variables.spacingSmall};
`;

const Summary = styled.span`
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
    margin-right: auto;
`;

const Empty = styled.p`
    color: ${variables.contentColorMuted};
    padding: ${variables.spacingSmall} 0;
`;

const PAGE_SIZES = [25, 50, 100, 250] as const;

export interface DataTableProps<R> {
    /** Names the table for assistive technology, and the exported file. */
    readonly label: string;
    readonly rows: readonly R[];
    readonly columns: readonly Column<R>[];
    readonly rowKey: (row: R, index: number) => string;
    /** The row's pivot candidate (normalised value), which adds the sortable, filterable "Internal" column. */
    readonly pivotOf?: (row: R) => string | undefined;
    readonly sightings?: SightingsState;
    readonly defaultSort?: SortState;
    /** Rows per page (default 25, as Splunk's own tables show about that many). Only the visible page is rendered. */
    readonly pageSize?: number;
    /** Replaces the browser download of the CSV export (tests, or a container that saves elsewhere). */
    readonly onExport?: (file: CsvFile) => void;
    /** Controls placed in the toolbar before the export button. */
    readonly toolbar?: ReactNode;
}

function showValue(value: CellValue): ReactNode {
    return value === undefined || value === '' ? '—' : value;
}

/**
 * Every list of the page: sortable columns, a filter box, paging (only the visible page is in the DOM, so 10,000
 * rows stay fast), CSV export of the filtered and sorted rows, and an internal-sightings column for pivot
 * candidates with a "seen internally only" switch.
 */
export function DataTable<R>({
    label,
    rows,
    columns,
    rowKey,
    pivotOf,
    sightings = NO_SIGHTINGS,
    defaultSort,
    pageSize: initialPageSize = 25,
    onExport = downloadFile,
    toolbar,
}: DataTableProps<R>) {
    const [pageSize, setPageSize] = useState(initialPageSize);
    const [seenOnly, setSeenOnly] = useState(false);
    const hasSightings = pivotOf !== undefined && sightings.status !== 'idle';

    const allColumns = useMemo((): readonly Column<R>[] => {
        if (!hasSightings) return columns;
        const countOf = (row: R): number | undefined => {
            const value = pivotOf(row);
            return value === undefined ? undefined : sightingCount(sightings, value);
        };
        // Internal first and last seen (ISO 8601, so they sort and export like the external ones of the row).
        const seen = (which: 'firstSeen' | 'lastSeen') => (row: R) => {
            const value = pivotOf(row);
            const s = value === undefined ? undefined : sightingOf(sightings, value);
            const epoch = s?.state === 'counted' ? s[which] : undefined;
            return epoch === undefined ? undefined : new Date(epoch * 1000).toISOString();
        };
        const firstSeen = seen('firstSeen');
        const lastSeen = seen('lastSeen');
        const sightingsColumns: Column<R>[] = [
            {
                id: SIGHTINGS_COLUMN,
                label: 'Internal',
                value: countOf,
                align: 'right',
                unfiltered: true,
                render: (row) => {
                    const value = pivotOf(row);
                    return value === undefined ? '—' : <SightingBadge value={value} sightings={sightings} />;
                },
            },
            {
                id: `${SIGHTINGS_COLUMN}-first`,
                label: 'Internal first seen',
                value: firstSeen,
                unfiltered: true,
                render: (row) => <DateTime value={firstSeen(row)} />,
            },
            {
                id: `${SIGHTINGS_COLUMN}-last`,
                label: 'Internal last seen',
                value: lastSeen,
                unfiltered: true,
                render: (row) => <DateTime value={lastSeen(row)} />,
            },
        ];
        return [...columns, ...sightingsColumns];
    }, [columns, hasSightings, pivotOf, sightings]);

    const predicate = useMemo(() => {
        if (!hasSightings || !seenOnly) return undefined;
        return (row: R) => {
            const value = pivotOf(row);
            return value !== undefined && (sightingCount(sightings, value) ?? 0) > 0;
        };
    }, [hasSightings, seenOnly, pivotOf, sightings]);

    const view = useTableView({ rows, columns: allColumns, defaultSort, pageSize, predicate });

    const exportCsv = useCallback(() => {
        const header = allColumns.map((c) => c.label);
        const body = view.ordered.map((i) => allColumns.map((c) => c.value(rows[i] as R)));
        onExport({ name: csvFileName(label), text: toCsv(header, body) });
    }, [allColumns, view.ordered, rows, onExport, label]);

    const first = view.matching === 0 ? 0 : (view.pageNumber - 1) * pageSize + 1;
    const last = Math.min(view.pageNumber * pageSize, view.matching);
    const filtered = view.matching !== rows.length;

    return (
        <section aria-label={label}>
            <Toolbar>
                <Text
                    inline
                    canClear
                    placeholder="Filter"
                    aria-label={`Filter ${label}`}
                    value={view.filter}
                    onChange={(_e, { value }) => view.setFilter(value)}
                />
                {hasSightings ? (
                    <Switch
                        appearance="toggle"
                        inline
                        selected={seenOnly}
                        disabled={sightings.status !== 'done'}
                        onClick={() => {
                            setSeenOnly((on) => !on);
                            view.setPage(1);
                        }}
                    >
                        Seen internally only
                    </Switch>
                ) : null}
                <Summary aria-live="polite">
                    {view.matching === 0
                        ? 'No rows'
                        : `${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${view.matching.toLocaleString('en-US')}`}
                    {filtered ? ` (filtered from ${rows.length.toLocaleString('en-US')})` : ''}
                </Summary>
                {toolbar}
                <Button label="Export CSV" appearance="secondary" onClick={exportCsv} disabled={view.matching === 0} />
            </Toolbar>
            <Table stripeRows headType="inline">
                <Table.Head>
                    {allColumns.map((c) => (
                        <Table.HeadCell
                            key={c.id}
                            align={c.align ?? 'left'}
                            {...(c.sortable === false
                                ? {}
                                : {
                                      sortKey: c.id,
                                      sortDir: view.sort?.column === c.id ? view.sort.dir : 'none',
                                      onSort: () => view.toggleSort(c.id),
                                  })}
                        >
                            {c.label}
                        </Table.HeadCell>
                    ))}
                </Table.Head>
                <Table.Body>
                    {view.page.map((i) => {
                        const row = rows[i] as R;
                        return (
                            <Table.Row key={rowKey(row, i)}>
                                {allColumns.map((c) => (
                                    <Table.Cell key={c.id} align={c.align ?? 'left'}>
                                        {c.render ? c.render(row) : showValue(c.value(row))}
                                    </Table.Cell>
                                ))}
                            </Table.Row>
                        );
                    })}
                </Table.Body>
            </Table>
            {view.matching === 0 && rows.length > 0 ? (
                <Empty>
                    No rows match.{' '}
                    <Button
                        appearance="subtle"
                        label="Clear filters"
                        onClick={() => {
                            view.setFilter('');
                            setSeenOnly(false);
                        }}
                    />
                </Empty>
            ) : null}
            {view.totalPages > 1 || rows.length > PAGE_SIZES[0] ? (
                <Toolbar>
                    <Paginator
                        current={view.pageNumber}
                        totalPages={view.totalPages}
                        onChange={(_e, { page }) => view.setPage(page)}
                    />
                    <Select
                        value={pageSize}
                        aria-label="Rows per page"
                        onChange={(_e, { value }) => {
                            setPageSize(Number(value));
                            view.setPage(1);
                        }}
                    >
                        {PAGE_SIZES.map((n) => (
                            <Select.Option key={n} value={n} label={`${n} per page`} />
                        ))}
                    </Select>
                </Toolbar>
            ) : null}
        </section>
    );
}
