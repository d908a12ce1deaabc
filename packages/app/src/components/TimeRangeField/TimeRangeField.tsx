import { lazy, Suspense } from 'react';
import Button from '@splunk/react-ui/Button';
import type { Preset } from '@splunk/react-time-range/Dialog';
import type { ParseTimeResult } from '@splunk/react-time-range/Dialog/Panel';

// The picker brings moment and its time zone data (about 300 KB gzipped): it loads as its own chunk right after
// the page, and a plain button with the current range's label stands in until then.
const TimeRangeDropdown = lazy(
    () => import(/* webpackChunkName: "time-range-picker" */ '@splunk/react-time-range/Dropdown')
);

/** A time range in Splunk's terms (`-7d@h`, `now`, epoch seconds, ISO). */
export interface TimeRange {
    readonly earliest: string;
    readonly latest: string;
}

/** The default range of local searches: the last 7 days. */
export const DEFAULT_TIME_RANGE: TimeRange = Object.freeze({ earliest: '-7d@h', latest: 'now' });

/** Presets that suit an investigation (no real-time: an investigation is a point-in-time look back). */
export const INVESTIGATION_PRESETS: readonly Preset[] = Object.freeze([
    { label: 'Last 60 minutes', earliest: '-60m@m', latest: 'now' },
    { label: 'Last 4 hours', earliest: '-4h@m', latest: 'now' },
    { label: 'Last 24 hours', earliest: '-24h@h', latest: 'now' },
    { label: 'Last 7 days', earliest: '-7d@h', latest: 'now' },
    { label: 'Last 30 days', earliest: '-30d@d', latest: 'now' },
    { label: 'Last 90 days', earliest: '-90d@d', latest: 'now' },
    { label: 'All time', earliest: '0', latest: '' },
]);

/** The parse result Splunk's time picker expects for previews (`{ time, iso }` from `search/timeparser`). */
export type TimeParse = ParseTimeResult;

export interface TimeRangeFieldProps {
    readonly value: TimeRange;
    readonly onChange: (range: TimeRange) => void;
    /** Defaults to {@link INVESTIGATION_PRESETS}; a container may pass the presets of the Splunk instance. */
    readonly presets?: readonly Preset[];
    /**
     * Previews of relative times. Splunk Web parses them with `search/timeparser` (e.g. `getISO` of
     * `@splunk/time-range-utils/timeParser`); without a parser the picker still works, without previews.
     */
    readonly parseEarliest?: TimeParse;
    readonly parseLatest?: TimeParse;
    readonly onRequestParseEarliest?: (time: string) => void;
    readonly onRequestParseLatest?: (time: string) => void;
    readonly labelledBy?: string;
}

/**
 * A range in words, for sentences: a preset's label ("last 7 days") or the range as written.
 *
 * @example timeRangeWords({ earliest: '-7d@h', latest: 'now' }) // 'last 7 days'
 */
export function timeRangeWords(range: TimeRange, presets: readonly Preset[] = INVESTIGATION_PRESETS): string {
    const label = presets.find((p) => p.earliest === range.earliest && (p.latest ?? '') === range.latest)?.label;
    if (label) return label.charAt(0).toLowerCase() + label.slice(1);
    return `${range.earliest} to ${range.latest || 'now'}`;
}

function isRange(data: unknown): data is TimeRange {
    if (typeof data !== 'object' || data === null) return false;
    const { earliest, latest } = data as Record<string, unknown>;
    return typeof earliest === 'string' && typeof latest === 'string';
}

/**
 * The time range of the local side, with Splunk's own time picker (`@splunk/react-time-range`): presets,
 * relative, date and date-time ranges and the advanced form, keyboard accessible like the rest of Splunk Web.
 */
export function TimeRangeField({
    value,
    onChange,
    presets = INVESTIGATION_PRESETS,
    parseEarliest,
    parseLatest,
    onRequestParseEarliest,
    onRequestParseLatest,
    labelledBy,
}: TimeRangeFieldProps) {
    const presetLabel = presets.find((p) => p.earliest === value.earliest && (p.latest ?? '') === value.latest)?.label;
    const placeholder = (
        <Button
            disabled
            label={presetLabel ?? `${value.earliest} to ${value.latest || 'now'}`}
            {...(labelledBy === undefined ? {} : { 'aria-labelledby': labelledBy })}
        />
    );
    return (
        <Suspense fallback={placeholder}>
            <TimeRangeDropdown
                earliest={value.earliest}
                latest={value.latest}
                presets={[...presets]}
                realTimeDisabled
                labelMaxChars={40}
                onChange={(_event, data: unknown) => {
                    if (isRange(data)) onChange({ earliest: data.earliest, latest: data.latest });
                }}
                {...(labelledBy === undefined ? {} : { 'aria-labelledby': labelledBy })}
                {...(parseEarliest ? { parseEarliest } : {})}
                {...(parseLatest ? { parseLatest } : {})}
                {...(onRequestParseEarliest ? { onRequestParseEarliest } : {})}
                {...(onRequestParseLatest ? { onRequestParseLatest } : {})}
            />
        </Suspense>
    );
}
