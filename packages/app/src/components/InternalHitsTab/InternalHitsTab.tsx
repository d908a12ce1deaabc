import { lazy, Suspense, useMemo } from 'react';
import styled from 'styled-components';
import { findInText, type Indicator } from '@passivetotal/core';
import Heading from '@splunk/react-ui/Heading';
import Button from '@splunk/react-ui/Button';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import type { TimeBucket } from '../EventsChart/EventsChart';
import { HighlightedText } from '../HighlightedText/HighlightedText';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { testIds } from '../../selectors';
import { EventList } from './EventList';
import { ChartBoundary, TimelineBars } from './TimelineFallback';

const EventsChart = lazy(() => import(/* webpackChunkName: "events-chart" */ '../EventsChart/EventsChart'));

/** Events of one index and sourcetype (and data model, in CIM mode). */
export interface HitsByIndex {
    readonly index: string;
    readonly sourcetype: string;
    readonly datamodel?: string;
    readonly count: number;
}

/** One local event. */
export interface LocalEvent {
    /** ISO 8601 or epoch milliseconds. */
    readonly time: string | number;
    readonly raw: string;
    readonly index?: string;
    readonly sourcetype?: string;
    readonly host?: string;
    readonly source?: string;
}

/** One matching group of data model rows (CIM mode): the fields that matched, how many events, when. */
export interface CimRow {
    readonly datamodel: string;
    /** Field name (without the dataset prefix) and value, in the data model's order. */
    readonly fields: readonly (readonly [string, string])[];
    readonly count: number;
    /** Epoch milliseconds. */
    readonly firstSeen?: number;
    readonly lastSeen?: number;
}

/** What the local searches found for the indicator. */
export interface InternalHits {
    readonly total: number;
    readonly byIndex: readonly HitsByIndex[];
    readonly timeline: readonly TimeBucket[];
    /** The events retrieved (raw mode; may be fewer than `total`). */
    readonly events: readonly LocalEvent[];
    /** The matching data model rows (CIM mode). */
    readonly rows?: readonly CimRow[];
}

export interface InternalHitsTabProps {
    readonly indicator: Indicator;
    readonly hits: Remote<InternalHits>;
    /** "Open in Search" for the same search. */
    readonly searchHref?: string;
    /** How it matched, in one line (rule, mode, time range). */
    readonly matchedHow?: string;
    readonly onExport?: (file: CsvFile) => void;
}

const Rule = styled.p`
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
    margin: ${variables.spacingXSmall} 0 ${variables.spacingSmall};
`;

const BY_INDEX_COLUMNS: readonly Column<HitsByIndex>[] = [
    { id: 'index', label: 'Index', value: (r) => r.index },
    { id: 'sourcetype', label: 'Sourcetype', value: (r) => r.sourcetype },
    { id: 'count', label: 'Events', value: (r) => r.count, align: 'right' },
];

const fieldsText = (r: CimRow): string => r.fields.map(([name, value]) => `${name}=${value}`).join(' ');

/**
 * Local events mentioning the indicator: how it matched, counts by index and sourcetype, events over time (a
 * lazily loaded Dashboard Studio chart), and the latest events as Splunk shows them (raw mode) or the matching data
 * model rows (CIM mode), with the indicator highlighted where it matched.
 */
export function InternalHitsTab({ indicator, hits, searchHref, matchedHow, onExport }: InternalHitsTabProps) {
    const exportProps = onExport ? { onExport } : {};
    const byIndexColumns = useMemo(
        (): readonly Column<HitsByIndex>[] =>
            hits.state === 'done' && hits.value.rows
                ? [{ id: 'datamodel', label: 'Data model', value: (r) => r.datamodel }, ...BY_INDEX_COLUMNS]
                : BY_INDEX_COLUMNS,
        [hits]
    );
    const rowColumns = useMemo(
        (): readonly Column<CimRow>[] => [
            { id: 'datamodel', label: 'Data model', value: (r) => r.datamodel },
            {
                id: 'fields',
                label: 'Fields',
                value: fieldsText,
                render: (r) => {
                    const text = fieldsText(r);
                    return <HighlightedText text={text} matches={findInText(indicator, text)} />;
                },
            },
            { id: 'count', label: 'Events', value: (r) => r.count, align: 'right' },
            {
                id: 'first',
                label: 'First seen',
                value: (r) => r.firstSeen,
                render: (r) => <DateTime value={r.firstSeen} />,
            },
            {
                id: 'last',
                label: 'Last seen',
                value: (r) => r.lastSeen,
                render: (r) => <DateTime value={r.lastSeen} />,
            },
        ],
        [indicator]
    );

    return (
        <PanelStatus
            remote={hits}
            what="local events"
            isEmpty={(v) => v.total === 0}
            emptyText={`No local events mention ${indicator.display} in this time range.${matchedHow ? ` Matched as: ${matchedHow}.` : ''}`}
        >
            {(v) => (
                <>
                    {matchedHow ? (
                        <Rule data-test={testIds.internalHitsRule} data-mode={v.rows ? 'cim' : 'raw'}>
                            Matched as: {matchedHow}.
                        </Rule>
                    ) : null}
                    {searchHref ? (
                        <Button to={searchHref} openInNewContext appearance="secondary" label="Open in Search" />
                    ) : null}
                    <Heading level={3}>By index and sourcetype</Heading>
                    <DataTable
                        label="Events by index and sourcetype"
                        rows={v.byIndex}
                        columns={byIndexColumns}
                        rowKey={(r) => `${r.datamodel ?? ''}|${r.index}|${r.sourcetype}`}
                        defaultSort={{ column: 'count', dir: 'desc' }}
                        pageSize={25}
                        {...exportProps}
                    />
                    {v.timeline.length > 0 ? (
                        <>
                            <Heading level={3}>Over time</Heading>
                            <ChartBoundary fallback={<TimelineBars buckets={v.timeline} />}>
                                <Suspense fallback={<WaitSpinner screenReaderText="Loading chart" />}>
                                    <EventsChart buckets={v.timeline} />
                                </Suspense>
                            </ChartBoundary>
                        </>
                    ) : null}
                    {v.rows ? (
                        <>
                            <Heading level={3}>Matching data model rows</Heading>
                            <DataTable
                                label="Matching data model rows"
                                rows={v.rows}
                                columns={rowColumns}
                                rowKey={(r, i) => `${r.datamodel}|${fieldsText(r)}|${i}`}
                                defaultSort={{ column: 'count', dir: 'desc' }}
                                pageSize={25}
                                {...exportProps}
                            />
                        </>
                    ) : (
                        <>
                            <Heading level={3}>
                                Events
                                {v.events.length < v.total
                                    ? ` (latest ${v.events.length.toLocaleString('en-US')} of ${v.total.toLocaleString('en-US')})`
                                    : ''}
                            </Heading>
                            <EventList indicator={indicator} events={v.events} {...exportProps} />
                        </>
                    )}
                </>
            )}
        </PanelStatus>
    );
}
