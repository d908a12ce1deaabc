/**
 * Events over time with Dashboard Studio's column chart. Loaded lazily (`React.lazy(() => import(...))`) so the
 * visualization library is a separate webpack chunk that only the Internal hits tab pays for.
 */
import Column from '@splunk/visualizations/Column';

/** One bucket of the timeline. */
export interface TimeBucket {
    /** Bucket start, epoch milliseconds. */
    readonly time: number;
    readonly count: number;
}

export interface EventsChartProps {
    readonly buckets: readonly TimeBucket[];
    readonly height?: number;
}

/** A column chart of event counts per time bucket. */
export default function EventsChart({ buckets, height = 180 }: EventsChartProps) {
    const dataSource = {
        requestParams: {},
        meta: {},
        data: {
            fields: [{ name: '_time' }, { name: 'count' }],
            columns: [buckets.map((b) => new Date(b.time).toISOString()), buckets.map((b) => b.count)],
        },
    };
    return (
        <Column
            width="100%"
            height={height}
            dataSources={{ primary: dataSource }}
            options={{ legendDisplay: 'off', xAxisTitleVisibility: 'hide', yAxisTitleText: 'Events' }}
        />
    );
}
