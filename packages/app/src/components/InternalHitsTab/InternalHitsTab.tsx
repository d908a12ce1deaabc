import { lazy, Suspense, useMemo } from 'react';
import type { Indicator } from '@passivetotal/core';
import Heading from '@splunk/react-ui/Heading';
import Button from '@splunk/react-ui/Button';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import type { TimeBucket } from '../EventsChart/EventsChart';
import { HighlightedText, highlightTerms } from '../HighlightedText/HighlightedText';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { ChartBoundary, TimelineBars } from './TimelineFallback';

const EventsChart = lazy(() => import(/* webpackChunkName: "events-chart" */ '../EventsChart/EventsChart'));

/** Events of one index and sourcetype. */
export interface HitsByIndex {
    readonly index: string;
    readonly sourcetype: string;
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

/** What the local searches found for the indicator. */
export interface InternalHits {
    readonly total: number;
    readonly byIndex: readonly HitsByIndex[];
    readonly timeline: readonly TimeBucket[];
    /** The events retrieved (may be fewer than `total`). */
    readonly events: readonly LocalEvent[];
}

export interface InternalHitsTabProps {
    readonly indicator: Indicator;
    readonly hits: Remote<InternalHits>;
    /** "Open in Search" for the same search. */
    readonly searchHref?: string;
    readonly onExport?: (file: CsvFile) => void;
}

const BY_INDEX_COLUMNS: readonly Column<HitsByIndex>[] = [
    { id: 'index', label: 'Index', value: (r) => r.index },
    { id: 'sourcetype', label: 'Sourcetype', value: (r) => r.sourcetype },
    { id: 'count', label: 'Events', value: (r) => r.count, align: 'right' },
];

function eventTime(e: LocalEvent): number | undefined {
    const t = typeof e.time === 'number' ? e.time : Date.parse(e.time);
    return Number.isNaN(t) ? undefined : t;
}

/**
 * Local events mentioning the indicator: counts by index and sourcetype, events over time (a lazily loaded
 * Dashboard Studio chart), and the events with the indicator highlighted.
 */
export function InternalHitsTab({ indicator, hits, searchHref, onExport }: InternalHitsTabProps) {
    const exportProps = onExport ? { onExport } : {};
    const terms = useMemo(() => highlightTerms(indicator), [indicator]);
    const eventColumns = useMemo(
        (): readonly Column<LocalEvent>[] => [
            { id: 'time', label: 'Time', value: eventTime, render: (e) => <DateTime value={e.time} /> },
            { id: 'index', label: 'Index', value: (e) => e.index },
            { id: 'sourcetype', label: 'Sourcetype', value: (e) => e.sourcetype },
            { id: 'host', label: 'Host', value: (e) => e.host },
            {
                id: 'raw',
                label: 'Event',
                value: (e) => e.raw,
                sortable: false,
                render: (e) => <HighlightedText text={e.raw} terms={terms} />,
            },
        ],
        [terms]
    );

    return (
        <PanelStatus
            remote={hits}
            what="local events"
            isEmpty={(v) => v.total === 0}
            emptyText={`No local events mention ${indicator.display} in this time range.`}
        >
            {(v) => (
                <>
                    {searchHref ? (
                        <Button to={searchHref} openInNewContext appearance="secondary" label="Open in Search" />
                    ) : null}
                    <Heading level={3}>By index and sourcetype</Heading>
                    <DataTable
                        label="Events by index and sourcetype"
                        rows={v.byIndex}
                        columns={BY_INDEX_COLUMNS}
                        rowKey={(r) => `${r.index}|${r.sourcetype}`}
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
                    <Heading level={3}>
                        Events
                        {v.events.length < v.total
                            ? ` (latest ${v.events.length.toLocaleString('en-US')} of ${v.total.toLocaleString('en-US')})`
                            : ''}
                    </Heading>
                    <DataTable
                        label="Local events"
                        rows={v.events}
                        columns={eventColumns}
                        rowKey={(e, i) => `${String(e.time)}|${i}`}
                        defaultSort={{ column: 'time', dir: 'desc' }}
                        pageSize={25}
                        {...exportProps}
                    />
                </>
            )}
        </PanelStatus>
    );
}
